"""What the audit trail says about the resident's signing key, for the tests that make
one from the command line and from the window."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

# Makes every "credential changed" entry fail, as a full disk would: the entry that
# goes with a new key cannot be written.
REFUSE_ENTRY = (
    "CREATE TRIGGER refuse_credential_entry BEFORE INSERT ON audit_log "
    "WHEN NEW.action = 'credential changed' BEGIN SELECT RAISE(ABORT, 'disk full'); END"
)


def key_entries(path: Path | str) -> list[dict[str, Any]]:
    """The details of every signing-key entry, oldest first."""
    with sqlite3.connect(path) as conn:
        found = [
            json.loads(details)
            for (details,) in conn.execute(
                "SELECT details FROM audit_log WHERE action = 'credential changed' ORDER BY seq"
            )
        ]
    conn.close()
    return [d for d in found if d["kind"] == "signing key"]


def created(key_id: str) -> dict[str, str]:
    """The one entry a new key leaves, whichever path made it."""
    return {"kind": "signing key", "target": key_id, "change": "created"}


def refuse_entries(path: Path | str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(REFUSE_ENTRY)
    conn.close()
