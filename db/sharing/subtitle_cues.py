"""The UTC time as subtitles in an excerpt (docs/packages.md, "UTC subtitles"): the
mov_text track's style header and one cue per whole UTC second."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

ASS_HEADER = (
    b"[Script Info]\r\nScriptType: v4.00+\r\nPlayResX: 384\r\nPlayResY: 288\r\n\r\n"
    b"[V4+ Styles]\r\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, "
    b"OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, "
    b"Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, "
    b"Encoding\r\nStyle: Default,Sans,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,"
    b"0,2,10,10,10,0\r\n\r\n[Events]\r\nFormat: Layer, Start, End, Style, Name, MarginL, "
    b"MarginR, MarginV, Effect, Text\r\n"
)


def utc_cues(start_utc: datetime, duration_s: float) -> list[tuple[int, int, str]]:
    """One cue per whole UTC second: (start ms, duration ms, "2026-11-01 06:00:10 UTC")
    relative to the excerpt start, the first and last cut to the excerpt."""
    start_utc = start_utc.astimezone(UTC)
    second = start_utc.replace(microsecond=0)
    end_ms = round(duration_s * 1000)
    cues = []
    while True:
        a = max(0, round((second - start_utc).total_seconds() * 1000))
        b = min(end_ms, round((second + timedelta(seconds=1) - start_utc).total_seconds() * 1000))
        if a >= end_ms:
            break
        if b > a:
            cues.append((a, b - a, second.strftime("%Y-%m-%d %H:%M:%S UTC")))
        second += timedelta(seconds=1)
    return cues
