"""Reading and flagging clips. The GUI's clips table loads ids first and rows on
demand (``clip_ids`` then ``clip_rows``), so a library of any size opens at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from db.audit import trail as audit
from db.store.database import read_transaction
from db.words.i18n import N_

# Sortable columns, by the name the GUI and command line use.
SORT_COLUMNS = {
    "start": "clips.start_utc",
    "camera": "cameras.name COLLATE NOCASE",
    "duration": "clips.duration_s",
    "resolution": "clips.width * clips.height",
    "audio": "clips.has_audio",
    "size": "clips.size",
    "children": "clips.shows_children",
    "private": "clips.private",
    "path": "clips.path",
}
FLAGS = ("shows_children", "private")
# Each flag as people say it (the audit entry, the command line).
# English as stored in the audit trail; _() where the resident reads one.
FLAG_WORDS = {"shows_children": N_("shows children"), "private": N_("private")}


@dataclass(frozen=True)
class ClipFilter:
    camera_id: int | None = None
    start_from: str | None = None  # UTC text; clips that end after this
    start_to: str | None = None  # UTC text; clips that start before this

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.camera_id is not None:
            clauses.append("clips.camera_id = ?")
            params.append(self.camera_id)
        if self.start_from:
            clauses.append("clips.end_utc >= ?")
            params.append(self.start_from)
        if self.start_to:
            clauses.append("clips.start_utc <= ?")
            params.append(self.start_to)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


@dataclass(frozen=True)
class ClipRow:
    id: int
    camera: str
    path: str
    sha256: str
    start_utc: str
    end_utc: str
    start_source: str
    duration_s: float
    width: int
    height: int
    codec: str
    has_audio: bool
    size: int
    shows_children: bool
    private: bool
    camera_tz: str
    # How sure the start is (db.clips.clip_time); the note says why not, and the
    # times the file name and the container gave, when they did.
    start_certain: bool = True
    start_note: str = ""
    name_start_utc: str | None = None
    container_start_utc: str | None = None
    # Why no thumbnail could be made: the picture cannot be decoded (None: there is
    # one, or it is still to be made).
    thumbnail_error: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The keys of ``clips list --json`` (docs/cli.md, "Cameras and clips")."""
        return {
            "id": self.id,
            "path": self.path,
            "sha256": self.sha256,
            "camera": self.camera,
            "start": self.start_utc,
            "end": self.end_utc,
            "start_source": self.start_source,
            "start_certain": self.start_certain,
            "start_note": self.start_note,
            "name_start": self.name_start_utc,
            "container_start": self.container_start_utc,
            "duration_s": self.duration_s,
            "width": self.width,
            "height": self.height,
            "codec": self.codec,
            "has_audio": self.has_audio,
            "size": self.size,
            "shows_children": self.shows_children,
            "private": self.private,
            "picture_error": self.thumbnail_error,
        }


_ROW_SELECT = (
    "SELECT clips.id, cameras.name, clips.path, clips.sha256, clips.start_utc, clips.end_utc, "
    "clips.start_source, clips.duration_s, clips.width, clips.height, clips.codec, "
    "clips.has_audio, clips.size, clips.shows_children, clips.private, cameras.tz, "
    "clips.start_certain, clips.start_note, clips.name_start_utc, clips.container_start_utc, "
    "clips.thumbnail_error "
    "FROM clips JOIN cameras ON cameras.id = clips.camera_id"
)


def _row(r: tuple[Any, ...]) -> ClipRow:
    return ClipRow(
        id=r[0],
        camera=r[1],
        path=r[2],
        sha256=r[3],
        start_utc=r[4],
        end_utc=r[5],
        start_source=r[6],
        duration_s=r[7],
        width=r[8],
        height=r[9],
        codec=r[10],
        has_audio=bool(r[11]),
        size=r[12],
        shows_children=bool(r[13]),
        private=bool(r[14]),
        camera_tz=r[15],
        start_certain=bool(r[16]),
        start_note=r[17] or "",
        name_start_utc=r[18],
        container_start_utc=r[19],
        thumbnail_error=r[20],
    )


def _ids_sql(filt: ClipFilter, sort: str, descending: bool) -> tuple[str, list[Any]]:
    if sort not in SORT_COLUMNS:
        raise ValueError(f"cannot sort clips by {sort!r}")
    where, params = filt.where()
    direction = "DESC" if descending else "ASC"
    join = " JOIN cameras ON cameras.id = clips.camera_id" if sort == "camera" else ""
    sql = (
        f"SELECT clips.id FROM clips{join}{where} "
        f"ORDER BY {SORT_COLUMNS[sort]} {direction}, clips.id {direction}"
    )
    return sql, params


def clip_ids(
    db: Database, filt: ClipFilter = ClipFilter(), sort: str = "start", descending: bool = True
) -> list[int]:
    """Ids in display order; cheap even for a million clips (index on start_utc)."""
    sql, params = _ids_sql(filt, sort, descending)
    return [r[0] for r in db.execute(sql, params)]


@dataclass(frozen=True)
class ClipHead:
    """The first ids in display order, their rows and thumbnails, and how many clips
    the filter holds in all: enough to show the table's first screen before the
    whole id list is read."""

    total: int
    ids: list[int]
    rows: dict[int, ClipRow]
    thumbnails: dict[int, bytes]


def clip_head(
    db: Database,
    filt: ClipFilter = ClipFilter(),
    sort: str = "start",
    descending: bool = True,
    limit: int = 200,
) -> ClipHead:
    """The first ``limit`` clips in display order and the total (database thread). One
    read transaction, so the count and the ids agree."""
    sql, params = _ids_sql(filt, sort, descending)
    where, where_params = filt.where()
    with read_transaction(db):  # count and ids from the same snapshot
        total = int(db.execute(f"SELECT count(*) FROM clips{where}", where_params).fetchone()[0])
        ids = [r[0] for r in db.execute(f"{sql} LIMIT ?", [*params, limit])]
        rows = clip_rows(db, ids)
        thumbs = thumbnails(db, ids)
    return ClipHead(total, ids, rows, thumbs)


def clip_rows(db: Database, ids: list[int]) -> dict[int, ClipRow]:
    """The rows for these ids (one page of the table)."""
    out: dict[int, ClipRow] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for r in db.execute(f"{_ROW_SELECT} WHERE clips.id IN ({marks})", chunk):
            row = _row(r)
            out[row.id] = row
    return out


def thumbnails(db: Database, ids: list[int]) -> dict[int, bytes]:
    out: dict[int, bytes] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT clip_id, data FROM clip_thumbnails WHERE clip_id IN ({marks})"
        for clip_id, data in db.execute(sql, chunk):
            out[clip_id] = bytes(data)
    return out


def list_clips(db: Database, filt: ClipFilter = ClipFilter()) -> list[ClipRow]:
    where, params = filt.where()
    sql = f"{_ROW_SELECT}{where} ORDER BY clips.start_utc, clips.id"
    return [_row(r) for r in db.execute(sql, params)]


def set_flag(
    db: Database,
    clip_id: int,
    flag: str,
    value: bool,
    *,
    now: datetime,
    request_id: str | None = None,
    agency_id: str | None = None,
) -> bool:
    """Set or clear a clip's flag (``FLAGS``) with its "clip flagged" audit entry, in
    one transaction: approving a flagged clip needs a confirmation, so when the flag
    changed is part of the record (``request_id``: the request it was reviewed for).
    False when it already had that value (nothing written)."""
    if flag not in FLAGS:
        raise ValueError(f"unknown clip flag {flag!r}")
    with db.atomic():
        row = db.execute(f"SELECT {flag}, camera_id FROM clips WHERE id = ?", [clip_id]).fetchone()
        if row is None:
            raise ValueError(f"no clip with id {clip_id}")
        if bool(row[0]) == value:
            return False
        db.execute(f"UPDATE clips SET {flag} = ? WHERE id = ?", [int(value), clip_id])
        audit.append(
            db,
            "clip flagged",
            now=now,
            request_id=request_id,
            agency_id=agency_id,
            clip_id=clip_id,
            camera_id=int(row[1]),
            details={"flag": FLAG_WORDS[flag], "set": value},
        )
    return True


def count_clips(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM clips").fetchone()[0])
