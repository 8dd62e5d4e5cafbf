"""Reading the inbox: its lines (summaries, sorted in SQL, and what changed since a
known state), one request's detail, marking a request viewed, and its matching cameras.
Storing requests is db.requests.intake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from db.audit import trail as audit
from db.requests import rules
from db.requests.agencies import agency_keys
from db.requests.intake import load_rule_settings
from db.requests.matching import Candidate, find_candidates
from db.requests.request_types import RequestDoc, RuleResult, RuleSettings
from db.store.timeutil import to_utc_text
from db.words import units
from db.words.counts import stored_summary_words

# The inbox imports this module at start-up; parsing (db.requests.request_doc) and signatures
# (db.keys.signing) are imported where they are used.

_STATUS_SQL = """CASE
    WHEN r.state = 'withdrawn' THEN 'withdrawn'
    WHEN r.auto_declined_at IS NOT NULL OR r.decided_at IS NOT NULL THEN 'decided'
    WHEN r.expires_at_utc <= :now THEN 'expired'
    WHEN r.cameras_in_area = 0 THEN 'no footage'
    WHEN r.viewed_at IS NULL THEN 'new'
    ELSE 'needs decision' END"""


@dataclass(frozen=True)
class RequestSummary:
    """One line of the inbox."""

    row_id: int
    request_id: str
    version: int
    state: str
    status: str
    agency_id: str
    agency: str
    case_number: str | None
    incident: str | None
    window_start_utc: str
    window_end_utc: str
    area_sq_m: float
    received_at: str
    expires_at_utc: str
    worst_outcome: str
    rule_summary: str
    cameras_in_area: int
    signature_outcome: str
    area: str = ""  # GeoJSON, for the map
    source: str = "file"  # "file", "feed" or "resident" (entered by the resident)
    received_via: str | None = None  # how the resident received a request they entered

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.request_id,
            "version": self.version,
            "agency": self.agency,
            "agency_id": self.agency_id,
            "case_number": self.case_number,
            "incident": self.incident,
            "status": self.status,
            "state": self.state,
            "window": {"start": self.window_start_utc, "end": self.window_end_utc},
            "area_sq_mi": round(self.area_sq_m / units.SQ_M_PER_SQ_MI, 4),
            "received_at": self.received_at,
            "expires_at": self.expires_at_utc,
            "rules": self.rule_summary,
            "worst_outcome": self.worst_outcome,
            "signature": self.signature_outcome,
            "source": self.source,
            "received_via": self.received_via,
        }


_SUMMARY_COLUMNS = f"""r.id, r.request_id, r.version, r.state, {_STATUS_SQL} AS status,
    r.agency_id, a.name, r.case_number, r.incident, r.window_start_utc, r.window_end_utc,
    r.area_sq_m, r.received_at, r.expires_at_utc, r.worst_outcome, r.rule_summary,
    r.cameras_in_area, r.signature_outcome, r.area, r.source, r.received_via"""


_SUMMARY_COLUMNS_QMARK = _SUMMARY_COLUMNS.replace(":now", "?")


def _summary(row: tuple[Any, ...]) -> RequestSummary:
    values = list(row)
    values[15] = stored_summary_words(values[15])  # stored in English
    return RequestSummary(*values)


def request_summaries(db: Database, row_ids: list[int], *, now: datetime) -> list[RequestSummary]:
    if not row_ids:
        return []
    marks = ",".join("?" * len(row_ids))
    rows = db.execute(
        f"SELECT {_SUMMARY_COLUMNS_QMARK} FROM requests r "
        f"JOIN agencies a ON a.id = r.agency_id WHERE r.id IN ({marks})",
        [to_utc_text(now), *row_ids],
    )
    by_id = {int(r[0]): _summary(tuple(r)) for r in rows}
    return [by_id[i] for i in row_ids if i in by_id]


# Sortable columns of the inbox, by the name the GUI uses; the id breaks ties.
SORT_SQL = {
    "status": "status",
    "agency": "a.name COLLATE NOCASE",
    "case": "r.case_number",
    "incident": "r.incident COLLATE NOCASE",
    "window": "r.window_start_utc",
    "area": "r.area_sq_m",
    "rules": "CASE r.worst_outcome WHEN 'block' THEN 0 WHEN 'warn' THEN 1 ELSE 2 END",
    "received": "r.received_at",
}


def list_requests(
    db: Database, *, now: datetime, sort: str = "received", descending: bool = True
) -> list[RequestSummary]:
    """The inbox (latest versions; withdrawn ones included), sorted in SQL."""
    direction = "DESC" if descending else "ASC"
    rows = db.execute(
        f"SELECT {_SUMMARY_COLUMNS_QMARK} FROM requests r "
        "JOIN agencies a ON a.id = r.agency_id WHERE r.state != 'edited' "
        f"ORDER BY {SORT_SQL[sort]} {direction}, r.id {direction}",
        [to_utc_text(now)],
    )
    return [_summary(tuple(r)) for r in rows]


@dataclass(frozen=True)
class InboxDelta:
    """What changed in the inbox since a known state: rows added after ``after_id``,
    rows replaced by a later version, and rows whose state changed since ``since``."""

    added: list[RequestSummary]
    replaced: list[int]
    changed: list[RequestSummary]
    max_id: int
    as_of: str


def inbox_mark(db: Database, *, now: datetime) -> tuple[int, str]:
    """The newest row id and the time: where the next ``inbox_delta`` starts from."""
    top = db.execute("SELECT max(id) FROM requests").fetchone()[0] or 0
    return int(top), to_utc_text(now)


def inbox_delta(db: Database, *, after_id: int, since: str, now: datetime) -> InboxDelta:
    """Runs on the database thread; cheap whatever the size of the inbox."""
    now_text = to_utc_text(now)
    added = [
        _summary(tuple(r))
        for r in db.execute(
            f"SELECT {_SUMMARY_COLUMNS_QMARK} FROM requests r "
            "JOIN agencies a ON a.id = r.agency_id WHERE r.id > ? AND r.state != 'edited' "
            "ORDER BY r.id",
            [now_text, after_id],
        )
    ]
    replaced = [
        int(r[0])
        for r in db.execute(
            "SELECT id FROM requests WHERE id <= ? AND state = 'edited' AND replaced_at >= ?",
            [after_id, since],
        )
    ]
    changed = [
        _summary(tuple(r))
        for r in db.execute(
            f"SELECT {_SUMMARY_COLUMNS_QMARK} FROM requests r "
            "JOIN agencies a ON a.id = r.agency_id WHERE r.id <= ? AND r.state = 'withdrawn' "
            "AND r.withdrawn_at >= ?",
            [now_text, after_id, since],
        )
    ]
    top = db.execute("SELECT max(id) FROM requests").fetchone()[0] or 0
    return InboxDelta(added, replaced, changed, max(int(top), after_id), now_text)


@dataclass(frozen=True)
class RequestDetail:
    summary: RequestSummary
    doc: RequestDoc
    rules: list[RuleResult]
    signature_detail: str
    versions: list[tuple[int, str, str]]  # (version, state, received_at)
    candidates: list[Candidate]

    def to_json(self) -> dict[str, Any]:
        out = self.summary.to_json()
        out["rules"] = [r.to_json() for r in self.rules]
        out["rule_summary"] = self.summary.rule_summary
        out["signature_detail"] = self.signature_detail
        out["description"] = self.doc.description
        out["contact"] = self.doc.contact
        out["area"] = self.doc.area.to_geojson()
        out["retention_days"] = self.doc.retention_days
        out["third_party_sharing"] = self.doc.third_party_sharing
        out["delivery"] = self.doc.delivery
        out["sha256"] = self.doc.sha256
        out["versions"] = [
            {"version": v, "state": s, "received_at": t} for v, s, t in self.versions
        ]
        out["candidates"] = len(self.candidates)
        out["uncertain_candidates"] = [
            {"clip_id": c.clip_id, "warning": c.warning}
            for c in self.candidates
            if not c.start_certain
        ]
        return out


def find_row(db: Database, request_id: str) -> int:
    """The latest version's row of a request, by the request's own id (or a unique
    prefix of it, as a convenience on the command line)."""
    row = db.execute(
        "SELECT id FROM requests WHERE request_id = ? ORDER BY version DESC LIMIT 1",
        [request_id],
    ).fetchone()
    if row is None:
        rows = db.execute(
            "SELECT DISTINCT request_id FROM requests WHERE request_id LIKE ? ESCAPE '\\' LIMIT 2",
            [request_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"],
        ).fetchall()
        if len(rows) == 1:
            return find_row(db, str(rows[0][0]))
        if len(rows) > 1:
            raise LookupError(f"more than one request starts with {request_id!r}")
        raise LookupError(f"no request with id {request_id!r}")
    return int(row[0])


def request_detail(
    db: Database, row_id: int, *, now: datetime, local_times: bool = False
) -> RequestDetail:
    """Everything the detail panel shows, with the rules checked now (expiry moves on
    with the clock) under the resident's current settings. Runs on the database thread.
    ``local_times``: the reasons' moments on the computer's clock (the window's rule)."""
    from db.requests.request_doc import parse_request
    from db.requests.request_signature import check_signature

    summaries = request_summaries(db, [row_id], now=now)
    if not summaries:
        raise LookupError(f"no request row {row_id}")
    summary = summaries[0]
    raw, received_via = db.execute(
        "SELECT raw, received_via FROM requests WHERE id = ?", [row_id]
    ).fetchone()
    doc = parse_request(bytes(raw))
    settings = load_rule_settings(db)
    signature = check_signature(doc, agency_keys(db, doc.agency_id), entered_via=received_via)
    results = rules.evaluate(doc, settings, now, signature, local_times=local_times)
    versions = [
        (int(v), str(s), str(t))
        for v, s, t in db.execute(
            "SELECT version, state, received_at FROM requests WHERE request_id = ? "
            "ORDER BY version",
            [doc.id],
        )
    ]
    candidates = candidates_for(db, doc, row_id, settings)
    return RequestDetail(summary, doc, results, signature.detail, versions, candidates)


def mark_viewed(db: Database, row_id: int, *, now: datetime) -> bool:
    """Record (locally) that the resident opened the request; True the first time."""
    with db.atomic():
        cur = db.execute(
            "UPDATE requests SET viewed_at = ? WHERE id = ? AND viewed_at IS NULL",
            [to_utc_text(now), row_id],
        )
        first = cur.rowcount == 1
        row = db.execute(
            "SELECT request_id, agency_id, version FROM requests WHERE id = ?", [row_id]
        ).fetchone()
        if row is not None:
            audit.append(
                db,
                "request viewed",
                now=now,
                request_id=row[0],
                agency_id=row[1],
                details={"version": row[2], "first_time": first},
            )
    return first


def match(db: Database, row_id: int) -> list[Candidate]:
    from db.requests.request_doc import parse_request

    raw = db.execute("SELECT raw FROM requests WHERE id = ?", [row_id]).fetchone()
    if raw is None:
        raise LookupError(f"no request row {row_id}")
    return candidates_for(db, parse_request(bytes(raw[0])), row_id)


def candidates_for(
    db: Database, doc: RequestDoc, row_id: int, settings: RuleSettings | None = None
) -> list[Candidate]:
    """The clips the request covers under the resident's matching settings, with those
    already decided for it (a retired camera's too)."""
    settings = settings or load_rule_settings(db)
    return find_candidates(
        db,
        doc.area,
        doc.window_start,
        doc.window_end,
        use_view_cones=settings.match_view_cones,
        decided_for=row_id,
    )
