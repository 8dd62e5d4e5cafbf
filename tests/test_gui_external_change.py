"""The window follows what another process (the command line) writes to its database:
the database thread notices other connections' commits (``PRAGMA data_version``) and
the window reloads the requests and the audit count."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from db.store.database import open_database
from desktop.main_window import MainWindow
from desktop.services import build_services
from tests.requests_helpers import make_doc, write_doc

ROOT = Path(__file__).resolve().parent.parent


def open_on(qtbot, db_path: Path, tmp_path: Path) -> MainWindow:
    services = build_services(db_path, "resident")
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(services.requests.loaded, timeout=10000):
        window.show()
        window.start(poll_feeds=False)
    return window


def test_request_imported_by_the_cli_appears_in_the_open_window(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "doorstep.sqlite3"
    open_database(path).close()
    window = open_on(qtbot, path, tmp_path)
    services = window.services
    try:
        assert services.requests.rowCount() == 0
        with qtbot.waitSignal(window.audit_view.model.loaded, timeout=5000):
            window.tabs.setCurrentWidget(window.audit_page)
        audit_rows = window.audit_view.model.rowCount
        before = audit_rows()
        doc = make_doc()
        subprocess.run(
            [sys.executable, "main.py", "--db", str(path), "import-request",
             str(write_doc(tmp_path, doc))],
            cwd=ROOT, check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        qtbot.waitUntil(lambda: services.requests.rowCount() == 1, timeout=2000)
        db = open_database(path)
        head = db.conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
        db.close()
        assert head > 0
        label = window.audit_indicator.label
        qtbot.waitUntil(lambda: f"{head:,} entr" in label.text(), timeout=2000)
        qtbot.waitUntil(lambda: audit_rows() > before, timeout=2000)  # the Audit tab
    finally:
        services.shutdown()
    poll = services.db._worker._poll
    assert poll is not None and not poll.isActive()


def test_the_windows_own_writes_are_not_taken_for_another_process(
    qtbot,
    tmp_path: Path,
) -> None:
    path = tmp_path / "doorstep.sqlite3"
    open_database(path).close()
    window = open_on(qtbot, path, tmp_path)
    services = window.services
    try:
        with (
            qtbot.assertNotEmitted(services.db.external_change, wait=1500),
            qtbot.waitSignal(services.db.audit_changed, timeout=5000),
        ):
            window.import_request_files([write_doc(tmp_path, make_doc())])
    finally:
        services.shutdown()
