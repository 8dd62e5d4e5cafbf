"""Counts of things with their unit, in the current language: "1 day", "45 days",
"1.5 hours" (db/words/i18n.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from db.words.i18n import _, ngettext
from db.words.units import fmt_number

# One function per unit, so that each singular and plural is a literal the extraction
# sees; ``n`` is the number as written.
_UNITS: dict[str, Callable[[str, int], str]] = {
    "day": lambda n, k: ngettext("%(n)s day", "%(n)s days", k) % {"n": n},
    "hour": lambda n, k: ngettext("%(n)s hour", "%(n)s hours", k) % {"n": n},
    "minute": lambda n, k: ngettext("%(n)s minute", "%(n)s minutes", k) % {"n": n},
    "second": lambda n, k: ngettext("%(n)s second", "%(n)s seconds", k) % {"n": n},
}


def plural_n(n: float) -> int:
    """The whole number a plural form is chosen by: 1 only for exactly one."""
    return 1 if n == 1 else (int(n) if float(n).is_integer() else 2)


def count(n: float, unit: str, avoid: Iterable[float] = ()) -> str:
    """``n`` ``unit``s ("day", "hour", "minute", "second"), thousands separated;
    ``avoid``: numbers it must not read as (units.fmt_number)."""
    avoid = list(avoid)
    text = f"{n:,}" if not avoid and isinstance(n, int) else fmt_number(n, avoid)
    return _UNITS[unit](text, plural_n(n))


def join_words(parts: list[str]) -> str:
    """ "a", "a and b", "a, b and c" in the current language."""
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def rule_counts(blocks: int, warns: int) -> str:
    """The rules' outcome at one glance: "2 blocks, 1 warning", "All rules pass"."""
    parts = []
    if blocks:
        parts.append(ngettext("%(n)d block", "%(n)d blocks", blocks) % {"n": blocks})
    if warns:
        parts.append(ngettext("%(n)d warning", "%(n)d warnings", warns) % {"n": warns})
    return ", ".join(parts) if parts else _("All rules pass")


_STORED_SUMMARY = re.compile(r"^(?:(\d+) blocks?)?(?:, )?(?:(\d+) warnings?)?$")


def stored_summary_words(stored: str) -> str:
    """A rule summary as stored with a request (made in English: :func:`rule_counts` or
    "No rules checked") in the current language; text it does not know is kept."""
    if stored in ("No rules checked", "All rules pass"):
        return _(stored)
    match = _STORED_SUMMARY.match(stored)
    if match is None or not (match[1] or match[2]):
        return stored
    return rule_counts(int(match[1] or 0), int(match[2] or 0))
