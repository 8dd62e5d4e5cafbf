"""Migration m012: requests the resident entered from what an agency sent by email,
text, app or letter (docs/requests.md, "Requests you record yourself").

A request's ``source`` may now be ``resident``, and ``received_via`` says how the
resident got it; exactly the resident's requests have one. SQLite cannot alter a
CHECK, and rebuilding the requests table would cascade deletes to its rule results,
decisions, redaction plans and holds (foreign keys are on while migrating, and a
migration runs inside a transaction where that cannot be switched off). A CHECK that
every stored row still meets may instead be widened in the schema text itself, the
procedure SQLite's documentation gives ("Making Other Kinds Of Table Schema Changes"),
as m006 did for clips; every column, index, trigger and foreign key stays as it was.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

OLD_SOURCES = "source TEXT NOT NULL CHECK (source IN ('file', 'feed'))"
NEW_SOURCES = "source TEXT NOT NULL CHECK (source IN ('file', 'feed', 'resident'))"

RECEIVED_VIA = ("email", "text", "app", "letter", "in_person", "phone", "other")

# Added after the source CHECK is widened: SQLite checks a new column's CHECK against
# the rows already stored, none of which is the resident's.
M012 = f"""
ALTER TABLE requests ADD COLUMN received_via TEXT
    CHECK ((source = 'resident') = (received_via IS NOT NULL))
    CHECK (received_via IS NULL OR received_via IN ({", ".join(f"'{v}'" for v in RECEIVED_VIA)}));
"""


def widen_table_check(db: Database, table: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in ``table``'s schema text, in the caller's
    transaction. ``new`` must accept every row ``old`` accepted."""
    row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table])
    text = str(row.fetchone()[0])
    if text.count(old) != 1:
        raise sqlite3.DatabaseError(f"the {table} table is not as the earlier migrations left it")
    version = int(db.execute("PRAGMA schema_version").fetchone()[0])
    # A SQLite built in defensive mode refuses writes to sqlite_master: lift it for
    # this change where Python can (3.12 and later).
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    if defensive is not None and hasattr(db.conn, "setconfig"):
        db.conn.setconfig(defensive, False)
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
            [text.replace(old, new), table],
        )
        db.execute(f"PRAGMA schema_version = {version + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")
