"""Request documents: the example and the schema files, what parses, and what is refused
with which message before any field is read (size, malformed JSON, duplicate keys,
values without a canonical form, unknown format versions).
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from db.requests.request_doc import load_schema, parse_request, resources_dir
from db.requests.request_types import (
    FEED_FORMAT,
    MAX_DOCUMENT_BYTES,
    REQUEST_FORMAT,
    THIRD_PARTY_VALUES,
)
from tests.request_doc_helpers import DELETE, EXAMPLE, edited, encode, example, refusal

# --- the example and the schema files --------------------------------------------------


def test_the_example_parses() -> None:
    raw = EXAMPLE.read_bytes()
    doc = parse_request(raw)
    assert doc.raw == raw
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.id == "3f0b6d0e-8a51-4f0c-9a59-2f2f5d7c1e11"
    assert (doc.agency_id, doc.agency_name) == ("ex-pd", "Example Police Department")
    assert doc.agency_jurisdiction == "Example City"
    assert doc.window_start == datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
    assert doc.window_end == datetime(2026, 11, 21, 0, 0, tzinfo=UTC)
    assert doc.window_start.tzinfo == UTC
    assert doc.issued_at == datetime(2026, 11, 21, 17, 0, tzinfo=UTC)
    assert doc.expires_at == datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
    assert doc.area.kind == "circle"
    assert doc.area.center == (-122.3321, 47.6062) and doc.area.radius_m == 300
    assert doc.case_number == "2026-004512"
    assert doc.incident == "package theft"
    assert doc.description and "porch" in doc.description
    assert doc.contact == {
        "name": "Det. A. Rivera",
        "email": "arivera@example.gov",
        "phone": "+1 555 0100",
    }
    assert doc.retention_days == 365
    assert doc.third_party_sharing == "prosecution"
    assert doc.delivery == {"method": "upload", "url": "https://evidence.example.gov/u/abc"}
    assert doc.signature is None
    assert doc.data == example()


def test_schema_files_are_valid_and_agree_with_the_example() -> None:
    request_schema = load_schema("request.schema.json")
    feed_schema = load_schema("feed.schema.json")
    Draft202012Validator.check_schema(request_schema)
    Draft202012Validator.check_schema(feed_schema)
    assert Draft202012Validator(request_schema).is_valid(example())
    assert request_schema["properties"]["format"]["const"] == REQUEST_FORMAT
    assert feed_schema["properties"]["format"]["const"] == FEED_FORMAT
    assert request_schema["properties"]["third_party_sharing"]["enum"] == list(THIRD_PARTY_VALUES)
    assert (resources_dir() / "request.schema.json").is_file()


def test_an_installed_copy_ships_the_schemas() -> None:
    """pyproject.toml installs resources/ as db/resources/, where resources_dir() looks
    when there is no source tree around db/."""
    root = Path(__file__).resolve().parent.parent
    setup = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    assert "db.resources" in setup["packages"]
    assert setup["package-dir"]["db.resources"] == "resources"
    assert "*.json" in setup["package-data"]["*"]


def test_only_the_documented_fields_are_required() -> None:
    minimal = {k: example()[k] for k in load_schema("request.schema.json")["required"]}
    doc = parse_request(encode(minimal))
    assert doc.case_number is None and doc.contact is None and doc.retention_days is None
    assert doc.third_party_sharing is None and doc.delivery is None


def test_unknown_fields_are_kept_not_refused() -> None:
    data = example()
    data["x_priority"] = {"level": 3}
    data["agency"]["badge"] = "gold"
    data["area"]["bbox"] = [-122.34, 47.60, -122.32, 47.61]
    doc = parse_request(encode(data))
    assert doc.data["x_priority"] == {"level": 3}
    assert doc.data["agency"]["badge"] == "gold"


def test_polygon_area_with_a_hole_and_altitudes() -> None:
    area = {
        "type": "Polygon",
        "coordinates": [
            [[0, 0, 10], [4, 0, 10], [4, 4, 10], [0, 4, 10], [0, 0, 10]],
            [[1, 1], [2, 1], [2, 2], [1, 1]],
        ],
    }
    doc = parse_request(encode(edited(["area"], area)))
    assert doc.area.kind == "polygon"
    assert doc.area.rings[0] == ((0, 0), (4, 0), (4, 4), (0, 4), (0, 0))
    assert len(doc.area.rings) == 2
    assert doc.area.to_geojson()["type"] == "Polygon"


def test_time_forms_rfc3339_allows() -> None:
    data = example()
    data["window"] = {"start": "2026-11-20t22:00:00.123456789z", "end": "2026-11-21T00:00:00Z"}
    data["issued_at"] = "2026-11-21T17:00:00-00:00"
    data["expires_at"] = "2026-12-05T22:30:00+05:30"
    doc = parse_request(encode(data))
    assert doc.window_start == datetime(2026, 11, 20, 22, 0, 0, 123456, tzinfo=UTC)
    assert doc.expires_at == datetime(2026, 12, 5, 17, 0, tzinfo=UTC)


def test_a_utf8_byte_order_mark_is_tolerated_and_raw_kept() -> None:
    raw = b"\xef\xbb\xbf" + EXAMPLE.read_bytes()
    assert parse_request(raw).raw == raw


# --- refused: bytes, JSON ----------------------------------------------------------------


def test_a_document_over_one_megabyte_is_refused_unread() -> None:
    raw = b"{" + b" " * (1_234_567 - 2) + b"}"
    error = refusal(raw)
    assert error.field == ""
    assert error.problem == "document is 1,234,567 bytes; the limit is 1,000,000"
    body = EXAMPLE.read_bytes().rstrip()
    exactly = body[:-1] + b" " * (MAX_DOCUMENT_BYTES - len(body)) + b"}"
    assert len(exactly) == MAX_DOCUMENT_BYTES
    assert parse_request(exactly).id


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b'{"format": "doorstep.request/1",}', "line 1 column 33"),
        (b"{'format': 'doorstep.request/1'}", "not valid JSON"),
        (b'{format: "doorstep.request/1"}', "line 1 column 2"),
        (b'{"id": "a"}\n{"id": "b"}', "line 2 column 1"),
        (b"\xff\xfe{\x00}\x00", "UTF-16"),
        (b'{"id": "caf\xe9"}', "not UTF-8"),
        (b"", "empty"),
        (b"  \n ", "empty"),
        (b"<!DOCTYPE html><html><body>Sign in</body></html>", "HTML, not JSON"),
        (b'{"radius_m": NaN}', "NaN"),
        (b'{"radius_m": -Infinity}', "-Infinity"),
        (b'{"n": ' + b"9" * 5000 + b"}", "too many digits"),
        (b"[" * 100_000, "nested too deeply"),
    ],
)
def test_malformed_documents(raw: bytes, words: str) -> None:
    error = refusal(raw)
    assert error.field == ""
    assert words in error.problem


def test_a_truncated_document_says_it_was_cut_off() -> None:
    raw = EXAMPLE.read_bytes()
    error = refusal(raw[: len(raw) // 2])
    assert "cut off" in error.problem and "line" in error.problem


@pytest.mark.parametrize("value", [[], "text", 1, None, True])
def test_the_top_level_must_be_an_object(value: Any) -> None:
    error = refusal(encode(value))
    assert "must be a JSON object" in error.problem


def test_duplicate_keys_are_refused_with_their_path() -> None:
    raw = EXAMPLE.read_bytes().replace(b'"case_number"', b'"id": "other", "case_number"', 1)
    assert refusal(raw).field == "id"
    nested = EXAMPLE.read_bytes().replace(b'"radius_m": 300', b'"radius_m": 300, "radius_m": 9')
    error = refusal(nested)
    assert error.field == "area.radius_m"
    assert "more than once" in error.problem


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (2**60, "too large"),
        (1e400, "too large"),
        ("\ud800", "unpaired surrogate"),
    ],
)
def test_values_without_a_canonical_form_are_refused(value: Any, words: str) -> None:
    data = example()
    data["x_extra"] = [value]
    raw = json.dumps(data).replace("Infinity", "1e400").encode()  # a literal JSON allows
    error = refusal(raw)
    assert error.field == "x_extra[0]"
    assert words in error.problem


# --- refused: the format marker ----------------------------------------------------------


def test_unknown_format_versions() -> None:
    error = refusal(encode(edited(["format"], "doorstep.request/2")))
    assert str(error) == (
        "format: doorstep.request/2 is not a format this version understands (doorstep.request/1)"
    )
    assert refusal(encode(edited(["format"], "geojson"))).field == "format"
    assert "missing" in refusal(encode(edited(["format"], DELETE))).problem
    assert "must be the string" in refusal(encode(edited(["format"], 1))).problem
    assert "is a feed" in refusal(encode(edited(["format"], FEED_FORMAT))).problem
