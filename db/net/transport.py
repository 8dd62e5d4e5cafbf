"""The HTTPS transport shared by the feed client and the delivery (docs/DEVELOPING.md).

Standard library only (``http.client`` over ``ssl``). Every call blocks and is meant to
run on a worker thread, never on the GUI thread. What it owns:

* URL checks (``https://`` with a host, no credentials) and the URL as shown in messages
  (no query string, no token), worded for the caller: it says what the URL is called.
* The default TLS context (certificates and host names always verified).
* The deadlines of one exchange (:class:`Clock`): ``connect_timeout`` for TCP and the TLS
  handshake, ``read_timeout`` for silence, ``total_timeout`` for the whole, and a
  ``cancel`` event looked at every tenth of a second. (Only the DNS lookup cannot be
  interrupted; the operating system bounds it.)
* Connections (:class:`Connection`) whose every wait obeys the clock; redirect targets
  that never lead to plain ``http``; the token's check; bodies read in chunks, never
  beyond a size cap, a short one reported as truncated.
* Every failure is a :class:`NetError` whose message is one line naming the URL (without
  its query) and the problem, and whose ``retry`` says whether trying later can help.
"""

from __future__ import annotations

import errno
import http.client
import io
import math
import os
import random
import selectors
import socket
import ssl
import threading
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import BinaryIO
from urllib.parse import SplitResult, quote, urljoin, urlsplit, urlunsplit

MAX_REDIRECTS = 5
DEFAULT_USER_AGENT = "Doorstep/0.1 (resident's footage request inbox)"

_POLL_S = 0.1  # how often a blocked wait looks at the cancel event and the deadlines
CHUNK = 64 * 1024  # bytes read or sent at a time
HEAD = 4096  # bytes of a body kept to tell HTML from JSON when it goes to a sink
REDIRECTS = frozenset({301, 302, 303, 307, 308})
_IN_PROGRESS = {errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EALREADY} | {
    code for code in (getattr(errno, "WSAEWOULDBLOCK", None),) if code is not None
}


class NetError(Exception):
    """An exchange that failed. ``str(error)`` is one line: ``"<url>: <problem>"``.

    ``retry`` says whether backing off and trying again later makes sense (a network
    problem, an overloaded server) or not (the token was refused, the certificate is not
    trusted, the address is gone). ``retry_after`` is the server's ``Retry-After`` in
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
        self.problem = one_line(problem, 300)
        self.retry = retry
        self.retry_after = retry_after
        self.status = status
        super().__init__(f"{url}: {self.problem}")

    def __reduce__(self) -> tuple[object, ...]:  # keep the attributes across pickling
        return (
            _rebuild_error,
            (type(self), self.url, self.problem, self.retry, self.retry_after, self.status),
        )


class NetCancelled(NetError):
    """The exchange was cancelled through its ``cancel`` event (``retry`` is False)."""


def _rebuild_error(
    cls: type[NetError],
    url: str,
    problem: str,
    retry: bool,
    retry_after: float | None,
    status: int | None,
) -> NetError:
    return cls(url, problem, retry=retry, retry_after=retry_after, status=status)


# ---------------------------------------------------------------------------- URLs


def validate_https_url(url: str, what: str, token_name: str) -> str:
    """Check a URL and return it normalised (trimmed, scheme and host in lower case, no
    fragment). Raises ValueError, with a message meant for the resident that calls the
    URL ``what`` (such as "the feed URL") and its token ``token_name``, unless it is an
    ``https://`` URL with a host. Credentials in the URL are refused: a token belongs in
    the keyring, not in a URL that is stored in the database."""
    if not isinstance(url, str) or not url.strip():
        raise ValueError(f"{what} is empty")
    url = url.strip()
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        raise ValueError(f"{what} contains spaces or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"{what} is not valid ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme != "https":
        got = f"{scheme}://" if scheme else "no scheme"
        raise ValueError(f"{what} must start with https:// (got {got})")
    if not parts.hostname:
        raise ValueError(f"{what} has no host name")
    if parts.username is not None or parts.password is not None:
        raise ValueError(
            f"{what} must not contain a user name or password; "
            f"store {token_name} in the keyring instead"
        )
    if port == 0:
        raise ValueError(f"{what} has port 0")
    host = parts.hostname.lower()
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return urlunsplit(("https", netloc, parts.path, parts.query, ""))


def display_url(url: str) -> str:
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
    return one_line(shown, 200) or "(empty URL)"


def one_line(text: str, limit: int) -> str:
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------- backoff


_RNG = random.Random()


def backoff_delay(
    failures: int, base_s: float, max_s: float, rng: random.Random | None = None
) -> float:
    """Seconds to wait before trying again after ``failures`` consecutive failures.

    With no failures this is ``base_s`` exactly. After ``n`` consecutive failures it is a
    random value in ``[c / 2, c]`` with ``c = min(max_s, base_s * 2**n)`` (exponential
    backoff with jitter, so that many clients do not retry in step). A failure never makes
    the app try more often than usual. (When the last NetError had a longer
    ``retry_after``, the caller should wait that long instead.) Cheap; any thread."""
    if not (base_s > 0 and math.isfinite(base_s)):
        raise ValueError("base_s must be a positive number of seconds")
    if not max_s >= base_s:
        raise ValueError("max_s must be at least base_s")
    if failures <= 0:
        return float(base_s)
    ceiling = min(float(max_s), base_s * 2.0 ** min(failures, 64))
    return (rng if rng is not None else _RNG).uniform(ceiling / 2, ceiling)


# ---------------------------------------------------------------------------- fetch


@lru_cache(maxsize=1)
def default_context() -> ssl.SSLContext:
    return ssl.create_default_context()


class Clock:
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
            raise NetCancelled(self.url, "cancelled", retry=False)
        left = self.total_deadline - time.monotonic()
        if left <= 0:
            raise NetError(
                self.url,
                f"took longer than {secs(self.total_timeout)} in total; gave up",
                retry=True,
            )
        return left

    def slice(self, deadline: float, on_deadline: Callable[[], NetError]) -> float:
        """Seconds to wait next (at most ``_POLL_S``); raises when cancelled, past the
        total deadline, or past ``deadline`` (then the error ``on_deadline`` makes)."""
        left = self.check()
        until = deadline - time.monotonic()
        if until <= 0:
            raise on_deadline()
        return max(0.001, min(_POLL_S, left, until))

    def stalled(self) -> NetError:
        return NetError(
            self.url,
            f"the server stalled: no data for {secs(self.read_timeout)}",
            retry=True,
        )

    def read_slice(self) -> float:
        return self.slice(self.last_data + self.read_timeout, self.stalled)


def secs(value: float) -> str:
    return f"{value:g} s"


class GuardedSocket:
    """Stands in for the socket of an ``http.client`` connection: reads wait in short
    slices (so cancel and the deadlines work even while the server is silent), and the
    real socket is closed once both the connection and its response let go of it."""

    def __init__(self, sock: ssl.SSLSocket, clock: Clock) -> None:
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
    def __init__(self, owner: GuardedSocket) -> None:
        super().__init__()
        self._owner: GuardedSocket | None = owner

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


class Connection(http.client.HTTPConnection):
    """One HTTPS connection whose connect, TLS handshake and reads obey a ``Clock``."""

    default_port = 443

    def __init__(
        self,
        host: str,
        port: int,
        *,
        context: ssl.SSLContext,
        clock: Clock,
        connect_timeout: float,
    ) -> None:
        super().__init__(host, port, timeout=connect_timeout)
        self._context = context
        self.clock = clock
        self.connect_timeout = connect_timeout
        self.tls: ssl.SSLSocket | None = None

    def connect(self) -> None:
        clock = self.clock
        deadline = time.monotonic() + self.connect_timeout

        def timed_out() -> NetError:
            return NetError(
                clock.url,
                f"no answer within {secs(self.connect_timeout)} while connecting",
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
        self.sock = GuardedSocket(tls, clock)

    def close_all(self) -> None:
        """Close the connection and its socket, even if a response still holds it."""
        self.close()
        tls, self.tls = self.tls, None
        if tls is not None:
            tls.close()


def _open_tcp(
    host: str,
    port: int,
    clock: Clock,
    deadline: float,
    timed_out: Callable[[], NetError],
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


def check_token(token: str | None, url: str) -> str | None:
    if token is None:
        return None
    token = token.strip()
    if not token:
        return None
    if not all(0x21 <= ord(ch) <= 0x7E for ch in token):
        raise NetError(
            url,
            "the stored token contains spaces or characters that cannot be sent; enter it again",
            retry=False,
        )
    return token


def retry_after(value: str | None) -> float | None:
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


def request_target(parts: SplitResult) -> str:
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    # Percent-encode anything http.client would refuse (non-ASCII, spaces), keep the rest.
    return quote(target, safe="!#$%&'()*+,/:;=?@[]~")


def same_origin(a: str, b: str) -> bool:
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.scheme, pa.hostname, pa.port or 443) == (pb.scheme, pb.hostname, pb.port or 443)


def verifying_context(context: ssl.SSLContext | None) -> ssl.SSLContext:
    """The context to connect with: the system's trusted CAs by default; a given context
    only if it verifies certificates and host names (else ValueError)."""
    if context is None:
        return default_context()
    if context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname:
        return context
    raise ValueError("ssl_context must verify certificates and host names")


def redirect_target(url: str, location: str, shown: str) -> str:
    """Where a redirect from ``url`` to ``location`` leads, checked like the URL itself;
    a NetError (for the URL shown as ``shown``) if that is plain http or unusable."""
    target = urljoin(url, location)
    try:
        return validate_https_url(target, "the URL", "the token")
    except ValueError:
        scheme = urlsplit(target).scheme.lower()
        problem = (
            "redirected to an insecure http:// address; refused"
            if scheme == "http"
            else f"redirected to an unusable address ({display_url(target)})"
        )
        raise NetError(shown, problem, retry=False) from None


def read_body(
    response: http.client.HTTPResponse,
    clock: Clock,
    max_bytes: int,
    sink: BinaryIO | None = None,
) -> bytes:
    """The body; with a ``sink`` it is written there instead, and only its first
    ``HEAD`` bytes are returned (enough to tell HTML from JSON)."""
    expected = response.length  # None when the body is chunked or runs to the close
    if expected is not None and expected > max_bytes:
        raise NetError(clock.url, too_large(max_bytes, expected), retry=False)
    chunks: list[bytes] = []
    head = b""
    received = 0

    def truncated() -> NetError:
        of = f" of {expected:,}" if expected is not None else ""
        return NetError(
            clock.url,
            f"truncated: the connection closed after {received:,}{of} bytes",
            retry=True,
        )

    while True:
        try:
            chunk = response.read(min(CHUNK, max_bytes + 1 - received))
        except http.client.IncompleteRead as exc:
            received += len(exc.partial)
            raise truncated() from None
        except (ConnectionError, ssl.SSLError):
            raise truncated() from None
        if not chunk:
            break
        received += len(chunk)
        if received > max_bytes:
            raise NetError(clock.url, too_large(max_bytes, None), retry=False)
        if sink is None:
            chunks.append(chunk)
            continue
        if len(head) < HEAD:
            head += chunk[: HEAD - len(head)]
        try:
            sink.write(chunk)
        except OSError as exc:
            reason = one_line(str(exc.strerror or type(exc).__name__), 80)
            raise NetError(clock.url, f"cannot keep the body ({reason})", retry=True) from None
    if expected is not None and received < expected:
        raise truncated()
    return b"".join(chunks) if sink is None else head


def too_large(max_bytes: int, size: int | None) -> str:
    what = f"{size:,} bytes" if size is not None else "the body"
    return f"too large: {what} is more than the limit of {max_bytes:,} bytes; stopped reading"
