"""Agency feeds: where they are, their polling state, and one poll from start to end.

A poll has two halves so that the GUI can run them on different threads: ``fetch``
(network and parsing, on a worker thread) and ``record`` (the database, on the
database thread). ``poll_feed`` runs both in a row for the command line.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from db.audit import trail as audit
from db.keys import credentials
from db.requests.intake import (
    FeedApplied,
    apply_feed,
    listed_ids,
    withdraw_missing,
)
from db.requests.request_types import RequestDoc, RequestError
from db.store.timeutil import now_utc_text, to_utc_text

if TYPE_CHECKING:
    import ssl

    from db.requests.feed_client import FeedState

# db.requests.feed_client (http.client, ssl, email: costly imports) is imported by the
# functions that
# poll or schedule a feed, not with this module: the window's start-up only asks which
# feeds are due.

MAX_DELAY_S = 6 * 3600


@dataclass(frozen=True)
class Feed:
    id: int
    url: str
    agency_id: str | None
    etag: str | None
    last_modified: str | None
    failures: int
    last_polled_at: str | None
    last_ok_at: str | None
    next_poll_at: str | None
    last_error: str | None

    @property
    def state(self) -> FeedState:
        from db.requests.feed_client import FeedState

        return FeedState(self.etag, self.last_modified, self.failures)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "agency_id": self.agency_id,
            "failures": self.failures,
            "last_polled_at": self.last_polled_at,
            "last_ok_at": self.last_ok_at,
            "next_poll_at": self.next_poll_at,
            "last_error": self.last_error,
        }


_COLUMNS = (
    "id, url, agency_id, etag, last_modified, failures, last_polled_at, last_ok_at, "
    "next_poll_at, last_error"
)


def add_feed(
    db: Database, url: str, agency_id: str | None = None, *, token: str | None = None
) -> Feed:
    """Register a feed (https only), with its access token when one is given. The token
    goes to the keyring first and the feed is stored only if it could; if storing the
    feed fails, the token is taken back out. For one thread (the command line); the
    window runs the keyring half on a worker and ``record_feed_added`` on the database
    thread."""
    url = check_new_feed(db, url, agency_id)
    change = credentials.set_feed_token(url, token) if token is not None else None
    with credentials.undone_on_error(change):
        return record_feed_added(db, url, agency_id, token_set=change is not None)


def check_new_feed(db: Database, url: str, agency_id: str | None) -> str:
    """The feed's URL as stored; ValueError naming what is wrong."""
    from db.requests.feed_client import validate_feed_url

    url = validate_feed_url(url)
    known = db.execute("SELECT 1 FROM agencies WHERE id = ?", [agency_id]).fetchone()
    if agency_id is not None and known is None:
        raise ValueError(f"agency: no agency with id {agency_id!r}")
    return url


def record_feed_added(
    db: Database, url: str, agency_id: str | None = None, *, token_set: bool = False
) -> Feed:
    """The database half of adding a feed: the feed, its audit entry and, when its
    token was just stored, that change's entry, in one transaction."""
    url = check_new_feed(db, url, agency_id)
    now = datetime.now(UTC)
    with db.atomic():
        audit.append(db, "feed added", now=now, agency_id=agency_id, details={"url": url})
        db.execute(
            "INSERT INTO feeds (url, agency_id, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET agency_id = coalesce(excluded.agency_id, agency_id)",
            [url, agency_id, now_utc_text()],
        )
        if token_set:
            audit.credential_changed(db, "feed token", url, "set", now=now)
        return get_feed_by_url(db, url)


def remove_feed(db: Database, feed_id: int) -> Feed:
    """Remove a feed and its token: the token first (a keyring that cannot be used
    stops it with nothing changed), then the feed; if that fails the token is put
    back. For one thread; the window splits it like ``add_feed``."""
    feed = get_feed(db, feed_id)
    change = credentials.delete_feed_token(feed.url)
    with credentials.undone_on_error(change):
        return record_feed_removed(db, feed_id, token_removed=change.existed)


def record_feed_removed(db: Database, feed_id: int, *, token_removed: bool = False) -> Feed:
    """The database half of removing a feed, with the audit entries, in one
    transaction."""
    feed = get_feed(db, feed_id)
    now = datetime.now(UTC)
    with db.atomic():
        db.execute("DELETE FROM feeds WHERE id = ?", [feed_id])
        audit.append(db, "feed removed", now=now, details={"url": feed.url})
        if token_removed:
            audit.credential_changed(db, "feed token", feed.url, "removed", now=now)
    return feed


def find_feed(db: Database, which: str) -> Feed:
    """A feed by its id or its URL (LookupError naming it when there is none)."""
    if which.isdigit():
        return get_feed(db, int(which))
    return get_feed_by_url(db, which.strip())


def get_feed(db: Database, feed_id: int) -> Feed:
    row = db.execute(f"SELECT {_COLUMNS} FROM feeds WHERE id = ?", [feed_id]).fetchone()
    if row is None:
        raise LookupError(f"no feed with id {feed_id}")
    return Feed(*row)


def get_feed_by_url(db: Database, url: str) -> Feed:
    row = db.execute(f"SELECT {_COLUMNS} FROM feeds WHERE url = ?", [url]).fetchone()
    if row is None:
        raise LookupError(f"no feed {url}")
    return Feed(*row)


def list_feeds(db: Database) -> list[Feed]:
    return [Feed(*r) for r in db.execute(f"SELECT {_COLUMNS} FROM feeds ORDER BY id")]


def due_feeds(db: Database, now: datetime) -> list[Feed]:
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM feeds WHERE next_poll_at IS NULL OR next_poll_at <= ? ORDER BY id",
        [to_utc_text(now)],
    )
    return [Feed(*r) for r in rows]


@dataclass(frozen=True)
class Fetched:
    """What one fetch brought: new documents, nothing new, or an error."""

    feed_id: int
    status: str  # "new", "not_modified", "error" or "cancelled"
    docs: tuple[RequestDoc, ...] = ()
    refused: tuple[tuple[int, str | None, RequestError], ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    retry_after: float | None = None
    retry: bool = True  # False: retrying soon cannot help (refused token, untrusted cert)
    # With parse=False: a temporary file holding the feed as received (discard_body).
    body_path: str | None = None


def discard_body(fetched: Fetched) -> None:
    """Delete the temporary file of a fetch made with ``parse=False``, if any."""
    if fetched.body_path is not None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(fetched.body_path)


def fetch(
    feed: Feed,
    *,
    ssl_context: ssl.SSLContext | None = None,
    cancel: threading.Event | None = None,
    read_timeout: float = 30,
    total_timeout: float = 120,
    parse: bool = True,
) -> Fetched:
    """Network and parsing for one feed. Blocks; runs on a worker thread. Never raises
    for a feed problem: the error comes back in the result. With ``parse=False`` a new
    body goes unparsed to a temporary file named in ``body_path`` as it arrives (a feed
    may be tens of megabytes; db.requests.feed_check reads it one request at a time), which the
    caller deletes (:func:`discard_body`)."""
    from db.requests.feed_client import FeedCancelled, FeedError, fetch_feed

    keyring_problem = None
    try:
        token = credentials.get_feed_token(feed.url)
    except credentials.CredentialError as exc:
        # Without a keyring a feed that needs no token still works; one that needs a
        # token will answer 401/403, and the message then says why none was sent.
        token, keyring_problem = None, str(exc)
    sink, body_path = None, None
    if not parse:
        try:
            fd, body_path = tempfile.mkstemp(prefix="doorstep-feed-", suffix=".json")
        except OSError as exc:
            problem = exc.strerror or type(exc).__name__
            return Fetched(feed.id, "error", error=f"{feed.url}: cannot keep the feed ({problem})")
        sink = os.fdopen(fd, "wb")
    kept = False
    try:
        result = fetch_feed(
            feed.url,
            feed.state,
            token=token,
            ssl_context=ssl_context,
            cancel=cancel,
            read_timeout=read_timeout,
            total_timeout=total_timeout,
            sink=sink,
        )
        kept = result.status == "new" and body_path is not None
    except FeedCancelled:
        return Fetched(feed.id, "cancelled")
    except FeedError as exc:
        message = str(exc)
        if keyring_problem and exc.status in (401, 403):
            message += f" ({keyring_problem})"
        return Fetched(
            feed.id, "error", error=message, retry_after=exc.retry_after, retry=exc.retry
        )
    finally:
        if sink is not None:
            sink.close()
        if body_path is not None and not kept:
            os.unlink(body_path)
    if result.status == "not_modified" or result.body is None:
        return Fetched(
            feed.id, "not_modified", etag=result.etag, last_modified=result.last_modified
        )
    if not parse:
        return Fetched(
            feed.id,
            "new",
            etag=result.etag,
            last_modified=result.last_modified,
            body_path=body_path,
        )
    from db.requests.request_feed import parse_feed

    try:
        docs, refused = parse_feed(result.body)
    except RequestError as exc:
        return Fetched(feed.id, "error", error=f"{feed.url}: {exc}")
    return Fetched(feed.id, "new", tuple(docs), tuple(refused), result.etag, result.last_modified)


def record(
    db: Database,
    fetched: Fetched,
    *,
    now: datetime,
    items_stored: bool = False,
    listed: Iterable[str] | None = None,
) -> FeedApplied:
    """Store a fetch's outcome and schedule the next poll, in one transaction. With
    ``items_stored`` the requests were stored already (db.requests.feed_check) and only
    withdrawals and the feed's state are written; ``listed`` then names the ids the
    feed lists, when ``fetched.docs`` does not hold them. Runs on the database thread."""
    from db.requests.feed_client import FeedState, next_poll_delay

    feed = get_feed(db, fetched.feed_id)
    applied = FeedApplied()
    if fetched.status == "cancelled":
        return applied  # the resident stopped it: not the feed's failure
    with db.atomic():
        if fetched.status == "error":
            failures = feed.failures + 1
            delay = next_poll_delay(FeedState(feed.etag, feed.last_modified, failures))
            if not fetched.retry:
                delay = MAX_DELAY_S  # the same request would fail the same way
            if fetched.retry_after:
                delay = max(delay, fetched.retry_after)
            db.execute(
                "UPDATE feeds SET failures = ?, last_polled_at = ?, next_poll_at = ?, "
                "last_error = ? WHERE id = ?",
                [
                    failures,
                    to_utc_text(now),
                    to_utc_text(now + timedelta(seconds=delay)),
                    fetched.error,
                    feed.id,
                ],
            )
            return applied
        if fetched.status == "new" and items_stored:
            applied = FeedApplied(refused=list(fetched.refused))
            if listed is None:
                listed = listed_ids(fetched.docs, fetched.refused)
            applied.received = withdraw_missing(db, feed.id, set(listed), now=now)
        elif fetched.status == "new":
            applied = apply_feed(db, feed.id, list(fetched.docs), list(fetched.refused), now=now)
        delay = next_poll_delay(FeedState(fetched.etag, fetched.last_modified, 0))
        db.execute(
            "UPDATE feeds SET failures = 0, etag = ?, last_modified = ?, last_polled_at = ?, "
            "last_ok_at = ?, next_poll_at = ?, last_error = NULL WHERE id = ?",
            [
                fetched.etag if fetched.status == "new" else (fetched.etag or feed.etag),
                fetched.last_modified
                if fetched.status == "new"
                else (fetched.last_modified or feed.last_modified),
                to_utc_text(now),
                to_utc_text(now),
                to_utc_text(now + timedelta(seconds=delay)),
                feed.id,
            ],
        )
    return applied


def poll_feed(
    db: Database,
    feed: Feed,
    *,
    now: datetime,
    ssl_context: ssl.SSLContext | None = None,
) -> tuple[Fetched, FeedApplied]:
    """Fetch and record one feed, for the command line: the body goes to a temporary
    file, and its requests are read, checked and stored a part at a time (as the app
    does, here in this process), so a big feed never sits in memory whole."""
    from db.requests.feed_check import Parsed, check_feed, read_context, store_checked

    fetched = fetch(feed, ssl_context=ssl_context, parse=False)
    if fetched.status != "new" or fetched.body_path is None:
        return fetched, record(db, fetched, now=now)
    applied = FeedApplied()
    parsed = None
    try:
        context = read_context(db)
        for message in check_feed(fetched.body_path, context, now):
            if isinstance(message, Parsed):
                parsed = message
            elif isinstance(message, list):
                part = store_checked(db, feed.id, message, context, now=now)
                applied.received += part.received
                applied.refused += part.refused
    except RequestError as exc:
        fetched = dataclasses.replace(fetched, status="error", error=f"{feed.url}: {exc}")
    except OSError as exc:  # the temporary file could not be read back
        problem = exc.strerror or type(exc).__name__
        error = f"{feed.url}: cannot read the feed back ({problem})"
        fetched = dataclasses.replace(fetched, status="error", error=error)
    finally:
        discard_body(fetched)
    fetched = dataclasses.replace(fetched, body_path=None)
    if parsed is None:
        return fetched, record(db, fetched, now=now)
    fetched = dataclasses.replace(fetched, refused=tuple(parsed.refused))
    recorded = record(db, fetched, now=now, items_stored=True, listed=parsed.listed)
    applied.received[:0] = parsed.unchanged
    applied.received += recorded.received
    applied.refused = sorted(recorded.refused + applied.refused, key=lambda r: r[0])
    return fetched, applied
