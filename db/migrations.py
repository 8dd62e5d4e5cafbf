"""The schema, as named migrations (sqlite-utils ``Migrations``).

Rules: a released migration is never edited; changes come as new migrations appended
at the end. Each migration runs in one transaction together with the record of it in
``_sqlite_migrations`` and the new ``PRAGMA user_version``.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "doorstep"
migrations = Migrations(MIGRATION_SET)


@migrations(name="m001_cameras_and_clips")
def m001_cameras_and_clips(db: Database) -> None:
    _run(db, _M001, version=1)


def _run(db: Database, script: str, version: int) -> None:
    """Run a schema script statement by statement (``executescript`` would commit the
    surrounding transaction) and record the schema version in the same transaction."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)
    db.execute(f"PRAGMA user_version = {int(version)}")


_M001 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
CREATE TABLE cameras (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
    heading_deg REAL CHECK (heading_deg IS NULL OR (heading_deg >= 0 AND heading_deg < 360)),
    fov_deg REAL CHECK (fov_deg IS NULL OR (fov_deg > 0 AND fov_deg <= 360)),
    range_m REAL CHECK (range_m IS NULL OR range_m > 0),
    tz TEXT NOT NULL DEFAULT 'UTC',
    clock_offset_s REAL NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
) STRICT;
CREATE TABLE camera_folders (
    id INTEGER PRIMARY KEY,
    camera_id INTEGER NOT NULL REFERENCES cameras(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    watch INTEGER NOT NULL DEFAULT 0 CHECK (watch IN (0, 1)),
    UNIQUE (camera_id, path)
) STRICT;
CREATE TABLE clips (
    id INTEGER PRIMARY KEY,
    camera_id INTEGER NOT NULL REFERENCES cameras(id) ON DELETE CASCADE,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    size INTEGER NOT NULL CHECK (size > 0),
    mtime_ns INTEGER NOT NULL,
    start_utc TEXT NOT NULL,
    end_utc TEXT NOT NULL,
    start_source TEXT NOT NULL CHECK (start_source IN ('container', 'filename', 'mtime')),
    duration_s REAL NOT NULL CHECK (duration_s >= 0),
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    codec TEXT NOT NULL,
    has_audio INTEGER NOT NULL CHECK (has_audio IN (0, 1)),
    shows_children INTEGER NOT NULL DEFAULT 0 CHECK (shows_children IN (0, 1)),
    private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    imported_at TEXT NOT NULL
) STRICT;
CREATE INDEX clips_start ON clips (start_utc);
CREATE INDEX clips_end ON clips (end_utc);
CREATE INDEX clips_camera_start ON clips (camera_id, start_utc);
CREATE TABLE clip_thumbnails (
    clip_id INTEGER PRIMARY KEY REFERENCES clips(id) ON DELETE CASCADE,
    mime TEXT NOT NULL,
    data BLOB NOT NULL
) STRICT;
"""

# One entry per migration above, in order: PRAGMA user_version equals the count.
SCHEMA_VERSION = len(migrations._migrations)
