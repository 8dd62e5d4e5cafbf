"""Test videos with a real face in them: the astronaut of ``skimage.data.astronaut()``
(NASA, public domain) pasted head and shoulders into the picture, moving and changing
size in a straight line, over a photograph or a plain grey background; written with
PyAV (H.264). The face's true box in every frame is known from the paste."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from db.redaction.plan import Box

# The astronaut's face in the 512 x 512 photograph, forehead to chin and ear to ear,
# and the head and shoulders around it that are pasted.
FACE = (176, 70, 274, 172)
CROP = (110, 10, 340, 290)


@dataclass(frozen=True)
class FacePath:
    """A face going in a straight line from (x0, y0) to (x1, y1), the centre of its
    face box, while its face's height goes from h0 to h1 pixels."""

    x0: float
    y0: float
    x1: float
    y1: float
    h0: float
    h1: float


def _photo(name: str, width: int, height: int) -> np.ndarray:
    import cv2
    from skimage import data

    if name == "plain":
        return np.full((height, width, 3), 128, np.uint8)
    img = getattr(data, name)()
    if img.ndim == 2:
        img = np.stack([img] * 3, axis=2)
    return np.ascontiguousarray(cv2.resize(img[:, :, :3], (width, height)))


def _paste(canvas: np.ndarray, path: FacePath, k: float) -> Box | None:
    import cv2
    from skimage import data

    height, width = canvas.shape[:2]
    x0, y0, x1, y1 = CROP
    fx0, fy0, fx1, fy1 = FACE
    s = (path.h0 + (path.h1 - path.h0) * k) / (fy1 - fy0)
    patch = cv2.resize(
        data.astronaut()[y0:y1, x0:x1], None, fx=s, fy=s, interpolation=cv2.INTER_AREA
    )
    cx = path.x0 + (path.x1 - path.x0) * k
    cy = path.y0 + (path.y1 - path.y0) * k
    # Where the crop goes so that the face's centre lands on (cx, cy).
    ox = round(cx - ((fx0 + fx1) / 2 - x0) * s)
    oy = round(cy - ((fy0 + fy1) / 2 - y0) * s)
    ph, pw = patch.shape[:2]
    a, b = max(0, ox), max(0, oy)
    c, d = min(width, ox + pw), min(height, oy + ph)
    if c > a and d > b:
        canvas[b:d, a:c] = patch[b - oy : d - oy, a - ox : c - ox]
    face = (ox + (fx0 - x0) * s, oy + (fy0 - y0) * s, ox + (fx1 - x0) * s, oy + (fy1 - y0) * s)
    inside = (max(0.0, face[0]), max(0.0, face[1]), min(width, face[2]), min(height, face[3]))
    if inside[2] - inside[0] < 0.8 * (face[2] - face[0]):
        return None  # mostly out of the picture: not a face a detector can be asked for
    if inside[3] - inside[1] < 0.8 * (face[3] - face[1]):
        return None
    x, y = int(inside[0]), int(inside[1])
    return Box(x, y, int(inside[2] + 0.999) - x, int(inside[3] + 0.999) - y)


def make_face_video(
    dest: Path,
    paths: list[FacePath],
    *,
    width: int = 960,
    height: int = 540,
    seconds: float = 3.0,
    fps: int = 30,
    background: str = "coffee",
) -> list[tuple[float, list[Box]]]:
    """Write the video; return each frame's time (seconds from the clip's start) and
    the true face boxes in it."""
    import av

    bg = _photo(background, width, height)
    frames = round(seconds * fps)
    truth: list[tuple[float, list[Box]]] = []
    with av.open(str(dest), "w") as out:
        st = out.add_stream("libx264", rate=fps)
        st.width, st.height, st.pix_fmt = width, height, "yuv420p"
        st.options = {"preset": "ultrafast", "crf": "18"}
        for i in range(frames):
            k = i / max(1, frames - 1)
            canvas = bg.copy()
            boxes = [b for p in paths if (b := _paste(canvas, p, k)) is not None]
            frame = av.VideoFrame.from_ndarray(canvas, format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, fps)
            out.mux(st.encode(frame))
            truth.append((i / fps, boxes))
        out.mux(st.encode())
    return truth


def covered(face: Box, boxes: list[Box], slack: int = 2) -> bool:
    """The face box lies inside one of the boxes (give or take ``slack`` pixels)."""
    return any(
        b.x - slack <= face.x
        and b.y - slack <= face.y
        and face.x + face.w <= b.x + b.w + slack
        and face.y + face.h <= b.y + b.h + slack
        for b in boxes
    )
