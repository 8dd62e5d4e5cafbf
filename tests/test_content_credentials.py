"""C2PA content credentials in the excerpts (db/sharing/content_credentials.py): a real
package built with them, read back with c2pa's Reader: valid, signed by the resident
(untrusted but for a receiver who lists the resident's certificate), the actions that
made each excerpt, the original named by its SHA-256; the video plays as before; the
package's sums cover the files as delivered; a changed byte shows."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import av
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from db.clips.media import sha256_file
from db.demo.synth import make_clip
from db.keys import credentials
from db.keys.signing import generate_keypair
from db.redaction.plan import Box, Mask, RedactionPlan, Track
from db.sharing.content_credentials import (
    UNTRUSTED,
    CredentialsError,
    add_credentials,
    make_certificate,
    read_credentials,
)
from db.sharing.package_format import verify_package
from db.sharing.package_spec import ExcerptSpec, PackageError, PackageSpec
from db.sharing.packaging import build_package

T0 = datetime(2026, 11, 1, 6, 0, 0, tzinfo=UTC)
KEYS = generate_keypair()
REQUEST: dict[str, Any] = {
    "id": "req-2026-0042",
    "agency": {"id": "spd", "name": "Springfield Police"},
    "case_number": "2026-118830",
    "window": {"start": "2026-11-01T06:00:02Z", "end": "2026-11-01T06:00:04Z"},
}


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("c2pa-clips")
    return {
        "door": make_clip(root / "door.mp4", seconds=6, gop=12, audio=True, hue=1),
        "yard": make_clip(root / "yard.mp4", seconds=4, gop=12, hue=2),
    }


def excerpts(sources: dict[str, Path]) -> list[ExcerptSpec]:
    """A stream copy with its audio removed, and a redacted (re-encoded) one."""
    box = Track("box-1", "box", [(0.0, Box(10, 10, 40, 40)), (4.0, Box(20, 20, 40, 40))], "drawn")
    plan = RedactionPlan(
        2, 1.0, 3.0, 320, 240, masks=[Mask(7, "Window", ((0, 0), (60, 0), (60, 40)))], tracks=[box]
    )
    door, yard = sources["door"], sources["yard"]
    return [
        ExcerptSpec(
            1, door, sha256_file(door), "Front door", 39.78, -89.65, T0, 6.0,
            T0 + timedelta(seconds=2), T0 + timedelta(seconds=4),
        ),
        ExcerptSpec(
            2, yard, sha256_file(yard), "Yard", 39.78, -89.65, T0, 4.0,
            T0 + timedelta(seconds=1), T0 + timedelta(seconds=3), redaction=plan,
            redaction_accepted=("window", "2026-11-01T11:00:00.000Z"),
        ),
    ]  # fmt: skip


def build(sources: dict[str, Path], out: Path, *, content_credentials: bool = True) -> Path:
    spec = PackageSpec(REQUEST, excerpts(sources), content_credentials=content_credentials)
    return build_package(spec, out, signing_key_pem=KEYS[0], key_id="resident-1")


def files_of(package: Path) -> list[dict[str, Any]]:
    files: list[dict[str, Any]] = json.loads((package / "manifest.json").read_bytes())["files"]
    return files


def packets(path: Path) -> list[bytes]:
    with av.open(str(path)) as c:
        return [bytes(p) for p in c.demux(c.streams.video[0]) if p.size]


def frames(path: Path) -> list[bytes]:
    with av.open(str(path)) as c:
        return [f.to_ndarray(format="yuv420p").tobytes() for f in c.decode(video=0)]


def test_each_excerpt_carries_valid_credentials_listing_what_was_done(
    sources: dict[str, Path], tmp_path: Path
) -> None:
    package = build(sources, tmp_path / "pkg")
    assert verify_package(package) == []  # the sums and manifest cover the files as sent
    door, yard = files_of(package)
    found = read_credentials(package / door["name"])
    assert found["state"] == "Valid"
    assert found["failures"] == [UNTRUSTED]  # the only failure: a self-issued certificate
    assert found["signer"]["alg"] == "Ed25519"
    assert found["signer"]["common_name"] == "Doorstep resident-1"
    names = [a["action"] for a in found["actions"]]
    assert names == [
        "c2pa.opened",
        "c2pa.trimmed",
        "c2pa.deleted",
        "c2pa.edited.metadata",
        "c2pa.repackaged",
    ]
    assert door["content_credentials"]["actions"] == names
    opened, trimmed, deleted = found["actions"][:3]
    original = door["source"]["sha256"]
    assert opened["parameters"]["org.doorstep.original_sha256"] == original
    assert [i["relationship"] for i in found["ingredients"]] == ["parentOf"]
    assert original in found["ingredients"][0]["description"]
    assert trimmed["parameters"]["org.doorstep.start_utc"] == door["start_utc"]
    assert trimmed["parameters"]["org.doorstep.end_utc"] == door["end_utc"]
    assert deleted["description"] == "the audio track was removed"

    found = read_credentials(package / yard["name"])
    assert (found["state"], found["failures"]) == ("Valid", [UNTRUSTED])
    described = {a["action"]: a.get("description") for a in found["actions"]}
    assert (
        described["c2pa.edited"]
        == "pictures redacted: 1 privacy mask, 1 drawn box hidden (pixelate)"
    )
    assert described["c2pa.transcoded"].startswith("re-encoded (H.264): redacted")
    assert "c2pa.deleted" not in described  # no audio in that source: nothing removed
    assert "c2pa.repackaged" not in described


def test_the_video_is_the_same_with_or_without_credentials(
    sources: dict[str, Path], tmp_path: Path
) -> None:
    signed = build(sources, tmp_path / "signed")
    plain = build(sources, tmp_path / "plain", content_credentials=False)
    for a, b in zip(files_of(signed), files_of(plain), strict=True):
        assert a["sha256"] != b["sha256"]  # the credentials are in the file ...
        with av.open(str(signed / a["name"])) as c:  # ... which still probes as mp4
            assert c.streams.video[0].codec_context.name == "h264"
            assert c.duration is not None and c.duration > 0
        if not a["re_encoded"]:  # a stream copy: the very same coded pictures
            assert packets(signed / a["name"]) == packets(plain / b["name"])
        # libx264 on several threads codes the same pictures in slightly different
        # bytes from one run to the next, so a re-encoded excerpt is compared decoded
        assert frames(signed / a["name"]) == frames(plain / b["name"])
        assert "content_credentials" not in b


def test_a_changed_byte_of_the_picture_shows(sources: dict[str, Path], tmp_path: Path) -> None:
    package = build(sources, tmp_path / "pkg")
    path = package / files_of(package)[0]["name"]
    data = bytearray(path.read_bytes())
    at = data.find(b"mdat") + 64
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    found = read_credentials(path)
    assert found["state"] == "Invalid"
    assert "assertion.bmffHash.mismatch" in found["failures"]


def test_a_receiver_who_lists_the_residents_certificate_trusts_it(
    sources: dict[str, Path], tmp_path: Path
) -> None:
    package = build(sources, tmp_path / "pkg")
    cert = credentials.signing_certificate()
    assert cert is not None
    found = read_credentials(package / files_of(package)[0]["name"], trusted=cert)
    assert (found["state"], found["failures"]) == ("Trusted", [])
    other = make_certificate(generate_keypair()[0], "resident-2", now=datetime.now(UTC))
    found = read_credentials(package / files_of(package)[0]["name"], trusted=other)
    assert found["failures"] == [UNTRUSTED]


def test_the_certificate_is_made_once_for_the_key_and_anew_for_a_new_key(
    sources: dict[str, Path], tmp_path: Path
) -> None:
    assert credentials.signing_certificate() is None
    build(sources, tmp_path / "one")
    first = credentials.signing_certificate()
    assert first is not None
    build(sources, tmp_path / "two")
    assert credentials.signing_certificate() == first  # kept beside the key, reused
    cert = x509.load_pem_x509_certificate(first)
    public = serialization.load_pem_public_key(KEYS[1])
    der = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert cert.public_key().public_bytes(*der) == public.public_bytes(*der)
    assert cert.issuer == cert.subject  # issued by the resident
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    ekus = {
        e.dotted_string
        for e in cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    }
    assert ekus == {"1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.36"}
    assert cert.not_valid_after_utc.year == 9999

    other = generate_keypair()
    spec = PackageSpec(REQUEST, excerpts(sources)[:1], content_credentials=True)
    build_package(spec, tmp_path / "three", signing_key_pem=other[0], key_id="resident-2")
    again = credentials.signing_certificate()
    assert again is not None and again != first
    assert x509.load_pem_x509_certificate(again).public_key().public_bytes(
        *der
    ) == serialization.load_pem_public_key(other[1]).public_bytes(*der)


def test_a_certificate_for_another_key_is_refused_and_nothing_is_left(
    sources: dict[str, Path], tmp_path: Path
) -> None:
    clip = sources["yard"]
    wrong = make_certificate(generate_keypair()[0], "resident-2", now=datetime.now(UTC))
    dest = tmp_path / "signed.mp4"
    with pytest.raises(CredentialsError, match="content credentials cannot be added"):
        add_credentials(clip, dest, actions=[], key=KEYS[0], cert_chain_pem=wrong)
    assert not dest.exists()
    with pytest.raises(CredentialsError, match="no content credentials can be read"):
        read_credentials(clip)


def test_a_keyring_that_fails_stops_the_build_in_one_line(
    sources: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring

    class Broken(keyring.backend.KeyringBackend):
        priority = 1

        def get_password(self, service: str, username: str) -> str | None:
            raise keyring.errors.KeyringLocked("the keyring is locked")

        def set_password(self, service: str, username: str, password: str) -> None:
            raise keyring.errors.KeyringLocked("the keyring is locked")

        def delete_password(self, service: str, username: str) -> None:
            raise keyring.errors.KeyringLocked("the keyring is locked")

    keyring.set_keyring(Broken())
    with pytest.raises(PackageError, match=r"^content credentials: cannot read your signing"):
        build(sources, tmp_path / "pkg")
    assert list(tmp_path.iterdir()) == []
