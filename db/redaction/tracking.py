"""Boxes that follow an object (docs/redaction.md, "Boxes that follow an object").

The resident draws a box on one frame (a licence plate, a house number, anything); OpenCV's
CSRT tracker, which learns the object from that one box and needs no downloaded model,
follows it forwards to the end of the excerpt and backwards to its start. Key-frame
corrections restart the tracker where the resident set them. The result is a
:class:`~db.redaction.plan.Track` of kind "box" with only the keys interpolation needs.

Times are seconds from the clip's start (frame presentation time less the stream's start
time, as an excerpt's cut counts them); boxes are in pixels of the clip's picture. The
tracker runs on a picture at most ``TRACK_WIDTH`` pixels wide and its boxes are scaled
back. PyAV and OpenCV are imported by the functions that use them."""

from __future__ import annotations

import itertools
import math
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.redaction.plan import Box, Track

if TYPE_CHECKING:
    import av.container

# Track on a picture at most this wide: CSRT's cost grows with the pixels it searches,
# and a licence plate stays recognisable to it at this size.
TRACK_WIDTH = 640
# ... unless the box would then be smaller than this on its shorter side: the picture
# is scaled down less (at most to its full size) so that a small box keeps some detail.
MIN_TRACK_SIDE = 12
# A box smaller than this (picture pixels) is refused: there is nothing to follow.
MIN_BOX_SIDE = 4
# A key is kept only where interpolating between its neighbours would put an edge
# further than this from where the tracker saw it, in pixels of the picture tracked (the
# tracker is no more precise than those: at 1080p one is three of the clip's).
KEY_TOLERANCE = 2
# Each box is grown on every side by one tracked pixel more than the key tolerance (so
# interpolated boxes still cover what the tracker saw) plus this share of its size,
# some slack for the tracker's own wobble.
MARGIN_FRACTION = 0.05
# Following backwards keeps the decoded (scaled-down) frames of a stretch in memory and
# walks them in reverse; longer parts are decoded in stretches of this many bytes.
BACKWARD_BUDGET_BYTES = 256 * 1024 * 1024
_TICK_S = 0.1  # at most this often a progress callback
_EPS = 1e-6
_SEEK_BACK_S = 5.0  # when a seek lands after the wanted time, try this much earlier


class TrackingError(Exception):
    """Bad input (a box outside the picture, a time outside the part) or a source that
    cannot be read; the message is one line naming what is wrong."""


class TrackingCancelled(Exception):
    """The caller's cancel event was set while following."""


@dataclass
class FollowedTrack(Track):
    """A followed box's track, plus the times (seconds from the clip start) of the
    frames where the tracker lost the object. Forwards the track ends at the last frame
    seen unless a later correction restarts it (in between, the box moves in a straight
    line from the last frame seen to the correction); backwards it starts after it."""

    lost_at: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class _Anchor:
    t: float  # as the resident gave it
    box: Box  # cut to the picture


def follow_box(
    source: Path,
    start_s: float,
    end_s: float,
    at_s: float,
    box: Box,
    *,
    track_id: str,
    corrections: dict[float, Box] | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
) -> FollowedTrack:
    """Follow the object in ``box`` on the frame at ``at_s`` through [start_s, end_s]
    of the clip in ``source``, forwards and backwards. ``corrections`` (time -> box, as
    drawn) restart the tracker at the frame nearest each time and rule until the next
    one. ``progress`` gets the fraction done (0 to 1); setting ``cancel`` stops with
    :class:`TrackingCancelled`. ``corrected`` lists the frame times of the boxes set by
    hand (the drawn one included); their keys hold those boxes as given (cut to the
    picture), the tracker's boxes in between are grown by a small margin."""
    import cv2

    _check_times(start_s, end_s, at_s, corrections or {})
    clip = _Clip(Path(source), cancel)
    try:
        anchors = _anchors(at_s, box, corrections or {}, clip.width, clip.height)
        scale = _scale(clip.width, clip.height, [a.box for a in anchors])
        follower = _Follower(clip, scale, start_s, end_s, progress)
        forward = follower.forwards(anchors)
        backward = follower.backwards(anchors[0].box, start_s)
    finally:
        clip.close()
    samples = backward + forward
    keys = _keys(samples, set(follower.hand), (clip.width, clip.height), 1 / scale, clip.fps)
    if progress is not None:
        progress(1.0)
    return FollowedTrack(
        id=track_id,
        kind="box",
        keys=keys,
        source=f"drawn, followed by OpenCV CSRT {cv2.__version__}",
        corrected=sorted(follower.hand),
        lost_at=sorted(follower.lost),
    )


# -- checking the input ----------------------------------------------------------------
def _check_times(start_s: float, end_s: float, at_s: float, corrections: dict[float, Box]) -> None:
    if not all(math.isfinite(v) for v in (start_s, end_s, at_s, *corrections)):
        raise TrackingError("times to follow a box must be finite numbers of seconds")
    if start_s < 0 or end_s <= start_s:
        raise TrackingError(f"the part to follow, {start_s:g}–{end_s:g} s, is empty or negative")
    for label, t in [("the drawn box's time", at_s)] + [("a correction", t) for t in corrections]:
        if not start_s - _EPS <= t <= end_s + _EPS:
            raise TrackingError(
                f"{label}, {t:g} s, is outside the part followed ({start_s:g}–{end_s:g} s)"
            )


def _anchors(
    at_s: float, box: Box, corrections: dict[float, Box], width: int, height: int
) -> list[_Anchor]:
    """The boxes set by hand, in time order, each cut to the picture. A correction at the
    drawn box's time replaces it."""
    given = {at_s: box, **corrections}
    out = []
    for t in sorted(given):
        label = "the box to follow" if t == at_s and given[t] is box else f"the box at {t:g} s"
        out.append(_Anchor(t, _inside(given[t], width, height, label)))
    return out


def _inside(box: Box, width: int, height: int, label: str) -> Box:
    where = f"({box.x}, {box.y}, {box.w}×{box.h})"
    if box.w <= 0 or box.h <= 0:
        raise TrackingError(f"{label} {where} needs a positive width and height")
    cut = _clip_box(box.x, box.y, box.x + box.w, box.y + box.h, width, height)
    if cut is None:
        raise TrackingError(f"{label} {where} is outside the {width}×{height} picture")
    if cut.w < MIN_BOX_SIDE or cut.h < MIN_BOX_SIDE:
        raise TrackingError(
            f"{label} {where} is too small to follow inside the {width}×{height} picture "
            f"(at least {MIN_BOX_SIDE}×{MIN_BOX_SIDE} pixels)"
        )
    return cut


def _clip_box(x0: float, y0: float, x1: float, y1: float, width: int, height: int) -> Box | None:
    """The whole-pixel box covering (x0, y0)–(x1, y1), cut to the picture; None if empty."""
    a, b = max(0, math.floor(x0)), max(0, math.floor(y0))
    c, d = min(width, math.ceil(x1)), min(height, math.ceil(y1))
    return Box(a, b, c - a, d - b) if c > a and d > b else None


def _scale(width: int, height: int, boxes: list[Box]) -> float:
    scale = min(1.0, TRACK_WIDTH / width)
    smallest = min(min(b.w, b.h) for b in boxes)
    return max(scale, min(1.0, MIN_TRACK_SIDE / smallest))


# -- decoding ----------------------------------------------------------------------------
class _Clip:
    """The source opened for decoding, with its picture size and frame times."""

    def __init__(self, path: Path, cancel: threading.Event | None) -> None:
        import av

        if not path.is_file():
            raise TrackingError(f"video file missing: {path}")
        try:
            self.container: av.container.InputContainer = av.open(
                str(path), "r", metadata_errors="ignore"
            )
        except av.error.FFmpegError as exc:
            raise TrackingError(f"{path.name} cannot be read as video ({_why(exc)})") from None
        if not self.container.streams.video:
            self.container.close()
            raise TrackingError(f"{path.name} has no video stream")
        self.name = path.name
        self.cancel = cancel
        self.stream = vin = self.container.streams.video[0]
        vin.thread_type = "AUTO"
        self.tb = vin.time_base or Fraction(1, 90000)
        self.t0 = vin.start_time or 0
        self.width = int(vin.codec_context.width or 0) & ~1
        self.height = int(vin.codec_context.height or 0) & ~1
        if self.width <= 0 or self.height <= 0:
            self.container.close()
            raise TrackingError(f"{path.name} has no picture size")
        rate = vin.average_rate or vin.guessed_rate or Fraction(25)
        self.fps = float(rate) if float(rate) > 0 else 25.0

    def close(self) -> None:
        self.container.close()

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise TrackingCancelled("following the box was cancelled")

    def frames(self, lo: float, hi: float, size: tuple[int, int]) -> Iterator[tuple[float, Any]]:
        """(time, BGR picture of ``size``) of each frame shown in [lo, hi): the one
        showing ``lo`` (the last at or before it) and every later one before ``hi``."""
        import av

        try:
            # Seeking is imprecise in some containers (MPEG-TS): when the first frame
            # decoded comes after lo (or none comes), the frame showing lo was skipped;
            # seek further back, at last to the clip's start.
            for seek_s in (lo, lo - _SEEK_BACK_S, None):
                if seek_s is not None and seek_s <= 0:
                    continue
                decoded = self._decoded(seek_s)
                head = next(decoded, None)
                if seek_s is None or (head is not None and head[0] <= lo + _EPS):
                    break
            if head is not None:
                yield from self._shown(_chain(head, decoded), lo, hi, size)
        except av.error.FFmpegError as exc:
            raise TrackingError(f"{self.name} cannot be decoded ({_why(exc)})") from None

    def _shown(
        self, decoded: Iterator[tuple[float, Any]], lo: float, hi: float, size: tuple[int, int]
    ) -> Iterator[tuple[float, Any]]:
        held: tuple[float, Any] | None = None
        for t, frame in decoded:
            if t >= hi:
                break
            if t <= lo + _EPS:
                held = (t, frame)
                continue
            if held is not None:
                yield held[0], self._picture(held[1], size)
                held = None
            yield t, self._picture(frame, size)
        if held is not None and held[0] >= lo - 2 / self.fps:
            # the clip's last frame shows lo only if lo is within about a frame of it
            yield held[0], self._picture(held[1], size)

    def _picture(self, frame: Any, size: tuple[int, int]) -> Any:
        return frame.to_ndarray(format="bgr24", width=size[0], height=size[1])

    def _decoded(self, seek_s: float | None) -> Iterator[tuple[float, Any]]:
        """Seek to the key frame at or before ``seek_s`` (None: the clip's start)."""
        target = self.t0 + (int(Fraction(seek_s) / self.tb) if seek_s else 0)
        self.container.seek(target, stream=self.stream, backward=True, any_frame=False)
        self.stream.codec_context.flush_buffers()
        return self._decoded_on()

    def _decoded_on(self) -> Iterator[tuple[float, Any]]:
        """Decoded frames from where the container stands, with their times."""
        for packet in self.container.demux(self.stream):
            self.check_cancel()
            for frame in packet.decode():
                if frame.pts is not None:
                    yield float((frame.pts - self.t0) * self.tb), frame


def _chain(head: tuple[float, Any], rest: Iterator[tuple[float, Any]]) -> Iterator[Any]:
    yield head
    yield from rest


def _why(exc: Exception) -> str:
    return str(getattr(exc, "strerror", None) or exc).strip().rstrip(".")


# -- following ---------------------------------------------------------------------------
class _Follower:
    """Runs CSRT over the decoded frames; collects (frame time, box or None) samples."""

    def __init__(
        self,
        clip: _Clip,
        scale: float,
        start_s: float,
        end_s: float,
        progress: Callable[[float], None] | None,
    ) -> None:
        self.clip = clip
        tw = max(2, round(clip.width * scale) & ~1)
        th = max(2, round(clip.height * scale) & ~1)
        self.size = (tw, th)
        self.sx, self.sy = tw / clip.width, th / clip.height
        self.start_s, self.end_s = start_s, end_s
        self.progress = progress
        self.next_tick = time.monotonic() + _TICK_S
        self.hand: list[float] = []  # frame times of the boxes set by hand
        self.lost: list[float] = []
        self.first_t = 0.0  # the first anchor's frame time
        self.first_picture: Any = None
        self.forward_s = 0.0  # seconds followed forwards, for progress

    def forwards(self, anchors: list[_Anchor]) -> list[tuple[float, Box | None]]:
        """From the first anchor's frame to the end; each anchor restarts the tracker
        on the frame nearest its time (the last one shown at or before the time plus
        half a frame: one frame is read ahead to know it)."""
        half = 0.5 / self.clip.fps
        samples: list[tuple[float, Box | None]] = []
        tracker: Any = None
        k = 0
        frames = self.clip.frames(anchors[0].t + half, self.end_s, self.size)
        current = next(frames, None)
        while current is not None:
            ahead = next(frames, None)
            t, picture = current
            anchor = None
            while k < len(anchors) and (ahead is None or ahead[0] > anchors[k].t + half + _EPS):
                anchor, k = anchors[k], k + 1
            if anchor is not None:
                if not samples:
                    self.first_t, self.first_picture = t, picture
                tracker = self._start(picture, anchor.box)
                samples.append((t, anchor.box))
                self.hand.append(t)
            elif tracker is None:
                samples.append((t, None))  # lost: nothing until the next correction
            else:
                box = self._update(tracker, picture)
                if box is None:
                    self.lost.append(t)
                    tracker = None
                samples.append((t, box))
            self._tick(t - self.first_t)
            current = ahead
        if not samples:
            raise TrackingError(
                f"{self.clip.name} has no picture between {self.start_s:g} and {self.end_s:g} s"
            )
        self.forward_s = samples[-1][0] - self.first_t
        return samples

    def backwards(self, box: Box, start_s: float) -> list[tuple[float, Box | None]]:
        """From the first anchor's frame back to the frame showing ``start_s``, decoded
        in stretches that fit the memory budget, each walked in reverse."""
        tw, th = self.size
        stretch_s = max(1.0, BACKWARD_BUDGET_BYTES / (tw * th * 3) / self.clip.fps)
        tracker = self._start(self.first_picture, box)
        self.first_picture = None
        out: list[tuple[float, Box | None]] = []
        hi = self.first_t
        while hi > start_s + _EPS:
            lo = max(start_s, hi - stretch_s)
            stretch = list(self.clip.frames(lo, hi, self.size))
            if not stretch:
                break
            for t, picture in reversed(stretch):
                self.clip.check_cancel()
                found = self._update(tracker, picture)
                if found is None:
                    self.lost.append(t)
                    return out[::-1]
                out.append((t, found))
                self._tick(self.forward_s + self.first_t - t)
            hi = stretch[0][0]
            if lo <= start_s:
                break
        return out[::-1]

    def _start(self, picture: Any, box: Box) -> Any:
        import cv2

        tracker = cv2.TrackerCSRT.create()
        x0, y0 = math.floor(box.x * self.sx), math.floor(box.y * self.sy)
        x1 = max(x0 + 2, math.ceil((box.x + box.w) * self.sx))
        y1 = max(y0 + 2, math.ceil((box.y + box.h) * self.sy))
        tracker.init(picture, (x0, y0, x1 - x0, y1 - y0))
        return tracker

    def _update(self, tracker: Any, picture: Any) -> Box | None:
        """The box in picture pixels, or None when the tracker lost the object (CSRT keeps
        its box inside the picture and says so when the object has left it)."""
        ok, (x, y, w, h) = tracker.update(picture)
        if not ok or w <= 0 or h <= 0:
            return None
        x0, y0 = x / self.sx, y / self.sy
        x1, y1 = (x + w) / self.sx, (y + h) / self.sy
        return _clip_box(x0, y0, x1, y1, self.clip.width, self.clip.height)

    def _tick(self, done_s: float) -> None:
        self.clip.check_cancel()
        if self.progress is None:
            return
        now = time.monotonic()
        if now >= self.next_tick:
            self.next_tick = now + _TICK_S
            total = max(_EPS, self.end_s - self.start_s)
            self.progress(min(1.0, max(0.0, done_s / total)))


# -- keys ----------------------------------------------------------------------------------
def _keys(
    samples: list[tuple[float, Box | None]],
    hand: set[float],
    picture: tuple[int, int],
    unit: float,
    fps: float,
) -> list[tuple[float, Box]]:
    """The boxes of the frames followed, thinned to the keys interpolation needs
    (``unit``: picture pixels per pixel tracked). Boxes set by hand are kept as set (so
    that following again with them gives the same track); the tracker's are grown by a
    margin. Kept always: boxes set by hand and the frames on either side of a stretch
    where the object was lost. The first and last
    boxes are held a quarter frame beyond their frames, so that a frame time rounded a
    little (as a stored plan's are) is still covered."""
    import numpy as np

    tolerance = KEY_TOLERANCE * unit
    pad = 0.25 / fps

    seen: list[tuple[float, Box]] = []
    must: set[int] = set()
    previous_lost = True
    for t, box in samples:
        if box is None:
            if not previous_lost and seen:
                must.add(len(seen) - 1)
            previous_lost = True
            continue
        if previous_lost or t in hand:
            must.add(len(seen))
        previous_lost = False
        seen.append((t, box if t in hand else _grow(box, tolerance + unit, picture)))
    must.update({0, len(seen) - 1})
    times = np.array([t for t, _ in seen])
    edges = np.array([[b.x, b.y, b.x + b.w, b.y + b.h] for _, b in seen], dtype=float)
    kept = set(must)
    fixed = sorted(must)
    for a, b in itertools.pairwise(fixed):
        kept.update(_thin(times, edges, a, b, tolerance))
    keys = [seen[i] for i in sorted(kept)]
    first_t, first_box = keys[0]
    if max(0.0, first_t - pad) < first_t:
        keys.insert(0, (max(0.0, first_t - pad), first_box))
    keys.append((keys[-1][0] + pad, keys[-1][1]))
    return keys


def _thin(times: Any, edges: Any, a: int, b: int, tolerance: float) -> set[int]:
    """Douglas–Peucker between samples ``a`` and ``b``: the indices to keep so that no
    edge is interpolated further than ``tolerance`` from the sample."""
    import numpy as np

    keep: set[int] = set()
    stack = [(a, b)]
    while stack:
        i, j = stack.pop()
        if j - i < 2:
            continue
        span = times[j] - times[i]
        k = ((times[i + 1 : j] - times[i]) / span)[:, None] if span > 0 else 0.0
        guess = edges[i] + (edges[j] - edges[i]) * k
        error = np.abs(guess - edges[i + 1 : j]).max(axis=1)
        worst = int(error.argmax())
        if error[worst] > tolerance:
            m = i + 1 + worst
            keep.add(m)
            stack += [(i, m), (m, j)]
    return keep


def _grow(box: Box, margin: float, picture: tuple[int, int]) -> Box:
    mx = margin + MARGIN_FRACTION * box.w
    my = margin + MARGIN_FRACTION * box.h
    x1, y1 = box.x + box.w + mx, box.y + box.h + my
    return _clip_box(box.x - mx, box.y - my, x1, y1, *picture) or box
