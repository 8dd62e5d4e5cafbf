"""What the command line prints is safe on a terminal.

Request documents, feeds, file names and agencies' names reach the terminal in lines
the command line prints. A control character among them (an ESC sequence, or a C1
control such as U+009B, which some terminals take as ESC [) can clear the screen, set
the window's title or rewrite lines already shown; bidirectional overrides and other
invisible format characters make text read differently from what it is. ``clean``
shows each such character as an escape (``\\u001b``) instead.

``terminal_safe()`` puts every command's standard output and error behind ``clean``
(``main`` does it), so each ``print`` is covered, whoever adds it: print a line at a
time (a line end inside a printed string is escaped, so an agency's text cannot start
lines that look like Doorstep's), and text of several lines (JSON, CSV) with
``print_block`` or ``print_json``. The escapes are valid JSON inside a string:
``--json`` output reads back to the same values.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

# Characters a terminal may act on, or that change how the text around them reads:
# controls (C0, DEL, C1), format characters (bidirectional overrides and isolates,
# zero-width spaces, tags), lone surrogates (bytes of a file name that is not UTF-8)
# and the Unicode line and paragraph separators.
_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
# Joiners shape Arabic, Persian and Indic words and emoji; they move nothing.
_HARMLESS = {"\u200c", "\u200d"}
# What may need escaping, found by a regular expression so that plain ASCII passes
# through at C speed; the category decides each non-ASCII character. A Windows line
# end is matched whole so that it is kept, or escaped, as one.
_ONE_LINE_CANDIDATE = re.compile(r"\r\n|[^\x20-\x7e]")
_LINES_CANDIDATE = re.compile(r"\r\n|[^\x20-\x7e\n]")


def _escape(ch: str) -> str:
    code = ord(ch)
    if code > 0xFFFF:  # as JSON writes it: a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def _replace(lines: bool) -> Any:
    def replace(match: re.Match[str]) -> str:
        import unicodedata  # a C module, loaded only when text beyond ASCII is printed

        ch = match.group()
        if ch == "\r\n":
            return ch if lines else "\\u000d\\u000a"
        if ch in _HARMLESS or unicodedata.category(ch) not in _CATEGORIES:
            return ch
        return _escape(ch)

    return replace


_ONE_LINE = _replace(lines=False)
_LINES = _replace(lines=True)


def clean(text: object, *, lines: bool = False) -> str:
    """``text`` with every character a terminal could act on shown as an escape,
    newlines too (a field printed within a line does not start lines of its own);
    ``lines``: keep line ends (text of several lines: JSON, CSV, help)."""
    if lines:
        return _LINES_CANDIDATE.sub(_LINES, str(text))
    return _ONE_LINE_CANDIDATE.sub(_ONE_LINE, str(text))


class SafeStream:
    """A text stream that writes what it is given through ``clean``.

    A write is taken as (part of) one line, as ``print`` makes them: one line end at
    its end is kept (``print`` writes it on its own; ``write(line + "\\n")`` is common
    too), and a carriage return at its start (a progress line drawn again); a line
    end anywhere else is escaped. Text of several lines goes through ``print_block``.

    A progress line (drawn again and again after a carriage return) is ended before
    anything else is written after it: a failure's message, printed while a progress
    line is shown, starts a line of its own instead of running on after it.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._progress_shown = False

    def _after_progress(self, text: str) -> str:
        if not text:  # print(..., end="") writes its end: no change to what is shown
            return text
        if self._progress_shown and text[0] not in "\r\n":
            text = "\n" + text
        self._progress_shown = text.startswith("\r") and not text.endswith("\n")
        return text

    def write(self, text: str) -> int:
        body = text
        start = "\r" if body.startswith("\r") and not body.startswith("\r\n") else ""
        body = body[len(start) :]
        end = next((e for e in ("\r\n", "\n") if body.endswith(e)), "")
        body = body[: len(body) - len(end)]
        self._stream.write(self._after_progress(start + clean(body) + end))
        return len(text)

    def write_block(self, text: str) -> int:
        self._stream.write(self._after_progress(clean(text, lines=True)))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def print_block(text: str, file: TextIO | None = None) -> None:
    """Write text of several lines (JSON, CSV, help), keeping its line ends and
    escaping everything else ``clean`` does."""
    stream = sys.stdout if file is None else file
    if isinstance(stream, SafeStream):
        stream.write_block(text)
    else:
        stream.write(clean(text, lines=True))


def print_json(value: Any, file: TextIO | None = None) -> None:
    """``value`` as indented JSON, characters beyond ASCII as they are, except those
    ``clean`` escapes (as JSON escapes: the text reads back to the same value)."""
    print_block(json.dumps(value, indent=2, ensure_ascii=False) + "\n", file)


class ArgumentParser(argparse.ArgumentParser):
    """argparse's parser, its help and error messages (which quote what was typed)
    written through ``print_block``."""

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            print_block(message, file or sys.stderr)


@contextlib.contextmanager
def terminal_safe() -> Iterator[None]:
    """Standard output and error go through ``clean`` until the block ends."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = SafeStream(out)
    sys.stderr = SafeStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
