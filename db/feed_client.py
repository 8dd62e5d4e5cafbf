"""HTTPS client for agency feeds: one conditional GET per poll, nothing else.

Standard library only (``http.client`` over ``ssl``). Every call blocks and is meant to
run on a worker thread, never on the GUI thread. What makes it careful:

* HTTPS only, certificates always verified; redirects (at most five) never lead to
  plain ``http``, and the token is not sent to another host after a redirect.
* Conditional requests (``If-None-Match`` / ``If-Modified-Since``): a 304 costs nothing.
* Every wait is bounded: ``connect_timeout`` for TCP and the TLS handshake,
  ``read_timeout`` for silence from the server, ``total_timeout`` for the whole fetch, and
  a ``cancel`` event that is looked at every tenth of a second. (Only the DNS lookup
  cannot be interrupted; the operating system bounds it.)
* The body is read in chunks and never beyond ``max_bytes``; a body shorter than its
  ``Content-Length`` is reported as truncated instead of being handed on. It can go
  to a file as it arrives (``sink``) instead of being held in memory.
* Every failure is a :class:`FeedError` whose message is one line naming the URL (without
  its query) and the problem, and whose ``retry`` says whether trying later can help. The
  token never appears in a message or a log.
"""

from __future__ import annotations

import errno
import http.client
import io
import logging
import math
import os
import random
import selectors
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import BinaryIO, Literal
from urllib.parse import SplitResult, quote, urljoin, urlsplit, urlunsplit

__all__ = [
    "FeedCancelled",
    "FeedError",
    "FeedResult",
    "FeedState",
    "MAX_REDIRECTS",
    "fetch_feed",
    "next_poll_delay",
    "validate_feed_url",
]

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
DEFAULT_USER_AGENT = "Doorstep/0.1 (resident's footage request inbox)"

_POLL_S = 0.1  # how often a blocked wait looks at the cancel event and the deadlines
_CHUNK = 64 * 1024
_HEAD = 4096  # bytes of a body kept to tell HTML from JSON when it goes to a sink
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_IN_PROGRESS = {errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EALREADY} | {
    code for code in (getattr(errno, "WSAEWOULDBLOCK", None),) if code is not None
}


@dataclass(frozen=True)
class FeedState:
    """What is remembered about a feed between polls."""

    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0  # consecutive failures


@dataclass(frozen=True)
class FeedResult:
    """The outcome of one successful poll. ``body`` is the response body for ``"new"``
    and ``None`` for ``"not_modified"``; ``etag`` and ``last_modified`` are the
    validators to remember for the next poll."""

    status: Literal["new", "not_modified"]
    body: bytes | None
    etag: str | None
    last_modified: str | None


class FeedError(Exception):
    """A poll that failed. ``str(error)`` is one line: ``"<url>: <problem>"``.

    ``retry`` says whether backing off and polling again later makes sense (a network
    problem, an overloaded server) or not (the token was refused, the certificate is not
    trusted, the feed is gone). ``retry_after`` is the server's ``Retry-After`` in
    seconds, if it sent one; ``status`` is the HTTP status, if there was one."""

    def __init__(
        self,
        url: str,
        problem: str,
        *,
        retry: bool,
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        self.url = url
        self.problem = _one_line(problem, 300)
        self.retry = retry
        self.retry_after = retry_after
        self.status = status
        super().__init__(f"{url}: {self.problem}")

    def __reduce__(self) -> tuple[object, ...]:  # keep the attributes across pickling
        return (
            _rebuild_error,
            (type(self), self.url, self.problem, self.retry, self.retry_after, self.status),
        )


class FeedCancelled(FeedError):
    """The fetch was cancelled through its ``cancel`` event (``retry`` is False)."""


def _rebuild_error(
    cls: type[FeedError],
    url: str,
    problem: str,
    retry: bool,
    retry_after: float | None,
    status: int | None,
) -> FeedError:
    return cls(url, problem, retry=retry, retry_after=retry_after, status=status)


# ---------------------------------------------------------------------------- URLs


def validate_feed_url(url: str) -> str:
    """Check a feed URL and return it normalised (trimmed, scheme and host in lower
    case, no fragment). Raises ValueError, with a message meant for the resident, unless
    it is an ``https://`` URL with a host. Credentials in the URL are refused: a token
    belongs in the keyring, not in a URL that is stored in the database."""
    if not isinstance(url, str) or not url.strip():
        raise ValueError("the feed URL is empty")
    url = url.strip()
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        raise ValueError("the feed URL contains spaces or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"the feed URL is not valid ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme != "https":
        got = f"{scheme}://" if scheme else "no scheme"
        raise ValueError(f"the feed URL must start with https:// (got {got})")
    if not parts.hostname:
        raise ValueError("the feed URL has no host name")
    if parts.username is not None or parts.password is not None:
        raise ValueError(
            "the feed URL must not contain a user name or password; "
            "store the feed's token in the keyring instead"
        )
    if port == 0:
        raise ValueError("the feed URL has port 0")
    host = parts.hostname.lower()
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return urlunsplit(("https", netloc, parts.path, parts.query, ""))


def _display_url(url: str) -> str:
    """The URL as shown in messages: one line, no credentials, no query string (it may
    carry a key), no fragment."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        netloc = f"[{host}]" if ":" in host else host
        if parts.port is not None:
            netloc += f":{parts.port}"
        shown = urlunsplit((parts.scheme, netloc, parts.path, "", ""))
        if parts.query:
            shown += "?…"
    except ValueError:
        shown = url
    return _one_line(shown, 200) or "(empty URL)"


def _one_line(text: str, limit: int) -> str:
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------- backoff


_RNG = random.Random()


def next_poll_delay(
    state: FeedState,
    base_s: float = 300,
    max_s: float = 6 * 3600,
    rng: random.Random | None = None,
) -> float:
    """Seconds to wait before the next poll of a feed in ``state``.

    With no failures this is ``base_s`` exactly. After ``n`` consecutive failures it is a
    random value in ``[c / 2, c]`` with ``c = min(max_s, base_s * 2**n)`` (exponential
    backoff with jitter, so that many clients do not retry in step). A failure never makes
    the app poll more often than usual. (When the last FeedError had a longer
    ``retry_after``, the caller should wait that long instead.) Cheap; any thread."""
    if not (base_s > 0 and math.isfinite(base_s)):
        raise ValueError("base_s must be a positive number of seconds")
    if not max_s >= base_s:
        raise ValueError("max_s must be at least base_s")
    if state.failures <= 0:
        return float(base_s)
    ceiling = min(float(max_s), base_s * 2.0 ** min(state.failures, 64))
    return (rng if rng is not None else _RNG).uniform(ceiling / 2, ceiling)


# ---------------------------------------------------------------------------- fetch


@lru_cache(maxsize=1)
def _default_context() -> ssl.SSLContext:
    return ssl.create_default_context()


class _Clock:
    """The deadlines of one fetch, and the cancel event. Every blocking wait asks it for
    a short slice of time, so that cancel and the deadlines are noticed promptly."""

    def __init__(
        self,
        url: str,
        cancel: threading.Event | None,
        read_timeout: float,
        total_timeout: float,
    ) -> None:
        self.url = url
        self.cancel = cancel
        self.read_timeout = read_timeout
        self.total_timeout = total_timeout
        now = time.monotonic()
        self.total_deadline = now + total_timeout
        self.last_data = now

    def check(self) -> float:
        """Raise if cancelled or out of time; return the seconds left overall."""
        if self.cancel is not None and self.cancel.is_set():
            raise FeedCancelled(self.url, "cancelled", retry=False)
        left = self.total_deadline - time.monotonic()
        if left <= 0:
            raise FeedError(
                self.url,
                f"took longer than {_secs(self.total_timeout)} in total; gave up",
                retry=True,
            )
        return left

    def slice(self, deadline: float, on_deadline: Callable[[], FeedError]) -> float:
        """Seconds to wait next (at most ``_POLL_S``); raises when cancelled, past the
        total deadline, or past ``deadline`` (then the error ``on_deadline`` makes)."""
        left = self.check()
        until = deadline - time.monotonic()
        if until <= 0:
            raise on_deadline()
        return max(0.001, min(_POLL_S, left, until))

    def stalled(self) -> FeedError:
        return FeedError(
            self.url,
            f"the server stalled: no data for {_secs(self.read_timeout)}",
            retry=True,
        )

    def read_slice(self) -> float:
        return self.slice(self.last_data + self.read_timeout, self.stalled)


def _secs(value: float) -> str:
    return f"{value:g} s"


class _GuardedSocket:
    """Stands in for the socket of an ``http.client`` connection: reads wait in short
    slices (so cancel and the deadlines work even while the server is silent), and the
    real socket is closed once both the connection and its response let go of it."""

    def __init__(self, sock: ssl.SSLSocket, clock: _Clock) -> None:
        self.sock = sock
        self.clock = clock
        self._readers = 0
        self._closed = False

    def sendall(self, data: bytes) -> None:
        self.sock.settimeout(max(0.001, min(self.clock.read_timeout, self.clock.check())))
        try:
            self.sock.sendall(data)
        except TimeoutError:
            raise self.clock.stalled() from None
        self.clock.last_data = time.monotonic()

    def recv_into(self, buffer: memoryview) -> int:
        while True:
            self.sock.settimeout(self.clock.read_slice())
            try:
                n = self.sock.recv_into(buffer)
            except TimeoutError:
                continue
            self.clock.last_data = time.monotonic()
            return n

    def makefile(self, mode: str = "rb", *args: object, **kwargs: object) -> io.BufferedReader:
        if mode != "rb":
            raise ValueError(f"unsupported mode {mode!r}")
        self._readers += 1
        return io.BufferedReader(_GuardedReader(self))

    def reader_closed(self) -> None:
        self._readers -= 1
        if self._closed and self._readers <= 0:
            self.sock.close()

    def close(self) -> None:
        self._closed = True
        if self._readers <= 0:
            self.sock.close()


class _GuardedReader(io.RawIOBase):
    def __init__(self, owner: _GuardedSocket) -> None:
        super().__init__()
        self._owner: _GuardedSocket | None = owner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._owner is None:
            raise ValueError("read from a closed response")
        return self._owner.recv_into(buffer)

    def close(self) -> None:
        owner, self._owner = self._owner, None
        if owner is not None:
            owner.reader_closed()
        super().close()


class _Connection(http.client.HTTPConnection):
    """One HTTPS connection whose connect, TLS handshake and reads obey a ``_Clock``."""

    default_port = 443

    def __init__(
        self,
        host: str,
        port: int,
        *,
        context: ssl.SSLContext,
        clock: _Clock,
        connect_timeout: float,
    ) -> None:
        super().__init__(host, port, timeout=connect_timeout)
        self._context = context
        self._clock = clock
        self._connect_timeout = connect_timeout
        self.tls: ssl.SSLSocket | None = None

    def connect(self) -> None:
        clock = self._clock
        deadline = time.monotonic() + self._connect_timeout

        def timed_out() -> FeedError:
            return FeedError(
                clock.url,
                f"no answer within {_secs(self._connect_timeout)} while connecting",
                retry=True,
            )

        raw = _open_tcp(self.host, self.port, clock, deadline, timed_out)
        try:
            tls = self._context.wrap_socket(
                raw, server_hostname=self.host, do_handshake_on_connect=False
            )
        except BaseException:
            raw.close()
            raise
        self.tls = tls
        while True:
            tls.settimeout(clock.slice(deadline, timed_out))
            try:
                tls.do_handshake()
                break
            except TimeoutError:
                continue
        clock.last_data = time.monotonic()
        self.sock = _GuardedSocket(tls, clock)

    def close_all(self) -> None:
        """Close the connection and its socket, even if a response still holds it."""
        self.close()
        tls, self.tls = self.tls, None
        if tls is not None:
            tls.close()


def _open_tcp(
    host: str,
    port: int,
    clock: _Clock,
    deadline: float,
    timed_out: Callable[[], FeedError],
) -> socket.socket:
    """Connect to the first address of ``host`` that answers, waiting in slices."""
    clock.check()
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    last_error: OSError | None = None
    for family, kind, proto, _name, address in infos:
        sock = socket.socket(family, kind, proto)
        try:
            sock.setblocking(False)
            code = sock.connect_ex(address)
            if code not in (0, *_IN_PROGRESS):
                raise OSError(code, _strerror(code))
            if code != 0:
                with selectors.DefaultSelector() as selector:
                    selector.register(sock, selectors.EVENT_WRITE)
                    while not selector.select(clock.slice(deadline, timed_out)):
                        pass
                code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if code:
                    raise OSError(code, _strerror(code))
            sock.setblocking(True)
            return sock
        except OSError as exc:
            sock.close()
            last_error = exc
        except BaseException:
            sock.close()
            raise
    if last_error is None:
        raise OSError(errno.EHOSTUNREACH, "the host name has no addresses")
    raise last_error


def _strerror(code: int) -> str:
    try:
        return os.strerror(code)
    except ValueError:
        return f"error {code}"


def _check_token(token: str | None, url: str) -> str | None:
    if token is None:
        return None
    token = token.strip()
    if not token:
        return None
    if not all(0x21 <= ord(ch) <= 0x7E for ch in token):
        raise FeedError(
            url,
            "the stored token contains spaces or characters that cannot be sent; enter it again",
            retry=False,
        )
    return token


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _request_target(parts: SplitResult) -> str:
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    # Percent-encode anything http.client would refuse (non-ASCII, spaces), keep the rest.
    return quote(target, safe="!#$%&'()*+,/:;=?@[]~")


def _same_origin(a: str, b: str) -> bool:
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.scheme, pa.hostname, pa.port or 443) == (pb.scheme, pb.hostname, pb.port or 443)


def fetch_feed(
    url: str,
    state: FeedState,
    *,
    token: str | None = None,
    ssl_context: ssl.SSLContext | None = None,
    connect_timeout: float = 10,
    read_timeout: float = 30,
    total_timeout: float = 120,
    max_bytes: int = 64_000_000,
    cancel: threading.Event | None = None,
    user_agent: str = DEFAULT_USER_AGENT,
    sink: BinaryIO | None = None,
) -> FeedResult:
    """Poll one feed: a conditional GET of ``url`` using the validators in ``state``.

    Blocks for up to ``total_timeout`` seconds (plus the DNS lookup); run it on a worker
    thread. Returns ``FeedResult("new", body, ...)`` for 200 and ``"not_modified"`` for
    304. With a ``sink`` the body is written there as it arrives, not held in memory
    (a feed may be tens of megabytes), and the result's ``body`` is ``b""``. Raises
    :class:`FeedError` for everything else (:class:`FeedCancelled` once ``cancel`` is
    set) and ValueError for arguments that are a programming error, such as an
    ``ssl_context`` that does not verify certificates."""
    shown = _display_url(url)
    if ssl_context is None:
        ssl_context = _default_context()
    elif ssl_context.verify_mode != ssl.CERT_REQUIRED or not ssl_context.check_hostname:
        raise ValueError("ssl_context must verify certificates and host names")
    for name, value in (
        ("connect_timeout", connect_timeout),
        ("read_timeout", read_timeout),
        ("total_timeout", total_timeout),
    ):
        if not value > 0:
            raise ValueError(f"{name} must be positive")
    if max_bytes <= 0:
        raise ValueError("max_bytes must be positive")
    try:
        url = validate_feed_url(url)
    except ValueError as exc:
        raise FeedError(shown, str(exc), retry=False) from None
    token = _check_token(token, shown)
    clock = _Clock(shown, cancel, read_timeout, total_timeout)
    clock.check()

    headers = {
        "User-Agent": _one_line(user_agent, 200) or DEFAULT_USER_AGENT,
        "Accept": "application/json",
        "Accept-Encoding": "identity",
        "Connection": "close",
    }
    if state.etag:
        headers["If-None-Match"] = _one_line(state.etag, 1000)
    if state.last_modified:
        headers["If-Modified-Since"] = _one_line(state.last_modified, 200)
    if token:
        headers["Authorization"] = f"Bearer {token}"

    original = url
    try:
        for hop in range(MAX_REDIRECTS + 1):
            clock.url = shown = _display_url(url)
            log.debug("GET %s", shown)
            outcome = _fetch_once(
                url, headers, clock, ssl_context, connect_timeout, max_bytes, sink
            )
            if isinstance(outcome, FeedResult):
                log.debug("%s: %s", shown, outcome.status)
                return outcome
            if hop == MAX_REDIRECTS:
                break
            target = urljoin(url, outcome)
            try:
                target = validate_feed_url(target)
            except ValueError:
                scheme = urlsplit(target).scheme.lower()
                problem = (
                    "redirected to an insecure http:// address; refused"
                    if scheme == "http"
                    else f"redirected to an unusable address ({_display_url(target)})"
                )
                raise FeedError(shown, problem, retry=False) from None
            if not _same_origin(original, target):
                headers.pop("Authorization", None)  # the token is only for the feed's host
            log.debug("%s: redirected to %s", shown, _display_url(target))
            url = target
        raise FeedError(
            _display_url(original),
            f"too many redirects (more than {MAX_REDIRECTS})",
            retry=False,
        )
    except FeedError as exc:
        if token and token in str(exc):  # belt and braces: never leak the token
            raise type(exc)(
                exc.url.replace(token, "***"),
                exc.problem.replace(token, "***"),
                retry=exc.retry,
                retry_after=exc.retry_after,
                status=exc.status,
            ) from None
        raise


def _fetch_once(
    url: str,
    headers: dict[str, str],
    clock: _Clock,
    context: ssl.SSLContext,
    connect_timeout: float,
    max_bytes: int,
    sink: BinaryIO | None = None,
) -> FeedResult | str:
    """One GET. Returns the result, or the Location of a redirect."""
    parts = urlsplit(url)
    host = parts.hostname
    assert host is not None
    conn = _Connection(
        host,
        parts.port or 443,
        context=context,
        clock=clock,
        connect_timeout=connect_timeout,
    )
    response: http.client.HTTPResponse | None = None
    try:
        try:
            conn.request("GET", _request_target(parts), headers=headers)
            response = conn.getresponse()
            return _handle_response(response, clock, max_bytes, headers, sink)
        except FeedError:
            raise
        except ssl.SSLCertVerificationError as exc:
            reason = _one_line(exc.verify_message or exc.reason or "verification failed", 120)
            raise FeedError(clock.url, f"certificate not trusted ({reason})", retry=False) from None
        except ssl.SSLError as exc:
            reason = _one_line(str(exc.reason or exc.__class__.__name__), 120)
            raise FeedError(clock.url, f"TLS failed ({reason})", retry=True) from None
        except http.client.RemoteDisconnected:
            raise FeedError(
                clock.url, "the server closed the connection without answering", retry=True
            ) from None
        except http.client.HTTPException as exc:
            raise FeedError(
                clock.url,
                f"the server sent a malformed HTTP response ({type(exc).__name__})",
                retry=True,
            ) from None
        except socket.gaierror as exc:
            raise FeedError(
                clock.url,
                f"could not look up the host name ({_one_line(str(exc.strerror), 80)})",
                retry=True,
            ) from None
        except ConnectionRefusedError:
            raise FeedError(clock.url, "connection refused", retry=True) from None
        except UnicodeError:  # a host name that IDNA cannot encode
            raise FeedError(clock.url, "the host name is not valid", retry=False) from None
        except OSError as exc:
            reason = _one_line(str(exc.strerror or exc.__class__.__name__), 80)
            raise FeedError(clock.url, f"network error ({reason})", retry=True) from None
    finally:
        if response is not None:
            response.close()
        conn.close_all()


def _handle_response(
    response: http.client.HTTPResponse,
    clock: _Clock,
    max_bytes: int,
    headers: dict[str, str],
    sink: BinaryIO | None = None,
) -> FeedResult | str:
    """Turn a response into a result, a redirect's Location, or a FeedError."""
    status = response.status
    etag = response.getheader("ETag")
    last_modified = response.getheader("Last-Modified")
    reason = _one_line(response.reason or "", 60)
    label = f"HTTP {status} {reason}".rstrip()
    url = clock.url

    if status == 304:
        # A 304 need not repeat the validators; then the ones we sent still hold.
        return FeedResult(
            "not_modified",
            None,
            etag or headers.get("If-None-Match"),
            last_modified or headers.get("If-Modified-Since"),
        )
    if status in _REDIRECTS:
        location = response.getheader("Location")
        if not location or not location.strip():
            raise FeedError(url, f"redirect ({label}) without a Location", retry=False)
        return location.strip()
    if status in (401, 403):
        problem = (
            f"the feed refused the token ({label})"
            if "Authorization" in headers
            else f"the feed needs an access token ({label})"
        )
        raise FeedError(url, problem, retry=False, status=status)
    if status in (404, 410):
        raise FeedError(url, f"no feed at this address ({label})", retry=False, status=status)
    if status in (408, 429) or 500 <= status <= 599:
        after = _retry_after(response.getheader("Retry-After"))
        problem = (
            f"too many requests ({label})"
            if status == 429
            else f"the feed is unavailable ({label})"
        )
        if after is not None:
            problem += f"; retry after {after:.0f} s"
        raise FeedError(url, problem, retry=True, retry_after=after, status=status)
    if status not in (200, 203):
        raise FeedError(url, f"unexpected answer ({label})", retry=False, status=status)

    content_type = (response.getheader("Content-Type") or "").lower()
    if "html" in content_type:
        raise FeedError(url, "returned HTML, not JSON", retry=True, status=status)
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding != "identity":
        raise FeedError(
            url,
            f"sent a compressed body ({_one_line(encoding, 30)}) although none was asked for",
            retry=False,
            status=status,
        )
    body = _read_body(response, clock, max_bytes, sink)
    if body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise FeedError(url, "returned HTML, not JSON", retry=True, status=status)
    return FeedResult("new", b"" if sink is not None else body, etag, last_modified)


def _read_body(
    response: http.client.HTTPResponse,
    clock: _Clock,
    max_bytes: int,
    sink: BinaryIO | None = None,
) -> bytes:
    """The body; with a ``sink`` it is written there instead, and only its first
    ``_HEAD`` bytes are returned (enough to tell HTML from JSON)."""
    expected = response.length  # None when the body is chunked or runs to the close
    if expected is not None and expected > max_bytes:
        raise FeedError(clock.url, _too_large(max_bytes, expected), retry=False)
    chunks: list[bytes] = []
    head = b""
    received = 0

    def truncated() -> FeedError:
        of = f" of {expected:,}" if expected is not None else ""
        return FeedError(
            clock.url,
            f"truncated: the connection closed after {received:,}{of} bytes",
            retry=True,
        )

    while True:
        try:
            chunk = response.read(min(_CHUNK, max_bytes + 1 - received))
        except http.client.IncompleteRead as exc:
            received += len(exc.partial)
            raise truncated() from None
        except (ConnectionError, ssl.SSLError):
            raise truncated() from None
        if not chunk:
            break
        received += len(chunk)
        if received > max_bytes:
            raise FeedError(clock.url, _too_large(max_bytes, None), retry=False)
        if sink is None:
            chunks.append(chunk)
            continue
        if len(head) < _HEAD:
            head += chunk[: _HEAD - len(head)]
        try:
            sink.write(chunk)
        except OSError as exc:
            reason = _one_line(str(exc.strerror or type(exc).__name__), 80)
            raise FeedError(clock.url, f"cannot keep the body ({reason})", retry=True) from None
    if expected is not None and received < expected:
        raise truncated()
    return b"".join(chunks) if sink is None else head


def _too_large(max_bytes: int, size: int | None) -> str:
    what = f"{size:,} bytes" if size is not None else "the body"
    return f"too large: {what} is more than the limit of {max_bytes:,} bytes; stopped reading"
