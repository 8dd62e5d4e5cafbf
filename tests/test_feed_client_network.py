"""The feed HTTP client and the network between it and the server: redirects (the same
request, no token to another host, never to HTTP, not too many), slow, stalling and
trickling servers, a server that never starts TLS, refused connections and unknown
hosts, and cancelling. Timeouts are tenths of a second.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Callable

import pytest
from pytest_httpserver import HTTPServer

from db.requests.feed_client import (
    MAX_REDIRECTS,
    FeedCancelled,
    FeedResult,
    FeedState,
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
