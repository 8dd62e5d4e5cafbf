"""Whether each clip's source file is still where it was imported, and unchanged
(docs/holds.md, "Lost and changed sources").

A file that is gone is ``lost`` (``last_seen_at`` keeps when it was last found); one
whose size or modification time moved is hashed again, and ``changed`` when its SHA-256
is no longer the recorded one: such a file is never used in its clip's place. Checked
at every sync and whenever a clip's footage is used (``source_for``)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sqlite_utils import Database

from db.store.timeutil import to_utc_text

if TYPE_CHECKING:
    from db.holds.evidence_store import EvidenceStore

SourceState = Literal["present", "lost", "changed"]


class SourceUnavailable(ValueError):
    """A clip's footage can be used from neither its source file nor a held copy; the
    message is one line naming the clip."""


_ROW_SQL = (
    "SELECT id, path, sha256, coalesce(seen_size, size), coalesce(seen_mtime_ns, mtime_ns), "
    "source_state FROM clips WHERE id IN ({})"
)


def check_sources(db: Database, clip_ids: Iterable[int], now: datetime) -> dict[int, SourceState]:
    """Check the source files of these clips and store what was found (one transaction
    for the lot; the hashing of touched files happens before it). Clip id -> state."""
    ids = sorted(set(clip_ids))
    found: dict[int, tuple[SourceState, int | None, int | None]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = db.execute(_ROW_SQL.format(",".join("?" * len(chunk))), chunk).fetchall()
        for cid, path, sha, size, mtime_ns, state in rows:
            found[int(cid)] = _check_file(str(path), str(sha), int(size), int(mtime_ns), state)
    stamp = to_utc_text(now)
    with db.atomic():
        db.conn.executemany(
            "UPDATE clips SET source_state = ?, "
            "last_seen_at = CASE WHEN ? = 'present' THEN ? ELSE last_seen_at END, "
            "seen_size = coalesce(?, seen_size), seen_mtime_ns = coalesce(?, seen_mtime_ns) "
            "WHERE id = ?",
            [(st, st, stamp, sz, mt, cid) for cid, (st, sz, mt) in found.items()],
        )
    return {cid: st for cid, (st, _sz, _mt) in found.items()}


def _check_file(
    path: str, sha256: str, size: int, mtime_ns: int, state: str
) -> tuple[SourceState, int | None, int | None]:
    """(state, size and mtime to remember as verified, or None) of one file."""
    try:
        st = os.stat(path)
    except OSError:
        return "lost", None, None
    if (st.st_size, st.st_mtime_ns) == (size, mtime_ns) and state != "changed":
        return "present", None, None
    from db.clips.media import sha256_file

    try:
        digest = sha256_file(path)
    except OSError:
        return "lost", None, None
    if digest != sha256:
        return "changed", None, None
    return "present", st.st_size, st.st_mtime_ns


def held_copy(db: Database, store: EvidenceStore, clip_id: int) -> Path | None:
    """The clip's copy in the evidence store, when it is held and the copy is there."""
    row = db.execute(
        "SELECT c.sha256 FROM clips c JOIN held_files h ON h.sha256 = c.sha256 WHERE c.id = ?",
        [clip_id],
    ).fetchone()
    if row is None or not store.has(str(row[0])):
        return None
    return store.path_for(str(row[0]))


def source_for(
    db: Database, store: EvidenceStore, clip_id: int, now: datetime | None = None
) -> Path:
    """The file to read the clip's footage from: its source when it is there and
    unchanged, else its held copy. SourceUnavailable (one line naming the clip) when
    neither can be used."""
    row = db.execute("SELECT path FROM clips WHERE id = ?", [clip_id]).fetchone()
    if row is None:
        raise SourceUnavailable(f"no clip with id {clip_id}")
    state = check_sources(db, [clip_id], now or datetime.now(UTC))[clip_id]
    if state == "present":
        return Path(row[0])
    copy = held_copy(db, store, clip_id)
    if copy is not None:
        return copy
    if state == "lost":
        seen = db.execute("SELECT last_seen_at FROM clips WHERE id = ?", [clip_id]).fetchone()[0]
        when = f" (last seen {seen})" if seen else ""
        raise SourceUnavailable(
            f"clip {clip_id} ({row[0]}): the file is gone{when} and no copy of it is held"
        )
    raise SourceUnavailable(
        f"clip {clip_id} ({row[0]}): the file changed since it was imported (its SHA-256 "
        "differs) and no copy of the original is held"
    )
