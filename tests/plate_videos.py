"""Real video files with a licence-plate-like patch moving over a textured scene at known
places, made with PyAV and OpenCV, for the tracker's tests and its benchmark: the truth
is where the patch was pasted in each frame."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any, cast

from db.redaction.plan import Box

# Where the plate is in frame ``i`` (full picture pixels), or None when it is not shown.
PlateAt = Callable[[int], Box | None]
# ... for a plate always shown.
Mover = Callable[[int], Box]


def plate_patch(seed: int = 7) -> Any:
    """A 200 × 60 BGR plate: a light plate with a dark border and random characters,
    faintly noisy as a real one photographed is."""
    import cv2
    import numpy as np

    rng = np.random.default_rng(seed)
    patch = np.full((60, 200, 3), (40, 205, 235), dtype=np.uint8)  # yellow, in BGR
    cv2.rectangle(patch, (2, 2), (197, 57), (20, 20, 20), 3)
    letters = random.Random(seed)
    text = "".join(letters.choice("ABCDEFGHJKLMNPRSTVWXYZ0123456789") for _ in range(7))
    cv2.putText(patch, text, (12, 45), cv2.FONT_HERSHEY_SIMPLEX, 1.35, (15, 15, 15), 4)
    noise = rng.integers(-12, 13, size=patch.shape, dtype=np.int16)
    return np.clip(patch.astype(np.int16) + noise, 0, 255).astype(np.uint8)


def scene(width: int, height: int, seed: int = 3) -> Any:
    """A textured still scene (BGR): smooth shapes of colour with fine grain on top, so
    that neither the encoder nor the tracker has an easy flat background."""
    import cv2
    import numpy as np

    rng = np.random.default_rng(seed)
    coarse = rng.integers(30, 200, size=(max(2, height // 24), max(2, width // 24), 3))
    smooth = cv2.resize(coarse.astype(np.uint8), (width, height), interpolation=cv2.INTER_CUBIC)
    grain = rng.integers(-25, 26, size=(height, width, 3), dtype=np.int16)
    picture = np.clip(smooth.astype(np.int16) + grain, 0, 255).astype(np.uint8)
    for k in range(max(4, width // 40)):  # a few edges, as walls and windows give
        x = int(rng.integers(0, width))
        cv2.line(picture, (x, 0), (x + k * 3, height), (60, 60, 60), 2)
    return picture


def make_plate_video(
    path: Path,
    where: PlateAt,
    *,
    seconds: float = 3.0,
    fps: int = 25,
    width: int = 320,
    height: int = 240,
    seed: int = 7,
    gop: int | None = None,
) -> list[tuple[float, Box | None]]:
    """Write the video (H.264 in the container the suffix names) and return, for each
    frame, its time from the clip start and the plate's true box (None: not shown)."""
    import av
    import cv2
    import numpy as np

    background = scene(width, height, seed)
    plate = plate_patch(seed)
    rng = np.random.default_rng(seed + 1)
    sensor = [rng.integers(-4, 5, size=background.shape, dtype=np.int16) for _ in range(3)]
    truth: list[tuple[float, Box | None]] = []
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part" + path.suffix)
    fmt = {".mkv": "matroska", ".mp4": "mp4", ".ts": "mpegts"}.get(path.suffix.lower())
    with av.open(str(tmp), "w", format=fmt) as out:
        stream = cast(av.VideoStream, out.add_stream("libx264", rate=fps))
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"preset": "ultrafast", "crf": "20"}
        if gop:
            stream.gop_size = gop
        for i in range(round(seconds * fps)):
            picture = np.clip(background.astype(np.int16) + sensor[i % 3], 0, 255)
            picture = picture.astype(np.uint8)
            box = where(i)
            if box is not None:
                shown = _paste(picture, cv2.resize(plate, (box.w, box.h)), box)
                box = shown
            truth.append((i / fps, box))
            frame = av.VideoFrame.from_ndarray(picture, format="bgr24")
            frame.pts = i
            frame.time_base = Fraction(1, fps)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    os.replace(tmp, path)
    return truth


def _paste(picture: Any, patch: Any, box: Box) -> Box | None:
    """Paste ``patch`` at ``box``, cut to the picture; the part shown, or None."""
    height, width = picture.shape[:2]
    x0, y0 = max(0, box.x), max(0, box.y)
    x1, y1 = min(width, box.x + box.w), min(height, box.y + box.h)
    if x1 <= x0 or y1 <= y0:
        return None
    picture[y0:y1, x0:x1] = patch[y0 - box.y : y1 - box.y, x0 - box.x : x1 - box.x]
    return Box(x0, y0, x1 - x0, y1 - y0)


def gliding(
    width: int, height: int, frames: int, *, size: tuple[int, int] = (80, 24), grow: float = 0.2
) -> Mover:
    """A plate gliding left to right along a slight slope, growing by ``grow`` (it comes
    nearer) over ``frames`` frames."""

    def where(i: int) -> Box:
        k = i / max(1, frames - 1)
        w = round(size[0] * (1 + grow * k))
        h = round(size[1] * (1 + grow * k))
        x = round(0.05 * width + k * (0.9 * width - w - 0.05 * width))
        y = round(0.35 * height + k * 0.2 * height)
        return Box(x, y, w, h)

    return where


def iou(a: Box | None, b: Box | None) -> float:
    if a is None or b is None:
        return 0.0
    ix = max(0, min(a.x + a.w, b.x + b.w) - max(a.x, b.x))
    iy = max(0, min(a.y + a.h, b.y + b.h) - max(a.y, b.y))
    inter = ix * iy
    return inter / (a.w * a.h + b.w * b.h - inter)
