"""The tamper-evident audit trail: every action appended to ``audit_log`` in the same
transaction as the change it records, each entry hash-chained to the one before.

An entry's hash is SHA-256 over the previous entry's hash (hex) and the entry's
canonical form (docs/audit.md): changing, deleting, inserting or reordering any entry
breaks the chain, and ``verify`` names the first entry where it breaks. Triggers refuse
UPDATE and DELETE on the table. The chain's head is written into every share manifest
(an anchor the receiver holds) and kept in ``audit_anchors``, so a log cut short behind
an anchor is noticed too.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from db.audit import parallel as audit_parallel
from db.store.timeutil import to_utc_text
from db.words.i18n import _, ngettext

GENESIS = "0" * 64
ACTIONS = (
    "request received",
    "request withdrawn",
    "request declined automatically",
    "request viewed",
    "rules changed",
    "decision",
    "redaction accepted",
    "package built",
    "package delivered",
    "package delivered again",
    "package handed over",
    "encrypted zip made",
    "camera added",
    "camera changed",
    "camera removed",
    "camera retired",
    "clock measured",
    "privacy mask added",
    "privacy mask removed",
    "agency changed",
    "feed added",
    "feed removed",
    "credential changed",
    "clip held",
    "hold released",
    "hold budget changed",
    "clip flagged",
)
COLUMNS = ("seq", "at", "action", "request_id", "agency_id", "clip_id", "camera_id", "details")


def canonical(
    seq: int,
    at: str,
    action: str,
    request_id: str | None,
    agency_id: str | None,
    clip_id: int | None,
    camera_id: int | None,
    details: str,
) -> bytes:
    """The bytes an entry's hash covers (after the previous hash and a newline): the
    fields as a JSON array in a fixed order, without spaces, UTF-8, strings escaped as
    JSON requires (and no more). SQLite's ``json_array`` builds exactly these bytes
    (``_CANONICAL_SQL``; a test holds the two together), which makes verifying a
    million entries fast."""
    return json.dumps(
        [seq, at, action, request_id, agency_id, clip_id, camera_id, details],
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


_CANONICAL_TEXT_SQL = (
    "prev_hash || '\n' || "
    "json_array(seq, at, action, request_id, agency_id, clip_id, camera_id, details)"
)
_CANONICAL_SQL = f"CAST({_CANONICAL_TEXT_SQL} AS BLOB)"


def entry_hash(prev_hash: str, fields: tuple[Any, ...]) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + canonical(*fields)).hexdigest()


def head(db: Database) -> tuple[int, str]:
    """The last entry's number and hash ((0, GENESIS) for an empty log)."""
    row = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def _entry(
    seq: int,
    prev: str,
    action: str,
    now: datetime,
    request_id: str | None,
    agency_id: str | None,
    clip_id: int | None,
    camera_id: int | None,
    details: dict[str, Any] | None,
) -> tuple[Any, ...]:
    """The row for entry ``seq`` after the entry whose hash is ``prev``."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    text = json.dumps(details or {}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    fields = (seq, to_utc_text(now), action, request_id, agency_id, clip_id, camera_id, text)
    return (*fields, prev, entry_hash(prev, fields))


_INSERT_SQL = (
    "INSERT INTO audit_log (seq, at, action, request_id, agency_id, clip_id, camera_id, "
    "details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def append(
    db: Database,
    action: str,
    *,
    now: datetime,
    request_id: str | None = None,
    agency_id: str | None = None,
    clip_id: int | None = None,
    camera_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> tuple[int, str]:
    """Append one entry. Call inside the transaction of the change it records (it opens
    one of its own otherwise). Never put a secret in ``details``. Returns the new head."""
    with db.atomic():
        batch = Batch(db)
        batch.add(
            action,
            now=now,
            request_id=request_id,
            agency_id=agency_id,
            clip_id=clip_id,
            camera_id=camera_id,
            details=details,
        )
        batch.write()
    return batch.head


class Batch:
    """Many entries appended with one statement, inside the caller's transaction (for
    storing a part of a big feed): the head is read once, each entry chained to the one
    before, and :meth:`write` inserts them all. Nothing is written until then."""

    def __init__(self, db: Database) -> None:
        if not db.conn.in_transaction:
            raise RuntimeError("an audit batch belongs inside the transaction of its changes")
        self._db = db
        self._seq, self._prev = head(db)
        self._rows: list[tuple[Any, ...]] = []

    def add(
        self,
        action: str,
        *,
        now: datetime,
        request_id: str | None = None,
        agency_id: str | None = None,
        clip_id: int | None = None,
        camera_id: int | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        self._seq += 1
        row = _entry(
            self._seq, self._prev, action, now, request_id, agency_id, clip_id, camera_id, details
        )
        self._prev = row[-1]
        self._rows.append(row)

    @property
    def head(self) -> tuple[int, str]:
        """The number and hash of the last entry added (or of the log's head)."""
        return self._seq, self._prev

    def write(self) -> None:
        self._db.conn.executemany(_INSERT_SQL, self._rows)
        self._rows = []


def credential_changed(db: Database, kind: str, target: str, change: str, *, now: datetime) -> None:
    """Record a change of a credential (its kind, what it is for, what happened);
    never the secret."""
    append(
        db,
        "credential changed",
        now=now,
        details={"kind": kind, "target": target, "change": change},
    )


def anchor(db: Database, reason: str, *, now: datetime) -> tuple[int, str]:
    """Record the current head as an anchor (e.g. written into a package's manifest)."""
    seq, digest = head(db)
    with db.atomic():
        db.execute(
            "INSERT INTO audit_anchors (seq, hash, at, reason) VALUES (?, ?, ?, ?)",
            [seq, digest, to_utc_text(now), reason],
        )
    return seq, digest


@dataclass(frozen=True)
class Verdict:
    ok: bool
    entries: int
    head: str
    first_bad: int | None = None
    problem: str = ""

    def text(self) -> str:
        """The verdict in the current language (the problem as the check found it)."""
        if self.ok:
            return ngettext(
                "The audit trail is intact: %(n)s entry, head %(head)s…",
                "The audit trail is intact: %(n)s entries, head %(head)s…",
                self.entries,
            ) % {"n": f"{self.entries:,}", "head": self.head[:16]}
        if self.first_bad is None:  # no entry to point at: the problem says it all
            return self.problem
        return _("The audit trail is broken at entry %(seq)d: %(problem)s") % {
            "seq": self.first_bad,
            "problem": self.problem,
        }


def verify_rows(
    rows: Iterable[tuple[Any, ...]], anchors: Iterable[tuple[int, str, str]] = ()
) -> Verdict:
    """Check a chain given as (seq, at, action, request_id, agency_id, clip_id,
    camera_id, details, prev_hash, hash) rows in stored order, and anchors as
    (seq, hash, where). Pure: the tests mutate lists of rows."""
    expected_seq = 1
    prev = GENESIS
    hashes: dict[int, str] = {}
    sha = hashlib.sha256
    for row in rows:
        seq = row[0]
        if seq != expected_seq:
            if seq > expected_seq:
                what = f"entry {expected_seq} is missing (the next one is {seq})"
            else:
                what = f"entry {seq} appears again or out of order after entry {expected_seq - 1}"
            return Verdict(False, expected_seq - 1, prev, expected_seq, what)
        if row[8] != prev:
            return Verdict(
                False,
                seq - 1,
                prev,
                seq,
                "it does not follow the entry before it (an entry was inserted, removed or "
                "moved here)",
            )
        digest = sha(prev.encode() + b"\n" + canonical(*row[:8])).hexdigest()
        if digest != row[9]:
            return Verdict(
                False, seq - 1, prev, seq, "its content was changed after it was written"
            )
        hashes[seq] = digest
        prev = digest
        expected_seq += 1
    last = expected_seq - 1
    for seq, digest, where in anchors:
        if seq > last:
            return Verdict(
                False,
                last,
                prev,
                last + 1,
                f"the log ends at entry {last}, but an anchor ({where}) vouches for entry {seq}: "
                "entries were cut off",
            )
        if seq > 0 and hashes.get(seq) != digest:
            return Verdict(False, last, prev, seq, f"it differs from the anchor kept in {where}")
    return Verdict(True, last, prev)


def _rows(db: Database) -> Iterator[tuple[Any, ...]]:
    cursor = db.conn.execute(
        "SELECT seq, at, action, request_id, agency_id, clip_id, camera_id, details, "
        "prev_hash, hash FROM audit_log ORDER BY rowid"
    )
    while True:
        batch = cursor.fetchmany(10_000)
        if not batch:
            return
        yield from batch


def missing(db: Database) -> str | None:
    """What is gone when a table of the audit trail was removed (None: both are there)."""
    present = {
        str(r[0])
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name IN ('audit_log', 'audit_anchors')"
        )
    }
    if "audit_log" not in present:
        return "The audit trail is gone: its table (audit_log) was removed from the database"
    if "audit_anchors" not in present:
        return (
            "The audit trail's anchors are gone: their table (audit_anchors) was removed "
            "from the database"
        )
    return None


def verify(
    db: Database,
    extra_anchors: Iterable[tuple[int, str, str]] = (),
    *,
    parallel_from: int = audit_parallel.PARALLEL_FROM,
    processes: int | None = None,
    part: int = audit_parallel.PART,
) -> Verdict:
    """Check the whole chain and every anchor (database thread, or the command line).

    SQLite assembles each entry's hashed bytes (``_CANONICAL_SQL``); Python hashes
    them and follows the links: a chain of ``parallel_from`` entries or more in parts,
    in ``processes`` processes (default: one a processor; db.audit.parallel). At the
    first mismatch the entries are checked again the slow, explicit way
    (``verify_rows``) to name the problem."""
    gone = missing(db)
    if gone:
        return Verdict(False, 0, GENESIS, None, gone)
    anchors = [
        (int(s), str(h), f"anchor of {at[:10]}: {reason}")
        for s, h, at, reason in db.execute("SELECT seq, hash, at, reason FROM audit_anchors")
    ]
    all_anchors = [*anchors, *extra_anchors]
    wanted = {seq for seq, _h, _w in all_anchors}
    checked = audit_parallel.check_in_parallel(
        db.conn,
        _CANONICAL_TEXT_SQL,
        GENESIS,
        wanted,
        parallel_from=parallel_from,
        processes=processes,
        part=part,
    ) or _check_here(db, wanted)
    if not checked.ok:
        return verify_rows(_rows(db), all_anchors)
    for seq, digest, _where in all_anchors:
        if seq > checked.last or (seq > 0 and checked.anchored.get(seq) != digest):
            return verify_rows(_rows(db), all_anchors)
    return Verdict(True, checked.last, checked.head)


def _check_here(db: Database, wanted: set[int]) -> audit_parallel.Checked:
    """The chain checked in this process, in stored order."""
    cursor = db.conn.execute(
        f"SELECT seq, prev_hash, hash, {_CANONICAL_SQL} FROM audit_log ORDER BY rowid"
    )
    sha = hashlib.sha256
    prev = GENESIS
    expected = 1
    anchored: dict[int, str] = {}
    while True:
        batch = cursor.fetchmany(20_000)
        if not batch:
            break
        for seq, prev_hash, digest, blob in batch:
            if seq != expected or prev_hash != prev or sha(blob).hexdigest() != digest:
                return audit_parallel.Checked(False)
            if seq in wanted:
                anchored[seq] = digest
            prev = digest
            expected += 1
    return audit_parallel.Checked(True, expected - 1, prev, anchored)


@dataclass(frozen=True)
class AuditFilter:
    request_id: str | None = None
    agency_id: str | None = None
    action: str | None = None
    since: str | None = None  # UTC text
    until: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = [], []
        for column, value in (
            ("request_id", self.request_id),
            ("agency_id", self.agency_id),
            ("action", self.action),
        ):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.since:
            clauses.append("at >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("at < ?")
            params.append(self.until)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def entries(
    db: Database, filt: AuditFilter = AuditFilter(), limit: int | None = None
) -> list[dict[str, Any]]:
    gone = missing(db)
    if gone:
        raise ValueError(gone)
    where, params = filt.where()
    sql = f"SELECT {', '.join(COLUMNS)} FROM audit_log{where} ORDER BY seq"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    out = []
    for row in db.execute(sql, params):
        item = dict(zip(COLUMNS, row, strict=True))
        item["details"] = json.loads(item["details"])
        out.append(item)
    return out


def export_json(db: Database, filt: AuditFilter = AuditFilter()) -> str:
    verdict = verify(db)
    data = {"verified": verdict.ok, "head": verdict.head, "entries": entries(db, filt)}
    return json.dumps(data, indent=2, ensure_ascii=False)


def export_csv(db: Database, filt: AuditFilter = AuditFilter()) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for item in entries(db, filt):
        writer.writerow(
            [
                json.dumps(item[c], sort_keys=True, ensure_ascii=False)
                if c == "details"
                else item[c]
                for c in COLUMNS
            ]
        )
    return out.getvalue()
