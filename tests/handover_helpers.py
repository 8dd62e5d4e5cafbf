"""A real signed share package (three excerpts cut from real video files) for the
hand-over tests: the portal's zip parts and the encrypted zip."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from db.clips.media import sha256_file
from db.demo.synth import make_clip
from db.keys.signing import generate_keypair
from db.sharing.package_spec import ExcerptSpec, PackageSpec
from db.sharing.packaging import build_package

T0 = datetime(2026, 11, 1, 6, 0, 0, tzinfo=UTC)
REQUEST = {
    "id": "req-2026-0042",
    "agency": {"id": "spd", "name": "Springfield Police"},
    "case_number": "2026-118830",
    "incident": "Parcel theft, Elm Street",
    "retention_days": 90,
    "third_party_sharing": "prosecution",
    "window": {"start": "2026-11-01T06:00:00Z", "end": "2026-11-01T06:00:04Z"},
}
KEYS = generate_keypair()


def build_test_package(root: Path) -> Path:
    """A package folder of three excerpts of different sizes under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    excerpts = []
    for n, (camera, seconds) in enumerate((("Front door", 4), ("Back yard", 3), ("Shed", 2))):
        clip = make_clip(root / f"clip{n}.mp4", seconds=seconds, hue=n + 1, bit_rate=400_000)
        excerpts.append(
            ExcerptSpec(
                clip_id=n + 1,
                source_path=clip,
                source_sha256=sha256_file(clip),
                camera=camera,
                camera_lat=39.78,
                camera_lon=-89.65,
                clip_start_utc=T0,
                clip_duration_s=float(seconds),
                want_start_utc=T0,
                want_end_utc=T0 + timedelta(seconds=seconds),
            )
        )
    spec = PackageSpec(REQUEST, excerpts, audit_head="ab" * 32)
    return build_package(
        spec, root / "doorstep-req-2026-0042", signing_key_pem=KEYS[0], key_id="resident-1"
    )
