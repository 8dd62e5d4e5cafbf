"""Polls agency feeds in the background: the network on a worker thread per feed, the
storing on the database thread, results to the GUI thread by signals."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlite_utils import Database

from db import feeds as feeddb
from db.requests import FeedApplied
from desktop.dbthread import DbService
from desktop.tasks import Task

if TYPE_CHECKING:
    import ssl  # imported when a feed is polled (db.feed_client), not at start-up

CHUNK = 250  # requests stored per database transaction while a feed is applied


class FetchTask(Task):
    """Fetch and parse one feed (network: never on the GUI or database thread)."""

    def __init__(self, feed: feeddb.Feed, ssl_context: ssl.SSLContext | None) -> None:
        super().__init__(f"poll {feed.url}")
        self.feed = feed
        self.ssl_context = ssl_context

    def work(self) -> feeddb.Fetched:
        return feeddb.fetch(self.feed, ssl_context=self.ssl_context, cancel=self.cancel_event)


class FeedPoller(QObject):
    """Checks every ``interval_ms`` which feeds are due and polls them, one fetch at a
    time per feed. ``poll_now`` polls every feed at once."""

    polled = Signal(str, object)  # feed url, FeedApplied
    stored_some = Signal(str)  # a part of a big feed was stored
    progress = Signal(str, int, int)  # feed url, requests stored, of
    failed = Signal(str, str)  # feed url, message
    busy_changed = Signal(bool)

    def __init__(
        self,
        dbs: DbService,
        *,
        ssl_context: ssl.SSLContext | None = None,
        interval_ms: int = 60_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = dbs
        self.ssl_context = ssl_context
        self._tasks: dict[int, FetchTask] = {}
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll_due)

    def start(self) -> None:
        self._timer.start()
        self.poll_due()

    def poll_due(self) -> None:
        def op(db: Database) -> list[feeddb.Feed]:
            return feeddb.due_feeds(db, datetime.now(UTC))

        self._db.submit(op, self._fetch_all)

    def poll_now(self) -> None:
        self._db.submit(feeddb.list_feeds, self._fetch_all)

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def _fetch_all(self, feeds: list[feeddb.Feed]) -> None:
        for feed in feeds:
            if self._stopped or feed.id in self._tasks:
                continue
            task = FetchTask(feed, self.ssl_context)
            task.finished.connect(lambda fetched, t=task: self._fetched(t, fetched))
            task.failed.connect(lambda msg, t=task: self._task_failed(t, msg))
            was_busy = self.busy
            self._tasks[feed.id] = task
            if not was_busy:
                self.busy_changed.emit(True)
            task.start()

    def _done(self, task: FetchTask) -> None:
        task.wait()
        self._tasks.pop(task.feed.id, None)
        task.deleteLater()
        if not self._tasks:
            self.busy_changed.emit(False)

    def _task_failed(self, task: FetchTask, message: str) -> None:
        self._done(task)
        self.failed.emit(task.feed.url, message)

    def _fetched(self, task: FetchTask, fetched: feeddb.Fetched) -> None:
        url = task.feed.url
        self._done(task)
        if self._stopped:
            return
        now = datetime.now(UTC)
        total = len(fetched.docs) if fetched.status == "new" else 0
        stored = FeedApplied()

        def store_part(start: int) -> None:
            """Store the next part, then queue the one after it, so other database work
            (pages of clips, the detail panel) gets its turn in between."""
            if self._stopped:
                return
            if start >= total:
                self._db.submit(
                    lambda db: feeddb.record(db, fetched, now=now, items_stored=True),
                    finish,
                    lambda exc: self.failed.emit(url, str(exc)),
                )
                return
            stop = min(start + CHUNK, total)

            def part_done(part: Any) -> None:
                stored.received += part.received
                stored.refused += part.refused
                self.progress.emit(url, stop, total)
                if part.received:
                    self.stored_some.emit(url)
                store_part(stop)

            self._db.submit(
                lambda db: feeddb.record_items(db, fetched, start, stop, now=now),
                part_done,
                lambda exc: self.failed.emit(url, str(exc)),
            )

        def finish(applied: Any) -> None:
            if fetched.status == "error":
                self.failed.emit(url, fetched.error or "the feed could not be read")
                return
            stored.received += applied.received
            stored.refused[:0] = applied.refused
            self.polled.emit(url, stored)

        store_part(0)

    def shutdown(self) -> None:
        """Stop polling; cancel and wait for fetches in flight."""
        self._stopped = True
        self._timer.stop()
        for task in list(self._tasks.values()):
            task.cancel()
        for task in list(self._tasks.values()):
            task.wait()
        self._tasks.clear()
