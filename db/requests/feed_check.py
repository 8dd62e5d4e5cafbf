"""Checking a feed's requests in a process of their own, so that a big feed is stored
without the app's threads waiting for one another.

Parsing a feed and checking each request (schema, signature, nine rules with their
sentences, the geodesic area, the cameras it covers) is pure Python work for every
request. Done in the app's process it competes with the GUI thread for the interpreter
lock. Here the database thread reads a :class:`CheckContext` (rule settings, agency
keys, cameras, what is stored already), a child process parses and checks the feed
with it and sends the results back in parts, and the database thread only writes them
(:func:`store_checked`). If the settings, keys or cameras changed meanwhile, the
request is checked again where it is stored, so nothing is stored with stale results.

Nothing here imports Qt; :class:`FeedChecker` is driven from a worker thread.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from db.requests.intake import (
    Evaluation,
    FeedApplied,
    Received,
    evaluate_request,
    load_rule_settings,
    store_feed_part,
)
from db.requests.matching import CameraRow, camera_rows
from db.requests.request_types import RequestDoc, RequestError, RuleSettings

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from db.requests.request_feed import FeedRefusal

PART = 250  # requests per part sent back, and stored per transaction


class FeedCheckError(RuntimeError):
    """The checker's process failed (not the feed's fault)."""


class FeedCheckCancelled(Exception):
    pass


@dataclass(frozen=True)
class CheckContext:
    """What checking needs from the database, read on the database thread."""

    settings: RuleSettings
    keys: dict[str, dict[str, bytes]]  # agency id -> key id -> raw public key
    cameras: tuple[CameraRow, ...]
    stored: dict[str, tuple[int, str]]  # request id -> (row id, digest) of its current version


def read_context(db: Database) -> CheckContext:
    """Runs on the database thread."""
    keys: dict[str, dict[str, bytes]] = {}
    for agency_id, key_id, public in db.execute(
        "SELECT agency_id, key_id, public_key FROM agency_keys"
    ):
        keys.setdefault(str(agency_id), {})[str(key_id)] = bytes(public)
    stored = {
        str(rid): (int(row), str(digest))
        for rid, row, digest in db.execute(
            "SELECT request_id, id, content_sha256 FROM requests WHERE state = 'current'"
        )
    }
    return CheckContext(load_rule_settings(db), keys, camera_rows(db), stored)


@dataclass(frozen=True)
class Checked:
    doc: RequestDoc
    evaluation: Evaluation
    index: int = -1  # the item's place in the feed, for a refusal's message


@dataclass(frozen=True)
class Started:
    """The first message: the feed was read and has this many items."""

    items: int


@dataclass(frozen=True)
class Parsed:
    """The last message: what the feed lists, once every item was checked."""

    to_check: int  # requests new or changed, sent in the parts before this
    listed: frozenset[str]  # ids the feed lists (for withdrawals)
    refused: list[FeedRefusal] = field(default_factory=list)
    unchanged: list[Received] = field(default_factory=list)


def check_feed(
    body: bytes | str | Path, context: CheckContext, now: datetime, part: int = PART
) -> Iterator[Started | list[Checked] | Parsed]:
    """Parse ``body`` (bytes, or the path of a file holding it: db.requests.feed_stream reads it
    one request at a time) and check its new and changed requests as they are read: a
    :class:`Started`, lists of at most ``part`` :class:`Checked` (the first as soon as
    it is full, so storing starts while the rest is checked), then a :class:`Parsed`.
    Raises RequestError for a body that is not a feed. Pure: runs in the checker's
    process (or anywhere)."""
    from db.requests.request_feed import feed_items, open_feed

    count, items = open_feed(body)
    yield Started(count)
    listed: set[str] = set()
    refused: list[FeedRefusal] = []
    unchanged: list[Received] = []
    checked: list[Checked] = []
    to_check = 0
    for index, readable_id, outcome in feed_items(items):
        if isinstance(outcome, RequestError):
            refused.append((index, readable_id, outcome))
            if readable_id:
                listed.add(readable_id)  # a request that fails to validate is not withdrawn
            continue
        doc = outcome
        listed.add(doc.id)
        known = context.stored.get(doc.id)
        if known is not None and known[1] == doc.sha256:
            unchanged.append(Received("unchanged", doc.id, known[0]))
            continue
        evaluation = evaluate_request(
            doc, context.settings, now, context.keys.get(doc.agency_id, {}), context.cameras
        )
        checked.append(Checked(doc, evaluation, index))
        to_check += 1
        if len(checked) >= part:
            yield checked
            checked = []
    if checked:
        yield checked
    yield Parsed(to_check, frozenset(listed), refused, unchanged)


def store_checked(
    db: Database, feed_id: int, items: list[Checked], context: CheckContext, *, now: datetime
) -> FeedApplied:
    """Store one part of checked requests in one transaction. A request whose check
    used settings, agency keys or cameras that have changed since is checked again
    here. Runs on the database thread."""
    settings = load_rule_settings(db)
    fresh = settings == context.settings and camera_rows(db) == context.cameras
    return store_feed_part(
        db,
        feed_id,
        [(item.doc, item.evaluation if fresh else None) for item in items],
        now=now,
        settings=settings,
        fresh_keys=lambda agency, keys: keys == context.keys.get(agency, {}),
        positions=[item.index for item in items],
    )


# --- the checker's process ------------------------------------------------------------


def _child(
    conn: Connection, body: bytes | str | Path, context: CheckContext, now: datetime, part: int
) -> None:
    """The checker process's whole life: check, send every message, then ``None``.
    It runs at a lower priority than the app, so the window keeps its share of the
    processor."""
    try:
        os.nice(5)
    except (OSError, AttributeError):  # not allowed, or no os.nice (Windows)
        pass
    try:
        for message in check_feed(body, context, now, part):
            conn.send(message)
        conn.send(None)
    except RequestError as exc:
        conn.send(exc)
    except BaseException as exc:
        conn.send(FeedCheckError(f"checking the feed failed: {type(exc).__name__}: {exc}"))
    finally:
        conn.close()


class FeedChecker:
    """Runs :func:`check_feed` in a child process (started fresh with ``spawn``, so it
    shares no threads or locks with the app) and yields its messages as they come.
    Give it the path of the file holding the feed (feeds.fetch): the child reads it
    one request at a time, and nothing of its size is copied between the processes.
    Iterate from a worker thread; :meth:`cancel` from any thread stops the child."""

    def __init__(
        self,
        body: bytes | str | Path,
        context: CheckContext,
        now: datetime,
        *,
        part: int = PART,
        cancel: threading.Event | None = None,
    ) -> None:
        self._args: tuple[Any, ...] = (body, context, now, part)
        self._cancel = cancel or threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def __iter__(self) -> Iterator[Started | list[Checked] | Parsed]:
        import multiprocessing

        mp = multiprocessing.get_context("spawn")
        receiver, sender = mp.Pipe(duplex=False)
        process = mp.Process(
            target=_child, args=(sender, *self._args), name="doorstep-feed-check", daemon=True
        )
        process.start()
        sender.close()
        try:
            while True:
                if self._cancel.is_set():
                    raise FeedCheckCancelled()
                if not receiver.poll(0.05):
                    if not process.is_alive() and not receiver.poll(0):
                        raise FeedCheckError(
                            f"the feed checker stopped unexpectedly (exit code {process.exitcode})"
                        )
                    continue
                try:
                    message = receiver.recv()
                except EOFError:
                    raise FeedCheckError("the feed checker stopped unexpectedly") from None
                if message is None:
                    return
                if isinstance(message, Exception):
                    raise message
                yield message
        finally:
            receiver.close()
            if process.is_alive():
                process.terminate()
            process.join(5)
