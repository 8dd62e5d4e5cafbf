"""Share packages built from real video files for the tests that check them as their
receiver does (tests/test_package_verify*.py), and the calls they share.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from db.clips.media import sha256_file
from db.demo.synth import make_clip
from db.keys.signing import generate_keypair
from db.sharing.package_format import (
    BAG_SUMS,
)
from db.sharing.package_spec import ExcerptSpec, PackageSpec
from db.sharing.packaging import build_package
from desktop.cli import main

T0 = datetime(2026, 11, 1, 6, 0, 0, tzinfo=UTC)


KEYS = generate_keypair()


REQUEST: dict[str, Any] = {
    "id": "req-2026-0042",
    "agency": {"id": "spd", "name": "Springfield Police"},
    "case_number": "2026-118830",
    "incident": "Parcel theft, Elm Street",
    "retention_days": 90,
    "third_party_sharing": False,
    "window": {"start": "2026-11-01T06:00:01Z", "end": "2026-11-01T06:00:03Z"},
}


def _excerpt(path: Path, camera: str, clip_id: int) -> ExcerptSpec:
    return ExcerptSpec(
        clip_id=clip_id,
        source_path=path,
        source_sha256=sha256_file(path),
        camera=camera,
        camera_lat=39.7817,
        camera_lon=-89.6501,
        clip_start_utc=T0,
        clip_duration_s=4.0,
        want_start_utc=T0 + timedelta(seconds=1),
        want_end_utc=T0 + timedelta(seconds=3),
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One package from two real clips, as a folder and as a zip (tests copy them)."""
    root = tmp_path_factory.mktemp("built")
    clips = [
        make_clip(root / "front.mp4", seconds=4, codec="mpeg4", hue=1),
        make_clip(root / "yard.mp4", seconds=4, codec="mpeg4", hue=3),
    ]
    spec = PackageSpec(
        REQUEST, [_excerpt(clips[0], "Front door", 1), _excerpt(clips[1], "Yard", 2)]
    )
    out = {}
    for name, as_zip in (("pkg", False), ("pkg.zip", True)):
        out[name] = build_package(
            spec, root / name, signing_key_pem=KEYS[0], key_id="resident-1", as_zip=as_zip
        )
    return out


@pytest.fixture
def package(built: dict[str, Path], tmp_path: Path) -> Path:
    return Path(shutil.copytree(built["pkg"], tmp_path / "pkg"))


def manifest(package: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((package / "manifest.json").read_bytes())
    return data


def excerpts(package: Path) -> list[str]:
    return [f["name"] for f in manifest(package)["files"] if f["name"].endswith(".mp4")]


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def bag_valid(package: Path) -> bool:
    import bagit  # type: ignore[import-untyped]

    try:
        return bool(bagit.Bag(str(package)).is_valid())
    except (bagit.BagError, ValueError):  # a bag-info.txt it cannot read
        return False


# -- how a package is tampered with ---------------------------------------------------
def flip_byte(package: Path) -> None:
    path = package / excerpts(package)[0]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def swap(package: Path) -> None:
    a, b = (package / name for name in excerpts(package)[:2])
    a.rename(a.with_name("swap"))
    b.rename(a)
    a.with_name("swap").rename(b)


def rewrite_sums(package: Path) -> None:
    """What someone without the key can do: the payload sums written anew from the
    files there now, as ``sha256sum data/*/* > manifest-sha256.txt`` would."""
    files = (package / "data").rglob("*")
    names = sorted(p.relative_to(package).as_posix() for p in files if p.is_file())
    lines = [f"{sha256_file(package / n)}  {n}\n" for n in names]
    (package / BAG_SUMS).write_text("".join(lines))


def remove_excerpt(package: Path) -> None:
    (package / excerpts(package)[0]).unlink()


def add_extra(package: Path) -> None:
    (package / "data" / "excerpts" / "extra.mp4").write_bytes(b"not in the manifest")
