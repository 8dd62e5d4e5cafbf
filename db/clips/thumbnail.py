"""A clip's thumbnail: a JPEG, 160 pixels wide, of the first picture decodable at or
after the key frame before the middle of the clip.

Made after the clip is stored (db.clips.thumbnail_pass), not while it is imported: the
decoding is most of the CPU a camera clip's import would otherwise need.
"""

from __future__ import annotations

import os
import threading
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from db.clips.media import (
    NO_VIDEO_STREAM,
    MediaError,
    cannot_read,
    duration_of,
    ffmpeg_reason,
    open_container,
)
from db.words.i18n import N_

if TYPE_CHECKING:
    import av

THUMB_WIDTH = 160


class Unreadable(Exception):
    """The file cannot be opened now (moved, removed, unreadable): no thumbnail, and
    nothing is wrong with its picture."""


def make_thumbnail(path: str | os.PathLike[str]) -> bytes:
    """The JPEG thumbnail of a video file. Raises MediaError, with the reason, when no
    picture can be decoded, and Unreadable when the file cannot be opened."""
    import av

    try:
        container = open_container(av, path)
    except (FileNotFoundError, PermissionError, IsADirectoryError, NotADirectoryError) as exc:
        raise Unreadable(ffmpeg_reason(exc)) from None
    except av.error.FFmpegError as exc:
        raise MediaError(*cannot_read(exc)) from exc
    try:
        if not container.streams.video:
            raise MediaError(NO_VIDEO_STREAM)
        vstream = container.streams.video[0]
        try:
            duration = duration_of(container, vstream)
        except MediaError:
            duration = 0.0  # the picture from the start
        return _thumbnail(container, vstream, duration)
    finally:
        container.close()


def _thumbnail(
    container: av.container.InputContainer, vstream: av.VideoStream, duration: float
) -> bytes:
    """JPEG of the first frame decodable at or after the key frame before the middle."""
    import av

    ctx = vstream.codec_context
    if not ctx.is_open:
        # One frame is decoded: decoder threads, which FFmpeg starts with each decoder,
        # would cost more than they share out, and thumbnails are made side by side.
        ctx.thread_count = 1
    frame = None
    try:
        if duration > 1 and vstream.time_base:
            middle = int(Fraction(duration / 2) / vstream.time_base) + (vstream.start_time or 0)
            container.seek(middle, stream=vstream, any_frame=False, backward=True)
        frame = _first_frame(container, vstream)
    except av.error.FFmpegError:
        frame = None
    if frame is None:
        # Seeking can fail on damaged indexes: decode from the start instead.
        try:
            container.seek(0)
            frame = _first_frame(container, vstream)
        except av.error.FFmpegError as exc:
            why = {"why": ffmpeg_reason(exc)}
            raise MediaError(N_("no picture can be decoded ({why})"), why) from exc
    if frame is None:
        raise MediaError(N_("no picture can be decoded (truncated or damaged file)"))
    height = max(2, round(frame.height * THUMB_WIDTH / frame.width / 2) * 2)
    # AREA averages the pixels each thumbnail pixel covers: cheaper than the default
    # filter at this reduction, and without the aliasing of the cheapest ones.
    small = frame.reformat(
        width=THUMB_WIDTH, height=height, format="yuvj420p", interpolation="AREA"
    )
    return _jpeg_encoder(av, height).encode_one(small)


def _first_frame(
    container: av.container.InputContainer, vstream: av.VideoStream
) -> av.VideoFrame | None:
    import av

    for packet in container.demux(vstream):
        for frame in packet.decode():
            if isinstance(frame, av.VideoFrame):
                return frame
    return None


class _JpegEncoder:
    """One open MJPEG encoder for thumbnails of one size; every frame it encodes comes
    out as a whole JPEG at once (MJPEG holds no frames back), so it is never flushed
    and serves every thumbnail of its thread. Opening an encoder cost more than
    encoding the 160-pixel picture."""

    def __init__(self, av: Any, height: int) -> None:
        self.context = av.CodecContext.create("mjpeg", "w")
        self.context.width = THUMB_WIDTH
        self.context.height = height
        self.context.pix_fmt = "yuvj420p"
        self.context.time_base = Fraction(1, 1)
        self.context.thread_count = 1  # threads only add work for so small a picture
        self.count = 0

    def encode_one(self, frame: av.VideoFrame) -> bytes:
        # The encoder wants increasing time stamps in its own time base.
        frame.pts = self.count
        frame.time_base = self.context.time_base
        self.count += 1
        packets = self.context.encode(frame)
        if len(packets) != 1:
            raise MediaError(N_("the thumbnail could not be encoded"))
        return bytes(packets[0])


_ENCODERS = threading.local()


def _jpeg_encoder(av: Any, height: int) -> _JpegEncoder:
    """This thread's encoder for thumbnails of this height (one per aspect ratio)."""
    encoders: dict[int, _JpegEncoder] = _ENCODERS.__dict__.setdefault("by_height", {})
    encoder = encoders.get(height)
    if encoder is None:
        if len(encoders) >= 8:
            encoders.clear()
        encoder = encoders[height] = _JpegEncoder(av, height)
    return encoder
