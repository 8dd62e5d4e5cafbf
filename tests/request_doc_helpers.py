"""The example request document and the calls the request document tests share
(tests/test_request_doc*.py): parse it edited, and the refusal it gets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from db.requests.request_doc import parse_request
from db.requests.request_types import (
    FEED_FORMAT,
    RequestError,
)

EXAMPLE = Path(__file__).resolve().parent.parent / "resources" / "examples" / "request-example.json"


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
