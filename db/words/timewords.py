"""Times as the window shows them: every moment in the computer's time zone (named
once, by :func:`zone_words`), and how far away a moment is, rounded to what a person
needs ("in 14 days", "in 5 hours", "12 minutes ago")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from db.words.counts import count, join_words
from db.words.i18n import N_, _

_UNITS = ((86_400, "day"), (3_600, "hour"), (60, "minute"))


def moment_of(value: datetime | str) -> datetime:
    """A stored UTC text ("2026-12-05T17:00:00.000Z") or an aware datetime."""
    if isinstance(value, str):
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError("a naive datetime has no time zone")
    return value


def local_text(value: datetime | str, *, seconds: bool = False) -> str:
    """The moment on the computer's clock: "2026-12-05 09:00" (no zone: it is named
    once on screen)."""
    return (
        moment_of(value).astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    )


def local_day(value: datetime | str) -> str:
    """The date on the computer's clock: "2026-12-05"."""
    return moment_of(value).astimezone().strftime("%Y-%m-%d")


def local_span(start: datetime | str, end: datetime | str) -> str:
    """A time window: "2026-12-05 09:00–11:30", or both dates when it spans midnight."""
    a, b = moment_of(start).astimezone(), moment_of(end).astimezone()
    if a.date() == b.date():
        return f"{a:%Y-%m-%d %H:%M}–{b:%H:%M}"
    return f"{a:%Y-%m-%d %H:%M} – {b:%Y-%m-%d %H:%M}"


_ZONES: dict[str, ZoneInfo | None] = {}


def camera_text(value: datetime | str, zone_name: str) -> str:
    """The moment on a camera's clock, zone named: "2026-11-20 14:00:00 PST". Shown
    only as a labelled detail next to the computer's time."""
    if zone_name not in _ZONES:
        try:
            _ZONES[zone_name] = ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError):
            _ZONES[zone_name] = None
    zone = _ZONES[zone_name]
    moment = moment_of(value).astimezone(zone or UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S ") + (moment.tzname() or zone_name)


def same_clock(value: datetime | str, zone_name: str) -> bool:
    """Whether the camera's clock reads the same as the computer's at that moment."""
    moment = moment_of(value)
    try:
        camera = moment.astimezone(ZoneInfo(zone_name)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError):
        camera = timedelta(0)
    return camera == moment.astimezone().utcoffset()


def zone_words(now: datetime | None = None, name: str = "") -> str:
    """The computer's zone, e.g. "America/New_York (EST, UTC−05:00)" (``name``: the
    zone's id, when the caller knows it)."""
    moment = (now or datetime.now(UTC)).astimezone()
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    hours, mins = divmod(abs(minutes), 60)
    utc = f"UTC{'+' if minutes >= 0 else '−'}{hours:02d}:{mins:02d}" if minutes else "UTC"
    details = [p for p in dict.fromkeys((moment.tzname() or "", utc)) if p and p != name]
    if not name:
        return " ".join([details[0], f"({', '.join(details[1:])})"]) if len(details) > 1 else utc
    return f"{name} ({', '.join(details)})" if details else name


def _count(n: int, unit: str) -> str:
    return count(n, unit)


def _rounded(seconds: int) -> str:
    """``seconds`` (at least a minute) in the largest unit, to the nearest whole one;
    under two of it, with the next unit too ("1 day and 20 hours")."""
    for i, (size, unit) in enumerate(_UNITS):
        if seconds < size:
            continue
        bigger = _UNITS[i - 1][0] if i else 0
        if seconds < 2 * size and i + 1 < len(_UNITS):
            next_size, next_unit = _UNITS[i + 1]
            m = round((seconds - size) / next_size)
            if m * next_size >= size:
                return _count(2, unit)
            if not m:
                return _count(1, unit)
            return join_words([_count(1, unit), _count(m, next_unit)])
        n = round(seconds / size)
        if bigger and n * size >= bigger:
            return _count(1, _UNITS[i - 1][1])
        return _count(n, unit)
    return _("less than a minute")


def relative(moment: datetime | str, now: datetime) -> str:
    """How far ``moment`` is from ``now``, rounded to what a person needs: the largest
    unit to the nearest whole one ("in 14 days" for 14 days and 11 hours, "in 5 hours",
    "12 minutes ago"), with the next unit too under two of the largest ("in 1 day and
    20 hours"), "in less than a minute" under a minute."""
    delta = (moment_of(moment) - now).total_seconds()
    seconds = int(abs(delta))
    words = _("less than a minute") if seconds < 60 else _rounded(seconds)
    if delta >= 0:
        return _("in %(span)s") % {"span": words}
    return _("%(span)s ago") % {"span": words}


# Python's calendar names are the C locale's (English): the names are messages instead.
_MONTH_NAMES = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
_DAY_NAMES = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)


def month_name(month: int) -> str:
    """The month (1 = January) in the current language."""
    return _(_MONTH_NAMES[month - 1])


def weekday_name(weekday: int) -> str:
    """The day of the week (0 = Monday, as ``date.weekday()``) in the current language."""
    return _(_DAY_NAMES[weekday])
