"""SEI NAL units written into real H.264/HEVC files, and read back out of them: a copy
of a clip with given NAL units put before each access unit's pictures, remuxed with
PyAV (length-prefixed in mp4, start codes in MPEG-TS), and the NAL units of a file's
video packets. Written independently of db/sharing/sei_filter.py, so tests of it do not
check it against itself."""

from __future__ import annotations

import uuid
from pathlib import Path

import av

ONVIF_UUID = uuid.UUID("005bc93f-2d71-5e95-ada4-796f90877a6f").bytes
OTHER_UUID = uuid.UUID("dc45e9bd-e6d9-48b7-962c-d820d923eeef").bytes  # x264's own


def escape(rbsp: bytes) -> bytes:
    """Emulation prevention as H.264 7.4.1 asks: 03 after 00 00 before 00..03."""
    out = bytearray()
    zeros = 0
    for byte in rbsp:
        if zeros == 2 and byte <= 3:
            out.append(3)
            zeros = 0
        out.append(byte)
        zeros = zeros + 1 if byte == 0 else 0
    return bytes(out)


def sei_message(kind: int, payload: bytes) -> bytes:
    """One SEI message: type and size (255s and a rest), then the payload."""
    head = bytearray()
    for value in (kind, len(payload)):
        while value >= 255:
            head.append(255)
            value -= 255
        head.append(value)
    return bytes(head) + payload


def sei_nal(codec: str, *messages: bytes) -> bytes:
    """A (prefix) SEI NAL unit holding the messages, escaped, with its header."""
    header = b"\x06" if codec == "h264" else bytes([39 << 1, 1])
    return header + escape(b"".join(messages) + b"\x80")


def _length_size(stream: av.VideoStream) -> int:
    """Bytes of each NAL unit's length in packets, or 0 for start codes (Annex B)."""
    extra = stream.codec_context.extradata or b""
    if not extra or extra[0] != 1:
        return 0
    return (extra[4 if stream.codec_context.name == "h264" else 21] & 3) + 1


def with_sei(source: Path, target: Path, nals: list[bytes]) -> Path:
    """A copy of ``source`` (video only) with ``nals`` before the pictures of every
    access unit."""
    fmt = "mpegts" if target.suffix == ".ts" else "mp4"
    with av.open(str(source)) as src, av.open(str(target), "w", format=fmt) as out:
        vin = src.streams.video[0]
        vout = out.add_stream_from_template(vin)
        size = _length_size(vin)
        for packet in src.demux(vin):
            if packet.size == 0:
                continue
            if size:
                extra = b"".join(len(n).to_bytes(size, "big") + n for n in nals)
            else:
                extra = b"".join(b"\x00\x00\x00\x01" + n for n in nals)
            new = av.Packet(extra + bytes(packet))
            new.pts, new.dts, new.duration = packet.pts, packet.dts, packet.duration
            new.time_base, new.is_keyframe = packet.time_base, packet.is_keyframe
            new.stream = vout
            out.mux(new)
    return target


def nal_units(path: Path) -> list[list[bytes]]:
    """The NAL units of each video packet of a file."""
    units = []
    with av.open(str(path)) as c:
        vin = c.streams.video[0]
        size = _length_size(vin)
        for packet in c.demux(vin):
            if packet.size == 0:
                continue
            data = bytes(packet)
            nals = []
            if size:
                pos = 0
                while pos < len(data):
                    n = int.from_bytes(data[pos : pos + size], "big")
                    nals.append(data[pos + size : pos + size + n])
                    pos += size + n
            else:
                nals = [n.rstrip(b"\x00") for n in data.split(b"\x00\x00\x01")[1:]]
            units.append(nals)
    return units
