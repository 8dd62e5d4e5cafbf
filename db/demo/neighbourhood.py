"""The demo neighbourhood: cameras around a point and synthetic clips made with PyAV,
in a database of its own (kind ``demo``) so it never mixes with the resident's data."""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from db.clips.cameras import Camera, add_camera, list_cameras
from db.clips.importer import ImportSummary, import_folder
from db.demo.synth import make_clip
from db.store.database import open_database

CENTRE = (47.6062, -122.3321)  # lat, lon
DEMO_CAMERAS = [
    # name, metres north, metres east, heading, fov, range, container
    ("Front porch", 0, 0, 180.0, 110.0, 25.0, "mp4"),
    ("Driveway", 35, -20, 270.0, 90.0, 30.0, "mov"),
    ("Back yard", -40, 10, 0.0, 120.0, 20.0, "mkv"),
    ("Side gate", 10, 45, 90.0, 70.0, 15.0, "mp4"),
    ("Garage", -120, -160, 225.0, 100.0, 35.0, "mkv"),
    ("Corner store", 220, 180, 135.0, 80.0, 40.0, "mp4"),
]
CLIPS_PER_CAMERA = 4


def _offset(lat: float, lon: float, north_m: float, east_m: float) -> tuple[float, float]:
    dlat = north_m / 111_320.0
    dlon = east_m / (111_320.0 * math.cos(math.radians(lat)))
    return round(lat + dlat, 6), round(lon + dlon, 6)


def build_demo(
    db_path: Path,
    media_dir: Path,
    on_progress: Callable[[int, int, str], None] | None = None,
    cancel: threading.Event | None = None,
    now: datetime | None = None,
) -> ImportSummary:
    """Create (or complete) the demo database at ``db_path`` with clips in ``media_dir``."""
    now = (now or datetime.now(UTC)).replace(minute=0, second=0, microsecond=0)
    db = open_database(db_path, kind="demo")
    try:
        return _fill(db, media_dir, now, on_progress, cancel)
    finally:
        db.close()


def _fill(
    db: Database,
    media_dir: Path,
    now: datetime,
    on_progress: Callable[[int, int, str], None] | None,
    cancel: threading.Event | None,
) -> ImportSummary:
    existing = {c.name for c in list_cameras(db)}
    total = len(DEMO_CAMERAS) * CLIPS_PER_CAMERA
    step = 0
    summary = ImportSummary()
    for index, (name, north, east, heading, fov, rng, ext) in enumerate(DEMO_CAMERAS):
        lat, lon = _offset(*CENTRE, north, east)
        if name in existing:
            camera = next(c for c in list_cameras(db) if c.name == name)
        else:
            camera = add_camera(
                db,
                Camera(name, lat, lon, heading, fov, rng, tz="America/Los_Angeles"),
            )
        folder = media_dir / name.lower().replace(" ", "-")
        for k in range(CLIPS_PER_CAMERA):
            if cancel is not None and cancel.is_set():
                summary.cancelled = True
                return summary
            start = now - timedelta(days=k, hours=3 * index + 1)
            target = folder / f"{name.lower().replace(' ', '_')}_{k:02d}.{ext}"
            if not target.exists():
                make_clip(
                    target,
                    seconds=4 + 2 * k,
                    fps=10,
                    width=320,
                    height=240,
                    audio=(k % 2 == 0),
                    creation_time=start,
                    hue=index * 5 + k,
                )
            step += 1
            if on_progress:
                on_progress(step, total, str(target.name))
        summary.merge(import_folder(db, folder, camera, cancel=cancel))
    _add_requests(db, now)
    return summary


def demo_requests(now: datetime) -> list[dict[str, Any]]:
    """Made-up requests around the demo neighbourhood: one that fits the rules and
    covers several cameras, one that asks too much (an area over the limit, no case
    number, unrestricted sharing), and one whose area holds none of the cameras."""
    lat, lon = CENTRE
    window = now - timedelta(hours=7)

    def iso(moment: datetime) -> str:
        return moment.astimezone(UTC).isoformat()

    base = {
        "format": "doorstep.request/1",
        "agency": {
            "id": "demo-pd",
            "name": "Demo City Police Department",
            "jurisdiction": "Demo City",
        },
        "contact": {"name": "Det. Sam Example", "email": "s.example@demo-city.example"},
        "issued_at": iso(now - timedelta(hours=1)),
        "expires_at": iso(now + timedelta(days=14)),
    }
    fits = {
        **base,
        "id": "demo-0001",
        "case_number": "2026-004512",
        "incident": "package theft",
        "description": "A parcel was taken from a porch on this block.",
        "window": {"start": iso(window), "end": iso(now - timedelta(minutes=30))},
        "area": {"type": "Point", "coordinates": [lon, lat], "radius_m": 150},
        "retention_days": 180,
        "third_party_sharing": "prosecution",
        "delivery": {"method": "export"},
    }
    too_much = {
        **base,
        "id": "demo-0002",
        "incident": "suspicious vehicle",
        "description": "Any footage of a dark van in the neighbourhood this week.",
        "window": {"start": iso(now - timedelta(days=5)), "end": iso(now - timedelta(hours=2))},
        "area": {"type": "Point", "coordinates": [lon, lat], "radius_m": 1200},
        "third_party_sharing": "unrestricted",
    }
    d = 0.004
    far_lon, far_lat = lon + 0.03, lat - 0.02
    elsewhere = {
        **base,
        "id": "demo-0003",
        "case_number": "2026-004610",
        "incident": "hit and run",
        "window": {"start": iso(window), "end": iso(window + timedelta(hours=1))},
        "area": {
            "type": "Polygon",
            "coordinates": [
                [
                    [far_lon - d, far_lat - d],
                    [far_lon + d, far_lat - d],
                    [far_lon + d, far_lat + d],
                    [far_lon - d, far_lat + d],
                    [far_lon - d, far_lat - d],
                ]
            ],
        },
        "retention_days": 90,
        "third_party_sharing": "none",
    }
    return [fits, too_much, elsewhere]


def _add_requests(db: Database, now: datetime) -> None:
    from db.requests.intake import receive
    from db.requests.request_doc import parse_request

    for doc in demo_requests(now):
        raw = json.dumps(doc, indent=2).encode()
        if db.execute("SELECT 1 FROM requests WHERE request_id = ?", [doc["id"]]).fetchone():
            continue
        receive(db, parse_request(raw), source="file", now=now)
