"""Real video files for tests, made with PyAV: several containers, with and without
audio and creation time, plus damaged ones."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from db.synth import make_clip

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
