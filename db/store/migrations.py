"""The schema, as named migrations (sqlite-utils ``Migrations``).

Rules: a released migration is never edited; changes come as new migrations appended
at the end. Each migration runs in one transaction together with the record of it in
``_sqlite_migrations`` and the new ``PRAGMA user_version``.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "doorstep"
migrations = Migrations(MIGRATION_SET)


@migrations(name="m001_cameras_and_clips")
def m001_cameras_and_clips(db: Database) -> None:
    _run(db, _M001, version=1)


@migrations(name="m002_agencies_requests_rules")
def m002_agencies_requests_rules(db: Database) -> None:
    _run(db, _M002, version=2)


@migrations(name="m003_decisions_packages_deliveries")
def m003_decisions_packages_deliveries(db: Database) -> None:
    _run(db, _M003, version=3)


@migrations(name="m004_audit_trail")
def m004_audit_trail(db: Database) -> None:
    _run(db, _M004, version=4)


@migrations(name="m005_retired_cameras")
def m005_retired_cameras(db: Database) -> None:
    _run(db, _M005, version=5)


@migrations(name="m006_clip_time_sources")
def m006_clip_time_sources(db: Database) -> None:
    _widen_start_sources(db)
    _run(db, _M006, version=6)


# Until m006 a clip's start_source was one of three words; from m006 it also names the
# QuickTime creation date and the naming profile a file name was read by
# ('filename:wyze'). 'filename' stays for clips imported before, read by the name alone.
_OLD_SOURCES = "CHECK (start_source IN ('container', 'filename', 'mtime'))"
_NEW_SOURCES = (
    "CHECK (start_source IN ('container', 'quicktime', 'filename', 'mtime') "
    "OR start_source GLOB 'filename:?*')"
)


def _widen_start_sources(db: Database) -> None:
    """Replace the clips table's CHECK on start_source with a wider one. SQLite cannot
    alter a CHECK, and rebuilding the table would cascade deletes to its thumbnails and
    decisions (foreign keys are on while migrating); a constraint that every stored row
    still meets may instead be changed in the schema text itself, the procedure SQLite's
    documentation gives ("Making Other Kinds Of Table Schema Changes"), in this
    migration's transaction."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'clips'")
    text = str(sql.fetchone()[0])
    if _OLD_SOURCES not in text:
        raise sqlite3.DatabaseError("the clips table is not as migration m005 left it")
    version = int(db.execute("PRAGMA schema_version").fetchone()[0])
    # A SQLite built in defensive mode refuses writes to sqlite_master: lift it for
    # this change where Python can (3.12 and later).
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    if defensive is not None and hasattr(db.conn, "setconfig"):
        db.conn.setconfig(defensive, False)
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'clips'",
            [text.replace(_OLD_SOURCES, _NEW_SOURCES)],
        )
        db.execute(f"PRAGMA schema_version = {version + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")


@migrations(name="m007_clock_measurements")
def m007_clock_measurements(db: Database) -> None:
    _run(db, _M007, version=7)


@migrations(name="m008_privacy_masks")
def m008_privacy_masks(db: Database) -> None:
    _run(db, _M008, version=8)


@migrations(name="m009_redaction_plans")
def m009_redaction_plans(db: Database) -> None:
    _run(db, _M009, version=9)


@migrations(name="m010_thumbnail_state")
def m010_thumbnail_state(db: Database) -> None:
    _run(db, _M010, version=10)


@migrations(name="m011_evidence_holds")
def m011_evidence_holds(db: Database) -> None:
    _run(db, _M011, version=11)


@migrations(name="m012_resident_requests")
def m012_resident_requests(db: Database) -> None:
    from db.store import m012_resident_requests as m012

    m012.widen_table_check(db, "requests", m012.OLD_SOURCES, m012.NEW_SOURCES)
    _run(db, m012.M012, version=12)


@migrations(name="m013_handovers")
def m013_handovers(db: Database) -> None:
    from db.store.m013_handovers import SQL

    _run(db, SQL, version=13)


def _run(db: Database, script: str, version: int) -> None:
    """Run a schema script statement by statement (``executescript`` would commit the
    surrounding transaction) and record the schema version in the same transaction.
    Statements end with ``;`` at the end of a line; trigger bodies are kept whole."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if statement.rstrip().endswith(";") and sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
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

_M002 = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
CREATE TABLE agencies (
    id TEXT PRIMARY KEY CHECK (length(trim(id)) > 0),
    name TEXT NOT NULL,
    jurisdiction TEXT,
    contact TEXT,
    created_at TEXT NOT NULL
) STRICT;
CREATE TABLE agency_keys (
    agency_id TEXT NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    key_id TEXT NOT NULL,
    public_key BLOB NOT NULL CHECK (length(public_key) = 32),
    added_at TEXT NOT NULL,
    PRIMARY KEY (agency_id, key_id)
) STRICT;
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    agency_id TEXT REFERENCES agencies(id) ON DELETE SET NULL,
    etag TEXT,
    last_modified TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    last_polled_at TEXT,
    last_ok_at TEXT,
    next_poll_at TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL
) STRICT;
CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    request_id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    raw BLOB NOT NULL,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
    source TEXT NOT NULL CHECK (source IN ('file', 'feed')),
    feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
    received_at TEXT NOT NULL,
    case_number TEXT,
    incident TEXT,
    description TEXT,
    contact TEXT,
    window_start_utc TEXT NOT NULL,
    window_end_utc TEXT NOT NULL,
    area TEXT NOT NULL,
    area_sq_m REAL NOT NULL,
    issued_at_utc TEXT NOT NULL,
    expires_at_utc TEXT NOT NULL,
    retention_days INTEGER,
    third_party_sharing TEXT,
    delivery TEXT,
    signature_outcome TEXT NOT NULL
        CHECK (signature_outcome IN ('verified', 'unsigned', 'unknown_key', 'bad_signature')),
    state TEXT NOT NULL DEFAULT 'current' CHECK (state IN ('current', 'edited', 'withdrawn')),
    replaced_at TEXT,
    withdrawn_at TEXT,
    worst_outcome TEXT NOT NULL CHECK (worst_outcome IN ('ok', 'warn', 'block')),
    rule_summary TEXT NOT NULL,
    cameras_in_area INTEGER NOT NULL DEFAULT 0,
    auto_declined_at TEXT,
    viewed_at TEXT,
    UNIQUE (request_id, version)
) STRICT;
CREATE INDEX requests_state_received ON requests (state, received_at);
CREATE INDEX requests_agency ON requests (agency_id);
CREATE INDEX requests_feed ON requests (feed_id, state);
CREATE TABLE request_rules (
    request_row INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    rule TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'warn', 'block')),
    reason TEXT NOT NULL,
    evaluated_at TEXT NOT NULL,
    PRIMARY KEY (request_row, rule)
) STRICT;
CREATE INDEX clips_duration ON clips (duration_s);
CREATE VIRTUAL TABLE camera_rtree USING rtree (id, min_lon, max_lon, min_lat, max_lat);
CREATE TRIGGER cameras_rtree_insert AFTER INSERT ON cameras BEGIN
    INSERT INTO camera_rtree VALUES (
        NEW.id,
        NEW.lon - coalesce(NEW.range_m, 0) / (110000.0 * max(cos(radians(NEW.lat)), 0.01)),
        NEW.lon + coalesce(NEW.range_m, 0) / (110000.0 * max(cos(radians(NEW.lat)), 0.01)),
        NEW.lat - coalesce(NEW.range_m, 0) / 110000.0,
        NEW.lat + coalesce(NEW.range_m, 0) / 110000.0);
END;
CREATE TRIGGER cameras_rtree_update AFTER UPDATE OF lat, lon, range_m ON cameras BEGIN
    DELETE FROM camera_rtree WHERE id = OLD.id;
    INSERT INTO camera_rtree VALUES (
        NEW.id,
        NEW.lon - coalesce(NEW.range_m, 0) / (110000.0 * max(cos(radians(NEW.lat)), 0.01)),
        NEW.lon + coalesce(NEW.range_m, 0) / (110000.0 * max(cos(radians(NEW.lat)), 0.01)),
        NEW.lat - coalesce(NEW.range_m, 0) / 110000.0,
        NEW.lat + coalesce(NEW.range_m, 0) / 110000.0);
END;
CREATE TRIGGER cameras_rtree_delete AFTER DELETE ON cameras BEGIN
    DELETE FROM camera_rtree WHERE id = OLD.id;
END;
INSERT INTO camera_rtree
    SELECT id,
        lon - coalesce(range_m, 0) / (110000.0 * max(cos(radians(lat)), 0.01)),
        lon + coalesce(range_m, 0) / (110000.0 * max(cos(radians(lat)), 0.01)),
        lat - coalesce(range_m, 0) / 110000.0,
        lat + coalesce(range_m, 0) / 110000.0
    FROM cameras
"""

_M003 = """
CREATE TABLE decisions (
    request_row INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'declined')),
    note TEXT,
    sensitive_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (sensitive_confirmed IN (0, 1)),
    decided_at TEXT NOT NULL,
    PRIMARY KEY (request_row, clip_id)
) STRICT;
CREATE INDEX decisions_clip ON decisions (clip_id);
ALTER TABLE requests ADD COLUMN decided_at TEXT;
CREATE TABLE packages (
    id INTEGER PRIMARY KEY,
    request_row INTEGER NOT NULL REFERENCES requests(id),
    path TEXT NOT NULL,
    manifest_sha256 TEXT NOT NULL CHECK (length(manifest_sha256) = 64),
    files INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    package_id INTEGER NOT NULL REFERENCES packages(id),
    url TEXT NOT NULL,
    server_package_id TEXT NOT NULL,
    confirmed_files INTEGER NOT NULL,
    bytes_sent INTEGER NOT NULL,
    delivered_at TEXT NOT NULL,
    UNIQUE (package_id)
) STRICT;
"""

_M004 = """
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    request_id TEXT,
    agency_id TEXT,
    clip_id INTEGER,
    camera_id INTEGER,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX audit_log_request ON audit_log (request_id);
CREATE INDEX audit_log_agency ON audit_log (agency_id);
CREATE INDEX audit_log_action_at ON audit_log (action, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: an entry cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: an entry cannot be deleted');
END;
CREATE TABLE audit_anchors (
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL CHECK (length(hash) = 64),
    at TEXT NOT NULL,
    reason TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_anchors_no_update BEFORE UPDATE ON audit_anchors BEGIN
    SELECT RAISE(ABORT, 'audit_anchors is append-only');
END;
CREATE TRIGGER audit_anchors_no_delete BEFORE DELETE ON audit_anchors BEGIN
    SELECT RAISE(ABORT, 'audit_anchors is append-only');
END;
CREATE VIEW audit_trail AS
    SELECT seq, at, action, request_id, agency_id, clip_id, camera_id, details
    FROM audit_log ORDER BY seq;
CREATE VIEW request_decisions AS
    SELECT r.request_id, r.version, a.name AS agency, r.case_number, d.clip_id,
        c.path AS clip_path, cam.name AS camera, d.state, d.note, d.decided_at
    FROM decisions d
    JOIN requests r ON r.id = d.request_row
    JOIN agencies a ON a.id = r.agency_id
    JOIN clips c ON c.id = d.clip_id
    JOIN cameras cam ON cam.id = c.camera_id;
"""

# A camera whose clips were decided on is retired instead of deleted (the record of
# what was shared stays). A retired camera leaves the R*Tree, so new requests do not
# match it, and an edit of its place does not put it back.
_M005 = """
ALTER TABLE cameras ADD COLUMN retired_at TEXT;
DROP TRIGGER cameras_rtree_update;
CREATE TRIGGER cameras_rtree_update AFTER UPDATE OF lat, lon, range_m ON cameras
WHEN NEW.retired_at IS NULL BEGIN
    DELETE FROM camera_rtree WHERE id = OLD.id;
    INSERT INTO camera_rtree VALUES (
        NEW.id,
        NEW.lon - coalesce(NEW.range_m, 0) / (110000.0 * max(cos(radians(NEW.lat)), 0.01)),
        NEW.lon + coalesce(NEW.range_m, 0) / (110000.0 * max(cos(radians(NEW.lat)), 0.01)),
        NEW.lat - coalesce(NEW.range_m, 0) / 110000.0,
        NEW.lat + coalesce(NEW.range_m, 0) / 110000.0);
END;
CREATE TRIGGER cameras_rtree_retire AFTER UPDATE OF retired_at ON cameras
WHEN NEW.retired_at IS NOT NULL BEGIN
    DELETE FROM camera_rtree WHERE id = OLD.id;
END;
"""

# Where each clip's start came from and how sure it is (db.clips.clip_time): existing
# clips whose start is the file's modification time are uncertain, the others certain
# (nothing stored can contradict them); the time the start came from is kept as the
# name's or the container's time. rel_path is the path relative to the imported folder
# (unknown for clips imported before: their file name is read). A camera's
# naming_profile is NULL until the resident chooses one.
_M006 = """
ALTER TABLE clips ADD COLUMN start_certain INTEGER NOT NULL DEFAULT 1
    CHECK (start_certain IN (0, 1));
ALTER TABLE clips ADD COLUMN start_note TEXT;
ALTER TABLE clips ADD COLUMN name_start_utc TEXT;
ALTER TABLE clips ADD COLUMN container_start_utc TEXT;
ALTER TABLE clips ADD COLUMN rel_path TEXT;
ALTER TABLE cameras ADD COLUMN naming_profile TEXT;
UPDATE clips SET start_certain = 0,
    start_note = 'only the file''s modification time gives a time: it is when the file '
        || 'was last written, which a copy changes'
    WHERE start_source = 'mtime';
UPDATE clips SET container_start_utc = start_utc WHERE start_source = 'container';
UPDATE clips SET name_start_utc = start_utc WHERE start_source = 'filename';
"""

# Measurements of a camera's clock against a reference (docs/clock.md); the camera's
# clock_offset_s is set from the newest. A measurement outlives its clip (the SHA-256
# still names the file) but not its camera.
_M007 = """
CREATE TABLE clock_measurements (
    id INTEGER PRIMARY KEY,
    camera_id INTEGER NOT NULL REFERENCES cameras(id) ON DELETE CASCADE,
    clip_id INTEGER REFERENCES clips(id) ON DELETE SET NULL,
    clip_sha256 TEXT NOT NULL CHECK (length(clip_sha256) = 64),
    frame_s REAL NOT NULL CHECK (frame_s >= 0),
    overlay_text TEXT NOT NULL,
    overlay_utc TEXT NOT NULL,
    reference_text TEXT NOT NULL,
    reference_utc TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('reference-clock', 'known-event')),
    measured_at TEXT NOT NULL,
    offset_s REAL NOT NULL,
    previous_offset_s REAL NOT NULL,
    note TEXT
) STRICT;
CREATE INDEX clock_measurements_camera ON clock_measurements (camera_id, measured_at);
"""

# A camera's privacy masks (docs/redaction.md): polygons hidden in every excerpt of it.
# The points are pixels of the picture they were drawn on (width × height), so a mask
# scales to a clip whose picture is another size; db.redaction.masks checks the shape
# (no crossing edges, some area, inside the picture) before it is stored.
_M008 = """
CREATE TABLE privacy_masks (
    id INTEGER PRIMARY KEY,
    camera_id INTEGER NOT NULL REFERENCES cameras(id) ON DELETE CASCADE,
    name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
    points TEXT NOT NULL CHECK (
        json_valid(points) AND json_type(points) = 'array' AND json_array_length(points) >= 3
    ),
    width INTEGER NOT NULL CHECK (width > 0),
    height INTEGER NOT NULL CHECK (height > 0),
    created_at TEXT NOT NULL,
    UNIQUE (camera_id, name)
) STRICT;
"""

# Redaction plans (docs/redaction.md): one per request version and clip, proposed until
# the resident accepts exactly this plan (its SHA-256). The audit trail keeps each
# acceptance; the plan itself follows its request and clip out.
_M009 = """
CREATE TABLE redaction_plans (
    request_row INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
    plan TEXT NOT NULL CHECK (json_valid(plan)),
    plan_sha256 TEXT NOT NULL CHECK (length(plan_sha256) = 64),
    status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted')),
    analysed_at TEXT NOT NULL,
    accepted_at TEXT,
    accepted_by TEXT CHECK (accepted_by IS NULL OR accepted_by IN ('window', 'command line')),
    CHECK ((status = 'accepted') = (accepted_at IS NOT NULL AND accepted_by IS NOT NULL)),
    PRIMARY KEY (request_row, clip_id)
) STRICT;
CREATE INDEX redaction_plans_clip ON redaction_plans (clip_id);
"""

# A clip's thumbnail is made after the clip is stored (db.clips.thumbnail_pass): until
# then the clip is pending, found through a partial index (the window looks for such
# clips at every start: a scan of every clip took too long). A clip whose picture
# cannot be decoded gets the reason instead of a thumbnail, so it is neither tried again
# at every start nor left unexplained. Clips stored before had their thumbnails made
# with them: none is pending.
_M010 = """
ALTER TABLE clips ADD COLUMN thumbnail_pending INTEGER NOT NULL DEFAULT 0
    CHECK (thumbnail_pending IN (0, 1));
ALTER TABLE clips ADD COLUMN thumbnail_error TEXT;
CREATE INDEX clips_thumbnail_pending ON clips (start_utc) WHERE thumbnail_pending = 1;
"""

# Holds (docs/holds.md): the copies of clips kept in the evidence store, one row per
# stored file (by SHA-256, so two holds of one clip share it), and what keeps each
# clip held: a request version, or the resident (request_row NULL). A released hold
# leaves the table; the audit trail keeps it. A clip the resident released from a
# request is not held for it again (hold_waivers). Each clip's source file is checked
# at every sync and use: source_state says whether it is still there and unchanged,
# last_seen_at when it was last found so, seen_size and seen_mtime_ns the file as last
# hashed (a file touched but not changed is not hashed again).
_M011 = """
CREATE TABLE held_files (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size INTEGER NOT NULL CHECK (size >= 0),
    method TEXT NOT NULL CHECK (method IN ('reflink', 'hardlink', 'copy')),
    stored_at TEXT NOT NULL
) STRICT;
CREATE TABLE holds (
    id INTEGER PRIMARY KEY,
    clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
    request_row INTEGER REFERENCES requests(id) ON DELETE CASCADE,
    held_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX holds_clip_request ON holds (clip_id, ifnull(request_row, 0));
CREATE INDEX holds_request ON holds (request_row);
CREATE TABLE hold_waivers (
    clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
    request_row INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    released_at TEXT NOT NULL,
    PRIMARY KEY (clip_id, request_row)
) STRICT;
ALTER TABLE clips ADD COLUMN source_state TEXT NOT NULL DEFAULT 'present'
    CHECK (source_state IN ('present', 'lost', 'changed'));
ALTER TABLE clips ADD COLUMN last_seen_at TEXT;
ALTER TABLE clips ADD COLUMN seen_size INTEGER;
ALTER TABLE clips ADD COLUMN seen_mtime_ns INTEGER;
"""

# One entry per migration above, in order: PRAGMA user_version equals the count.
SCHEMA_VERSION = len(migrations._migrations)
