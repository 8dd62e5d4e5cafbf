"""One frame of a clip as a picture, for reading the camera's on-screen clock
(docs/clock.md). Runs on a worker thread (or the command line's); nothing here touches
the database or Qt: the window turns the RGB bytes into an image on its own thread."""

from __future__ import annotations

import os
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from db.clips.media import MediaError
from db.words.i18n import N_

NO_PICTURE_AT = N_("no picture at {at} s ({why})")
NO_PICTURE_DAMAGED = N_("no picture at {at} s (truncated or damaged file)")

if TYPE_CHECKING:
    import av

# Wider frames are scaled down to this width: an overlay's digits stay legible, and a
# 4K frame's 25 MB of RGB need not cross threads for each step.
MAX_WIDTH = 1920


@dataclass(frozen=True)
class Frame:
    """A decoded frame: ``at_s`` is its time in seconds from the clip's first frame (the
    position a measurement records); ``rgb`` holds ``height`` rows of ``width`` × 3
    bytes, with no padding."""

    at_s: float
    width: int
    height: int
    rgb: bytes


class FrameReader:
    """A clip opened for looking at frames one at a time; close it when done (it keeps
    the file open). Not for use from two threads at once."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        import av

        try:
            self._container: Any = av.open(os.fspath(path), "r")
        except (av.error.FFmpegError, OSError) as exc:
            raise MediaError(
                N_("{path}: cannot be opened ({why})"), {"path": os.fspath(path), "why": _why(exc)}
            ) from None
        if not self._container.streams.video:
            self._container.close()
            raise MediaError(N_("{path}: no video in it"), {"path": os.fspath(path)})
        self._stream: av.VideoStream = self._container.streams.video[0]
        self._stream.thread_type = "AUTO"
        self._base = self._stream.time_base or Fraction(1, 90000)
        self._t0 = self._stream.start_time or 0
        rate = self._stream.average_rate or self._stream.guessed_rate
        self.frame_s = float(1 / rate) if rate else 0.1
        if self._stream.duration:
            self.duration_s = float(self._stream.duration * self._base)
        elif self._container.duration:
            self.duration_s = self._container.duration / 1_000_000
        else:
            self.duration_s = 0.0

    def frame_at(self, seconds: float) -> Frame:
        """The frame on show ``seconds`` after the first: the last one that starts at or
        before it (the first frame for a time before it, the last for one after)."""
        import av

        seconds = max(0.0, seconds)
        target = round(Fraction(seconds) / self._base) + self._t0
        chosen = None
        try:
            self._container.seek(target, stream=self._stream, backward=True, any_frame=False)
            for frame in self._container.decode(self._stream):
                if frame.pts is None:
                    continue
                if chosen is not None and frame.pts > target:
                    break
                chosen = frame
                if frame.pts >= target:
                    break
        except av.error.FFmpegError as exc:
            if chosen is None:
                why = {"at": f"{seconds:.2f}", "why": _why(exc)}
                raise MediaError(NO_PICTURE_AT, why) from None
        if chosen is None:
            raise MediaError(NO_PICTURE_DAMAGED, {"at": f"{seconds:.2f}"})
        return _picture(chosen, float((chosen.pts - self._t0) * self._base))

    def close(self) -> None:
        self._container.close()


def _picture(frame: av.VideoFrame, at_s: float) -> Frame:
    width, height = frame.width, frame.height
    if width > MAX_WIDTH:
        height = max(2, round(height * MAX_WIDTH / width / 2) * 2)
        width = MAX_WIDTH
    rgb = frame.reformat(width=width, height=height, format="rgb24").to_ndarray()
    return Frame(round(max(0.0, at_s), 3), width, height, rgb.tobytes())


def _why(exc: BaseException) -> str:
    return str(getattr(exc, "strerror", None) or exc).strip() or type(exc).__name__
