"""Cutting one excerpt from its original ("master copy"), which is opened read-only and
never changed (docs/packages.md). Stream copy is used when it keeps the whole requested
time (the cut starts at the key frame at or before the requested start); otherwise the
excerpt is re-encoded. PyAV is imported by the functions that use it."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.redaction.plan import RedactionPlan
from db.redaction.render import Redactor
from db.sharing import video_range
from db.sharing.burn_in import UtcBurner
from db.sharing.excerpt_writer import ExcerptWriter, UserDataStripper
from db.sharing.package_spec import ExcerptSpec, PackageCancelled, PackageError, excerpt_label, why

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
_TICK_S = 0.1  # at most this often a progress callback while cutting


# -- cutting one excerpt --------------------------------------------------------------
@dataclass
class Cut:
    """What cutting one excerpt produced (offsets in seconds from the clip start)."""

    start_s: float
    end_s: float
    re_encoded: bool
    reason: str | None
    audio: str  # "removed", "kept", "kept (re-encoded to AAC)", "none in source"
    subtitles: bool
    signing_in_source: bool = False  # ONVIF Media Signing SEI in the packets read
    signing_kept: bool = False  # ... and kept in the excerpt (stream copy only)
    burned_in_utc: bool = False
    redacted: bool = False  # the plan's masks and boxes hidden in the pictures


class _CopyImpossible(Exception):
    """Stream copy cannot keep the requested time (or fails); re-encode instead."""


@dataclass
class CutJob:
    """One excerpt's cut: the source, the wanted offsets and the output options."""

    ex: ExcerptSpec
    dest: Path
    want_a: float  # seconds from the clip start
    want_b: float
    keep_audio: bool
    subtitles: bool
    tick: Callable[[float], None]  # seconds of the excerpt done so far
    cancel: threading.Event | None
    burn_in_utc: bool = False  # draw the UTC time into the picture (forces re-encoding)
    # what to hide in the pictures; a plan that hides anything forces re-encoding
    redaction: RedactionPlan | None = None

    def hides(self) -> bool:
        return self.redaction is not None and not self.redaction.empty()

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise PackageCancelled("cancelled")


def redaction_words(plan: RedactionPlan) -> str:
    """What a plan hides, for the re-encoding reason: "2 privacy masks, 3 faces"."""
    faces = sum(1 for t in plan.tracks if t.kind == "face" and t.enabled and t.keys)
    boxes = sum(1 for t in plan.tracks if t.kind == "box" and t.enabled and t.keys)
    parts = [
        f"{n} {word}{'s' if n != 1 else ''}"
        for n, word in ((len(plan.masks), "privacy mask"), (faces, "face"), (boxes, "drawn box"))
        if n
    ]
    return ", ".join(parts) + f" hidden ({plan.style})"


def _open_source(job: CutJob) -> av.container.InputContainer:
    import av

    label = excerpt_label(job.ex)
    path = job.ex.source_path
    if not path.is_file():
        raise PackageError(f"{label}: source file missing: {path}")
    try:
        container = av.open(str(path), "r", metadata_errors="ignore")
    except av.error.FFmpegError as exc:
        raise PackageError(f"{label}: source cannot be read as video ({why(exc)})") from None
    if not container.streams.video:
        container.close()
        raise PackageError(f"{label}: source has no video stream")
    return container


def cut_excerpt(job: CutJob) -> Cut:
    """Cut one excerpt into ``job.dest``: stream copy when possible, else re-encode."""
    import av

    label = excerpt_label(job.ex)
    reason: str | None = None
    container = _open_source(job)
    try:
        vin = container.streams.video[0]
        codec = vin.codec_context.name
        if job.hides():
            assert job.redaction is not None
            reason = f"redacted: {redaction_words(job.redaction)}"
        elif job.burn_in_utc:
            reason = "the UTC time is burned into the picture"
        elif codec not in COPY_VIDEO_CODECS:
            reason = f"{codec} video is not stream-copied (only H.264, HEVC and MPEG-4 are)"
        else:
            try:
                return _copy(job, container)
            except _CopyImpossible as exc:
                reason = str(exc)
                job.dest.unlink(missing_ok=True)
            except av.error.FFmpegError as exc:
                reason = f"stream copy failed ({why(exc)})"
                job.dest.unlink(missing_ok=True)
    finally:
        container.close()
    container = _open_source(job)
    try:
        return _reencode(job, container, reason or "re-encoded")
    except av.error.FFmpegError as exc:
        raise PackageError(f"{label}: source cannot be cut ({why(exc)})") from None
    finally:
        container.close()


def _audio_plan(job: CutJob, container: av.container.InputContainer) -> tuple[Any, str]:
    """(audio stream to keep or None, what the manifest says about audio)."""
    if not container.streams.audio:
        return None, "none in source"
    if not job.keep_audio:
        return None, "removed"
    ain = container.streams.audio[0]
    if ain.codec_context.name in COPY_AUDIO_CODECS:
        return ain, "kept"
    return ain, "kept (re-encoded to AAC)"


def _copy(job: CutJob, container: av.container.InputContainer) -> Cut:
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
    writer = ExcerptWriter(job.dest, start_utc)
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
    signing = writer.stripper is not None and writer.stripper.signing
    return Cut(
        start_s=start_s,
        end_s=end_s,
        re_encoded=False,
        reason=None,
        audio=audio_words,
        subtitles=job.subtitles,
        signing_in_source=signing,
        signing_kept=signing,
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


def _reencode(job: CutJob, container: av.container.InputContainer, reason: str) -> Cut:
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
                    f"{excerpt_label(job.ex)}: the source cannot be searched for the start"
                ) from None
            # nothing has been read yet: decode from the start
        vin.codec_context.flush_buffers()
        try:
            return _reencode_from_here(job, container, reason, retry=not last)
        except _SeekMissed:
            job.dest.unlink(missing_ok=True)
    raise AssertionError("unreachable")  # the last attempt never raises _SeekMissed


def _reencode_from_here(
    job: CutJob, container: av.container.InputContainer, reason: str, *, retry: bool
) -> Cut:
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
        raise PackageError(f"{excerpt_label(job.ex)}: source video has no picture size")
    writer: ExcerptWriter | None = None
    held: Any = None
    held_at = 0.0
    start_s: float | None = None
    end_s = 0.0
    frame_s = float(1 / rate)
    out_tb = Fraction(1, 90000)
    audio_queue: list[tuple[float, Any]] = []
    # the source's signing SEI is looked for (to say it was there), never kept: it
    # signs the camera's pictures, not new ones
    scan = UserDataStripper(vin.codec_context.name, vin.codec_context.extradata, keep_signing=True)
    burner = UtcBurner(width, height) if job.burn_in_utc else None
    redactor = Redactor(job.redaction) if job.hides() and job.redaction is not None else None
    next_tick = time.monotonic() + _TICK_S
    last_pts = -1

    def open_writer(first_s: float, colorspace: int) -> ExcerptWriter:
        w = ExcerptWriter(job.dest, job.ex.clip_start_utc + timedelta(seconds=first_s))
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
        if redactor is not None:  # before the time, which must stay readable
            out = redactor.apply(out, at)
        if burner is not None:
            out = burner.draw(out, job.ex.clip_start_utc + timedelta(seconds=at))
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
            scan.strip(packet)
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
            raise PackageError(f"{excerpt_label(job.ex)}: no picture in the requested time")
        writer.finish(end_s - start_s)
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    return Cut(
        start_s=start_s,
        end_s=end_s,
        re_encoded=True,
        reason=reason,
        audio=audio_words,
        subtitles=job.subtitles,
        signing_in_source=scan.signing,
        burned_in_utc=burner is not None,
        redacted=redactor is not None,
    )
