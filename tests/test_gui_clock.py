"""The clock dialog as a resident uses it: the frame is shown (decoded on a worker),
stepping moves it a frame or a second, the offset reads in words as it is typed, the
file's time is refused as a reference, and Save stores the measurement through the
database thread, moving the camera's clips."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.demo.synth import make_clip
from db.store.database import open_database
from desktop.main_window import MainWindow
from desktop.widgets.clock_dialog import ClockDialog
from desktop.window_clock import clip_menu
from tests.gui_window import started_window


@pytest.fixture
def clock_db(tmp_path: Path) -> Path:
    """A camera in New York with two clips, at 14:15:00 and 14:30:00 local on its clock."""
    folder = tmp_path / "porch"
    make_clip(folder / "a.mp4", seconds=4, creation_time=datetime(2026, 11, 20, 19, 15, tzinfo=UTC))
    make_clip(folder / "b.mp4", seconds=3, creation_time=datetime(2026, 11, 20, 19, 30, tzinfo=UTC))
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", 40.7, -74.0, tz="America/New_York"))
    import_folder(db, folder, cam)
    db.close()
    return path


@pytest.fixture
def window(qtbot, tmp_path: Path, clock_db: Path):
    yield from started_window(qtbot, tmp_path, clock_db, cameras=1)


def _open(qtbot, window: MainWindow) -> ClockDialog:
    window.commands["measure-clock"].trigger()
    dialog = next(d for d in window.findChildren(ClockDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.frame is not None, timeout=10000)
    return dialog


def test_the_frame_is_shown_and_steps_a_frame_or_a_second(qtbot, window) -> None:
    dialog = _open(qtbot, window)
    # The newest clip first, its first frame, from the worker as a picture.
    assert dialog.clip is not None and dialog.clip.name == "b.mp4"
    assert dialog.clip_box.currentText() == "2026-11-20 14:30:00 · 3 s · b.mp4"
    assert dialog.last.text() == (
        "Its clock is taken to be right (offset 0 s); it was never measured."
    )
    assert dialog.view.image is not None and dialog.view.image.size().toTuple() == (320, 240)
    assert dialog.frame is not None and dialog.frame.at_s == 0.0
    first = dialog.view.image
    with qtbot.waitSignal(dialog.loader.loaded, timeout=10000):
        dialog.step_buttons["+frame"].click()
    assert dialog.frame.at_s == 0.1 and dialog.view.image != first
    with qtbot.waitSignal(dialog.loader.loaded, timeout=10000):
        dialog.step_buttons["+1s"].click()
    assert dialog.frame.at_s == 1.1 and dialog.slider.value() == 1100
    assert dialog.position.text().startswith("1.10 s of 3.0 s")
    assert "the camera's clock showed about 2026-11-20 14:30:01" in dialog.position.text()
    with qtbot.waitSignal(dialog.loader.loaded, timeout=10000):
        dialog.slider.setValue(2500)
    assert dialog.frame.at_s == 2.5
    # Another clip of the camera.
    with qtbot.waitSignal(dialog.loader.loaded, timeout=10000):
        dialog.clip_box.setCurrentIndex(1)
    assert dialog.clip.name == "a.mp4" and dialog.frame.at_s == 0.0
    dialog.reject()


def test_the_offset_reads_live_and_save_stores_it(qtbot, window, clock_db: Path) -> None:
    dialog = _open(qtbot, window)
    save = dialog.save_button
    assert not save.isEnabled()
    assert dialog.error.text() == "Type what the camera's clock shows in this frame."
    qtbot.keyClicks(dialog.shows, "05/06/2026 14:30:00")
    qtbot.keyClicks(dialog.true_time, "14:27:47")
    assert not save.isEnabled() and dialog.verdict.text() == ""
    assert dialog.error.text().startswith("What the camera shows: '05/06/2026' could be")
    dialog.shows.clear()
    qtbot.keyClicks(dialog.shows, "11/20/2026 02:30:00 PM")
    assert dialog.verdict.text() == "The camera's clock is 2 min 13 s fast."
    assert "moves the times of its clips 2 min 13 s earlier" in dialog.effect.text()
    assert save.isEnabled() and dialog.error.text() == ""
    # The file's time: not a reference, and the dialog says why.
    dialog.method.setCurrentIndex(dialog.method.findData("file"))
    assert not save.isEnabled()
    assert "comes from the same camera clock" in dialog.error.text()
    dialog.method.setCurrentIndex(dialog.method.findData("reference-clock"))
    qtbot.keyClicks(dialog.note, "phone on time.is")
    with qtbot.waitSignal(dialog.saved, timeout=10000) as saved:
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert saved.args[0].clips_retimed == 2
    assert not dialog.isVisible()
    qtbot.waitUntil(
        lambda: window.services.cameras.camera(0).clock_offset_s == 133.0, timeout=10000
    )
    db = open_database(clock_db)
    row = db.execute(
        "SELECT frame_s, overlay_text, reference_utc, method, offset_s, note "
        "FROM clock_measurements"
    ).fetchall()
    assert row == [
        (0.0, "11/20/2026 02:30:00 PM", "2026-11-20T19:27:47.000Z", "reference-clock", 133.0,
         "phone on time.is"),
    ]  # fmt: skip
    starts = [r[0] for r in db.execute("SELECT start_utc FROM clips ORDER BY start_utc")]
    assert starts == ["2026-11-20T19:12:47.000Z", "2026-11-20T19:27:47.000Z"]
    details = db.execute(
        "SELECT details FROM audit_log WHERE action = 'clock measured'"
    ).fetchone()[0]
    assert json.loads(details)["offset_s"] == 133.0
    db.close()
    # Opened again, the dialog says how the camera's offset was known.
    dialog = _open(qtbot, window)
    last = dialog.last.text()
    assert last.startswith("Its clock offset now: +133 s (2 min 13 s fast), measured 20")
    assert last.endswith(" UTC by: a clock in the frame (a phone showing network time).")
    dialog.reject()


def test_the_clips_context_menu_measures_on_that_clip(qtbot, window) -> None:
    view = window.clips_view
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10000)
    index = view.model.index(1, 0)
    qtbot.waitUntil(lambda: index.data() is not None, timeout=10000)
    rect = view.table.visualRect(index)
    menu = clip_menu(window, rect.center())
    assert menu is not None
    action, masks = menu.actions()[:2]
    assert action.text() == "Measure clock offset on this clip…"
    assert masks.text() == "Privacy masks of this camera…"
    action.trigger()
    dialog = window.findChild(ClockDialog)
    qtbot.waitUntil(lambda: dialog.frame is not None, timeout=10000)
    from desktop.models.clips import ClipRowRole

    assert dialog.clip is not None and dialog.clip.id == index.data(ClipRowRole).id
    dialog.reject()


def test_a_clip_whose_file_is_gone_says_so_and_nothing_can_be_saved(
    qtbot, window, tmp_path: Path
) -> None:
    (tmp_path / "porch" / "b.mp4").unlink()
    window.commands["measure-clock"].trigger()
    dialog = window.findChild(ClockDialog)
    qtbot.waitUntil(lambda: "cannot be opened" in dialog.view.text, timeout=10000)
    assert dialog.view.image is None and dialog.frame is None
    qtbot.keyClicks(dialog.shows, "2026-11-20 14:30:00")
    qtbot.keyClicks(dialog.true_time, "14:29:00")
    assert not dialog.save_button.isEnabled()
    assert dialog.error.text() == "No frame on show yet."
    # The other clip is there.
    with qtbot.waitSignal(dialog.loader.loaded, timeout=10000):
        dialog.clip_box.setCurrentIndex(1)
    assert dialog.save_button.isEnabled()
    dialog.reject()


def test_closing_the_dialog_before_its_clips_arrive(qtbot, window) -> None:
    """The camera's clips are read on the database thread; a dialog closed (and so
    deleted) before the answer comes is left alone."""
    import threading

    import shiboken6

    dbs = window.services.db
    release = threading.Event()
    dbs.submit(lambda _db: release.wait(10))  # the database thread busy meanwhile
    with qtbot.waitSignal(dbs.busy_changed, check_params_cb=lambda busy: not busy, timeout=10000):
        window.commands["measure-clock"].trigger()
        dialog = next(d for d in window.findChildren(ClockDialog) if d.isVisible())
        dialog.reject()  # WA_DeleteOnClose: deleted at the next turn of the loop
        qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=10000)
        release.set()
