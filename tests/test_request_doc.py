"""Request documents and feeds: what parses, and what is refused with which message."""

from __future__ import annotations

import copy
import hashlib
import json
import math
import tomllib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import rfc8785
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from db.requests.fastschema import UnsupportedSchema, compile_schema
from db.requests.request_doc import canonical_json, load_schema, parse_request, resources_dir
from db.requests.request_feed import parse_feed
from db.requests.request_types import (
    FEED_FORMAT,
    MAX_DOCUMENT_BYTES,
    REQUEST_FORMAT,
    THIRD_PARTY_VALUES,
    RequestDoc,
    RequestError,
)

EXAMPLE = Path(__file__).resolve().parent.parent / "resources" / "examples" / "request-example.json"
POLYGON = {
    "type": "Polygon",
    "coordinates": [
        [[-122.34, 47.60], [-122.33, 47.60], [-122.33, 47.61], [-122.34, 47.61], [-122.34, 47.60]]
    ],
}

Path_ = list[str | int]


def example() -> dict[str, Any]:
    """The published example document, as a fresh dict."""
    data: dict[str, Any] = json.loads(EXAMPLE.read_bytes())
    return data


def encode(data: Any) -> bytes:
    return json.dumps(data).encode("utf-8")


def refusal(raw: bytes) -> RequestError:
    """The RequestError parse_request raises for raw (failing the test if none)."""
    with pytest.raises(RequestError) as caught:
        parse_request(raw)
    return caught.value


def edited(path: Path_, value: Any) -> dict[str, Any]:
    """The example with the value at path replaced (or removed, for value DELETE)."""
    data = example()
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


DELETE = object()


def feed(*items: Any) -> bytes:
    return encode({"format": FEED_FORMAT, "requests": list(items)})


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


# --- refused: the schema ---------------------------------------------------------------

REQUIRED = [
    ["id"],
    ["agency"],
    ["agency", "id"],
    ["agency", "name"],
    ["window"],
    ["window", "start"],
    ["window", "end"],
    ["area"],
    ["area", "type"],
    ["area", "coordinates"],
    ["area", "radius_m"],
    ["issued_at"],
    ["expires_at"],
]


@pytest.mark.parametrize("path", REQUIRED, ids=[".".join(map(str, p)) for p in REQUIRED])
def test_each_required_field_missing(path: Path_) -> None:
    error = refusal(encode(edited(path, DELETE)))
    assert error.field == ".".join(map(str, path))
    assert "missing" in error.problem


def test_several_missing_fields_are_all_named() -> None:
    data = example()
    del data["issued_at"], data["expires_at"]
    error = refusal(encode(data))
    assert error.field == "issued_at"
    assert "expires_at" in error.problem


WRONG = [
    (["id"], 5, "id", "must be a string, not a number"),
    (["id"], "", "id", "must not be empty"),
    (["id"], "x" * 201, "id", "the limit is 200"),
    (["agency"], "Example PD", "agency", "must be an object"),
    (["agency", "name"], ["Example"], "agency.name", "must be a string"),
    (["agency", "jurisdiction"], None, "agency.jurisdiction", "not null"),
    (["window"], ["a", "b"], "window", "must be an object"),
    (["window", "start"], 1700000000, "window.start", "must be a string"),
    (["window", "start"], "yesterday", "window.start", "RFC 3339"),
    (["area"], "downtown", "area", "must be an object"),
    (["area", "type"], "Circle", "area.type", '"Polygon", "Point"'),
    (["area", "coordinates"], "47.6,-122.3", "area.coordinates", "must be an array"),
    (["area", "coordinates"], [-122.3], "area.coordinates", "at least 2"),
    (["area", "coordinates", 0], "-122.3", "area.coordinates[0]", "must be a number"),
    (["area", "radius_m"], "300", "area.radius_m", "must be a number"),
    (["case_number"], 2026004512, "case_number", "must be a string"),
    (["contact"], "Det. Rivera", "contact", "must be an object"),
    (["contact", "email"], False, "contact.email", "must be a string, not false"),
    (["retention_days"], 1.5, "retention_days", "whole number"),
    (["retention_days"], "365", "retention_days", "whole number"),
    (["retention_days"], True, "retention_days", "whole number"),
    (["retention_days"], -1, "retention_days", "at least 0"),
    (["third_party_sharing"], "sometimes", "third_party_sharing", '"prosecution"'),
    (["delivery"], "upload", "delivery", "must be an object"),
    (["delivery", "method"], "fax", "delivery.method", '"upload", "export"'),
    (["delivery", "url"], "http://evidence.example.gov/u", "delivery.url", "https://"),
    (["delivery", "url"], "https://", "delivery.url", "https://"),
    (["delivery", "url"], DELETE, "delivery.url", "missing"),
    (["signature"], "c2lnbmVk", "signature", "must be an object"),
    (["signature"], {"alg": "Ed25519", "value": "AA=="}, "signature.key_id", "missing"),
    (["issued_at"], {"t": 1}, "issued_at", "must be a string"),
]


@pytest.mark.parametrize(
    ("path", "value", "field", "words"), WRONG, ids=[f"{w[2]}-{i}" for i, w in enumerate(WRONG)]
)
def test_wrong_types_and_values(path: Path_, value: Any, field: str, words: str) -> None:
    error = refusal(encode(edited(path, value)))
    assert error.field == field
    assert words in error.problem


def test_retention_days_written_as_a_whole_float_is_an_integer() -> None:
    doc = parse_request(encode(edited(["retention_days"], 30.0)))
    assert doc.retention_days == 30 and isinstance(doc.retention_days, int)


# --- refused: times ------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", [["window", "start"], ["window", "end"], ["issued_at"], ["expires_at"]]
)
def test_times_without_an_offset(path: Path_) -> None:
    error = refusal(encode(edited(path, "2026-11-20T15:00:00")))
    assert error.field == ".".join(map(str, path))
    assert "no UTC offset" in error.problem


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30T10:00:00Z",
        "2026-11-20T24:30:00Z",
        "2026-11-20T23:59:60Z",
        "0001-01-01T00:00:00+05:00",
    ],
)
def test_times_that_are_not_real(text: str) -> None:
    error = refusal(encode(edited(["issued_at"], text)))
    assert error.field == "issued_at"
    assert "not a valid date and time" in error.problem


def test_a_time_with_a_line_break_after_it() -> None:
    error = refusal(encode(edited(["issued_at"], "2026-11-20T10:00:00+05:00\n")))
    assert error.field == "issued_at"
    assert "line breaks" in error.problem


def test_a_window_ending_before_it_starts() -> None:
    data = example()
    data["window"]["end"] = "2026-11-20T13:59:59-08:00"
    error = refusal(encode(data))
    assert error.field == "window.end"
    assert "before window.start" in error.problem
    data["window"]["end"] = "2026-11-20T22:00:00Z"  # the start, in another zone
    assert "the same time as" in refusal(encode(data)).problem


def test_expiry_before_issue() -> None:
    error = refusal(encode(edited(["expires_at"], "2026-11-21T08:00:00-08:00")))
    assert error.field == "expires_at"
    assert "before issued_at" in error.problem


# --- refused: the area -----------------------------------------------------------------


def polygon(*rings: list[list[float]]) -> dict[str, Any]:
    return edited(["area"], {"type": "Polygon", "coordinates": list(rings)})


def test_an_unclosed_ring() -> None:
    error = refusal(encode(polygon([[0, 0], [1, 0], [1, 1], [0, 1]])))
    assert error.field == "area.coordinates[0]"
    assert "not closed" in error.problem


def test_a_self_intersecting_ring_bow_tie() -> None:
    error = refusal(encode(polygon([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]])))
    assert error.field == "area.coordinates[0]"
    assert "crosses itself near 0.5, 0.5" in error.problem


def test_a_ring_with_too_few_positions() -> None:
    error = refusal(encode(polygon([[0, 0], [1, 0], [0, 0]])))
    assert error.field == "area.coordinates[0]"
    assert "at least 4" in error.problem


@pytest.mark.parametrize(
    ("position", "field", "words"),
    [
        ([190, 0], "area.coordinates[0][2][0]", "longitude"),
        ([-180.5, 0], "area.coordinates[0][2][0]", "between -180 and 180"),
        ([0.5, 91], "area.coordinates[0][2][1]", "latitude"),
        ([0.5, -90.01], "area.coordinates[0][2][1]", "between -90 and 90"),
    ],
)
def test_coordinates_out_of_range(position: list[float], field: str, words: str) -> None:
    ring: list[list[float]] = [[0, 0], [1, 0], position, [0, 1], [0, 0]]
    error = refusal(encode(polygon(ring)))
    assert error.field == field
    assert words in error.problem


def test_a_polygon_with_zero_area() -> None:
    error = refusal(encode(polygon([[0, 0], [1, 1], [2, 2], [0, 0]])))
    assert error.field == "area.coordinates[0]"
    assert "zero area" in error.problem
    error = refusal(encode(polygon([[3, 3], [3, 3], [3, 3], [3, 3]])))
    assert "zero area" in error.problem


def test_a_hole_outside_its_outline() -> None:
    outline: list[list[float]] = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]
    error = refusal(encode(polygon(outline, [[5, 5], [6, 5], [6, 6], [5, 5]])))
    assert error.field == "area.coordinates"
    assert "hole lies outside" in error.problem


def test_a_polygon_without_rings() -> None:
    error = refusal(encode(polygon()))
    assert error.field == "area.coordinates"


@pytest.mark.parametrize(
    ("radius", "words"), [(0, "more than 0"), (-5, "more than 0"), (60_000, "at most 50000")]
)
def test_circle_radius(radius: float, words: str) -> None:
    error = refusal(encode(edited(["area", "radius_m"], radius)))
    assert error.field == "area.radius_m"
    assert words in error.problem


def test_circle_centre_out_of_range() -> None:
    error = refusal(encode(edited(["area", "coordinates"], [47.6, -122.3])))
    assert error.field == "area.coordinates[1]"
    assert "latitude" in error.problem


def test_every_refusal_names_a_field_and_prints_it() -> None:
    error = refusal(encode(edited(["window", "end"], DELETE)))
    assert str(error) == "window.end: is required but missing"
    assert isinstance(error, ValueError)


# --- feeds ---------------------------------------------------------------------------


def test_a_feed_with_good_and_bad_requests() -> None:
    good = example()
    second = edited(["id"], "second")
    second["area"] = POLYGON
    bad = edited(["window", "end"], "2026-11-20T15:00:00")
    bad["id"] = "bad-one"
    docs, refused = parse_feed(feed(good, 7, bad, second, edited(["id"], good["id"])))
    assert [d.id for d in docs] == [good["id"], "second"]
    assert docs[0].raw == rfc8785.dumps(good)
    assert docs[0].sha256 == hashlib.sha256(docs[0].raw).hexdigest()
    assert [(i, item_id) for i, item_id, _ in refused] == [
        (1, None),
        (2, "bad-one"),
        (4, good["id"]),
    ]
    assert "must be a JSON object, not a number" in refused[0][2].problem
    assert refused[1][2].field == "window.end"
    assert refused[2][2].field == "id" and "more than once" in refused[2][2].problem


def test_a_feed_item_parses_again_from_its_raw_bytes() -> None:
    item = edited(["area"], POLYGON)
    [doc], _ = parse_feed(feed(item))
    again = parse_request(doc.raw)
    assert again == doc


def test_an_empty_feed() -> None:
    assert parse_feed(feed()) == ([], [])


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"<html><head><title>502 Bad Gateway</title></head></html>", "returned HTML, not JSON"),
        (b"\n  <!doctype html>\n<html>", "returned HTML, not JSON"),
        (b'<?xml version="1.0"?><feed/>', "not JSON"),
        (b"Service Unavailable", "not valid JSON"),
        (b"", "the feed is empty"),
        (b"\x89PNG\r\n\x1a\n", "not UTF-8"),
        (b'{"format": "doorstep.feed/1", "requests": [{"id": "a"}, {"id"', "cut off"),
        (b'[{"id": "a"}]', "not an array"),
        (b'"requests"', "must be a JSON object"),
    ],
)
def test_feeds_that_are_not_feeds(raw: bytes, words: str) -> None:
    with pytest.raises(RequestError) as caught:
        parse_feed(raw)
    assert words in caught.value.problem


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"format": "doorstep.feed/2", "requests": []}, "format", "not a format this version"),
        ({"requests": []}, "format", "missing"),
        (example(), "format", "single request"),
        ({"format": FEED_FORMAT}, "requests", "missing"),
        ({"format": FEED_FORMAT, "requests": {"a": 1}}, "requests", "must be an array"),
    ],
)
def test_feed_envelope_errors(body: Any, field: str, words: str) -> None:
    with pytest.raises(RequestError) as caught:
        parse_feed(encode(body))
    assert caught.value.field == field
    assert words in caught.value.problem


def test_feed_duplicate_keys_refuse_only_their_item() -> None:
    one = json.dumps(example())
    two = json.dumps(edited(["id"], "two")).replace('"incident"', '"case_number": "9", "incident"')
    raw = f'{{"format": "doorstep.feed/1", "requests": [{two}, {one}]}}'.encode()
    docs, refused = parse_feed(raw)
    assert [d.id for d in docs] == [example()["id"]]
    assert refused[0][:2] == (0, "two") and refused[0][2].field == "case_number"
    with pytest.raises(RequestError) as caught:
        parse_feed(b'{"format": "doorstep.feed/1", "requests": [], "requests": []}')
    assert caught.value.field == "requests"


def test_the_size_limit_applies_to_each_request_not_to_the_feed() -> None:
    big = edited(["description"], "x" * (MAX_DOCUMENT_BYTES + 10))
    big["id"] = "big"
    items = [edited(["id"], f"r{i}") for i in range(300)] + [big]
    raw = feed(*items)
    docs, refused = parse_feed(raw)
    assert len(raw) > MAX_DOCUMENT_BYTES
    assert len(docs) == 300
    [(index, item_id, error)] = refused
    assert (index, item_id) == (300, "big")
    assert error.problem.startswith("document is 1,000,") and "the limit is 1,000,000" in str(error)


def test_a_big_feed_parses_every_item() -> None:
    """Speed is measured in bench/feed_bench.py; here only that all items come through."""
    items = []
    for i in range(2_000):
        item = edited(["id"], f"request-{i}")
        if i % 2:
            item["area"] = copy.deepcopy(POLYGON)
        item["signature"] = {"alg": "Ed25519", "key_id": "ex-pd-2026", "value": "A" * 86 + "=="}
        items.append(item)
    docs, refused = parse_feed(feed(*items))
    assert not refused
    assert [d.id for d in docs] == [f"request-{i}" for i in range(2_000)]


# --- properties ----------------------------------------------------------------------

texts = st.text(max_size=30)
zones = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1), timezones=zones
)
spans = st.timedeltas(min_value=timedelta(seconds=1), max_value=timedelta(days=60))


def rfc3339(moment: datetime, zulu: bool) -> str:
    text = moment.isoformat()
    return text.replace("+00:00", "Z") if zulu else text


@st.composite
def polygons(draw: st.DrawFn) -> dict[str, Any]:
    """A convex polygon: a regular n-gon, rotated, around a centre."""
    lon = draw(st.floats(min_value=-170, max_value=170))
    lat = draw(st.floats(min_value=-80, max_value=80))
    radius = draw(st.floats(min_value=1e-3, max_value=5))
    sides = draw(st.integers(min_value=3, max_value=12))
    turn = draw(st.floats(min_value=0, max_value=2 * math.pi))
    ring = [
        [
            lon + radius * math.cos(turn + 2 * math.pi * k / sides),
            lat + radius * math.sin(turn + 2 * math.pi * k / sides),
        ]
        for k in range(sides)
    ]
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


# Centres kept clear of longitude 180 and the poles by more than 50 km: an area
# crossing 180 is refused on arrival (tests/test_hostile_requests.py).
circles = st.fixed_dictionaries(
    {
        "type": st.just("Point"),
        "coordinates": st.tuples(
            st.floats(min_value=-175, max_value=175), st.floats(min_value=-80, max_value=80)
        ).map(list),
        "radius_m": st.floats(min_value=0, max_value=50_000, exclude_min=True),
    }
)
urls = st.from_regex(
    r"https://[a-z0-9]{1,12}(\.[a-z]{2,6}){1,2}(/[A-Za-z0-9_~-]{0,12}){0,3}", fullmatch=True
)
optional_fields = st.fixed_dictionaries(
    {},
    optional={
        "case_number": texts,
        "incident": texts,
        "description": st.text(max_size=300),
        "contact": st.fixed_dictionaries(
            {}, optional={k: texts for k in ("name", "email", "phone")}
        ),
        "retention_days": st.integers(min_value=0, max_value=100_000),
        "third_party_sharing": st.sampled_from(THIRD_PARTY_VALUES),
        "delivery": st.one_of(
            st.builds(lambda: {"method": "export"}),  # a new dict each draw
            urls.map(lambda url: {"method": "upload", "url": url}),
        ),
        "x_extension": st.dictionaries(st.text(max_size=5), st.integers(-1000, 1000), max_size=3),
    },
)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid request document, with the values a parse must give back."""
    start = draw(moments)
    issued = draw(moments)
    agency: dict[str, Any] = {
        "id": draw(st.text(min_size=1, max_size=200)),
        "name": draw(st.text(min_size=1, max_size=60)),
    }
    if draw(st.booleans()):
        agency["jurisdiction"] = draw(texts)
    doc: dict[str, Any] = {
        "format": REQUEST_FORMAT,
        "id": draw(st.text(min_size=1, max_size=200)),
        "agency": agency,
        "window": {
            "start": rfc3339(start, draw(st.booleans())),
            "end": rfc3339(start + draw(spans), draw(st.booleans())),
        },
        "area": draw(st.one_of(polygons(), circles)),
        "issued_at": rfc3339(issued, draw(st.booleans())),
        "expires_at": rfc3339(issued + draw(spans), draw(st.booleans())),
    }
    doc.update(draw(optional_fields))
    return doc


def time_of(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def check_round_trip(doc: RequestDoc, data: dict[str, Any]) -> None:
    assert doc.data == data
    assert doc.id == data["id"]
    assert doc.agency_id == data["agency"]["id"]
    assert doc.agency_name == data["agency"]["name"]
    assert doc.agency_jurisdiction == data["agency"].get("jurisdiction")
    assert doc.window_start == time_of(data["window"]["start"])
    assert doc.window_end == time_of(data["window"]["end"])
    assert doc.issued_at == time_of(data["issued_at"])
    assert doc.expires_at == time_of(data["expires_at"])
    for moment in (doc.window_start, doc.window_end, doc.issued_at, doc.expires_at):
        assert moment.tzinfo == UTC
    assert doc.area.to_geojson() == data["area"]
    for name in ("case_number", "incident", "description", "contact", "retention_days"):
        assert getattr(doc, name) == data.get(name)
    assert doc.third_party_sharing == data.get("third_party_sharing")
    assert doc.delivery == data.get("delivery")
    assert doc.signature is None


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(documents(), st.booleans())
def test_valid_documents_round_trip(data: dict[str, Any], pretty: bool) -> None:
    raw = json.dumps(data, indent=2 if pretty else None, ensure_ascii=pretty).encode()
    doc = parse_request(raw)
    assert doc.raw == raw
    check_round_trip(doc, data)
    [item], refused = parse_feed(feed(data))
    assert not refused
    check_round_trip(item, data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def only_request_errors(raw: bytes) -> None:
    """Parsing raw as a document and as a feed either works or raises RequestError."""
    for parse in (parse_request, parse_feed):
        try:
            parse(raw)
        except RequestError as exc:
            str(exc).encode("utf-8")  # a message can always be printed


@PROPERTY
@given(st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_request_errors(raw: bytes) -> None:
    only_request_errors(raw)


@PROPERTY
@given(json_values)
def test_arbitrary_json_raises_only_request_errors(value: Any) -> None:
    only_request_errors(json.dumps(value).encode())
    only_request_errors(feed(value))


def paths_in(value: Any, path: Path_ | None = None) -> list[Path_]:
    """Every path into a JSON value (not the root)."""
    path = path or []
    found: list[Path_] = []
    children = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else []
    )
    for key, child in children:
        found.append([*path, key])
        found.extend(paths_in(child, [*path, key]))
    return found


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid document with one value replaced by arbitrary JSON, or removed. A copy
    is changed: a drawn value may be shared with later draws (``st.just``), and
    changing it in place makes Hypothesis's generation inconsistent (a flaky error)."""
    data = copy.deepcopy(draw(documents()))
    path = draw(st.sampled_from(paths_in(data)))
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    if draw(st.booleans()):
        target[path[-1]] = draw(json_values)
    elif isinstance(target, dict):
        del target[path[-1]]
    else:
        target.pop(path[-1])
    return data


@PROPERTY
@given(mutated_documents())
def test_mutated_documents_raise_only_request_errors(data: dict[str, Any]) -> None:
    raw = json.dumps(data).encode()
    only_request_errors(raw)
    only_request_errors(feed(data))


@PROPERTY
@given(st.one_of(mutated_documents(), json_values))
def test_the_fast_schema_check_agrees_with_jsonschema(value: Any) -> None:
    for name in ("request.schema.json", "feed.schema.json"):
        schema = load_schema(name)
        assert compile_schema(schema)(value) == Draft202012Validator(schema).is_valid(value)


def test_the_fast_schema_check_refuses_keywords_it_does_not_know() -> None:
    with pytest.raises(UnsupportedSchema):
        compile_schema({"type": "object", "additionalProperties": False})
    check = compile_schema({"enum": [1, True, None, [1]], "const": 1})
    assert check(1) and check(1.0) and not check(True)


awkward_floats = st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from(
    [0.0, -0.0, 1e-4, 9.99e-5, 1e16, 1e21, 1e-7, 123456789012345680.0, 5e-324, 300.0, -0.5]
)
canonical_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | awkward_floats | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=5)
    ),
    max_leaves=20,
)


@PROPERTY
@given(st.dictionaries(st.text(max_size=6), canonical_values, max_size=6))
def test_canonical_json_is_exactly_rfc8785(value: dict[str, Any]) -> None:
    assert canonical_json(value) == rfc8785.dumps(value)


def test_canonical_json_sorts_keys_by_utf16_code_units() -> None:
    value = {"\U0001f600": 1, "\ufb01": 2, "a": 3}  # astral sorts before U+FB01 in UTF-16
    assert canonical_json(value) == rfc8785.dumps(value)
    assert canonical_json(value).index("\U0001f600".encode()) < canonical_json(value).index(
        "\ufb01".encode()
    )
