"""The privacy masks dialog as a resident uses it: a frame of the camera's newest clip
(decoded on a worker) with its masks shaded, a polygon drawn by clicks (or the keyboard)
and added through the database thread, a polygon that cannot be a mask refused before
saving, a mask removed after asking, and a mask added elsewhere shown."""

from __future__ import annotations

import json
import re
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.demo.synth import make_clip
from db.redaction.masks import add_mask, masks_for_camera
from db.store.database import open_database
from desktop.main_window import MainWindow
from desktop.widgets.camera_dialogs import CamerasDialog
from desktop.widgets.mask_dialog import MaskDialog
from desktop.window_clock import clip_menu
from tests.gui_window import started_window


@pytest.fixture
def masks_db(tmp_path: Path) -> Path:
    """Porch with one 640×360 clip and a mask; Gate with no clips."""
    folder = tmp_path / "porch"
    make_clip(
        folder / "a.mp4",
        width=640,
        height=360,
        seconds=2,
        creation_time=datetime(2026, 11, 20, 19, 15, tzinfo=UTC),
    )
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    porch = add_camera(db, Camera("Porch", 40.7, -74.0, tz="UTC"))
    add_camera(db, Camera("Gate", 40.7, -74.0, tz="UTC"))
    import_folder(db, folder, porch)
    assert porch.id is not None
    add_mask(db, porch.id, "Window", [(10, 10), (100, 10), (100, 80)], 1280, 720)
    db.close()
    return path


@pytest.fixture
def window(qtbot, tmp_path: Path, masks_db: Path):
    yield from started_window(qtbot, tmp_path, masks_db, cameras=2)


def _open(qtbot, window: MainWindow) -> MaskDialog:
    window.commands["privacy-masks"].trigger()
    dialog = next(d for d in window.findChildren(MaskDialog) if d.isVisible())
    if dialog.camera.name != "Porch":
        dialog.camera_box.setCurrentIndex(dialog.camera_box.findText("Porch"))
    qtbot.waitUntil(lambda: dialog.view.ready, timeout=10000)
    return dialog


def _click(qtbot, dialog: MaskDialog, x: int, y: int) -> tuple[int, int]:
    """Click the frame where picture pixel (x, y) is shown; the pixel it placed."""
    pos = dialog.view.to_widget((x, y)).toPoint()
    placed = dialog.view.to_picture(pos)
    assert placed is not None
    qtbot.mouseClick(dialog.view, Qt.MouseButton.LeftButton, pos=pos)
    return placed


def _stored(path: Path) -> list[tuple[str, tuple[tuple[int, int], ...], int, int]]:
    db = open_database(path)
    cam = db.execute("SELECT id FROM cameras WHERE name = 'Porch'").fetchone()[0]
    got = [(m.name, m.points, m.width, m.height) for m in masks_for_camera(db, cam)]
    db.close()
    return got


def test_a_polygon_drawn_by_clicks_is_named_and_saved(qtbot, window, masks_db: Path) -> None:
    dialog = _open(qtbot, window)
    assert dialog.source.text() == "A frame of its newest clip, a.mp4 (640×360)"
    # The stored mask, drawn on a 1280×720 picture, is shown scaled to this one.
    assert [(m.name, m.points) for m in dialog.view.masks] == [
        ("Window", ((5, 5), (50, 5), (50, 40)))
    ]
    assert dialog.list.count() == 1 and dialog.list.item(0).text() == "Window · 3 corners"
    assert not dialog.add_button.isEnabled()
    corners = [_click(qtbot, dialog, x, y) for x, y in ((300, 100), (500, 110), (480, 300))]
    assert dialog.hint.text().startswith("3 corners placed: double-click or press Enter")
    pos = dialog.view.to_widget((310, 290)).toPoint()
    last = dialog.view.to_picture(pos)
    assert last is not None
    qtbot.mouseDClick(dialog.view, Qt.MouseButton.LeftButton, pos=pos)
    corners.append(last)
    assert dialog.view.closed and dialog.view.points == corners
    assert dialog.hint.text().startswith("A polygon of 4 corners: name it")
    assert not dialog.add_button.isEnabled()  # no name yet
    assert dialog.error.text() == "A privacy mask needs a name (what it hides)."
    qtbot.keyClicks(dialog.name, "Neighbour's door")
    assert dialog.add_button.isEnabled() and dialog.error.isHidden()
    with (
        qtbot.waitSignal(dialog.loaded, timeout=10000),
        qtbot.waitSignal(dialog.added, timeout=10000) as added,
    ):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert isinstance(added.args[0], int)
    assert _stored(masks_db)[1] == ("Neighbour's door", tuple(corners), 640, 360)
    # The list and the shading follow (the refresher reloads the dialog), the drawing
    # and the name are cleared for the next one.
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
        "Window · 3 corners",
        "Neighbour's door · 4 corners",
    ]
    assert len(dialog.view.masks) == 2 and dialog.view.points == []
    assert dialog.name.text() == "" and dialog.note.text().startswith("Added the mask")
    db = open_database(masks_db)
    entry = db.execute(
        "SELECT details FROM audit_log WHERE action = 'privacy mask added' ORDER BY seq DESC"
    ).fetchone()[0]
    db.close()
    assert json.loads(entry)["mask"] == "Neighbour's door"
    dialog.reject()


def test_the_keyboard_draws_closes_takes_back_and_drops(qtbot, window, masks_db) -> None:
    dialog = _open(qtbot, window)
    view = dialog.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Space)  # the cross starts in the middle
    assert view.points == [(320, 180)]
    qtbot.keyClick(view, Qt.Key.Key_Right)  # a step of 1/64 of the width
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # one pixel
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.points == [(320, 180), (330, 180), (330, 181)]
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.closed
    qtbot.keyClick(view, Qt.Key.Key_Backspace)  # reopens
    assert not view.closed and len(view.points) == 3
    qtbot.keyClick(view, Qt.Key.Key_Backspace)  # takes back a corner
    assert view.points == [(320, 180), (330, 180)]
    qtbot.keyClick(view, Qt.Key.Key_Return)  # two corners do not close
    assert not view.closed
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # drops the polygon, the dialog stays
    assert view.points == [] and dialog.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # nothing drawn: Esc closes the dialog
    assert not dialog.isVisible()
    assert [m[0] for m in _stored(masks_db)] == ["Window"]


def test_a_polygon_whose_edges_cross_cannot_be_added(qtbot, window, masks_db) -> None:
    dialog = _open(qtbot, window)
    for x, y in ((100, 100), (300, 300), (300, 100)):
        _click(qtbot, dialog, x, y)
    pos = dialog.view.to_widget((100, 300)).toPoint()
    qtbot.mouseDClick(dialog.view, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.keyClicks(dialog.name, "Bow tie")
    assert dialog.view.closed and not dialog.add_button.isEnabled()
    assert re.fullmatch(
        r"The mask's edges cross at \(\d+, \d+\): put its points in order around it\.",
        dialog.error.text(),
    )
    assert dialog.hint.text().startswith("This polygon of 4 corners cannot be a mask (below)")
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert dialog.view.points == [] and not dialog.clear_button.isEnabled()
    assert [m[0] for m in _stored(masks_db)] == ["Window"]
    dialog.reject()


def test_a_mask_is_removed_after_asking(qtbot, window, masks_db) -> None:
    dialog = _open(qtbot, window)
    assert not dialog.remove_button.isEnabled()
    dialog.list.setCurrentRow(0)
    assert dialog.view.chosen == dialog.view.masks[0].mask_id
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    box = dialog.confirmation
    assert box.isVisible() and "Remove the mask “Window” of Porch?" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert _stored(masks_db) != []
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    go = next(b for b in dialog.confirmation.buttons() if b.text() == "Remove")
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        go.click()
    assert _stored(masks_db) == []
    assert dialog.list.count() == 0 and dialog.view.masks == []
    assert dialog.note.text() == "Removed the mask “Window”."
    dialog.reject()


def test_a_camera_without_clips_says_so_and_a_mask_added_elsewhere_shows(
    qtbot, window, masks_db: Path
) -> None:
    dialog = _open(qtbot, window)
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.camera_box.setCurrentIndex(dialog.camera_box.findText("Gate"))
    assert not dialog.view.ready
    assert dialog.view.text == "Gate has no clips yet: import some to draw on a frame of it."
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.camera_box.setCurrentIndex(dialog.camera_box.findText("Porch"))
    # Another program (the command line) adds a mask: the dialog shows it.
    db = open_database(masks_db)
    cam = db.execute("SELECT id FROM cameras WHERE name = 'Porch'").fetchone()[0]
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        add_mask(db, cam, "Gate post", [(0, 0), (50, 0), (0, 50)], 640, 360)
    db.close()
    assert [m.name for m in dialog.view.masks] == ["Window", "Gate post"]
    dialog.reject()


def test_the_cameras_dialog_and_a_clips_menu_open_it(qtbot, window) -> None:
    window.manage_cameras()
    cameras = next(d for d in window.findChildren(CamerasDialog) if d.isVisible())
    assert cameras.masks_button is not None
    cameras.list.setCurrentIndex(cameras.model.index(1, 0))  # by name: Gate, Porch
    cameras.masks_button.click()
    dialog = next(d for d in window.findChildren(MaskDialog) if d.isVisible())
    assert dialog.camera.name == "Porch" and dialog.camera_box.currentText() == "Porch"
    dialog.reject()
    cameras.reject()
    table = window.clips_view.table
    qtbot.waitUntil(lambda: table.model().rowCount() == 1, timeout=10000)
    pos = table.visualRect(table.model().index(0, 0)).center()
    menu = clip_menu(window, pos)
    assert menu is not None
    action = next(a for a in menu.actions() if a.text() == "Privacy masks of this camera…")
    action.trigger()
    dialog = next(d for d in window.findChildren(MaskDialog) if d.isVisible())
    assert dialog.camera.name == "Porch"
    dialog.reject()
    menu.close()


def test_closing_the_dialog_before_the_database_answers(qtbot, window) -> None:
    """The camera's masks are read on the database thread; a dialog closed (and so
    deleted) before the answer comes is left alone."""
    dbs = window.services.db
    release = threading.Event()
    dbs.submit(lambda _db: release.wait(10))  # the database thread busy meanwhile
    with qtbot.waitSignal(dbs.busy_changed, check_params_cb=lambda busy: not busy, timeout=10000):
        window.commands["privacy-masks"].trigger()
        dialog = next(d for d in window.findChildren(MaskDialog) if d.isVisible())
        dialog.reject()  # WA_DeleteOnClose: deleted at the next turn of the loop
        qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=10000)
        release.set()
