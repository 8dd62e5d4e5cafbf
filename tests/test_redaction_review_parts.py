"""The redaction review's parts on their own, on real video files: frames read forward
for playing, the plan edits a resident makes, drawing a box with the mouse and with the
keyboard, the list of what is hidden, and the two pictures played in step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from db.clips.frames import FrameReader
from db.redaction import review_edits as edits
from db.redaction.plan import Box, Mask, RedactionPlan, Track
from db.redaction.review_frames import ForwardReader
from desktop.frame_loader import to_image
from desktop.review_player import PairPlayer
from desktop.widgets.frame_view import FrameView
from desktop.widgets.redaction_controls import EditButtons, PlayerControls
from desktop.widgets.redaction_list import HiddenList, clock
from tests.videos import make_clip


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("review-clips")
    # Key frames a second apart, as cameras write them: reading forward matters.
    original = make_clip(root / "original.mp4", seconds=4, fps=10, hue=1, gop=10)
    preview = make_clip(root / "preview.mp4", seconds=2, fps=10, hue=5, gop=10)
    return original, preview


def test_forward_reader_plays_on_without_seeking_and_matches_single_looks(clips) -> None:
    original, _ = clips
    forward = ForwardReader(original)
    single = FrameReader(original)
    try:
        times = [1.0 + 0.1 * i for i in range(12)]  # playing from 1 s, frame by frame
        frames = [forward.frame_at(t) for t in times]
        assert forward.seeks == 1  # the first look only
        for t, frame in zip(times, frames, strict=True):
            look = single.frame_at(t)
            assert frame.at_s == look.at_s and frame.rgb == look.rgb
        assert frames[0].at_s == pytest.approx(1.0) and frames[-1].at_s == pytest.approx(2.1)
        # The same time twice, and a time between two frames: no seek either.
        assert forward.frame_at(2.1).at_s == pytest.approx(2.1)
        assert forward.frame_at(2.15).at_s == pytest.approx(2.1)
        assert forward.seeks == 1
        # Back, or far ahead: a seek.
        assert forward.frame_at(0.3).at_s == pytest.approx(0.3)
        assert forward.seeks == 2
        assert forward.frame_at(3.9).at_s == pytest.approx(3.9)
        assert forward.seeks == 3
        # After the last frame: the last one.
        assert forward.frame_at(60.0).at_s == pytest.approx(3.9)
    finally:
        forward.close()
        single.close()


def test_forward_reader_says_what_is_wrong_with_a_file(tmp_path: Path) -> None:
    from db.clips.media import MediaError

    bad = tmp_path / "notes.mp4"
    bad.write_text("not a video")
    with pytest.raises(MediaError, match=r"notes\.mp4: cannot be opened"):
        ForwardReader(bad)


def _track(track_id: str = "face-1", kind: str = "face") -> Track:
    return Track(
        id=track_id,
        kind=kind,  # type: ignore[arg-type]
        keys=[(1.0, Box(10, 10, 20, 20)), (3.0, Box(50, 10, 20, 20))],
        source="test",
    )


def test_turning_a_track_off_over_ranges_joins_them_and_on_again_clears() -> None:
    track = _track()
    edits.turn_off(track, 2.0, 1.5)  # either order
    edits.turn_off(track, 2.5, 2.8)
    assert track.off == [(1.5, 2.0), (2.5, 2.8)]
    assert track.box_at(1.7) is None and track.box_at(2.2) is not None
    edits.turn_off(track, 1.9, 2.6)  # overlaps both: one range
    assert track.off == [(1.5, 2.8)]
    track.enabled = False
    edits.turn_on(track)
    assert track.enabled and track.off == [] and track.box_at(2.0) == Box(30, 10, 20, 20)


def test_hand_set_boxes_new_ids_and_replacing_a_track() -> None:
    track = _track("box-1", "box")
    track.corrected = [3.0]
    assert edits.hand_keys(track) == {3.0: Box(50, 10, 20, 20)}
    plan = RedactionPlan(clip_id=1, start_s=0.0, end_s=4.0, width=320, height=240)
    plan.tracks = [_track(), track]
    assert edits.new_box_id(plan) == "box-2"
    redrawn = _track("box-1", "box")
    redrawn.keys = [(0.0, Box(0, 0, 8, 8))]
    edits.put_track(plan, redrawn)
    assert [t.id for t in plan.tracks] == ["face-1", "box-1"]
    assert edits.find_track(plan, "box-1") is redrawn
    edits.put_track(plan, _track("box-2", "box"))
    assert [t.id for t in plan.tracks] == ["face-1", "box-1", "box-2"]


def test_a_box_is_drawn_with_the_keyboard_in_picture_pixels(qtbot) -> None:
    view = FrameView("Original")
    qtbot.addWidget(view)
    view.set_picture_size(1000, 500)
    view.resize(500, 250)  # the picture shown at half size
    view.show()
    view.start_drawing()
    assert view.drawing and view.accessibleName() == "Original"
    with qtbot.waitSignal(view.drawn) as drawn:
        qtbot.keyClick(view, Qt.Key.Key_Right)  # 2 % of the width to the right
        qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # taller
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert drawn.args == [Box(420, 200, 200, 110)]
    assert not view.drawing


def test_a_box_is_dragged_with_the_mouse_and_escape_gives_up(qtbot) -> None:
    view = FrameView("Original")
    qtbot.addWidget(view)
    view.set_picture_size(1000, 500)
    view.resize(500, 250)
    view.show()
    view.start_drawing()
    with qtbot.waitSignal(view.drawn) as drawn:
        qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(50, 25))
        qtbot.mouseMove(view, QPoint(150, 100))
        qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(150, 100))
    assert drawn.args == [Box(100, 50, 200, 150)]
    view.start_drawing()
    with qtbot.assertNotEmitted(view.drawn):
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.drawing


def test_the_list_shows_what_is_hidden_and_turns_one_off(qtbot) -> None:
    plan = RedactionPlan(clip_id=1, start_s=1.0, end_s=4.0, width=320, height=240)
    face, box = _track(), _track("box-1", "box")
    edits.turn_off(face, 1.5, 2.0)
    plan.tracks = [face, box]
    window = Mask(7, "Neighbour's window", ((0, 0), (10, 0), (10, 10)))
    plan.masks = [window]
    hidden = HiddenList()
    qtbot.addWidget(hidden)
    hidden.show_plan(plan)
    items = [hidden.topLevelItem(i) for i in range(hidden.topLevelItemCount())]
    rows = [[item.text(c) for c in range(3)] for item in items if item is not None]
    assert rows == [
        ["Mask “Neighbour's window”", "whole excerpt", ""],
        ["Face 1", "0:00.0–0:02.0", "off 0:00.5–0:01.0"],
        ["Drawn box 1", "0:00.0–0:02.0", ""],
    ]
    with qtbot.waitSignal(hidden.chosen) as chosen:
        hidden.select("track", "box-1")
    assert chosen.args == ["track", "box-1"]
    with qtbot.waitSignal(hidden.toggled) as toggled:
        item = hidden.item_for("track", "face-1")
        assert item is not None
        item.setCheckState(0, Qt.CheckState.Unchecked)
    assert toggled.args == ["track", "face-1", False]
    mask_item = hidden.item_for("mask", "7")
    assert mask_item is not None and not mask_item.flags() & Qt.ItemFlag.ItemIsUserCheckable
    hidden.show_plan(plan)  # refilled: the selection stays
    assert hidden.current() == ("track", "box-1")
    assert clock(75.25) == "1:15.2"


def test_the_range_buttons_take_the_current_position(qtbot) -> None:
    buttons = EditButtons()
    qtbot.addWidget(buttons)
    buttons.set_duration(4.0)
    buttons.set_selection("mask")
    assert not buttons.off.isEnabled() and not buttons.fix.isEnabled()
    buttons.set_selection("track")
    buttons.position_s = 1.25
    buttons.start_here.click()
    buttons.position_s = 2.5
    buttons.end_here.click()
    with qtbot.waitSignal(buttons.turn_off) as off:
        buttons.off.click()
    assert off.args == [1.25, 2.5]
    for w in (buttons.start, buttons.end, buttons.start_here, buttons.off):
        assert w.accessibleName() or w.text()


def test_both_pictures_play_in_step_and_step_by_frame(qtbot, clips) -> None:
    original, preview = clips
    player = PairPlayer()
    controls = PlayerControls()
    qtbot.addWidget(controls)
    controls.set_duration(2.0)
    player.shown.connect(lambda t, _o, _p: controls.show_position(t))
    try:
        with qtbot.waitSignal(player.shown, timeout=10000) as shown:
            player.open(str(original), 1.0, 2.0)  # the excerpt: 1 s to 3 s of the clip
        t, picture, other = shown.args
        assert t == 0.0 and picture.width() == 320 and other is None
        with qtbot.waitSignal(player.shown, timeout=10000) as shown:
            player.set_preview(str(preview))
        assert shown.args[2] is not None and shown.args[2].width() == 320
        with qtbot.waitSignal(player.shown, timeout=10000) as shown:
            player.step(1)
        assert shown.args[0] == pytest.approx(0.1)
        with qtbot.waitSignal(player.playing_changed) as state:
            player.play()
        assert state.args == [True]
        qtbot.waitUntil(lambda: not player.playing, timeout=10000)  # stops at the end
        qtbot.waitUntil(lambda: not player.busy, timeout=10000)
        assert player.position_s == pytest.approx(2.0)
        assert controls.time.text() == "0:02.0 / 0:02.0"
        # A preview that starts half a second into the excerpt (or before it: a stream
        # copy starts at the key frame) shows its own frame of the same moment.
        with qtbot.waitSignal(player.shown, timeout=10000):
            player.set_preview(str(preview), 0.5)
        with qtbot.waitSignal(player.shown, timeout=10000) as shown:
            player.seek(1.0)
        readers = ForwardReader(original), ForwardReader(preview)
        try:
            assert shown.args[1] == to_image(readers[0].frame_at(2.0))
            assert shown.args[2] == to_image(readers[1].frame_at(0.5))
        finally:
            for reader in readers:
                reader.close()
        with qtbot.waitSignal(player.failed, timeout=10000) as failed:
            player.set_preview(str(original.parent / "missing.mp4"))
        assert "missing.mp4" in failed.args[0]
    finally:
        player.stop()
