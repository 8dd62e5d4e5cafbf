"""Which SEI an excerpt keeps (docs/packages.md, "Data inside the video stream"): of an
H.264 or HEVC SEI NAL unit only the ONVIF Media Signing messages (user_data_unregistered,
payload type 5, with that scheme's UUID) stay, because they let a receiver check the
camera's signature; every other SEI message goes. No PyAV, no database."""

from __future__ import annotations

import uuid

ONVIF_MEDIA_SIGNING_UUID = uuid.UUID("005bc93f-2d71-5e95-ada4-796f90877a6f").bytes
USER_DATA_UNREGISTERED = 5


def unescape(ebsp: bytes) -> bytes:
    """The raw bytes of a NAL unit's payload: emulation-prevention bytes (the 03 of
    each 00 00 03, left to right) taken out."""
    return ebsp.replace(b"\x00\x00\x03", b"\x00\x00")


def escape(rbsp: bytes) -> bytes:
    """Emulation-prevention bytes put in: no 00 00 followed by 00 to 03 stays, so no
    start code can appear inside the NAL unit."""
    out = bytearray()
    zeros = 0
    for byte in rbsp:
        if zeros >= 2 and byte <= 3:
            out.append(3)
            zeros = 0
        out.append(byte)
        zeros = zeros + 1 if byte == 0 else 0
    return bytes(out)


def _ff_number(data: bytes, pos: int) -> tuple[int, int]:
    """An SEI payload type or size (bytes of 255 add up, the last one is below 255)."""
    value = 0
    while True:
        if pos >= len(data):
            raise ValueError("SEI message cut short")
        byte = data[pos]
        pos += 1
        value += byte
        if byte != 0xFF:
            return value, pos


def sei_messages(rbsp: bytes) -> list[tuple[int, bytes, bytes]]:
    """The messages of an SEI payload (NAL header taken off, emulation prevention
    removed): (payload type, the message's bytes as written, its payload). Raises
    ValueError when the payload is not well formed."""
    messages = []
    pos = 0
    end = len(rbsp)
    while end > 0 and rbsp[end - 1] == 0:
        end -= 1  # trailing zero bytes (a stream may pad with them)
    # SEI messages end byte aligned, so the trailing bits (a 1, then 0s) are 0x80
    if end == 0 or rbsp[end - 1] != 0x80:
        raise ValueError("SEI without its trailing bits")
    end -= 1
    while pos < end:
        start = pos
        kind, pos = _ff_number(rbsp, pos)
        size, pos = _ff_number(rbsp, pos)
        if pos + size > end:
            raise ValueError("SEI payload longer than the NAL unit")
        messages.append((kind, rbsp[start : pos + size], rbsp[pos : pos + size]))
        pos += size
    return messages


def is_signing(kind: int, payload: bytes) -> bool:
    return kind == USER_DATA_UNREGISTERED and payload[:16] == ONVIF_MEDIA_SIGNING_UUID


def signing_only(nal: bytes, header_len: int) -> tuple[bytes | None, bool]:
    """(the SEI NAL unit with only its ONVIF Media Signing messages, or None when it has
    none; whether it had any). A NAL unit that cannot be read is dropped whole: what
    Doorstep cannot read it does not pass on."""
    if ONVIF_MEDIA_SIGNING_UUID not in nal:
        # the common case (an encoder's SEI), without parsing: the UUID is never
        # escaped (it holds no 00 00), so it shows as it is in a NAL unit holding it
        return None, False
    try:
        messages = sei_messages(unescape(nal[header_len:]))
    except ValueError:
        return None, False
    kept = [raw for kind, raw, payload in messages if is_signing(kind, payload)]
    if not kept:
        return None, False
    if len(kept) == len(messages):
        return nal, True  # unchanged, byte for byte
    return nal[:header_len] + escape(b"".join(kept) + b"\x80"), True
