"""The window's export hides the camera's privacy masks, accepted as "window" with its
audit entry (docs/redaction.md, "Exporting")."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from db.redaction.masks import add_mask
from db.store.database import open_database
from tests.requests_helpers import make_doc, write_doc
from tests.test_burn_in_export import files_of
from tests.test_gui_requests import import_files, library_db, open_window

__all__ = ["library_db", "open_window"]  # fixtures, used by name


def test_the_windows_export_hides_the_cameras_masks(
    qtbot, open_window, library_db: Path, tmp_path: Path
) -> None:
    with closing(sqlite3.connect(library_db)) as con:
        [(camera, width, height)] = con.execute(
            "SELECT camera_id, width, height FROM clips WHERE path LIKE '%in-window.mp4'"
        )
    db = open_database(str(library_db))
    try:
        add_mask(db, camera, "Neighbour's window", [(0, 0), (40, 0), (40, 30)], width, height)
    finally:
        db.close()
    window = open_window(library_db)
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    panel = view.detail
    with qtbot.waitSignal(panel.decided, timeout=10000):
        panel.decisions.approve_all.click()
    out = tmp_path / "out"
    out.mkdir()
    with qtbot.waitSignal(window.services.sharing.finished, timeout=60000):
        panel.export_to(out)
    [entry] = files_of(out)
    red = entry["redaction"]
    assert red["working_copy"] == "redacted" and red["accepted"]["by"] == "window"
    assert [m["name"] for m in red["masks"]] == ["Neighbour's window"]
    assert entry["re_encoded"] is True
    with closing(sqlite3.connect(library_db)) as con:
        [(details,)] = con.execute(
            "SELECT details FROM audit_log WHERE action = 'redaction accepted'"
        )
    assert json.loads(details)["accepted_by"] == "window"
