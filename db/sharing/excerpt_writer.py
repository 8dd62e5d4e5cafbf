"""Writing one excerpt's mp4 (docs/packages.md, "Excerpts"): the output container and
its streams, with the encoder and user data a camera embeds (H.264/HEVC SEI, MPEG-4
user data) removed, and re-encoding with libx264 when a stream cannot be copied.
PyAV is imported by the code that uses it."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

from db.sharing import sei_filter, subtitle_cues, video_range

REENCODE_PRESET = "veryfast"
REENCODE_CRF = 20
_SEI_CODECS = frozenset({"h264", "hevc"})


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


class UserDataStripper:
    """Takes encoder and user data out of video packets: SEI NAL units in H.264 and
    HEVC (length-prefixed as in mp4/mkv, or Annex B as in MPEG-TS and from libx264),
    user_data in MPEG-4 Part 2. With ``keep_signing``, SEI messages of ONVIF Media
    Signing stay (db/sharing/sei_filter.py) and ``signing`` says whether any was seen.
    Packets without any pass untouched (no copy)."""

    def __init__(self, codec: str, extradata: bytes | None, *, keep_signing: bool) -> None:
        self.codec = codec
        self.keep_signing = keep_signing
        self.signing = False
        self.header_len = 1 if codec == "h264" else 2
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

    def _kept_sei(self, nal: bytes) -> bytes | None:
        """What stays of an SEI NAL unit: itself, its signing messages, or None."""
        if not self.keep_signing:
            return None
        kept, had = sei_filter.signing_only(nal, self.header_len)
        self.signing = self.signing or had
        return kept

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
        kept: list[bytes | memoryview] = []
        changed = False
        pos = 0
        while pos + size < len(view):
            end = pos + size + int.from_bytes(view[pos : pos + size], "big")
            if end > len(view):
                return None  # not length-prefixed after all: leave it to the decoder
            if not self._sei(view[pos + size]):
                kept.append(view[pos:end])
            else:
                nal = bytes(view[pos + size : end])
                sei = self._kept_sei(nal)
                if sei is nal:
                    kept.append(view[pos:end])
                else:
                    changed = True
                    if sei is not None:
                        kept.append(len(sei).to_bytes(size, "big") + sei)
            pos = end
        return b"".join(kept) if changed else None

    def _strip_annex_b(self, data: bytes) -> bytes | None:
        starts = []
        at = data.find(b"\x00\x00\x01")
        while at >= 0:
            starts.append(at)
            at = data.find(b"\x00\x00\x01", at + 3)
        if not any(at + 3 < len(data) and self._sei(data[at + 3]) for at in starts):
            return None
        out = bytearray(data[: starts[0]])
        bounds = [*starts, len(data)]
        changed = False
        for i, at in enumerate(starts):
            if at + 3 < len(data) and self._sei(data[at + 3]):
                nal = data[at + 3 : bounds[i + 1]]
                sei = self._kept_sei(nal)
                if sei is not nal:
                    changed = True
                    if sei is not None:
                        out += b"\x00\x00\x01" + sei
                    continue
            out += data[at : bounds[i + 1]]
        return bytes(out) if changed else None


class ExcerptWriter:
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
        self.stripper: UserDataStripper | None = None
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
        self.stripper = UserDataStripper(name, extradata, keep_signing=True)
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
        # libx264 writes Annex B; a signing SEI could not be valid for new pictures
        self.stripper = UserDataStripper("h264", None, keep_signing=False)

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
        except Exception:
            pass
