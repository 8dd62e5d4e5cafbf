"""What an import did (``ImportSummary``) and a file it skipped (``Skipped``), shared by
the importer, the window and the command line (``db.clips.importer`` re-exports both)."""

from __future__ import annotations

from dataclasses import dataclass, field

from db.words.i18n import _, ngettext


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass
class ImportSummary:
    added: int = 0
    moved: int = 0
    known: int = 0
    # Of the clips added, how many have a start time Doorstep cannot stand behind
    # (db.clips.clip_time): the resident should know before a request needs them.
    uncertain: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    cancelled: bool = False
    # Of the files already in the library, how many are another camera's clips, by
    # that camera's name (an import does not move clips between cameras).
    known_elsewhere: dict[str, int] = field(default_factory=dict)
    # Why the import stopped before the end, when it was not the resident's cancel
    # (the database could not be written); what was stored before that stays.
    error: str | None = None
    # The thumbnails made after the clips were stored (the command line waits for
    # them), and the clips stored whose picture cannot be decoded, with the reason.
    thumbnails: int = 0
    no_picture: list[Skipped] = field(default_factory=list)

    def merge(self, other: ImportSummary) -> None:
        self.added += other.added
        self.moved += other.moved
        self.known += other.known
        self.uncertain += other.uncertain
        self.skipped.extend(other.skipped)
        self.thumbnails += other.thumbnails
        self.no_picture.extend(other.no_picture)
        for name, n in other.known_elsewhere.items():
            self.known_elsewhere[name] = self.known_elsewhere.get(name, 0) + n

    def text(self) -> str:
        """What the import did, in words in the current language (English on the
        command line)."""
        parts = [ngettext("%(n)d clip added", "%(n)d clips added", self.added) % {"n": self.added}]
        if self.uncertain:
            parts[0] += _(" (%(n)d with an uncertain time)") % {"n": self.uncertain}
        if self.moved:
            parts.append(ngettext("%(n)d moved", "%(n)d moved", self.moved) % {"n": self.moved})
        if self.known:
            elsewhere = ", ".join(
                _("%(n)d as %(name)s's") % {"n": n, "name": name}
                for name, n in sorted(self.known_elsewhere.items())
            )
            parts.append(
                _("%(n)d already in the library") % {"n": self.known}
                + (f" ({elsewhere})" if elsewhere else "")
            )
        parts.append(
            ngettext("%(n)d skipped", "%(n)d skipped", len(self.skipped)) % {"n": len(self.skipped)}
        )
        if self.no_picture:
            n = len(self.no_picture)
            parts.append(
                ngettext(
                    "%(n)d clip whose picture cannot be decoded",
                    "%(n)d clips whose picture cannot be decoded",
                    n,
                )
                % {"n": n}
            )
        text = ", ".join(parts)
        if self.error is not None:
            return _("import stopped (%(error)s); %(text)s before it stopped") % {
                "error": self.error,
                "text": text,
            }
        return text + (_(" (cancelled)") if self.cancelled else "")
