"""The time window a pasted message asks about, read with the sender's time zone
(db.requests.message_text uses it; docs/requests.md, "Filling the form from a message").

Agencies write windows as "between 2:00 PM and 4:30 PM on November 20, 2026 (PST)",
"11/20/2026 14:00-16:00 Pacific", "Nov 20 from 2-4pm" or RFC 3339 times with offsets.
A US zone word maps to its IANA zone (Pacific -> America/Los_Angeles); a message naming
none is read in the offset of its email Date header, else in the caller's default
zone, and the result says the zone was assumed. A date without a year is the most
recent such day on or before the message's date: a request asks for footage already
recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from itertools import pairwise
from zoneinfo import ZoneInfo

# US zone words as agencies write them, to the IANA zone. "PST" in summer means the
# Pacific zone as people use it, so each maps to the zone, not to a fixed offset.
ZONE_WORDS: dict[str, str] = {
    "pacific": "America/Los_Angeles",
    "pt": "America/Los_Angeles",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "mountain": "America/Denver",
    "mt": "America/Denver",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "arizona": "America/Phoenix",
    "central": "America/Chicago",
    "ct": "America/Chicago",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "eastern": "America/New_York",
    "et": "America/New_York",
    "est": "America/New_York",
    "edt": "America/New_York",
    "alaska": "America/Anchorage",
    "akst": "America/Anchorage",
    "akdt": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "hst": "Pacific/Honolulu",
    "utc": "UTC",
    "gmt": "UTC",
}
_ZONE = re.compile(
    r"(?P<zone>(?i:pacific|mountain|central|eastern|alaska|hawaii|arizona)"
    r"(?:[ \t]+(?i:standard|daylight))?(?:[ \t]+(?i:time))?"
    r"|\b(?:PT|PST|PDT|MT|MST|MDT|CT|CST|CDT|ET|EST|EDT|AKST|AKDT|HST|UTC|GMT)\b)"
)
# Right after a window: "(PST)", " Pacific", " PT", "(Pacific Time)".
_ZONE_AFTER = re.compile(r"\s{0,3},?\s{0,3}\(?[ \t]*" + _ZONE.pattern)

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
    r"|January|February|March|April|June|July|August|September|October|November|December)"
)
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
_DATES = [
    re.compile(
        _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4})\b)?"
    ),
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b"),
    re.compile(r"(?<![\d/])(?P<mon>\d{1,2})/(?P<day>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?(?![\d/])"),
    re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?![\d:T])"),
]
_TIME = (
    r"(?P<h{n}>\d{{1,2}})(?::(?P<m{n}>[0-5]\d))?"
    r"(?:[ \t]*(?P<ap{n}>(?i:[ap]\.[ \t]?m\.?|[ap][ \t]?m\b)))?"
)
_RANGE = re.compile(
    r"(?<![\d:/.-])"
    + _TIME.format(n=1)
    + r"\s*(?:-|–|—|\bto\b|\band\b|\buntil\b|\btill\b|\bthrough\b)\s*"
    + _TIME.format(n=2)
    + r"(?![\d:/])"
)
_RFC3339 = r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})"
_ISO_PAIR = re.compile(
    rf"(?P<a>{_RFC3339})\s*(?:-|–|—|/|\bto\b|\buntil\b|\bthrough\b|\band\b)\s*(?P<b>{_RFC3339})"
)
NEAR = 90  # how far (characters) a date may be from its time range
# A date with its own time ("11/02/2026 1:00 AM", "November 2, 2026 at 23:15"), and
# what joins two such into a window.
_DATED_TIME = re.compile(r"[ \t]*(?:,|\bat\b|@)?[ \t]*" + _TIME.format(n=1) + r"(?![\d:/])")
_JOIN = re.compile(r"\s*(?:-|–|—|\bto\b|\band\b|\buntil\b|\btill\b|\bthrough\b)\s*(?:(?i:on)\s+)?")


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime
    start_pos: int
    end_pos: int
    zone: str | None  # the zone the message named (IANA), None: not named
    zone_start: int = -1
    zone_end: int = -1
    year_assumed: bool = False
    offsets_given: bool = False  # RFC 3339 times: each carries its own offset


def zone_for(word: str) -> str | None:
    """ "Pacific Standard Time" -> "America/Los_Angeles"."""
    return ZONE_WORDS.get(word.split()[0].lower())


def _iso(text: str) -> datetime | None:
    """An RFC 3339 time with its offset (None: not a real time, or no offset)."""
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        return None
    return moment if moment.utcoffset() is not None else None


def _hour(h: str, ap: str | None) -> int | None:
    hour = int(h)
    if ap is None:
        return hour if hour <= 23 else None
    if not 1 <= hour <= 12:
        return None
    pm = ap.lower().startswith("p")
    return (hour % 12) + (12 if pm else 0)


def _times(m: re.Match[str]) -> tuple[int, int, int, int] | None:
    """(start hour, minute, end hour, minute) of a range match, or None when it is not
    clearly a time range (bare numbers such as "2-4" need an am/pm or a colon)."""
    ap1, ap2 = m["ap1"], m["ap2"]
    if not (ap1 or ap2 or m["m1"] or m["m2"]):
        return None
    if (m["m1"] is None) != (m["m2"] is None) and not (ap1 or ap2):
        return None
    if ap1 is None and ap2 is not None:
        start = _hour(m["h1"], ap2)
        other = "am" if ap2.lower().startswith("p") else "pm"
        end = _hour(m["h2"], ap2)
        # "11-1pm" is 11 am to 1 pm; "9 and 11pm" is 9 pm to 11 pm.
        if start is not None and end is not None and start > end:
            start = _hour(m["h1"], other)
    else:
        start = _hour(m["h1"], ap1)
        end = _hour(m["h2"], ap2 or ap1)
    if start is None or end is None:
        return None
    return start, int(m["m1"] or 0), end, int(m["m2"] or 0)


@dataclass(frozen=True)
class _Day:
    day: date
    start: int
    end: int
    year_assumed: bool


def _dates(text: str, reference: date) -> list[_Day]:
    found: list[_Day] = []
    for pattern in _DATES:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            month = (
                _MONTHS[groups["month"][:3].lower()] if groups.get("month") else int(groups["mon"])
            )
            year_text = groups.get("year")
            try:
                if year_text:
                    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
                    day = date(year, month, int(groups["day"]))
                else:
                    day = date(reference.year, month, int(groups["day"]))
                    if day > reference:
                        day = day.replace(year=reference.year - 1)
            except ValueError:
                continue
            found.append(_Day(day, m.start(), m.end(), not year_text))
    return found


def _zone_after(text: str, pos: int) -> tuple[str, int, int] | None:
    m = _ZONE_AFTER.match(text, pos)
    if m is None:
        return None
    zone = zone_for(m["zone"])
    return None if zone is None else (zone, m.start("zone"), m.end("zone"))


def find_window(text: str, reference: date, default: tzinfo) -> Window | None:
    """The first time window in ``text``: RFC 3339 pairs first, then a time range with a
    date within NEAR characters. ``reference``: the message's date (a date without a
    year is the latest such day up to it); ``default``: the zone when none is named."""
    pair = _ISO_PAIR.search(text)
    if pair is not None:
        start, end = _iso(pair["a"]), _iso(pair["b"])
        if start is not None and end is not None:
            return Window(start, end, pair.start(), pair.end(), None, offsets_given=True)
    days = _dates(text, reference)
    dated = _dated_pair(text, days, default)
    if dated is not None:
        return dated
    for m in _RANGE.finditer(text):
        times = _times(m)
        if times is None:
            continue
        near = [
            d
            for d in days
            if (d.end <= m.start() and m.start() - d.end <= NEAR)
            or (d.start >= m.end() and d.start - m.end() <= NEAR)
        ]
        if not near:
            continue
        day = min(near, key=lambda d: min(abs(m.start() - d.end), abs(d.start - m.end())))
        first, last = min(day.start, m.start()), max(day.end, m.end())
        named = _zone_after(text, m.end()) or _zone_after(text, last)
        zone: tzinfo = ZoneInfo(named[0]) if named else default
        h1, m1, h2, m2 = times
        start = datetime(day.day.year, day.day.month, day.day.day, h1, m1, tzinfo=zone)
        end = datetime(day.day.year, day.day.month, day.day.day, h2, m2, tzinfo=zone)
        if end <= start:  # "11:00 PM and 1:00 AM": the next morning
            end = datetime.combine(day.day + timedelta(days=1), end.timetz())
        if named:
            last = max(last, named[2])
        return Window(
            start,
            end,
            first,
            last,
            named[0] if named else None,
            named[1] if named else -1,
            named[2] if named else -1,
            day.year_assumed,
        )
    return None


@dataclass(frozen=True)
class _DatedTime:
    day: _Day
    hour: int
    minute: int
    end: int  # where the time ends in the text


def _dated_times(text: str, days: list[_Day]) -> list[_DatedTime]:
    """Each date followed by its own time (which needs a colon or am/pm to be one)."""
    found: list[_DatedTime] = []
    for day in days:
        m = _DATED_TIME.match(text, day.end)
        if m is None or not (m["m1"] or m["ap1"]):
            continue
        hour = _hour(m["h1"], m["ap1"])
        if hour is not None:
            found.append(_DatedTime(day, hour, int(m["m1"] or 0), m.end()))
    return sorted(found, key=lambda t: t.day.start)


def _dated_pair(text: str, days: list[_Day], default: tzinfo) -> Window | None:
    """A window written with a date before each time: "between 11/02/2026 1:00 AM and
    11/02/2026 3:30 AM", "from Nov 2, 2026 at 23:00 to Nov 3, 2026 at 01:30"."""
    dated = _dated_times(text, days)
    for a, b in pairwise(dated):
        join = _JOIN.match(text, a.end)
        if join is None or join.end() != b.day.start:
            continue
        named = _zone_after(text, b.end)
        zone: tzinfo = ZoneInfo(named[0]) if named else default
        start = datetime.combine(a.day.day, time(a.hour, a.minute), tzinfo=zone)
        end = datetime.combine(b.day.day, time(b.hour, b.minute), tzinfo=zone)
        if end <= start:
            continue
        return Window(
            start,
            end,
            a.day.start,
            named[2] if named else b.end,
            named[0] if named else None,
            named[1] if named else -1,
            named[2] if named else -1,
            a.day.year_assumed or b.day.year_assumed,
        )
    return None
