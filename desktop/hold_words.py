"""A clip's hold state in words, for the clips table, the clip's detail and a request's
candidates (docs/holds.md, "In the window"). Colours are names the views map; the words
are in the window's language (context "HoldWords")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from db.words.timewords import local_text

if TYPE_CHECKING:
    from db.holds.holds import HoldState

WARNING = "#b45309"  # amber: look at it
LOST = "#b00020"  # red: the footage is gone
HELD = "#2e7d32"  # green: kept safe

translate = QCoreApplication.translate


class HoldCounts(QObject):
    """The catalogue's context of the counts in these words: only tr() tells the
    catalogue a message has plural forms."""

    def requests(self, n: int) -> str:
        return self.tr("%n requests", "", n)


_COUNTS: list[HoldCounts] = []


def _counts() -> HoldCounts:
    if not _COUNTS:
        _COUNTS.append(HoldCounts())
    return _COUNTS[0]


@dataclass(frozen=True)
class HoldWords:
    short: str  # the clips table's narrow cell: "Held", "Lost", "Changed", or ""
    text: str  # where there is room (candidates, the detail): "Lost since …"
    detail: str  # what follows the text, in sentences
    colour: str | None

    @property
    def tip(self) -> str:
        """The whole story, for a tooltip."""
        if not self.text:
            return ""
        return translate("HoldWords", "{state}. {detail}").format(
            state=self.text.removesuffix(" ⚠"), detail=self.detail
        )


def _seen(state: HoldState) -> str:
    if state.last_seen_at:
        return local_text(state.last_seen_at)
    return translate("HoldWords", "an unknown time")


def holders(state: HoldState, labels: dict[int, str] | None = None) -> str:
    """Who holds it: "2 requests and you", "1 request", "you"; with ``labels`` (request
    row -> its name), the requests by name: "case 2026-004512 (package theft) and you"."""
    rows = [h for h in state.held_for if isinstance(h, int)]
    parts: list[str] = []
    if labels and rows and all(r in labels for r in rows):
        parts.extend(labels[r] for r in rows)
    elif rows:
        n = len(rows)
        parts.append(translate("HoldWords", "1 request") if n == 1 else _counts().requests(n))
    if "resident" in state.held_for:
        parts.append(translate("HoldWords", "you", "who holds a clip: the resident"))
    if not parts:
        return translate("HoldWords", "nobody")
    if len(parts) == 1:
        return parts[0]
    return translate("HoldWords", "{first} and {last}").format(
        first=", ".join(parts[:-1]), last=parts[-1]
    )


def hold_words(state: HoldState | None, labels: dict[int, str] | None = None) -> HoldWords:
    if state is None:
        return HoldWords("", "", "", None)
    if state.source == "changed":
        detail = translate(
            "HoldWords",
            "The file at the clip's place is no longer the one imported (its SHA-256 "
            "differs): it is never used in its place.",
        )
        if state.held:
            detail += " " + translate(
                "HoldWords", "Doorstep's held copy is used (held for {holders})."
            ).format(holders=holders(state, labels))
        changed = translate("HoldWords", "Changed", "a clip's file differs from the one imported")
        return HoldWords(changed, f"{changed} ⚠", detail, WARNING)
    if state.source == "lost":
        if state.held:
            # The footage is safe: the table says held; the rest is in the words.
            return HoldWords(
                translate("HoldWords", "Held", "a clip's copy is in the evidence store"),
                translate("HoldWords", "Held · source gone"),
                translate(
                    "HoldWords",
                    "The recorder's file is gone (last seen {seen}); Doorstep's held "
                    "copy is kept for {holders}.",
                ).format(seen=_seen(state), holders=holders(state, labels)),
                HELD,
            )
        return HoldWords(
            translate("HoldWords", "Lost", "a clip's file is gone"),
            translate("HoldWords", "Lost since {seen}").format(seen=_seen(state)),
            translate("HoldWords", "The file is gone and no copy was held."),
            LOST,
        )
    if state.held:
        held = translate("HoldWords", "Held", "a clip's copy is in the evidence store")
        return HoldWords(
            held,
            held,
            translate("HoldWords", "A verified copy is held for {holders}.").format(
                holders=holders(state, labels)
            ),
            HELD,
        )
    return HoldWords(
        "",
        translate("HoldWords", "Not held"),
        translate("HoldWords", "The recorder's file is the only copy."),
        None,
    )
