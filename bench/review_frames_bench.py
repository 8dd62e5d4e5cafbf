"""The redaction review's pictures (desktop/review_player.py): milliseconds to decode one
pair of frames (the original and the preview, each turned into an RGB picture 960 wide)
while playing 3 s of a 1080p camera-like clip at 30 frames a second, read forward
(db/redaction/review_frames.py) against a seek for each picture (db.clips.frames, which
the clock dialog uses for single looks). Target: under a frame's 33 ms, so that both
pictures can play in real time.

    .venv/bin/python bench/review_frames_bench.py [--seconds 3]

Writes bench/out/review_frames.json; figures in docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import write_result
from db.clips.frames import FrameReader
from db.demo.synth import make_clip
from db.redaction.review_frames import ForwardReader


def pair_ms(reader: type[ForwardReader] | type[FrameReader], clip: Path, seconds: float) -> float:
    """Milliseconds a pair, playing ``seconds`` frame by frame at 30 frames a second."""
    a, b = reader(clip), reader(clip)
    try:
        n, t = 0, 0.0
        began = time.perf_counter()
        while t < seconds:
            a.frame_at(t)
            b.frame_at(t)
            n += 1
            t += 1 / 30
        return 1000 * (time.perf_counter() - began) / n
    finally:
        a.close()
        b.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        clip = make_clip(
            Path(tmp) / "camera.mp4",
            seconds=args.seconds + 1,
            fps=30,
            width=1920,
            height=1080,
            texture=True,
            bit_rate=4_000_000,
            gop=60,  # a key frame every 2 s, as cameras write them
        )
        forward = pair_ms(ForwardReader, clip, args.seconds)
        seeking = pair_ms(FrameReader, clip, args.seconds)
    load = os.getloadavg()[0]
    print(f"read forward: {forward:.1f} ms a pair; a seek each: {seeking:.1f} ms (load {load:.1f})")
    write_result(
        "review_frames",
        {"forward_ms": round(forward, 1), "seek_each_ms": round(seeking, 1), "load": load},
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
