"""The deadlines of one delivery (docs/delivery.md, "Bounded waits").

The transport's clock (:class:`db.net.transport.Clock`: the cancel event, silence, a total
deadline, every blocking wait in short slices) with one more deadline, for the HTTP
request under way. A server that answers one byte every few seconds is never silent, so
only these two end it: each request must be done within its deadline, and the delivery,
retries and backoffs included, within its own.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from db.net.transport import Clock, NetCancelled, NetError, secs

# The slowest upload that still counts as progress (bytes per second): a file's request
# gets its size at this rate on top of the request deadline. Slow home uplinks must pass.
MIN_RATE = 32 * 1024
REQUEST_TIMEOUT = 120.0  # seconds for one request, besides its file's bytes


def default_total(
    requests: int, total_bytes: int, request_timeout: float, min_rate: float
) -> float:
    """The delivery's deadline when the caller sets none: twice what one attempt may
    take (each of its requests at its deadline), so that a retry or two still fit."""
    return 2 * (requests * request_timeout + total_bytes / min_rate)


class DeliveryClock(Clock):
    """A :class:`Clock` whose ``check`` also enforces the deadline of the request under
    way (set with :meth:`request`), and says which deadline passed."""

    def __init__(
        self,
        url: str,
        cancel: threading.Event | None,
        read_timeout: float,
        total_timeout: float,
        *,
        request_timeout: float,
        min_rate: float,
    ) -> None:
        super().__init__(url, cancel, read_timeout, total_timeout)
        self.request_timeout = request_timeout
        self.min_rate = min_rate
        self._request_deadline = math.inf
        self._request_allowed = 0.0

    @contextmanager
    def request(self, upload_bytes: int = 0) -> Iterator[None]:
        """The deadline of one request: ``request_timeout``, plus ``upload_bytes`` at
        ``min_rate`` for a request that sends a file."""
        self._request_allowed = self.request_timeout + upload_bytes / self.min_rate
        self._request_deadline = time.monotonic() + self._request_allowed
        try:
            yield
        finally:
            self._request_deadline = math.inf

    def check(self) -> float:
        """Raise if cancelled or out of time; return the seconds left (overall, or for
        the request under way, whichever ends first)."""
        if self.cancel is not None and self.cancel.is_set():
            raise NetCancelled(self.url, "cancelled", retry=False)
        now = time.monotonic()
        if now >= self.total_deadline:
            raise NetError(
                self.url,
                f"the delivery took longer than {secs(self.total_timeout)} in total "
                "(its deadline); gave up",
                retry=True,
            )
        if now >= self._request_deadline:
            raise NetError(
                self.url,
                f"the request took longer than {secs(self._request_allowed)} (its deadline)",
                retry=True,
            )
        return min(self.total_deadline, self._request_deadline) - now
