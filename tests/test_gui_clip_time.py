"""The window's side of clip times: a request's candidate whose recording time is
uncertain shows a warning, and approving it asks for a confirmation."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.store.database import open_database
from desktop.main_window import MainWindow
from desktop.models.candidates import CandidateRole
from desktop.services import build_services
from tests.requests_helpers import PORCH, make_doc, write_doc
from tests.test_clip_time_candidates import make_footage


@pytest.fixture
def footage_db(tmp_path: Path) -> Path:
    path = tmp_path / "doorstep.sqlite3"
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    make_footage(tmp_path / "footage")
    assert import_folder(db, tmp_path / "footage", cam, probe_processes=0).added == 3
    db.close()
    return path


@pytest.fixture
def window(qtbot, tmp_path: Path, footage_db: Path):
    services = build_services(footage_db, "resident")
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    win = MainWindow(services, settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(services.requests.loaded, timeout=10000):
        win.show()
        win.start()
    yield win
    services.shutdown()


def test_uncertain_candidates_warn_and_approving_one_asks_first(
    qtbot, window: MainWindow, footage_db: Path, tmp_path: Path
) -> None:
    view = window.requests_view
    with (
        qtbot.waitSignal(view.detail.loaded, timeout=10000),
        qtbot.waitSignal(window.services.requests.loaded, timeout=10000),
    ):
        window.import_request_files([write_doc(tmp_path, make_doc())])
    panel = view.detail
    model = panel.candidates
    assert model.rowCount() == 3
    rows = {model.index(r, 0).data(CandidateRole).path.rsplit("/", 1)[-1]: r for r in range(3)}
    disagree = rows["15.00.mp4"]
    assert "⚠ time uncertain" in model.index(disagree, 0).data()
    assert "(uncertain)" in model.index(disagree, 2).data()
    tip = model.index(disagree, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "time uncertain: the file name says" in tip
    assert "⚠" not in model.index(rows["30.00.mp4"], 0).data()
    assert "⚠ time uncertain" in model.index(rows["nameless.mp4"], 0).data()
    assert "2 clips with an uncertain recording time" in panel.text.text()

    panel.table.selectRow(disagree)
    panel.decisions.approve.click()
    qtbot.waitUntil(lambda: panel.confirm_box is not None and panel.confirm_box.isVisible())
    assert panel.confirm_box.windowTitle() == "Share a clip whose time is uncertain?"
    assert "may be wrong" in panel.confirm_box.text()
    assert "10.0 days later" in panel.confirm_box.text()
    with qtbot.waitSignal(panel.decided, timeout=10000):
        panel.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    assert model.decision(disagree) == "approved"
    db = open_database(footage_db)
    confirmed = db.execute("SELECT sensitive_confirmed FROM decisions").fetchall()
    db.close()
    assert confirmed == [(1,)]
