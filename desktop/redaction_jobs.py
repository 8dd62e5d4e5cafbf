"""The redaction review's work, each step where it belongs: what the review needs from
the database and storing the accepted plan (database thread); looking for faces,
following a drawn box and writing the redacted preview (worker threads, through
desktop.tasks.FunctionTask). No widgets here; the window (widgets/redaction_review.py)
calls these and shows what they report."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from sqlite_utils import Database

from db.redaction.plan import Box, Mask, RedactionPlan, Track
from db.sharing.redaction_preview import excerpt_offsets

if TYPE_CHECKING:
    from db.redaction.store import StoredPlan
    from db.redaction.tracking import FollowedTrack
    from db.sharing.package_spec import ExcerptSpec

Progress = Callable[[int, int, str], None]


@dataclass
class ReviewContext:
    """One approved clip of a request, as the review sees it."""

    row_id: int  # the request's row
    request_id: str  # the request's own id
    excerpt: ExcerptSpec  # the part of the clip that would be shared
    width: int  # the clip's picture, which the plan's pixels refer to
    height: int
    camera_id: int
    masks: list[Mask]  # every privacy mask of the clip's camera
    stored: StoredPlan | None  # the plan stored for this clip and request, if any

    @property
    def clip_id(self) -> int:
        return self.excerpt.clip_id

    @property
    def start_s(self) -> float:
        """The excerpt's start, seconds from the clip's start (the plan's times), as
        the package cuts it."""
        return excerpt_offsets(self.excerpt)[0]

    @property
    def end_s(self) -> float:
        return excerpt_offsets(self.excerpt)[1]

    @property
    def duration_s(self) -> float:
        return max(0.0, self.end_s - self.start_s)

    def fresh_plan(self) -> RedactionPlan:
        """Nothing looked for yet: the camera's masks only."""
        return RedactionPlan(
            clip_id=self.clip_id,
            start_s=self.start_s,
            end_s=self.end_s,
            width=self.width,
            height=self.height,
            masks=list(self.masks),
        )

    def stored_plan(self) -> RedactionPlan | None:
        """The stored plan, when it is for this very excerpt (the request's window or
        the resident's margin may have changed since), with the camera's masks as they
        are now (a mask is hidden in every excerpt of its camera: the export uses no
        plan without them)."""
        from db.sharing.excerpt_redaction import same_range

        plan = self.stored.plan if self.stored is not None else None
        if plan is None or not same_range(plan, self.start_s, self.end_s):
            return None
        plan.masks = list(self.masks)
        return plan


# -- database thread ---------------------------------------------------------------------
def load_context(db: Database, row_id: int, clip_id: int) -> ReviewContext:
    """What the review of ``clip_id`` in request ``row_id`` needs. Raises SharingError
    (in words) when the clip would not be shared."""
    from db.redaction.masks import masks_for_camera
    from db.redaction.plan import PlanError
    from db.redaction.store import load_plan
    from db.sharing.shares import SharingError, prepare

    # Nothing asked to be hidden: the excerpts as they would be cut, and no plan made.
    prepared = prepare(db, row_id, now=datetime.now(UTC), redact=frozenset())
    excerpt = next((e for e in prepared.spec.excerpts if e.clip_id == clip_id), None)
    if excerpt is None:
        raise SharingError(
            translate(
                "RedactionJobs", "clip {clip} is not an approved clip of this request"
            ).format(clip=clip_id)
        )
    width, height, camera_id = db.execute(
        "SELECT width, height, camera_id FROM clips WHERE id = ?", [clip_id]
    ).fetchone()
    # The excerpt's picture is the clip's, rounded down to even numbers.
    width, height = int(width) // 2 * 2, int(height) // 2 * 2
    try:
        stored = load_plan(db, row_id, clip_id)
    except PlanError:
        stored = None  # damaged: the review makes the plan again, and replaces it
    return ReviewContext(
        row_id=row_id,
        request_id=prepared.request_id,
        excerpt=excerpt,
        width=width,
        height=height,
        camera_id=int(camera_id),
        masks=masks_for_camera(db, int(camera_id), width=width, height=height),
        stored=stored,
    )


def accept(db: Database, row_id: int, plan: RedactionPlan, seen: str) -> str:
    """Store the plan and record that the resident accepted it, in one transaction:
    ``seen`` is the digest of the plan the preview showed; when the plan stored is not
    that one, PlanError and nothing changes."""
    from db.redaction.store import accept_plan, save_plan

    with db.atomic():
        save_plan(db, row_id, plan)
        accept_plan(db, row_id, plan.clip_id, seen, by="window")
    return seen


def review_states(db: Database, row_id: int) -> dict[int, bool]:
    """Per approved clip of the request: whether the resident accepted a plan that the
    export will use as it is (for the same part of the clip, with the camera's masks as
    they are now). A stored plan that cannot be read counts as not reviewed. Empty when
    nothing of the request can be shared (the share bar says why)."""
    from db.redaction.masks import masks_for_camera
    from db.redaction.plan import PlanError
    from db.redaction.store import load_plan, normalised
    from db.sharing.excerpt_redaction import fits
    from db.sharing.redaction_preview import excerpt_offsets
    from db.sharing.shares import SharingError, prepare

    try:
        prepared = prepare(db, row_id, now=datetime.now(UTC), redact=frozenset())
    except SharingError:
        return {}
    out = {}
    for ex in prepared.spec.excerpts:
        try:
            stored = load_plan(db, row_id, ex.clip_id)
        except PlanError:
            stored = None
        if stored is None or not stored.accepted:
            out[ex.clip_id] = False
            continue
        plan = stored.plan
        masks = masks_for_camera(
            db, _camera_of(db, ex.clip_id), width=plan.width, height=plan.height
        )
        masks_now = [m.to_json() for m in normalised(replace(plan, masks=masks)).masks]
        out[ex.clip_id] = fits(stored, *excerpt_offsets(ex), masks_now)
    return out


def _camera_of(db: Database, clip_id: int) -> int:
    return int(db.execute("SELECT camera_id FROM clips WHERE id = ?", [clip_id]).fetchone()[0])


# -- worker threads ----------------------------------------------------------------------
translate = QCoreApplication.translate
STEPS = 1000  # a share of the work done, as the task's (done, total)


def _share(progress: Progress, what: str) -> Callable[[float], None]:
    """A progress callback that gets the share done (0..1), for the task's."""
    return lambda share: progress(round(min(1.0, max(0.0, share)) * STEPS), STEPS, what)


@dataclass
class Found:
    """What looking for faces gave."""

    tracks: list[Track]
    detector: dict[str, Any] | None
    seconds: float  # how long it took
    missing: str | None = None  # the detector's model is not installed: its message


def find_faces(ctx: ReviewContext, progress: Progress, cancel: threading.Event) -> Found | None:
    """The faces in the excerpt, followed; None when cancelled."""
    from db.redaction import faces

    began = time.monotonic()
    try:
        tracks, info = faces.find_faces(
            ctx.excerpt.source_path,
            ctx.start_s,
            ctx.end_s,
            progress=_share(progress, translate("RedactionJobs", "looking for faces")),
            cancel=cancel,
        )
    except faces.ModelMissing as exc:
        return Found([], None, 0.0, missing=str(exc))
    except faces.FaceSearchCancelled:
        return None
    if cancel.is_set():
        return None
    return Found(tracks, info, time.monotonic() - began)


def follow(
    ctx: ReviewContext,
    at_s: float,
    box: Box,
    track_id: str,
    corrections: dict[float, Box] | None,
    progress: Progress,
    cancel: threading.Event,
) -> FollowedTrack | None:
    """A drawn box followed through the excerpt (with where it lost the object);
    None when cancelled."""
    from db.redaction.tracking import TrackingCancelled, follow_box

    try:
        track = follow_box(
            ctx.excerpt.source_path,
            ctx.start_s,
            ctx.end_s,
            at_s,
            box,
            track_id=track_id,
            corrections=corrections,
            progress=_share(progress, translate("RedactionJobs", "following the box")),
            cancel=cancel,
        )
    except TrackingCancelled:
        return None
    return None if cancel.is_set() else track


@dataclass
class Written:
    path: Path
    digest: str  # the plan it shows
    seconds: float  # how long re-encoding took
    offset_s: float  # the file's first frame is this far into the excerpt (or before: < 0)
    redacted: bool  # re-encoded with something hidden (else copied: nothing to hide)


def write_preview(
    ctx: ReviewContext,
    plan: RedactionPlan,
    dest: Path,
    progress: Progress,
    cancel: threading.Event,
) -> Written | None:
    """The excerpt re-encoded with the plan's redactions, as it would be shared; None
    when cancelled."""
    from db.sharing.package_spec import PackageCancelled
    from db.sharing.redaction_preview import write_redacted_preview

    length = ctx.duration_s or 1.0
    tick = _share(progress, translate("RedactionJobs", "re-encoding the excerpt"))
    began = time.monotonic()
    try:
        cut = write_redacted_preview(
            ctx.excerpt, plan, dest, tick=lambda done_s: tick(done_s / length), cancel=cancel
        )
    except PackageCancelled:
        return None
    if cancel.is_set():
        return None
    took = time.monotonic() - began
    return Written(dest, plan.digest(), took, cut.start_s - ctx.start_s, cut.redacted)
