"""Agency feeds: check each request of a feed on its own, so that one bad request does not
hide the others (docs/requests.md, "Feeds"). A single document is db.requests.request_doc, whose
checks each item goes through; db.requests.feed_stream reads the body without holding it whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from db.requests.feed_stream import Duplicates
from db.requests.request_checks import check_area
from db.requests.request_doc import (
    _build,
    _canonical,
    _check_duplicates,
    _check_format,
    _require_object,
)
from db.requests.request_types import MAX_DOCUMENT_BYTES, REQUEST_FORMAT, RequestDoc, RequestError

FeedRefusal = tuple[int, str | None, RequestError]


def open_feed(body: bytes | str | Path) -> tuple[int, Iterator[tuple[Any, Duplicates]]]:
    """Check a feed body (bytes, or the path of a file holding it) and count its
    requests; then its requests one at a time, not yet checked, for
    :func:`feed_items` (db.requests.feed_stream: the body is never held as one JSON tree). A
    body that is not a feed at all raises RequestError."""
    from db.requests.feed_stream import read_feed

    return read_feed(body)


def feed_items(
    items: Iterable[tuple[Any, Duplicates]],
) -> Iterator[tuple[int, str | None, RequestDoc | RequestError]]:
    """Check a feed's items (from :func:`open_feed`) in order, one at a time: (index,
    id if readable, the request or why it is refused). An id seen before in a valid
    item is refused."""
    first_index: dict[str, int] = {}
    for index, (item, duplicates) in enumerate(items):
        item_id = item.get("id") if isinstance(item, dict) else None
        readable_id = item_id if isinstance(item_id, str) else None
        try:
            doc = _feed_item(item, duplicates)
            if doc.id in first_index:
                raise RequestError(
                    "id",
                    f"appears more than once in this feed (first at item {first_index[doc.id]})",
                )
        except RequestError as exc:
            yield index, readable_id, exc
            continue
        first_index[doc.id] = index
        yield index, readable_id, doc


def parse_feed(raw: bytes) -> tuple[list[RequestDoc], list[FeedRefusal]]:
    """Parse a feed body: the valid requests, and for each refused one its index in
    ``requests``, its id if readable, and why. Each request's ``raw`` is its RFC 8785
    canonical form. A body that is not a feed at all raises RequestError. (Holds every
    request: for tests and small feeds; db.requests.feed_check reads a feed in parts.)"""
    _count, items = open_feed(raw)
    docs: list[RequestDoc] = []
    refused: list[FeedRefusal] = []
    for index, readable_id, outcome in feed_items(items):
        if isinstance(outcome, RequestError):
            refused.append((index, readable_id, outcome))
        else:
            docs.append(outcome)
    return docs, refused


def _feed_item(item: Any, duplicates: dict[int, tuple[str, Any]]) -> RequestDoc:
    """One request of a feed; its raw bytes are its canonical form."""
    data = _require_object(item, "each request")
    _check_duplicates(data, duplicates)
    _check_format(data, REQUEST_FORMAT)
    raw = _canonical(data)
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise RequestError(
            "", f"document is {len(raw):,} bytes; the limit is {MAX_DOCUMENT_BYTES:,}"
        )
    doc = _build(data, raw)
    check_area(doc)
    return doc


__all__ = ["FeedRefusal", "feed_items", "open_feed", "parse_feed"]
