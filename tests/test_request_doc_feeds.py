"""Request feeds: good and bad requests in one feed, an item parsed again from its raw
bytes, what is not a feed, envelope errors, duplicate keys refusing only their item, the
size limit per request, and a big feed.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

import pytest
import rfc8785

from db.requests.request_doc import parse_request
from db.requests.request_feed import parse_feed
from db.requests.request_types import (
    FEED_FORMAT,
    MAX_DOCUMENT_BYTES,
    RequestError,
)
from tests.request_doc_helpers import edited, encode, example, feed

POLYGON = {
    "type": "Polygon",
    "coordinates": [
        [[-122.34, 47.60], [-122.33, 47.60], [-122.33, 47.61], [-122.34, 47.61], [-122.34, 47.60]]
    ],
}


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
