"""Holds in the database (docs/holds.md): which clips are held and for what (a request
version, or the resident), holding and releasing one, the disk budget.

Holding copies the file into the evidence store first, outside any transaction (it can
take long), then records the held file, the hold and its ``clip held`` entry in one
transaction. Releasing deletes the hold with its ``hold released`` entry; the store's
copy goes only when nothing else holds the clip. ``sync_holds`` (db.holds.sync) decides
which holds a request wants and when it is settled."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from db.audit import trail as audit
from db.holds.sources import SourceState, SourceUnavailable, check_sources, source_for
from db.store.timeutil import to_utc_text
from db.words.i18n import _

if TYPE_CHECKING:
    from db.holds.evidence_store import EvidenceStore, Stored
    from db.holds.sync import SyncResult

__all__ = [
    "RESIDENT",
    "HoldError",
    "HoldState",
    "OverBudget",
    "SourceUnavailable",
    "budget_bytes",
    "hold_clip",
    "hold_state",
    "put_clip",
    "record_hold",
    "release",
    "release_all",
    "set_budget_bytes",
    "source_for",
    "sync_holds",
    "used_bytes",
]

RESIDENT = "resident"
# Why a hold ended, as the audit entry says it.
REASONS = (
    "declined",
    "expired",
    "retention ended",
    "withdrawn",
    "replaced",
    "no longer a candidate",
    "resident",
    "clip removed",
)


class HoldError(ValueError):
    """A clip cannot be held (or released); the message is one line naming it."""


class OverBudget(HoldError):
    """Holding the clip would take the store beyond the resident's budget."""

    def __init__(self, clip_id: int, size: int, used: int, budget: int) -> None:
        from db.words.units import file_size

        super().__init__(
            _(
                "clip %(clip)s: holding it (%(size)s) would take the evidence store beyond "
                "its budget (%(used)s of %(budget)s used)"
            )
            % {
                "clip": clip_id,
                "size": file_size(size),
                "used": file_size(used),
                "budget": file_size(budget),
            }
        )
        self.clip_id = clip_id
        self.size = size


@dataclass(frozen=True)
class HoldState:
    clip_id: int
    held: bool
    held_for: list[int | str] = field(default_factory=list)  # request rows, "resident"
    source: SourceState = "present"
    last_seen_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "held": self.held,
            "held_for": list(self.held_for),
            "source": self.source,
            "last_seen_at": self.last_seen_at,
        }


def hold_state(db: Database, clip_id: int) -> HoldState:
    """What holds the clip and what became of its source (as last checked)."""
    return hold_states(db, [clip_id])[clip_id]


def hold_states(db: Database, clip_ids: list[int] | None = None) -> dict[int, HoldState]:
    """:func:`hold_state` of many clips (every clip when ``clip_ids`` is None)."""
    where, params = "", []
    if clip_ids is not None:
        where, params = f"WHERE c.id IN ({','.join('?' * len(clip_ids))})", list(clip_ids)
    rows = db.execute(
        "SELECT c.id, c.source_state, c.last_seen_at, h.request_row, h.id IS NOT NULL, "
        "f.sha256 IS NOT NULL FROM clips c LEFT JOIN holds h ON h.clip_id = c.id "
        f"LEFT JOIN held_files f ON f.sha256 = c.sha256 {where} "
        "ORDER BY c.id, h.request_row IS NOT NULL, h.request_row",
        params,
    ).fetchall()
    out: dict[int, HoldState] = {}
    for cid, source, seen, row, has_hold, has_file in rows:
        state = out.get(int(cid)) or HoldState(int(cid), False, [], source, seen)
        if has_hold:
            state.held_for.append(RESIDENT if row is None else int(row))
        out[int(cid)] = HoldState(
            state.clip_id, bool(state.held_for) and bool(has_file), state.held_for, source, seen
        )
    if clip_ids is not None:
        missing = [c for c in clip_ids if c not in out]
        if missing:
            raise HoldError(_("no clip with id %(missing)s") % {"missing": missing[0]})
    return out


# -- the budget ------------------------------------------------------------------------
def budget_bytes(db: Database) -> int | None:
    """The store's budget in bytes (settings table), None when there is none."""
    row = db.execute("SELECT value FROM settings WHERE key = 'budget_bytes'").fetchone()
    return None if row is None else int(row[0])


def set_budget_bytes(db: Database, n: int | None, *, now: datetime) -> None:
    """Set (or with None, remove) the budget, with its audit entry."""
    if n is not None and n <= 0:
        raise HoldError(_("the budget must be more than 0 bytes, not %(n)s") % {"n": n})
    before = budget_bytes(db)
    with db.atomic():
        if n is None:
            db.execute("DELETE FROM settings WHERE key = 'budget_bytes'")
        else:
            db.execute(
                "INSERT INTO settings (key, value) VALUES ('budget_bytes', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [str(int(n))],
            )
        audit.append(
            db, "hold budget changed", now=now, details={"budget_bytes": n, "before_bytes": before}
        )


def used_bytes(db: Database) -> int:
    """Bytes of every held file. A file the store could link to its source costs no
    space while the source is there, but recorders delete their footage, and then the
    held file is the only copy: the budget counts what the store will take then."""
    row = db.execute("SELECT coalesce(sum(size), 0) FROM held_files").fetchone()
    return int(row[0])


# -- holding and releasing -------------------------------------------------------------
def _clip(db: Database, clip_id: int) -> tuple[str, str, int, int]:
    row = db.execute(
        "SELECT path, sha256, size, camera_id FROM clips WHERE id = ?", [clip_id]
    ).fetchone()
    if row is None:
        raise HoldError(_("no clip with id %(clip_id)s") % {"clip_id": clip_id})
    return str(row[0]), str(row[1]), int(row[2]), int(row[3])


def _request(db: Database, request_row: int | None) -> tuple[str | None, str | None]:
    if request_row is None:
        return None, None
    row = db.execute(
        "SELECT request_id, agency_id FROM requests WHERE id = ?", [request_row]
    ).fetchone()
    if row is None:
        raise HoldError(_("no request row %(request_row)s") % {"request_row": request_row})
    return str(row[0]), str(row[1])


def _is_held(db: Database, clip_id: int, request_row: int | None) -> bool:
    return (
        db.execute(
            "SELECT 1 FROM holds WHERE clip_id = ? AND request_row IS ?", [clip_id, request_row]
        ).fetchone()
        is not None
    )


def hold_clip(
    db: Database,
    store: EvidenceStore,
    clip_id: int,
    *,
    request_row: int | None,
    now: datetime,
    budget: int | None = None,
    progress: Callable[[int], None] | None = None,
    cancel: threading.Event | None = None,
) -> bool:
    """Hold the clip for the request version ``request_row`` (None: for the resident).
    False when it was held for it already. A clip whose file is in the store already
    costs nothing; otherwise its source must be there and unchanged (HoldError, the
    clip's source state stored), and with a ``budget`` the store must stay within it
    (OverBudget). StoreCancelled when ``cancel`` is set during the copy."""
    _request(db, request_row)
    if _is_held(db, clip_id, request_row):
        return False
    stored = put_clip(db, store, clip_id, now=now, budget=budget, progress=progress, cancel=cancel)
    return record_hold(db, store, clip_id, request_row=request_row, now=now, stored=stored)


def put_clip(
    db: Database,
    store: EvidenceStore,
    clip_id: int,
    *,
    now: datetime,
    budget: int | None = None,
    pending_bytes: int = 0,
    progress: Callable[[int], None] | None = None,
    cancel: threading.Event | None = None,
) -> Stored | None:
    """The first half of :func:`hold_clip`, outside any transaction: the clip's file
    put in the store, unless it is there and recorded already (None). With a
    ``budget``, what is held plus ``pending_bytes`` (put but not yet recorded) plus
    this file must fit. :func:`record_hold` records it."""
    path, sha, size, _camera_id = _clip(db, clip_id)
    if _file_recorded(db, sha) and store.has(sha):
        return None
    # A file under its final name in the store was verified when it was put (the
    # window copies on a worker first): it stands even if the source went since.
    if not store.has(sha):
        state = check_sources(db, [clip_id], now)[clip_id]
        if state != "present":
            raise HoldError(_unusable(clip_id, path, state))
    if budget is not None:
        used = used_bytes(db) + pending_bytes
        if used + size > budget:
            raise OverBudget(clip_id, size, used, budget)
    return _put(db, store, clip_id, path, sha, now, progress, cancel)


def record_hold(
    db: Database,
    store: EvidenceStore,
    clip_id: int,
    *,
    request_row: int | None,
    now: datetime,
    stored: Stored | None,
) -> bool:
    """The second half of :func:`hold_clip`: the held file (``stored``, None when it
    was recorded before), the hold and its ``clip held`` entry, in one transaction.
    False when the clip was held for ``request_row`` already."""
    path, sha, size, camera_id = _clip(db, clip_id)
    request_id, agency_id = _request(db, request_row)
    try:
        with db.atomic():
            if _is_held(db, clip_id, request_row):
                return False
            if stored is not None:
                db.execute(
                    "INSERT INTO held_files (sha256, size, method, stored_at) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (sha256) DO UPDATE SET method = excluded.method, "
                    "size = excluded.size",
                    [sha, stored.size, stored.method, to_utc_text(now)],
                )
            db.execute(
                "INSERT INTO holds (clip_id, request_row, held_at) VALUES (?, ?, ?)",
                [clip_id, request_row, to_utc_text(now)],
            )
            if request_row is None:
                db.execute("DELETE FROM hold_waivers WHERE clip_id = ?", [clip_id])
            audit.append(
                db,
                "clip held",
                now=now,
                request_id=request_id,
                agency_id=agency_id,
                clip_id=clip_id,
                camera_id=camera_id,
                details={
                    "held_for": RESIDENT if request_row is None else "request",
                    "version_row": request_row,
                    "sha256": sha,
                    "bytes": size,
                    "method": stored.method if stored is not None else "already held",
                    "path": path,
                },
            )
    except BaseException:
        if stored is not None and not _file_recorded(db, sha):
            store.remove(sha)  # a copy no row names would never be released
        raise
    return True


def _file_recorded(db: Database, sha: str) -> bool:
    return db.execute("SELECT 1 FROM held_files WHERE sha256 = ?", [sha]).fetchone() is not None


def _put(
    db: Database,
    store: EvidenceStore,
    clip_id: int,
    path: str,
    sha: str,
    now: datetime,
    progress: Callable[[int], None] | None,
    cancel: threading.Event | None,
) -> Stored:
    from db.holds.evidence_store import SourceChanged, StoreCancelled, StoreError

    try:
        return store.put(Path(path), sha, progress=progress, cancel=cancel)
    except SourceChanged:
        with db.atomic():
            db.execute("UPDATE clips SET source_state = 'changed' WHERE id = ?", [clip_id])
        raise HoldError(_unusable(clip_id, path, "changed")) from None
    except StoreCancelled:
        raise
    except StoreError as exc:
        raise HoldError(
            _("clip %(clip_id)s (%(path)s): cannot be held: %(exc)s")
            % {"clip_id": clip_id, "path": path, "exc": exc}
        ) from None
    except FileNotFoundError:
        check_sources(db, [clip_id], now)
        raise HoldError(_unusable(clip_id, path, "lost")) from None


def _unusable(clip_id: int, path: str, state: str) -> str:
    if state == "lost":
        return f"clip {clip_id} ({path}): the file is gone, so it cannot be held"
    return (
        f"clip {clip_id} ({path}): the file changed since it was imported (its SHA-256 "
        "differs), so it cannot be held"
    )


def release(
    db: Database,
    store: EvidenceStore,
    clip_id: int,
    *,
    request_row: int | None,
    now: datetime,
    reason: str,
) -> bool:
    """End the clip's hold for ``request_row`` (None: the resident's), with its audit
    entry; the store's copy is removed when nothing else holds the clip. A request's
    hold released by the resident (``reason`` "resident") is not taken again by that
    request. False when there was no such hold."""
    if reason not in REASONS:
        raise ValueError(_("unknown release reason %(reason)s") % {"reason": repr(reason)})
    path, sha, _size, camera_id = _clip(db, clip_id)
    request_id, agency_id = _request(db, request_row)
    with db.atomic():
        cur = db.execute(
            "DELETE FROM holds WHERE clip_id = ? AND request_row IS ?", [clip_id, request_row]
        )
        if cur.rowcount == 0:
            return False
        if reason == "resident" and request_row is not None:
            db.execute(
                "INSERT INTO hold_waivers (clip_id, request_row, released_at) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                [clip_id, request_row, to_utc_text(now)],
            )
        others = db.execute("SELECT count(*) FROM holds WHERE clip_id = ?", [clip_id]).fetchone()
        last = int(others[0]) == 0
        if last:
            db.execute("DELETE FROM held_files WHERE sha256 = ?", [sha])
        audit.append(
            db,
            "hold released",
            now=now,
            request_id=request_id,
            agency_id=agency_id,
            clip_id=clip_id,
            camera_id=camera_id,
            details={
                "reason": reason,
                "held_for": RESIDENT if request_row is None else "request",
                "version_row": request_row,
                "sha256": sha,
                "copy_removed": last,
                "path": path,
            },
        )
    if last:
        store.remove(sha)  # after the commit: a failure leaves a file, never a missing one
    return True


def release_all(db: Database, store: EvidenceStore, clip_id: int, *, now: datetime) -> int:
    """The resident lets go of the clip: every hold on it ends (the requests that held
    it do not take it again). How many holds ended."""
    _clip(db, clip_id)
    rows = [
        r[0]
        for r in db.execute(
            "SELECT request_row FROM holds WHERE clip_id = ? ORDER BY request_row IS NULL, "
            "request_row",
            [clip_id],
        ).fetchall()
    ]
    return sum(
        release(db, store, clip_id, request_row=row, now=now, reason="resident") for row in rows
    )


def sync_holds(
    db: Database,
    store: EvidenceStore,
    now: datetime,
    *,
    budget_bytes: int | None,
    beyond_budget: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> SyncResult:
    """Hold every candidate clip of every unsettled request and release what settled
    requests held (db.holds.sync)."""
    from db.holds.sync import sync

    return sync(
        db,
        store,
        now,
        budget_bytes=budget_bytes,
        beyond_budget=beyond_budget,
        progress=progress,
        cancel=cancel,
    )


_UNITS = {
    "": 1,
    "b": 1,
    "kb": 10**3,
    "mb": 10**6,
    "gb": 10**9,
    "tb": 10**12,
    "kib": 2**10,
    "mib": 2**20,
    "gib": 2**30,
    "tib": 2**40,
}


def parse_size(text: str) -> int | None:
    """ "50GB", "1.5 TB", "800 MiB" or a number of bytes; "none" for no budget (None).
    HoldError naming the text otherwise."""
    import re

    words = text.strip().lower()
    if words == "none":
        return None
    found = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([a-z]*)", words)
    if found is None or found.group(2) not in _UNITS:
        raise HoldError(
            _("%(text)s is not a size: give a number and a unit (e.g. 50GB, 800MB, 1.5TB) or none")
            % {"text": repr(text)}
        )
    n = int(float(found.group(1)) * _UNITS[found.group(2)])
    if n <= 0:
        raise HoldError(_("%(text)s: the budget must be more than 0 bytes") % {"text": repr(text)})
    return n
