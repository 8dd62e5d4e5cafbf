"""A camera's clock offset in words: "2 min 13 s fast", "1 h 5 s slow", "right"."""

from __future__ import annotations

from db.words.i18n import N_, _, ngettext

# How the true time of a measured frame is known, by the name the command line takes
# (db.clips.clock), in words.
METHODS = {
    "reference-clock": N_("a reference clock in the frame (a phone or clock showing network time)"),
    "known-event": N_("the known time of an event seen in the frame"),
}


def span(seconds: float) -> str:
    """A length of time in days, hours, minutes and seconds, the zero parts left out:
    "2 min 13 s", "1 day 3 h", "0.5 s"."""
    seconds = abs(seconds)
    whole = int(seconds)
    fraction = round(seconds - whole, 3)
    if fraction >= 1:
        whole, fraction = whole + 1, 0.0
    days, rest = divmod(whole, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)d day", "%(n)d days", days) % {"n": days})
    if hours:
        parts.append(_("%(n)d h") % {"n": hours})
    if minutes:
        parts.append(_("%(n)d min") % {"n": minutes})
    if secs or fraction or not parts:
        text = f"{secs + fraction:.3f}".rstrip("0").rstrip(".")
        parts.append(_("%(n)s s") % {"n": text})
    return " ".join(parts)


def offset_words(offset_s: float) -> str:
    """A clock offset (the camera's clock minus true time) in words: "2 min 13 s fast",
    "90 s slow" reads "1 min 30 s slow"; "right" when it is off by less than a
    millisecond."""
    if abs(offset_s) < 0.0005:
        return _("right")
    if offset_s > 0:
        return _("%(span)s fast") % {"span": span(offset_s)}
    return _("%(span)s slow") % {"span": span(offset_s)}


def clock_sentence(offset_s: float) -> str:
    """ "The camera's clock is 2 min 13 s fast." """
    if abs(offset_s) < 0.0005:
        return _("The camera's clock is right.")
    return _("The camera's clock is %(offset)s.") % {"offset": offset_words(offset_s)}
