"""What an import did (``ImportSummary``) and a file it skipped (``Skipped``), shared by
the importer, the window and the command line (``db.clips.importer`` re-exports both)."""

from __future__ import annotations

from dataclasses import dataclass, field


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
        parts = [f"{self.added} clip{'s' if self.added != 1 else ''} added"]
        if self.uncertain:
            parts[0] += f" ({self.uncertain} with an uncertain time)"
        if self.moved:
            parts.append(f"{self.moved} moved")
        if self.known:
            elsewhere = ", ".join(
                f"{n} as {name}'s" for name, n in sorted(self.known_elsewhere.items())
            )
            parts.append(
                f"{self.known} already in the library" + (f" ({elsewhere})" if elsewhere else "")
            )
        parts.append(f"{len(self.skipped)} skipped")
        if self.no_picture:
            n = len(self.no_picture)
            parts.append(f"{n} clip{'s' if n != 1 else ''} whose picture cannot be decoded")
        text = ", ".join(parts)
        if self.error is not None:
            return f"import stopped ({self.error}); {text} before it stopped"
        return text + (" (cancelled)" if self.cancelled else "")
