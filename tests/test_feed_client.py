"""The feed HTTP client against real TLS servers on 127.0.0.1 (certificates from trustme).

Well-behaved answers come from pytest-httpserver; misbehaving servers (truncating,
stalling, trickling, never answering) are small socket servers whose bytes the test
scripts exactly. Timeouts are tenths of a second so the whole file runs in a few seconds.
"""

from __future__ import annotations

import logging
import pickle
import random
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from email.utils import formatdate
from typing import Literal, TypedDict

import pytest
import trustme
from pytest_httpserver import HTTPServer
from werkzeug import Response

from db.requests.feed_client import (
    MAX_REDIRECTS,
    FeedCancelled,
    FeedError,
    FeedResult,
    FeedState,
    fetch_feed,
    next_poll_delay,
    validate_feed_url,
)

FEED = b'{"format": "doorstep.feed/1", "requests": []}'
TOKEN = "tok-3f0b6d0e8a51SECRET"


class _Timeouts(TypedDict):
    connect_timeout: float
    read_timeout: float
    total_timeout: float


# Typed so that mypy checks each keyword against fetch_feed's.
FAST: _Timeouts = {"connect_timeout": 2.0, "read_timeout": 2.0, "total_timeout": 5.0}


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def server_ctx(ca: trustme.CA) -> ssl.SSLContext:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(ctx)
    return ctx


@pytest.fixture(scope="module")
def client_ctx(ca: trustme.CA) -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ca.configure_trust(ctx)
    return ctx


@pytest.fixture(scope="module")
def https_server(server_ctx: ssl.SSLContext) -> Iterator[HTTPServer]:
    # One server for the module: stopping one takes up to half a second.
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=server_ctx)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def server(https_server: HTTPServer) -> Iterator[HTTPServer]:
    https_server.clear()
    yield https_server
    https_server.check_handler_errors()
    https_server.clear()


@pytest.fixture(autouse=True)
def no_leaked_threads(https_server: HTTPServer) -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 2
    while (leaked := set(threading.enumerate()) - before) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not leaked


Script = Callable[[socket.socket, "RawServer"], None]


class RawServer:
    """Accepts one connection on 127.0.0.1 and runs ``script`` on it (over TLS unless
    ``context`` is None). ``release`` tells a waiting script that the test is over."""

    def __init__(self, script: Script, context: ssl.SSLContext | None) -> None:
        self.script = script
        self.context = context
        self.release = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(5)
        self.port = self.listener.getsockname()[1]
        self.url = f"https://127.0.0.1:{self.port}/feed"
        self.sent = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        try:
            conn, _ = self.listener.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(5)
            try:
                if self.context is None:
                    self.script(conn, self)
                    return
                with self.context.wrap_socket(conn, server_side=True) as tls:
                    self.script(tls, self)
            except OSError:  # the client gave up first, or refused our certificate
                pass

    def close(self) -> None:
        self.release.set()
        self.thread.join(5)
        assert not self.thread.is_alive()
        self.listener.close()


@pytest.fixture
def raw_server(server_ctx: ssl.SSLContext) -> Iterator[Callable[..., RawServer]]:
    servers: list[RawServer] = []

    def make(
        script: Script, context: ssl.SSLContext | Literal["default"] | None = "default"
    ) -> RawServer:
        srv = RawServer(script, server_ctx if context == "default" else context)
        servers.append(srv)
        return srv

    yield make
    for srv in servers:
        srv.close()


def read_request(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def fetch(url: str, client_ctx: ssl.SSLContext, **kwargs: object) -> FeedResult:
    state = kwargs.pop("state", FeedState())
    options: dict[str, object] = {**FAST, "ssl_context": client_ctx, **kwargs}
    # Passed through as each test gives them: fetch_feed's keywords, of several types.
    return fetch_feed(url, state, **options)  # type: ignore[arg-type]


def fails(url: str, client_ctx: ssl.SSLContext, **kwargs: object) -> FeedError:
    with pytest.raises(FeedError) as info:
        fetch(url, client_ctx, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    assert TOKEN not in message
    return info.value


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


def test_redirect_is_followed_with_the_same_request(
    server: HTTPServer, client_ctx: ssl.SSLContext
) -> None:
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    server.expect_request(
        "/new", headers={"Authorization": f"Bearer {TOKEN}", "If-None-Match": '"v1"'}
    ).respond_with_data(FEED, content_type="application/json", headers={"ETag": '"v2"'})
    result = fetch(server.url_for("/old"), client_ctx, token=TOKEN, state=FeedState(etag='"v1"'))
    assert result == FeedResult("new", FEED, '"v2"', None)


def test_token_is_not_sent_to_another_host(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    elsewhere = f"https://localhost:{server.port}/mirror"
    server.expect_request("/feed").respond_with_data(
        "", status=302, headers={"Location": elsewhere}
    )
    server.expect_request("/mirror").respond_with_data(FEED, content_type="application/json")
    assert fetch(server.url_for("/feed"), client_ctx, token=TOKEN).body == FEED
    first, second = (entry[0] for entry in server.log)
    assert first.headers["Authorization"] == f"Bearer {TOKEN}"
    assert second.path == "/mirror" and "Authorization" not in second.headers


def test_redirect_to_http_is_refused(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    server.expect_request("/feed").respond_with_data(
        "", status=307, headers={"Location": f"http://127.0.0.1:{server.port}/feed"}
    )
    error = fails(server.url_for("/feed"), client_ctx, token=TOKEN)
    assert "insecure http://" in str(error) and error.retry is False
    assert len(server.log) == 1


def test_too_many_redirects(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    server.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    error = fails(server.url_for("/loop"), client_ctx)
    assert "too many redirects" in str(error) and error.retry is False
    assert len(server.log) == MAX_REDIRECTS + 1


# ---------------------------------------------------------------------------- time limits


def test_slow_but_steady_server_is_fine(
    raw_server: Callable[..., RawServer], server_ctx: ssl.SSLContext, client_ctx: ssl.SSLContext
) -> None:
    # Pauses longer than the client's polling slice, in the handshake and between reads:
    # waits that time out internally must resume cleanly.
    def slow(sock: socket.socket, srv: RawServer) -> None:
        time.sleep(0.15)
        with server_ctx.wrap_socket(sock, server_side=True) as tls:
            read_request(tls)
            time.sleep(0.15)
            tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(FEED))
            time.sleep(0.15)
            tls.sendall(FEED)

    srv = raw_server(slow, context=None)
    assert fetch(srv.url, client_ctx, connect_timeout=2, read_timeout=2).body == FEED


def test_server_that_stalls_before_answering(
    raw_server: Callable[..., RawServer], client_ctx: ssl.SSLContext
) -> None:
    def silent(sock: socket.socket, srv: RawServer) -> None:
        read_request(sock)
        srv.release.wait(5)

    srv = raw_server(silent)
    started = time.monotonic()
    error = fails(srv.url, client_ctx, read_timeout=0.3)
    assert 0.25 < time.monotonic() - started < 1.5
    assert "stalled" in str(error) and "0.3 s" in str(error) and error.retry is True


def test_server_that_stalls_mid_body(
    raw_server: Callable[..., RawServer], client_ctx: ssl.SSLContext
) -> None:
    def half(sock: socket.socket, srv: RawServer) -> None:
        read_request(sock)
        sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + FEED[:10])
        srv.release.wait(5)

    srv = raw_server(half)
    error = fails(srv.url, client_ctx, read_timeout=0.3)
    assert "stalled" in str(error) and error.retry is True


def test_server_that_trickles(
    raw_server: Callable[..., RawServer], client_ctx: ssl.SSLContext
) -> None:
    def trickle(sock: socket.socket, srv: RawServer) -> None:
        read_request(sock)
        sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
        while not srv.release.wait(0.05):
            sock.sendall(b" ")

    srv = raw_server(trickle)
    started = time.monotonic()
    error = fails(srv.url, client_ctx, read_timeout=0.3, total_timeout=0.6)
    assert 0.55 < time.monotonic() - started < 1.5
    assert "took longer than 0.6 s" in str(error) and error.retry is True


def test_server_that_never_starts_tls(
    raw_server: Callable[..., RawServer], client_ctx: ssl.SSLContext
) -> None:
    srv = raw_server(lambda sock, srv: srv.release.wait(5) and None, context=None)
    started = time.monotonic()
    error = fails(srv.url, client_ctx, connect_timeout=0.3)
    assert time.monotonic() - started < 1.5
    assert "while connecting" in str(error) and error.retry is True


def test_connection_refused(client_ctx: ssl.SSLContext) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    error = fails(f"https://127.0.0.1:{port}/feed", client_ctx)
    assert "connection refused" in str(error) and error.retry is True


def test_unknown_host(client_ctx: ssl.SSLContext, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    error = fails("https://feed.example.invalid/requests", client_ctx)
    assert "look up the host name" in str(error) and error.retry is True


def test_cancel_before_start(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(FeedCancelled) as info:
        fetch(server.url_for("/feed"), client_ctx, cancel=cancel)
    assert info.value.retry is False and "cancelled" in str(info.value)
    assert server.log == []


def test_cancel_while_waiting_for_the_server(
    raw_server: Callable[..., RawServer], client_ctx: ssl.SSLContext
) -> None:
    cancel = threading.Event()

    def half_then_cancel(sock: socket.socket, srv: RawServer) -> None:
        read_request(sock)
        sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + FEED[:10])
        time.sleep(0.05)
        cancel.set()  # as the GUI would, while the client waits for the rest
        srv.release.wait(5)

    srv = raw_server(half_then_cancel)
    started = time.monotonic()
    with pytest.raises(FeedCancelled) as info:
        fetch(srv.url, client_ctx, cancel=cancel, read_timeout=5)
    assert time.monotonic() - started < 1.0
    assert info.value.retry is False


# ---------------------------------------------------------------------------- TLS


def test_certificate_from_another_ca_is_refused(
    raw_server: Callable[..., RawServer], client_ctx: ssl.SSLContext
) -> None:
    impostor = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    trustme.CA().issue_cert("127.0.0.1").configure_cert(impostor)
    srv = raw_server(lambda sock, srv: read_request(sock) and None, context=impostor)
    error = fails(srv.url, client_ctx, token=TOKEN)
    assert "certificate not trusted" in str(error) and error.retry is False


def test_default_context_does_not_trust_a_private_ca(server: HTTPServer) -> None:
    with pytest.raises(FeedError) as info:
        fetch_feed(server.url_for("/feed"), FeedState(), **FAST)
    assert "certificate not trusted" in str(info.value) and info.value.retry is False
    assert server.log == []


def test_certificate_for_another_host_is_refused(
    raw_server: Callable[..., RawServer], ca: trustme.CA, client_ctx: ssl.SSLContext
) -> None:
    wrong_name = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("feeds.example.gov").configure_cert(wrong_name)
    srv = raw_server(lambda sock, srv: read_request(sock) and None, context=wrong_name)
    error = fails(srv.url, client_ctx)
    assert "certificate not trusted" in str(error) and error.retry is False


def test_context_that_does_not_verify_is_a_programming_error(server: HTTPServer) -> None:
    lax = ssl.create_default_context()
    lax.check_hostname = False
    lax.verify_mode = ssl.CERT_NONE
    with pytest.raises(ValueError, match="verify"):
        fetch_feed(server.url_for("/feed"), FeedState(), ssl_context=lax)


# ---------------------------------------------------------------------------- URLs


def test_http_url_is_refused(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    error = fails(f"http://127.0.0.1:{server.port}/feed", client_ctx)
    assert "https://" in str(error) and error.retry is False
    assert server.log == []


def test_validate_feed_url_refuses() -> None:
    for url, problem in [
        ("http://feeds.example.gov/x", "must start with https://"),
        ("ftp://feeds.example.gov/x", "must start with https://"),
        ("feeds.example.gov/x", "must start with https://"),
        ("", "empty"),
        ("https:///path", "no host"),
        ("https://user:secret@feeds.example.gov/", "user name or password"),
        ("https://feeds.example.gov:99999/", "not valid"),
        ("https://feeds.example.gov/a b", "spaces"),
    ]:
        with pytest.raises(ValueError, match=problem) as info:
            validate_feed_url(url)
        assert "secret" not in str(info.value)


def test_validate_feed_url_normalises() -> None:
    assert validate_feed_url("  HTTPS://Feeds.Example.GOV:8443/v1/req?x=1#top \n") == (
        "https://feeds.example.gov:8443/v1/req?x=1"
    )
    assert validate_feed_url("https://[::1]/feed") == "https://[::1]/feed"


def test_messages_hide_the_query_string(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    server.expect_request("/feed").respond_with_data("oops", status=500)
    error = fails(server.url_for("/feed") + "?key=hunter2", client_ctx)
    assert "hunter2" not in str(error) and "/feed?…: " in str(error)


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
