"""A request document's fields: each one missing or wrong is refused with a message naming
it; times without an offset or not real, windows and expiry out of order, polygons and
circles that are not areas.
"""

from __future__ import annotations

from typing import Any

import pytest

from db.requests.request_doc import parse_request
from tests.request_doc_helpers import DELETE, Path_, edited, encode, example, refusal

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
