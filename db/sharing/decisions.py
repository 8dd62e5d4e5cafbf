"""The resident's decisions, clip by clip: pending, approved or declined.

Decisions are local: deciding (declining above all) sends nothing anywhere. They can
be changed until the request's package is delivered. Approving is refused for a request
that a rule blocks (an expired one included: nothing can be shared then), and a clip
flagged "shows children" or "private", or whose recording time is uncertain, needs an
explicit confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlite_utils import Database

from db.audit import trail as audit
from db.requests import rules
from db.requests.agencies import agency_keys
from db.requests.inbox import candidates_for
from db.requests.intake import load_rule_settings
from db.store.timeutil import to_utc_text
from db.words.i18n import _
from db.words.time_notes import TIME_UNCERTAIN, uncertain_words

State = Literal["pending", "approved", "declined"]
STATES: tuple[State, ...] = ("pending", "approved", "declined")


class DecisionError(ValueError):
    """A decision that cannot be taken, with the reason in words."""


def only_time_uncertain(why: str) -> bool:
    """Whether a clip of NeedsConfirmation needs it only for its uncertain time (not a
    flag): its reason starts with "time uncertain" in the language it was made in."""
    return why.startswith(_(TIME_UNCERTAIN))


class NeedsConfirmation(DecisionError):
    """Approving these clips needs the resident's explicit confirmation: they are
    flagged as sensitive (shows children, private), or their recording time is
    uncertain (db.clips.clip_time: "time uncertain: why")."""

    def __init__(self, clips: list[tuple[int, str]]) -> None:
        names = ", ".join(
            _("clip %(clip)s (%(why)s)") % {"clip": cid, "why": why} for cid, why in clips
        )
        sensitive = any(not only_time_uncertain(why) for _cid, why in clips)
        timing = any(_(TIME_UNCERTAIN) in why for _cid, why in clips)
        if sensitive and timing:
            what = _("it is flagged as sensitive and its recording time is uncertain")
        elif sensitive:
            what = _("it is flagged as sensitive")
        else:
            what = _("its recording time is uncertain")
        super().__init__(_("confirm sharing %(clips)s: %(why)s") % {"clips": names, "why": what})
        self.clips = clips


@dataclass(frozen=True)
class Decision:
    clip_id: int
    state: State
    note: str | None
    decided_at: str


def decisions_for(db: Database, row_id: int) -> dict[int, Decision]:
    rows = db.execute(
        "SELECT clip_id, state, note, decided_at FROM decisions WHERE request_row = ?", [row_id]
    )
    return {int(r[0]): Decision(int(r[0]), r[1], r[2], r[3]) for r in rows}


def blocking_reasons(db: Database, row_id: int, now: datetime) -> list[str]:
    """Why nothing can be shared for this request now (empty: it can be)."""
    row = db.execute("SELECT raw, state FROM requests WHERE id = ?", [row_id]).fetchone()
    if row is None:
        raise DecisionError(_("no request row %(row_id)s") % {"row_id": row_id})
    from db.requests.request_doc import parse_request
    from db.requests.request_signature import check_signature

    reasons = []
    if row[1] == "withdrawn":
        reasons.append(_("The agency withdrew this request."))
    elif row[1] == "edited":
        reasons.append(_("The agency replaced this request with a newer version."))
    doc = parse_request(bytes(row[0]))
    signature = check_signature(doc, agency_keys(db, doc.agency_id))
    results = rules.evaluate(doc, load_rule_settings(db), now, signature)
    reasons += [r.reason for r in results if r.outcome == "block"]
    return reasons


def delivered_at(db: Database, row_id: int) -> str | None:
    """When a package of this request version first reached the agency: uploaded, or
    handed over (through its portal, on a drive, in person) as the resident recorded."""
    row = db.execute(
        "SELECT min(at) FROM (SELECT d.delivered_at AS at FROM deliveries d "
        "JOIN packages p ON p.id = d.package_id WHERE p.request_row = ? "
        "UNION ALL SELECT h.handed_at FROM handovers h "
        "JOIN packages p ON p.id = h.package_id WHERE p.request_row = ?)",
        [row_id, row_id],
    ).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def decide(
    db: Database,
    row_id: int,
    clip_ids: list[int],
    state: State,
    *,
    now: datetime,
    note: str | None = None,
    confirm_sensitive: bool = False,
) -> list[Decision]:
    """Record the resident's decision for these candidate clips, in one transaction.
    Runs on the database thread; local only."""
    if state not in STATES:
        raise DecisionError(
            _("decision: %(state)s is not one of %(value)s")
            % {"state": repr(state), "value": ", ".join(STATES)}
        )
    if not clip_ids:
        raise DecisionError(_("no clips to decide on"))
    sent = delivered_at(db, row_id)
    if sent is not None:
        raise DecisionError(
            _(
                "the package for this request was delivered on %(sent)s; decisions are "
                "final once delivered"
            )
            % {"sent": sent}
        )
    raw = db.execute("SELECT raw FROM requests WHERE id = ?", [row_id]).fetchone()
    if raw is None:
        raise DecisionError(_("no request row %(row_id)s") % {"row_id": row_id})
    from db.requests.request_doc import parse_request

    doc = parse_request(bytes(raw[0]))
    candidates = {c.clip_id for c in candidates_for(db, doc, row_id)}
    unknown = [c for c in clip_ids if c not in candidates]
    if unknown:
        raise DecisionError(
            _("clip %(unknown)s is not among this request's candidate clips")
            % {"unknown": unknown[0]}
        )
    if state == "approved":
        blocked = blocking_reasons(db, row_id, now)
        if blocked:
            raise DecisionError(_("nothing can be shared for this request: ") + " ".join(blocked))
        if not confirm_sensitive:
            flagged = []
            marks = ",".join("?" * len(clip_ids))
            for cid, children, private, certain, note in db.execute(
                f"SELECT id, shows_children, private, start_certain, start_note FROM clips "
                f"WHERE id IN ({marks})",
                clip_ids,
            ):
                uncertain = uncertain_words(note or "")
                why = _(" and ").join(
                    w
                    for w, on in (
                        (_("shows children"), children),
                        (_("private"), private),
                        (uncertain, not certain),
                    )
                    if on
                )
                if why:
                    flagged.append((int(cid), why))
            if flagged:
                raise NeedsConfirmation(flagged)
    stamp = to_utc_text(now)
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO decisions (request_row, clip_id, state, note, sensitive_confirmed, "
            "decided_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (request_row, clip_id) DO UPDATE "
            "SET state = excluded.state, note = excluded.note, "
            "sensitive_confirmed = excluded.sensitive_confirmed, decided_at = excluded.decided_at",
            [(row_id, cid, state, note, int(confirm_sensitive), stamp) for cid in clip_ids],
        )
        for cid in clip_ids:
            audit.append(
                db,
                "decision",
                now=now,
                request_id=doc.id,
                agency_id=doc.agency_id,
                clip_id=cid,
                details={
                    "state": state,
                    "note": note,
                    "sensitive_confirmed": confirm_sensitive,
                    "version_row": row_id,
                },
            )
        decided = decisions_for(db, row_id)
        complete = bool(candidates) and all(
            c in decided and decided[c].state != "pending" for c in candidates
        )
        db.execute(
            "UPDATE requests SET decided_at = ? WHERE id = ?", [stamp if complete else None, row_id]
        )
    return [decided[c] for c in clip_ids]
