"""What a delivery returns or fails with (docs/delivery.md): the receipt of a package
the server confirmed, and the one-line errors that never hold the token."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from db.net.transport import (
    one_line,
)


@dataclass(frozen=True)
class DeliveryReceipt:
    """A package the server confirmed completely.

    ``confirmed`` holds (name, SHA-256) for every file of the manifest, in its order;
    ``url`` is the delivery URL as shown to the resident (no query string, no token);
    ``bytes_sent`` counts the file bytes this call put on the wire (a file sent again
    after a dropped connection counts twice); ``resumed`` is True when the server already
    had some of the files (from an earlier, interrupted delivery or attempt)."""

    package_id: str
    url: str
    confirmed: list[tuple[str, str]]
    bytes_sent: int
    resumed: bool


class DeliveryError(Exception):
    """A delivery that did not complete. ``str(error)`` is one line, ``"<where>: <problem>"``,
    where ``where`` is the delivery URL (without its query) or the package folder.

    ``retry`` says whether delivering again later can help (a network problem, a busy
    server) or not (the token was refused, the certificate is not trusted, the package was
    tampered with). ``retry_after`` is the server's ``Retry-After`` in seconds, if it sent
    one; ``status`` the HTTP status, if there was one. The token never appears in it."""

    def __init__(
        self,
        where: str,
        problem: str,
        *,
        retry: bool,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.where = where
        self.problem = one_line(problem, 400)
        self.retry = retry
        self.status = status
        self.retry_after = retry_after
        super().__init__(f"{where}: {self.problem}")

    def _fields(self) -> dict[str, Any]:
        return {"retry": self.retry, "status": self.status, "retry_after": self.retry_after}

    def __reduce__(self) -> tuple[object, ...]:  # keep the attributes across pickling
        return (_rebuild, (type(self), self.where, self.problem, self._fields()))

    def replaced(self, problem: str, where: str | None = None) -> DeliveryError:
        """The same error (same class and attributes) with another problem text."""
        return type(self)(self.where if where is None else where, problem, **self._fields())


class DeliveryCancelled(DeliveryError):
    """The delivery was cancelled through its ``cancel`` event (``retry`` is False)."""


def _rebuild(
    cls: type[DeliveryError], where: str, problem: str, fields: dict[str, Any]
) -> DeliveryError:
    return cls(where, problem, **fields)
