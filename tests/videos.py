"""Real video files for tests, made with PyAV: several containers, with and without
audio and creation time, plus damaged ones."""

from __future__ import annotations

import os
import random
import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import cast

from db.demo.synth import make_clip

T0 = datetime(2026, 11, 20, 22, 0, 0, tzinfo=UTC)


@dataclass
class Library:
    root: Path
    good: dict[str, Path] = field(default_factory=dict)  # name -> file
    bad: dict[str, tuple[Path, str]] = field(default_factory=dict)  # name -> (file, reason part)


def make_library(root: Path) -> Library:
    """A camera folder as a resident would have it, subfolders and junk included."""
    lib = Library(root)
    root.mkdir(parents=True, exist_ok=True)
    day = root / "2026-11-20"
    lib.good["mp4_audio"] = make_clip(day / "porch_a.mp4", audio=True, creation_time=T0, hue=1)
    lib.good["mp4_silent"] = make_clip(day / "porch_b.mp4", creation_time=T0, hue=2, seconds=3)
    lib.good["mov_audio"] = make_clip(day / "porch_c.mov", audio=True, creation_time=T0, hue=3)
    lib.good["mkv_silent"] = make_clip(root / "porch_d.mkv", creation_time=T0, hue=4)
    # No creation time: the start comes from the file name (local time of the camera).
    lib.good["named"] = make_clip(root / "RecM01_20261120_141500_clip.mkv", audio=True, hue=5)
    # Neither: the modification time says when the recording ended.
    mtime_clip = make_clip(root / "nameless.mp4", hue=6, seconds=4)
    end = datetime(2026, 11, 20, 23, 0, 4, tzinfo=UTC).timestamp()
    os.utime(mtime_clip, (end, end))
    lib.good["mtime"] = mtime_clip

    junk = root / "junk"
    junk.mkdir()
    (junk / "notes.txt").write_text("camera firmware 1.2\n")
    lib.bad["text"] = (junk / "notes.txt", "not a video file")
    (junk / "empty.mp4").write_bytes(b"")
    lib.bad["empty"] = (junk / "empty.mp4", "empty file")
    (junk / "noise.mp4").write_bytes(os.urandom(20_000))
    lib.bad["corrupt"] = (junk / "noise.mp4", "damaged or incomplete video")
    whole = make_clip(junk / "whole.mp4", seconds=4, audio=True, hue=7)
    data = whole.read_bytes()
    whole.unlink()
    (junk / "cut.mp4").write_bytes(data[: len(data) // 2])
    lib.bad["truncated_mp4"] = (junk / "cut.mp4", "damaged or incomplete video")
    whole_mkv = make_clip(junk / "whole.mkv", seconds=6, hue=8)
    data = whole_mkv.read_bytes()
    whole_mkv.unlink()
    (junk / "cut.mkv").write_bytes(data[: len(data) // 3])
    lib.bad["truncated_mkv"] = (junk / "cut.mkv", "truncated")
    os.symlink(root, junk / "loop")
    lib.bad["dir_loop"] = (junk / "loop", "symlink loop")
    os.symlink(junk / "self.mp4", junk / "self.mp4")
    lib.bad["self_loop"] = (junk / "self.mp4", "symlink loop")
    return lib


def _boxes(data: bytes) -> list[tuple[int, int, bytes]]:
    """The top-level boxes of an MP4 file: (offset, size, type)."""
    out = []
    i = 0
    while i + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[i : i + 8])
        if size == 1:
            size = struct.unpack(">Q", data[i + 8 : i + 16])[0]
        elif size == 0:
            size = len(data) - i
        out.append((i, size, kind))
        i += size
    return out


def empty_moov(source: Path, target: Path) -> Path:
    """A copy of an MP4 whose moov box (the description of its streams) is emptied: an
    8-byte moov, its old contents turned into a free box."""
    data = bytearray(source.read_bytes())
    offset, size, _ = next(b for b in _boxes(bytes(data)) if b[2] == b"moov")
    data[offset : offset + 16] = struct.pack(">I4sI4s", 8, b"moov", size - 8, b"free")
    target.write_bytes(bytes(data))
    return target


def ts_garbage(target: Path, packets: int = 400, seed: int = 13) -> Path:
    """Random bytes cut into MPEG-TS packets: a 0x47 sync byte every 188 bytes."""
    rnd = random.Random(seed)
    target.write_bytes(b"".join(b"\x47" + rnd.randbytes(187) for _ in range(packets)))
    return target


def far_frames(target: Path, gap_s: float) -> Path:
    """A Matroska clip of three frames, the last ``gap_s`` seconds after the others
    (frame times in milliseconds)."""
    import av
    import numpy as np

    with av.open(str(target), "w", format="matroska") as out:
        stream = cast(av.VideoStream, out.add_stream("libx264", rate=10))
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        stream.options = {"preset": "ultrafast", "tune": "zerolatency"}
        stream.time_base = Fraction(1, 1000)
        for i, pts in enumerate((0, 100, int(gap_s * 1000))):
            picture = np.full((48, 64, 3), 60 * i, np.uint8)
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            frame.pts, frame.time_base = pts, Fraction(1, 1000)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return target


def make_damaged(root: Path) -> dict[str, tuple[Path, str]]:
    """Files that once stopped a whole folder's import, each with (a part of) the
    reason it is skipped for."""
    root.mkdir(parents=True, exist_ok=True)
    good = make_clip(root / "source.mp4", seconds=2, hue=11)
    bad = {
        "empty_moov": (empty_moov(good, root / "empty-moov.mp4"), "has no video stream"),
        "ts_garbage": (ts_garbage(root / "garbage.ts"), "cannot be read as video"),
        "gap": (
            far_frames(root / "gap.mkv", 126 * 365.25 * 86400),
            "its frame times span 126 years, more than a day",
        ),
        # Frame times beyond any date: reading them as one stopped the whole import.
        "overflow": (
            far_frames(root / "overflow.mkv", 100_000 * 365.25 * 86400),
            "its frame times span 100,000 years",
        ),
        # A recorder whose clock said year 9999: the clip's end falls after the calendar.
        "far_future": (
            make_clip(
                root / "far-future.mkv",
                seconds=2,
                hue=12,
                metadata={"DATE": "9999-12-31T23:59:59Z"},
            ),
            "its times fall outside the calendar",
        ),
    }
    good.unlink()
    # A name that is not UTF-8 (bytes on Linux): a good clip under it.
    named = os.path.join(os.fsencode(root), b"porch-\xff\xfe.mp4")
    make_clip(root / "latin1.mp4", seconds=2, hue=13).rename(os.fsdecode(named))
    bad["not_utf8"] = (Path(os.fsdecode(named)), "its name is not valid UTF-8 text")
    return bad


def scrambled_picture(target: Path, seconds: float = 3, seed: int = 7) -> Path:
    """A clip whose container is whole (streams, sizes, duration, every packet where it
    belongs) but whose video packets hold random bytes: no picture can be decoded."""
    import av

    source = make_clip(target.with_name(f"source-{target.name}"), seconds=seconds, hue=9)
    rnd = random.Random(seed)
    with av.open(str(source)) as inp, av.open(str(target), "w") as out:
        vin = inp.streams.video[0]
        vout = out.add_stream_from_template(vin)
        for p in inp.demux(vin):
            if p.dts is None:
                continue
            packet = av.Packet(rnd.randbytes(p.size))
            packet.pts, packet.dts, packet.duration = p.pts, p.dts, p.duration
            packet.time_base, packet.is_keyframe = p.time_base, p.is_keyframe
            packet.stream = vout
            out.mux(packet)
    source.unlink()
    return target
