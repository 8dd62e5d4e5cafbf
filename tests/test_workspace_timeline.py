"""The workspace's timeline on its own (desktop/workspace/timeline.py): which clips it
says are partly outside the request's window, how it says each clip (what a screen
reader hears), the times it marks, and where the keys go when cameras hold several clips."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from db.requests.matching import Candidate
from desktop.models.candidates import CandidatesModel
from desktop.workspace.timeline import Timeline

START = datetime(2026, 12, 6, 14, tzinfo=UTC)
WINDOW = (START, START + timedelta(hours=6, minutes=30))


def utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def candidate(clip_id: int, camera: str, hours: float, seconds: float) -> Candidate:
    begin = START + timedelta(hours=hours)
    end = begin + timedelta(seconds=seconds)
    return Candidate(
        clip_id, 1, camera, f"/x/{clip_id}.mp4", utc(begin), utc(end), seconds, "position"
    )


@pytest.fixture
def timeline(qtbot) -> Timeline:
    model = CandidatesModel()
    selection = QItemSelectionModel(model)
    rows = [
        candidate(1, "Porch", -0.1, 900),  # starts before the window
        candidate(2, "Porch", 2, 4),
        candidate(3, "Yard", 3, 4),
        candidate(4, "Gate", 6.4, 1200),  # ends after it
        candidate(5, "Yard", 0, 4),  # starts as the window starts: inside
    ]
    model.set_candidates(rows, {}, WINDOW, {2: "approved", 3: "declined"}, {3: "private"})
    view = Timeline(model, selection)
    view.set_window(WINDOW)
    qtbot.addWidget(view)
    view.resize(900, view.minimumSizeHint().height())
    view.show()
    return view


def test_a_clip_partly_outside_the_window_says_so_and_one_inside_does_not(
    timeline: Timeline,
) -> None:
    assert "partly outside the window" in timeline.describe(0)
    assert "partly outside the window" in timeline.describe(3)
    for row in (1, 2, 4):
        assert "outside" not in timeline.describe(row), timeline.describe(row)


def test_each_clip_is_said_with_its_camera_times_decision_and_flags(timeline: Timeline) -> None:
    assert timeline.describe(1).startswith("Porch, ")
    assert timeline.describe(1).endswith(", approved")
    assert timeline.describe(2).endswith(", declined, flagged: private")
    assert ", pending" in timeline.describe(4)
    timeline.select_row(2)
    assert timeline.accessibleDescription() == timeline.describe(2)
    # A decision made elsewhere is heard too, without moving the selection.
    timeline.model.set_decisions({3: "approved"})
    assert "approved" in timeline.accessibleDescription()


def test_the_times_under_the_rows_fit_their_labels(timeline: Timeline) -> None:
    ticks = timeline.ticks()
    assert len(ticks) >= 4
    xs = [timeline._x(t) for t, _label in ticks]
    room = timeline.fontMetrics().horizontalAdvance("00-00 00:00")
    assert all(b - a >= room for a, b in itertools.pairwise(xs))
    # Narrower: fewer marks, still apart.
    timeline.resize(300, timeline.height())
    assert 0 < len(timeline.ticks()) < len(ticks)


def test_cameras_are_rows_and_the_keys_move_in_time_and_between_rows(
    qtbot, timeline: Timeline
) -> None:
    assert timeline.cameras == ["Gate", "Porch", "Yard"]
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_Home)
    assert timeline.selection.currentIndex().row() == 0  # the first in time
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    assert timeline.selection.currentIndex().row() == 4  # the Yard clip at 14:00
    qtbot.keyClick(timeline, Qt.Key.Key_Up)
    assert timeline.selection.currentIndex().row() == 0  # Porch, nearest in time
    qtbot.keyClick(timeline, Qt.Key.Key_Up)
    assert timeline.selection.currentIndex().row() == 3  # Gate, the only one there
    qtbot.keyClick(timeline, Qt.Key.Key_Up)  # no camera above: it stays
    assert timeline.selection.currentIndex().row() == 3
    qtbot.keyClick(timeline, Qt.Key.Key_End)
    assert timeline.selection.currentIndex().row() == 3
    # Every bar, however short, is wide enough to click and drawn inside the view.
    for bar in timeline.bars:
        r = timeline.bar_rect(bar)
        assert r.width() >= timeline.fontMetrics().horizontalAdvance("✓")
        assert r.left() >= 0 and r.right() <= timeline.width()
        assert timeline.bar_at(r.center()) == bar


def test_the_candidates_model_it_shares_stays_a_sound_model(qtmodeltester, timeline) -> None:
    """The workspace adds no model of its own; the candidates model it reads (with the
    flags the timeline asks for) passes Qt's model checks."""
    model = timeline.model
    assert model.flag(2) == "private" and model.flag(0) is None
    qtmodeltester.check(model, force_py=True)
