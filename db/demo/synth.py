"""Synthetic video files made with PyAV: the demo neighbourhood, test fixtures and
benchmarks all use these, so every clip Doorstep handles in them is a real file."""

from __future__ import annotations

import math
import os
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import cast

import av

_AUDIO_RATE = 16000


def _frame_bytes(width: int, height: int, index: int, fps: int, hue: int) -> bytes:
    """A plain background with a bar that moves one step a frame (cheap to encode)."""
    r, g, b = (hue * 53) % 200 + 30, (hue * 97) % 200 + 30, (hue * 31) % 200 + 30
    background = bytes((r, g, b)) * width
    bar_x = (index * 7) % max(1, width - 16)
    bar_row = (
        bytes((r, g, b)) * bar_x + b"\xf0\xf0\xf0" * 16 + bytes((r, g, b)) * (width - bar_x - 16)
    )
    top = height // 3
    return background * top + bar_row * (height // 3) + background * (height - 2 * (height // 3))


def make_clip(
    path: str | os.PathLike[str],
    *,
    seconds: float = 2.0,
    fps: int = 10,
    width: int = 320,
    height: int = 240,
    audio: bool = False,
    creation_time: datetime | None = None,
    codec: str = "libx264",
    hue: int = 0,
    bit_rate: int | None = None,
    metadata: dict[str, str] | None = None,
    texture: bool = False,
    gop: int | None = None,
) -> Path:
    """Write a real video file; the container follows the file extension
    (``.mp4``, ``.mov``, ``.mkv``, ``.avi``...).

    The picture is a plain background with a moving bar, which an encoder codes in
    almost nothing (a few KB a second). ``texture=True`` draws a camera-like picture
    instead: a detailed scene (a fine random texture, different for each ``hue``) with
    sensor noise that changes every frame and a moving block, so that H.264 needs about
    ``bit_rate`` to code it, as real footage does (give a ``bit_rate``: without one x264
    codes the noise at its default quality, which takes far more). ``gop`` is the
    key-frame interval in frames (cameras put one every second or two).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part" + path.suffix)
    fmt = {".mkv": "matroska", ".mov": "mov", ".mp4": "mp4", ".avi": "avi"}.get(path.suffix.lower())
    with av.open(str(tmp), "w", format=fmt) as out:
        if creation_time is not None:
            out.metadata["creation_time"] = (
                creation_time.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"
            )
        for key, value in (metadata or {}).items():
            out.metadata[key] = value
        vstream = cast(av.VideoStream, out.add_stream(codec, rate=fps))
        vstream.width = width
        vstream.height = height
        vstream.pix_fmt = "yuvj420p" if codec == "mjpeg" else "yuv420p"
        if bit_rate:
            vstream.bit_rate = bit_rate
        if gop:
            vstream.gop_size = gop
        if codec == "libx264":
            vstream.options = {"preset": "ultrafast", "tune": "zerolatency"}
        astream: av.AudioStream | None = None
        if audio:
            acodec = "aac"
            astream = cast(av.AudioStream, out.add_stream(acodec, rate=_AUDIO_RATE))
            astream.layout = "mono"
        frames = max(1, round(seconds * fps))
        cache: dict[int, bytes] = {}
        textured = _TexturedFrames(width, height, hue) if texture else None
        for i in range(frames):
            if textured is not None:
                frame = textured.frame(i)
            else:
                slot = i % 64
                if slot not in cache:
                    cache[slot] = _frame_bytes(width, height, i, fps, hue)
                frame = av.VideoFrame(width, height, "rgb24")
                _fill(frame, cache[slot], width * 3)
            frame.pts = i
            frame.time_base = Fraction(1, fps)
            for packet in vstream.encode(frame):
                out.mux(packet)
        for packet in vstream.encode():
            out.mux(packet)
        if astream is not None:
            samples_total = int(seconds * _AUDIO_RATE)
            chunk = 1024
            pts = 0
            # 500 Hz: exactly 32 samples a period, so one chunk repeats seamlessly.
            tone = b"".join(
                int(3000 * math.sin(2 * math.pi * 500 * s / _AUDIO_RATE)).to_bytes(
                    2, "little", signed=True
                )
                for s in range(chunk)
            )
            while pts < samples_total:
                n = min(chunk, samples_total - pts)
                aframe = av.AudioFrame(format="s16", layout="mono", samples=n)
                data = tone[: 2 * n]
                aframe.planes[0].update(data + b"\0" * (aframe.planes[0].buffer_size - len(data)))
                aframe.sample_rate = _AUDIO_RATE
                aframe.pts = pts
                aframe.time_base = Fraction(1, _AUDIO_RATE)
                for packet in astream.encode(aframe):
                    out.mux(packet)
                pts += n
            for packet in astream.encode():
                out.mux(packet)
    os.replace(tmp, path)
    return path


def _fill(frame: av.VideoFrame, data: bytes, row_bytes: int) -> None:
    plane = frame.planes[0]
    if plane.line_size == row_bytes:
        plane.update(data)
        return
    padded = bytearray(plane.buffer_size)
    for y in range(frame.height):
        padded[y * plane.line_size : y * plane.line_size + row_bytes] = data[
            y * row_bytes : (y + 1) * row_bytes
        ]
    plane.update(bytes(padded))


class _TexturedFrames:
    """A camera-like picture in yuv420p: a fixed, finely textured scene seen through
    sensor noise (four noise patterns in turn, so that no frame repeats the one before
    it) and a bright block moving across, like someone walking past. Made with numpy
    (imported here: only benchmarks and tests ask for texture)."""

    _NOISE_FRAMES = 4

    def __init__(self, width: int, height: int, seed: int) -> None:
        import numpy as np

        if width % 2 or height % 2:
            raise ValueError("a textured clip needs an even width and height")
        rng = np.random.default_rng(seed)
        self.width, self.height = width, height
        mean = 80 + seed * 37 % 96
        luma = rng.integers(mean - 50, mean + 50, size=(height, width), dtype=np.int16)
        chroma = 128 + rng.integers(-12, 13, size=(height // 2, width), dtype=np.int16)
        self._frames = []
        for _ in range(self._NOISE_FRAMES):
            noise = rng.integers(-5, 6, size=(height, width), dtype=np.int16)
            plane = np.empty((height * 3 // 2, width), dtype=np.uint8)
            plane[:height] = np.clip(luma + noise, 0, 255)
            plane[height:] = chroma
            self._frames.append(plane)
        self._buffer = np.empty_like(self._frames[0])
        self._block = (max(2, width // 8), max(2, height // 6))

    def frame(self, index: int) -> av.VideoFrame:
        buffer = self._buffer
        buffer[:] = self._frames[index % self._NOISE_FRAMES]
        block_w, block_h = self._block
        x = (index * max(1, self.width // 60)) % max(1, self.width - block_w)
        y = self.height // 3
        buffer[y : y + block_h, x : x + block_w] = 235
        return av.VideoFrame.from_ndarray(buffer, format="yuv420p")
