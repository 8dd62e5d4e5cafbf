"""Delivery of a share package to the request's HTTPS upload URL (docs/delivery.md).

A share package is a folder: ``manifest.json``, ``manifest.json.sig``, the sums
(``manifest-sha256.txt``, or format 1's ``SHA256SUMS``), ``public-key.pem`` and the
payload files the manifest lists (docs/packages.md). :func:`deliver` checks the folder,
then uploads it with the small protocol of docs/delivery.md:

1. ``POST {url}/packages`` with the manifest; the server answers the package's id and the
   files it already has (it knows the package by the manifest's SHA-256, so posting the
   same manifest again never makes a second package);
2. ``PUT {url}/packages/{id}/files/{name}`` for every file it does not have yet;
3. ``POST {url}/packages/{id}/complete``; the package counts as delivered only when the
   server confirms every file of the manifest with its SHA-256.

Standard library only, on top of the connection machinery of :mod:`db.net.transport`
(verified TLS, bounded waits, a cancel event looked at every tenth of a second). The
package is read by :mod:`db.sharing.delivery_package` and sent by
:mod:`db.sharing.delivery_session`; here are the attempts, the waits between them and the
deadlines. Every call blocks and is meant to run on a worker thread, never on the GUI
thread. A failure is a :class:`DeliveryError` whose message is one line and never
contains the token.
"""

from __future__ import annotations

import logging
import math
import ssl
import threading
import time
from collections.abc import Callable
from pathlib import Path

from db.net.transport import (
    NetCancelled,
    NetError,
    backoff_delay,
    check_token,
    display_url,
    secs,
    validate_https_url,
    verifying_context,
)
from db.sharing.delivery_clock import MIN_RATE, REQUEST_TIMEOUT, DeliveryClock, default_total
from db.sharing.delivery_package import read_package
from db.sharing.delivery_session import Session
from db.sharing.delivery_types import DeliveryCancelled, DeliveryError, DeliveryReceipt

__all__ = ["deliver"]

log = logging.getLogger(__name__)

_MAX_BACKOFF_S = 60.0  # the longest wait between two attempts of our own choosing
_MAX_RETRY_AFTER_S = 600.0  # a longer Retry-After ends the call; the caller tries later

# ---------------------------------------------------------------------------- deliver


def _pause(seconds: float, cancel: threading.Event | None) -> None:
    """Wait between two attempts; returns early once ``cancel`` is set."""
    if cancel is not None:
        cancel.wait(seconds)
    else:
        time.sleep(seconds)


def _scrub(exc: DeliveryError, token: str | None) -> DeliveryError:
    """Belt and braces: the error without the token, should a server have echoed it."""
    if token and (token in exc.problem or token in exc.where):
        return exc.replaced(exc.problem.replace(token, "***"), exc.where.replace(token, "***"))
    return exc


def deliver(
    package: Path,
    url: str,
    *,
    token: str | None = None,
    ssl_context: ssl.SSLContext | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: threading.Event | None = None,
    retries: int = 4,
    backoff_s: float = 1.0,
    connect_timeout: float = 10,
    read_timeout: float = 60,
    request_timeout: float = REQUEST_TIMEOUT,
    min_rate: float = MIN_RATE,
    total_timeout: float | None = None,
) -> DeliveryReceipt:
    """Deliver the share package in the folder ``package`` to the delivery URL ``url``.

    Blocks until the server has confirmed every file, which for gigabytes of footage can
    take long: run it on a worker thread, never on the GUI thread. First the package is
    checked (every file's SHA-256 against the manifest and the sums); a package that
    fails is refused before anything is sent. Then it is uploaded as docs/delivery.md says.

    ``token`` is sent as ``Authorization: Bearer``; it never appears in an error or a log.
    ``progress(done, total, name)`` is called on this thread with the file bytes the
    server holds so far (it may go back when a dropped file is sent again), the bytes of
    all files, and the file being sent ("" when none); keep it cheap.
    ``cancel`` is looked at every tenth of a second: once set, the call ends with
    :class:`DeliveryCancelled`. A connection error, a timeout, a 408, 429 or 5xx answer
    is retried after an exponential backoff with jitter (``backoff_s``, then about twice
    as long each time, at most a minute; longer when the server's ``Retry-After`` says
    so). ``retries`` bounds the retries after attempts that failed without storing a
    new file (0: no retry); an attempt that stored a file not stored before is free. A
    retry posts the manifest again and the server says what it already has, so files are
    not sent twice and there is one package.
    ``connect_timeout`` bounds connecting, ``read_timeout`` silence from the server (and a
    server that stops taking data). ``request_timeout`` bounds each request whole, from
    connecting to the answer's last byte; a file's upload gets its size at ``min_rate``
    bytes a second on top. ``total_timeout`` bounds the whole upload, backoffs included,
    after the package check (None: twice what one attempt may take, see
    :func:`db.sharing.delivery_clock.default_total`).

    Returns a :class:`DeliveryReceipt` once, and only when the server confirmed every
    file with its SHA-256. Raises :class:`DeliveryError` otherwise, and ValueError for
    arguments that are a programming error, such as an ``ssl_context`` that does not
    verify certificates.
    """
    context = verifying_context(ssl_context)
    durations = {
        "connect_timeout": connect_timeout,
        "read_timeout": read_timeout,
        "request_timeout": request_timeout,
        "min_rate": min_rate,
        "total_timeout": math.inf if total_timeout is None else total_timeout,
        "backoff_s": backoff_s,
    }
    not_positive = [name for name, seconds in durations.items() if not seconds > 0]
    if not_positive:
        raise ValueError(f"{not_positive[0]} must be positive")
    if retries < 0:
        raise ValueError("retries must not be negative")

    shown = display_url(url)
    try:
        url = validate_https_url(url, "the delivery URL", "the upload token")
    except ValueError as exc:
        raise DeliveryError(shown, f"{exc}; nothing was sent", retry=False) from None
    try:
        token = check_token(token, shown)
    except NetError as exc:
        raise DeliveryError(shown, exc.problem, retry=False) from None
    if cancel is not None and cancel.is_set():
        raise DeliveryCancelled(shown, "cancelled", retry=False)

    contents = read_package(Path(package), cancel)
    if total_timeout is None:  # the manifest, every file, completing
        requests = len(contents.files) + 2
        total_timeout = default_total(requests, contents.total, request_timeout, min_rate)
    clock = DeliveryClock(
        shown,
        cancel,
        read_timeout,
        total_timeout,
        request_timeout=request_timeout,
        min_rate=min_rate,
    )
    session = Session(
        url,
        contents,
        token=token,
        context=context,
        clock=clock,
        connect_timeout=connect_timeout,
        progress=progress,
    )
    log.info("delivering %d files (%d bytes) to %s", len(contents.files), contents.total, shown)
    attempts = 0
    failed = 0  # failed attempts that stored no file not stored before
    while True:
        attempts += 1
        try:
            receipt = session.attempt()
        except DeliveryCancelled:
            raise
        except DeliveryError as exc:
            error = _scrub(exc, token)
            if not session.new_in_attempt:
                failed += 1
            if not error.retry or retries == 0 or failed > retries:
                if error.retry and retries:
                    error = error.replaced(f"{error.problem} (gave up after {attempts} attempts)")
                raise error from None
            delay = backoff_delay(
                failed or 1,
                base_s=backoff_s,
                max_s=max(backoff_s, _MAX_BACKOFF_S),
            )
            if error.retry_after is not None:
                if error.retry_after > _MAX_RETRY_AFTER_S:
                    raise error from None
                delay = max(delay, error.retry_after)
            try:
                left = clock.check()
            except NetCancelled:
                raise DeliveryCancelled(shown, "cancelled", retry=False) from None
            except NetError:
                raise error from None
            if delay >= left:
                tries = f"{attempts} attempt{'s' if attempts > 1 else ''}"
                raise error.replaced(
                    f"{error.problem} (gave up after {tries}: the delivery's deadline of "
                    f"{secs(clock.total_timeout)} in total comes first)"
                ) from None
            log.info("%s; trying again in %.2f s", error, delay)
            _pause(delay, cancel)
            if cancel is not None and cancel.is_set():
                raise DeliveryCancelled(shown, "cancelled", retry=False) from None
            continue
        log.info(
            "%s: delivered package %s (%d files, %d bytes sent%s)",
            shown,
            receipt.package_id,
            len(receipt.confirmed),
            receipt.bytes_sent,
            ", resumed" if receipt.resumed else "",
        )
        return receipt
