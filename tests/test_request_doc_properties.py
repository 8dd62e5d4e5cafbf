"""Request documents under Hypothesis: valid documents round-trip, arbitrary bytes, JSON
and mutated documents raise only request errors, the fast schema check agrees with
jsonschema, and canonical JSON is exactly RFC 8785.
"""

from __future__ import annotations

import copy
import json
import math
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
import rfc8785
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from db.requests.fastschema import UnsupportedSchema, compile_schema
from db.requests.request_doc import canonical_json, load_schema, parse_request
from db.requests.request_feed import parse_feed
from db.requests.request_types import (
    REQUEST_FORMAT,
    THIRD_PARTY_VALUES,
    RequestDoc,
    RequestError,
)
from tests.request_doc_helpers import feed, paths_in

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
