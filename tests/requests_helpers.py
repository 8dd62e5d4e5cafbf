"""Request documents for tests, built relative to the real clock."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

PORCH = (-122.3321, 47.6062)  # lon, lat


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def window_base() -> datetime:
    """Yesterday at 14:00 UTC."""
    today = datetime.now(UTC).replace(hour=14, minute=0, second=0, microsecond=0)
    return today - timedelta(days=1)


def make_doc(**overrides: Any) -> dict[str, Any]:
    start = window_base()
    now = datetime.now(UTC)
    doc: dict[str, Any] = {
        "format": "doorstep.request/1",
        "id": str(uuid.uuid4()),
        "agency": {
            "id": "ex-pd",
            "name": "Example Police Department",
            "jurisdiction": "Example City",
        },
        "case_number": "2026-004512",
        "incident": "package theft",
        "description": "Parcel taken from a porch between 2 and 4 pm.",
        "contact": {
            "name": "Det. A. Rivera",
            "email": "arivera@example.gov",
            "phone": "+1 555 0100",
        },
        "window": {"start": iso(start), "end": iso(start + timedelta(hours=2))},
        "area": {"type": "Point", "coordinates": list(PORCH), "radius_m": 300},
        "issued_at": iso(now - timedelta(hours=1)),
        "expires_at": iso(now + timedelta(days=14)),
        "retention_days": 365,
        "third_party_sharing": "prosecution",
        "delivery": {"method": "export"},
    }
    for key, value in overrides.items():
        if value is None:
            doc.pop(key, None)
        else:
            doc[key] = value
    return doc


def write_doc(folder: Path, doc: dict[str, Any], name: str | None = None) -> Path:
    path = folder / (name or f"{doc['id']}.json")
    path.write_text(json.dumps(doc, indent=2))
    return path


def insert_clip(db: Any, camera_id: int, start: datetime, seconds: float, name: str) -> int:
    """A clip row for matching tests (matching reads rows, not files)."""
    import hashlib

    end = start + timedelta(seconds=seconds)
    fmt = "%Y-%m-%dT%H:%M:%S.000Z"
    cur = db.execute(
        "INSERT INTO clips (camera_id, path, sha256, size, mtime_ns, start_utc, end_utc, "
        "start_source, duration_s, width, height, codec, has_audio, imported_at) VALUES "
        "(?, ?, ?, 1000, 0, ?, ?, 'container', ?, 640, 360, 'h264', 0, ?)",
        [
            camera_id,
            f"/clips/{name}",
            hashlib.sha256(name.encode()).hexdigest(),
            start.astimezone(UTC).strftime(fmt),
            end.astimezone(UTC).strftime(fmt),
            seconds,
            datetime.now(UTC).strftime(fmt),
        ],
    )
    db.conn.commit()
    return int(cur.lastrowid)
