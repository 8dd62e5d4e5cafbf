"""Opening the Doorstep database: pragmas, migrations, version checks.

A connection belongs to the thread that opened it (the GUI keeps one in its database
thread; the command line uses it directly).
"""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from db.migrations import MIGRATION_SET, SCHEMA_VERSION, migrations


class DatabaseError(Exception):
    """A database that cannot be used, with a message meant for the resident."""


def open_database(path: str | Path, *, kind: str = "resident") -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    ``kind`` is ``resident`` or ``demo``; a demo database is never opened as the
    resident's and the other way round is refused too, so the two never mix.
    """
    path = Path(path)
    if path.exists() and path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file")
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(str(path), check_same_thread=True, timeout=5.0)
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} is not a SQLite database ({exc})") from exc
    try:
        _ensure_math_functions(conn)
        # No sqlite-utils plugins: packages that happen to be installed beside Doorstep do
        # not get to change its connection (looking them up also cost 30 ms a start).
        db = Database(conn, strict=True, execute_plugins=False)
        _check_version(db, path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        migrations.apply(db)
        _check_kind(db, path, kind)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(f"cannot open {path}: {exc}") from exc
    except DatabaseError:
        conn.close()
        raise
    return db


def _ensure_math_functions(conn: sqlite3.Connection) -> None:
    """The camera index triggers use cos() and radians(), built into SQLite since 3.35
    (and into the sqlite3 shell); provide them where this SQLite was built without."""
    try:
        conn.execute("SELECT cos(radians(1.0))").fetchone()
    except sqlite3.OperationalError:
        conn.create_function("cos", 1, math.cos, deterministic=True)
        conn.create_function("radians", 1, math.radians, deterministic=True)


def _check_version(db: Database, path: Path) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    tables = set(db.table_names())
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"{path} was made by a newer version of Doorstep (schema version {version}; "
            f"this version knows up to {SCHEMA_VERSION}). Update Doorstep to open it."
        )
    if tables and "_sqlite_migrations" not in tables:
        raise DatabaseError(f"{path} is a SQLite database but not a Doorstep database")
    if "_sqlite_migrations" in tables:
        known = {m.name for m in migrations._migrations}
        applied = {
            row[0]
            for row in db.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
            )
        }
        unknown = sorted(applied - known)
        if unknown:
            raise DatabaseError(
                f"{path} was made by a newer version of Doorstep (it has migration "
                f"{unknown[0]}, unknown to this version). Update Doorstep to open it."
            )


def _check_kind(db: Database, path: Path, kind: str) -> None:
    row = db.execute("SELECT value FROM meta WHERE key = 'kind'").fetchone()
    if row is None:
        with db.atomic():
            db.execute("INSERT INTO meta (key, value) VALUES ('kind', ?)", [kind])
    elif row[0] != kind:
        raise DatabaseError(
            f"{path} is a {row[0]} database; it cannot be opened as a {kind} database"
        )


def database_kind(db: Database) -> str:
    row = db.execute("SELECT value FROM meta WHERE key = 'kind'").fetchone()
    return str(row[0]) if row else "resident"
