"""Probing real files made with PyAV, and where a clip's start time comes from."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import av
import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.clips.clip_time import clip_time
from db.clips.media import MediaError, probe, sha256_file, time_from_filename
from db.clips.thumbnail import make_thumbnail
from db.demo.synth import make_clip
from tests.videos import T0

LA = ZoneInfo("America/Los_Angeles")


@pytest.mark.parametrize("ext", ["mp4", "mov", "mkv"])
@pytest.mark.parametrize("audio", [True, False])
def test_probe_reads_what_the_file_holds(tmp_path: Path, ext: str, audio: bool) -> None:
    path = make_clip(
        tmp_path / f"c.{ext}", seconds=3, width=320, height=240, audio=audio, creation_time=T0
    )
    info = probe(path)
    assert info.width == 320 and info.height == 240
    assert info.codec == "h264"
    assert info.has_audio is audio
    assert info.duration_s == pytest.approx(3.0, abs=0.1)
    assert info.creation_time == T0


def test_thumbnail_is_a_jpeg_of_the_picture(tmp_path: Path) -> None:
    path = make_clip(tmp_path / "c.mp4", width=640, height=360, seconds=4)
    jpeg = make_thumbnail(path)
    thumb = tmp_path / "thumb.jpg"
    thumb.write_bytes(jpeg)
    with av.open(str(thumb)) as c:
        frame = next(c.decode(video=0))
    assert (frame.width, frame.height) == (160, 90)


def test_thumbnails_of_clips_probed_in_a_row_are_whole_jpegs_of_each_picture(
    tmp_path: Path,
) -> None:
    # One thread's encoder serves every probe: each thumbnail must still be a JPEG of
    # its own clip, at its own size, the same however many were made before it.
    wide = make_clip(tmp_path / "wide.mp4", width=640, height=360, seconds=2)
    square = make_clip(tmp_path / "square.mkv", width=320, height=240, seconds=2, audio=True)
    first = make_thumbnail(wide)
    sizes = []
    for path in (square, wide, square):
        jpeg = make_thumbnail(path)
        thumb = tmp_path / "thumb.jpg"
        thumb.write_bytes(jpeg)
        with av.open(str(thumb)) as c:
            frames = list(c.decode(video=0))
        assert len(frames) == 1
        sizes.append((frames[0].width, frames[0].height))
    assert sizes == [(160, 120), (160, 90), (160, 120)]
    assert make_thumbnail(wide) == first


@pytest.mark.parametrize("ext", ["mp4", "mov", "mkv"])
def test_textured_clip_codes_at_a_camera_bit_rate(tmp_path: Path, ext: str) -> None:
    rate, seconds = 1_000_000, 2
    flat = make_clip(tmp_path / f"flat.{ext}", seconds=seconds, bit_rate=rate)
    path = make_clip(
        tmp_path / f"c.{ext}", seconds=seconds, bit_rate=rate, texture=True, gop=5, audio=True
    )
    # The flat picture needs almost nothing; the textured one takes the bit rate given.
    assert flat.stat().st_size < 0.2 * rate / 8 * seconds
    assert path.stat().st_size > 0.6 * rate / 8 * seconds
    info = probe(path)
    assert (info.width, info.height, info.codec, info.has_audio) == (320, 240, "h264", True)
    assert info.duration_s == pytest.approx(seconds, abs=0.1)
    with av.open(str(path)) as c:
        keys = [p.is_keyframe for p in c.demux(c.streams.video[0]) if p.size]
    assert keys == [i % 5 == 0 for i in range(len(keys))] and len(keys) == 20


def test_a_file_without_creation_time_has_none(tmp_path: Path) -> None:
    assert probe(make_clip(tmp_path / "c.mp4")).creation_time is None


def test_sha256_matches_hashlib(tmp_path: Path) -> None:
    import hashlib

    data = b"x" * (3 * 1024 * 1024 + 17)
    f = tmp_path / "f.bin"
    f.write_bytes(data)
    assert sha256_file(f) == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "damaged or incomplete video"),
        (b"hello, this is text and not a video" * 10, "damaged or incomplete video"),
    ],
)
def test_unusable_files_raise_with_a_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "x.mp4"
    path.write_bytes(content)
    with pytest.raises(MediaError, match=reason):
        probe(path)


def test_audio_only_file_has_no_video_stream(tmp_path: Path) -> None:
    path = tmp_path / "sound.mka"
    with av.open(str(path), "w", format="matroska") as out:
        stream = out.add_stream("aac", rate=16000)
        frame = av.AudioFrame(format="fltp", layout="mono", samples=1024)
        frame.planes[0].update(b"\0" * frame.planes[0].buffer_size)
        frame.sample_rate = 16000
        frame.pts = 0
        for p in stream.encode(frame):
            out.mux(p)
        for p in stream.encode():
            out.mux(p)
    with pytest.raises(MediaError, match="no video stream"):
        probe(path)


@pytest.mark.parametrize(
    "name",
    [
        "20261120_141500.mp4",
        "RecM01_20261120_141500_0A1B.mp4",
        "ch01_20261120141500.dav",
        "2026-11-20_14-15-00.mkv",
        "Porch 2026-11-20T14:15:00.mov",
        "IMG 2026.11.20 14.15.00.mp4",
    ],
)
def test_recorder_file_names_give_local_time(name: str) -> None:
    assert time_from_filename(name, LA) == datetime(2026, 11, 20, 22, 15, tzinfo=UTC)


@pytest.mark.parametrize("name", ["clip.mp4", "20261340_141500.mp4", "v1234567890123.mp4"])
def test_names_without_a_valid_time_give_none(name: str) -> None:
    assert time_from_filename(name, LA) is None


@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2099, 12, 31)),
    st.sampled_from(["%Y%m%d_%H%M%S", "%Y-%m-%d_%H-%M-%S", "%Y%m%d%H%M%S", "%Y-%m-%dT%H:%M:%S"]),
    st.sampled_from(["", "cam_", "RecS02_"]),
)
def test_any_recorder_timestamp_reads_back(moment: datetime, pattern: str, prefix: str) -> None:
    moment = moment.replace(microsecond=0)
    name = f"{prefix}{moment.strftime(pattern)}.mp4"
    assert time_from_filename(name, ZoneInfo("UTC")) == moment.replace(tzinfo=UTC)


def _start(path: str, ct: datetime | None, mtime: float, duration: float, offset: float = 0):
    found = clip_time(
        path,
        creation_time=ct,
        quicktime=None,
        mtime=mtime,
        duration_s=duration,
        zone=LA,
        clock_offset_s=offset,
    )
    return found.start, found.source


def test_start_prefers_a_recorder_name_then_container_then_mtime() -> None:
    ct = datetime(2026, 11, 20, 22, 15, tzinfo=UTC)
    named = "RecM01_20261120_141500_0A1B.mp4"
    plain = "clip.mp4"
    mtime = datetime(2026, 11, 20, 23, 0, 10, tzinfo=UTC).timestamp()
    assert _start(named, ct, mtime, 10) == (ct, "filename:reolink")
    assert _start(plain, ct, mtime, 10) == (ct, "container")
    # A date and time found by the general pattern ranks below the container.
    assert _start("20261120_141510.mp4", ct, mtime, 10) == (ct, "container")
    # The modification time is when the recorder finished writing: minus the duration.
    assert _start(plain, None, mtime, 10) == (datetime(2026, 11, 20, 23, 0, tzinfo=UTC), "mtime")


def test_clock_offset_is_taken_off() -> None:
    ct = datetime(2026, 11, 20, 22, 0, 30, tzinfo=UTC)
    start, _ = _start("c.mp4", ct, 0, 1, offset=30)
    assert start == datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
    start, _ = _start("c.mp4", ct, 0, 1, offset=-90)
    assert start == datetime(2026, 11, 20, 22, 2, tzinfo=UTC)


def test_the_quick_open_finds_what_ffmpeg_stream_probing_finds(
    library,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """MP4, MOV and Matroska clips, with and without audio, are opened without FFmpeg
    reading and decoding their first seconds; nothing a probe reports may change."""
    from db.clips import media

    quick = {name: media.probe(path) for name, path in library.good.items()}
    monkeypatch.setattr(media, "_FAST_OPTIONS", {})
    monkeypatch.setattr(media, "_FAST_STREAM_OPTIONS", None)
    full = {name: media.probe(path) for name, path in library.good.items()}
    assert quick == full
    assert {p.has_audio for p in full.values()} == {True, False}
