"""Colour range when re-encoding an excerpt (docs/packages.md, "Cutting").

Cameras that record MJPEG (and some H.264 ones) store "full range" YUV, where black
and white are 0 and 255; H.264 excerpts are written in limited ("TV") range, 16-235.
Copying full-range samples into a limited-range stream without scaling them makes a
player stretch them again: every level moves away from mid-grey (red comes out about
1.16 times brighter, less 16). So frames are scaled from their own range to limited
range, the conversion matrix (BT.601, BT.709 ...) is kept, and the output stream says
which range and matrix it uses. PyAV is imported by the functions that use it.
"""

from __future__ import annotations

from typing import Any

OUTPUT_PIX_FMT = "yuv420p"


def is_full_range(frame: Any) -> bool:
    """A frame flagged full range, or in one of the full-range-only ``yuvj`` formats."""
    from av.video.reformatter import ColorRange

    return bool(frame.color_range == ColorRange.JPEG or frame.format.name.startswith("yuvj"))


def to_limited_yuv420p(frame: Any, width: int, height: int) -> Any:
    """The frame scaled to ``width`` x ``height`` in limited-range yuv420p."""
    from av.video.reformatter import ColorRange

    return frame.reformat(
        width=width,
        height=height,
        format=OUTPUT_PIX_FMT,
        src_color_range=ColorRange.JPEG if is_full_range(frame) else ColorRange.MPEG,
        dst_color_range=ColorRange.MPEG,
    )


def tag_limited(codec_context: Any, colorspace: int | None) -> None:
    """Mark an encoder's output as limited range in the source's matrix (left unsaid
    when the source does not say it either)."""
    from av.video.reformatter import ColorRange

    codec_context.color_range = ColorRange.MPEG
    if colorspace is not None and colorspace != _UNSPECIFIED_COLORSPACE:
        codec_context.colorspace = colorspace


_UNSPECIFIED_COLORSPACE = 2  # AVCOL_SPC_UNSPECIFIED
