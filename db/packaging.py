"""Share packages: the excerpts a resident sends an agency, with a signed manifest
(SPEC.md, "Decisions and sharing"; docs/packages.md).

A package is a folder (or a zip of the same folder) laid out as :mod:`db.package_format`
says; that module also reads and verifies packages.

Each excerpt is cut from the original ("master copy"), which is opened read-only and
never changed. Stream copy is used when it keeps the whole requested time (the cut
starts at the key frame at or before the requested start); otherwise the excerpt is
re-encoded with libx264. Audio is removed unless kept; container tags are not copied
(only ``creation_time``, set to the excerpt's UTC start, is written) and embedded
encoder/user data (H.264/HEVC SEI, MPEG-4 user data) is removed.

Nothing here touches the database or Qt; PyAV is imported by the functions that use it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
import shutil
import threading
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from db import subtitle_cues, video_range
from db.package_format import (
    EXCERPTS,
    MANIFEST,
    PACKAGE_FORMAT,
    PACKAGE_FORMAT_VERSION,
    PUBLIC_KEY,
    SIGNATURE,
    SUMS,
    format_sums,
)
from db.package_partials import PARTIAL_PREFIX as PARTIAL_PREFIX  # named by callers
from db.package_partials import clean_partials, make_work_folder

if TYPE_CHECKING:
    import av
    import av.container


# Stream copy is used only for codecs whose embedded user data Doorstep can strip and
# that an mp4 file holds; anything else is re-encoded.
COPY_VIDEO_CODECS = frozenset({"h264", "hevc", "mpeg4"})
# Audio (when kept) is copied in these codecs and re-encoded to AAC otherwise.
COPY_AUDIO_CODECS = frozenset({"aac", "mp3"})
# A stream copy starts at the key frame before the requested start. When that key frame
# is further back than this, the excerpt is re-encoded instead, so that an excerpt
# never carries much more than was asked for.
MAX_COPY_LEAD_S = 10.0
# Size estimates (check_limits) allow this much more than the source's share.
ESTIMATE_HEADROOM = 1.1
ESTIMATE_SLACK_BYTES = 1_000_000
REENCODE_PRESET = "veryfast"
REENCODE_CRF = 20
_HASH_CHUNK = 1 << 20
_TICK_S = 0.1  # at most this often a progress callback while cutting
_SEI_CODECS = frozenset({"h264", "hevc"})


@dataclass(frozen=True)
class ReceiverLimits:
    """What the receiving evidence service accepts in one package."""

    max_files: int = 16
    max_file_bytes: int = 2_000_000_000
    max_total_bytes: int = 10_000_000_000


@dataclass(frozen=True)
class ExcerptSpec:
    """One clip to share, and the part of it to cut (times are aware datetimes)."""

    clip_id: int
    source_path: Path
    source_sha256: str  # the original ("master copy"), from the database
    camera: str
    camera_lat: float
    camera_lon: float
    clip_start_utc: datetime  # the clip's true start (clock offset already applied)
    clip_duration_s: float
    want_start_utc: datetime  # the part to share: request window (plus margin) ∩ clip
    want_end_utc: datetime


@dataclass(frozen=True)
class PackageSpec:
    """Everything a package holds apart from the signing key."""

    request: dict[str, Any]
    excerpts: list[ExcerptSpec]
    keep_audio: bool = False
    utc_subtitles: bool = False
    audit_head: str | None = None  # the hash of the resident's audit chain head ...
    limits: ReceiverLimits = field(default_factory=ReceiverLimits)
    audit_seq: int | None = None  # ... and the number of that entry


class PackageError(Exception):
    """A package that cannot be built; the message names the problem in one line."""


class PackageCancelled(PackageError):
    """The resident cancelled the build; nothing was left behind."""


Progress = Callable[[int, int, str], None]


# -- limits ---------------------------------------------------------------------------
def _mb(n: float) -> str:
    if n >= 1_000_000_000:
        return f"{n / 1_000_000_000:.1f} GB"
    return f"{n / 1_000_000:.0f} MB"


def _excerpt_label(ex: ExcerptSpec) -> str:
    return f"clip {ex.clip_id} ({ex.camera}, {_iso(ex.clip_start_utc)})"


def estimate_bytes(ex: ExcerptSpec) -> int:
    """An upper estimate of an excerpt's size: the source's size times the share of
    its duration asked for, with headroom (for the lead to the key frame). Raises
    OSError when the source cannot be read."""
    size = os.stat(ex.source_path).st_size
    wanted = max(0.0, (ex.want_end_utc - ex.want_start_utc).total_seconds())
    share = min(1.0, wanted / ex.clip_duration_s) if ex.clip_duration_s > 0 else 1.0
    return min(size, int(size * share * ESTIMATE_HEADROOM)) + ESTIMATE_SLACK_BYTES


def check_limits(spec: PackageSpec) -> list[str]:
    """What would break the receiver's limits, in words; checked before building.
    Sizes are estimates (``estimate_bytes``). An empty list means the package fits."""
    limits = spec.limits
    problems: list[str] = []
    n = len(spec.excerpts)
    if n > limits.max_files:
        problems.append(f"{n} excerpts; the receiver accepts at most {limits.max_files} a package")
    total = 0
    for ex in spec.excerpts:
        if not ex.source_path.exists():
            problems.append(f"{_excerpt_label(ex)}: source file missing: {ex.source_path}")
            continue
        if not ex.source_path.is_file():
            problems.append(f"{_excerpt_label(ex)}: source is not a file: {ex.source_path}")
            continue
        try:
            size = estimate_bytes(ex)
        except OSError as exc:
            problems.append(f"{_excerpt_label(ex)}: source file cannot be read ({_why(exc)})")
            continue
        total += size
        if size > limits.max_file_bytes:
            problems.append(
                f"{_excerpt_label(ex)}: excerpt of about {_mb(size)}; the receiver accepts "
                f"at most {_mb(limits.max_file_bytes)} a file"
            )
    if total > limits.max_total_bytes:
        problems.append(
            f"about {_mb(total)} in all; the receiver accepts at most "
            f"{_mb(limits.max_total_bytes)} a package"
        )
    return problems


def _why(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return str(text).strip().rstrip(".") or type(exc).__name__


# -- times and names ------------------------------------------------------------------
def _iso(moment: datetime) -> str:
    """UTC, millisecond precision, with a Z: 2026-11-01T06:00:10.000Z."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _compact(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:40].strip("-") or "camera"


def _jsonable(value: Any) -> Any:
    """Request values as JSON: datetimes become UTC ISO strings, paths strings."""
    if isinstance(value, datetime):
        return _iso(value) if value.tzinfo else value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def app_version() -> str:
    """The installed Doorstep version, or "unknown" in a bare source tree."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("doorstep")
    except PackageNotFoundError:
        return "unknown"


# -- cutting one excerpt --------------------------------------------------------------
@dataclass
class _Cut:
    """What cutting one excerpt produced (offsets in seconds from the clip start)."""

    start_s: float
    end_s: float
    re_encoded: bool
    reason: str | None
    audio: str  # "removed", "kept", "kept (re-encoded to AAC)", "none in source"
    subtitles: bool


class _CopyImpossible(Exception):
    """Stream copy cannot keep the requested time (or fails); re-encode instead."""


def _strip_mpeg4_user_data(data: bytes) -> bytes:
    """MPEG-4 Part 2 data without its user_data segments (start code 0x000001B2,
    where encoders write their name)."""
    marker = b"\x00\x00\x01\xb2"
    if marker not in data:
        return data
    out = bytearray()
    pos = 0
    while True:
        at = data.find(marker, pos)
        if at < 0:
            out += data[pos:]
            return bytes(out)
        out += data[pos:at]
        nxt = data.find(b"\x00\x00\x01", at + 4)
        if nxt < 0:
            return bytes(out)
        pos = nxt


def _sei_nal(codec: str, nal: bytes) -> bool:
    """Whether a NAL unit is an SEI message (H.264 type 6, HEVC types 39 and 40)."""
    if not nal:
        return False
    if codec == "h264":
        return nal[0] & 0x1F == 6
    return (nal[0] >> 1) & 0x3F in (39, 40)


def _strip_sei_extradata(codec: str, data: bytes) -> bytes:
    """H.264/HEVC extradata without SEI NAL units (x265, for one, writes its name and
    options there). Handles Annex B and hvcC; avcC holds no SEI. Anything it cannot
    parse is returned unchanged."""
    if codec not in _SEI_CODECS:
        return data
    if data.startswith(b"\x00\x00\x01") or data.startswith(b"\x00\x00\x00\x01"):
        nals = [n.lstrip(b"\x00") for n in re.split(b"\x00\x00\x01", data)]
        kept = [n for n in nals if n and not _sei_nal(codec, n)]
        return b"".join(b"\x00\x00\x00\x01" + n for n in kept)
    if codec != "hevc" or len(data) < 23 or data[0] != 1:
        return data
    try:
        out = bytearray(data[:22])
        arrays = []
        pos = 23
        for _ in range(data[22]):
            kind, count = data[pos], int.from_bytes(data[pos + 1 : pos + 3], "big")
            start = pos
            pos += 3
            for _ in range(count):
                pos += 2 + int.from_bytes(data[pos : pos + 2], "big")
            if pos > len(data):
                return data
            if kind & 0x3F not in (39, 40):
                arrays.append(data[start:pos])
        out.append(len(arrays))
        for array in arrays:
            out += array
        return bytes(out) + data[pos:]
    except IndexError:
        return data


class _UserDataStripper:
    """Takes encoder and user data out of video packets: SEI NAL units in H.264 and
    HEVC (length-prefixed as in mp4/mkv, or Annex B as in MPEG-TS and from libx264),
    user_data in MPEG-4 Part 2. Packets without any pass untouched (no copy)."""

    def __init__(self, codec: str, extradata: bytes | None) -> None:
        self.codec = codec
        self.length_size = 0  # 0: Annex B start codes
        if extradata and extradata[0] == 1:
            if codec == "h264" and len(extradata) >= 7:
                self.length_size = (extradata[4] & 3) + 1
            elif codec == "hevc" and len(extradata) >= 23:
                self.length_size = (extradata[21] & 3) + 1

    def _sei(self, header: int) -> bool:
        if self.codec == "h264":
            return header & 0x1F == 6
        return (header >> 1) & 0x3F in (39, 40)

    def strip(self, packet: Any) -> bytes | None:
        """The packet's data without user data, or None when it holds none."""
        if self.codec == "mpeg4":
            data = bytes(packet)
            stripped = _strip_mpeg4_user_data(data)
            return None if stripped is data else stripped
        if self.codec not in _SEI_CODECS:
            return None
        if self.length_size:
            return self._strip_length_prefixed(memoryview(packet))
        return self._strip_annex_b(bytes(packet))

    def _strip_length_prefixed(self, view: memoryview) -> bytes | None:
        size = self.length_size
        kept: list[memoryview] = []
        found = False
        pos = 0
        while pos + size < len(view):
            end = pos + size + int.from_bytes(view[pos : pos + size], "big")
            if end > len(view):
                return None  # not length-prefixed after all: leave it to the decoder
            if self._sei(view[pos + size]):
                found = True
            else:
                kept.append(view[pos:end])
            pos = end
        return b"".join(kept) if found else None

    def _strip_annex_b(self, data: bytes) -> bytes | None:
        starts = []
        at = data.find(b"\x00\x00\x01")
        while at >= 0:
            starts.append(at)
            at = data.find(b"\x00\x00\x01", at + 3)
        drop = {i for i, at in enumerate(starts) if at + 3 < len(data) and self._sei(data[at + 3])}
        if not drop:
            return None
        out = bytearray(data[: starts[0]])
        bounds = [*starts, len(data)]
        for i, at in enumerate(starts):
            if i not in drop:
                out += data[at : bounds[i + 1]]
        return bytes(out)


class _Writer:
    """The output mp4 of one excerpt: video (copied or encoded), optional audio and
    optional UTC subtitle cues, with no tags but creation_time."""

    def __init__(self, path: Path, start_utc: datetime) -> None:
        import av

        self.av = av
        self.path = path
        self.out = av.open(str(path), "w", format="mp4", container_options={"fflags": "+bitexact"})
        self.out.metadata.clear()
        self.out.metadata["creation_time"] = (
            start_utc.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"
        )
        self.start_utc = start_utc
        self.vout: Any = None
        self.aout: Any = None
        self.sout: Any = None
        self.stripper: _UserDataStripper | None = None
        self.audio_encoder = False
        self.video_encoder = False
        self.cues: list[tuple[int, int, str]] = []  # (start ms, duration ms, text)
        self.cue_next = 0

    # streams
    def copy_video(self, vin: Any) -> None:
        """A video stream copied from ``vin`` (codec parameters from the template),
        without the encoder's user data in its extradata or packets."""
        self.vout = self.out.add_stream_from_template(vin)
        self.vout.metadata.clear()
        name = vin.codec_context.name
        self.vout.codec_tag = "\0\0\0\0"  # let mp4 choose (an avi's FMP4 is not valid)
        extradata = self.vout.codec_context.extradata
        self.stripper = _UserDataStripper(name, extradata)
        if extradata:
            if name == "mpeg4":
                stripped = _strip_mpeg4_user_data(extradata)
            else:
                stripped = _strip_sei_extradata(name, extradata)
            if stripped != extradata:
                self.vout.codec_context.extradata = stripped

    def encode_video(self, width: int, height: int, rate: Fraction, colorspace: int) -> None:
        """A libx264 video stream, a key frame every 2 s, limited range."""
        self.vout = self.out.add_stream("libx264", rate=rate)
        self.vout.width = width
        self.vout.height = height
        self.vout.pix_fmt = video_range.OUTPUT_PIX_FMT
        video_range.tag_limited(self.vout.codec_context, colorspace)
        self.vout.codec_context.time_base = Fraction(1, 90000)
        self.vout.codec_context.gop_size = max(1, round(2 * rate))
        self.vout.options = {"preset": REENCODE_PRESET, "crf": str(REENCODE_CRF)}
        self.vout.metadata.clear()
        self.video_encoder = True
        self.stripper = _UserDataStripper("h264", None)  # libx264 writes Annex B

    def copy_audio(self, ain: Any) -> None:
        self.aout = self.out.add_stream_from_template(ain)
        self.aout.metadata.clear()
        self.aout.codec_tag = "\0\0\0\0"

    def encode_audio(self, ain: Any) -> None:
        ctx = ain.codec_context
        rate = int(ctx.sample_rate or 48000)
        self.aout = self.out.add_stream("aac", rate=rate)
        self.aout.layout = ctx.layout.name if ctx.layout and ctx.layout.nb_channels else "mono"
        self.aout.options = {"flags": "+bitexact"}
        self.aout.metadata.clear()
        self.audio_encoder = True

    def add_subtitles(self, duration_s: float) -> None:
        """A mov_text stream with one cue per UTC second of the excerpt; ``duration_s``
        may be longer than the excerpt turns out (finish() cuts the cues to it)."""
        self.sout = self.out.add_stream("mov_text")
        self.sout.codec_context.subtitle_header = subtitle_cues.ASS_HEADER
        self.sout.codec_context.time_base = Fraction(1, 1000)
        self.sout.time_base = Fraction(1, 1000)
        self.sout.metadata.clear()
        self.cues = subtitle_cues.utc_cues(self.start_utc, duration_s)

    # packets
    def video_packet(self, packet: Any, out_seconds: float) -> None:
        """Mux a video packet (timestamps already relative to the excerpt start)."""
        self._subtitles_until(out_seconds)
        stripped = self.stripper.strip(packet) if self.stripper is not None else None
        if stripped is not None:
            p = self.av.Packet(stripped)
            p.pts, p.dts, p.duration = packet.pts, packet.dts, packet.duration
            p.time_base, p.is_keyframe = packet.time_base, packet.is_keyframe
            packet = p
        packet.stream = self.vout
        self.out.mux(packet)

    def encode_frame(self, frame: Any, out_seconds: float) -> None:
        self._subtitles_until(out_seconds)
        for p in self.vout.encode(frame):
            self.video_packet(p, out_seconds)

    def audio_packet(self, packet: Any) -> None:
        packet.stream = self.aout
        self.out.mux(packet)

    def encode_audio_frame(self, frame: Any) -> None:
        for p in self.aout.encode(frame):
            self.out.mux(p)

    def _subtitles_until(self, seconds: float) -> None:
        """Mux the cues that end by ``seconds`` of the excerpt (a cue waits until the
        video passes its end, so the last one can be cut to the excerpt's real end)."""
        if self.sout is None:
            return
        ms = seconds * 1000
        while self.cue_next < len(self.cues) and sum(self.cues[self.cue_next][:2]) <= ms:
            start, duration, text = self.cues[self.cue_next]
            data = text.encode("utf-8")
            p = self.av.Packet(len(data).to_bytes(2, "big") + data)
            p.pts = p.dts = start
            p.duration = duration
            p.time_base = Fraction(1, 1000)
            p.stream = self.sout
            self.out.mux(p)
            self.cue_next += 1

    def finish(self, duration_s: float) -> None:
        """Flush encoders and filters, write the remaining cues, close the file."""
        if self.video_encoder:
            for p in self.vout.encode(None):
                self.video_packet(p, duration_s)
        if self.audio_encoder:
            for p in self.aout.encode(None):
                self.out.mux(p)
        if self.sout is not None:
            end_ms = round(duration_s * 1000)
            self.cues = self.cues[: self.cue_next] + [
                (a, min(d, end_ms - a), text)
                for a, d, text in self.cues[self.cue_next :]
                if a < end_ms
            ]
            self._subtitles_until(math.inf)
        self.out.close()

    def abort(self) -> None:
        try:
            self.out.close()
        except Exception:  # noqa: BLE001 - the file is deleted anyway
            pass


@dataclass
class _Job:
    """One excerpt's cut: the source, the wanted offsets and the output options."""

    ex: ExcerptSpec
    dest: Path
    want_a: float  # seconds from the clip start
    want_b: float
    keep_audio: bool
    subtitles: bool
    tick: Callable[[float], None]  # seconds of the excerpt done so far
    cancel: threading.Event | None

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise PackageCancelled("cancelled")


def _open_source(job: _Job) -> av.container.InputContainer:
    import av

    label = _excerpt_label(job.ex)
    path = job.ex.source_path
    if not path.is_file():
        raise PackageError(f"{label}: source file missing: {path}")
    try:
        container = av.open(str(path), "r", metadata_errors="ignore")
    except av.error.FFmpegError as exc:
        raise PackageError(f"{label}: source cannot be read as video ({_why(exc)})") from None
    if not container.streams.video:
        container.close()
        raise PackageError(f"{label}: source has no video stream")
    return container


def _cut(job: _Job) -> _Cut:
    """Cut one excerpt into ``job.dest``: stream copy when possible, else re-encode."""
    import av

    label = _excerpt_label(job.ex)
    reason: str | None = None
    container = _open_source(job)
    try:
        vin = container.streams.video[0]
        codec = vin.codec_context.name
        if codec not in COPY_VIDEO_CODECS:
            reason = f"{codec} video is not stream-copied (only H.264, HEVC and MPEG-4 are)"
        else:
            try:
                return _copy(job, container)
            except _CopyImpossible as exc:
                reason = str(exc)
                job.dest.unlink(missing_ok=True)
            except av.error.FFmpegError as exc:
                reason = f"stream copy failed ({_why(exc)})"
                job.dest.unlink(missing_ok=True)
    finally:
        container.close()
    container = _open_source(job)
    try:
        return _reencode(job, container, reason or "re-encoded")
    except av.error.FFmpegError as exc:
        raise PackageError(f"{label}: source cannot be cut ({_why(exc)})") from None
    finally:
        container.close()


def _audio_plan(job: _Job, container: av.container.InputContainer) -> tuple[Any, str]:
    """(audio stream to keep or None, what the manifest says about audio)."""
    if not container.streams.audio:
        return None, "none in source"
    if not job.keep_audio:
        return None, "removed"
    ain = container.streams.audio[0]
    if ain.codec_context.name in COPY_AUDIO_CODECS:
        return ain, "kept"
    return ain, "kept (re-encoded to AAC)"


def _copy(job: _Job, container: av.container.InputContainer) -> _Cut:
    """Stream copy from the key frame at or before the wanted start to the wanted end."""
    vin = container.streams.video[0]
    tb = vin.time_base
    if tb is None:
        raise _CopyImpossible("the video stream has no time base")
    t0 = vin.start_time or 0
    target = t0 + int(Fraction(job.want_a) / tb)
    end = t0 + math.ceil(Fraction(job.want_b) / tb)
    ain, audio_words = _audio_plan(job, container)
    streams = [vin] if ain is None else [vin, ain]

    def find_keyframe(seek_to: int) -> tuple[int | None, list[Any], list[Any]]:
        container.seek(seek_to, stream=vin, backward=True, any_frame=False)
        kf: int | None = None
        vbuf: list[Any] = []
        abuf: list[Any] = []
        for packet in container.demux(*streams):
            job.check_cancel()
            if packet.size == 0:
                continue
            if packet.stream is not vin:
                abuf.append(packet)
                continue
            pts = packet.pts if packet.pts is not None else packet.dts
            dts = packet.dts if packet.dts is not None else pts
            if pts is None:
                continue
            if packet.is_keyframe and pts <= target:
                kf, vbuf = pts, [packet]
            elif kf is not None:
                vbuf.append(packet)
            if dts >= target:
                break
        return kf, vbuf, abuf

    kf, vbuf, abuf = find_keyframe(target)
    if kf is None and target > t0:
        kf, vbuf, abuf = find_keyframe(t0)
    if kf is None:
        raise _CopyImpossible("no key frame at or before the requested start")
    lead = float((target - kf) * tb)
    if lead > MAX_COPY_LEAD_S:
        raise _CopyImpossible(
            f"the key frame before the requested start is {lead:.1f} s earlier "
            f"(more than {MAX_COPY_LEAD_S:g} s)"
        )
    offset = kf  # the key frame shows at 0 s; the first decode times may be negative
    frame_ticks = max(1, round(1 / (vin.average_rate * tb))) if vin.average_rate else 1
    _fill_leading_dts(vbuf, frame_ticks)
    start_s = float((kf - t0) * tb)
    start_utc = job.ex.clip_start_utc + timedelta(seconds=start_s)
    wanted_len = job.want_b - start_s
    writer = _Writer(job.dest, start_utc)
    try:
        writer.copy_video(vin)
        if ain is not None:
            if ain.codec_context.name in COPY_AUDIO_CODECS:
                writer.copy_audio(ain)
            else:
                writer.encode_audio(ain)
        if job.subtitles:
            writer.add_subtitles(wanted_len + 60)  # cut to the real end in finish()
        delay = int(vin.codec_context.has_b_frames or 0)
        last_end = kf
        last_dts: int | None = None
        next_dts: int | None = None
        cut_start_s = float(kf * tb)  # in the source's time, for audio
        end_s_source = float(end * tb)
        next_tick = time.monotonic() + _TICK_S

        def put_video(packet: Any) -> None:
            nonlocal last_end, next_tick, last_dts, next_dts
            pts = packet.pts if packet.pts is not None else packet.dts
            dur = packet.duration or frame_ticks
            last_end = max(last_end, pts + dur)
            # Matroska leaves some decode times out: predict them as ffmpeg does.
            dts = packet.dts
            if dts is None:
                dts = next_dts if next_dts is not None else pts - delay * frame_ticks
            if last_dts is not None and dts <= last_dts:
                dts = last_dts + 1
            if dts > pts:
                raise _CopyImpossible("the source's decode times are out of order")
            last_dts, next_dts = dts, dts + dur
            packet.pts = pts - offset
            packet.dts = dts - offset
            writer.video_packet(packet, float(packet.pts * tb))
            now = time.monotonic()
            if now >= next_tick:
                next_tick = now + _TICK_S
                job.tick(float((pts - kf) * tb))

        def put_audio(packet: Any) -> None:
            atb = packet.time_base
            if packet.pts is None or atb is None:
                return
            at = float(packet.pts * atb)
            if at < cut_start_s - 1e-6 or at >= end_s_source:
                return
            shift = round(Fraction(offset) * tb / atb)
            if writer.audio_encoder:
                for frame in ain.decode(packet):
                    frame.pts = None
                    writer.encode_audio_frame(frame)
                return
            packet.pts -= shift
            if packet.dts is not None:
                packet.dts -= shift
            writer.audio_packet(packet)

        pending_audio = sorted(abuf, key=lambda p: float(p.pts * p.time_base) if p.pts else 0)
        last = vbuf[-1]
        video_done = (last.dts if last.dts is not None else last.pts) >= end
        for packet in vbuf:
            put_video(packet)
        for packet in pending_audio:
            put_audio(packet)
        audio_done = ain is None
        if not (video_done and audio_done):
            for packet in container.demux(*streams):
                job.check_cancel()
                if packet.size == 0:
                    continue
                if packet.stream is vin:
                    dts = packet.dts if packet.dts is not None else packet.pts
                    if dts is None:
                        continue
                    if video_done:
                        if float((dts - end) * tb) > 2.0:
                            break  # the audio lags far behind the video: stop reading
                        continue
                    if dts >= end:
                        video_done = True
                        if audio_done:
                            break
                        continue
                    put_video(packet)
                elif not audio_done:
                    atb = packet.time_base
                    if packet.pts is not None and atb and float(packet.pts * atb) >= end_s_source:
                        audio_done = True
                        if video_done:
                            break
                        continue
                    put_audio(packet)
        end_s = float((last_end - t0) * tb)
        writer.finish(end_s - start_s)
    except BaseException:
        writer.abort()
        raise
    return _Cut(
        start_s=start_s,
        end_s=end_s,
        re_encoded=False,
        reason=None,
        audio=audio_words,
        subtitles=job.subtitles,
    )


def _fill_leading_dts(packets: list[Any], frame_ticks: int) -> None:
    """Give the packets before the first one with a decode time (Matroska leaves them
    out after a seek) decode times one frame apart, ending just before it."""
    known = next((i for i, p in enumerate(packets) if p.dts is not None), None)
    if known is None:
        # none known: decode times from the sorted presentation times, shifted so that
        # none is after its packet's presentation time
        ordered = sorted(p.pts for p in packets)
        shift = max(0, max(o - p.pts for o, p in zip(ordered, packets, strict=True)))
        for p, o in zip(packets, ordered, strict=True):
            p.dts = o - shift
        return
    for i in range(known):
        packets[i].dts = packets[known].dts - (known - i) * frame_ticks


class _SeekMissed(Exception):
    """The first picture after a seek comes after the wanted start: seek further back."""


def _reencode(job: _Job, container: av.container.InputContainer, reason: str) -> _Cut:
    """Decode from the key frame before the wanted start and encode the frames that
    cover [want_a, want_b] with libx264 (audio copied or re-encoded to AAC). Seeking
    is imprecise in some containers (MPEG-TS): when the first picture decoded comes
    after the wanted start, it seeks further back, at last to the clip's start."""
    vin = container.streams.video[0]
    tb = vin.time_base or Fraction(1, 90000)
    t0 = vin.start_time or 0
    target = t0 + int(Fraction(job.want_a) / tb)
    back = int(Fraction(MAX_COPY_LEAD_S) / tb)
    seek_points = [target] if target > t0 else []
    if target - back > t0:
        seek_points.append(target - back)
    seek_points.append(t0)
    import av

    for i, seek_to in enumerate(seek_points):
        last = i == len(seek_points) - 1
        try:
            container.seek(seek_to, stream=vin, backward=True, any_frame=False)
        except av.error.FFmpegError:
            if not last:
                continue
            if i > 0:
                raise PackageError(
                    f"{_excerpt_label(job.ex)}: the source cannot be searched for the start"
                ) from None
            # nothing has been read yet: decode from the start
        vin.codec_context.flush_buffers()
        try:
            return _reencode_from_here(job, container, reason, retry=not last)
        except _SeekMissed:
            job.dest.unlink(missing_ok=True)
    raise AssertionError("unreachable")  # the last attempt never raises _SeekMissed


def _reencode_from_here(
    job: _Job, container: av.container.InputContainer, reason: str, *, retry: bool
) -> _Cut:
    """The re-encoding itself, from wherever the container was seeked to."""
    vin = container.streams.video[0]
    tb = vin.time_base or Fraction(1, 90000)
    t0 = vin.start_time or 0
    t0_s = float(t0 * tb)
    ain, audio_words = _audio_plan(job, container)
    streams = [vin] if ain is None else [vin, ain]
    rate = vin.average_rate or vin.guessed_rate or Fraction(25)
    width = int(vin.codec_context.width or 0) & ~1
    height = int(vin.codec_context.height or 0) & ~1
    if width <= 0 or height <= 0:
        raise PackageError(f"{_excerpt_label(job.ex)}: source video has no picture size")
    writer: _Writer | None = None
    held: Any = None
    held_at = 0.0
    start_s: float | None = None
    end_s = 0.0
    frame_s = float(1 / rate)
    out_tb = Fraction(1, 90000)
    audio_queue: list[tuple[float, Any]] = []
    next_tick = time.monotonic() + _TICK_S
    last_pts = -1

    def open_writer(first_s: float, colorspace: int) -> _Writer:
        w = _Writer(job.dest, job.ex.clip_start_utc + timedelta(seconds=first_s))
        w.encode_video(width, height, rate, colorspace)
        if ain is not None:
            if ain.codec_context.name in COPY_AUDIO_CODECS:
                w.copy_audio(ain)
            else:
                w.encode_audio(ain)
        if job.subtitles:
            w.add_subtitles(job.want_b - first_s + 60)
        return w

    def emit(frame: Any, at: float) -> None:
        nonlocal writer, start_s, end_s, next_tick, last_pts
        if writer is None:
            if retry and at > job.want_a + frame_s + 1e-6 and at > 1e-6:
                raise _SeekMissed()
            start_s = at
            writer = open_writer(at, frame.colorspace)
            for _, packet in audio_queue:
                put_audio(packet)
            audio_queue.clear()
        assert start_s is not None
        out = video_range.to_limited_yuv420p(frame, width, height)
        pts = round((at - start_s) / out_tb)
        if pts <= last_pts:
            return
        last_pts = pts
        out.pts = pts
        out.time_base = out_tb
        out.pict_type = 0  # let the encoder place key frames
        writer.encode_frame(out, at - start_s)
        end_s = at + frame_s
        now = time.monotonic()
        if now >= next_tick:
            next_tick = now + _TICK_S
            job.tick(at - start_s)

    def put_audio(packet: Any) -> None:
        assert writer is not None and start_s is not None
        atb = packet.time_base
        at = float(packet.pts * atb) - t0_s
        if at < start_s - 1e-6 or at >= job.want_b:
            return
        if writer.audio_encoder:
            for frame in ain.decode(packet):
                frame.pts = None
                writer.encode_audio_frame(frame)
            return
        shift = round(Fraction(start_s) / atb) + round(Fraction(t0) * tb / atb)
        packet.pts -= shift
        if packet.dts is not None:
            packet.dts -= shift
        writer.audio_packet(packet)

    try:
        done = False
        for packet in container.demux(*streams):
            job.check_cancel()
            if packet.stream is not vin:
                if packet.size == 0 or packet.pts is None or packet.time_base is None:
                    continue
                if writer is not None:
                    put_audio(packet)
                    continue
                at = float(packet.pts * packet.time_base) - t0_s
                if at >= job.want_a - 2 * frame_s - 1.0:  # older ones cannot be needed
                    audio_queue.append((at, packet))
                continue
            if done:
                if float(((packet.pts or 0) - t0) * tb) > job.want_b + 2.0:
                    break  # the audio has had its chance to catch up
                continue
            for frame in vin.decode(packet):
                if frame.pts is None:
                    continue
                at = float((frame.pts - t0) * tb)
                if at >= job.want_b:
                    done = True
                    break
                if at <= job.want_a + 1e-6:
                    held = frame  # the frame showing the wanted start, so far
                    held_at = at
                    continue
                if held is not None:
                    emit(held, held_at)
                    held = None
                emit(frame, at)
            if done and ain is None:
                break
        if held is not None:
            emit(held, held_at)
        if writer is None or start_s is None:
            raise PackageError(f"{_excerpt_label(job.ex)}: no picture in the requested time")
        writer.finish(end_s - start_s)
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    return _Cut(
        start_s=start_s,
        end_s=end_s,
        re_encoded=True,
        reason=reason,
        audio=audio_words,
        subtitles=job.subtitles,
    )


# -- hashing --------------------------------------------------------------------------
def _sha256_stream(handle: IO[bytes], stopped: Callable[[], bool] | None = None) -> tuple[str, int]:
    """(SHA-256, size) of what ``handle`` reads; PackageCancelled once ``stopped()``."""
    digest = hashlib.sha256()
    size = 0
    buf = bytearray(_HASH_CHUNK)
    view = memoryview(buf)
    while True:
        if stopped is not None and stopped():
            raise PackageCancelled("cancelled")
        n = handle.readinto(view)  # type: ignore[attr-defined]
        if not n:
            return digest.hexdigest(), size
        digest.update(view[:n])  # (hashlib lets other threads run meanwhile)
        size += n


def _sha256_path(path: Path, stopped: Callable[[], bool] | None = None) -> tuple[str, int]:
    with open(path, "rb", buffering=0) as handle:
        return _sha256_stream(handle, stopped)


# -- building -------------------------------------------------------------------------
def _validate(spec: PackageSpec) -> list[tuple[ExcerptSpec, float, float]]:
    """(excerpt, wanted start, wanted end in seconds from the clip start) per excerpt;
    PackageError for a spec that cannot be built."""
    if not spec.excerpts:
        raise PackageError("no excerpts to share")
    if not isinstance(spec.request, dict) or not spec.request.get("id"):
        raise PackageError("the request has no id")
    out = []
    for ex in spec.excerpts:
        label = _excerpt_label(ex)
        for name in ("clip_start_utc", "want_start_utc", "want_end_utc"):
            if getattr(ex, name).tzinfo is None:
                raise PackageError(f"{label}: {name} has no time zone")
        a = (ex.want_start_utc - ex.clip_start_utc).total_seconds()
        b = (ex.want_end_utc - ex.clip_start_utc).total_seconds()
        a, b = max(0.0, a), min(ex.clip_duration_s, b)
        if b - a <= 0.001:
            raise PackageError(f"{label}: the time to share does not overlap the clip")
        out.append((ex, a, b))
    return out


def _file_names(excerpts: list[ExcerptSpec], starts: list[datetime]) -> list[str]:
    """excerpts/<camera>-<start>.mp4, numbered when two would be the same."""
    names: list[str] = []
    seen: set[str] = set()
    for ex, start in zip(excerpts, starts, strict=True):
        base = f"{_slug(ex.camera)}-{_compact(start)}"
        name, n = base, 1
        while name in seen:
            n += 1
            name = f"{base}-{n}"
        seen.add(name)
        names.append(f"{EXCERPTS}/{name}.mp4")
    return names


def build_package(
    spec: PackageSpec,
    out: Path,
    *,
    signing_key_pem: bytes,
    key_id: str,
    as_zip: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    verify_sources: bool = True,
) -> Path:
    """Build the package at ``out`` (a folder, or a zip file when ``as_zip``) and
    return it as an absolute path. It is written under a temporary
    ``.doorstep-partial-...`` name beside ``out`` and renamed when complete; on error or
    cancel nothing is left, and partials of builds that were killed are removed first
    (db/package_partials.py). ``progress``
    gets (done, total, what) with done and total in milliseconds of footage. Sources
    are checked against their SHA-256 first (unless ``verify_sources`` is false).
    Raises PackageError (PackageCancelled when cancelled)."""
    from db import signing

    try:
        out = Path(out).parent.resolve() / Path(out).name
    except OSError as exc:
        raise PackageError(f"{out}: the folder cannot be found ({_why(exc)})") from None
    if out.exists() or out.is_symlink():
        raise PackageError(f"{out} already exists; not replacing it")
    if not out.parent.is_dir():
        raise PackageError(f"folder {out.parent} does not exist")
    if not key_id or not key_id.strip():
        raise PackageError("the signing key has no key id")
    try:
        private_key = signing._private_key(signing_key_pem, "the signing key")
    except signing.KeyFileError as exc:
        raise PackageError(str(exc)) from None
    wanted = _validate(spec)
    problems = check_limits(spec)
    if problems:
        raise PackageError("; ".join(problems))

    total_ms = max(1, sum(round((b - a) * 1000) for _, a, b in wanted))
    done_ms = 0

    def report(done: int, what: str) -> None:
        if progress is not None:
            progress(min(done, total_ms), total_ms, what)

    # Sources and excerpts are hashed on a helper thread while the next cut runs
    # (hashlib and PyAV's reading and writing let the other thread run).
    failed = threading.Event()

    def stopped() -> bool:
        return failed.is_set() or (cancel is not None and cancel.is_set())

    clean_partials(out.parent)
    try:
        work = make_work_folder(out.parent)
    except OSError as exc:
        raise PackageError(f"cannot write in {out.parent} ({_why(exc)})") from None
    hasher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="doorstep-hash")
    zip_tmp: Path | None = None
    try:
        (work / EXCERPTS).mkdir()
        cuts: list[_Cut] = []
        excerpt_hashes: list[Future[tuple[str, int]]] = []
        tmp_files: list[Path] = []
        source_checks: list[Future[tuple[str, int]] | None] = [
            hasher.submit(_sha256_path, ex.source_path, stopped) if verify_sources else None
            for ex, _, _ in wanted
        ]
        for i, (ex, a, b) in enumerate(wanted):
            step = f"{ex.camera}: excerpt {i + 1} of {len(wanted)}"
            report(done_ms, f"{step}: cutting")
            base = done_ms
            dest = work / EXCERPTS / f".cut-{i}.mp4"

            def tick(seconds: float, base: int = base, step: str = step) -> None:
                report(base + round(seconds * 1000), f"{step}: cutting")

            job = _Job(ex, dest, a, b, spec.keep_audio, spec.utc_subtitles, tick, cancel)
            job.check_cancel()
            cuts.append(_cut(job))
            _check_source(ex, source_checks[i])
            tmp_files.append(dest)
            excerpt_hashes.append(hasher.submit(_sha256_path, dest, stopped))
            done_ms += round((b - a) * 1000)
            report(done_ms, f"{step}: done")

        report(done_ms, "writing the manifest")
        starts = [
            ex.clip_start_utc + timedelta(seconds=c.start_s)
            for (ex, _, _), c in zip(wanted, cuts, strict=True)
        ]
        names = _file_names([ex for ex, _, _ in wanted], starts)
        files = []
        total_bytes = 0
        for (ex, a, b), cut, tmp, name, hashed in zip(
            wanted, cuts, tmp_files, names, excerpt_hashes, strict=True
        ):
            digest, size = hashed.result()
            os.rename(tmp, work / name)
            total_bytes += size
            if size > spec.limits.max_file_bytes:
                raise PackageError(
                    f"{_excerpt_label(ex)}: excerpt is {_mb(size)}; the receiver accepts at "
                    f"most {_mb(spec.limits.max_file_bytes)} a file"
                )
            files.append(_file_entry(ex, a, b, cut, name, digest, size))
        if total_bytes > spec.limits.max_total_bytes:
            raise PackageError(
                f"{_mb(total_bytes)} in all; the receiver accepts at most "
                f"{_mb(spec.limits.max_total_bytes)} a package"
            )
        manifest = _manifest(spec, files, key_id)
        manifest_bytes = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
        (work / MANIFEST).write_bytes(manifest_bytes)
        signature = private_key.sign(manifest_bytes)
        (work / SIGNATURE).write_bytes(base64.b64encode(signature) + b"\n")
        (work / PUBLIC_KEY).write_bytes(signing._public_pem(private_key.public_key()))
        sums = [(f["sha256"], f["name"]) for f in files]
        sums.append((hashlib.sha256(manifest_bytes).hexdigest(), MANIFEST))
        (work / SUMS).write_text(format_sums(sums), encoding="utf-8")

        if cancel is not None and cancel.is_set():
            raise PackageCancelled("cancelled")
        if as_zip:
            report(done_ms, "writing the zip file")
            zip_tmp = work.with_name(work.name + ".zip")
            _write_zip(work, zip_tmp, out.stem or "package", stopped)
            os.chmod(zip_tmp, 0o600)  # private, as the folder is (mkdtemp makes it 0700)
            _place(zip_tmp, out, is_dir=False)
            zip_tmp = None
            shutil.rmtree(work, ignore_errors=True)  # (what stays, a later build removes)
        else:
            _place(work, out, is_dir=True)
        report(total_ms, "done")
        return out
    except BaseException as exc:
        failed.set()
        hasher.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(work, ignore_errors=True)
        if zip_tmp is not None:
            zip_tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise PackageError(f"the package cannot be written ({_why(exc)})") from None
        raise
    finally:
        hasher.shutdown(wait=True, cancel_futures=True)


def _check_source(ex: ExcerptSpec, check: Future[tuple[str, int]] | None) -> None:
    """Wait for a source's hash and refuse a source that changed since its import."""
    if check is None:
        return
    label = _excerpt_label(ex)
    try:
        digest, _ = check.result()
    except FileNotFoundError:
        raise PackageError(f"{label}: source file missing: {ex.source_path}") from None
    except OSError as exc:
        raise PackageError(f"{label}: source cannot be read ({_why(exc)})") from None
    if digest != ex.source_sha256.lower():
        raise PackageError(
            f"{label}: the source file has changed since it was imported "
            f"(SHA-256 differs): {ex.source_path}"
        )


def _place(tmp: Path, out: Path, *, is_dir: bool) -> None:
    """Rename the finished package into place, never over something that exists."""
    if is_dir:
        if out.exists() or out.is_symlink():
            raise PackageError(f"{out} already exists; not replacing it")
        os.rename(tmp, out)
        return
    try:
        os.link(tmp, out)  # fails if out exists: no window for a race
    except FileExistsError:
        raise PackageError(f"{out} already exists; not replacing it") from None
    except OSError:
        if out.exists():
            raise PackageError(f"{out} already exists; not replacing it") from None
        os.rename(tmp, out)  # a file system without hard links
        return
    tmp.unlink()


def _write_zip(folder: Path, dest: Path, top: str, stopped: Callable[[], bool]) -> None:
    """The package folder as a zip whose entries sit in one folder named ``top``;
    videos stored (already compressed), text deflated."""
    with zipfile.ZipFile(dest, "w", allowZip64=True) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_dir():
                continue
            if stopped():
                raise PackageCancelled("cancelled")
            rel = path.relative_to(folder).as_posix()
            method = zipfile.ZIP_STORED if rel.startswith(EXCERPTS) else zipfile.ZIP_DEFLATED
            zf.write(path, f"{top}/{rel}", compress_type=method)


def _file_entry(
    ex: ExcerptSpec,
    want_a: float,
    want_b: float,
    cut: _Cut,
    name: str,
    digest: str,
    size: int,
) -> dict[str, Any]:
    start = ex.clip_start_utc + timedelta(seconds=cut.start_s)
    end = ex.clip_start_utc + timedelta(seconds=cut.end_s)
    redacted = []
    if cut.audio == "removed":
        redacted.append("audio removed")
    redacted.append("identifying tags stripped")
    redacted.append("embedded encoder and user data removed")
    return {
        "name": name,
        "size": size,
        "sha256": digest,
        "camera": ex.camera,
        "camera_location": {"lat": ex.camera_lat, "lon": ex.camera_lon},
        "start_utc": _iso(start),
        "end_utc": _iso(end),
        "duration_s": round(cut.end_s - cut.start_s, 3),
        "requested": {
            "start_utc": _iso(ex.clip_start_utc + timedelta(seconds=want_a)),
            "end_utc": _iso(ex.clip_start_utc + timedelta(seconds=want_b)),
        },
        "source": {
            "sha256": ex.source_sha256.lower(),
            "clip_start_utc": _iso(ex.clip_start_utc),
            "clip_duration_s": round(ex.clip_duration_s, 3),
        },
        "trim": {"start_s": round(cut.start_s, 3), "end_s": round(cut.end_s, 3)},
        # false only when the source holds less than asked for (a truncated file)
        "covers_request": cut.start_s <= want_a + 1e-3 and cut.end_s >= want_b - 1e-3,
        "redacted": redacted,
        "audio": cut.audio,
        "re_encoded": cut.re_encoded,
        "method": "re-encoded (H.264)" if cut.re_encoded else "stream copy",
        "re_encode_reason": cut.reason,
        "utc_subtitles": cut.subtitles,
    }


def _manifest(spec: PackageSpec, files: list[dict[str, Any]], key_id: str) -> dict[str, Any]:
    req = spec.request
    return {
        "format": PACKAGE_FORMAT,
        "format_version": PACKAGE_FORMAT_VERSION,
        "created_at": _iso(datetime.now(UTC)),
        "app": {"name": "Doorstep", "version": app_version()},
        "request": _jsonable(
            {
                "id": req.get("id"),
                "agency": req.get("agency"),
                "case_number": req.get("case_number"),
                "incident": req.get("incident"),
                "window": req.get("window"),
            }
        ),
        "terms": _jsonable(
            {
                "retention_days": req.get("retention_days"),
                "third_party_sharing": req.get("third_party_sharing"),
            }
        ),
        "audit_head": spec.audit_head,
        "audit_seq": spec.audit_seq,
        "signer": {"key_id": key_id, "algorithm": "Ed25519", "public_key": PUBLIC_KEY},
        "signature_file": SIGNATURE,
        "files": files,
    }
