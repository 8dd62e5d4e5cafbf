"""Request documents: parse, validate against the published JSON Schema, and say in words
what is wrong with a refused one (docs/requests.md).

``parse_request`` reads one document (a file's bytes); db.requests.request_feed reads an agency
feed with the same checks, each request on its own; db.requests.request_area reads a document's
area. Every refusal is a ``RequestError`` whose ``field`` is a JSON path such as
``window.end`` or ``area.coordinates[0][3]``.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import rfc8785

from db.requests.fastschema import Check, UnsupportedSchema, compile_schema
from db.requests.feed_stream import Duplicates, decoder_noting_duplicates
from db.requests.request_area import circle_area, polygon_area
from db.requests.request_paths import PathParts, json_path, printable
from db.requests.request_types import (
    FEED_FORMAT,
    MAX_DOCUMENT_BYTES,
    REQUEST_FORMAT,
    RequestDoc,
    RequestError,
)

if TYPE_CHECKING:
    # jsonschema (for the wording of a refusal) and shapely (for polygons, in
    # db.requests.request_area) are imported where they are used: importing this module
    # (db.requests.intake does) stays cheap for the window's start-up, which parses no request.
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

REQUEST_SCHEMA = "request.schema.json"
FEED_SCHEMA = "feed.schema.json"


# --- the schema files ------------------------------------------------------------------


def resources_dir() -> Path:
    """The folder holding the schema files: ``resources/`` beside ``db/`` in a source
    checkout or editable install, ``db/resources/`` in an installed wheel."""
    here = Path(__file__).resolve().parents[1]  # db/, two levels above db/requests/x.py
    for candidate in (here.parent / "resources", here / "resources"):
        if (candidate / REQUEST_SCHEMA).is_file():
            return candidate
    raise FileNotFoundError(f"{REQUEST_SCHEMA} is not installed beside {here}")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """One of the published schemas (``request.schema.json``, ``feed.schema.json``)."""
    schema: dict[str, Any] = json.loads((resources_dir() / name).read_text("utf-8"))
    return schema


@cache
def _validator(name: str) -> Draft202012Validator:
    """The reference validator, made once per schema (format checking is off)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(name))


@cache
def _fast_check(name: str) -> Check:
    """A quick yes/no answer for a schema (see db/requests/fastschema.py)."""
    try:
        return compile_schema(load_schema(name))
    except UnsupportedSchema:
        return _validator(name).is_valid


# --- decoding --------------------------------------------------------------------------

_NAIVE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\Z")
_HTML_START = re.compile(r"<\s*(!doctype\s+html|html|head|body|title|!--)", re.IGNORECASE)


class _Decoded:
    """A parsed JSON value and the objects in it that repeat a key."""

    def __init__(self, value: Any, duplicates: dict[int, tuple[str, Any]]) -> None:
        self.value = value
        # id(object) -> (the first key it repeats, the object). Holding the object keeps
        # its id from being reused by another object while this lives.
        self.duplicates = duplicates


def _decode(raw: bytes, subject: str) -> _Decoded:
    """Bytes -> JSON value; every failure is a RequestError saying where and why."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise RequestError("", f"{subject} is UTF-16 text; it must be UTF-8 JSON")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RequestError(
            "", f"{subject} is not UTF-8 text (byte {exc.start:,} cannot be decoded)"
        ) from None
    text = text.removeprefix("\ufeff")
    stripped = text.lstrip()
    if not stripped:
        raise RequestError("", f"{subject} is empty")
    if stripped.startswith("<"):
        kind = "HTML" if _HTML_START.match(stripped) else "HTML or XML"
        if subject == "the feed":
            raise RequestError("", f"the feed returned {kind}, not JSON (an error or login page?)")
        raise RequestError("", f"{subject} is {kind}, not JSON")

    duplicates: Duplicates = {}
    try:
        value = decoder_noting_duplicates(duplicates).decode(text)
    except json.JSONDecodeError as exc:
        problem = f"{exc.msg.removesuffix(' at')} at line {exc.lineno} column {exc.colno}"
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise RequestError("", f"{subject} ends early: it looks cut off ({problem})") from None
        raise RequestError("", f"{subject} is not valid JSON: {problem}") from None
    except RecursionError:
        raise RequestError("", f"{subject} is nested too deeply") from None
    except RequestError as exc:
        raise RequestError("", f"{subject} {exc.problem}") from None
    except ValueError as exc:  # an integer with more digits than Python converts
        problem = "a number with too many digits" if "digits" in str(exc) else str(exc)
        raise RequestError("", f"{subject} contains {problem}") from None
    return _Decoded(value, duplicates)


def _walk(root: Any) -> Iterator[tuple[PathParts, Any]]:
    """Every value in a JSON tree with its path, depth first, without recursion."""
    stack: list[tuple[PathParts, Any]] = [([], root)]
    while stack:
        path, value = stack.pop()
        yield path, value
        if isinstance(value, dict):
            stack.extend(([*path, k], v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend(([*path, i], v) for i, v in reversed(list(enumerate(value))))


def _check_duplicates(root: Any, duplicates: dict[int, tuple[str, Any]]) -> None:
    """Refuse a document in which an object names the same key twice."""
    if not duplicates:
        return
    for path, value in _walk(root):
        if isinstance(value, dict) and id(value) in duplicates:
            key = duplicates[id(value)][0]
            raise RequestError(
                json_path([*path, key]),
                "appears more than once in the same object; which value is meant is unclear",
            )


def _kind(value: Any) -> str:
    """The JSON type of a value, in words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    return "a number"


def _short(value: Any) -> str:
    """A value as JSON, cut to a readable length."""
    if isinstance(value, dict | list):
        return _kind(value)
    text = printable(json.dumps(value, ensure_ascii=False))
    return text if len(text) <= 60 else text[:57] + "..."


# --- schema errors in words ------------------------------------------------------------

_TYPE_WORDS = {
    "object": "an object",
    "array": "an array",
    "string": "a string",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "null",
}


def _explain(error: ValidationError) -> RequestError:
    """One jsonschema error as a RequestError naming the field and the problem."""
    path: PathParts = list(error.absolute_path)
    keyword = error.validator
    expected: Any = error.validator_value
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    title = schema.get("title")
    about = f" ({title})" if title else ""

    if keyword == "required" and isinstance(value, dict):
        missing = [name for name in expected if name not in value]
        others = f" (so are {', '.join(missing[1:])})" if len(missing) > 1 else ""
        return RequestError(json_path([*path, missing[0]]), f"is required but missing{others}")
    field = json_path(path)
    if keyword == "type":
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_TYPE_WORDS.get(n, n) for n in names)
        got = (
            _kind(value)
            if isinstance(value, dict | list | bool) or value is None
            else (f"{_kind(value)} ({_short(value)})")
        )
        return RequestError(field, f"must be {wanted}, not {got}{about}")
    if keyword == "const":
        return RequestError(field, f"must be {_short(expected)}, not {_short(value)}")
    if keyword == "enum":
        choices = ", ".join(_short(c) for c in expected)
        return RequestError(field, f"must be one of {choices}; not {_short(value)}")
    if keyword == "minLength":
        if expected == 1:
            return RequestError(field, "must not be empty")
        return RequestError(field, f"must be at least {expected} characters long")
    if keyword == "maxLength":
        return RequestError(field, f"is {len(value):,} characters long; the limit is {expected}")
    if keyword == "minItems":
        return RequestError(field, f"has {len(value)} items; at least {expected} needed{about}")
    if keyword == "maxItems":
        return RequestError(field, f"has {len(value)} items; at most {expected} allowed{about}")
    if keyword in ("minimum", "maximum") and "minimum" in schema and "maximum" in schema:
        what = title or "the value"
        return RequestError(
            field,
            f"{_short(value)} is out of range: {what} must be between "
            f"{schema['minimum']} and {schema['maximum']}",
        )
    bounds = {
        "minimum": "at least",
        "exclusiveMinimum": "more than",
        "maximum": "at most",
        "exclusiveMaximum": "less than",
    }
    if keyword in bounds:
        return RequestError(field, f"must be {bounds[keyword]} {expected}{about}, not {value}")
    if keyword == "pattern" and title:
        if isinstance(value, str) and "RFC 3339" in title and _NAIVE_TIME.match(value):
            return RequestError(field, f"{_short(value)} has no UTC offset; it must be {title}")
        return RequestError(field, f"must be {title}, not {_short(value)}")
    return RequestError(field, error.message)


def _schema_check(name: str, data: Any) -> None:
    """Validate against a published schema; refuse with the most relevant error."""
    if _fast_check(name)(data):
        return
    from jsonschema.exceptions import best_match

    error = best_match(_validator(name).iter_errors(data))
    if error is not None:  # None only if the fast check was stricter than jsonschema
        raise _explain(error)


# --- format markers --------------------------------------------------------------------


def _check_format(data: dict[str, Any], expected: str) -> None:
    """The format marker must be there and name a version this code understands."""
    field = "format"
    if "format" not in data:
        raise RequestError(field, f'is missing; the document must declare "format": "{expected}"')
    marker = data["format"]
    if not isinstance(marker, str):
        raise RequestError(field, f"must be the string {expected!r}, not {_kind(marker)}")
    if marker == expected:
        return
    if expected == REQUEST_FORMAT and marker == FEED_FORMAT:
        raise RequestError(field, f"this is a feed ({FEED_FORMAT}), not a single request")
    if expected == FEED_FORMAT and marker == REQUEST_FORMAT:
        raise RequestError(field, f"this is a single request ({REQUEST_FORMAT}), not a feed")
    shown = printable(marker if len(marker) <= 60 else marker[:57] + "...")
    raise RequestError(field, f"{shown} is not a format this version understands ({expected})")


# --- checks a schema cannot express ----------------------------------------------------


_SAFE_INTEGER = 2**53 - 1
_compact_sorted = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
).encode


def _json_writes_it_canonically(value: Any) -> bool:
    """True if the standard library's compact, key-sorted JSON of ``value`` is its
    RFC 8785 form: keys are ASCII (so code point order is UTF-16 order), integers
    are within 2^53, and floats are non-integral and in [1e-4, 1e16), where Python's
    repr and ECMAScript's number formatting agree. Checked against rfc8785 by tests."""
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is str or kind is bool or item is None:
            continue
        if kind is dict:
            for key in item:
                if not key.isascii():
                    return False
            stack.extend(item.values())
        elif kind is list:
            stack.extend(item)
        elif kind is int:
            if not -_SAFE_INTEGER <= item <= _SAFE_INTEGER:
                return False
        elif kind is float:
            if not 1e-4 <= abs(item) < 1e16 or item.is_integer():
                return False
        else:
            return False
    return True


def canonical_json(data: dict[str, Any]) -> bytes:
    """RFC 8785 bytes of a JSON object: the same bytes as ``rfc8785.dumps``, made by the
    C JSON encoder when that gives the same result (most documents), else by rfc8785.

    Raises rfc8785.CanonicalizationError (a ValueError) for values with no canonical
    form."""
    if _json_writes_it_canonically(data):
        try:
            return _compact_sorted(data).encode("utf-8")
        except UnicodeEncodeError:
            pass  # an unpaired surrogate: rfc8785 raises the error
    return rfc8785.dumps(data)


def _canonical(data: dict[str, Any]) -> bytes:
    """RFC 8785 bytes of a document; refuse values that have no canonical form."""
    try:
        return canonical_json(data)
    except RecursionError:
        raise RequestError("", "the document is nested too deeply") from None
    except (rfc8785.CanonicalizationError, UnicodeError, ValueError) as exc:
        for path, value in _walk(data):
            if isinstance(value, bool):
                continue
            if isinstance(value, int) and abs(value) > 2**53 - 1:
                raise RequestError(
                    json_path(path),
                    f"{value} is too large to be exchanged exactly as a JSON number "
                    "(the limit is 2^53 - 1)",
                ) from None
            if isinstance(value, float) and math.isinf(value):
                raise RequestError(json_path(path), "is a number too large for JSON") from None
            if isinstance(value, str):
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    raise RequestError(
                        json_path(path), "contains an unpaired surrogate (\\ud800-\\udfff)"
                    ) from None
            if isinstance(value, dict):
                for key in value:
                    try:
                        key.encode("utf-8")
                    except UnicodeEncodeError:
                        raise RequestError(
                            json_path(path),
                            "has a key with an unpaired surrogate (\\ud800-\\udfff)",
                        ) from None
        raise RequestError("", f"the document has no canonical JSON form: {exc}") from None


def _parse_time(text: str, field: str) -> datetime:
    """An RFC 3339 time (offset required; the schema checked the shape) in UTC."""
    if text != text.strip():
        raise RequestError(field, f"{text!r} has spaces or line breaks around the time")
    normal = text.upper()
    if normal.endswith("Z"):
        normal = normal[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(normal)
        if moment.tzinfo is None:
            raise ValueError("no offset")
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise RequestError(field, f"{text!r} is not a valid date and time") from None


def _check_delivery(delivery: dict[str, Any] | None) -> None:
    """An upload or portal delivery needs an https URL with a host."""
    if delivery is None or delivery.get("method") not in ("upload", "portal"):
        return
    field = "delivery.url"
    try:
        parts = urlsplit(delivery["url"])
        host = parts.hostname
    except ValueError as exc:
        raise RequestError(field, f"is not a usable URL: {exc}") from None
    if parts.scheme.lower() != "https" or not host:
        raise RequestError(field, "must be an https:// URL with a host name")
    if any(char.isspace() for char in delivery["url"]):
        raise RequestError(field, "must not contain spaces or line breaks")


# --- building the document -------------------------------------------------------------


def _build(data: dict[str, Any], raw: bytes) -> RequestDoc:
    """Validate a decoded document object and make its RequestDoc."""
    _check_format(data, REQUEST_FORMAT)
    _schema_check(REQUEST_SCHEMA, data)

    window = data["window"]
    start = _parse_time(window["start"], "window.start")
    end = _parse_time(window["end"], "window.end")
    if end <= start:
        relation = "the same time as" if end == start else "before"
        raise RequestError(
            "window.end",
            f"is {relation} window.start; the window must end after it starts",
        )
    issued = _parse_time(data["issued_at"], "issued_at")
    expires = _parse_time(data["expires_at"], "expires_at")
    if expires <= issued:
        relation = "the same time as" if expires == issued else "before"
        raise RequestError(
            "expires_at",
            f"is {relation} issued_at; a request must expire after it is issued",
        )

    area_data = data["area"]
    area = polygon_area(area_data) if area_data["type"] == "Polygon" else circle_area(area_data)
    _check_delivery(data.get("delivery"))

    agency = data["agency"]
    retention = data.get("retention_days")
    return RequestDoc(
        raw=raw,
        sha256=hashlib.sha256(raw).hexdigest(),
        data=data,
        id=data["id"],
        agency_id=agency["id"],
        agency_name=agency["name"],
        agency_jurisdiction=agency.get("jurisdiction"),
        window_start=start,
        window_end=end,
        area=area,
        issued_at=issued,
        expires_at=expires,
        case_number=data.get("case_number"),
        incident=data.get("incident"),
        description=data.get("description"),
        contact=data.get("contact"),
        retention_days=None if retention is None else int(retention),
        third_party_sharing=data.get("third_party_sharing"),
        delivery=data.get("delivery"),
        signature=data.get("signature"),
    )


def _require_object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RequestError("", f"{what} must be a JSON object, not {_kind(value)}")
    return value


def parse_request(raw: bytes) -> RequestDoc:
    """Parse and validate one request document; ``raw`` is kept exactly as given.

    Raises RequestError naming the field and the problem."""
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise RequestError(
            "", f"document is {len(raw):,} bytes; the limit is {MAX_DOCUMENT_BYTES:,}"
        )
    decoded = _decode(raw, "the document")
    data = _require_object(decoded.value, "a request document")
    _check_duplicates(data, decoded.duplicates)
    doc = _build(data, raw)
    _canonical(data)  # a document that cannot be canonicalised cannot be signed
    return doc


__all__ = [
    "FEED_SCHEMA",
    "REQUEST_SCHEMA",
    "canonical_json",
    "load_schema",
    "parse_request",
    "resources_dir",
]
