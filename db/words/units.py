"""Numbers and areas in words, written the same way in the window, on the command line
and in the rules' reasons (one rounding everywhere: three significant digits)."""

from __future__ import annotations

import math
from collections.abc import Iterable

from db.words.i18n import _

SQ_M_PER_SQ_MI = 2_589_988.110336  # (1609.344 m)^2, exact


def fmt_number(value: float, avoid: Iterable[float] = (), digits: int = 3) -> str:
    """``value`` with ``digits`` significant digits (at least), thousands separated, trailing
    zeros dropped; more digits if needed so that it does not read the same as any number
    in ``avoid`` that it differs from (so "0.5001 sq mi" is not shown as "0.5")."""
    if not math.isfinite(value):
        return str(value)
    if value == 0:
        return "0"
    others = [a for a in avoid if a != value and math.isfinite(a)]
    if not others and float(value).is_integer():
        return f"{int(value):,}"  # the common case (counts of days, hours...), fast
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(value))))
    text = ""
    for d in range(decimals, decimals + 10):
        text = f"{value:,.{d}f}"
        if all(text != f"{a:,.{d}f}" for a in others):
            break
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def sq_mi_words(sq_mi: float, avoid_sq_mi: Iterable[float] = (), km2_digits: int = 3) -> str:
    """E.g. "0.72 sq mi (1.86 km²)". ``avoid_sq_mi``: numbers the text must not read as
    (a rule's bounds); a setting's km² get ``km2_digits`` = 4 ("1.295")."""
    avoid = list(avoid_sq_mi)
    km2 = sq_mi * SQ_M_PER_SQ_MI / 1e6
    avoid_km2 = [a * SQ_M_PER_SQ_MI / 1e6 for a in avoid]
    return _("%(sq_mi)s sq mi (%(km2)s km²)") % {
        "sq_mi": fmt_number(sq_mi, avoid),
        "km2": fmt_number(km2, avoid_km2, km2_digits),
    }


def area_text(sq_m: float) -> str:
    """An area given in square metres, e.g. "0.0273 sq mi (0.0707 km²)"."""
    return sq_mi_words(sq_m / SQ_M_PER_SQ_MI)


def area_short(sq_m: float) -> str:
    """The same area without the metric part, for narrow places: "0.0273 sq mi"."""
    return _("%(sq_mi)s sq mi") % {"sq_mi": fmt_number(sq_m / SQ_M_PER_SQ_MI)}


def file_size(n: float, *, bytes_word: str = "B") -> str:
    """A size in decimal units with one decimal ("1.5 MB"); below 1 kB in bytes, written
    ``bytes_word`` ("512 B", or "512 bytes" with thousands separators for prose)."""
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            if unit != "bytes":
                return f"{size:.1f} {unit}"
            return f"{int(size):,} bytes" if bytes_word == "bytes" else f"{size:.0f} {bytes_word}"
        size /= 1000
    return f"{size:.1f} GB"
