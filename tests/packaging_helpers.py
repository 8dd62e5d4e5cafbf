"""Real clips (made with make_clip) and the calls the share package tests share
(tests/test_packaging*.py): cut an excerpt, build a package, read its manifest.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import av
import pytest

from db.clips.media import sha256_file
from db.demo.synth import make_clip
from db.keys.signing import generate_keypair
from db.sharing.package_partials import PARTIAL_PREFIX
from db.sharing.package_spec import (
    ExcerptSpec,
    PackageSpec,
)
from db.sharing.packaging import build_package

T0 = datetime(2026, 11, 1, 6, 0, 0, tzinfo=UTC)


FPS = 10


IDENTIFYING = {
    "com.apple.quicktime.location.ISO6709": "+47.6+122.3/",
    "make": "ACME",
    "model": "Cam 2000",
    "serial": "SN123",
    "title": "Smith family porch",
}


REQUEST: dict[str, Any] = {
    "id": "req-2026-0042",
    "agency": {"id": "spd", "name": "Springfield Police"},
    "case_number": "2026-118830",
    "incident": "Parcel theft, Elm Street",
    "retention_days": 90,
    "third_party_sharing": False,
    "window": {"start": "2026-11-01T06:00:02Z", "end": "2026-11-01T06:00:04Z"},
}


KEYS = generate_keypair()


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Short 320x240 test clips, made once for the module (tests never change them)."""
    root = tmp_path_factory.mktemp("clips")
    return {
        # mpeg4 puts a key frame every 1.2 s: cuts show the key frame rule
        "mp4": make_clip(root / "front.mp4", seconds=6, codec="mpeg4", audio=True, hue=1),
        "mov": make_clip(root / "drive.mov", seconds=6, codec="mpeg4", hue=2),
        "mkv": make_clip(root / "yard.mkv", seconds=6, codec="mpeg4", hue=3),
        "h264": make_clip(root / "lane.mp4", seconds=6, gop=12, hue=12),
        # MPEG-TS: timestamps start at 1.4 s, and seeking is imprecise
        "ts": make_clip(root / "street.ts", seconds=6, codec="mpeg4", hue=10),
        # libx264 (one key frame at the start), with identifying tags and audio
        "tagged": make_clip(root / "porch.mp4", seconds=4, audio=True, metadata=IDENTIFYING, hue=4),
        "tagged_mkv": make_clip(root / "porch.mkv", seconds=4, metadata=IDENTIFYING, hue=5),
        "tagged_mov": make_clip(root / "porch.mov", seconds=4, metadata=IDENTIFYING, hue=6),
        "tagged_ts": make_clip(root / "porch.ts", seconds=4, metadata=IDENTIFYING, hue=13),
        "tagged_hevc": make_clip(
            root / "porch-hevc.mkv", seconds=4, codec="libx265", metadata=IDENTIFYING, hue=11
        ),
        "long_h264": make_clip(root / "gate.mp4", seconds=12, hue=7),
        "raw": make_clip(root / "shed.mkv", seconds=4, codec="rawvideo", audio=True, hue=8),
        "raw_avi": make_clip(root / "shed.avi", seconds=4, codec="rawvideo", hue=9),
    }


def excerpt(
    path: Path,
    start_s: float,
    end_s: float,
    *,
    clip_id: int = 1,
    camera: str = "Front door",
    seconds: float = 6.0,
) -> ExcerptSpec:
    return ExcerptSpec(
        clip_id=clip_id,
        source_path=path,
        source_sha256=sha256_file(path),
        camera=camera,
        camera_lat=39.7817,
        camera_lon=-89.6501,
        clip_start_utc=T0,
        clip_duration_s=seconds,
        want_start_utc=T0 + timedelta(seconds=start_s),
        want_end_utc=T0 + timedelta(seconds=end_s),
    )


def build(spec: PackageSpec, out: Path, **kwargs: Any) -> Path:
    return build_package(spec, out, signing_key_pem=KEYS[0], key_id="resident-1", **kwargs)


def manifest(package: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((package / "manifest.json").read_bytes())
    return data


def only_file(package: Path) -> tuple[dict[str, Any], Path]:
    files = manifest(package)["files"]
    assert len(files) == 1
    return files[0], package / files[0]["name"]


def video_frames(path: Path) -> list[float]:
    """Presentation times (s) of every decoded video frame."""
    with av.open(str(path)) as c:
        return [float(f.time) for f in c.decode(c.streams.video[0]) if f.time is not None]


def partials(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(PARTIAL_PREFIX)]


# -- the package ----------------------------------------------------------------------
def three_clip_spec(clips: dict[str, Path], **kwargs: Any) -> PackageSpec:
    return PackageSpec(
        REQUEST,
        [
            excerpt(clips["mp4"], 2.0, 4.0, clip_id=11, camera="Front door"),
            excerpt(clips["mkv"], 2.0, 4.0, clip_id=12, camera="Back yard"),
            excerpt(clips["raw"], 1.0, 3.0, clip_id=13, camera="Shed", seconds=4),
        ],
        audit_head="ab" * 32,
        **kwargs,
    )
