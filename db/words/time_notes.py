"""A clip's "time uncertain" note in the window's language.

The note is made at import (``db.clips.clip_time``, ``db.clips.name_layouts``) and
stored with the clip in English: it is a record, and it must read the same on every
computer (docs/translating.md). The window reads the stored note here: each part
(the note's parts are joined by "; ") that Doorstep wrote is said anew in the current
language, times and numbers kept; a part it does not know is shown as stored.
"""

from __future__ import annotations

import re

from db.words.i18n import N_, _, language, ngettext

TIME_UNCERTAIN = N_("time uncertain")
UNCHECKED = N_("its start could not be checked")
WHOLE_HOURS = N_("a whole number of hours apart: one of them may be local time read as UTC")

_AMBIGUOUS = re.compile(r"the file name's time is ambiguous: (?P<why>.+)", re.DOTALL)
_DISAGREE = re.compile(
    r"the file name says (?P<name>.+?) but the (?P<kind>QuickTime creation date|"
    r"container's creation time) says (?P<other>.+?) \((?P<n>[\d.]+) "
    r"(?P<unit>days|hours|minutes|seconds) (?P<way>later|earlier)\)"
)
_HOUR_FOLDER = re.compile(
    r"the hour folder (?P<folder>\S+) does not match the name's hour (?P<hour>\S+)"
)


def _kind(kind: str) -> str:
    if kind == "QuickTime creation date":
        return _("QuickTime creation date")
    return _("container's creation time")


def _apart(n: str, unit: str) -> str:
    # The stored number keeps its decimal point (docs/translating.md: US Spanish, too).
    whole = 2 if "." in n else int(n)
    forms = {
        "days": ngettext("%(n)s day", "%(n)s days", whole),
        "hours": ngettext("%(n)s hour", "%(n)s hours", whole),
        "minutes": ngettext("%(n)s minute", "%(n)s minutes", whole),
        "seconds": ngettext("%(n)s second", "%(n)s seconds", whole),
    }
    return forms[unit] % {"n": n}


def _part(part: str) -> str:
    found = _DISAGREE.fullmatch(part)
    if found:
        text = (
            _("the file name says %(name)s but the %(kind)s says %(other)s (%(apart)s later)")
            if found["way"] == "later"
            else _(
                "the file name says %(name)s but the %(kind)s says %(other)s (%(apart)s earlier)"
            )
        )
        return text % {
            "name": found["name"],
            "kind": _kind(found["kind"]),
            "other": found["other"],
            "apart": _apart(found["n"], found["unit"]),
        }
    found = _HOUR_FOLDER.fullmatch(part)
    if found:
        return _("the hour folder %(folder)s does not match the name's hour %(hour)s") % {
            "folder": found["folder"],
            "hour": found["hour"],
        }
    # A fixed part (db.clips.clip_time.MTIME_NOTE, a layout's note in
    # db.clips.name_layouts) is a catalogue message; anything else is shown as stored.
    return _(part)


def note_words(note: str) -> str:
    """A stored note (English) in the current language; "" stays "", and English is the
    note byte for byte."""
    if not note or language() == "en":
        return note
    found = _AMBIGUOUS.fullmatch(note)
    if found:
        return _("the file name's time is ambiguous: %(why)s") % {"why": note_words(found["why"])}
    return "; ".join(_part(part) for part in _split(note))


def _split(note: str) -> list[str]:
    """The note's parts; a fixed part that itself holds "; " (a layout's note) is kept
    whole: the longest run of parts that the catalogue knows."""
    parts = note.split("; ")
    out: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            joined = "; ".join(parts[i:j])
            if j == i + 1 or _(joined) != joined:
                out.append(joined)
                i = j
                break
    return out


def uncertain_words(note: str) -> str:
    """ "time uncertain: why" for a clip whose start is uncertain, in the current
    language (it starts with ``_(TIME_UNCERTAIN)``)."""
    return f"{_(TIME_UNCERTAIN)}: {note_words(note) or _(UNCHECKED)}"
