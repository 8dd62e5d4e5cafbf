"""The UTC time burned into a re-encoded excerpt's pictures (docs/packages.md, "UTC
burned in"): white text on a black box in the top left corner, to the second, e.g.
``2026-11-20 22:15:07 UTC``. Drawn on the limited-range yuv420p frames the encoder
gets, so the box is true black (16) and the text true white (235) on any picture.

Text is rendered with Pillow's bundled FreeType font (``ImageFont.load_default``), which
needs no font installed on the machine; PyAV and Pillow are imported by the code that
uses them."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

import numpy as np

BLACK, WHITE, NEUTRAL = 16, 235, 128  # limited-range Y, and U/V without colour
# The text is this share of the picture's height, so that it reads the same on a small
# clip as on a 4K one, but never so small that its digits blur.
TEXT_SHARE = 1 / 18
MIN_TEXT_PX = 10
SAMPLE_TEXT = "2026-11-20 22:15:07 UTC"


def utc_text(moment: datetime) -> str:
    """``2026-11-20 22:15:07 UTC``: the second the moment is in."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


class UtcBurner:
    """Draws the time into frames of one size; the box has the same place and size on
    every frame (all times have the same number of characters)."""

    def __init__(self, width: int, height: int) -> None:
        from PIL import ImageFont

        self.width, self.height = width, height
        size = max(MIN_TEXT_PX, round(height * TEXT_SHARE))
        while True:
            font = ImageFont.load_default(size=size)
            left, top, right, bottom = font.getbbox(SAMPLE_TEXT)
            pad = max(2, size // 4)
            box_w = _even(math.ceil(right - left) + 2 * pad)
            box_h = _even(math.ceil(bottom - top) + 2 * pad)
            if (box_w + 2 * pad <= width and box_h + 2 * pad <= height) or size <= 4:
                break
            size -= 1  # a narrow picture: a smaller font, rather than a cut-off time
        self.font = font
        self.origin = (pad - left, pad - top)
        self.x = _even(pad)
        self.y = _even(pad)
        self.box_w = min(box_w, width - self.x) & ~1
        self.box_h = min(box_h, height - self.y) & ~1
        self._text = ""
        self._luma: np.ndarray | None = None

    @property
    def box(self) -> tuple[int, int, int, int]:
        """(x, y, width, height) of the box in the picture."""
        return self.x, self.y, self.box_w, self.box_h

    def _patch(self, text: str) -> np.ndarray:
        """The box's Y samples for ``text`` (rendered once a second, not each frame)."""
        if text != self._text or self._luma is None:
            from PIL import Image, ImageDraw

            image = Image.new("L", (self.box_w, self.box_h), 0)
            ImageDraw.Draw(image).text(self.origin, text, fill=255, font=self.font)
            alpha = np.asarray(image, dtype=np.float32) / 255.0
            self._luma = np.round(BLACK + (WHITE - BLACK) * alpha).astype(np.uint8)
            self._text = text
        return self._luma

    def draw(self, frame: Any, moment: datetime) -> Any:
        """A new yuv420p frame: ``frame`` with the time of ``moment`` in its box (the
        frame itself may be the decoder's, which must not be written to)."""
        import av

        planes = frame.to_ndarray()  # a copy: Y rows, then U and V rows
        x, y, w, h = self.box
        planes[y : y + h, x : x + w] = self._patch(utc_text(moment))
        flat = planes.reshape(-1)  # a view: U and V follow Y, each a quarter its size
        luma, quarter = self.width * self.height, (self.width // 2) * (self.height // 2)
        for start in (luma, luma + quarter):
            chroma = flat[start : start + quarter].reshape(self.height // 2, self.width // 2)
            chroma[y // 2 : (y + h) // 2, x // 2 : (x + w) // 2] = NEUTRAL
        out = av.VideoFrame.from_ndarray(planes, format="yuv420p")
        out.color_range = frame.color_range
        out.colorspace = frame.colorspace
        return out


def _even(n: int) -> int:
    return n + (n & 1)
