"""Applying a redaction plan to the pictures of an excerpt (docs/redaction.md, "How").

Frames are the limited-range yuv420p frames the excerpt's encoder gets (before the UTC
time is burned in). Every mask polygon and every track box the plan has at a frame's
time is hidden in the plan's style:

* ``pixelate``: the hidden area is cut into square blocks, at most ``BLOCKS_ACROSS``
  across its longer side, and every block is painted in the mean colour of the pixels
  under it. A face so reduced keeps its outline and skin tone, not its features.
* ``fill``: the area is painted solid black.

Areas are widened to even pixel bounds so that the half-size colour planes are hidden
exactly with the brightness plane. Everything is computed with numpy: mask rasters once
for a plan and a picture size, box blocks per frame. PyAV and Pillow are imported by the
code that uses them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from db.redaction.plan import Box, Mask, RedactionPlan

# The longer side of a hidden area holds at most this many blocks: a face six blocks
# wide is below the resolution at which people or software recognise faces, while its
# place and size stay visible, so a viewer still sees that someone was there.
BLOCKS_ACROSS = 6
MIN_BLOCK = 2  # pixels; even, so a block is whole in the half-size colour planes
FILL_Y, FILL_C = 16, 128  # limited-range black, and colour planes without colour


def block_size(width: int, height: int) -> int:
    """The side of a pixelation block for an area of this size (even, at least 2)."""
    side = math.ceil(max(width, height) / BLOCKS_ACROSS)
    return max(MIN_BLOCK, side + (side & 1))


@dataclass
class _MaskRaster:
    """One mask polygon rasterised for one picture size: its even bounding box and
    which pixels inside it are hidden (full size and half size)."""

    x0: int
    y0: int
    x1: int
    y1: int
    inside: np.ndarray  # bool, (y1 - y0, x1 - x0)
    inside_c: np.ndarray  # bool, half each way
    block: int


class Redactor:
    """Hides what ``plan`` says in frames of the plan's excerpt. ``apply`` is called
    once per frame, in any order; mask rasters are made at the first frame of each
    picture size (the plan's coordinates are scaled when a frame's size differs)."""

    def __init__(self, plan: RedactionPlan) -> None:
        self.plan = plan
        self.fill = plan.style == "fill"
        self._rasters: dict[tuple[int, int], list[_MaskRaster]] = {}

    def areas_at(self, at_s: float, width: int, height: int) -> list[tuple[int, int, int, int]]:
        """The track boxes hidden at ``at_s`` in a picture of this size, as even
        (x0, y0, x1, y1) bounds clipped to the picture (empty ones left out)."""
        sx = width / self.plan.width if self.plan.width > 0 else 1.0
        sy = height / self.plan.height if self.plan.height > 0 else 1.0
        out = []
        for box in self.plan.boxes_at(at_s):
            area = _even_bounds(box, sx, sy, width, height)
            if area is not None:
                out.append(area)
        return out

    def masks_for(self, width: int, height: int) -> list[_MaskRaster]:
        key = (width, height)
        if key not in self._rasters:
            self._rasters[key] = [
                r
                for m in self.plan.masks
                if (r := _rasterise(m, self.plan, width, height)) is not None
            ]
        return self._rasters[key]

    def apply(self, frame: Any, at_s: float) -> Any:
        """A new yuv420p frame with everything the plan hides at ``at_s`` hidden;
        ``frame`` itself when nothing is hidden then (the decoder's frame is never
        written to)."""
        width, height = int(frame.width), int(frame.height)
        masks = self.masks_for(width, height)
        areas = self.areas_at(at_s, width, height)
        if not masks and not areas:
            return frame
        import av

        planes = frame.to_ndarray()  # a copy: Y rows, then U and V rows
        self.apply_planes(planes, width, height, masks, areas)
        out = av.VideoFrame.from_ndarray(planes, format="yuv420p")
        out.color_range = frame.color_range
        out.colorspace = frame.colorspace
        return out

    def apply_planes(
        self,
        planes: np.ndarray,
        width: int,
        height: int,
        masks: list[_MaskRaster],
        areas: list[tuple[int, int, int, int]],
    ) -> None:
        """Hide ``masks`` and ``areas`` in a yuv420p picture held as ``to_ndarray``
        gives it (changed in place)."""
        y_plane = planes[:height]
        flat = planes.reshape(-1)
        luma, quarter = width * height, (width // 2) * (height // 2)
        chroma = [
            flat[start : start + quarter].reshape(height // 2, width // 2)
            for start in (luma, luma + quarter)
        ]
        for m in masks:
            _hide(y_plane[m.y0 : m.y1, m.x0 : m.x1], m.inside, m.block, FILL_Y, self.fill)
            for c in chroma:
                region = c[m.y0 // 2 : m.y1 // 2, m.x0 // 2 : m.x1 // 2]
                _hide(region, m.inside_c, m.block // 2, FILL_C, self.fill)
        for x0, y0, x1, y1 in areas:
            block = block_size(x1 - x0, y1 - y0)
            _hide(y_plane[y0:y1, x0:x1], None, block, FILL_Y, self.fill)
            for c in chroma:
                _hide(c[y0 // 2 : y1 // 2, x0 // 2 : x1 // 2], None, block // 2, FILL_C, self.fill)


def _hide(
    region: np.ndarray, inside: np.ndarray | None, block: int, fill: int, solid: bool
) -> None:
    """Pixelate (or fill) ``region`` in place, only where ``inside`` (all of it: None)."""
    if region.size == 0:
        return
    if solid:
        if inside is None:
            region[...] = fill
        else:
            region[inside] = fill
        return
    blocks = pixelated(region, block)
    if inside is None:
        region[...] = blocks
    else:
        np.copyto(region, blocks, where=inside)


def pixelated(region: np.ndarray, block: int) -> np.ndarray:
    """``region`` with each ``block`` x ``block`` square (from its top left corner;
    the last row and column of squares may be narrower) painted in its mean."""
    h, w = region.shape
    nby, nbx = -(-h // block), -(-w // block)
    rows = np.add.reduceat(region, np.arange(0, h, block), axis=0, dtype=np.uint32)
    sums = np.add.reduceat(rows, np.arange(0, w, block), axis=1)
    heights = np.full(nby, block)
    heights[-1] = h - (nby - 1) * block
    widths = np.full(nbx, block)
    widths[-1] = w - (nbx - 1) * block
    counts = np.outer(heights, widths)
    means = ((sums + counts // 2) // counts).astype(region.dtype)
    out = np.empty((nby * block, nbx * block), region.dtype)
    out.reshape(nby, block, nbx, block)[...] = means[:, None, :, None]
    return out[:h, :w]


def _even_bounds(
    box: Box, sx: float, sy: float, width: int, height: int
) -> tuple[int, int, int, int] | None:
    """``box`` scaled, widened to even bounds and clipped to the picture."""
    x0 = max(0, math.floor(box.x * sx)) & ~1
    y0 = max(0, math.floor(box.y * sy)) & ~1
    x1 = min(width, math.ceil((box.x + box.w) * sx))
    y1 = min(height, math.ceil((box.y + box.h) * sy))
    x1 = min(width & ~1, x1 + (x1 & 1))
    y1 = min(height & ~1, y1 + (y1 & 1))
    if x1 <= x0 or y1 <= y0:
        return None
    return x0, y0, x1, y1


def _rasterise(mask: Mask, plan: RedactionPlan, width: int, height: int) -> _MaskRaster | None:
    """A mask's pixels in a picture of this size (its edges included), or None when it
    covers none of the picture. Its points are in its own picture's pixels when it
    names one, else in the plan's."""
    from PIL import Image, ImageDraw

    src_w, src_h = (
        (mask.width, mask.height) if mask.width and mask.height else (plan.width, plan.height)
    )
    sx = width / src_w if src_w > 0 else 1.0
    sy = height / src_h if src_h > 0 else 1.0
    scaled = [(x * sx, y * sy) for x, y in mask.points]
    xs = [p[0] for p in scaled]
    ys = [p[1] for p in scaled]
    bounds = _even_bounds(
        Box(
            math.floor(min(xs)),
            math.floor(min(ys)),
            max(1, math.ceil(max(xs)) - math.floor(min(xs)) + 1),
            max(1, math.ceil(max(ys)) - math.floor(min(ys)) + 1),
        ),
        1.0,
        1.0,
        width,
        height,
    )
    if bounds is None:
        return None
    x0, y0, x1, y1 = bounds
    image = Image.new("1", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(image).polygon([(x - x0, y - y0) for x, y in scaled], fill=1, outline=1)
    inside = np.asarray(image, dtype=bool)
    if not inside.any():
        return None
    # a colour sample is hidden when any of the four pixels it colours is
    inside_c = inside[0::2, 0::2] | inside[1::2, 0::2] | inside[0::2, 1::2] | inside[1::2, 1::2]
    return _MaskRaster(x0, y0, x1, y1, inside, inside_c, block_size(x1 - x0, y1 - y0))
