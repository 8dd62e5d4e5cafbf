"""A real face in a real video, for the redaction tests: the astronaut of scikit-image's
``data.astronaut()`` (a photograph that ships in the package), head and shoulders,
moving across a textured background and growing, written as H.264 with a key frame
every second. The face's box in every frame is known from where it was pasted."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from skimage import data

from db.redaction.plan import Box

# Head and shoulders around the face in astronaut() (x0, y0, x1, y1), and the face in
# it, forehead to chin and ear to ear (bench/face_detect_bench.py reads them so too).
CROP = (110, 10, 340, 290)
FACE = (176, 70, 274, 172)


@dataclass
class FaceClip:
    path: Path
    fps: int
    width: int
    height: int
    faces: list[Box]  # the face's box in frame i (i / fps seconds from the start)

    def face_at(self, t: float) -> Box:
        return self.faces[min(len(self.faces) - 1, round(t * self.fps))]


def face_clip(
    path: Path,
    *,
    seconds: float = 3.0,
    fps: int = 10,
    width: int = 640,
    height: int = 360,
    creation_time: datetime | None = None,
) -> FaceClip:
    """Write the clip (libx264, nearly lossless so the test sees the picture itself)."""
    from PIL import Image

    photo = data.astronaut()[CROP[1] : CROP[3], CROP[0] : CROP[2]]
    head = Image.fromarray(photo)
    rng = np.random.default_rng(7)
    # a still scene with detail everywhere, as a camera's view has
    background = (rng.integers(60, 190, (height // 8, width // 8, 3))).astype(np.uint8)
    background = np.asarray(
        Image.fromarray(background).resize((width, height), Image.Resampling.BILINEAR)
    ).copy()
    frames = round(seconds * fps)
    faces: list[Box] = []
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w") as out:
        if creation_time is not None:
            stamp = creation_time.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"
            out.metadata["creation_time"] = stamp
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"crf": "8", "preset": "veryfast"}
        stream.codec_context.gop_size = fps
        stream.codec_context.time_base = Fraction(1, fps)
        for i in range(frames):
            k = i / max(1, frames - 1)
            scale = 0.8 + 0.3 * k  # the person comes closer
            hw, hh = round(photo.shape[1] * scale), round(photo.shape[0] * scale)
            px = round(20 + (width - hw - 40) * k)
            py = max(0, height - hh)
            picture = background.copy()
            pasted = np.asarray(head.resize((hw, hh), Image.Resampling.BILINEAR))
            picture[py : py + hh, px : px + hw] = pasted[: height - py]
            fx0 = px + round((FACE[0] - CROP[0]) * scale)
            fy0 = py + round((FACE[1] - CROP[1]) * scale)
            fx1 = px + round((FACE[2] - CROP[0]) * scale)
            fy1 = py + round((FACE[3] - CROP[1]) * scale)
            faces.append(Box(fx0, fy0, fx1 - fx0, fy1 - fy0))
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            frame.pts = i
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return FaceClip(path, fps, width, height, faces)


def luma_frames(path: Path) -> dict[float, np.ndarray]:
    """Each frame's Y plane by its time from the stream's start (to 0.01 s)."""
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        assert stream.time_base is not None
        start = float((stream.start_time or 0) * stream.time_base)
        height = stream.codec_context.height
        return {
            round(float(f.time) - start, 2): f.to_ndarray(format="yuv420p")[:height]
            for f in c.decode(stream)
            if f.time is not None
        }


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    """Peak signal-to-noise ratio of two 8-bit pictures, in dB (inf when equal)."""
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return math.inf if mse == 0 else 10 * math.log10(255**2 / mse)
