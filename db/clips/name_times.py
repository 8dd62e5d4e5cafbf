"""A clip's recording time from its path, by the naming profile of the recorder that
wrote it, and the profile of a folder of clips.

The path is taken RELATIVE to the imported folder: several recorders keep the date or
the hour in folders (Wyze ``YYYYMMDD/HH/MM.mp4``, Frigate ``YYYY-MM-DD/HH/<camera>/
MM.SS.mp4``, Dahua ``YYYY-MM-DD/001/dav/HH/...``), and folders above the import say
nothing about the clips. The layouts themselves are in ``db.clips.name_layouts``;
docs/clip-times.md lists them with their sources. Nothing here touches the database
or Qt.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from db.clips.name_layouts import READERS, NameTime
from db.words.i18n import _

__all__ = [
    "PROFILES",
    "Detection",
    "NameTime",
    "UnknownProfile",
    "detect_profile",
    "name_time",
    "profile_of",
    "quicktime_creation_date",
    "read_quicktime_creation_date",
]

# Every profile a resident can choose, in the order a path is tried against them.
PROFILES: tuple[str, ...] = tuple(READERS)

# How many files a folder's profile is judged on: the first ones in path order, enough
# for a majority and quick to read from a slow card.
DETECT_FIRST = 50

QUICKTIME_CREATION_DATE = "com.apple.quicktime.creationdate"

_UTC_ZONE = ZoneInfo("UTC")


class UnknownProfile(ValueError):
    """A profile name that is not one of PROFILES; the message names it."""


def _parts(path: str | os.PathLike[str]) -> tuple[str, ...]:
    """A relative path's parts, whichever separator the recorder's system used."""
    text = os.fspath(path).replace("\\", "/")
    return tuple(p for p in PurePosixPath(text).parts if p not in ("/", "."))


def _check(profile: str) -> None:
    if profile not in READERS:
        known = ", ".join(PROFILES)
        raise UnknownProfile(f"unknown naming profile {profile!r} (known: {known})")


def name_time(
    path: str | os.PathLike[str], zone: ZoneInfo, profile: str | None = None
) -> NameTime | None:
    """When the clip at ``path`` (relative to the imported folder) was recorded, as its
    folders and name say; ``None`` when they carry no time.

    ``profile`` forces one layout (the resident's choice for a camera); without it the
    first layout the path follows is used. ``zone`` is the camera's time zone, in which
    local-time names are read."""
    parts = _parts(path)
    if not parts:
        return None
    if profile is not None:
        _check(profile)
        readers = [READERS[profile]]
    else:
        readers = list(READERS.values())
    for reader in readers:
        found = reader(parts, zone)
        if found is None:
            continue
        if found.start is None and found.end is None:
            return None
        return found
    return None


def profile_of(path: str | os.PathLike[str]) -> str | None:
    """The profile whose layout the path follows, also for layouts that carry no time
    (an iPhone's IMG_1234.MOV); ``None`` when no known layout fits, not even a date and
    time somewhere in the name."""
    return _profile_of(_parts(path))


def _profile_of(parts: tuple[str, ...]) -> str | None:
    if not parts:
        return None
    for profile, reader in READERS.items():
        if reader(parts, _UTC_ZONE) is not None:
            return profile
    return None


@dataclass(frozen=True)
class Detection:
    """A folder's naming profile: the most common among the files looked at.

    ``counts`` holds how many files followed each profile (``None`` for files that
    followed none); ``looked`` is how many were looked at. ``profile`` is ``None`` when
    no file followed a known layout."""

    profile: str | None
    counts: Mapping[str | None, int]
    looked: int

    @property
    def share(self) -> float:
        """The part of the files looked at that follow the detected profile."""
        if not self.looked or self.profile is None:
            return 0.0
        return self.counts.get(self.profile, 0) / self.looked

    def words(self) -> str:
        """The detection as the resident reads it before an import."""
        if self.profile is None:
            return _("No known naming layout in the first %(looked)d file(s).") % {
                "looked": self.looked
            }
        n = self.counts.get(self.profile, 0)
        return _("Named like %(profile)s: %(n)d of the first %(looked)d file(s).") % {
            "profile": self.profile,
            "n": n,
            "looked": self.looked,
        }


def detect_profile(paths: Iterable[str | os.PathLike[str]], first: int = DETECT_FIRST) -> Detection:
    """The naming profile of a folder from the relative paths of its files: the most
    common profile among the first ``first`` of them in path order. A tie goes to the
    more specific layout (the order of PROFILES); ``generic`` wins only when no
    recorder's layout is as common."""
    chosen = sorted(_parts(p) for p in paths)[: max(first, 0)]
    counts: Counter[str | None] = Counter()
    for parts in chosen:
        counts[_profile_of(parts)] += 1
    ranked = [p for p in PROFILES if counts.get(p)]
    best = None
    if ranked:
        best = max(ranked, key=lambda p: (counts[p], p != "generic", -PROFILES.index(p)))
    return Detection(best, dict(counts), len(chosen))


def quicktime_creation_date(metadata: Mapping[str, str]) -> datetime | None:
    """The recording time an iPhone (and other Apple devices) write in a QuickTime
    file's ``com.apple.quicktime.creationdate`` metadata, which carries the device's
    UTC offset (``2026-11-20T14:15:00-0800``); in UTC. ``None`` when the key is absent,
    unreadable, or has no offset (a time without one cannot be placed)."""
    text = metadata.get(QUICKTIME_CREATION_DATE)
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None or moment.year < 1990:
        return None
    return moment.astimezone(UTC)


def read_quicktime_creation_date(path: str | os.PathLike[str]) -> datetime | None:
    """``quicktime_creation_date`` of a file's container metadata, read with PyAV;
    ``None`` when the file cannot be opened or has no such date."""
    import av

    try:
        with av.open(os.fspath(path), metadata_errors="ignore") as container:
            return quicktime_creation_date(container.metadata)
    except av.error.FFmpegError:
        return None
