"""A drawn box that follows an object (issue 16): how fast ``follow_box`` follows a
licence plate through a clip at 1080p and 720p, and how well (share of frames whose
plate the box overlaps with IoU >= 0.5), drawn in the middle so that half is followed
forwards and half backwards.

    python bench/track_bench.py [--seconds 10] [--sizes 1080p,720p] [--repeats 1]

The clips (H.264, 25 frames/s, a textured scene with a plate gliding across and growing
by a third) are made once into bench/out/cache. Results go to bench/out/track.json;
docs/BENCHMARKS.md has the table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import CACHE, CpuSteal, write_result
from db.redaction.tracking import TRACK_WIDTH, follow_box
from tests.plate_videos import gliding, iou, make_plate_video

SIZES = {"1080p": (1920, 1080), "720p": (1280, 720)}
FPS = 25


def run(label: str, seconds: float, repeats: int) -> dict[str, Any]:
    width, height = SIZES[label]
    frames = round(seconds * FPS)
    where = gliding(width, height, frames, size=(width // 6, width // 20), grow=1 / 3)
    clip = CACHE / f"track_{label}_{seconds:g}s.mp4"
    truth = make_plate_video(
        clip, where, seconds=seconds, fps=FPS, width=width, height=height, gop=2 * FPS
    )
    at = round(frames / 2) / FPS
    decode_s = decode_only(clip, width, height)
    times = []
    steal = CpuSteal().start()
    load = os.getloadavg()[0]
    for _ in range(repeats):
        started = time.perf_counter()
        track = follow_box(clip, 0.0, seconds, at, where(round(at * FPS)), track_id="bench")
        times.append(time.perf_counter() - started)
    wall = statistics.median(times)
    hits = [iou(track.box_at(t), box) >= 0.5 for t, box in truth]
    half = len(hits) // 2
    return {
        "size": label,
        "frames": len(truth),
        "seconds": wall,
        "frames_per_s": len(truth) / wall,
        "decode_frames_per_s": len(truth) / decode_s,
        "realtime": seconds / wall,
        "covered_forwards": sum(hits[half:]) / len(hits[half:]),
        "covered_backwards": sum(hits[:half]) / len(hits[:half]),
        "keys": len(track.keys),
        "lost_at": track.lost_at,
        "load_before": round(load, 2),
        "load_after": round(os.getloadavg()[0], 2),
        "cpu_steal_pct": steal.stop(),
    }


def decode_only(clip: Path, width: int, height: int) -> float:
    """Seconds to decode the clip and scale it down as the tracker does, nothing else."""
    import av

    scale = TRACK_WIDTH / width
    size = round(width * scale) & ~1, round(height * scale) & ~1
    started = time.perf_counter()
    with av.open(str(clip)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        for frame in container.decode(stream):
            frame.to_ndarray(format="bgr24", width=size[0], height=size[1])
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--sizes", default="1080p,720p")
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    results = [run(label, args.seconds, args.repeats) for label in args.sizes.split(",")]
    write_result("track", {"clip_seconds": args.seconds, "results": results})
    print(
        "| picture | frames | frames/s | × real time | decoding alone, frames/s "
        "| IoU ≥ 0.5 fwd / back | keys | load |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['size']} | {r['frames']} | {r['frames_per_s']:.1f} | {r['realtime']:.2f} "
            f"| {r['decode_frames_per_s']:.0f} "
            f"| {r['covered_forwards']:.0%} / {r['covered_backwards']:.0%} | {r['keys']} "
            f"| {r['load_before']}–{r['load_after']} |"
        )


if __name__ == "__main__":
    main()
