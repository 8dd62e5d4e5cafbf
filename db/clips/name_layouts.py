"""The folder and file-name layouts real recorders write, one reader per profile.

Each reader takes the parts of a clip's path relative to the imported folder (folders
first, the file name last) and the camera's time zone, and answers ``None`` when the
path does not follow its layout, or a ``NameTime``: what the name says about when the
clip was recorded. A layout that is recognised but carries no time (a Hikvision SD
card's ``hiv00000.mp4``, an iPhone's ``IMG_1234.MOV``) gives a ``NameTime`` without a
start or an end, so that the profile can still be detected. docs/clip-times.md lists
each layout with its source.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Literal
from zoneinfo import ZoneInfo

from db.words.i18n import N_

Zone = Literal["local", "utc", "offset"]
Certainty = Literal["certain", "likely", "guess"]

# 2001-09-09 (the first 10-digit epoch) to the end of 2099: a longer or shorter run of
# digits, or one outside these years, is a counter or an id, not a time.
_EPOCH_MIN = 1_000_000_000
_EPOCH_MAX = 4_102_444_800


@dataclass(frozen=True)
class NameTime:
    """When a clip was recorded, as its path says.

    ``start`` and ``end`` are UTC; either may be missing (UniFi Protect backups name
    a clip by its end; some layouts carry no time at all). ``zone`` says how the
    name's digits were read: ``local`` in the camera's time zone, ``utc``, or
    ``offset`` when the name carries its own UTC offset. ``certainty`` is
    ``certain`` for a layout its recorder documents or writes in code we read, to the
    second, in a known zone; ``likely`` when the layout is documented but its zone or
    meaning is inferred (or only to the minute); ``guess`` for a date-time found
    anywhere in a name, and for a local time that a daylight-saving change repeats
    or skips. ``note`` says in words why a time is less than certain."""

    profile: str
    start: datetime | None
    end: datetime | None
    zone: Zone
    certainty: Certainty
    note: str = ""

    def start_given(self, duration_s: float) -> datetime | None:
        """The start, or for a name that gives only the end, the end minus the duration."""
        if self.start is not None:
            return self.start
        if self.end is not None:
            return self.end - timedelta(seconds=duration_s)
        return None


Parts = tuple[str, ...]
Reader = Callable[[Parts, ZoneInfo], NameTime | None]

_REPEATED = N_("the camera's clock showed this hour twice (daylight saving time ended)")
_SKIPPED = N_("this time did not exist in the camera's time zone (daylight saving time began)")
_DST_DISAGREES = N_("the name says daylight saving time where the camera's time zone does not")


def from_local(naive: datetime, zone: ZoneInfo, dst: bool | None = None) -> tuple[datetime, str]:
    """The UTC moment of a wall-clock time in ``zone``, and a note when it is doubtful.

    A time in the hour that the end of daylight saving time repeats is read as the
    first of the two unless ``dst`` (a name that says whether DST was in force)
    decides; a time that the start of DST skips is read with the offset before the
    change (what a camera that does not keep DST shows)."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    a, b = first.astimezone(UTC), second.astimezone(UTC)
    if a == b:
        note = ""
        if dst is not None and bool(first.dst()) != dst:
            note = _DST_DISAGREES
        return a, note
    if a.astimezone(zone).replace(tzinfo=None) != naive:
        return a, _SKIPPED
    if dst is None:
        return a, _REPEATED
    return (a if bool(first.dst()) == dst else b), ""


def _wall(
    y: str, mo: str, d: str, h: str, mi: str, s: str = "0", *, twelve: str | None = None
) -> datetime | None:
    hour = int(h)
    if twelve is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if twelve.lower() == "pm" else 0)
    try:
        return datetime(int(y), int(mo), int(d), hour, int(mi), int(s))
    except ValueError:
        return None


def _local_time(
    profile: str,
    start: datetime | None,
    end: datetime | None,
    zone: ZoneInfo,
    certainty: Certainty,
    note: str = "",
    dst: bool | None = None,
) -> NameTime | None:
    """A NameTime from wall-clock times in the camera's zone. ``None`` without a valid
    start: a name whose start is no time (a 24th hour) is not this layout's."""
    if start is None:
        return None
    begin, why = from_local(start, zone, dst)
    notes = [n for n in (note, why) if n]
    finish = None if end is None else _end_after(begin, end, zone)
    if why:
        certainty = "guess"
    return NameTime(profile, begin, finish, "local", certainty, "; ".join(notes))


def _end_after(begin: datetime, end: datetime, zone: ZoneInfo) -> datetime | None:
    """The first moment at or after ``begin`` that the end's wall time can mean: an end
    earlier on the clock runs past midnight, or past the hour that the end of daylight
    saving time repeats."""
    candidates = [
        (end + timedelta(days=days)).replace(tzinfo=zone, fold=fold).astimezone(UTC)
        for days in (0, 1)
        for fold in (0, 1)
    ]
    later = [c for c in candidates if c >= begin]
    return min(later) if later else None


def _timeless(profile: str, note: str) -> NameTime:
    return NameTime(profile, None, None, "local", "guess", note)


# Frigate: recordings/YYYY-MM-DD/HH/<camera>/MM.SS.mp4, every part in UTC.
_FRIGATE_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_FRIGATE_FILE = re.compile(r"([0-5]\d)\.([0-5]\d)\.mp4", re.IGNORECASE)


def frigate_recording(parts: Parts, zone: ZoneInfo) -> NameTime | None:
    if len(parts) < 4:
        return None
    day, hour, _camera, name = parts[-4:]
    d = _FRIGATE_DAY.fullmatch(day)
    f = _FRIGATE_FILE.fullmatch(name)
    if d is None or f is None or not re.fullmatch(r"[01]\d|2[0-3]", hour):
        return None
    wall = _wall(d[1], d[2], d[3], hour, f[1], f[2])
    if wall is None:
        return None
    return NameTime("frigate-recording", wall.replace(tzinfo=UTC), None, "utc", "certain")


# Dahua and Amcrest: YYYY-MM-DD/001/dav/HH/HH.MM.SS-HH.MM.SS[M][0@0][0].mp4, local.
_DAHUA_FILE = re.compile(
    r"(\d{2})\.(\d{2})\.(\d{2})-(\d{2})\.(\d{2})\.(\d{2})(?:\[[^\]/]*\])*\.(?:mp4|dav)",
    re.IGNORECASE,
)


def dahua(parts: Parts, zone: ZoneInfo) -> NameTime | None:
    f = _DAHUA_FILE.fullmatch(parts[-1])
    if f is None:
        return None
    if len(parts) < 5 or parts[-3].lower() != "dav" or not re.fullmatch(r"\d{3}", parts[-4]):
        return _timeless("dahua", N_("the date is in the folder above 001/dav: import that one"))
    d = _FRIGATE_DAY.fullmatch(parts[-5])
    if d is None:
        return _timeless("dahua", N_("the date is in the folder above 001/dav: import that one"))
    start = _wall(d[1], d[2], d[3], f[1], f[2], f[3])
    end = _wall(d[1], d[2], d[3], f[4], f[5], f[6])
    note = ""
    if parts[-2] != f[1]:
        note = f"the hour folder {parts[-2]} does not match the name's hour {f[1]}"
    return _local_time("dahua", start, end, zone, "guess" if note else "certain", note)


# Wyze: record/YYYYMMDD/HH/MM.mp4 on the SD card, one file a minute, local time.
def wyze(parts: Parts, zone: ZoneInfo) -> NameTime | None:
    if len(parts) < 3:
        return None
    day, hour, name = parts[-3:]
    m = re.fullmatch(r"([0-5]\d)\.mp4", name, re.IGNORECASE)
    d = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", day)
    if m is None or d is None or not re.fullmatch(r"[01]\d|2[0-3]", hour):
        return None
    start = _wall(d[1], d[2], d[3], hour, m[1])
    return _local_time("wyze", start, None, zone, "likely", N_("the name gives the minute only"))


# Reolink: Mp4Record/YYYY-MM-DD/RecM01_[DST]YYYYMMDD_HHMMSS_HHMMSS_<flags>_<size>.mp4,
# camera-local time; "DST" says daylight saving time was in force.
_REOLINK = re.compile(
    r"Rec[MS][0-9A-Fa-f]{2}_(DST)?(\d{4})(\d{2})(\d{2})_?(\d{2})(\d{2})(\d{2})"
    r"(?:_(\d{2})(\d{2})(\d{2}))?(?:_[^.]*)?\.\w+",
    re.IGNORECASE,
)


def reolink(parts: Parts, zone: ZoneInfo) -> NameTime | None:
    m = _REOLINK.fullmatch(parts[-1])
    if m is None:
        return None
    start = _wall(m[2], m[3], m[4], m[5], m[6], m[7])
    end = None
    # An end of 000000 means the recording was still open when the name was written.
    if m[8] is not None and (m[8], m[9], m[10]) != ("00", "00", "00"):
        end = _wall(m[2], m[3], m[4], m[8], m[9], m[10])
    return _local_time("reolink", start, end, zone, "certain", dst=m[1] is not None)


# Blue Iris: the default clip name &CAM.%Y%m%d_%H%M%S (the PC's local time).
_BLUE_IRIS = re.compile(
    r"(?=[^.]*[A-Za-z])[^.]+\.(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})(?:[^0-9.][^.]*)?"
    r"\.(?:mp4|bvr|avi|mkv|mov|m4v|ts|wmv)",
    re.IGNORECASE,
)


def blue_iris(parts: Parts, zone: ZoneInfo) -> NameTime | None:
    m = _BLUE_IRIS.fullmatch(parts[-1])
    if m is None:
        return None
    start = _wall(*m.groups())
    return _local_time("blue-iris", start, None, zone, "certain")


# UniFi Protect, three kinds of name:
# unifi-protect-backup: <camera>/<YYYY-MM-DD>/<YYYY-MM-DDTHH-MM-SS> <type>.mp4, the END;
# protect-archiver: <camera> (<id>) - YYYY-MM-DD - HH.MM.SS+zzzz.mp4, the start;
# the Protect web export: <camera> - M-D-YYYY, H.MM.SSpm.mp4, the start in local time.
_UP_BACKUP = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2}) [^/]+\.mp4", re.I)
_UP_ARCHIVER = re.compile(
    r".+ - (\d{4})-(\d{2})-(\d{2}) - (\d{2})\.(\d{2})\.(\d{2})([+-]\d{4})?\.mp4", re.I
)
_UP_EXPORT = re.compile(
    r".+ - (\d{1,2})-(\d{1,2})-(\d{4}), (\d{1,2})\.(\d{2})\.(\d{2}) ?([ap]m)\.mp4", re.I
)


def unifi_protect(parts: Parts, zone: ZoneInfo) -> NameTime | None:
    name = parts[-1]
    m = _UP_BACKUP.fullmatch(name)
    if m is not None:
        wall = _wall(*m.groups())
        if wall is None:
            return None
        return NameTime(
            "unifi-protect",
            None,
            wall.replace(tzinfo=UTC),
            "utc",
            "likely",
            N_("the name gives when the event ended; read as UTC"),
        )
    m = _UP_ARCHIVER.fullmatch(name)
    if m is not None:
        wall = _wall(*m.groups()[:6])
        if wall is None:
            return None
        if m[7] is None:
            return _local_time("unifi-protect", wall, None, zone, "likely")
        sign = -1 if m[7][0] == "-" else 1
        offset = timedelta(hours=int(m[7][1:3]), minutes=int(m[7][3:5])) * sign
        moment = wall.replace(tzinfo=timezone(offset)).astimezone(UTC)
        return NameTime("unifi-protect", moment, None, "offset", "certain")
    m = _UP_EXPORT.fullmatch(name)
    if m is not None:
        mo, d, y, h, mi, s, half = m.groups()
        wall = _wall(y, mo, d, h, mi, s, twelve=half)
        return _local_time("unifi-protect", wall, None, zone, "likely")
    return None


# Frigate exports and event clips, newest first:
# <camera>_YYYYMMDD_HHMMSS-YYYYMMDD_HHMMSS_<id>.mp4 (the Frigate server's local time);
# <camera>-<epoch>.<frac>-<epoch>.<frac>-<id>.mp4 (as issue 15 states it);
# <camera>-<epoch>.<frac>-<id>.mp4 (event clips up to 0.8; the event's start, UTC);
# previews/<camera>/<epoch>.<frac>-<epoch>.<frac>.mp4 (the low-rate previews, UTC).
_FRIGATE_EXPORT = re.compile(
    r".+_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})-(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})"
    r"_[A-Za-z0-9]+\.mp4",
    re.IGNORECASE,
)
_FRIGATE_SPAN = re.compile(r".+-(\d{10}(?:\.\d+)?)-(\d{10}(?:\.\d+)?)-[a-z0-9]+\.mp4", re.I)
_FRIGATE_PREVIEW = re.compile(r"(\d{10}(?:\.\d+)?)-(\d{10}(?:\.\d+)?)\.mp4", re.IGNORECASE)
_FRIGATE_EVENT = re.compile(r".+-(\d{10}(?:\.\d{1,6})?)-[a-z0-9]{6}\.mp4", re.IGNORECASE)


def frigate_export(parts: Parts, zone: ZoneInfo) -> NameTime | None:
    name = parts[-1]
    m = _FRIGATE_EXPORT.fullmatch(name)
    if m is not None:
        g = m.groups()
        return _local_time(
            "frigate-export",
            _wall(*g[:6]),
            _wall(*g[6:]),
            zone,
            "likely",
            N_("the Frigate server's time zone, taken to be the camera's"),
        )
    m = _FRIGATE_SPAN.fullmatch(name) or _FRIGATE_PREVIEW.fullmatch(name)
    if m is not None:
        start, end = _epoch(m[1]), _epoch(m[2])
        if start is None or end is None or end < start:
            return None
        note = N_("a preview: a few frames a second") if m.re is _FRIGATE_PREVIEW else ""
        return NameTime("frigate-export", start, end, "utc", "likely", note)
    m = _FRIGATE_EVENT.fullmatch(name)
    if m is not None:
        start = _epoch(m[1])
        if start is None:
            return None
        note = N_("an event clip: the event's start; the clip may begin a few seconds earlier")
        return NameTime("frigate-export", start, None, "utc", "likely", note)
    return None


def _epoch(text: str) -> datetime | None:
    whole, _, frac = text.partition(".")
    seconds = int(whole)
    if len(whole) == 13:
        seconds, millis = divmod(seconds, 1000)
        frac = f"{millis:03d}" + frac
    if not _EPOCH_MIN <= seconds < _EPOCH_MAX:
        return None
    micro = int((frac + "000000")[:6]) if frac else 0
    return datetime.fromtimestamp(seconds, UTC).replace(microsecond=micro)


# A name that is only a Unix time: seconds (10 digits) or milliseconds (13), UTC.
def epoch(parts: Parts, zone: ZoneInfo) -> NameTime | None:
    m = re.fullmatch(r"(\d{13}|\d{10})(\.\d{1,9})?\.\w+", parts[-1])
    if m is None:
        return None
    start = _epoch(m[1] + (m[2] or ""))
    if start is None:
        return None
    return NameTime("epoch", start, None, "utc", "likely", N_("a Unix time, read as UTC"))


# Hikvision: an SD card's hiv00000.mp4 ring files carry no time (it is in index00.bin);
# uploads named <ip>_<channel>_<YYYYMMDDHHMMSS>[mmm][_<EVENT>] carry local time.
_HIK_UPLOAD = re.compile(
    r"\d{1,3}(?:\.\d{1,3}){3}_\d{2}_(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\d{3})?"
    r"(?:_[A-Za-z_]+)?\.\w+"
)


def hikvision(parts: Parts, zone: ZoneInfo) -> NameTime | None:
    name = parts[-1]
    if re.fullmatch(r"hiv\d{5}\.mp4", name, re.IGNORECASE):
        return _timeless("hikvision", N_("times are in the card's index00.bin, not in the name"))
    m = _HIK_UPLOAD.fullmatch(name)
    if m is None:
        return None
    return _local_time("hikvision", _wall(*m.groups()), None, zone, "likely")


# Ring: <ding id>_stamp.mp4, the name of a recording's download; the id is not a time.
def ring(parts: Parts, zone: ZoneInfo) -> NameTime | None:
    if re.fullmatch(r"\d{6,}_stamp\.mp4", parts[-1], re.IGNORECASE):
        return _timeless("ring", N_("the name is the event's id, not a time"))
    return None


# Android: VID_YYYYMMDD_HHMMSS.mp4 (the phone's local time); Pixel phones'
# PXL_YYYYMMDD_HHMMSSmmm.mp4 (UTC).
_ANDROID_VID = re.compile(
    r"VID_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})(?:_?\d{1,3})?(?:~\d+)?\.(?:mp4|3gp)", re.I
)
_PIXEL = re.compile(
    r"PXL_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})(\d{3})(?:\.[A-Z.]+?)?(?:~\d+)?\.mp4", re.I
)


def android(parts: Parts, zone: ZoneInfo) -> NameTime | None:
    name = parts[-1]
    m = _PIXEL.fullmatch(name)
    if m is not None:
        wall = _wall(*m.groups()[:6])
        if wall is None:
            return None
        start = wall.replace(tzinfo=UTC, microsecond=int(m[7]) * 1000)
        return NameTime("android", start, None, "utc", "likely", N_("a Pixel name, in UTC"))
    m = _ANDROID_VID.fullmatch(name)
    if m is None:
        return None
    note = N_("the phone's time zone, taken to be the camera's")
    return _local_time("android", _wall(*m.groups()), None, zone, "likely", note)


# iPhone: IMG_1234.MOV names carry no time; com.apple.quicktime.creationdate does.
def iphone(parts: Parts, zone: ZoneInfo) -> NameTime | None:
    if re.fullmatch(r"IMG_(?:E)?\d{4}(?: \(\d+\))?\.mov", parts[-1], re.IGNORECASE):
        return _timeless("iphone", "the time is in the file's QuickTime creation date")
    return None


# Anything else: the first date and time in the file name, local time. The forms seen:
# 20261120_140000, 2026-11-20_14-00-00, 20261120140000, 2026-11-20T14:00:00,
# ch01_20261120140000, IMG 2026.11.20 14.00.00.
_NAME_TIME = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})[-_.]?(?P<mo>\d{2})[-_.]?(?P<d>\d{2})"
    r"[T_\- .]?(?P<h>\d{2})[-_.:h]?(?P<mi>\d{2})[-_.:m]?(?P<s>\d{2})(?!\d{3})"
)


def generic(parts: Parts, zone: ZoneInfo) -> NameTime | None:
    for m in _NAME_TIME.finditer(parts[-1]):
        wall = _wall(m["y"], m["mo"], m["d"], m["h"], m["mi"], m["s"])
        if wall is not None:
            note = "a date and time found in the name; its layout is not a known recorder's"
            return _local_time("generic", wall, None, zone, "guess", note)
    return None


# Most specific first: a path is read by the first layout it follows.
READERS: dict[str, Reader] = {
    "frigate-recording": frigate_recording,
    "dahua": dahua,
    "wyze": wyze,
    "reolink": reolink,
    "unifi-protect": unifi_protect,
    "frigate-export": frigate_export,
    "blue-iris": blue_iris,
    "hikvision": hikvision,
    "android": android,
    "iphone": iphone,
    "ring": ring,
    "epoch": epoch,
    "generic": generic,
}
