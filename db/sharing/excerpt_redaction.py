"""Which redaction plan each excerpt of a package gets (docs/redaction.md, "Exporting"):
runs on the database thread as part of ``shares.prepare``.

* Nothing, when the resident asked for no redaction (``--redact none``).
* The plan the resident accepted for this request and clip, when it still fits the
  excerpt: the same part of the clip and the camera's privacy masks as they are now.
* Otherwise a plan made now: the camera's masks (its standing instruction, whatever
  else is asked), the faces found in the excerpt when ``faces`` is asked, and the boxes
  the resident drew for it before. Saved and accepted by whoever asked for the package
  (the command line; the window reviews first), with its audit entry."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sqlite_utils import Database

from db.redaction.masks import masks_for_camera
from db.redaction.plan import PlanError, RedactionPlan, Track
from db.redaction.store import StoredPlan, accept_plan, load_plan, normalised, save_plan
from db.sharing.package_spec import ExcerptSpec, PackageCancelled, excerpt_label
from db.sharing.redaction_preview import excerpt_offsets

REDACT_CHOICES = ("faces", "masks")
# A stored plan fits an excerpt whose ends moved by less than this (times are stored to
# 0.1 ms; a margin setting changed by a second does not fit).
SAME_RANGE_S = 0.01


class RedactionError(ValueError):
    """A plan cannot be made or used; the message names the clip and why."""


def parse_redact(text: str) -> frozenset[str]:
    """``faces,masks``, ``masks``, ``faces`` or ``none`` as the set of what to hide."""
    words = {w.strip().lower() for w in text.split(",") if w.strip()}
    if words == {"none"}:
        return frozenset()
    unknown = sorted(words - set(REDACT_CHOICES))
    if unknown or not words:
        raise RedactionError(
            f"--redact: {', '.join(unknown) or 'nothing'} is not one of faces, masks "
            "(comma-separated) or none"
        )
    return frozenset(words)


def same_range(plan: RedactionPlan, a: float, b: float) -> bool:
    return abs(plan.start_s - a) < SAME_RANGE_S and abs(plan.end_s - b) < SAME_RANGE_S


def fits(stored: StoredPlan, a: float, b: float, masks_now: list[dict[str, Any]]) -> bool:
    """The stored plan is for this part of the clip and holds the camera's masks as
    they are now (a mask added since must be hidden too)."""
    plan = stored.plan
    return same_range(plan, a, b) and [m.to_json() for m in plan.masks] == masks_now


def redact_excerpt(
    db: Database,
    row_id: int,
    ex: ExcerptSpec,
    *,
    camera_id: int,
    width: int,
    height: int,
    redact: frozenset[str],
    accepted_by: str | None,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
) -> ExcerptSpec:
    """``ex`` with the plan it is to be cut with (see the module's words); ``ex``
    unchanged when nothing is asked for, or nothing is to be hidden and nothing was
    looked for. A plan made now is saved and accepted by ``accepted_by``; with None it
    is only attached (a caller that looks, such as the review, and builds nothing).
    RedactionError when faces cannot be searched for or a stored plan is damaged."""
    if not redact:
        return ex
    label = excerpt_label(ex)
    width, height = width & ~1, height & ~1
    a, b = excerpt_offsets(ex)
    masks = masks_for_camera(db, camera_id, width=width, height=height)
    masks_now = [m.to_json() for m in normalised(RedactionPlan(0, 0, 0, 1, 1, masks)).masks]
    try:
        stored = load_plan(db, row_id, ex.clip_id)
    except PlanError as exc:
        raise RedactionError(f"{label}: {exc}") from None
    if stored is not None and stored.accepted and fits(stored, a, b, masks_now):
        assert stored.accepted_by is not None and stored.accepted_at is not None
        return replace(
            ex,
            redaction=stored.plan,
            redaction_accepted=(stored.accepted_by, stored.accepted_at),
        )
    tracks: list[Track] = []
    detector = None
    if "faces" in redact:
        tracks, detector = _find_faces(ex, a, b, progress, cancel)
    if stored is not None and same_range(stored.plan, a, b):
        # the resident's drawn boxes are kept: hiding more is never a risk
        tracks += [t for t in stored.plan.tracks if t.kind == "box"]
    plan = RedactionPlan(ex.clip_id, a, b, width, height, masks, tracks, detector=detector)
    if plan.empty() and detector is None:
        return ex
    if accepted_by is None:  # a look at what would be shared: nothing is stored
        return replace(ex, redaction=normalised(plan), redaction_accepted=None)
    with db.atomic():
        digest = save_plan(db, row_id, plan)
        accept_plan(db, row_id, ex.clip_id, digest, by=accepted_by)
    stored = load_plan(db, row_id, ex.clip_id)
    assert stored is not None and stored.accepted_at is not None
    return replace(ex, redaction=stored.plan, redaction_accepted=(accepted_by, stored.accepted_at))


def _find_faces(
    ex: ExcerptSpec,
    a: float,
    b: float,
    progress: Callable[[float], None] | None,
    cancel: threading.Event | None,
) -> tuple[list[Track], dict[str, Any]]:
    from db.redaction import faces

    try:
        return faces.find_faces(ex.source_path, a, b, progress=progress, cancel=cancel)
    except faces.FaceSearchCancelled:
        raise PackageCancelled("cancelled") from None
    except (faces.ModelMissing, faces.FaceSearchError) as exc:
        raise RedactionError(f"{excerpt_label(ex)}: {exc}") from None
