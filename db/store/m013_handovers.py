"""Schema of migration m013_handovers: hand-overs of packages (docs/packages.md,
"Handing a package over").

A request whose agency takes footage through its own web portal, on a USB drive or in
person is answered by a package the resident hands over outside Doorstep; the resident
records it afterwards. One row per package handed over: how (``method``), when
(``handed_at``, as the resident says, never after ``recorded_at``), to whom and a note
when given, and the SHA-256 of the encrypted zip handed over if there was one. The
retention follow-up counts a request's stated retention from ``handed_at``, as it does
from an upload's ``deliveries.delivered_at``. The audit trail keeps each record.
"""

from __future__ import annotations

SQL = """
CREATE TABLE handovers (
    id INTEGER PRIMARY KEY,
    package_id INTEGER NOT NULL UNIQUE REFERENCES packages(id),
    method TEXT NOT NULL CHECK (method IN ('portal', 'usb', 'in_person')),
    handed_at TEXT NOT NULL,
    recipient TEXT,
    note TEXT,
    encrypted_sha256 TEXT CHECK (encrypted_sha256 IS NULL OR length(encrypted_sha256) = 64),
    recorded_at TEXT NOT NULL,
    CHECK (handed_at <= recorded_at)
) STRICT;
"""
