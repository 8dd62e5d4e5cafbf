"""A main window on a prepared database, started as the app starts it (feeds not polled),
for the window tests that open a dialog on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.main_window import MainWindow
from desktop.services import build_services


def started_window(qtbot, tmp_path: Path, db_path: Path, *, cameras: int) -> Iterator[MainWindow]:
    """Yield the window once it is ready and shows ``cameras`` cameras; shut its services
    down after the test."""
    services = build_services(db_path, "resident")
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    win = MainWindow(services, settings)
    qtbot.addWidget(win)
    win.resize(1200, 900)
    with qtbot.waitSignal(win.ready, timeout=10000):
        win.show()
        win.start(poll_feeds=False)
    qtbot.waitUntil(lambda: win.services.cameras.rowCount() == cameras, timeout=10000)
    yield win
    services.shutdown()
