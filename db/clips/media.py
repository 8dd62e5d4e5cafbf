"""Reading video files: SHA-256, PyAV probe and the times they carry (the start chosen
from them: ``db.clips.clip_time``). Thumbnails: ``db.clips.thumbnail``.

Everything here runs on a worker thread (or the command line's only thread); nothing
here touches the database.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from db.clips.name_times import name_time, quicktime_creation_date
from db.words.i18n import N_, _

if TYPE_CHECKING:
    # Imported where used: loading FFmpeg costs time and memory, which the window
    # need not pay at start-up (it probes nothing until an import runs).
    import av

HASH_CHUNK = 1 << 20
VIDEO_SUFFIXES = frozenset(
    {
        ".mp4",
        ".m4v",
        ".mov",
        ".mkv",
        ".webm",
        ".avi",
        ".ts",
        ".mts",
        ".m2ts",
        ".h264",
        ".h265",
        ".dav",
        ".3gp",
        ".flv",
        ".wmv",
    }
)
# A camera clip covers minutes, at most hours: frame times spread over more than a day
# are damaged time stamps (a 126-year gap was seen), and such a clip would match any
# request in that span, so it is refused.
MAX_CLIP_SECONDS = 86400.0


class MediaError(Exception):
    """A file that cannot be used as a clip; the message is the reason in words.

    The reason is a catalogue message (English, with ``{name}`` fields) put in the
    current language when it is read (``str``), not when it is raised: a probe runs in
    a worker process (db.clips.probing), which speaks English, and the window or the
    command line that shows the reason speaks the resident's language."""

    def __init__(self, message: str, fields: Mapping[str, object] | None = None) -> None:
        super().__init__(message, fields)  # both in args: it crosses processes pickled
        self.message, self.fields = message, dict(fields or {})

    def __str__(self) -> str:
        return _(self.message).format(**self.fields) if self.fields else _(self.message)


class Cancelled(Exception):
    """The resident cancelled the work."""


@dataclass(frozen=True)
class Probe:
    duration_s: float
    width: int
    height: int
    codec: str
    has_audio: bool
    creation_time: datetime | None
    # The iPhone's com.apple.quicktime.creationdate, with its UTC offset applied.
    quicktime_time: datetime | None = None


def sha256_file(
    path: str | os.PathLike[str],
    cancel: threading.Event | None = None,
    on_bytes: Callable[[int], None] | None = None,
) -> str:
    """SHA-256 of a file, read in 1 MiB blocks (hashlib releases the GIL on them)."""
    digest = hashlib.sha256()
    buf = bytearray(HASH_CHUNK)
    view = memoryview(buf)
    with open(path, "rb", buffering=0) as f:
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            n = f.readinto(buf)
            if not n:
                break
            digest.update(view[:n])
            if on_bytes is not None:
                on_bytes(n)
    return digest.hexdigest()


def probe(path: str | os.PathLike[str]) -> Probe:
    """Probe a video file: its streams, duration and times, and whether its packets
    reach the end its header states. No picture is decoded: the thumbnail is made
    later (``db.clips.thumbnail``), after the clip is stored.

    Raises MediaError with the reason when the file is not a usable video."""
    import av

    try:
        container = open_container(av, path)
    except av.error.InvalidDataError as exc:
        if Path(path).suffix.lower() in VIDEO_SUFFIXES:
            raise MediaError(N_("damaged or incomplete video: its header cannot be read")) from exc
        raise MediaError(N_("not a video file")) from exc
    except av.error.FFmpegError as exc:
        raise MediaError(*cannot_read(exc)) from exc
    try:
        if not container.streams.video:
            raise MediaError(NO_VIDEO_STREAM)
        vstream = container.streams.video[0]
        ctx = vstream.codec_context
        width, height = int(ctx.width or 0), int(ctx.height or 0)
        if width <= 0 or height <= 0:
            raise MediaError(N_("video stream has no picture size (damaged header)"))
        duration = duration_of(container, vstream)
        if duration > MAX_CLIP_SECONDS:
            raise MediaError(*_span_refusal(duration))
        _check_complete(container, vstream, duration)
        return Probe(
            duration_s=duration,
            width=width,
            height=height,
            codec=str(ctx.name),
            has_audio=bool(container.streams.audio),
            creation_time=_creation_time(container, vstream),
            quicktime_time=quicktime_creation_date(container.metadata),
        )
    finally:
        container.close()


# Formats whose header describes every stream (MP4/MOV's moov box, Matroska's track
# entries): FFmpeg need not read and decode packets to learn the streams, which was
# most of a probe of a camera clip. Other formats are probed as usual.
_HEADER_FORMATS = ("mov", "mp4", "matroska", "webm")
_FAST_OPTIONS = {"probesize": "32", "analyzeduration": "0", "fpsprobesize": "0"}
# FFmpeg still decoded the first seconds of a file with no audio while it looked at the
# streams (a large part of a probe of a video-only clip): its decoders skip every frame
# during that look. The codec contexts that decode a thumbnail (db.clips.thumbnail) are
# PyAV's own, without this option.
_FAST_STREAM_OPTIONS = [{"skip_frame": "all"}] * 8


def open_container(av: Any, path: str | os.PathLike[str]) -> Any:
    """Open a container; quickly when its header describes the streams fully."""
    try:
        container = av.open(
            str(path),
            metadata_errors="ignore",
            options=_FAST_OPTIONS,
            stream_options=_FAST_STREAM_OPTIONS,
        )
    except ValueError:
        # PyAV refuses per-stream options when the file shows no streams before
        # FFmpeg reads packets (MPEG-TS, a damaged MP4): open it the ordinary way.
        return av.open(str(path), metadata_errors="ignore")
    complete = any(name in container.format.name for name in _HEADER_FORMATS) and all(
        (s.type != "video" or bool(s.codec_context.width))
        and (s.type != "audio" or s.codec_context.sample_rate)
        for s in container.streams
    )
    if complete:
        return container
    container.close()
    return av.open(str(path), metadata_errors="ignore")


def _span_refusal(seconds: float) -> tuple[str, dict[str, object]]:
    days = seconds / 86400
    if days >= 730:
        years = f"{days / 365.25:,.0f}"
        return N_("its frame times span {n} years, more than a day: damaged time stamps"), {
            "n": years
        }
    return N_("its frame times span {n} days, more than a day: damaged time stamps"), {
        "n": f"{days:,.1f}"
    }


def ffmpeg_reason(exc: Exception) -> str:
    return str(getattr(exc, "strerror", None) or exc).strip() or type(exc).__name__


NO_VIDEO_STREAM = N_("has no video stream")


def cannot_read(exc: Exception) -> tuple[str, dict[str, object]]:
    """A MediaError's message and fields for a file FFmpeg cannot read (its words)."""
    return N_("cannot be read as video ({why})"), {"why": ffmpeg_reason(exc)}


def duration_of(container: av.container.InputContainer, vstream: av.VideoStream) -> float:
    import av

    if vstream.duration and vstream.time_base:
        return float(vstream.duration * vstream.time_base)
    if container.duration:
        return container.duration / av.time_base
    raise MediaError(N_("duration unknown (truncated or damaged file)"))


def _check_complete(
    container: av.container.InputContainer, vstream: av.VideoStream, duration: float
) -> None:
    """Refuse a file whose packets stop well before the duration its header states
    (a recording cut off mid-write, or a partial copy)."""
    import av

    if duration <= 1 or not vstream.time_base:
        return
    start = vstream.start_time or 0
    target = int(Fraction(duration) / vstream.time_base) + start
    last_end = None
    try:
        container.seek(target, stream=vstream, backward=True)
        for packet in container.demux(vstream):
            if packet.pts is None:
                continue
            end = packet.pts + (packet.duration or 0)
            last_end = end if last_end is None else max(last_end, end)
    except av.error.FFmpegError:
        pass
    if last_end is None:
        raise MediaError(N_("truncated: no video data near the end the header states"))
    reached = float((last_end - start) * vstream.time_base)
    if reached < duration * 0.9 - 0.5:
        raise MediaError(
            N_("truncated: video stops at {reached} s of the stated {stated} s"),
            {"reached": f"{reached:.1f}", "stated": f"{duration:.1f}"},
        )


def _creation_time(
    container: av.container.InputContainer, vstream: av.VideoStream
) -> datetime | None:
    for meta in (container.metadata, vstream.metadata):
        text = meta.get("creation_time") or meta.get("CREATION_TIME") or meta.get("DATE")
        if not text:
            continue
        try:
            moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        # mp4 writes 1904-01-01 or 1970-01-01 when the recorder had no clock.
        if moment.year >= 1990:
            return moment.astimezone(UTC)
    return None


def time_from_filename(name: str, zone: ZoneInfo) -> datetime | None:
    """The start a recorder's file name gives, in UTC (``db.clips.name_times``: local
    names are read in the camera's zone, UTC and epoch names as UTC); ``None`` when the
    name gives no start (none at all, or only the end)."""
    found = name_time(name, zone)
    return None if found is None else found.start


@dataclass(frozen=True)
class Times:
    """The times a file carries, without a thumbnail: what an import's preview shows."""

    creation_time: datetime | None
    quicktime_time: datetime | None
    duration_s: float


def read_times(path: str | os.PathLike[str]) -> Times:
    """The container's creation time, the QuickTime creation date and the duration of a
    video file, read from its header only. Raises MediaError when it is not a video."""
    import av

    try:
        container = open_container(av, path)
    except av.error.FFmpegError as exc:
        raise MediaError(*cannot_read(exc)) from exc
    try:
        if not container.streams.video:
            raise MediaError(NO_VIDEO_STREAM)
        vstream = container.streams.video[0]
        return Times(
            _creation_time(container, vstream),
            quicktime_creation_date(container.metadata),
            duration_of(container, vstream),
        )
    finally:
        container.close()
