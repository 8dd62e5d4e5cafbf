"""Storing agency requests as they arrive, and checking the stored ones again.

A request is stored exactly as received (its bytes and their SHA-256) together with its
parsed fields, the signature check and the rule results at the time it arrived. Stored
versions are never changed: when a feed later edits a request, the old version is marked
``edited`` and the new one stored beside it; when a feed drops one, it is marked
``withdrawn``. Everything a receipt writes happens in one transaction. Reading the
inbox (its lines, a request's detail) is db.requests.inbox.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlite_utils import Database

from db.audit import trail as audit
from db.requests import geo, rules
from db.requests.agencies import agency_keys, ensure_agency
from db.requests.matching import CameraRow, cameras_in_area, covering
from db.requests.request_checks import (
    check_area,
    check_new_version,
    edit_refusal,
    resident_refusal,
)
from db.requests.request_types import (
    RequestDoc,
    RequestError,
    RuleResult,
    RuleSettings,
    SignatureCheck,
)
from db.store.timeutil import to_utc_text
from db.words.i18n import english

# The inbox imports this module at start-up; parsing (db.requests.request_doc), signatures
# (db.keys.signing) and the canonical form (rfc8785) are imported where they are used.


# --- the resident's rule settings -----------------------------------------------------


def load_rule_settings(db: Database) -> RuleSettings:
    row = db.execute("SELECT value FROM settings WHERE key = 'rules'").fetchone()
    if row is None:
        return RuleSettings()
    return rules.settings_from_json(json.loads(row[0]))


def save_rule_settings(db: Database, settings: RuleSettings, *, now: datetime) -> int:
    """Store the settings and evaluate every current request again under them (in one
    transaction). Returns how many requests were evaluated."""
    value = json.dumps(rules.settings_to_json(settings), sort_keys=True)
    rules.settings_from_json(json.loads(value))  # refuse what could not be read back
    with db.atomic():
        db.execute(
            "INSERT INTO settings (key, value) VALUES ('rules', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [value],
        )
        audit.append(db, "rules changed", now=now, details=json.loads(value))
        return reevaluate(db, now=now, settings=settings)


# --- receiving ------------------------------------------------------------------------

Action = Literal["added", "unchanged", "edited", "withdrawn"]


@dataclass(frozen=True, slots=True)  # slots: a big feed's poll holds one per request
class Received:
    action: Action
    request_id: str
    row_id: int
    worst: str = "ok"
    auto_declined: bool = False

    def text(self) -> str:
        words = {
            "added": "stored",
            "unchanged": "already stored, unchanged",
            "edited": "stored as a new version (the agency edited it; the original is kept)",
            "withdrawn": "marked withdrawn",
        }[self.action]
        extra = " and declined automatically (nothing was sent)" if self.auto_declined else ""
        return f"Request {self.request_id}: {words}{extra}."


@dataclass
class FeedApplied:
    received: list[Received] = field(default_factory=list)
    refused: list[tuple[int, str | None, RequestError]] = field(default_factory=list)

    def count(self, action: Action) -> int:
        return sum(1 for r in self.received if r.action == action)


def content_sha256(doc: RequestDoc) -> str:
    """The hash of the document's canonical form: the same request reads the same
    whether it came as a file or in a feed, whatever its key order or spacing."""
    import rfc8785

    return hashlib.sha256(rfc8785.dumps(doc.data)).hexdigest()


def _current(db: Database, request_id: str) -> tuple[int, int, str, str] | None:
    row = db.execute(
        "SELECT id, version, content_sha256, state FROM requests WHERE request_id = ? "
        "ORDER BY version DESC LIMIT 1",
        [request_id],
    ).fetchone()
    return None if row is None else (int(row[0]), int(row[1]), str(row[2]), str(row[3]))


@dataclass(frozen=True)
class Evaluation:
    """What checking a request found: its signature, the rule results, its geodesic
    area and how many of the resident's cameras it covers. Made where the request is
    stored, or ahead of time in the feed checker's process (db.requests.feed_check)."""

    signature: SignatureCheck
    results: tuple[RuleResult, ...]
    area_sq_m: float
    cameras_in_area: int


def evaluate_request(
    doc: RequestDoc,
    settings: RuleSettings,
    now: datetime,
    keys: dict[str, bytes],
    cameras: Iterable[CameraRow],
) -> Evaluation:
    """Check ``doc`` with the agency's ``keys`` and the resident's ``cameras`` (rows of
    db.requests.matching.camera_rows). Pure: no database, so it can run in another process."""
    from db.requests.request_signature import check_signature

    with english():  # stored with the request: the same on every computer
        signature = check_signature(doc, keys)
        results = tuple(rules.evaluate(doc, settings, now, signature))
    shape = geo.area_geometry(doc.area)
    covered = covering(shape, cameras, use_view_cones=settings.match_view_cones)
    return Evaluation(signature, results, geo.area_sq_m(doc.area), len(covered))


def _evaluate_here(
    db: Database,
    doc: RequestDoc,
    settings: RuleSettings,
    now: datetime,
    keys: dict[str, bytes],
    entered_via: str | None = None,
) -> Evaluation:
    from db.requests.request_signature import check_signature

    with english():  # stored with the request: the same on every computer
        signature = check_signature(doc, keys, entered_via=entered_via)
        results = tuple(rules.evaluate(doc, settings, now, signature))
    covered = cameras_in_area(db, doc.area, use_view_cones=settings.match_view_cones)
    return Evaluation(signature, results, geo.area_sq_m(doc.area), len(covered))


def receive(
    db: Database,
    doc: RequestDoc,
    *,
    source: Literal["file", "feed", "resident"],
    now: datetime,
    feed_id: int | None = None,
    received_via: str | None = None,
    settings: RuleSettings | None = None,
    keys: dict[str, dict[str, bytes]] | None = None,
    evaluation: Evaluation | None = None,
) -> Received:
    """Store a parsed request with its signature check and rule results, in one
    transaction. The same request again changes nothing. From a file, a different
    document under an id already stored is refused (RequestError); from a feed it is
    an edit: both versions are kept, unless db.requests.request_checks refuses it (another
    agency's id, an unsigned edit of a signed request). ``evaluation``, when given,
    must have been made with the settings, keys and cameras stored now. Runs on the
    database thread. ``source`` "resident": the resident entered it from a request
    received by ``received_via`` (db.requests.manual); it has no signature to check."""
    if (source == "resident") != (received_via is not None):
        raise ValueError("received_via is given exactly for a request the resident entered")
    check_area(doc)
    settings = settings or load_rule_settings(db)
    # A feed item's bytes are already its canonical form (db.requests.request_doc).
    digest = doc.sha256 if source == "feed" else content_sha256(doc)
    with db.atomic():
        current = _current(db, doc.id)
        version = 1
        if current is not None:
            row_id, last_version, last_digest, state = current
            if last_digest == digest and state != "withdrawn":
                return Received("unchanged", doc.id, row_id)
            check_new_version(db, doc, signed=source == "feed")
            if source != "feed" and last_digest != digest:
                raise RequestError(
                    "id",
                    f"a different request with id {doc.id!r} is already stored; an agency "
                    "changes a request through its feed, and both versions are kept",
                )
            version = last_version + 1
            db.execute(
                "UPDATE requests SET state = 'edited', replaced_at = ? WHERE id = ?",
                [to_utc_text(now), row_id],
            )
        row_id, worst, declined = _insert(
            db, doc, digest, version, source, feed_id, now, settings, keys, evaluation, received_via
        )
        action: Action = "added" if version == 1 else "edited"
        return Received(action, doc.id, row_id, worst, declined)


_INSERT_REQUEST_SQL = (
    "INSERT INTO requests (id, request_id, version, agency_id, raw, sha256, content_sha256, "
    "source, feed_id, received_at, case_number, incident, description, contact, "
    "window_start_utc, window_end_utc, area, area_sq_m, issued_at_utc, expires_at_utc, "
    "retention_days, third_party_sharing, delivery, signature_outcome, worst_outcome, "
    "rule_summary, cameras_in_area, auto_declined_at, received_via) VALUES "
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_RULE_SQL = (
    "INSERT INTO request_rules (request_row, position, rule, outcome, reason, "
    "evaluated_at) VALUES (?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True)
class _Stored:
    """What storing one version of a request writes: its row (``id`` first, None to
    let SQLite choose), its rule rows without the row id, and its audit entries."""

    row: list[Any]
    rules: list[tuple[Any, ...]]
    entries: list[tuple[str, dict[str, Any]]]
    worst: str
    declined: bool


def _prepare(
    doc: RequestDoc,
    digest: str,
    version: int,
    source: str,
    feed_id: int | None,
    now_text: str,
    settings: RuleSettings,
    evaluation: Evaluation,
    received_via: str | None = None,
) -> _Stored:
    signature, results = evaluation.signature, evaluation.results
    worst = rules.worst(results)
    declined = settings.auto_decline_blocked and worst == "block"
    with english():  # stored: the same on every computer
        summary = rules.summary(results)
    row = [
        None,
        doc.id,
        version,
        doc.agency_id,
        doc.raw,
        doc.sha256,
        digest,
        source,
        feed_id,
        now_text,
        doc.case_number,
        doc.incident,
        doc.description,
        json.dumps(doc.contact) if doc.contact is not None else None,
        to_utc_text(doc.window_start),
        to_utc_text(doc.window_end),
        json.dumps(doc.area.to_geojson()),
        evaluation.area_sq_m,
        to_utc_text(doc.issued_at),
        to_utc_text(doc.expires_at),
        doc.retention_days,
        doc.third_party_sharing,
        json.dumps(doc.delivery) if doc.delivery is not None else None,
        signature.outcome,
        worst,
        summary,
        evaluation.cameras_in_area,
        now_text if declined else None,
        received_via,
    ]
    entries: list[tuple[str, dict[str, Any]]] = [
        (
            "request received",
            {
                "version": version,
                "source": source,
                "sha256": doc.sha256,
                "signature": signature.outcome,
                "rules": [[r.rule, r.outcome] for r in results],
                "summary": summary,
                "cameras_in_area": evaluation.cameras_in_area,
            }
            | ({"received_via": received_via} if received_via is not None else {}),
        )
    ]
    if declined:
        entries.append(
            (
                "request declined automatically",
                {"blocked_by": [r.rule for r in results if r.outcome == "block"]},
            )
        )
    rule_rows = [(i, r.rule, r.outcome, r.reason, now_text) for i, r in enumerate(results)]
    return _Stored(row, rule_rows, entries, worst, declined)


def _known_keys(
    db: Database, doc: RequestDoc, keys: dict[str, dict[str, bytes]] | None
) -> dict[str, bytes]:
    """The agency's keys, recording the agency first if it is new (``keys`` caches
    them for a run of requests)."""
    if keys is not None and doc.agency_id in keys:
        return keys[doc.agency_id]
    ensure_agency(db, doc.agency_id, doc.agency_name, doc.agency_jurisdiction)
    known = agency_keys(db, doc.agency_id)
    if keys is not None:
        keys[doc.agency_id] = known
    return known


def _insert(
    db: Database,
    doc: RequestDoc,
    digest: str,
    version: int,
    source: str,
    feed_id: int | None,
    now: datetime,
    settings: RuleSettings,
    keys: dict[str, dict[str, bytes]] | None = None,
    evaluation: Evaluation | None = None,
    received_via: str | None = None,
) -> tuple[int, str, bool]:
    known = _known_keys(db, doc, keys)
    if evaluation is None:
        evaluation = _evaluate_here(db, doc, settings, now, known, received_via)
    now_text = to_utc_text(now)
    stored = _prepare(
        doc, digest, version, source, feed_id, now_text, settings, evaluation, received_via
    )
    row_id = int(db.execute(_INSERT_REQUEST_SQL, stored.row).lastrowid or 0)
    _write_rules(db, row_id, evaluation.results, now_text)
    for action, details in stored.entries:
        audit.append(
            db, action, now=now, request_id=doc.id, agency_id=doc.agency_id, details=details
        )
    return row_id, stored.worst, stored.declined


def _write_rules(db: Database, row_id: int, results: Iterable[RuleResult], now: str) -> None:
    db.execute("DELETE FROM request_rules WHERE request_row = ?", [row_id])
    db.conn.executemany(
        _INSERT_RULE_SQL,
        [(row_id, i, r.rule, r.outcome, r.reason, now) for i, r in enumerate(results)],
    )


def import_request_bytes(db: Database, raw: bytes, *, now: datetime) -> Received:
    """Parse, validate and store one document read from a file."""
    from db.requests.request_doc import parse_request

    return receive(db, parse_request(raw), source="file", now=now)


def store_feed_part(
    db: Database,
    feed_id: int,
    items: Sequence[tuple[RequestDoc, Evaluation | None]],
    *,
    now: datetime,
    settings: RuleSettings | None = None,
    fresh_keys: Callable[[str, dict[str, bytes]], bool] | None = None,
    positions: Sequence[int] | None = None,
) -> FeedApplied:
    """Store a part of what a feed returned, in one transaction, with a few statements
    for the whole part: new requests, edits (both versions kept), and nothing for the
    ones already stored unchanged. An edit db.requests.request_checks refuses is stored nowhere
    and comes back in ``refused`` with its index in the feed (``positions``, one per
    item; the item's place in ``items`` without). Each item may come with its
    evaluation made ahead (db.requests.feed_check); ``fresh_keys(agency, keys)`` says whether
    evaluations made for that agency still hold with its keys as stored now. Runs on
    the database thread, often while the window is busy: every Python step here delays
    the GUI thread."""
    settings = settings or load_rule_settings(db)
    result = FeedApplied()
    if not items:
        return result
    now_text = to_utc_text(now)
    keys: dict[str, dict[str, bytes]] = {}
    fresh: dict[str, bool] = {}
    with db.atomic():
        latest: dict[str, tuple[int, int, str, str, str]] = {}
        owners: dict[str, str] = {}  # request id -> the agency that sent it first
        entered: set[str] = set()  # request ids the resident entered
        for request_id, row_id, version, digest, state, agency_id, signed, source in db.execute(
            "SELECT request_id, id, version, content_sha256, state, agency_id, "
            "signature_outcome, source FROM requests "
            "WHERE request_id IN (SELECT value FROM json_each(?)) ORDER BY version",
            [json.dumps([doc.id for doc, _ in items])],
        ):
            latest[request_id] = (int(row_id), int(version), str(digest), str(state), signed)
            owners.setdefault(request_id, str(agency_id))
            if source == "resident":
                entered.add(request_id)
        next_id = int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM requests").fetchone()[0])
        replaced: list[tuple[str, int]] = []
        rows: list[list[Any]] = []
        rule_rows: list[tuple[Any, ...]] = []
        log = audit.Batch(db)
        for position, (doc, evaluation) in enumerate(items):
            version = 1
            current = latest.get(doc.id)
            index = positions[position] if positions is not None else position
            if current is not None:
                old_row, last_version, last_digest, state, signed = current
                if last_digest == doc.sha256 and state != "withdrawn":
                    result.received.append(Received("unchanged", doc.id, old_row))
                    continue
                if doc.id in entered:
                    result.refused.append((index, doc.id, resident_refusal(doc.id)))
                    continue
                # Compared before the agency's keys are read: a refused version must
                # not even record its agency.
                refusal = edit_refusal(doc, owners[doc.id], signed, None)
                if refusal is not None:
                    result.refused.append((index, doc.id, refusal))
                    continue
                version = last_version + 1
            known = _known_keys(db, doc, keys)
            agency = doc.agency_id
            if evaluation is not None and fresh_keys is not None:
                if agency not in fresh:
                    fresh[agency] = fresh_keys(agency, known)
                if not fresh[agency]:
                    evaluation = None
            if evaluation is None:
                evaluation = _evaluate_here(db, doc, settings, now, known)
            if current is not None:
                refusal = edit_refusal(doc, owners[doc.id], current[4], evaluation.signature)
                if refusal is not None:
                    result.refused.append((index, doc.id, refusal))
                    continue
                replaced.append((now_text, current[0]))
            stored = _prepare(
                doc, doc.sha256, version, "feed", feed_id, now_text, settings, evaluation
            )
            row_id = next_id
            next_id += 1
            stored.row[0] = row_id
            rows.append(stored.row)
            rule_rows.extend((row_id, *r) for r in stored.rules)
            for action, details in stored.entries:
                log.add(action, now=now, request_id=doc.id, agency_id=agency, details=details)
            action_word: Action = "added" if version == 1 else "edited"
            result.received.append(
                Received(action_word, doc.id, row_id, stored.worst, stored.declined)
            )
        db.conn.executemany(
            "UPDATE requests SET state = 'edited', replaced_at = ? WHERE id = ?", replaced
        )
        db.conn.executemany(_INSERT_REQUEST_SQL, rows)
        db.conn.executemany(_INSERT_RULE_SQL, rule_rows)
        log.write()
    return result


def receive_feed_items(
    db: Database,
    feed_id: int,
    docs: list[RequestDoc],
    *,
    now: datetime,
    settings: RuleSettings | None = None,
) -> FeedApplied:
    """Store a part of what a feed returned, checking each request here."""
    return store_feed_part(db, feed_id, [(d, None) for d in docs], now=now, settings=settings)


def withdraw_missing(
    db: Database, feed_id: int, listed: set[str], *, now: datetime
) -> list[Received]:
    """Mark withdrawn the requests this feed sent before but no longer lists."""
    out: list[Received] = []
    with db.atomic():
        current = db.execute(
            "SELECT id, request_id FROM requests WHERE feed_id = ? AND state = 'current'",
            [feed_id],
        ).fetchall()
        for row_id, request_id in current:
            if request_id not in listed:
                db.execute(
                    "UPDATE requests SET state = 'withdrawn', withdrawn_at = ? WHERE id = ?",
                    [to_utc_text(now), row_id],
                )
                agency = db.execute(
                    "SELECT agency_id FROM requests WHERE id = ?", [row_id]
                ).fetchone()[0]
                audit.append(
                    db,
                    "request withdrawn",
                    now=now,
                    request_id=request_id,
                    agency_id=agency,
                    details={"feed_id": feed_id},
                )
                out.append(Received("withdrawn", request_id, int(row_id)))
    return out


def listed_ids(
    docs: Iterable[RequestDoc], refused: Iterable[tuple[int, str | None, RequestError]]
) -> set[str]:
    """Ids a feed still lists: valid ones and refused ones whose id could be read (a
    request that fails to validate is not taken as withdrawn)."""
    return {d.id for d in docs} | {rid for _, rid, _ in refused if rid}


def apply_feed(
    db: Database,
    feed_id: int,
    docs: list[RequestDoc],
    refused: list[tuple[int, str | None, RequestError]],
    *,
    now: datetime,
) -> FeedApplied:
    """Store everything a feed returned in one transaction: new and edited requests,
    and withdrawals."""
    with db.atomic():
        result = receive_feed_items(db, feed_id, docs, now=now)
        result.refused[:0] = refused
        result.received += withdraw_missing(db, feed_id, listed_ids(docs, refused), now=now)
    return result


def reevaluate(db: Database, *, now: datetime, settings: RuleSettings | None = None) -> int:
    """Check every current request again (after the rules, keys or cameras changed)."""
    from db.requests.request_doc import parse_request
    from db.requests.request_signature import check_signature

    settings = settings or load_rule_settings(db)
    rows = db.execute(
        "SELECT id, raw, received_via FROM requests WHERE state = 'current' ORDER BY id"
    ).fetchall()
    now_text = to_utc_text(now)
    with db.atomic(), english():  # stored with each request: the same on every computer
        for row_id, raw, received_via in rows:
            doc = parse_request(bytes(raw))
            signature = check_signature(
                doc, agency_keys(db, doc.agency_id), entered_via=received_via
            )
            results = rules.evaluate(doc, settings, now, signature)
            covered = cameras_in_area(db, doc.area, use_view_cones=settings.match_view_cones)
            db.execute(
                "UPDATE requests SET signature_outcome = ?, worst_outcome = ?, "
                "rule_summary = ?, cameras_in_area = ? WHERE id = ?",
                [
                    signature.outcome,
                    rules.worst(results),
                    rules.summary(results),
                    len(covered),
                    row_id,
                ],
            )
            _write_rules(db, int(row_id), results, now_text)
    return len(rows)
