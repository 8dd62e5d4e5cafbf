"""HTTPS client for agency feeds: one conditional GET per poll, nothing else.

Standard library only, over the HTTPS transport of :mod:`db.net.transport` (connections, deadlines,
cancel, redirects, size caps, the token's check); here are what a poll asks and what its
answers mean. Every call blocks and is meant to run on a worker thread, never on the GUI
thread. What makes it careful:

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

import http.client
import logging
import random
import socket
import ssl
import threading
from dataclasses import dataclass
from typing import BinaryIO, Literal
from urllib.parse import urlsplit

from db.net.transport import (
    DEFAULT_USER_AGENT,
    MAX_REDIRECTS,
    REDIRECTS,
    Clock,
    Connection,
    NetCancelled,
    NetError,
    backoff_delay,
    check_token,
    display_url,
    one_line,
    read_body,
    redirect_target,
    request_target,
    retry_after,
    same_origin,
    validate_https_url,
    verifying_context,
)

__all__ = [
    "MAX_REDIRECTS",
    "FeedCancelled",
    "FeedError",
    "FeedResult",
    "FeedState",
    "fetch_feed",
    "next_poll_delay",
    "validate_feed_url",
]

log = logging.getLogger(__name__)


log = logging.getLogger(__name__)


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


# A feed's failures are the transport's: one class, so that callers catching FeedError
# catch every failure of a poll, whichever layer noticed it.
FeedError = NetError
FeedCancelled = NetCancelled


# ---------------------------------------------------------------------------- URLs


def validate_feed_url(url: str) -> str:
    """Check a feed URL and return it normalised (trimmed, scheme and host in lower
    case, no fragment). Raises ValueError, with a message meant for the resident, unless
    it is an ``https://`` URL with a host. Credentials in the URL are refused: a token
    belongs in the keyring, not in a URL that is stored in the database."""
    return validate_https_url(url, "the feed URL", "the feed's token")


# ---------------------------------------------------------------------------- backoff


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
    return backoff_delay(state.failures, base_s, max_s, rng)


# ---------------------------------------------------------------------------- fetch


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
    shown = display_url(url)
    ssl_context = verifying_context(ssl_context)
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
    token = check_token(token, shown)
    clock = Clock(shown, cancel, read_timeout, total_timeout)
    clock.check()

    headers = {
        "User-Agent": one_line(user_agent, 200) or DEFAULT_USER_AGENT,
        "Accept": "application/json",
        "Accept-Encoding": "identity",
        "Connection": "close",
    }
    if state.etag:
        headers["If-None-Match"] = one_line(state.etag, 1000)
    if state.last_modified:
        headers["If-Modified-Since"] = one_line(state.last_modified, 200)
    if token:
        headers["Authorization"] = f"Bearer {token}"

    original = url
    try:
        for hop in range(MAX_REDIRECTS + 1):
            clock.url = shown = display_url(url)
            log.debug("GET %s", shown)
            outcome = _fetch_once(
                url, headers, clock, ssl_context, connect_timeout, max_bytes, sink
            )
            if isinstance(outcome, FeedResult):
                log.debug("%s: %s", shown, outcome.status)
                return outcome
            if hop == MAX_REDIRECTS:
                break
            target = redirect_target(url, outcome, shown)
            if not same_origin(original, target):
                headers.pop("Authorization", None)  # the token is only for the feed's host
            log.debug("%s: redirected to %s", shown, display_url(target))
            url = target
        raise FeedError(
            display_url(original),
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
    clock: Clock,
    context: ssl.SSLContext,
    connect_timeout: float,
    max_bytes: int,
    sink: BinaryIO | None = None,
) -> FeedResult | str:
    """One GET. Returns the result, or the Location of a redirect."""
    parts = urlsplit(url)
    host = parts.hostname
    assert host is not None
    conn = Connection(
        host,
        parts.port or 443,
        context=context,
        clock=clock,
        connect_timeout=connect_timeout,
    )
    response: http.client.HTTPResponse | None = None
    try:
        try:
            conn.request("GET", request_target(parts), headers=headers)
            response = conn.getresponse()
            return _handle_response(response, clock, max_bytes, headers, sink)
        except FeedError:
            raise
        except ssl.SSLCertVerificationError as exc:
            reason = one_line(exc.verify_message or exc.reason or "verification failed", 120)
            raise FeedError(clock.url, f"certificate not trusted ({reason})", retry=False) from None
        except ssl.SSLError as exc:
            reason = one_line(str(exc.reason or exc.__class__.__name__), 120)
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
                f"could not look up the host name ({one_line(str(exc.strerror), 80)})",
                retry=True,
            ) from None
        except ConnectionRefusedError:
            raise FeedError(clock.url, "connection refused", retry=True) from None
        except UnicodeError:  # a host name that IDNA cannot encode
            raise FeedError(clock.url, "the host name is not valid", retry=False) from None
        except OSError as exc:
            reason = one_line(str(exc.strerror or exc.__class__.__name__), 80)
            raise FeedError(clock.url, f"network error ({reason})", retry=True) from None
    finally:
        if response is not None:
            response.close()
        conn.close_all()


def _handle_response(
    response: http.client.HTTPResponse,
    clock: Clock,
    max_bytes: int,
    headers: dict[str, str],
    sink: BinaryIO | None = None,
) -> FeedResult | str:
    """Turn a response into a result, a redirect's Location, or a FeedError."""
    status = response.status
    etag = response.getheader("ETag")
    last_modified = response.getheader("Last-Modified")
    reason = one_line(response.reason or "", 60)
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
    if status in REDIRECTS:
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
        after = retry_after(response.getheader("Retry-After"))
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
            f"sent a compressed body ({one_line(encoding, 30)}) although none was asked for",
            retry=False,
            status=status,
        )
    body = read_body(response, clock, max_bytes, sink)
    if body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise FeedError(url, "returned HTML, not JSON", retry=True, status=status)
    return FeedResult("new", b"" if sink is not None else body, etag, last_modified)
