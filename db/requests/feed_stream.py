"""Reading a feed body one request at a time, from a file or from bytes, so that a
feed of tens of megabytes never sits in memory as one JSON tree (as Python objects a
small request takes several times its size in text).

The body is read twice. The first pass checks that it is one whole feed (valid UTF-8
JSON, an object with a known ``format`` and a ``requests`` array, no key given twice at
its top) and counts the requests, keeping none of them: a feed that is cut off or not
JSON is refused before any of its requests is stored, as when it was read whole. The
second pass hands the requests out one by one, each with the objects in it that repeat
a key (db.requests.request_feed refuses that request alone).

Each request, and each other value at the top of the feed, may take at most
:data:`MAX_VALUE_CHARS` characters of JSON text; a longer one makes the whole feed
unreadable (a request is refused above MAX_DOCUMENT_BYTES anyway, in its canonical
form).
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from db.requests.request_types import FEED_FORMAT, MAX_DOCUMENT_BYTES, RequestError

MAX_VALUE_CHARS = 4 * MAX_DOCUMENT_BYTES
_READ = 1 << 20  # bytes read at a time
_MARGIN = 64  # characters from the end of the window within which a value may go on
_SPACE = re.compile(r"[ \t\n\r]*")
_SUBJECT = "the feed"

Duplicates = dict[int, tuple[str, Any]]  # id(object) -> (the key it repeats, the object)


def reject_constant(name: str) -> Any:
    """``parse_constant`` for every request decoder: NaN and Infinity are not JSON."""
    raise RequestError("", f"contains {name}, which is not a JSON number")


class _Text:
    """The body as text, decoded as UTF-8 as it is read, with a window that moves on:
    what was read before the current value is dropped."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._bytes_read = 0
        self.buf = ""
        self.pos = 0
        self.eof = False
        self._lines = 0  # line breaks in the text dropped so far
        self._column = 0  # characters after the last dropped line break
        self._first = True  # no text decoded yet (a byte order mark may start it)
        self._lead = b""  # the first two bytes

    def fill(self) -> None:
        if self.eof:
            return
        if self.pos > _READ:
            dropped = self.buf[: self.pos]
            breaks = dropped.count("\n")
            if breaks:
                self._lines += breaks
                self._column = len(dropped) - dropped.rindex("\n") - 1
            else:
                self._column += len(dropped)
            self.buf = self.buf[self.pos :]
            self.pos = 0
        chunk = self._raw.read(_READ)
        self._lead += chunk[: 2 - len(self._lead)]
        try:
            text = self._decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            if self._lead in (b"\xff\xfe", b"\xfe\xff"):
                raise RequestError(
                    "", f"{_SUBJECT} is UTF-16 text; it must be UTF-8 JSON"
                ) from None
            raise RequestError(
                "",
                f"{_SUBJECT} is not UTF-8 text (byte {self._bytes_read + exc.start:,} "
                "cannot be decoded)",
            ) from None
        self._bytes_read += len(chunk)
        if not chunk:
            self.eof = True
        if self._first and text:
            self._first = False
            text = text.removeprefix("\ufeff")
        self.buf += text

    def skip_space(self) -> str:
        """Move past white space; the next character ("" at the end)."""
        while True:
            match = _SPACE.match(self.buf, self.pos)
            assert match is not None
            self.pos = match.end()
            if self.pos < len(self.buf) or self.eof:
                return self.buf[self.pos : self.pos + 1]
            self.fill()

    def where(self, pos: int) -> str:
        """'line L column C' of a place in the window."""
        before = self.buf[:pos]
        breaks = before.count("\n")
        if breaks:
            return f"line {self._lines + breaks + 1} column {pos - before.rindex(chr(10))}"
        return f"line {self._lines + 1} column {self._column + pos + 1}"

    def invalid(self, message: str, pos: int) -> RequestError:
        problem = f"{message} at {self.where(pos)}"
        if pos >= len(self.buf.rstrip()) and self.eof:
            return RequestError("", f"{_SUBJECT} ends early: it looks cut off ({problem})")
        return RequestError("", f"{_SUBJECT} is not valid JSON: {problem}")

    def value(self, decoder: json.JSONDecoder, what: str) -> Any:
        """The JSON value at the current place (at most MAX_VALUE_CHARS long)."""
        while True:
            try:
                value, end = decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                # Text that runs out fails at the end of the window (a string that runs
                # out, where it starts): then read on; elsewhere the JSON is wrong.
                unterminated = exc.msg.startswith("Unterminated string")
                if not self.eof and (unterminated or exc.pos >= len(self.buf) - _MARGIN):
                    if len(self.buf) - self.pos > MAX_VALUE_CHARS:
                        raise self._too_long(what) from None
                    self.fill()
                    continue
                if unterminated:
                    problem = f"{exc.msg} at {self.where(exc.pos)}"
                    raise RequestError(
                        "", f"{_SUBJECT} ends early: it looks cut off ({problem})"
                    ) from None
                raise self.invalid(exc.msg.removesuffix(" at"), exc.pos) from None
            except RecursionError:
                raise RequestError("", f"{_SUBJECT} is nested too deeply") from None
            except RequestError as exc:
                raise RequestError("", f"{_SUBJECT} {exc.problem}") from None
            except ValueError as exc:  # an integer with more digits than Python converts
                problem = "a number with too many digits" if "digits" in str(exc) else str(exc)
                raise RequestError("", f"{_SUBJECT} contains {problem}") from None
            if end >= len(self.buf) - _MARGIN and not self.eof:
                self.fill()  # a number or word may go on in the next part
                continue
            if end - self.pos > MAX_VALUE_CHARS:
                raise self._too_long(what)
            self.pos = end
            return value

    @staticmethod
    def _too_long(what: str) -> RequestError:
        return RequestError(
            "",
            f"{what} is more than {MAX_VALUE_CHARS:,} characters of JSON; a request may be "
            f"at most {MAX_DOCUMENT_BYTES:,} bytes",
        )

    def expect(self, chars: str, message: str) -> str:
        """The next character after white space, which must be one of ``chars``."""
        char = self.skip_space()
        if char not in chars or not char:
            raise self.invalid(message, self.pos)
        self.pos += 1
        return char


def _plain() -> json.JSONDecoder:
    return json.JSONDecoder(parse_constant=reject_constant)


def decoder_noting_duplicates(found: Duplicates) -> json.JSONDecoder:
    """A decoder that notes, in ``found``, each object that repeats a key (a feed's
    items here, a single request document in db.requests.request_doc)."""

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    found[id(obj)] = (key, obj)
                    break
                seen.add(key)
        return obj

    return json.JSONDecoder(object_pairs_hook=pairs_hook, parse_constant=reject_constant)


def _walk(text: _Text, item_decoder: json.JSONDecoder, envelope: dict[str, Any]) -> Iterator[Any]:
    """Every item of the feed's ``requests`` array, in order; ``envelope`` gets the
    feed's other top-level values (and ``requests``: [] or what it was if not an array)."""
    from db.requests.request_doc import _HTML_START, _kind

    plain = _plain()
    first = text.skip_space()
    if not first:
        raise RequestError("", f"{_SUBJECT} is empty")
    if first == "<":
        start = text.buf[text.pos : text.pos + 200]
        kind = "HTML" if _HTML_START.match(start) else "HTML or XML"
        raise RequestError("", f"{_SUBJECT} returned {kind}, not JSON (an error or login page?)")
    if first == "[":
        raise RequestError(
            "",
            f'the feed must be an object {{"format": "{FEED_FORMAT}", "requests": [...]}}, '
            "not an array",
        )
    if first != "{":
        value = text.value(plain, "the feed")
        raise RequestError("", f"the feed must be a JSON object, not {_kind(value)}")
    text.pos += 1
    if text.skip_space() == "}":
        text.pos += 1
    else:
        while True:
            if text.skip_space() != '"':
                raise text.invalid("Expecting property name enclosed in double quotes", text.pos)
            key = text.value(plain, "a key of the feed")
            if key in envelope:
                raise RequestError(key, "appears more than once at the top of the feed")
            text.expect(":", "Expecting ':' delimiter")
            if key == "requests" and text.skip_space() == "[":
                envelope[key] = []
                text.pos += 1
                if text.skip_space() == "]":
                    text.pos += 1
                else:
                    index = 0
                    while True:
                        text.skip_space()
                        yield text.value(item_decoder, f"request {index} of the feed")
                        index += 1
                        if text.expect(",]", "Expecting ',' delimiter") == "]":
                            break
            else:
                text.skip_space()
                envelope[key] = text.value(plain, f"the feed's {key!r}")
            if text.expect(",}", "Expecting ',' delimiter") == "}":
                break
    if text.skip_space():
        raise text.invalid("Extra data", text.pos)


def _open(body: bytes | str | Path) -> BinaryIO:
    if isinstance(body, bytes):
        return io.BytesIO(body)
    return open(body, "rb")


def read_feed(body: bytes | str | Path) -> tuple[int, Iterator[tuple[Any, Duplicates]]]:
    """Check a feed body (bytes, or the path of a file holding it) and count its
    requests; then the requests one at a time, each with the objects in it that repeat
    a key. Raises RequestError for a body that is not a feed."""
    from db.requests.request_doc import _check_format, _schema_check

    envelope: dict[str, Any] = {}
    count = 0
    with _open(body) as raw:
        for _ in _walk(_Text(raw), _plain(), envelope):
            count += 1
    _check_format(envelope, FEED_FORMAT)
    _schema_check("feed.schema.json", envelope)

    def items() -> Iterator[tuple[Any, Duplicates]]:
        found: Duplicates = {}
        decoder = decoder_noting_duplicates(found)
        with _open(body) as raw:
            for item in _walk(_Text(raw), decoder, {}):
                yield item, dict(found)
                found.clear()

    return count, items()
