"""Deadlines of a delivery (db/sharing/delivery.py, docs/delivery.md "Bounded waits") against a
real TLS server on 127.0.0.1 that answers one byte at a time: never silent, so the
read timeout never fires; only the deadline of each request and of the whole delivery
end it. Deadlines are tenths of a second."""

from __future__ import annotations

import re
import ssl
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme
from pytest_httpserver import HTTPServer

from db.sharing.delivery import deliver
from db.sharing.delivery_types import DeliveryError
from tests.delivery_helpers import SMALL, TOKEN, make_package
from tests.delivery_service import BASE
from tests.trickle_server import TrickleServer

SLOW: dict[str, Any] = {"backoff_s": 0.01, "connect_timeout": 2.0, "read_timeout": 2.0}


@pytest.fixture
def trickle(ca: trustme.CA) -> Iterator[Callable[..., TrickleServer]]:
    servers: list[TrickleServer] = []

    def make(part: str = "head", answer_first: int = 0) -> TrickleServer:
        servers.append(TrickleServer(ca, part=part, answer_first=answer_first))
        return servers[-1]

    yield make
    for srv in servers:
        srv.close()


def fails_within(
    seconds: float, folder: Path, url: str, client_ctx: ssl.SSLContext, **kwargs: Any
) -> DeliveryError:
    started = time.monotonic()
    with pytest.raises(DeliveryError) as info:
        deliver(folder, url, ssl_context=client_ctx, token=TOKEN, **{**SLOW, **kwargs})
    assert time.monotonic() - started < seconds
    assert "\n" not in str(info.value) and TOKEN not in str(info.value)
    return info.value


@pytest.mark.parametrize("part", ["head", "body"])
def test_an_answer_trickled_byte_by_byte_ends_at_the_request_deadline(
    part: str,
    tmp_path: Path,
    trickle: Callable[..., TrickleServer],
    client_ctx: ssl.SSLContext,
) -> None:
    package = make_package(tmp_path / "package", SMALL)
    srv = trickle(part)
    error = fails_within(1.5, package.folder, srv.url, client_ctx, request_timeout=0.5, retries=0)
    assert str(error) == (
        f"{srv.url}: sending the manifest: the request took longer than 0.5 s (its deadline)"
    )
    assert error.retry is True
    assert len(srv.requests) == 1


def test_an_upload_gets_its_request_deadline_plus_the_time_its_bytes_need(
    tmp_path: Path, trickle: Callable[..., TrickleServer], client_ctx: ssl.SSLContext
) -> None:
    """50,000 bytes at the slowest rate allowed (100,000 bytes/s) need 0.5 s: the PUT
    has 0.5 s plus that."""
    package = make_package(tmp_path / "package", {"excerpts/front door 1.mp4": 50_000})
    srv = trickle("head", answer_first=1)
    error = fails_within(
        2.5,
        package.folder,
        srv.url,
        client_ctx,
        request_timeout=0.5,
        min_rate=100_000,
        retries=0,
    )
    assert str(error) == (
        f"{srv.url}: uploading excerpts/front door 1.mp4: the request took longer than 1 s "
        "(its deadline)"
    )
    assert [line.split()[0] for line in srv.requests] == [b"POST", b"PUT"]


def test_the_whole_delivery_has_a_deadline_across_retries(
    tmp_path: Path, trickle: Callable[..., TrickleServer], client_ctx: ssl.SSLContext
) -> None:
    package = make_package(tmp_path / "package", SMALL)
    srv = trickle("body")
    error = fails_within(
        2.5,
        package.folder,
        srv.url,
        client_ctx,
        request_timeout=0.4,
        total_timeout=1.0,
        retries=50,
    )
    assert str(error) == (
        f"{srv.url}: sending the manifest: the delivery took longer than 1 s in total "
        "(its deadline); gave up"
    )
    assert 2 <= len(srv.requests) <= 3  # tried again while there was time


def test_the_delivery_deadline_by_default_follows_the_package_size(
    tmp_path: Path, trickle: Callable[..., TrickleServer], client_ctx: ssl.SSLContext
) -> None:
    """Without total_timeout the delivery still ends: twice what one attempt may take
    (a request deadline for each of its 4 requests, and its 120,000 bytes at the slowest
    rate): 2 x (4 x 0.2 s + 0.12 s) = 1.84 s, however many retries are allowed."""
    package = make_package(tmp_path / "package", SMALL)
    srv = trickle("head")
    started = time.monotonic()
    error = fails_within(
        4.0,
        package.folder,
        srv.url,
        client_ctx,
        request_timeout=0.2,
        min_rate=1_000_000,
        retries=1000,
    )
    assert time.monotonic() - started > 1.2  # tried again until near the deadline
    # Ended by the deadline, or at the last attempt that the deadline left no room for.
    assert re.search(r"the delivery('s deadline of| took longer than) 1.84 s in total", str(error))


def test_deadlines_must_be_positive(tmp_path: Path) -> None:
    package = make_package(tmp_path / "package", SMALL)
    with pytest.raises(ValueError, match="request_timeout"):
        deliver(package.folder, "https://127.0.0.1:9/u", request_timeout=0)
    with pytest.raises(ValueError, match="min_rate"):
        deliver(package.folder, "https://127.0.0.1:9/u", min_rate=0)


def test_a_wait_the_deadline_leaves_no_room_for_ends_the_call_at_once(
    tmp_path: Path, server: HTTPServer, client_ctx: ssl.SSLContext
) -> None:
    """The service asks to come back in 5 s; the delivery has 1 s in total: it ends at
    once, saying why, with the service's wait for whoever tries later."""
    package = make_package(tmp_path / "package", SMALL)
    server.expect_request(f"{BASE}/packages", method="POST").respond_with_data(
        "{}", status=503, headers={"Retry-After": "5"}, content_type="application/json"
    )
    error = fails_within(
        0.9, package.folder, server.url_for(BASE), client_ctx, total_timeout=1.0, retries=3
    )
    assert str(error).endswith(
        "sending the manifest: the delivery service is unavailable (HTTP 503 SERVICE "
        "UNAVAILABLE); retry after 5 s (gave up after 1 attempt: the delivery's deadline "
        "of 1 s in total comes first)"
    )
    assert error.retry is True and error.retry_after == 5
