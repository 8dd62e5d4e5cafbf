"""ONVIF Media Signing SEI kept in excerpts while every other SEI is removed
(db/sharing/sei_filter.py, excerpt_writer.py): real H.264 and HEVC files with SEI NAL
units written into each access unit, cut by stream copy and by re-encoding."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.clips.media import sha256_file
from db.demo.synth import make_clip
from db.keys.signing import generate_keypair
from db.sharing import sei_filter
from db.sharing.package_spec import ExcerptSpec, PackageSpec
from db.sharing.packaging import build_package
from tests.sei_helpers import ONVIF_UUID, OTHER_UUID, escape, nal_units, sei_message, sei_nal
from tests.sei_helpers import with_sei as write_with_sei

T0 = datetime(2026, 11, 20, 22, 15, 0, tzinfo=UTC)
KEYS = generate_keypair()
REQUEST: dict[str, Any] = {
    "id": "req-sei",
    "agency": {"id": "spd", "name": "Springfield Police"},
    "case_number": "2026-1",
    "incident": "Parcel theft",
    "retention_days": 90,
    "third_party_sharing": False,
    "window": {"start": "2026-11-20T22:15:01Z", "end": "2026-11-20T22:15:03Z"},
}
# A signature with bytes that need emulation prevention (00 00 01, 00 00 00, 00 00 03)
SIGNATURE = ONVIF_UUID + b"\x00\x00\x01signature\x00\x00\x00\x02\x00\x00\x03" + bytes(range(64))
SIGNATURE_2 = ONVIF_UUID + b"second\x00\x00\x02" + bytes(300)  # a size over 255
CAMERA_SERIAL = OTHER_UUID + b"camera serial SN-4471"
T35 = b"\x26\x00\x01camera-name"  # user_data_registered (type 4), unknown country


def injected(codec: str) -> dict[str, bytes]:
    return {
        "signing": sei_nal(codec, sei_message(5, SIGNATURE)),
        "other_uuid": sei_nal(codec, sei_message(5, CAMERA_SERIAL)),
        "other_type": sei_nal(codec, sei_message(4, T35)),
        "mixed": sei_nal(
            codec,
            sei_message(5, CAMERA_SERIAL),
            sei_message(5, SIGNATURE_2),
            sei_message(4, T35),
        ),
    }


def signed_clip(root: Path, codec: str, suffix: str) -> tuple[Path, dict[str, bytes]]:
    """A 4 s clip (a key frame each second) with the four SEI NAL units in every
    access unit."""
    encoder = "libx264" if codec == "h264" else "libx265"
    plain = make_clip(root / f"plain-{codec}{suffix}", seconds=4, codec=encoder, gop=10)
    nals = injected(codec)
    return write_with_sei(plain, root / f"signed-{codec}{suffix}", list(nals.values())), nals


def spec_for(path: Path, start_s: float, end_s: float, **options: Any) -> PackageSpec:
    ex = ExcerptSpec(
        clip_id=1,
        source_path=path,
        source_sha256=sha256_file(path),
        camera="Porch",
        camera_lat=39.78,
        camera_lon=-89.65,
        clip_start_utc=T0,
        clip_duration_s=4.0,
        want_start_utc=T0 + timedelta(seconds=start_s),
        want_end_utc=T0 + timedelta(seconds=end_s),
    )
    return PackageSpec(REQUEST, [ex], **options)


def export(spec: PackageSpec, out: Path) -> tuple[dict[str, Any], Path]:
    package = build_package(spec, out, signing_key_pem=KEYS[0], key_id="resident-1")
    [entry] = json.loads((package / "manifest.json").read_bytes())["files"]
    return entry, package / entry["name"]


@pytest.mark.parametrize(("codec", "suffix"), [("h264", ".mp4"), ("h264", ".ts"), ("hevc", ".mp4")])
def test_stream_copy_keeps_signing_sei_and_nothing_else(
    tmp_path: Path, codec: str, suffix: str
) -> None:
    source, nals = signed_clip(tmp_path, codec, suffix)
    entry, excerpt = export(spec_for(source, 1.5, 3.2), tmp_path / "p")
    assert entry["method"] == "stream copy"
    assert entry["media_signing"] == {"in_source": True, "kept": True}
    assert (
        "embedded encoder and user data removed, but for ONVIF Media Signing" in (entry["redacted"])
    )
    # of the mixed unit only the signing message stays, escaped again
    reduced = sei_nal(codec, sei_message(5, SIGNATURE_2))
    packets = nal_units(excerpt)
    assert len(packets) >= 17  # 1.0 s (the key frame) to 3.2 s at 10 fps
    for nals_of_packet in packets:
        assert nals["signing"] in nals_of_packet  # byte for byte
        assert reduced in nals_of_packet
        for gone in (nals["other_uuid"], nals["other_type"], nals["mixed"]):
            assert gone not in nals_of_packet
    everything = b"".join(n for p in packets for n in p)
    assert OTHER_UUID not in everything and b"camera" not in everything
    assert b"x264" not in everything and b"x265" not in everything


def test_an_excerpt_with_signing_sei_decodes_every_frame(tmp_path: Path) -> None:
    """The excerpt with kept signing SEI still decodes, every frame."""
    import av

    source, _ = signed_clip(tmp_path, "h264", ".mp4")
    _, excerpt = export(spec_for(source, 1.5, 3.2), tmp_path / "p")
    with av.open(str(excerpt)) as c:
        frames = list(c.decode(c.streams.video[0]))
    assert len(frames) == len(nal_units(excerpt))


def test_re_encoding_says_the_signing_is_not_kept(tmp_path: Path) -> None:
    """A re-encoded excerpt has new pictures: the camera's signature cannot hold for
    them, so it is left out, and the manifest says it was there."""
    source, _ = signed_clip(tmp_path, "h264", ".mp4")
    entry, excerpt = export(spec_for(source, 1.5, 3.2, burn_in_utc=True), tmp_path / "p")
    assert entry["re_encoded"] is True
    assert entry["media_signing"] == {"in_source": True, "kept": False}
    assert "embedded encoder and user data removed" in entry["redacted"]
    everything = b"".join(n for p in nal_units(excerpt) for n in p)
    assert ONVIF_UUID not in everything


def test_a_clip_without_signing_says_so(tmp_path: Path) -> None:
    plain = make_clip(tmp_path / "plain.mp4", seconds=4, gop=10)
    entry, _ = export(spec_for(plain, 1.5, 3.2), tmp_path / "p")
    assert entry["media_signing"] == {"in_source": False, "kept": False}
    entry, _ = export(spec_for(plain, 1.5, 3.2, burn_in_utc=True), tmp_path / "q")
    assert entry["media_signing"] == {"in_source": False, "kept": False}


# -- the filter on its own ------------------------------------------------------------
@given(st.binary(max_size=64))
def test_escape_and_unescape_are_inverse(raw: bytes) -> None:
    escaped = sei_filter.escape(raw)
    assert sei_filter.unescape(escaped) == raw
    assert escaped == escape(raw)  # as the test helper, written separately, does it
    for bad in (b"\x00\x00\x00", b"\x00\x00\x01", b"\x00\x00\x02"):
        assert bad not in escaped


def test_unreadable_sei_is_dropped_whole() -> None:
    header = b"\x06"
    signing = sei_message(5, SIGNATURE)
    for broken in (
        header + escape(signing),  # no trailing bits
        header + escape(signing[:-4] + b"\x80"),  # payload longer than the unit
        header + escape(b"\x05\xff\xff\xff" + ONVIF_UUID + b"\x80"),  # size past the end
    ):
        assert sei_filter.signing_only(broken, 1) == (None, False)
    whole = header + escape(signing + b"\x80") + b"\x00\x00"  # padded: still read
    assert sei_filter.signing_only(whole, 1) == (whole, True)
    short = header + escape(sei_message(5, ONVIF_UUID[:8]) + b"\x80")
    assert sei_filter.signing_only(short, 1) == (None, False)
    # the UUID inside another kind of message is no signature
    elsewhere = header + escape(sei_message(4, ONVIF_UUID) + b"\x80")
    assert sei_filter.signing_only(elsewhere, 1) == (None, False)
    # a message type that runs into the trailing bits
    cut = header + escape(sei_message(4, ONVIF_UUID) + b"\xff\x80")
    assert sei_filter.signing_only(cut, 1) == (None, False)
