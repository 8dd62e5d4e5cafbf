"""Share packages (db/sharing/packaging.py) built from real video files made with make_clip:
how an excerpt is cut (stream copy from a key frame, or re-encoded), its audio, the
identifying tags removed, the originals never changed, and the UTC subtitles.
"""

from __future__ import annotations

from pathlib import Path

import av
import pytest

from db.clips.media import sha256_file
from db.sharing.excerpt_cut import MAX_COPY_LEAD_S
from db.sharing.package_spec import (
    PackageSpec,
)
from tests.packaging_helpers import (
    FPS,
    IDENTIFYING,
    REQUEST,
    build,
    clips,
    excerpt,
    only_file,
    video_frames,
)

__all__ = ["clips"]  # fixtures, used by name


GOP_S = 1.2  # mpeg4's default: a key frame every 12 frames


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
