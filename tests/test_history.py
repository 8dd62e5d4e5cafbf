"""Each agency's record: every request (edited and withdrawn versions included) and
local figures, from the command line and in the window with the areas on the map."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from db.clips.cameras import Camera, add_camera
from db.requests.intake import apply_feed
from db.requests.request_doc import parse_request
from db.store.database import open_database
from desktop.cli import main
from desktop.main_window import MainWindow
from desktop.services import build_services
from tests.qt_helpers import cell
from tests.requests_helpers import PORCH, insert_clip, make_doc, window_base


@pytest.fixture
def history_db(tmp_path: Path) -> tuple[Path, list[dict]]:
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    assert cam.id is not None
    insert_clip(db, cam.id, window_base(), 60, "c.mp4")
    db.execute("INSERT INTO feeds (url, created_at) VALUES ('https://feed.test/r', 'now')")
    db.conn.commit()
    a, b, blocked = make_doc(), make_doc(), make_doc(case_number=None)
    now = datetime.now(UTC)

    def docs(*items: dict) -> list:
        return [parse_request(json.dumps(i).encode()) for i in items]

    apply_feed(db, 1, docs(a, b, blocked), [], now=now)
    apply_feed(db, 1, docs(dict(a, description="Now also the side gate."), blocked), [], now=now)
    db.close()
    return path, [a, b, blocked]


def test_agency_history_from_the_command_line(history_db, capsys) -> None:
    path, (a, b, _blocked) = history_db
    assert main(["--db", str(path), "agency", "history", "ex-pd", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    f = data["figures"]
    assert (f["requests"], f["versions"], f["edited"], f["withdrawn"], f["broke_rules"]) == (
        3,
        4,
        1,
        1,
        1,
    )
    states = [(r["request_id"], r["version"], r["state"]) for r in data["requests"]]
    assert (a["id"], 1, "edited") in states and (a["id"], 2, "current") in states
    assert (b["id"], 1, "withdrawn") in states
    assert main(["--db", str(path), "agency", "history", "ex-pd"]) == 0
    out = capsys.readouterr().out
    assert "3 requests, 1 edited, 1 withdrawn; 1 broke your rules" in out
    assert "stay on this computer" in out


def test_agency_history_in_the_window(qtbot, tmp_path: Path, history_db) -> None:
    from desktop.widgets.agency_history import AgencyHistoryDialog

    path, _docs = history_db
    services = build_services(path, "resident")
    window = MainWindow(services, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    with qtbot.waitSignal(services.requests.loaded, timeout=10000):
        window.show()
        window.start(poll_feeds=False)
    try:
        window.commands["agencies"].trigger()
        dialog = window.agency_dialog
        assert isinstance(dialog, AgencyHistoryDialog)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 4, timeout=10000)
        assert "3 requests (1 edited, 1 withdrawn)" in dialog.summary.text()
        assert "never leave" in dialog.summary.text()
        states = {cell(dialog.table, r, 3).text() for r in range(4)}
        assert states == {"current", "replaced (edited)", "withdrawn"}
        dialog.map_button.click()
        panel = window.map_panel
        assert len(panel.history_items) == 4
        assert "4 areas of one agency" in panel.view.notice
        dialog.reject()
        assert panel.history_items == [] and panel.view.notice == ""
    finally:
        services.shutdown()
