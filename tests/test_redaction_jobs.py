"""The review window's steps without the window, on a real database and a video with a
real face: what the review reads, the worker steps (faces, a followed box, the preview)
with progress and cancel, accepting only the plan shown, and whether each approved clip
counts as reviewed."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from db.redaction.masks import add_mask
from db.redaction.plan import Box, PlanError
from db.redaction.store import load_plan
from db.requests.intake import receive
from db.requests.request_doc import parse_request
from db.sharing import decisions as decdb
from db.store.database import open_database
from desktop import redaction_jobs as jobs
from tests.redaction_review_helpers import face_db  # noqa: F401 - fixture
from tests.requests_helpers import make_doc


@pytest.fixture
def approved(face_db: Path):  # noqa: F811
    """(database, request row, clip id): the face clip approved for a request."""
    db = open_database(face_db)
    now = datetime.now(UTC)
    row_id = receive(
        db, parse_request(json.dumps(make_doc()).encode()), source="file", now=now
    ).row_id
    [clip_id] = [int(r[0]) for r in db.execute("SELECT id FROM clips")]
    decdb.decide(db, row_id, [clip_id], "approved", now=now)
    yield db, row_id, clip_id
    db.close()


def _progress() -> tuple[list[tuple[int, int, str]], jobs.Progress]:
    seen: list[tuple[int, int, str]] = []
    return seen, lambda d, t, s: seen.append((d, t, s))


def test_the_context_the_steps_and_accepting_the_plan_shown(approved, tmp_path: Path) -> None:
    db, row_id, clip_id = approved
    assert jobs.review_states(db, row_id) == {clip_id: False}
    ctx = jobs.load_context(db, row_id, clip_id)
    assert (ctx.clip_id, ctx.width, ctx.height, ctx.stored) == (clip_id, 640, 360, None)
    assert ctx.start_s == 0.0 and ctx.duration_s == pytest.approx(3.0)
    assert load_plan(db, row_id, clip_id) is None  # reading makes no plan

    seen, progress = _progress()
    found = jobs.find_faces(ctx, progress, threading.Event())
    assert found is not None and found.missing is None and len(found.tracks) == 1
    assert found.detector and seen[-1][:2] == (jobs.STEPS, jobs.STEPS)

    plan = ctx.fresh_plan()
    plan.tracks = list(found.tracks)
    plan.detector = found.detector
    seen, progress = _progress()
    box = jobs.follow(ctx, 1.0, Box(20, 20, 60, 40), "box-1", None, progress, threading.Event())
    assert box is not None and box.kind == "box" and box.keys and seen
    plan.tracks.append(box)

    seen, progress = _progress()
    written = jobs.write_preview(ctx, plan, tmp_path / "p.mp4", progress, threading.Event())
    assert written is not None and written.redacted and written.path.stat().st_size > 0
    assert written.digest == plan.digest() and written.offset_s == pytest.approx(0.0)
    assert seen and all(t == jobs.STEPS for _d, t, _s in seen)

    # A plan other than the one shown is refused, and nothing is stored.
    with pytest.raises(PlanError, match="changed after it was shown"):
        jobs.accept(db, row_id, plan, "0" * 64)
    assert load_plan(db, row_id, clip_id) is None
    assert jobs.accept(db, row_id, plan, written.digest) == written.digest
    stored = load_plan(db, row_id, clip_id)
    assert stored is not None and stored.accepted and stored.accepted_by == "window"
    assert jobs.review_states(db, row_id) == {clip_id: True}

    # A mask added since: the accepted plan no longer holds the camera's masks.
    camera_id = int(db.execute("SELECT camera_id FROM clips").fetchone()[0])
    add_mask(db, camera_id, "Window", [(0, 0), (50, 0), (50, 50)], 640, 360)
    assert jobs.review_states(db, row_id) == {clip_id: False}
    again = jobs.load_context(db, row_id, clip_id)
    kept = again.stored_plan()  # the stored plan, with the masks as they are now
    assert kept is not None and [m.name for m in kept.masks] == ["Window"]
    assert [t.id for t in kept.tracks] == [t.id for t in plan.tracks]


def test_stopped_steps_give_nothing(approved, tmp_path: Path) -> None:
    db, row_id, clip_id = approved
    ctx = jobs.load_context(db, row_id, clip_id)
    stop = threading.Event()
    stop.set()
    _seen, progress = _progress()
    assert jobs.find_faces(ctx, progress, stop) is None
    assert jobs.follow(ctx, 1.0, Box(20, 20, 60, 40), "box-1", None, progress, stop) is None
    out = tmp_path / "previews"
    out.mkdir()
    dest = out / "p.mp4"
    camera_id = int(db.execute("SELECT camera_id FROM clips").fetchone()[0])
    add_mask(db, camera_id, "Window", [(0, 0), (50, 0), (50, 50)], 640, 360)
    ctx = jobs.load_context(db, row_id, clip_id)
    assert jobs.write_preview(ctx, ctx.fresh_plan(), dest, progress, stop) is None
    assert list(out.iterdir()) == []  # nothing left, not even a temporary file


def test_nothing_to_hide_is_copied_and_nothing_shareable_reads_as_empty(
    approved, tmp_path: Path
) -> None:
    db, row_id, clip_id = approved
    ctx = jobs.load_context(db, row_id, clip_id)
    _seen, progress = _progress()
    written = jobs.write_preview(
        ctx, ctx.fresh_plan(), tmp_path / "p.mp4", progress, threading.Event()
    )
    assert written is not None and not written.redacted
    decdb.decide(db, row_id, [clip_id], "declined", now=datetime.now(UTC))
    assert jobs.review_states(db, row_id) == {}
    from db.sharing.shares import SharingError

    with pytest.raises(SharingError, match="no clip of this request is approved"):
        jobs.load_context(db, row_id, clip_id)
