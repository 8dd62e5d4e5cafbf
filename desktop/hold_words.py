"""A clip's hold state in words, for the clips table, the clip's detail and a request's
candidates (docs/holds.md, "In the window"). No Qt: colours are names the views map."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from db.words.timewords import local_text

if TYPE_CHECKING:
    from db.holds.holds import HoldState

WARNING = "#b45309"  # amber: look at it
LOST = "#b00020"  # red: the footage is gone
HELD = "#2e7d32"  # green: kept safe


@dataclass(frozen=True)
class HoldWords:
    short: str  # the clips table's narrow cell: "Held", "Lost", "Changed", or ""
    text: str  # where there is room (candidates, the detail): "Lost since …"
    detail: str  # what follows the text, in sentences
    colour: str | None

    @property
    def tip(self) -> str:
        """The whole story, for a tooltip."""
        return f"{self.text.removesuffix(' ⚠')}. {self.detail}" if self.text else ""


def _seen(state: HoldState) -> str:
    return local_text(state.last_seen_at) if state.last_seen_at else "an unknown time"


def holders(state: HoldState, labels: dict[int, str] | None = None) -> str:
    """Who holds it: "2 requests and you", "1 request", "you"; with ``labels`` (request
    row -> its name), the requests by name: "case 2026-004512 (package theft) and you"."""
    rows = [h for h in state.held_for if isinstance(h, int)]
    parts: list[str] = []
    if labels and rows and all(r in labels for r in rows):
        parts.extend(labels[r] for r in rows)
    elif rows:
        parts.append(f"{len(rows)} request{'s' if len(rows) != 1 else ''}")
    if "resident" in state.held_for:
        parts.append("you")
    if len(parts) > 2:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return " and ".join(parts) or "nobody"


def hold_words(state: HoldState | None, labels: dict[int, str] | None = None) -> HoldWords:
    if state is None:
        return HoldWords("", "", "", None)
    if state.source == "changed":
        detail = (
            "The file at the clip's place is no longer the one imported (its SHA-256 "
            "differs): it is never used in its place."
        )
        if state.held:
            detail += f" Doorstep's held copy is used (held for {holders(state, labels)})."
        return HoldWords("Changed", "Changed ⚠", detail, WARNING)
    if state.source == "lost":
        if state.held:
            # The footage is safe: the table says held; the rest is in the words.
            return HoldWords(
                "Held",
                "Held · source gone",
                f"The recorder's file is gone (last seen {_seen(state)}); Doorstep's held "
                f"copy is kept for {holders(state, labels)}.",
                HELD,
            )
        return HoldWords(
            "Lost", f"Lost since {_seen(state)}", "The file is gone and no copy was held.", LOST
        )
    if state.held:
        held_for = holders(state, labels)
        return HoldWords("Held", "Held", f"A verified copy is held for {held_for}.", HELD)
    return HoldWords("", "Not held", "The recorder's file is the only copy.", None)
