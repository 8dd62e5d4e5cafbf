"""Bringing the holds in line with the requests (docs/holds.md, "When clips are held and
released"): every candidate clip of every unsettled request is held, within the
resident's budget; what settled requests held is released.

A request version is settled when it is declined (declined automatically, or every
candidate decided and none approved), withdrawn, replaced by a newer version (which
holds its own candidates), expired before anything was delivered, or delivered and past
the retention period it stated (counted from its last delivery, as the retention
reminder counts it: docs/retention.md). A delivered request that stated no period stays
held until the resident releases its clips."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from db.audit import trail as audit
from db.holds import holds
from db.holds.sources import check_sources
from db.store.timeutil import parse_utc_text

if TYPE_CHECKING:
    from db.holds.evidence_store import EvidenceStore, Stored


@dataclass(frozen=True)
class Waiting:
    """A clip a request wants held that waits for room in the budget."""

    clip_id: int
    size: int
    request_rows: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "clip_id": self.clip_id,
            "bytes": self.size,
            "request_rows": list(self.request_rows),
        }


@dataclass
class SyncResult:
    held: list[tuple[int, int]] = field(default_factory=list)  # (clip, request row)
    released: list[tuple[int, int | None, str]] = field(default_factory=list)  # + reason
    waiting: list[Waiting] = field(default_factory=list)
    lost: list[int] = field(default_factory=list)  # wanted clips whose file is gone
    changed: list[int] = field(default_factory=list)  # wanted clips whose file changed
    failed: list[tuple[int, str]] = field(default_factory=list)  # clip, why
    cancelled: bool = False
    used_bytes: int = 0
    budget_bytes: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "held": [{"clip_id": c, "request_row": r} for c, r in self.held],
            "released": [
                {"clip_id": c, "request_row": r, "reason": why} for c, r, why in self.released
            ],
            "waiting": [w.to_json() for w in self.waiting],
            "lost": self.lost,
            "changed": self.changed,
            "failed": [{"clip_id": c, "reason": why} for c, why in self.failed],
            "cancelled": self.cancelled,
            "used_bytes": self.used_bytes,
            "budget_bytes": self.budget_bytes,
        }


_REQUESTS_SQL = """
SELECT r.id, r.state, r.auto_declined_at, r.decided_at, r.expires_at_utc, r.retention_days,
    (SELECT max(d.delivered_at) FROM deliveries d JOIN packages p ON p.id = d.package_id
        WHERE p.request_row = r.id),
    (SELECT count(*) FROM decisions WHERE request_row = r.id AND state = 'approved')
FROM requests r ORDER BY r.received_at, r.id
"""


def settled_reasons(db: Database, now: datetime) -> dict[int, str | None]:
    """Request row -> why it is settled (a release reason), or None while it is not."""
    out: dict[int, str | None] = {}
    for row_id, state, auto, decided, expires, days, delivered, approved in db.execute(
        _REQUESTS_SQL
    ).fetchall():
        out[int(row_id)] = _reason(state, auto, decided, expires, days, delivered, approved, now)
    return out


def _reason(
    state: str,
    auto_declined: str | None,
    decided: str | None,
    expires: str,
    retention_days: int | None,
    delivered: str | None,
    approved: int,
    now: datetime,
) -> str | None:
    if delivered is not None:
        if retention_days is None:
            return None
        ends = parse_utc_text(delivered) + timedelta(days=int(retention_days))
        return "retention ended" if ends <= now else None
    if auto_declined is not None or (decided is not None and not approved):
        return "declined"
    if state == "withdrawn":
        return "withdrawn"
    if state == "edited":
        return "replaced"
    if parse_utc_text(expires) <= now:
        return "expired"
    return None


def wanted_holds(db: Database, now: datetime) -> dict[int, set[int]]:
    """Unsettled request row -> its candidate clips (those the resident released from
    it left out)."""
    from db.requests.inbox import candidates_for
    from db.requests.intake import load_rule_settings
    from db.requests.request_doc import parse_request

    settings = load_rule_settings(db)
    waived: dict[int, set[int]] = {}
    for clip_id, row in db.execute("SELECT clip_id, request_row FROM hold_waivers"):
        waived.setdefault(int(row), set()).add(int(clip_id))
    out: dict[int, set[int]] = {}
    for row_id, why in settled_reasons(db, now).items():
        if why is not None:
            continue
        raw = db.execute("SELECT raw FROM requests WHERE id = ?", [row_id]).fetchone()[0]
        found = candidates_for(db, parse_request(bytes(raw)), row_id, settings)
        out[row_id] = {c.clip_id for c in found} - waived.get(row_id, set())
    return out


def sync(
    db: Database,
    store: EvidenceStore,
    now: datetime,
    *,
    budget_bytes: int | None,
    beyond_budget: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> SyncResult:
    """See :func:`db.holds.holds.sync_holds`. ``progress(bytes done, bytes to hold)``;
    ``cancel`` stops between clips and during a copy (what was held stays held)."""
    result = SyncResult(budget_bytes=budget_bytes)
    store.sweep_partials()  # what a killed copy left (only dead processes' files)
    reasons = settled_reasons(db, now)
    wanted = wanted_holds(db, now)
    current = [
        (int(c), None if r is None else int(r))
        for c, r in db.execute("SELECT clip_id, request_row FROM holds ORDER BY id").fetchall()
    ]
    for clip_id, row in current:
        if row is None:
            continue
        why = reasons.get(row)
        if why is None and clip_id not in wanted.get(row, set()):
            why = "no longer a candidate"
        if why is not None:
            holds.release(db, store, clip_id, request_row=row, now=now, reason=why)
            result.released.append((clip_id, row, why))
    _remove_orphans(db, store, now)
    held_now = {(c, r) for c, r in current} - {(c, r) for c, r, _ in result.released}
    todo: dict[int, list[int]] = {}
    for row, clips in wanted.items():
        for clip_id in sorted(clips):
            if (clip_id, row) not in held_now:
                todo.setdefault(clip_id, []).append(row)
    states = check_sources(db, set(todo) | {c for c, _r in held_now}, now)
    sizes: dict[int, int] = {}
    shas: dict[int, str] = {}
    for cid, size, sha in db.execute(
        f"SELECT id, size, sha256 FROM clips WHERE id IN ({','.join('?' * len(todo))})", list(todo)
    ).fetchall():
        sizes[int(cid)], shas[int(cid)] = int(size), str(sha)
    in_store = {  # recorded as held and there (a file lost from the store is put again)
        int(cid)
        for cid, sha in db.execute(
            "SELECT c.id, c.sha256 FROM clips c JOIN held_files f ON f.sha256 = c.sha256"
        ).fetchall()
        if store.has(str(sha))
    }
    total = sum(int(sizes[c]) for c in todo if c not in in_store)
    budget = None if beyond_budget else budget_bytes
    put: list[tuple[int, Stored | None]] = []
    # The files are put in one batch (flushed to disk together at its end, then named),
    # and recorded once they are all named. They are copied first, several at a time
    # (_put_ahead); the loop then finds each in the batch, and says why one was not.
    order = sorted(todo, key=lambda c: (c not in in_store, c))
    with store.batch():
        ahead = _put_ahead(db, store, order, in_store, states, budget, progress, cancel)
        done = pending = 0
        for clip_id in order:
            if cancel is not None and cancel.is_set() and clip_id not in ahead:
                result.cancelled = True
                continue  # those copied before the cancel are still recorded
            if clip_id in in_store:
                put.append((clip_id, None))
                continue
            # A file put in the store but not yet recorded (the window copies on a
            # worker first) stands in for a source that went meanwhile.
            if states.get(clip_id) != "present" and not store.has(shas[clip_id]):
                (result.lost if states.get(clip_id) == "lost" else result.changed).append(clip_id)
                continue

            def tick(n: int, base: int = done) -> None:
                if progress is not None and not ahead:
                    progress(base + n, total)

            ok, stored = _put_one(
                db, store, clip_id, todo[clip_id], now, budget, pending, tick, cancel, result
            )
            if ok:
                put.append((clip_id, stored))
                pending += stored.size if stored is not None else 0
            done += sizes[clip_id]
            if progress is not None and not ahead:
                progress(done, total)
    for clip_id, stored in put:
        for row in todo[clip_id]:
            if holds.record_hold(db, store, clip_id, request_row=row, now=now, stored=stored):
                result.held.append((clip_id, row))
            stored = None  # recorded with the first hold
    result.used_bytes = holds.used_bytes(db)
    return result


def _put_ahead(
    db: Database,
    store: EvidenceStore,
    order: list[int],
    in_store: set[int],
    states: Mapping[int, str],
    budget: int | None,
    progress: Callable[[int, int], None] | None,
    cancel: threading.Event | None,
) -> set[int]:
    """Put in the open batch, several at a time, the files the loop of :func:`sync`
    would copy one by one (in its order, within the budget by its rule); the clips
    whose file is now in the batch. The loop's own put then finds each there, and
    does anew (to say why) any that failed here."""
    from db.holds.evidence_store import PutItem

    rows: dict[int, tuple[str, str, int, int, int]] = {}
    for start in range(0, len(order), 500):
        chunk = order[start : start + 500]
        for cid, path, sha, size, known_size, known_mtime in db.execute(
            "SELECT id, path, sha256, size, coalesce(seen_size, size), coalesce(seen_mtime_ns, "
            f"mtime_ns) FROM clips WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchall():
            rows[int(cid)] = (str(path), str(sha), int(size), int(known_size), int(known_mtime))
    used = holds.used_bytes(db)
    chosen: list[int] = []
    for clip_id in order:
        if clip_id in in_store or states.get(clip_id) != "present" or clip_id not in rows:
            continue
        path, sha, size, _ks, _km = rows[clip_id]
        if store.has(sha) or (budget is not None and used + size > budget):
            continue
        used += size
        chosen.append(clip_id)
    total = sum(rows[c][2] for c in chosen)
    done = [0]

    def step(n: int) -> None:
        done[0] += n
        if progress is not None:
            progress(min(done[0], total), total)

    results = store.put_many(
        [PutItem(Path(rows[c][0]), rows[c][1], (rows[c][3], rows[c][4])) for c in chosen],
        progress=step,
        cancel=cancel,
    )
    if progress is not None:
        progress(total, total)
    return {c for c, r in zip(chosen, results, strict=True) if not isinstance(r, Exception)}


def _put_one(
    db: Database,
    store: EvidenceStore,
    clip_id: int,
    rows: list[int],
    now: datetime,
    budget: int | None,
    pending: int,
    tick: Callable[[int], None],
    cancel: threading.Event | None,
    result: SyncResult,
) -> tuple[bool, Stored | None]:
    """Put one clip's file in the store: (True, what was put, or None when it was
    there and recorded already), or (False, None) when it could not be, and why is in
    ``result``."""
    from db.holds.evidence_store import StoreCancelled

    try:
        stored = holds.put_clip(
            db,
            store,
            clip_id,
            now=now,
            budget=budget,
            pending_bytes=pending,
            progress=tick,
            cancel=cancel,
        )
    except holds.OverBudget as exc:
        result.waiting.append(Waiting(clip_id, exc.size, tuple(rows)))
        return False, None
    except StoreCancelled:
        result.cancelled = True
        return False, None
    except holds.HoldError as exc:
        state = db.execute("SELECT source_state FROM clips WHERE id = ?", [clip_id]).fetchone()
        if state is not None and state[0] == "lost":
            result.lost.append(clip_id)
        elif state is not None and state[0] == "changed":
            result.changed.append(clip_id)
        else:
            result.failed.append((clip_id, str(exc)))
        return False, None
    return True, stored


def _remove_orphans(db: Database, store: EvidenceStore, now: datetime) -> None:
    """Copies nothing holds any more (their clip records were removed, which takes the
    holds with them): removed, each with its ``hold released`` entry."""
    orphans = [
        str(r[0])
        for r in db.execute(
            "SELECT f.sha256 FROM held_files f WHERE NOT EXISTS (SELECT 1 FROM holds h "
            "JOIN clips c ON c.id = h.clip_id WHERE c.sha256 = f.sha256)"
        ).fetchall()
    ]
    for sha in orphans:
        with db.atomic():
            db.execute("DELETE FROM held_files WHERE sha256 = ?", [sha])
            audit.append(
                db,
                "hold released",
                now=now,
                details={"reason": "clip removed", "sha256": sha, "copy_removed": True},
            )
        store.remove(sha)


@dataclass(frozen=True)
class HoldsStatus:
    """What the store holds and what waits, as last checked (nothing is read from disk)."""

    used_bytes: int
    budget_bytes: int | None
    held_clips: int
    held_files: int
    waiting: list[int]  # clips unsettled requests want, not held, whose file is there
    lost: list[int]  # clips unsettled requests want, not held, whose file is gone
    changed: list[int]  # ... whose file changed

    def to_json(self) -> dict[str, Any]:
        return {
            "used_bytes": self.used_bytes,
            "budget_bytes": self.budget_bytes,
            "held_clips": self.held_clips,
            "held_files": self.held_files,
            "waiting": self.waiting,
            "lost": self.lost,
            "changed": self.changed,
        }


def status(db: Database, now: datetime) -> HoldsStatus:
    wanted: set[int] = set().union(*wanted_holds(db, now).values())
    held = {int(r[0]) for r in db.execute("SELECT DISTINCT clip_id FROM holds").fetchall()}
    states = dict(db.execute("SELECT id, source_state FROM clips").fetchall())
    missing = sorted(wanted - held)
    return HoldsStatus(
        used_bytes=holds.used_bytes(db),
        budget_bytes=holds.budget_bytes(db),
        held_clips=len(held),
        held_files=int(db.execute("SELECT count(*) FROM held_files").fetchone()[0]),
        waiting=[c for c in missing if states.get(c) == "present"],
        lost=[c for c in missing if states.get(c) == "lost"],
        changed=[c for c in missing if states.get(c) == "changed"],
    )
