"""The redaction review window on its own, on a real database and a video with a real
face: boxes drawn with the keyboard are followed and corrected on a worker, accepting
stores exactly the plan the preview showed, Cancel keeps nothing, and a missing face
model is said in words while the rest of the review still works."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from db.redaction.plan import Box, Track
from db.redaction.store import load_plan
from db.store.database import open_database
from desktop.widgets.redaction_review import RedactionReview, reencode_words
from tests import redaction_review_helpers, test_gui_requests
from tests.redaction_review_helpers import wait_work
from tests.requests_helpers import make_doc, write_doc
from tests.test_gui_requests import import_files

open_window = test_gui_requests.open_window
face_db = redaction_review_helpers.face_db


@pytest.fixture
def approved(qtbot, open_window, face_db: Path, tmp_path: Path):
    """The window, with the face clip approved for a request: (window, row id, clip id)."""
    window = open_window(face_db)
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    panel = view.detail
    with qtbot.waitSignal(panel.decided, timeout=10000):
        panel.decisions.approve_all.click()
    [clip_id] = panel.candidates.clip_ids()
    return window, panel._row_id, clip_id


def _key_near(track: Track, t: float) -> Box:
    return min(track.keys, key=lambda key: abs(key[0] - t))[1]


def tracks(review: RedactionReview) -> list[Track]:
    assert review.plan is not None
    return review.plan.tracks


def _open(qtbot, window, row_id: int, clip_id: int, **kw) -> RedactionReview:
    review = RedactionReview(window.services.db, row_id, clip_id, **kw)
    qtbot.addWidget(review)
    review.show()
    return review


def test_a_drawn_box_is_followed_corrected_and_the_plan_accepted(
    qtbot, approved, face_db: Path
) -> None:
    window, row_id, clip_id = approved
    review = _open(qtbot, window, row_id, clip_id, find_faces=False)
    wait_work(qtbot, review, "preview")
    assert [t.kind for t in tracks(review)] == []
    # Nothing to hide yet: the preview is a copy, and the window says so.
    assert review.preview is not None and not review.preview.redacted
    assert "shared as recorded, not re-encoded" in review.timing.text()
    for button in (review.accept_button, review.cancel_button, review.update_preview):
        assert button.text()
    for w in (review.original, review.redacted, review.hidden, review.strip.progress):
        assert w.accessibleName()

    # The keyboard plays and steps both pictures.
    review.activateWindow()
    qtbot.waitUntil(review.isActiveWindow, timeout=5000)
    review.original.setFocus()
    qtbot.keyClick(review.original, Qt.Key.Key_Period)
    assert review.player.position_s == pytest.approx(review.player.frame_s)
    qtbot.keyClick(review.original, Qt.Key.Key_Space)
    assert review.player.playing
    qtbot.keyClick(review.original, Qt.Key.Key_Space)
    assert not review.player.playing

    # Add a box: the keyboard moves the rectangle and keeps it; the tracker follows it.
    review.player.seek(0.5)
    review.edits.add.click()
    assert review.original.drawing and "Enter" in review.strip.text.text()
    qtbot.keyClick(review.original, Qt.Key.Key_Left)
    qtbot.keyClick(review.original, Qt.Key.Key_Return)
    wait_work(qtbot, review, "follow")
    [box] = tracks(review)
    assert box.id == "box-1" and box.kind == "box" and box.keys
    assert review.hidden.current() == ("track", "box-1")
    item = review.hidden.item_for("track", "box-1")
    assert item is not None and item.text(0) == "Drawn box 1"
    assert not review.preview_current and not review.accept_button.isEnabled()

    # Correct it at 2 s: followed again from both boxes set by hand.
    review.player.seek(2.0)
    review.edits.fix.click()
    qtbot.keyClick(review.original, Qt.Key.Key_Right)
    qtbot.keyClick(review.original, Qt.Key.Key_Return)
    wait_work(qtbot, review, "follow")
    [box] = tracks(review)
    assert len(box.corrected) == 2, box.corrected
    at_two = _key_near(box, 2.0)

    # Corrected again elsewhere: the boxes set before stay where they were drawn.
    review.player.seek(1.0)
    review.edits.fix.click()
    qtbot.keyClick(review.original, Qt.Key.Key_Return)
    wait_work(qtbot, review, "follow")
    [box] = tracks(review)
    assert len(box.corrected) == 3 and _key_near(box, 2.0) == at_two

    # Filled black rather than pixelated.
    review.style_choice.setCurrentIndex(review.style_choice.findData("fill"))
    assert review.plan is not None and review.plan.style == "fill"

    review.update_preview.click()
    wait_work(qtbot, review, "preview")
    assert review.preview is not None and review.preview.redacted
    assert "Here it took" in review.timing.text() and "real time" in review.timing.text()
    with qtbot.waitSignal(review.plan_accepted, timeout=10000) as accepted:
        review.accept_button.click()
    db = open_database(face_db)
    try:
        stored = load_plan(db, row_id, clip_id)
    finally:
        db.close()
    assert stored is not None and stored.accepted and stored.accepted_by == "window"
    assert stored.digest == accepted.args[2]
    assert [t.id for t in stored.plan.tracks] == ["box-1"]
    assert stored.plan.style == "fill"


def test_cancel_keeps_nothing_and_a_missing_model_is_said_in_words(
    qtbot, approved, face_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, row_id, clip_id = approved
    monkeypatch.setenv("DOORSTEP_MODELS_DIR", str(tmp_path / "no-models"))
    review = _open(qtbot, window, row_id, clip_id)
    wait_work(qtbot, review, "faces")
    said = review.found.text()
    assert "Faces cannot be looked for: face detector model missing" in said
    assert "Traceback" not in said and "run the set-up" in said
    wait_work(qtbot, review, "preview")  # the rest of the review still works
    assert review.preview_current
    tmp = review._tmp
    assert list(tmp.glob("preview-*.mp4"))
    review.cancel_button.click()
    assert not review.isVisible() and not tmp.exists()  # the previews are removed
    db = open_database(face_db)
    try:
        assert load_plan(db, row_id, clip_id) is None
    finally:
        db.close()


def test_stopping_the_face_search_hides_no_face_and_says_so(qtbot, approved) -> None:
    window, row_id, clip_id = approved
    review = _open(qtbot, window, row_id, clip_id)
    qtbot.waitUntil(lambda: review.strip.busy, timeout=10000)
    assert review.strip.stop.isVisible()
    review.strip.stop.click()
    wait_work(qtbot, review, "faces")
    assert "stopped" in review.found.text()
    assert [t for t in tracks(review) if t.kind == "face"] == []
    # Closing while the preview is being written stops it and keeps nothing.
    qtbot.waitUntil(lambda: review.strip.busy, timeout=10000)
    review.close()
    assert not review.strip.busy and not review._tmp.exists()


def test_how_long_re_encoding_takes_in_words() -> None:
    assert reencode_words(30.0, None).startswith("how long it takes here is measured")
    assert reencode_words(30.0, 2.0) == "about 15 s at the speed measured here"
    assert reencode_words(3.0, 6.0) == "under a second at the speed measured here"
    assert reencode_words(600.0, 1.0) == "about 10 min at the speed measured here"
