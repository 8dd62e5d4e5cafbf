"""Frames for the redaction review, read forward: playing an excerpt asks for a time a
little after the last one, and seeking back to a key frame for each (as
db.clips.frames.FrameReader does, for single looks) would decode up to a key-frame
interval per picture shown. This reader keeps its decoder and goes on from where it
stopped when the next time is close ahead, and seeks otherwise. No Qt, no database; runs
on the review window's frame worker."""

from __future__ import annotations

import os
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from db.clips.frames import NO_PICTURE_AT, NO_PICTURE_DAMAGED, Frame, FrameReader
from db.clips.media import MediaError

if TYPE_CHECKING:
    import av

# Pictures are scaled down to this width for the screen: two side by side in a window
# never need more, and smaller frames convert and cross threads faster.
REVIEW_WIDTH = 960
# A time at most this far ahead of the last decoded frame is reached by decoding on;
# further, a seek is cheaper.
FORWARD_S = 2.0


class ForwardReader(FrameReader):
    """One video file opened for the review; not for use from two threads at once."""

    def __init__(self, path: str | os.PathLike[str], *, max_width: int = REVIEW_WIDTH) -> None:
        super().__init__(path)  # opens the file: its video stream, times and length
        self.path = os.fspath(path)
        self.max_width = max_width
        self._frames: Any = None  # the decoder's iterator, after a seek
        self._last: Any = None  # the newest frame taken from it
        self._ahead: Any = None  # a frame decoded past the last time asked for
        self.seeks = 0  # how often it had to seek (the tests look)

    def frame_at(self, seconds: float) -> Frame:
        """The frame on show ``seconds`` after the first (the last that starts at or
        before it; the first frame for a time before it, the last for one after)."""
        import av

        target = round(Fraction(max(0.0, seconds)) / self._base) + self._t0
        ahead = round(Fraction(FORWARD_S) / self._base)
        last = self._last
        if last is not None and last.pts <= target <= last.pts + ahead:
            chosen = last
        else:
            self._container.seek(target, stream=self._stream, backward=True, any_frame=False)
            self.seeks += 1
            self._frames = self._container.decode(self._stream)
            self._ahead = None
            chosen = None
        try:
            while True:
                frame = self._ahead if self._ahead is not None else next(self._frames, None)
                self._ahead = None
                if frame is None:
                    break
                if frame.pts is None:
                    continue
                if chosen is not None and frame.pts > target:
                    self._ahead = frame  # the next call may need it
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
        self._last = chosen
        return self._picture(chosen)

    def _picture(self, frame: av.VideoFrame) -> Frame:
        width, height = frame.width, frame.height
        if width > self.max_width:
            height = max(2, round(height * self.max_width / width / 2) * 2)
            width = self.max_width
        rgb = frame.reformat(width=width, height=height, format="rgb24").to_ndarray()
        at_s = float(((frame.pts or 0) - self._t0) * self._base)
        return Frame(round(max(0.0, at_s), 3), width, height, rgb.tobytes())

    def close(self) -> None:
        self._frames = self._last = self._ahead = None
        self._container.close()


def _why(exc: BaseException) -> str:
    return str(getattr(exc, "strerror", None) or exc).strip() or type(exc).__name__
