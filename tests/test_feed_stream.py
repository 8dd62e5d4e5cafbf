"""A feed read one request at a time (db.requests.feed_stream) reads exactly as the whole body
parsed at once would, wherever its reads happen to cut the text; and a polled feed's
body lives in a temporary file only while it is checked."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest

import db.requests.feed_stream as feed_stream
from db.requests.request_feed import parse_feed
from db.requests.request_types import MAX_DOCUMENT_BYTES, RequestError
from tests.requests_helpers import make_doc

READS = [1, 2, 3, 7, 64, 1 << 20]


def docs() -> list[Any]:
    one = make_doc(id="one", description="Café, porch – 🚪 and a long dash")
    two = make_doc(id="two", case_number="12345678901234567890")
    three = make_doc(id="three")
    three["window"]["end"] = three["window"]["start"]  # refused: ends as it starts
    return [one, 12345.5, two, "text", three, [1, 2]]


def body(indent: int | None, **extra: Any) -> bytes:
    envelope = {"note": {"x": [1, 2.5e-3, None, True]}, "format": "doorstep.feed/1"}
    envelope |= {"requests": docs(), **extra}
    return json.dumps(envelope, indent=indent, ensure_ascii=False).encode()


def outcome(raw: bytes) -> tuple[list[tuple[str, bytes]], list[tuple[int, str | None, str]]]:
    found, refused = parse_feed(raw)
    return [(d.id, d.raw) for d in found], [(i, rid, str(e)) for i, rid, e in refused]


@pytest.mark.parametrize("indent", [None, 2])
@pytest.mark.parametrize("read", READS)
def test_any_cut_of_the_reads_gives_the_same_requests(
    monkeypatch: pytest.MonkeyPatch, read: int, indent: int | None
) -> None:
    raw = b"\xef\xbb\xbf" + body(indent, tail="after the requests")
    expected = outcome(raw)
    assert [i for i, _ in expected[0]] == [docs()[0]["id"], "two"]
    assert [i for i, _, _ in expected[1]] == [1, 3, 4, 5]
    monkeypatch.setattr(feed_stream, "_READ", read)
    assert outcome(raw) == expected


@pytest.mark.parametrize("read", READS)
def test_a_broken_feed_is_refused_whole_wherever_the_reads_cut(
    monkeypatch: pytest.MonkeyPatch, read: int
) -> None:
    monkeypatch.setattr(feed_stream, "_READ", read)
    good = body(2)
    cut = good[: len(good) - 40]
    with pytest.raises(RequestError, match="cut off"):
        parse_feed(cut)
    # A wrong character in the middle: the place is named as json names it.
    broken = good.replace(b'"two"', b'"two" "', 1)
    with pytest.raises(json.JSONDecodeError) as reference:
        json.loads(broken)
    with pytest.raises(RequestError) as caught:
        parse_feed(broken)
    where = f"line {reference.value.lineno} column {reference.value.colno}"
    assert "not valid JSON" in caught.value.problem and where in caught.value.problem
    with pytest.raises(RequestError, match="NaN"):
        parse_feed(good.replace(b"12345.5", b"NaN"))
    with pytest.raises(RequestError, match="not UTF-8"):
        parse_feed(good.replace("Café".encode(), b"Caf\xe9"))


def test_one_value_longer_than_the_limit_makes_the_feed_unreadable() -> None:
    huge = {"format": "doorstep.feed/1", "requests": [make_doc(), " " * (4 * MAX_DOCUMENT_BYTES)]}
    with pytest.raises(RequestError) as caught:
        parse_feed(json.dumps(huge).encode())
    assert "request 1 of the feed is more than 4,000,000 characters" in caught.value.problem
    # A request over the document limit but under the text limit is refused alone.
    big = make_doc(description="x" * (MAX_DOCUMENT_BYTES + 10))
    found, refused = parse_feed(
        json.dumps({"format": "doorstep.feed/1", "requests": [big]}).encode()
    )
    assert not found and "the limit is 1,000,000" in str(refused[0][2])


def test_a_feed_file_is_read_without_loading_it(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(body(None))
    count, items = feed_stream.read_feed(path)
    assert count == len(docs())
    assert [item for item, _ in items] == json.loads(body(None))["requests"]


def leftovers() -> list[str]:
    return [p.name for p in Path(tempfile.gettempdir()).glob("doorstep-feed-*")]


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_a_polled_feeds_temporary_file_is_gone_afterwards(
    private_tmp: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import ssl

    import trustme
    from pytest_httpserver import HTTPServer

    from db.requests.feeds import add_feed, discard_body, fetch, get_feed
    from db.store.database import open_database
    from desktop.cli import main

    ca = trustme.CA()
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(ctx)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=ctx)
    server.start()
    try:
        dbfile = tmp_path / "d.sqlite3"
        db = open_database(dbfile)
        feed = add_feed(db, server.url_for("/feed"))
        server.expect_oneshot_request("/feed").respond_with_data(body(None))
        server.expect_oneshot_request("/feed").respond_with_data("oops", status=500)
        for _ in range(2):
            main(["--db", str(dbfile), "feeds", "poll", "--ca-file", str(ca_file)])
            assert leftovers() == []
        out = capsys.readouterr().out
        assert "2 new" in out
        # The app's fetch hands the file on; deleting it is the checker's part.
        client = ssl.create_default_context(cafile=str(ca_file))
        server.expect_oneshot_request("/feed").respond_with_data(body(None))
        fetched = fetch(get_feed(db, feed.id), ssl_context=client, parse=False)
        assert fetched.body_path and Path(fetched.body_path).read_bytes() == body(None)
        discard_body(fetched)
        assert leftovers() == []
        db.close()
    finally:
        server.stop()


def test_reading_a_feed_takes_memory_for_a_request_at_a_time() -> None:
    """Not timed: the memory Python allocates (tracemalloc) while a feed of 20,000
    requests is read and each is checked and dropped stays under the size of the body.
    Read whole, as before, the JSON tree alone took several times that. Figures for a
    feed at the size limit: bench/feed_memory.py."""
    import tracemalloc

    from db.requests.request_feed import feed_items, open_feed

    base = make_doc()
    items = [dict(base, id=f"r{i}", case_number=f"{i:06d}") for i in range(20_000)]
    raw = json.dumps({"format": "doorstep.feed/1", "requests": items}).encode()
    del items
    one = json.dumps({"format": "doorstep.feed/1", "requests": [base]}).encode()
    list(feed_items(open_feed(one)[1]))  # what the first request imports is not the feed's
    tracemalloc.start()
    try:
        count, stream = open_feed(raw)
        seen = sum(1 for _ in feed_items(stream))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == seen == 20_000
    assert peak < len(raw), (peak, len(raw))
