"""Redaction plans kept per request and clip (docs/redaction.md, "Plans and acceptance";
table ``redaction_plans``, docs/schema.md). A plan is stored as proposed when it is made
(found faces, the camera's masks, drawn boxes) and replaced whenever it changes; the
resident accepts exactly the plan they saw, named by its SHA-256, and the acceptance is
written to the audit trail in the same transaction. No Qt."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlite_utils import Database

from db.audit import trail as audit
from db.redaction.plan import PlanError, RedactionPlan
from db.store.timeutil import to_utc_text
from db.words.i18n import _

Status = Literal["proposed", "accepted"]
ACCEPTED_BY = ("window", "command line")


@dataclass(frozen=True)
class StoredPlan:
    plan: RedactionPlan
    status: Status
    digest: str  # SHA-256 of the plan's canonical JSON
    analysed_at: str  # UTC text: when the plan was made or last changed
    accepted_at: str | None
    accepted_by: str | None  # "window" or "command line"

    @property
    def accepted(self) -> bool:
        return self.status == "accepted"


def counts(plan: RedactionPlan) -> dict[str, int]:
    """What a plan hides, counted: masks, face tracks, drawn boxes, and the tracks the
    resident turned off (the audit entry and the manifest say these)."""
    on = [t for t in plan.tracks if t.enabled and t.keys]
    return {
        "masks": len(plan.masks),
        "faces": sum(1 for t in on if t.kind == "face"),
        "drawn_boxes": sum(1 for t in on if t.kind == "box"),
        "turned_off": sum(1 for t in plan.tracks if not t.enabled),
    }


def normalised(plan: RedactionPlan) -> RedactionPlan:
    """The plan as it reads back from its JSON (keys sorted, times rounded), so that
    the digest of what is stored is the digest of what is shown."""
    return RedactionPlan.from_json(plan.to_json())


def save_plan(
    db: Database, request_id: int, plan: RedactionPlan, *, now: datetime | None = None
) -> str:
    """Store ``plan`` for the request (its row id) and the plan's clip, as proposed,
    replacing any plan stored for them (an accepted one too: what changed must be
    accepted again). Returns the stored plan's digest."""
    plan = normalised(plan)
    digest = plan.digest()
    at = to_utc_text(now or datetime.now(UTC))
    with db.atomic():
        db.execute(
            "INSERT INTO redaction_plans (request_row, clip_id, plan, plan_sha256, status, "
            "analysed_at, accepted_at, accepted_by) VALUES (?, ?, ?, ?, 'proposed', ?, NULL, "
            "NULL) ON CONFLICT (request_row, clip_id) DO UPDATE SET plan = excluded.plan, "
            "plan_sha256 = excluded.plan_sha256, status = 'proposed', "
            "analysed_at = excluded.analysed_at, accepted_at = NULL, accepted_by = NULL",
            [request_id, plan.clip_id, plan.canonical().decode(), digest, at],
        )
    return digest


def load_plan(db: Database, request_id: int, clip_id: int) -> StoredPlan | None:
    """The plan stored for the request (row id) and clip, or None. PlanError when the
    stored plan no longer matches its digest or cannot be read."""
    row = db.execute(
        "SELECT plan, plan_sha256, status, analysed_at, accepted_at, accepted_by "
        "FROM redaction_plans WHERE request_row = ? AND clip_id = ?",
        [request_id, clip_id],
    ).fetchone()
    if row is None:
        return None
    text, digest, status, analysed_at, accepted_at, accepted_by = row
    try:
        plan = RedactionPlan.from_json(json.loads(text))
    except json.JSONDecodeError:
        raise PlanError(
            _("the redaction plan stored for clip {id} is not JSON").format(id=clip_id)
        ) from None
    if plan.digest() != digest:
        raise PlanError(
            _(
                "the redaction plan stored for clip {id} does not match its SHA-256: "
                "it was changed outside Doorstep; make it again"
            ).format(id=clip_id)
        )
    return StoredPlan(plan, status, digest, analysed_at, accepted_at, accepted_by)


def accept_plan(
    db: Database,
    request_id: int,
    clip_id: int,
    digest: str,
    *,
    by: str,
    now: datetime | None = None,
) -> None:
    """Mark the stored plan accepted by the resident (``by``: "window" or "command
    line"), with its "redaction accepted" audit entry, in one transaction. PlanError
    when no plan is stored or ``digest`` is not the stored plan's (it changed after it
    was shown: nothing is accepted)."""
    if by not in ACCEPTED_BY:
        raise ValueError(f"accepted by {by!r}: one of {', '.join(ACCEPTED_BY)}")
    moment = now or datetime.now(UTC)
    with db.atomic():
        stored = load_plan(db, request_id, clip_id)
        if stored is None:
            raise PlanError(
                _("no redaction plan is stored for clip {id} of this request").format(id=clip_id)
            )
        if digest.lower() != stored.digest:
            raise PlanError(
                _(
                    "the redaction plan of clip {id} accepted ({seen}…) is not the one stored "
                    "({stored}…): it changed after it was shown; nothing was accepted"
                ).format(id=clip_id, seen=digest[:12], stored=stored.digest[:12])
            )
        db.execute(
            "UPDATE redaction_plans SET status = 'accepted', accepted_at = ?, accepted_by = ? "
            "WHERE request_row = ? AND clip_id = ?",
            [to_utc_text(moment), by, request_id, clip_id],
        )
        req = db.execute(
            "SELECT request_id, agency_id FROM requests WHERE id = ?", [request_id]
        ).fetchone()
        cam = db.execute("SELECT camera_id FROM clips WHERE id = ?", [clip_id]).fetchone()
        plan = stored.plan
        audit.append(
            db,
            "redaction accepted",
            now=moment,
            request_id=req[0] if req else None,
            agency_id=req[1] if req else None,
            clip_id=clip_id,
            camera_id=cam[0] if cam else None,
            details={
                "accepted_by": by,
                "plan_sha256": stored.digest,
                "style": plan.style,
                "start_s": round(plan.start_s, 3),
                "end_s": round(plan.end_s, 3),
                "detector": (plan.detector or {}).get("name"),
                **counts(plan),
            },
        )


def clear_plan(db: Database, request_id: int, clip_id: int) -> bool:
    """Forget the plan stored for the request (row id) and clip; False when there was
    none. The audit entries of earlier acceptances stay."""
    with db.atomic():
        cur = db.execute(
            "DELETE FROM redaction_plans WHERE request_row = ? AND clip_id = ?",
            [request_id, clip_id],
        )
    return cur.rowcount == 1
