"""Share packages (db/sharing/packaging.py) built from real video files made with make_clip."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import threading
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import av
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from db.clips.media import sha256_file
from db.demo.synth import make_clip
from db.keys.signing import generate_keypair, load_public_key
from db.sharing.excerpt_cut import MAX_COPY_LEAD_S
from db.sharing.package_format import verify_package
from db.sharing.package_partials import PARTIAL_PREFIX
from db.sharing.package_spec import (
    ExcerptSpec,
    PackageCancelled,
    PackageError,
    PackageSpec,
    ReceiverLimits,
    check_limits,
)
from db.sharing.packaging import build_package

T0 = datetime(2026, 11, 1, 6, 0, 0, tzinfo=UTC)
FPS = 10
GOP_S = 1.2  # mpeg4's default: a key frame every 12 frames
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


# -- cutting --------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["mp4", "mov", "mkv", "ts", "h264"])
def test_stream_copy_starts_at_the_key_frame_and_covers_the_request(
    clips: dict[str, Path], tmp_path: Path, kind: str
) -> None:
    want_a, want_b = 2.5, 4.2
    package = build(PackageSpec(REQUEST, [excerpt(clips[kind], want_a, want_b)]), tmp_path / "p")
    entry, video = only_file(package)
    assert entry["re_encoded"] is False and entry["method"] == "stream copy"
    start, end = entry["trim"]["start_s"], entry["trim"]["end_s"]
    assert want_a - GOP_S - 1e-6 <= start <= want_a  # from the key frame before
    assert start == pytest.approx(2.4)
    assert end >= want_b
    times = video_frames(video)
    assert times[0] == pytest.approx(0.0, abs=1e-3)
    # every frame from the key frame to the requested end, nothing missing
    assert times[-1] + 1 / FPS >= want_b - start - 1e-6
    assert len(times) == round((end - start) * FPS)
    assert entry["start_utc"] == "2026-11-01T06:00:02.400Z"
    assert entry["requested"] == {
        "start_utc": "2026-11-01T06:00:02.500Z",
        "end_utc": "2026-11-01T06:00:04.200Z",
    }
    assert entry["covers_request"] is True
    with av.open(str(video)) as c:
        assert c.streams.video[0].codec_context.name == ("h264" if kind == "h264" else "mpeg4")
        assert c.format.name.startswith("mov,mp4")


def test_a_cut_on_a_key_frame_starts_there(clips: dict[str, Path], tmp_path: Path) -> None:
    package = build(PackageSpec(REQUEST, [excerpt(clips["mp4"], 3.6, 4.0)]), tmp_path / "p")
    entry, video = only_file(package)
    assert entry["trim"]["start_s"] == pytest.approx(3.6)
    assert entry["trim"]["end_s"] == pytest.approx(4.0)
    assert len(video_frames(video)) == 4


def test_a_cut_to_the_clip_end(clips: dict[str, Path], tmp_path: Path) -> None:
    package = build(PackageSpec(REQUEST, [excerpt(clips["mkv"], 5.0, 9.0)]), tmp_path / "p")
    entry, video = only_file(package)
    assert entry["trim"] == {"start_s": 4.8, "end_s": 6.0}
    assert entry["requested"]["end_utc"] == "2026-11-01T06:00:06.000Z"  # clamped to the clip
    assert len(video_frames(video)) == 12


def test_a_distant_key_frame_means_re_encoding(clips: dict[str, Path], tmp_path: Path) -> None:
    """libx264's only key frame is at 0 s; a cut from 11 s would carry 11 s too many."""
    assert MAX_COPY_LEAD_S < 11
    spec = PackageSpec(REQUEST, [excerpt(clips["long_h264"], 11.0, 12.0, seconds=12)])
    entry, video = only_file(build(spec, tmp_path / "p"))
    assert entry["re_encoded"] is True
    assert "key frame" in entry["re_encode_reason"]
    assert entry["trim"]["start_s"] == pytest.approx(11.0)
    times = video_frames(video)
    assert len(times) == 10
    assert times[-1] + 1 / FPS == pytest.approx(1.0)


def test_a_near_key_frame_is_copied(clips: dict[str, Path], tmp_path: Path) -> None:
    spec = PackageSpec(REQUEST, [excerpt(clips["long_h264"], 5.0, 6.0, seconds=12)])
    entry, video = only_file(build(spec, tmp_path / "p"))
    assert entry["re_encoded"] is False
    assert entry["trim"] == {"start_s": 0.0, "end_s": 6.0}
    assert len(video_frames(video)) == 60


@pytest.mark.parametrize("kind", ["raw", "raw_avi"])
def test_raw_video_is_re_encoded(clips: dict[str, Path], tmp_path: Path, kind: str) -> None:
    spec = PackageSpec(REQUEST, [excerpt(clips[kind], 1.25, 2.5, seconds=4)])
    entry, video = only_file(build(spec, tmp_path / "p"))
    assert entry["re_encoded"] is True
    assert entry["method"] == "re-encoded (H.264)"
    assert "rawvideo" in entry["re_encode_reason"]
    # the frame showing 1.25 s is the one at 1.2 s; frames up to the one before 2.5 s
    assert entry["trim"] == {"start_s": 1.2, "end_s": 2.5}
    with av.open(str(video)) as c:
        assert c.streams.video[0].codec_context.name == "h264"
        assert not c.streams.audio
    assert len(video_frames(video)) == 13


def test_re_encoded_excerpt_keeps_audio_when_asked(clips: dict[str, Path], tmp_path: Path) -> None:
    spec = PackageSpec(REQUEST, [excerpt(clips["raw"], 1.0, 3.0, seconds=4)], keep_audio=True)
    entry, video = only_file(build(spec, tmp_path / "p"))
    assert entry["re_encoded"] is True and entry["audio"] == "kept"
    with av.open(str(video)) as c:
        (audio,) = c.streams.audio
        assert audio.codec_context.name == "aac"
        assert audio.duration is not None and audio.time_base is not None
        assert float(audio.duration * audio.time_base) == pytest.approx(2.0, abs=0.15)


# -- redaction ------------------------------------------------------------------------
def test_audio_is_removed_by_default(clips: dict[str, Path], tmp_path: Path) -> None:
    entry, video = only_file(
        build(PackageSpec(REQUEST, [excerpt(clips["mp4"], 1.0, 3.0)]), tmp_path / "p")
    )
    with av.open(str(video)) as c:
        assert not c.streams.audio
    assert entry["audio"] == "removed"
    assert "audio removed" in entry["redacted"]


def test_audio_is_kept_when_asked(clips: dict[str, Path], tmp_path: Path) -> None:
    spec = PackageSpec(REQUEST, [excerpt(clips["mp4"], 1.5, 3.0)], keep_audio=True)
    entry, video = only_file(build(spec, tmp_path / "p"))
    assert entry["audio"] == "kept"
    assert entry["trim"] == {"start_s": 1.2, "end_s": 3.0}
    assert "audio removed" not in entry["redacted"]
    with av.open(str(video)) as c:
        (audio,) = c.streams.audio
        assert audio.codec_context.name == "aac"
        assert audio.duration is not None and audio.time_base is not None
        seconds = float(audio.duration * audio.time_base)
    # audio from the key frame (1.2 s) to the requested end, give or take a packet
    assert seconds == pytest.approx(3.0 - 1.2, abs=0.15)


@pytest.mark.parametrize("kind", ["tagged", "tagged_mkv", "tagged_mov", "tagged_ts", "tagged_hevc"])
@pytest.mark.parametrize("subtitles", [False, True])
def test_identifying_tags_are_gone(
    clips: dict[str, Path], tmp_path: Path, kind: str, subtitles: bool
) -> None:
    source = clips[kind]
    assert b"Smith family porch" in source.read_bytes()
    assert b" - H.265/HEVC codec" in source.read_bytes() or b"x264 - core" in source.read_bytes()
    spec = PackageSpec(
        REQUEST,
        [excerpt(source, 0.5, 2.0, seconds=4)],
        keep_audio=True,
        utc_subtitles=subtitles,
    )
    entry, video = only_file(build(spec, tmp_path / "p"))
    assert "identifying tags stripped" in entry["redacted"]
    data = video.read_bytes()
    needles = [*IDENTIFYING.values(), "Smith", "ACME", "SN123", "+47.6", "x264", "x265", "Lavc"]
    needles.append("Lavf")
    for needle in needles:
        assert needle.encode() not in data, needle
    with av.open(str(video)) as c:
        values = " ".join([*c.metadata.keys(), *c.metadata.values()])
        for stream in c.streams:
            values += " ".join([*stream.metadata.keys(), *stream.metadata.values()])
        assert set(c.metadata) <= {
            "major_brand",
            "minor_version",
            "compatible_brands",
            "creation_time",
        }
        assert c.metadata["creation_time"].startswith("2026-11-01T06:00:00")
        decoded = sum(1 for _ in c.decode(c.streams.video[0]))
    for needle in needles:
        assert needle not in values, needle
    # the stripped stream still decodes, frame for frame (B-frames: a frame or two past
    # the requested end can come along, and the manifest says so)
    assert entry["trim"]["end_s"] >= 2.0
    assert decoded == round((entry["trim"]["end_s"] - entry["trim"]["start_s"]) * FPS)


def test_mpeg4_user_data_is_removed(clips: dict[str, Path], tmp_path: Path) -> None:
    assert b"Lavc" in clips["mp4"].read_bytes()
    _, video = only_file(
        build(PackageSpec(REQUEST, [excerpt(clips["mp4"], 0.0, 2.0)]), tmp_path / "p")
    )
    assert b"Lavc" not in video.read_bytes()
    assert len(video_frames(video)) == 20


def test_originals_are_never_changed(clips: dict[str, Path], tmp_path: Path) -> None:
    sources = [clips["mp4"], clips["raw"], clips["tagged"]]
    before = [(sha256_file(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sources]
    spec = PackageSpec(
        REQUEST,
        [excerpt(p, 1.0, 2.0, clip_id=i, seconds=4) for i, p in enumerate(sources)],
        keep_audio=True,
        utc_subtitles=True,
    )
    build(spec, tmp_path / "p")
    build(spec, tmp_path / "p.zip", as_zip=True)
    after = [(sha256_file(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sources]
    assert after == before


def test_utc_subtitles_one_cue_a_second(clips: dict[str, Path], tmp_path: Path) -> None:
    spec = PackageSpec(REQUEST, [excerpt(clips["mp4"], 2.5, 4.2)], utc_subtitles=True)
    entry, video = only_file(build(spec, tmp_path / "p"))
    assert entry["utc_subtitles"] is True
    cues = []
    with av.open(str(video)) as c:
        (sub,) = c.streams.subtitles
        assert sub.codec_context.name == "mov_text"
        assert sub.time_base is not None
        for packet in c.demux(sub):
            if packet.size > 2 and packet.pts is not None:
                text = bytes(packet)[2:].decode()
                cues.append((float(packet.pts * sub.time_base), text))
    # the excerpt runs from 06:00:02.4 (the key frame) to 06:00:04.3
    assert cues == [
        (0.0, "2026-11-01 06:00:02 UTC"),
        (pytest.approx(0.6), "2026-11-01 06:00:03 UTC"),
        (pytest.approx(1.6), "2026-11-01 06:00:04 UTC"),
    ]


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


# -- limits ---------------------------------------------------------------------------
def test_limits_in_words(clips: dict[str, Path], tmp_path: Path) -> None:
    one = excerpt(clips["mp4"], 1.0, 2.0)
    size = clips["mp4"].stat().st_size
    assert check_limits(PackageSpec(REQUEST, [one] * 16)) == []
    assert check_limits(PackageSpec(REQUEST, [one] * 17)) == [
        "17 excerpts; the receiver accepts at most 16 a package"
    ]
    tight = ReceiverLimits(max_files=16, max_file_bytes=1_000_000, max_total_bytes=10_000_000)
    problems = check_limits(PackageSpec(REQUEST, [one], limits=tight))
    assert problems == [
        "clip 1 (Front door, 2026-11-01T06:00:00.000Z): excerpt of about 1 MB; the receiver "
        "accepts at most 1 MB a file"
    ]
    total = ReceiverLimits(max_files=16, max_file_bytes=2_000_000, max_total_bytes=3_000_000)
    problems = check_limits(PackageSpec(REQUEST, [one, one, one], limits=total))
    assert problems == ["about 3 MB in all; the receiver accepts at most 3 MB a package"]
    # the estimate grows with the share of the clip asked for
    whole = excerpt(clips["mp4"], 0.0, 6.0)
    small = ReceiverLimits(max_file_bytes=1_000_000 + size // 2)
    assert check_limits(PackageSpec(REQUEST, [one], limits=small)) == []
    assert len(check_limits(PackageSpec(REQUEST, [whole], limits=small))) == 1

    with pytest.raises(PackageError, match="17 excerpts; the receiver accepts at most 16"):
        build(PackageSpec(REQUEST, [one] * 17), tmp_path / "p")
    assert list(tmp_path.iterdir()) == []


def test_limits_name_an_unreadable_source(tmp_path: Path, clips: dict[str, Path]) -> None:
    gone = replace(excerpt(clips["mp4"], 1.0, 2.0, clip_id=7), source_path=tmp_path / "gone.mp4")
    (problem,) = check_limits(PackageSpec(REQUEST, [gone]))
    label = "clip 7 (Front door, 2026-11-01T06:00:00.000Z)"
    assert problem == f"{label}: source file missing: {tmp_path / 'gone.mp4'}"
    folder = replace(gone, source_path=tmp_path)
    (problem,) = check_limits(PackageSpec(REQUEST, [folder]))
    assert problem.startswith("clip 7 (Front door") and "source is not a file" in problem


# -- failures -------------------------------------------------------------------------
def test_cancel_leaves_nothing(clips: dict[str, Path], tmp_path: Path) -> None:
    cancel = threading.Event()
    calls: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, what: str) -> None:
        calls.append((done, total, what))
        if ("cutting" in what and done > 0) or "excerpt 2" in what:
            cancel.set()

    out = tmp_path / "out"
    out.mkdir()
    for target, as_zip in ((out / "pkg", False), (out / "pkg.zip", True)):
        cancel.clear()
        with pytest.raises(PackageCancelled):
            build(three_clip_spec(clips), target, progress=progress, cancel=cancel, as_zip=as_zip)
        assert list(out.iterdir()) == []
    cancel.set()
    with pytest.raises(PackageCancelled):
        build(three_clip_spec(clips), out / "pkg", cancel=cancel)
    assert list(out.iterdir()) == []


def test_progress_runs_to_the_total(clips: dict[str, Path], tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    build(three_clip_spec(clips), tmp_path / "p", progress=lambda *a: calls.append(a))
    totals = {total for _, total, _ in calls}
    assert totals == {6000}  # milliseconds of footage asked for
    done = [d for d, _, _ in calls]
    assert done == sorted(done)
    assert calls[-1] == (6000, 6000, "done")


def test_an_existing_target_is_refused(clips: dict[str, Path], tmp_path: Path) -> None:
    spec = PackageSpec(REQUEST, [excerpt(clips["mp4"], 1.0, 2.0)])
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "keep.txt").write_text("mine")
    (tmp_path / "file.zip").write_bytes(b"mine")
    for target, as_zip in ((tmp_path / "folder", False), (tmp_path / "file.zip", True)):
        with pytest.raises(PackageError, match="already exists; not replacing it"):
            build(spec, target, as_zip=as_zip)
    assert (tmp_path / "folder" / "keep.txt").read_text() == "mine"
    assert (tmp_path / "file.zip").read_bytes() == b"mine"
    assert partials(tmp_path) == []


def test_a_missing_source_is_named(clips: dict[str, Path], tmp_path: Path) -> None:
    source = tmp_path / "clip.mp4"
    shutil.copyfile(clips["mp4"], source)
    ex = excerpt(source, 1.0, 2.0, clip_id=7, camera="Garage")
    source.unlink()
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(PackageError, match=r"^clip 7 \(Garage, .*source file missing: /"):
        build(PackageSpec(REQUEST, [ex]), out / "p")
    assert list(out.iterdir()) == []


def test_a_corrupt_source_is_named(clips: dict[str, Path], tmp_path: Path) -> None:
    corrupt = tmp_path / "broken.mp4"
    corrupt.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40)
    out = tmp_path / "out"
    out.mkdir()
    good = excerpt(clips["mp4"], 1.0, 2.0, clip_id=1)
    bad = excerpt(corrupt, 1.0, 2.0, clip_id=9, camera="Garage")
    with pytest.raises(PackageError, match=r"^clip 9 \(Garage, .*cannot be read as video"):
        build(PackageSpec(REQUEST, [good, bad]), out / "p")
    assert list(out.iterdir()) == []


def test_a_truncated_source_is_named(clips: dict[str, Path], tmp_path: Path) -> None:
    truncated = tmp_path / "cut.mp4"
    truncated.write_bytes(clips["mp4"].read_bytes()[:3000])  # the header lives at the end
    ex = excerpt(truncated, 1.0, 2.0, clip_id=5)
    with pytest.raises(PackageError, match=r"^clip 5 \(Front door"):
        build(PackageSpec(REQUEST, [ex]), tmp_path / "p")
    assert partials(tmp_path) == [] and not (tmp_path / "p").exists()


def test_a_changed_source_is_refused(clips: dict[str, Path], tmp_path: Path) -> None:
    ex = replace(excerpt(clips["mp4"], 1.0, 2.0, clip_id=3), source_sha256="0" * 64)
    with pytest.raises(PackageError, match=r"^clip 3 .*changed since it was imported"):
        build(PackageSpec(REQUEST, [ex]), tmp_path / "p")
    # unless the caller has just checked it
    build(PackageSpec(REQUEST, [ex]), tmp_path / "p", verify_sources=False)


def test_bad_specs(clips: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="no excerpts"):
        build(PackageSpec(REQUEST, []), tmp_path / "p")
    outside = excerpt(clips["mp4"], 7.0, 8.0, clip_id=4)
    with pytest.raises(PackageError, match=r"clip 4 .*does not overlap the clip"):
        build(PackageSpec(REQUEST, [outside]), tmp_path / "p")
    with pytest.raises(PackageError, match="private key"):
        build_package(
            PackageSpec(REQUEST, [excerpt(clips["mp4"], 1.0, 2.0)]),
            tmp_path / "p",
            signing_key_pem=KEYS[1],
            key_id="k",
        )
    assert list(tmp_path.iterdir()) == []


def test_same_camera_and_start_get_numbered_names(clips: dict[str, Path], tmp_path: Path) -> None:
    one = excerpt(clips["mp4"], 1.0, 2.0)
    package = build(PackageSpec(REQUEST, [one, one]), tmp_path / "p")
    names = [f["name"] for f in manifest(package)["files"]]
    assert names == [
        "data/excerpts/front-door-20261101T060000Z.mp4",
        "data/excerpts/front-door-20261101T060000Z-2.mp4",
    ]
    assert (
        hashlib.sha256((package / names[0]).read_bytes()).hexdigest()
        == manifest(package)["files"][1]["sha256"]
    )
    assert verify_package(package, KEYS[1]) == []


def test_a_source_shorter_than_its_record_is_said_so(
    clips: dict[str, Path], tmp_path: Path
) -> None:
    short = tmp_path / "short.mkv"
    data = clips["mkv"].read_bytes()
    short.write_bytes(data[: len(data) * 6 // 10])  # Matroska plays without its end
    entry, video = only_file(
        build(PackageSpec(REQUEST, [excerpt(short, 2.0, 5.5)]), tmp_path / "p")
    )
    assert entry["covers_request"] is False
    assert 2.0 < entry["trim"]["end_s"] < 5.5
    assert len(video_frames(video)) == round((entry["trim"]["end_s"] - 1.2) * FPS)
