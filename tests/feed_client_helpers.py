"""Servers for the feed client's tests (tests/test_feed_client*.py): TLS contexts from
trustme, pytest-httpserver for well-behaved answers, small socket servers whose bytes a
test scripts exactly for misbehaving ones, and the calls the tests share.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from typing import Literal, TypedDict

import pytest
import trustme
from pytest_httpserver import HTTPServer

from db.requests.feed_client import (
    FeedError,
    FeedResult,
    FeedState,
    fetch_feed,
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
