"""The redaction renderer alone (db/redaction/render.py): milliseconds per 1080p frame to
hide four moving faces and two privacy masks, pixelated and filled, against the cost of
the frame copy it makes (to numpy and back), on a picture built from scikit-image's
astronaut photograph. Detection and encoding are measured elsewhere (docs/BENCHMARKS.md).

    .venv/bin/python bench/redaction_render_bench.py [--frames 300] [--width 1920 --height 1080]

Writes bench/out/redaction_render.json; method and figures in docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import machine, median, source_state, write_result
from db.redaction.plan import Box, Mask, RedactionPlan, Track
from db.redaction.render import Redactor


def frame_of(width: int, height: int) -> object:
    import av
    import numpy as np
    from PIL import Image
    from skimage import data

    photo = Image.fromarray(data.astronaut()).resize((height, height))
    picture = np.zeros((height, width, 3), np.uint8)
    for x in range(0, width, height):
        part = np.asarray(photo)[:, : min(height, width - x)]
        picture[:, x : x + part.shape[1]] = part
    return av.VideoFrame.from_ndarray(picture, format="rgb24").reformat(format="yuv420p")


def plan_of(width: int, height: int, style: str) -> RedactionPlan:
    s = height / 1080
    faces = [
        Track(
            f"face-{i}",
            "face",
            [
                (
                    0.0,
                    Box(round((100 + 420 * i) * s), round(200 * s), round(180 * s), round(220 * s)),
                ),
                (
                    10.0,
                    Box(round((160 + 420 * i) * s), round(260 * s), round(220 * s), round(260 * s)),
                ),
            ],
            "bench",
        )
        for i in range(4)
    ]
    window = Mask(
        1,
        "window",
        tuple(
            (round(x * s), round(y * s))
            for x, y in ((1500, 50), (1900, 80), (1880, 500), (1450, 450))
        ),
    )
    door = Mask(
        2,
        "play area",
        tuple(
            (round(x * s), round(y * s)) for x, y in ((0, 600), (400, 600), (400, 1079), (0, 1079))
        ),
    )
    return RedactionPlan(1, 0.0, 10.0, width, height, [window, door], faces, style)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--width", type=int, default=1920)
    parser.add_argument("--height", type=int, default=1080)
    args = parser.parse_args()
    import av

    frame = frame_of(args.width, args.height)
    result: dict[str, object] = {"machine": machine(), "source": source_state()}
    copy_ms = []
    for _ in range(args.frames):
        t = time.perf_counter()
        av.VideoFrame.from_ndarray(frame.to_ndarray(), format="yuv420p")  # type: ignore[attr-defined]
        copy_ms.append((time.perf_counter() - t) * 1000)
    result["copy_ms"] = round(median(copy_ms), 2)
    for style in ("pixelate", "fill"):
        redactor = Redactor(plan_of(args.width, args.height, style))
        redactor.apply(frame, 0.0)  # mask rasters made once, as in an excerpt
        times = []
        for i in range(args.frames):
            t = time.perf_counter()
            redactor.apply(frame, 10.0 * i / args.frames)
            times.append((time.perf_counter() - t) * 1000)
        result[f"{style}_ms"] = round(median(times), 2)
        result[f"{style}_max_ms"] = round(max(times), 2)
    result["size"] = f"{args.width}x{args.height}"
    result["frame_budget_ms_at_30fps"] = round(1000 / 30, 1)
    write_result("redaction_render", result)
    print(
        f"{args.width}x{args.height}, 4 faces + 2 masks: pixelate {result['pixelate_ms']} ms, "
        f"fill {result['fill_ms']} ms a frame (median of {args.frames}); the frame copy "
        f"alone {result['copy_ms']} ms; a frame at 30 fps lasts 33.3 ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
