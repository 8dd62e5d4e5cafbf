"""The feed HTTP client against real TLS servers on 127.0.0.1 (certificates from trustme):
conditional requests, tokens, errors and retries, bodies too big, cut short or not
JSON, the backoff between polls, and its errors pickled.

Well-behaved answers come from pytest-httpserver; misbehaving servers (truncating,
stalling, trickling, never answering) are small socket servers whose bytes the test
scripts exactly (tests/feed_client_helpers.py). Timeouts are tenths of a second so the
whole file runs in a few seconds.
"""

from __future__ import annotations

import logging
import pickle
import random
import socket
import ssl
import time
from collections.abc import Callable
from email.utils import formatdate

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from db.requests.feed_client import (
    FeedCancelled,
    FeedError,
    FeedResult,
    FeedState,
    next_poll_delay,
)
from tests.feed_client_helpers import (
    FEED,
    TOKEN,
    RawServer,
    ca,
    client_ctx,
    fails,
    fetch,
    https_server,
    no_leaked_threads,
    raw_server,
    read_request,
    server,
    server_ctx,
)

__all__ = [
    "ca",
    "client_ctx",
    "https_server",
    "no_leaked_threads",
    "raw_server",
    "server",
    "server_ctx",
]  # fixtures, used by name


# ---------------------------------------------------------------------------- success


def test_new_then_not_modified_by_etag(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    server.expect_oneshot_request("/feed", method="GET").respond_with_data(
        FEED, content_type="application/json", headers={"ETag": '"v1"'}
    )
    first = fetch(server.url_for("/feed"), client_ctx)
    assert first == FeedResult("new", FEED, '"v1"', None)
    sent = server.log[-1][0].headers
    assert sent["Accept"] == "application/json"
    assert sent["Accept-Encoding"] == "identity"
    assert sent["User-Agent"].startswith("Doorstep/")
    assert "If-None-Match" not in sent and "Authorization" not in sent

    server.expect_oneshot_request("/feed", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304
    )
    second = fetch(server.url_for("/feed"), client_ctx, state=FeedState(etag=first.etag))
    assert second.status == "not_modified" and second.body is None
    assert second.etag == '"v1"'  # a 304 without an ETag keeps the one we had
    server.check_assertions()


def test_last_modified_makes_a_conditional_request(
    server: HTTPServer, client_ctx: ssl.SSLContext
) -> None:
    stamp = "Wed, 21 Oct 2026 07:28:00 GMT"
    server.expect_oneshot_request("/feed").respond_with_data(
        FEED, content_type="application/json", headers={"Last-Modified": stamp}
    )
    first = fetch(server.url_for("/feed"), client_ctx)
    assert first.status == "new" and first.last_modified == stamp and first.etag is None

    server.expect_oneshot_request("/feed", headers={"If-Modified-Since": stamp}).respond_with_data(
        "", status=304, headers={"Last-Modified": stamp}
    )
    state = FeedState(last_modified=first.last_modified, failures=2)
    second = fetch(server.url_for("/feed"), client_ctx, state=state)
    assert second == FeedResult("not_modified", None, None, stamp)
    server.check_assertions()


def test_bearer_token_is_sent(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    server.expect_request("/feed", headers={"Authorization": f"Bearer {TOKEN}"}).respond_with_data(
        FEED, content_type="application/json"
    )
    assert fetch(server.url_for("/feed"), client_ctx, token=f" {TOKEN}\n").body == FEED


def test_query_string_is_sent(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    server.expect_request("/feed", query_string="since=2026-01-01").respond_with_data(
        FEED, content_type="application/json"
    )
    assert fetch(server.url_for("/feed?since=2026-01-01"), client_ctx).body == FEED


def test_chunked_body_is_read(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    parts = [FEED[:10], FEED[10:]]
    server.expect_request("/feed").respond_with_response(
        Response(iter(parts), content_type="application/json")  # no Content-Length
    )
    assert fetch(server.url_for("/feed"), client_ctx).body == FEED


# ---------------------------------------------------------------------------- HTTP errors


def test_refused_token_does_not_leak(
    server: HTTPServer, client_ctx: ssl.SSLContext, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for status in (401, 403):
        server.clear()
        server.expect_request("/feed").respond_with_data("no", status=status)
        error = fails(server.url_for("/feed"), client_ctx, token=TOKEN)
        assert "refused the token" in str(error) and f"HTTP {status}" in str(error)
        assert error.retry is False and error.status == status
        assert str(error).startswith(f"https://127.0.0.1:{server.port}/feed: ")
    assert TOKEN not in caplog.text


def test_missing_token(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    server.expect_request("/feed").respond_with_data("no", status=401)
    error = fails(server.url_for("/feed"), client_ctx)
    assert "needs an access token" in str(error) and error.retry is False


def test_bad_token_is_never_sent_or_shown(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    bad = "abc\r\nX-Injected: 1"
    error = fails(server.url_for("/feed"), client_ctx, token=bad)
    assert "token" in str(error) and error.retry is False
    assert "abc" not in str(error) and "Injected" not in str(error)
    assert server.log == []


def test_not_found(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    server.expect_request("/gone").respond_with_data("gone", status=404)
    error = fails(server.url_for("/gone"), client_ctx)
    assert "HTTP 404" in str(error) and error.retry is False and error.status == 404


def test_server_error_is_retried(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    server.expect_request("/feed").respond_with_data("oops", status=500)
    error = fails(server.url_for("/feed"), client_ctx)
    assert error.retry is True and error.retry_after is None and error.status == 500
    assert "HTTP 500" in str(error)


def test_retry_after_seconds_and_date(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    server.expect_oneshot_request("/feed").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "120"}
    )
    error = fails(server.url_for("/feed"), client_ctx)
    assert error.retry is True and error.retry_after == 120 and error.status == 429
    assert "retry after 120 s" in str(error)

    later = formatdate(time.time() + 600, usegmt=True)
    server.expect_oneshot_request("/feed").respond_with_data(
        "maintenance", status=503, headers={"Retry-After": later}
    )
    error = fails(server.url_for("/feed"), client_ctx)
    assert error.retry is True and error.retry_after is not None
    assert 590 <= error.retry_after <= 601


def test_html_is_not_json(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    for body, content_type in [
        # a captive portal, and a proxy's error page that claims to be JSON
        (b"<html><body>Sign in to the hotel Wi-Fi</body></html>", "text/html; charset=utf-8"),
        (b"\n  <!DOCTYPE html><html></html>", "application/json"),
    ]:
        server.clear()
        server.expect_request("/feed").respond_with_data(body, content_type=content_type)
        error = fails(server.url_for("/feed"), client_ctx)
        assert "returned HTML, not JSON" in str(error) and error.retry is True


def test_oversize_body_by_content_length(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    server.expect_request("/feed").respond_with_data(b"[" + b" " * 2000 + b"]")
    error = fails(server.url_for("/feed"), client_ctx, max_bytes=1000)
    assert "too large" in str(error) and error.retry is False
    server.clear()
    server.expect_request("/feed").respond_with_data(b"[" + b" " * 998 + b"]")
    assert len(fetch(server.url_for("/feed"), client_ctx, max_bytes=1000).body or b"") == 1000


def test_oversize_endless_body_stops_reading(
    raw_server: Callable[..., RawServer], client_ctx: ssl.SSLContext
) -> None:
    def endless(sock: socket.socket, srv: RawServer) -> None:
        read_request(sock)
        sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n")
        while not srv.release.is_set():  # no length: the body runs until the close
            sock.sendall(b" " * 16384)
            srv.sent += 16384

    srv = raw_server(endless)
    error = fails(srv.url, client_ctx, max_bytes=100_000, total_timeout=5)
    assert "too large" in str(error) and error.retry is False


def test_truncated_body(raw_server: Callable[..., RawServer], client_ctx: ssl.SSLContext) -> None:
    def short(sock: socket.socket, srv: RawServer) -> None:
        read_request(sock)
        sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + FEED[:10])
        # and close without the rest

    srv = raw_server(short)
    error = fails(srv.url, client_ctx)
    assert "truncated" in str(error) and "10 of 100 bytes" in str(error)
    assert error.retry is True


def test_truncated_chunked_body(
    raw_server: Callable[..., RawServer], client_ctx: ssl.SSLContext
) -> None:
    def short(sock: socket.socket, srv: RawServer) -> None:
        read_request(sock)
        sock.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" + FEED[:10])

    srv = raw_server(short)
    error = fails(srv.url, client_ctx)
    assert "truncated" in str(error) and error.retry is True


def test_closed_without_answer(
    raw_server: Callable[..., RawServer], client_ctx: ssl.SSLContext
) -> None:
    srv = raw_server(lambda sock, srv: read_request(sock) and None)
    error = fails(srv.url, client_ctx)
    assert "without answering" in str(error) and error.retry is True


# ---------------------------------------------------------------------------- backoff


def test_no_failures_means_the_base_interval() -> None:
    assert next_poll_delay(FeedState()) == 300
    assert next_poll_delay(FeedState(failures=0), base_s=60) == 60


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    rng = random.Random(7)
    for failures in range(1, 12):
        ceiling = min(6 * 3600, 300 * 2**failures)
        delays = {next_poll_delay(FeedState(failures=failures), rng=rng) for _ in range(50)}
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(delays) > 1  # jittered
    assert next_poll_delay(FeedState(failures=10_000), rng=rng) <= 6 * 3600
    a = [next_poll_delay(FeedState(failures=3), rng=random.Random(1)) for _ in range(2)]
    assert a[0] == a[1]  # a seeded rng is reproducible


def test_backoff_arguments_are_checked() -> None:
    with pytest.raises(ValueError):
        next_poll_delay(FeedState(), base_s=0)
    with pytest.raises(ValueError):
        next_poll_delay(FeedState(), base_s=600, max_s=60)


def test_feed_error_survives_pickling() -> None:
    error = FeedError("https://x.example/feed", "too many requests", retry=True, retry_after=9.0)
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.retry, copy.retry_after) == (str(error), True, 9.0)
    cancelled = pickle.loads(pickle.dumps(FeedCancelled("https://x", "cancelled", retry=False)))
    assert isinstance(cancelled, FeedCancelled) and cancelled.retry is False
