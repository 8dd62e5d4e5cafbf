"""The resident's own statement in a package (docs/packages.md, "Exhibit summary"):
free text, signed with the manifest and printed in the exhibit summary."""

from __future__ import annotations

import unicodedata

MAX_STATEMENT_CHARS = 20_000  # a few pages: a statement, not an attachment


class StatementError(ValueError):
    """A statement that cannot go into a package; the message is one line."""


def clean_statement(text: str | None) -> str | None:
    """``text`` as the package holds it: line ends as "\\n", blanks at the end of each
    line and at either end of the text removed; None when nothing is left. Raises
    StatementError for text over MAX_STATEMENT_CHARS or holding control characters
    (but for tabs and line ends), which a printed summary cannot show."""
    if text is None:
        return None
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    cleaned = "\n".join(lines).strip()
    if not cleaned.strip():
        return None
    if len(cleaned) > MAX_STATEMENT_CHARS:
        raise StatementError(
            f"the statement is {len(cleaned)} characters; at most {MAX_STATEMENT_CHARS} fit"
        )
    for n, char in enumerate(cleaned):
        if char not in "\n\t" and unicodedata.category(char) == "Cc":
            line = cleaned.count("\n", 0, n) + 1
            raise StatementError(
                f"the statement holds a control character (U+{ord(char):04X}) on line {line}"
            )
    return cleaned
