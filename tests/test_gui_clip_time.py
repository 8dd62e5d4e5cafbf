"""The window's side of clip times: a request's candidate whose recording time is
uncertain shows a warning, and approving it asks for a confirmation."""

from __future__ import annotations

import json
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
from tests.qt_helpers import cell
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
    box = panel.confirm_box
    assert box is not None
    assert box.windowTitle() == "Share a clip whose time is uncertain?"
    assert "may be wrong" in box.text()
    assert "10.0 days later" in box.text()
    with qtbot.waitSignal(panel.decided, timeout=10000):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert model.decision(disagree) == "approved"
    db = open_database(footage_db)
    confirmed = db.execute("SELECT sensitive_confirmed FROM decisions").fetchall()
    db.close()
    assert confirmed == [(1,)]


def _wyze_card(root: Path) -> Path:
    """A Wyze card copied with cp: three clips named by the minute, and a file whose
    only time is its (lying) modification time."""
    import os
    from datetime import UTC, datetime

    from db.demo.synth import make_clip

    for minute in (15, 16, 17):
        make_clip(root / f"20261120/14/{minute}.mp4", seconds=1, hue=minute)
    make_clip(root / "misc/clip.mp4", seconds=1, hue=2)
    copied = datetime(2031, 3, 3, tzinfo=UTC).timestamp()
    for folder, _dirs, files in os.walk(root):
        for name in files:
            os.utime(Path(folder) / name, (copied, copied))
    return root


@pytest.fixture
def camera_db(tmp_path: Path) -> Path:
    path = tmp_path / "cams.sqlite3"
    db = open_database(path)
    add_camera(db, Camera("Porch", PORCH[1], PORCH[0], tz="America/Los_Angeles"))
    db.close()
    return path


def test_import_dialog_previews_the_times_and_stores_the_profile_chosen(
    qtbot, tmp_path: Path, camera_db: Path
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.widgets.import_dialog import AUTO_TEXT

    services = build_services(camera_db, "resident")
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    win = MainWindow(services, settings)
    qtbot.addWidget(win)
    try:
        with qtbot.waitSignal(services.cameras.loaded, timeout=10000):
            win.show()
            win.start()
        qtbot.waitUntil(lambda: services.cameras.rowCount() == 1)
        folder = _wyze_card(tmp_path / "card")
        dialog = win.import_folder()
        assert dialog.profile.currentText() == AUTO_TEXT
        with qtbot.waitSignal(dialog.preview_ready, timeout=10000):
            dialog.folder.setText(str(folder))
        assert "Named like wyze: 3 of the first 4 file(s)." in dialog.detected.text()
        table = dialog.preview
        rows = {cell(table, r, 0).text(): r for r in range(table.rowCount())}
        first = rows["20261120/14/15.mp4"]
        assert cell(table, first, 1).text() == "2026-11-20 14:15:00 PST (22:15:00 UTC)"
        assert cell(table, first, 2).text() == "the folders and file name (wyze layout)"
        odd = rows["misc/clip.mp4"]
        assert cell(table, odd, 1).text().startswith("⚠ ")
        assert "modification time" in cell(table, odd, 1).toolTip()
        assert "1 of these 4 would be flagged" in dialog.uncertain.text()

        # Another profile: the Wyze names no longer read, every file is uncertain.
        with qtbot.waitSignal(dialog.preview_ready, timeout=10000):
            dialog.profile.setCurrentIndex(dialog.profile.findData("dahua"))
        assert "Every file is read as dahua." in dialog.detected.text()
        assert "4 of these 4 would be flagged" in dialog.uncertain.text()
        with qtbot.waitSignal(dialog.preview_ready, timeout=10000):
            dialog.profile.setCurrentIndex(dialog.profile.findData("wyze"))
        with qtbot.waitSignal(services.imports.finished, timeout=30000):
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        # The clip's detail says where its start came from, and why it is uncertain.
        view = win.clips_view
        qtbot.waitUntil(lambda: services.clips.is_loaded(0) and view.model.rowCount() == 4)
        texts = {}
        notes: dict[str, tuple[str, bool]] = {}
        for row in range(4):
            view.select_row(row)
            qtbot.waitUntil(lambda: view.detail.clip is not None)
            qtbot.waitUntil(lambda: "Start time from" in view.detail.facts.text())
            clip = view.detail.clip
            assert clip is not None
            name = clip.path.rsplit("/", 1)[-1]
            texts[name] = view.detail.facts.text()
            note = view.detail.time_note_field
            notes[name] = (note.text(), view.detail.facts_form.isRowVisible(note))
        assert "the folders and file name (wyze layout)" in texts["15.mp4"]
        assert "Time uncertain" not in texts["15.mp4"]
        assert notes["15.mp4"] == ("", False)
        assert "⚠ Time uncertain" in texts["clip.mp4"]
        # the reason, whole, in a field of its own (it is longer than the panel is wide)
        assert notes["clip.mp4"][0].startswith("only the file's modification time")
        assert notes["clip.mp4"][1]
        from desktop.models.clips import COL

        model = services.clips
        starts = {
            model.index(r, COL["clip"]).data(): model.index(r, COL["start"]) for r in range(4)
        }
        assert starts["clip.mp4"].data().endswith("⚠ uncertain")
        assert "⚠ Time uncertain: only" in starts["clip.mp4"].data(Qt.ItemDataRole.ToolTipRole)
        assert "uncertain" not in starts["15.mp4"].data()
        assert "(from the folders and file name (wyze layout))" in starts["15.mp4"].data(
            Qt.ItemDataRole.ToolTipRole
        )
    finally:
        services.shutdown()
    db = open_database(camera_db)
    assert db.execute("SELECT naming_profile FROM cameras").fetchone() == ("wyze",)
    details = db.execute(
        "SELECT details FROM audit_log WHERE action = 'camera changed'"
    ).fetchone()[0]
    assert json.loads(details)["naming_profile"] == "wyze"
    sources = dict(db.execute("SELECT rel_path, start_source FROM clips").fetchall())
    db.close()
    assert sources["20261120/14/15.mp4"] == "filename:wyze"
    assert sources["misc/clip.mp4"] == "mtime"


def test_editing_a_camera_in_the_window_keeps_its_naming_profile(
    qtbot, tmp_path: Path, camera_db: Path
) -> None:
    from dataclasses import replace

    from db.clips.cameras import edit_camera, get_camera
    from desktop.widgets.camera_dialogs import CameraEditDialog

    db = open_database(camera_db)
    edit_camera(db, replace(get_camera(db, 1), naming_profile="reolink"))
    db.close()
    services = build_services(camera_db, "resident")
    try:
        with qtbot.waitSignal(services.cameras.loaded, timeout=10000):
            services.cameras.refresh()
        dialog = CameraEditDialog(services.cameras, services.cameras.by_id(1))
        qtbot.addWidget(dialog)
        dialog.name.setText("Front porch")
        with qtbot.waitSignal(services.cameras.changed, timeout=10000):
            dialog.save()
    finally:
        services.shutdown()
    db = open_database(camera_db)
    assert db.execute("SELECT name, naming_profile FROM cameras").fetchone() == (
        "Front porch",
        "reolink",
    )
    db.close()
