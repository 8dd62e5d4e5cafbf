"""Opening the Doorstep database: pragmas, migrations, version checks.

A connection belongs to the thread that opened it (the GUI keeps one in its database
thread; the command line uses it directly).
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from db.store.migrations import MIGRATION_SET, SCHEMA_VERSION, migrations
from db.store.words import _


class DatabaseError(Exception):
    """A database that cannot be used, with a message meant for the resident."""


# How long a write waits for another writer (a command line, the window) to finish: a
# command that checks every request again holds the lock for a while on a big
# database, and a loaded machine stretches every turn.
BUSY_TIMEOUT_MS = 30_000


class DoorstepDatabase(Database):
    """sqlite-utils' ``Database`` whose write transactions take the write lock when
    they begin.

    A plain (deferred) ``BEGIN`` starts as a reader; its first write must upgrade to the
    write lock, and when another connection has committed since the transaction's
    first read, SQLite refuses the upgrade at once ("database is locked") without
    waiting for the busy timeout: retrying cannot help, the snapshot is stale.
    ``BEGIN IMMEDIATE`` takes the write lock first, waiting its turn up to the busy
    timeout, so concurrent writers (two command lines, the window) queue instead of
    failing. Every write goes through ``atomic()`` (sqlite-utils' table methods use it
    too) or an implicit transaction, which ``isolation_level`` makes IMMEDIATE as well.
    A group of reads that must agree uses ``read_transaction()``, which takes no write
    lock.
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:  # nested: sqlite-utils' savepoint
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise


@contextlib.contextmanager
def read_transaction(db: Database) -> Iterator[Database]:
    """One read transaction: the reads inside see the same state of the database, and
    no write lock is taken (inside a transaction already open, that one serves)."""
    if db.conn.in_transaction:
        yield db
        return
    db.conn.execute("BEGIN DEFERRED")
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    db.conn.execute("COMMIT")


def open_database(path: str | Path, *, kind: str = "resident") -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    ``kind`` is ``resident`` or ``demo``; a demo database is never opened as the
    resident's and the other way round is refused too, so the two never mix.
    """
    path = Path(path)
    _create_private_file(path)
    try:
        conn = sqlite3.connect(str(path), check_same_thread=True, timeout=BUSY_TIMEOUT_MS / 1000)
        # Implicit transactions (a write statement outside atomic()) begin IMMEDIATE too.
        conn.isolation_level = "IMMEDIATE"
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} is not a SQLite database ({exc})") from exc
    try:
        _ensure_math_functions(conn)
        # No sqlite-utils plugins: packages that happen to be installed beside Doorstep do
        # not get to change its connection (looking them up also slowed every start).
        db = DoorstepDatabase(conn, strict=True, execute_plugins=False)
        _check_version(db, path)
        _make_private(path)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Switching to WAL needs the database to itself: only a new file does it.
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        _migrate(db)
        _check_kind(db, path, kind)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(f"cannot open {path}: {exc}") from exc
    except DatabaseError:
        conn.close()
        raise
    return db


def _create_private_file(path: Path) -> None:
    """Create the database file readable by its owner only (SQLite gives its -wal and
    -shm files the same mode); refuse a folder, or a path whose folder does not exist
    (a mistyped ``--db`` creates nothing)."""
    from db.store.fileio import no_folder, reason

    if path.is_dir():
        raise DatabaseError(_("{path} is a folder, not a database file").format(path=path))
    if not path.parent.is_dir():
        why = no_folder(path.parent)
        raise DatabaseError(_("cannot create {path}: {why}").format(path=path, why=why))
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        why = reason(exc)
        if exc.errno == errno.ENOENT:
            why = _("no file can be made in {folder}").format(folder=path.parent)
        raise DatabaseError(_("cannot create {path}: {why}").format(path=path, why=why)) from exc
    os.close(fd)


def _make_private(path: Path) -> None:
    """Take group and others' access away from a database made before its files were
    private (and from its -wal and -shm files)."""
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(OSError):  # not ours to change: leave it as it is
            mode = name.stat().st_mode
            if stat.S_ISREG(mode) and mode & 0o077:
                name.chmod(stat.S_IMODE(mode) & 0o700)


def _migrate(db: Database) -> None:
    """Apply pending migrations holding the write lock, so two processes opening a new
    database at once do not both create its tables."""
    if not migrations.pending(db):
        return
    with db.atomic():
        migrations.apply(db)


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
            db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('kind', ?)", [kind])
            row = db.execute("SELECT value FROM meta WHERE key = 'kind'").fetchone()
    if row[0] != kind:
        raise DatabaseError(
            f"{path} is a {row[0]} database; it cannot be opened as a {kind} database"
        )


def database_kind(db: Database) -> str:
    row = db.execute("SELECT value FROM meta WHERE key = 'kind'").fetchone()
    return str(row[0]) if row else "resident"
