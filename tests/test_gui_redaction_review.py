"""The redaction review in the window, on a real database and a real video with a real
face in it: sharing waits until the approved clip is reviewed; the review finds the
face on a worker, plays the original beside the redacted preview, turns the face off for
a stretch of time, is accepted, and the exported package's manifest lists what was
hidden."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests import redaction_review_helpers, test_gui_requests
from tests.redaction_review_helpers import wait_work
from tests.requests_helpers import make_doc, write_doc
from tests.test_gui_requests import import_files

open_window = test_gui_requests.open_window
face_db = redaction_review_helpers.face_db


def test_approve_review_turn_off_a_range_accept_and_export(
    qtbot, open_window, face_db: Path, tmp_path: Path
) -> None:
    window = open_window(face_db)
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    panel = view.detail
    flow = panel.redaction
    with qtbot.waitSignal(panel.decided, timeout=10000):
        panel.decisions.approve_all.click()
    qtbot.waitUntil(lambda: "not reviewed yet" in flow.bar.status.text(), timeout=10000)
    assert flow.bar.hiding  # on by default
    assert flow.bar.button.isEnabled() and "visitor.mp4" in flow.bar.button.text()

    # Sharing is refused, with a way to review.
    out = tmp_path / "out"
    out.mkdir()
    sharing = window.services.sharing
    panel.export_to(out)
    qtbot.waitUntil(lambda: flow.box is not None and flow.box.isVisible(), timeout=10000)
    box = flow.box
    assert box is not None and "not been reviewed" in box.text()
    assert not sharing.busy and list(out.iterdir()) == []
    [review_button] = [b for b in box.buttons() if b.text() == "Review redaction…"]
    review_button.click()
    review = flow.review_window
    assert review is not None and review.isVisible()

    # Analysis, then the preview, each on a worker.
    wait_work(qtbot, review, "faces")
    wait_work(qtbot, review, "preview")
    assert review.preview_current and review.accept_button.isEnabled()
    faces = [t for t in review.plan.tracks if t.kind == "face"]
    assert faces, review.strip.text.text()
    assert "re-encodes the excerpt" in review.timing.text()
    assert "real time" in review.timing.text()
    qtbot.waitUntil(lambda: review.redacted.image is not None, timeout=10000)
    assert review.hidden.item_for("track", faces[0].id).text(0) == "Face 1"

    # Turn the face off from 1 s to 2 s: the preview is out of date until updated.
    review.hidden.select("track", faces[0].id)
    review.player.seek(1.0)
    review.edits.position_s = 1.0
    review.edits.start_here.click()
    review.edits.position_s = 2.0
    review.edits.end_here.click()
    review.edits.off.click()
    assert review.hidden.item_for("track", faces[0].id).text(2) == "off 0:01.0–0:02.0"
    assert not review.preview_current and not review.accept_button.isEnabled()
    review.update_preview.click()
    wait_work(qtbot, review, "preview")
    assert review.preview_current

    with qtbot.waitSignal(review.plan_accepted, timeout=10000) as accepted:
        review.accept_button.click()
    assert accepted.args[:2] == [panel._row_id, review.clip_id]
    qtbot.waitUntil(lambda: "visitor.mp4: reviewed" in flow.bar.status.text(), timeout=10000)

    with qtbot.waitSignal(sharing.finished, timeout=120000) as done:
        panel.export_to(out)
    assert "Package written to" in done.args[1], done.args
    from db.sharing.package_format import read_manifest, verify_package

    [package] = list(out.iterdir())
    assert verify_package(package) == []
    manifest = json.loads(read_manifest(package) or b"{}")
    [excerpt] = manifest["files"]
    redaction = excerpt["redaction"]
    assert redaction["working_copy"] == "redacted"
    assert redaction["accepted"]["by"] == "window"
    assert redaction["faces"]["count"] == len(faces)
    first = next(t for t in redaction["faces"]["tracks"] if t["id"] == faces[0].id)
    ranges = [r["excerpt_s"] for r in first["ranges"]]
    assert len(ranges) == 2  # hidden before 1 s and after 2 s, not between
    assert ranges[0][1] == pytest.approx(1.0, abs=0.01)
    assert ranges[1][0] == pytest.approx(2.0, abs=0.01)
    assert redaction["detector"]["name"]


def test_turning_hiding_off_asks_and_then_shares_as_recorded(
    qtbot, open_window, face_db: Path, tmp_path: Path
) -> None:
    window = open_window(face_db)
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    panel = view.detail
    flow = panel.redaction
    with qtbot.waitSignal(panel.decided, timeout=10000):
        panel.decisions.approve_all.click()
    qtbot.waitUntil(lambda: "not reviewed yet" in flow.bar.status.text(), timeout=10000)
    # Unticking asks first; "No" keeps hiding on.
    flow.bar.blur.click()
    assert flow.box is not None and flow.box.windowTitle() == "Share without hiding faces?"
    flow.box.button(QMessageBox.StandardButton.No).click()
    assert flow.bar.hiding
    flow.bar.blur.click()
    flow.box.button(QMessageBox.StandardButton.Yes).click()
    assert not flow.bar.hiding and not flow.bar.button.isEnabled()
    assert "shared as recorded" in flow.bar.status.text()
    out = tmp_path / "out"
    out.mkdir()
    with qtbot.waitSignal(window.services.sharing.finished, timeout=120000) as done:
        panel.export_to(out)
    assert "Package written to" in done.args[1], done.args


def test_sharing_right_after_approving_waits_for_the_review(
    qtbot, open_window, face_db: Path, tmp_path: Path
) -> None:
    """Whether a clip is reviewed is read when the resident shares, not taken from the
    bar, which may not have heard of the approval yet."""
    window = open_window(face_db)
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    panel = view.detail
    flow = panel.redaction
    with qtbot.waitSignal(panel.decided, timeout=10000):
        panel.decisions.approve_all.click()
    flow.bar.set_clips([])  # as the bar is until the database answers
    out = tmp_path / "out"
    out.mkdir()
    panel._deliver()
    panel.export_to(out)
    qtbot.waitUntil(lambda: flow.box is not None and flow.box.isVisible(), timeout=10000)
    assert not window.services.sharing.busy and list(out.iterdir()) == []


def test_the_preference_in_the_menu_sets_each_requests_default(
    qtbot, open_window, face_db: Path, tmp_path: Path
) -> None:
    from desktop import preferences

    window = open_window(face_db)
    action = window.commands["blur-faces"]
    assert action.isChecked() and preferences.load().blur_faces  # on by default
    action.trigger()
    assert not preferences.load().blur_faces
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    bar = view.detail.redaction.bar
    assert not bar.hiding and "Faces are shared as recorded" in bar.status.text()
