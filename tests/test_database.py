"""The database file: schema by migrations, versions, and readable with plain tools."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db.clips.cameras import Camera, add_camera
from db.store.database import DatabaseError, open_database
from db.store.migrations import SCHEMA_VERSION


def test_new_database_has_plain_strict_tables_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    assert {"cameras", "clips", "clip_thumbnails", "camera_folders"} <= set(db.table_names())
    for table in ("cameras", "clips", "clip_thumbnails", "camera_folders"):
        assert db.table(table).strict, table
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    applied = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations")]
    assert applied[:2] == ["m001_cameras_and_clips", "m002_agencies_requests_rules"]
    assert len(applied) == SCHEMA_VERSION
    db.close()


def test_a_version_1_database_is_upgraded_in_place(tmp_path: Path) -> None:
    """A resident's database from the first release gains the request tables, and its
    cameras are entered in the spatial index used for matching."""
    from sqlite_utils import Database

    from db.store.migrations import migrations

    path = tmp_path / "d.sqlite3"
    old = Database(sqlite3.connect(path), strict=True)
    migrations.apply(old, stop_before="m002_agencies_requests_rules")
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    old.execute(
        "INSERT INTO cameras (name, lat, lon, range_m, created_at) "
        "VALUES ('Porch', 47.6, -122.3, 50, '2026-01-01T00:00:00.000Z')"
    )
    old.conn.commit()
    old.close()
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert {"agencies", "requests", "request_rules", "feeds", "settings"} <= set(db.table_names())
    box = db.execute("SELECT min_lat, max_lat FROM camera_rtree").fetchone()
    assert box[0] < 47.6 < box[1] and box[1] - box[0] > 2 * 50 / 111_500
    assert db.execute("SELECT name FROM cameras").fetchall() == [("Porch",)]
    db.close()


def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    add_camera(db, Camera("Porch", 47.6, -122.3))
    db.close()
    db = open_database(path)
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("SELECT name FROM cameras").fetchall() == [("Porch",)]
    db.close()


def test_database_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="newer version of Doorstep"):
        open_database(path)
    assert path.read_bytes() == before


def test_unknown_migration_is_taken_as_newer_version(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('doorstep', 'm999_from_the_future', '2027-01-01')"
        )
    with pytest.raises(DatabaseError, match="m999_from_the_future"):
        open_database(path)


def test_other_files_are_refused_with_a_clear_message(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite3"
    text.write_text("this is not a database, just some text that is long enough " * 20)
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        open_database(text)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(DatabaseError, match="not a Doorstep database"):
        open_database(other)
    assert sqlite3.connect(other).execute("SELECT name FROM sqlite_master").fetchall() == [
        ("recipes",)
    ]
    with pytest.raises(DatabaseError, match="is a folder"):
        open_database(tmp_path)


def test_demo_and_resident_databases_never_mix(tmp_path: Path) -> None:
    demo = tmp_path / "demo.sqlite3"
    open_database(demo, kind="demo").close()
    with pytest.raises(DatabaseError, match="demo database"):
        open_database(demo, kind="resident")
    mine = tmp_path / "mine.sqlite3"
    open_database(mine).close()
    with pytest.raises(DatabaseError, match="resident database"):
        open_database(mine, kind="demo")


def test_readable_with_sqlite_utils_while_the_app_has_it_open(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    add_camera(db, Camera("Porch", 47.6, -122.3))
    # The app keeps its connection open; a second process reads the file.
    out = subprocess.run(
        [sys.executable, "-m", "sqlite_utils", "rows", str(path), "cameras", "--nl"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"name": "Porch"' in out.stdout
    tables = subprocess.run(
        [sys.executable, "-m", "sqlite_utils", "tables", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "clips" in tables.stdout
    db.close()


def test_constraints_guard_the_data(db) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO cameras (name, lat, lon, created_at) VALUES ('x', 91, 0, 'now')")
    with pytest.raises(sqlite3.IntegrityError):  # STRICT: no text in a REAL column
        db.execute(
            "INSERT INTO cameras (name, lat, lon, created_at) VALUES ('y', 'north', 0, 'now')"
        )
