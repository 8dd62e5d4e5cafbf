"""Burning the UTC time in, asked for the way a resident asks: `export --burn-in-utc`
on the command line and the share bar's check box in the window."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from tests.redaction_review_helpers import faces_as_recorded
from tests.requests_helpers import make_doc, write_doc
from tests.test_gui_requests import import_files, library_db, open_window

__all__ = ["library_db", "open_window"]  # fixtures, used by name


def files_of(out: Path) -> list[dict[str, Any]]:
    [package] = list(out.iterdir())
    files: list[dict[str, Any]] = json.loads((package / "manifest.json").read_bytes())["files"]
    return files


@pytest.mark.parametrize("burn_in", [False, True])
def test_export_burn_in_utc(
    library_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], burn_in: bool
) -> None:
    db = str(library_db)
    doc = make_doc()
    assert main(["--db", db, "import-request", str(write_doc(tmp_path, doc))]) == 0
    with closing(sqlite3.connect(db)) as con:
        [(clip,)] = con.execute("SELECT id FROM clips WHERE path LIKE '%in-window.mp4'")
    assert main(["--db", db, "decide", doc["id"], str(clip), "approve"]) == 0
    out = tmp_path / "out"
    out.mkdir()
    options = ["--burn-in-utc"] if burn_in else []
    assert main(["--db", db, "export", doc["id"], "--out", str(out), *options]) == 0, (
        capsys.readouterr().err
    )
    [entry] = files_of(out)
    assert entry["utc_burned_in"] is burn_in
    assert entry["re_encoded"] is burn_in  # the clip is H.264: copied unless burned in


def test_the_windows_check_box_burns_the_time_in(
    qtbot, open_window, library_db: Path, tmp_path: Path
) -> None:
    faces_as_recorded()  # no face review: this test is about sharing
    window = open_window(library_db)
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    panel = view.detail
    with qtbot.waitSignal(panel.decided, timeout=10000):
        panel.decisions.approve_all.click()
    assert not panel.share.burn_in.isChecked()  # off unless the resident asks
    panel.share.burn_in.setChecked(True)
    out = tmp_path / "out"
    out.mkdir()
    with qtbot.waitSignal(window.services.sharing.finished, timeout=60000):
        panel.export_to(out)
    [entry] = files_of(out)
    assert entry["utc_burned_in"] is True and entry["re_encoded"] is True
