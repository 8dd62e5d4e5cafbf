"""Migration m006: an old database's clips keep every row and learn how sure their
start is; the wider start sources are accepted afterwards."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from db.clips.clip_time import MTIME_NOTE
from db.clips.library import list_clips
from db.store.database import open_database
from db.store.migrations import SCHEMA_VERSION, migrations


def _clip(db: Database, clip_id: int, source: str) -> None:
    db.execute(
        "INSERT INTO clips (id, camera_id, path, sha256, size, mtime_ns, start_utc, end_utc, "
        "start_source, duration_s, width, height, codec, has_audio, imported_at) VALUES "
        "(?, 1, ?, ?, 10, 0, '2026-11-20T22:15:00.000Z', '2026-11-20T22:15:10.000Z', ?, 10, "
        "320, 240, 'h264', 0, '2026-11-21T00:00:00.000Z')",
        [clip_id, f"/footage/c{clip_id}.mp4", f"{clip_id:064x}", source],
    )
    db.execute(
        "INSERT INTO clip_thumbnails (clip_id, mime, data) VALUES (?, 'image/jpeg', x'ff')",
        [clip_id],
    )


def test_a_version_5_database_gains_time_sources_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    old = Database(sqlite3.connect(path), strict=True)
    migrations.apply(old, stop_before="m006_clip_time_sources")
    assert old.execute("PRAGMA user_version").fetchone()[0] == 5
    old.execute(
        "INSERT INTO cameras (id, name, lat, lon, created_at) "
        "VALUES (1, 'Porch', 47.6, -122.3, '2026-01-01T00:00:00.000Z')"
    )
    for clip_id, source in ((1, "container"), (2, "filename"), (3, "mtime")):
        _clip(old, clip_id, source)
    old.conn.commit()
    old.close()

    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = {r.id: r for r in list_clips(db)}
    assert (rows[1].start_source, rows[1].start_certain) == ("container", True)
    assert rows[1].container_start_utc == "2026-11-20T22:15:00.000Z"
    assert rows[1].name_start_utc is None
    assert (rows[2].start_source, rows[2].start_certain) == ("filename", True)
    assert rows[2].name_start_utc == "2026-11-20T22:15:00.000Z"
    assert (rows[3].start_source, rows[3].start_certain) == ("mtime", False)
    assert rows[3].start_note == MTIME_NOTE
    # The CHECK was widened in place: no clip's thumbnail went with a rebuilt table.
    assert db.execute("SELECT count(*) FROM clip_thumbnails").fetchone()[0] == 3
    assert db.execute("SELECT naming_profile FROM cameras").fetchone() == (None,)
    with db.atomic():
        db.execute("UPDATE clips SET start_source = 'filename:wyze' WHERE id = 2")
        db.execute("UPDATE clips SET start_source = 'quicktime' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"), db.atomic():
        db.execute("UPDATE clips SET start_source = 'guesswork' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"), db.atomic():
        db.execute("UPDATE clips SET start_source = 'filename:' WHERE id = 1")
    db.close()
