"""A share package's manifest, sums and signature (db/sharing/packaging.py): what the spec
lists, sha256sum accepting the package and catching tampering, the signature catching
an edited manifest, missing and extra files named, and the zip holding the same.
"""

from __future__ import annotations

import base64
import json
import subprocess
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from db.clips.media import sha256_file
from db.keys.signing import generate_keypair, load_public_key
from db.sharing.package_format import verify_package
from tests.packaging_helpers import KEYS, build, clips, manifest, partials, three_clip_spec

__all__ = ["clips"]  # fixtures, used by name


def test_manifest_holds_what_the_spec_lists(clips: dict[str, Path], tmp_path: Path) -> None:
    spec = three_clip_spec(clips)
    package = build(spec, tmp_path / "pkg")
    names = sorted(p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file())
    assert names == [
        "bag-info.txt",
        "bagit.txt",
        "data/excerpts/back-yard-20261101T060001Z.mp4",
        "data/excerpts/front-door-20261101T060001Z.mp4",
        "data/excerpts/shed-20261101T060001Z.mp4",
        "data/exhibit-summary.pdf",
        "data/exhibit-summary.txt",
        "manifest-sha256.txt",
        "manifest-sha256.txt.sig",
        "manifest.json",
        "manifest.json.sig",
        "public-key.pem",
        "tagmanifest-sha256.txt",
    ]
    m = manifest(package)
    assert m["request"]["id"] == "req-2026-0042"
    assert m["request"]["agency"] == {"id": "spd", "name": "Springfield Police"}
    assert m["request"]["case_number"] == "2026-118830"
    assert m["terms"] == {"retention_days": 90, "third_party_sharing": False}
    assert m["audit_head"] == "ab" * 32
    assert m["signer"]["key_id"] == "resident-1"
    assert m["app"]["version"]
    datetime.fromisoformat(m["created_at"].replace("Z", "+00:00"))
    for entry, ex in zip(m["files"], spec.excerpts, strict=True):
        path = package / entry["name"]
        assert entry["size"] == path.stat().st_size
        assert entry["sha256"] == sha256_file(path)
        assert entry["source"]["sha256"] == ex.source_sha256
        assert entry["camera"] == ex.camera
        assert entry["camera_location"] == {"lat": 39.7817, "lon": -89.6501}
        start = datetime.fromisoformat(entry["start_utc"].replace("Z", "+00:00"))
        assert start == ex.clip_start_utc + timedelta(seconds=entry["trim"]["start_s"])
        assert "identifying tags stripped" in entry["redacted"]
        assert str(ex.source_path) not in json.dumps(m)  # the resident's paths stay home
    assert [f["re_encoded"] for f in m["files"]] == [False, False, True]


def test_sha256sum_accepts_the_package_and_catches_tampering(
    clips: dict[str, Path], tmp_path: Path
) -> None:
    package = build(three_clip_spec(clips), tmp_path / "pkg")
    ok = subprocess.run(
        ["sha256sum", "-c", "manifest-sha256.txt"], cwd=package, capture_output=True
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.count(b": OK") == 5  # three excerpts, the exhibit's text and PDF
    assert verify_package(package, KEYS[1]) == []

    entry = manifest(package)["files"][1]
    video = package / entry["name"]
    data = bytearray(video.read_bytes())
    data[len(data) // 2] ^= 0xFF
    video.write_bytes(bytes(data))
    bad = subprocess.run(
        ["sha256sum", "-c", "manifest-sha256.txt"], cwd=package, capture_output=True
    )
    assert bad.returncode != 0
    assert f"{entry['name']}: FAILED".encode() in bad.stdout
    problems = verify_package(package, KEYS[1])
    assert any(entry["name"] in p and "SHA-256" in p for p in problems)


def test_signature_verifies_and_catches_an_edited_manifest(
    clips: dict[str, Path], tmp_path: Path
) -> None:
    package = build(three_clip_spec(clips), tmp_path / "pkg")
    key = load_pem_public_key(KEYS[1])
    assert isinstance(key, Ed25519PublicKey)  # the kind of key generate_keypair makes
    signature = base64.b64decode((package / "manifest.json.sig").read_bytes())
    key.verify(signature, (package / "manifest.json").read_bytes())
    assert (package / "public-key.pem").read_bytes() == KEYS[1]

    text = (package / "manifest.json").read_text()
    (package / "manifest.json").write_text(text.replace("2026-118830", "2026-118831"))
    with pytest.raises(InvalidSignature):
        key.verify(signature, (package / "manifest.json").read_bytes())
    problems = verify_package(package, KEYS[1])
    assert any("signature does not match" in p for p in problems)


def test_verify_names_missing_extra_files_and_a_wrong_key(
    clips: dict[str, Path], tmp_path: Path
) -> None:
    package = build(three_clip_spec(clips), tmp_path / "pkg")
    assert verify_package(package) == []  # with the package's own key
    assert verify_package(package, load_public_key(KEYS[1])) == []  # raw 32 bytes
    other = generate_keypair()[1]
    problems = verify_package(package, other)
    assert any("signature does not match" in p for p in problems)
    assert any("public-key.pem is not the key given" in p for p in problems)

    first = manifest(package)["files"][0]["name"]
    (package / first).unlink()
    (package / "data" / "excerpts" / "extra.mp4").write_bytes(b"not in the manifest")
    problems = verify_package(package, KEYS[1])
    assert f"{first} is missing" in problems
    assert "data/excerpts/extra.mp4 is not listed in manifest.json (an extra file)" in problems
    (package / "manifest.json.sig").unlink()
    assert "manifest.json.sig is missing" in verify_package(package, KEYS[1])
    assert verify_package(tmp_path / "nothing") == [f"{tmp_path / 'nothing'} does not exist"]


def test_zip_holds_the_same_and_verifies(clips: dict[str, Path], tmp_path: Path) -> None:
    spec = three_clip_spec(clips)
    folder = build(spec, tmp_path / "pkg")
    zipped = build(spec, tmp_path / "pkg.zip", as_zip=True)
    assert zipped == tmp_path / "pkg.zip" and zipped.is_file()
    with zipfile.ZipFile(zipped) as zf:
        names = sorted(zf.namelist())
        zf.extractall(tmp_path / "unzipped")
    expected = sorted(
        "pkg/" + p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
    )
    assert names == expected
    assert verify_package(zipped, KEYS[1]) == []
    ok = subprocess.run(
        ["sha256sum", "-c", "manifest-sha256.txt"],
        cwd=tmp_path / "unzipped" / "pkg",
        capture_output=True,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert partials(tmp_path) == []

    # a changed byte inside the zip is found
    with zipfile.ZipFile(zipped) as zf:
        entries = {n: zf.read(n) for n in zf.namelist()}
    video_name = next(n for n in entries if n.endswith(".mp4"))
    data = bytearray(entries[video_name])
    data[100] ^= 0x01
    entries[video_name] = bytes(data)
    with zipfile.ZipFile(tmp_path / "tampered.zip", "w") as zf:
        for name, content in entries.items():
            zf.writestr(name, content)
    problems = verify_package(tmp_path / "tampered.zip", KEYS[1])
    assert any("SHA-256 does not match" in p for p in problems)
