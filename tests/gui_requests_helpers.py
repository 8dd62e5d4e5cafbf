"""The window on a resident's database with clips, as the request tests open it:
fixtures ``library_db`` and ``open_window`` (import them by name into a test module),
and ``import_files``."""

from __future__ import annotations

import ssl
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.demo.synth import make_clip
from db.store.database import open_database
from desktop.main_window import MainWindow
from desktop.services import build_services
from tests.requests_helpers import PORCH, window_base


@pytest.fixture
def library_db(tmp_path: Path) -> Path:
    """A resident's database: one camera at the porch with two real clips, one inside
    yesterday's 14:00-16:00 UTC window and one the day before."""
    path = tmp_path / "doorstep.sqlite3"
    clips = tmp_path / "porch"
    clips.mkdir()
    make_clip(clips / "in-window.mp4", seconds=3, creation_time=window_base() + timedelta(hours=1))
    make_clip(clips / "day-before.mkv", seconds=3, creation_time=window_base() - timedelta(days=1))
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0], tz="America/Los_Angeles"))
    assert import_folder(db, clips, cam).added == 2
    db.close()
    return path


@pytest.fixture
def open_window(qtbot, tmp_path: Path):
    opened = []

    def make(db_path: Path, ssl_context: ssl.SSLContext | None = None) -> MainWindow:
        services = build_services(db_path, "resident", ssl_context=ssl_context)
        settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
        window = MainWindow(services, settings)
        qtbot.addWidget(window)
        opened.append(services)
        with qtbot.waitSignal(services.requests.loaded, timeout=10000):
            window.show()
            window.start()
        return window

    yield make
    for services in opened:
        services.shutdown()


def import_files(qtbot, window: MainWindow, files: list[Path]) -> None:
    with qtbot.waitSignal(window.services.requests.loaded, timeout=10000):
        window.import_request_files(files)
