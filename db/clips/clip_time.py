"""A clip's start: which source gives it, how sure it is, and the other times seen.

One function, ``clip_time``, serves the import (``db.clips.importer``) and the
recalculation when a camera's time zone, clock offset or naming profile changes
(``db.clips.cameras.edit_camera``), so both place a clip the same way. The rule is
written out in docs/clip-times.md ("How the start is chosen"). Nothing here touches
the database or Qt.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from db.clips.name_layouts import NameTime
from db.clips.name_times import name_time
from db.words.i18n import N_, _

# How far a name's start and the container's time may lie apart and still agree, on
# top of the clip's duration: many recorders write the container's creation time when
# they close the file (its END), names to the minute (Wyze) are up to a minute early,
# and the two are taken from the clock at slightly different moments. Two minutes
# covers these; a mistake of a time zone (local time written as UTC) is at least
# fifteen minutes and usually whole hours, so it is never taken for agreement.
AGREE_TOLERANCE_S = 120.0

# Notes are stored with the clip in English (a record, as docs/translating.md says);
# the window reads them in its language with db.words.time_notes.note_words.
MTIME_NOTE = N_(
    "only the file's modification time gives a time: it is when the file was last "
    "written, which a copy changes"
)

# NameTime notes that say a daylight-saving change makes the name's local time
# ambiguous: such a name is not trusted alone.
_DST_WORDS = ("daylight saving time",)


@dataclass(frozen=True)
class ClipTime:
    """Where a clip starts (UTC, the camera's clock offset taken off), which source
    said so (``quicktime``, ``container``, ``filename:<profile>``, ``mtime``), whether
    Doorstep stands behind it (``certain``), and if not, why (``note``, in words).
    ``name_start`` and ``container_start`` are the times the name and the container
    gave (offset taken off too), kept so the resident can see both."""

    start: datetime
    source: str
    certain: bool
    note: str
    name_start: datetime | None
    container_start: datetime | None


def relative_path(path: str | os.PathLike[str], root: str | os.PathLike[str] | None) -> str:
    """The path of a clip relative to the imported folder (its name alone when the
    folder is unknown or does not hold it): the part of the path a recorder wrote."""
    full = os.fspath(path)
    if root is not None:
        rel = os.path.relpath(full, os.fspath(root))
        if not rel.startswith(os.pardir):
            return rel
    return os.path.basename(full)


_SOURCE_WORDS = {
    "quicktime": N_("the phone's recorded date (with its UTC offset)"),
    "container": N_("the recording's own time stamp"),
    "filename": N_("the file name"),
    "mtime": N_("the file's modification time, less its length"),
}


def source_words(source: str) -> str:
    """Where a start came from (``start_source``), as the resident reads it, in the
    current language (a package's manifest asks inside ``db.words.i18n.english()``)."""
    if source.startswith("filename:"):
        return _("the folders and file name (%(layout)s layout)") % {
            "layout": source.split(":", 1)[1]
        }
    words = _SOURCE_WORDS.get(source)
    return _(words) if words is not None else source


def when(moment: datetime) -> str:
    """A moment as the notes say it: UTC to the second."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _apart(seconds: float) -> str:
    seconds = abs(seconds)
    if seconds >= 2 * 86400:
        return f"{seconds / 86400:.1f} days"
    if seconds >= 2 * 3600:
        return f"{seconds / 3600:.1f} hours"
    if seconds >= 120:
        return f"{seconds / 60:.0f} minutes"
    return f"{seconds:.0f} seconds"


def _disagreement(name: datetime, container: datetime, kind: str, duration_s: float) -> str:
    """Why a name's start and the container's time do not agree, or "" when they do:
    the container's time may lie anywhere from the start (less the tolerance) to the
    end (plus the tolerance), since many recorders stamp the file when closing it."""
    gap = (container - name).total_seconds()
    if -AGREE_TOLERANCE_S <= gap <= duration_s + AGREE_TOLERANCE_S:
        return ""
    text = (
        f"the file name says {when(name)} but the {kind} says {when(container)} "
        f"({_apart(gap)} {'later' if gap > 0 else 'earlier'})"
    )
    hours = gap / 3600
    if abs(hours) <= 14 and abs(hours - round(hours)) * 3600 <= AGREE_TOLERANCE_S:
        text += "; a whole number of hours apart: one of them may be local time read as UTC"
    return text


def clip_time(
    rel_path: str | os.PathLike[str],
    *,
    creation_time: datetime | None,
    quicktime: datetime | None,
    mtime: float,
    duration_s: float,
    zone: ZoneInfo,
    clock_offset_s: float,
    profile: str | None = None,
) -> ClipTime:
    """The clip's start and how sure it is (the precedence and the checks are in
    docs/clip-times.md).

    Precedence: the iPhone's QuickTime creation date (it carries its UTC offset); a
    time from a recorder's known layout of folders and name; the container's creation
    time; a date and time found in a name by the general pattern; the file's
    modification time (when writing ended: the duration is taken off). All come from
    the camera's clock, so its offset (camera clock minus true time) is taken off.

    The clip is uncertain when the name and the container disagree (beyond
    AGREE_TOLERANCE_S and the duration), when the only time is the modification time,
    and when the name's local time is one a daylight-saving change repeats or skips
    and no container time settles it."""
    offset = timedelta(seconds=clock_offset_s)
    named: NameTime | None = name_time(rel_path, zone, profile)
    name_start = named.start_given(duration_s) if named is not None else None
    container, kind = (
        (quicktime, "QuickTime creation date")
        if quicktime
        else (
            creation_time,
            "container's creation time",
        )
    )
    if quicktime is not None:
        start, source = quicktime, "quicktime"
    elif named is not None and name_start is not None and named.certainty != "guess":
        start, source = name_start, f"filename:{named.profile}"
    elif creation_time is not None:
        start, source = creation_time, "container"
    elif named is not None and name_start is not None:
        start, source = name_start, f"filename:{named.profile}"
    else:
        start = datetime.fromtimestamp(mtime, UTC) - timedelta(seconds=duration_s)
        return ClipTime(start - offset, "mtime", False, MTIME_NOTE, None, None)

    notes = []
    if name_start is not None and container is not None:
        disagreement = _disagreement(name_start, container, kind, duration_s)
        if disagreement:
            notes.append(disagreement)
    elif (
        named is not None
        and name_start is not None
        and named.certainty == "guess"
        and any(w in named.note for w in _DST_WORDS)
    ):
        notes.append(f"the file name's time is ambiguous: {named.note}")
    return ClipTime(
        start - offset,
        source,
        not notes,
        "; ".join(notes),
        None if name_start is None else name_start - offset,
        None if container is None else container - offset,
    )
