"""Reading a date and time as a person types it from a camera's on-screen clock (its
overlay) or from a reference clock, in the camera's time zone (docs/clock.md).

Accepted: ``2026-11-20 14:15:07`` (year first, with ``-``, ``/`` or ``.``),
``11/20/2026 02:15:07 PM`` and ``20-11-2026 14:15:07`` (day and month in either order,
when only one order makes a date), a weekday anywhere (``Fri``, checked against the
date), AM/PM, fractions of a second, ``T`` between date and time, and an explicit
``Z``/``UTC`` or ``+01:00`` instead of the camera's zone. Anything else is refused with
one line naming what is wrong: no reading is ever guessed. Nothing here touches the
database or Qt.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from db.words.i18n import _
from db.words.timewords import month_name, weekday_name


class TimeTextError(ValueError):
    """A typed time that cannot be read; the message says what is wrong, in one line."""


_WEEKDAYS = {
    name: index
    for index, names in enumerate(
        (
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}
_YEAR_FIRST = re.compile(r"(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")
_YEAR_LAST = re.compile(r"(?<!\d)(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?!\d)")
_SHORT_YEAR = re.compile(r"(?<!\d)\d{1,2}([-/.])\d{1,2}\1\d{2}(?!\d)")
_TIME = re.compile(
    r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?(?![\d:])"
    r"(?:\s*([ap])\.?\s?m\.?(?![a-z]))?",
    re.IGNORECASE,
)
_ZONE = re.compile(r"(?:(?<=\d)|\s)(z|utc|gmt|[+-]\d{2}:\d{2})\s*$", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z0-9]*\.?", re.IGNORECASE)


def _quote(text: str) -> str:
    return f"'{text}'"


def _zone_of(token: str) -> timezone:
    token = token.lower()
    if token in ("z", "utc", "gmt"):
        return UTC
    sign = -1 if token[0] == "-" else 1
    digits = token[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 14 or minutes > 59:
        raise TimeTextError(
            _("%(value)s is not a UTC offset (-14:00 to +14:00)") % {"value": _quote(token)}
        )
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _day(year: int, month: int, day: int, shown: str) -> date:
    if not 1970 <= year <= 2100:
        raise TimeTextError(
            _("%(value)s: the year %(year)s is not 1970 to 2100")
            % {"value": _quote(shown), "year": year}
        )
    if not 1 <= month <= 12:
        raise TimeTextError(
            _("%(value)s is not a date (there is no month %(month)s)")
            % {"value": _quote(shown), "month": month}
        )
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise TimeTextError(
            _("%(value)s is not a date (%(MONTHS)s %(year)s has %(last)s days)")
            % {"value": _quote(shown), "MONTHS": month_name(month), "year": year, "last": last}
        )
    return date(year, month, day)


def _long(day: date) -> str:
    return _("%(day)d %(month)s %(year)d") % {
        "day": day.day,
        "month": month_name(day.month),
        "year": day.year,
    }


def _read_date(text: str, weekday: int | None) -> tuple[date | None, str]:
    """The date in ``text`` and the text without it."""
    found = _YEAR_FIRST.search(text)
    if found:
        shown = found.group(0)
        year, month, day = int(found.group(1)), int(found.group(3)), int(found.group(4))
        return _day(year, month, day, shown), text[: found.start()] + " " + text[found.end() :]
    found = _YEAR_LAST.search(text)
    if found is None:
        short = _SHORT_YEAR.search(text)
        if short:
            raise TimeTextError(
                _("%(value)s has a two-digit year: type the year in full (as the date 2026-11-20)")
                % {"value": _quote(short.group(0))}
            )
        return None, text
    shown = found.group(0)
    first, second, year = int(found.group(1)), int(found.group(3)), int(found.group(4))
    readings: list[date] = []
    for month, day in ((first, second), (second, first)):  # month first (US), day first
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            if candidate not in readings:
                readings.append(candidate)
    if not readings:
        _day(year, first, second, shown)  # says why (no such month, or day)
    if len(readings) > 1 and weekday is not None:
        readings = [d for d in readings if d.weekday() == weekday] or readings
    if len(readings) > 1:
        a, b = readings
        raise TimeTextError(
            _(
                "%(value)s could be %(value2)s or %(value3)s: type the date year first "
                "(%(value4)s or %(value5)s)"
            )
            % {
                "value": _quote(shown),
                "value2": _long(a),
                "value3": _long(b),
                "value4": a.isoformat(),
                "value5": b.isoformat(),
            }
        )
    if not 1970 <= year <= 2100:
        raise TimeTextError(
            _("%(value)s: the year %(year)s is not 1970 to 2100")
            % {"value": _quote(shown), "year": year}
        )
    return readings[0], text[: found.start()] + " " + text[found.end() :]


def _read_time(text: str) -> tuple[tuple[int, int, int, int], str]:
    """(hour, minute, second, microsecond) in ``text`` and the text without it."""
    found = _TIME.search(text)
    if found is None:
        raise TimeTextError(
            _("no time of day in it (type it as the camera shows it, e.g. 14:15:07)")
        )
    shown = found.group(0).strip()
    hour, minute = int(found.group(1)), int(found.group(2))
    if found.group(3) is None:
        raise TimeTextError(
            _("%(value)s has no seconds: type the time to the second (as 14:15:07)")
            % {"value": _quote(shown)}
        )
    second = int(found.group(3))
    micro = int((found.group(4) or "0").ljust(6, "0"))
    half = (found.group(5) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise TimeTextError(
                _(
                    "%(value)s: %(hour)s o'clock is not a time on a 12-hour clock (drop the "
                    "%(value2)sM for a 24-hour time)"
                )
                % {"value": _quote(shown), "hour": hour, "value2": half.upper()}
            )
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise TimeTextError(
            _("%(value)s is not a time of day (00:00:00 to 23:59:59)") % {"value": _quote(shown)}
        )
    return (hour, minute, second, micro), text[: found.start()] + " " + text[found.end() :]


def _read_weekday(text: str) -> int | None:
    """A weekday's number in ``text`` (``Fri``, ``Friday``); any other word is refused."""
    weekday = None
    for word in _WORD.findall(text):
        key = word.rstrip(".").lower()
        if key not in _WEEKDAYS:
            raise TimeTextError(
                _("cannot read %(value)s as part of a date or time") % {"value": _quote(word)}
            )
        if weekday is not None and _WEEKDAYS[key] != weekday:
            raise TimeTextError(_("two different weekdays in it"))
        weekday = _WEEKDAYS[key]
    return weekday


def _local(naive: datetime, zone: ZoneInfo) -> datetime:
    """A wall time in ``zone``, refused when the zone's clocks skipped it or showed it
    twice (a daylight saving change): which moment it was cannot be told."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first.astimezone(UTC)
    shown = naive.strftime("%Y-%m-%d %H:%M:%S")
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise TimeTextError(
            _(
                "%(shown)s does not exist in %(key)s (the clocks went forward): check "
                "the camera's time zone, or add the UTC offset the clock keeps (as "
                "+01:00)"
            )
            % {"shown": shown, "key": zone.key}
        )
    raise TimeTextError(
        _(
            "%(shown)s happened twice in %(key)s (the clocks went back): add which "
            "UTC offset it was (%(value)s or %(value2)s)"
        )
        % {
            "shown": shown,
            "key": zone.key,
            "value": _offset(first.utcoffset()),
            "value2": _offset(second.utcoffset()),
        }
    )


def _offset(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta(0)).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def parse_time(text: str, zone: ZoneInfo, *, near: datetime | None = None) -> datetime:
    """The moment ``text`` names, in UTC. Its wall time is read in ``zone`` unless it
    carries its own (``Z``, ``UTC``, ``+01:00``). Without a date, ``near`` (a UTC time)
    supplies the day that brings the time closest to it (within 12 hours); without
    ``near`` a date is required. Raises TimeTextError in one line."""
    original = " ".join(text.split())
    if not original:
        raise TimeTextError(_("nothing typed (type a date and time, e.g. 2026-11-20 14:15:07)"))
    if len(original) > 80:
        raise TimeTextError(_("too long for a date and time (80 characters at most)"))
    work = original.replace("T", " ") if re.search(r"\dT\d", original) else original
    tz: timezone | None = None
    zone_match = _ZONE.search(work)
    if zone_match:
        tz = _zone_of(zone_match.group(1))
        work = work[: zone_match.start()] + " "
    clock, work = _read_time(work)
    weekday = _read_weekday(work)
    day, work = _read_date(work, weekday)
    leftover = re.sub(r"[\s,;]+", " ", _WORD.sub(" ", work)).strip()
    if leftover:
        raise TimeTextError(
            _("cannot read %(value)s as part of a date or time") % {"value": _quote(leftover)}
        )
    if day is None:
        if near is None:
            raise TimeTextError(
                _("no date in %(value)s (type it as shown, e.g. 2026-11-20 14:15:07)")
                % {"value": _quote(original)}
            )
        return _nearest(clock, zone if tz is None else tz, near, weekday, original)
    if weekday is not None and day.weekday() != weekday:
        raise TimeTextError(
            _("%(value)s: %(value2)s is a %(value3)s, not a %(value4)s")
            % {
                "value": _quote(original),
                "value2": day.isoformat(),
                "value3": weekday_name(day.weekday()),
                "value4": weekday_name(weekday),
            }
        )
    naive = datetime(day.year, day.month, day.day, *clock)
    if tz is not None:
        return naive.replace(tzinfo=tz).astimezone(UTC)
    return _local(naive, zone)


def _nearest(
    clock: tuple[int, int, int, int],
    zone: ZoneInfo | timezone,
    near: datetime,
    weekday: int | None,
    original: str,
) -> datetime:
    around = near.astimezone(zone).date()
    best: datetime | None = None
    for shift in (-1, 0, 1):
        day = around + timedelta(days=shift)
        naive = datetime(day.year, day.month, day.day, *clock)
        try:
            moment = (
                _local(naive, zone)
                if isinstance(zone, ZoneInfo)
                else naive.replace(tzinfo=zone).astimezone(UTC)
            )
        except TimeTextError:
            if shift == 0:
                raise
            continue
        if best is None or abs(moment - near) < abs(best - near):
            best = moment
    assert best is not None
    if weekday is not None and best.astimezone(zone).weekday() != weekday:
        raise TimeTextError(
            _("%(value)s: the nearest such time falls on a %(value2)s: type the date too")
            % {
                "value": _quote(original),
                "value2": weekday_name(best.astimezone(zone).weekday()),
            }
        )
    return best
