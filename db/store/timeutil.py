"""Time formats used in the database and on the command line."""

from __future__ import annotations

from datetime import UTC, datetime


def to_utc_text(moment: datetime) -> str:
    """RFC 3339 in UTC with millisecond precision and a ``Z``: fixed width, so that
    text order is time order (the database compares these strings)."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no time zone")
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_utc_text(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def now_utc_text() -> str:
    return to_utc_text(datetime.now(UTC))
