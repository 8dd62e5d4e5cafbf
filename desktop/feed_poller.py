"""Polls agency feeds in the background: the network on a worker thread per feed,
parsing and checking in db.requests.feed_check's process, the storing on the database thread,
results to the GUI thread by signals."""

from __future__ import annotations

import dataclasses
from collections import deque
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from sqlite_utils import Database

from db.requests import feeds as feeddb
from db.requests.intake import FeedApplied
from db.requests.request_types import RequestError
from db.store.changes import Changes
from desktop.dbthread import DbService
from desktop.tasks import Task

if TYPE_CHECKING:
    import ssl  # imported when a feed is polled (db.requests.feed_client), not at start-up

    # The checker (and its process machinery) is imported when a feed brings news.
    from db.requests.feed_check import CheckContext, Checked, Parsed


class FetchTask(Task):
    """Fetch one feed (network: never on the GUI or database thread); the body comes
    back unparsed, for CheckTask."""

    def __init__(self, feed: feeddb.Feed, ssl_context: ssl.SSLContext | None) -> None:
        super().__init__(translate("FetchTask", "poll {url}").format(url=feed.url))
        self.feed = feed
        self.ssl_context = ssl_context

    def work(self) -> feeddb.Fetched:
        return feeddb.fetch(
            self.feed, ssl_context=self.ssl_context, cancel=self.cancel_event, parse=False
        )


CANCELLED = "cancelled"
translate = QCoreApplication.translate


class CheckTask(Task):
    """Parse and check a fetched feed in db.requests.feed_check's process; this thread only
    passes the parts on. ``finished`` carries None when every part was sent,
    CANCELLED, or the reason the feed could not be checked. The task owns the feed's
    temporary file (feeds.fetch) and deletes it when the check ends."""

    started = Signal(int)  # the feed's items
    part = Signal(object)  # list[Checked]
    parsed = Signal(object)  # Parsed, after the last part

    def __init__(
        self, feed: feeddb.Feed, fetched: feeddb.Fetched, context: CheckContext, now: datetime
    ) -> None:
        from db.requests.feed_check import FeedChecker

        super().__init__(translate("CheckTask", "check {url}").format(url=feed.url))
        self.feed = feed
        self._fetched = fetched
        assert fetched.body_path is not None
        self._checker = FeedChecker(fetched.body_path, context, now, cancel=self.cancel_event)

    def work(self) -> str | None:
        try:
            return self._check()
        finally:
            feeddb.discard_body(self._fetched)

    def _check(self) -> str | None:
        from db.requests.feed_check import FeedCheckCancelled, FeedCheckError, Parsed, Started

        try:
            for message in self._checker:
                if isinstance(message, Started):
                    self.started.emit(message.items)
                elif isinstance(message, Parsed):
                    self.parsed.emit(message)
                else:
                    self.part.emit(message)
        except FeedCheckCancelled:
            return CANCELLED
        except RequestError as exc:
            return f"{self.feed.url}: {exc}"
        except FeedCheckError as exc:
            return str(exc)
        return None


class _Storing:
    """One fetched feed on its way into the database (GUI thread bookkeeping)."""

    def __init__(self, fetched: feeddb.Fetched, url: str, now: datetime) -> None:
        self.fetched = fetched
        self.url = url
        self.now = now
        self.context: CheckContext | None = None
        self.parsed: Parsed | None = None
        self.parts: deque[list[Checked]] = deque()
        self.writing = False
        self.given_up = False  # storing a part failed: the rest is dropped
        self.checked = False  # the checker has sent everything
        self.error: str | None = None
        self.total = 0  # the feed's items, once read
        self.stored = 0
        self.applied = FeedApplied()
        self.check: CheckTask | None = None  # released once the poll is recorded


class FeedPoller(QObject):
    """Checks every ``interval_ms`` which feeds are due and polls them, one fetch at a
    time per feed. ``poll_now`` polls every feed at once."""

    polled = Signal(str, object)  # feed url, FeedApplied
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
        self._tasks: dict[int, FetchTask | CheckTask] = {}
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

    def _done(self, task: FetchTask | CheckTask) -> None:
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
        now = datetime.now(UTC)
        if self._stopped:
            self._done(task)
            return
        if fetched.status != "new" or fetched.body_path is None:
            feeddb.discard_body(fetched)
            self._done(task)
            self._record(_Storing(fetched, url, now))
            return
        from db.requests.feed_check import read_context

        job = _Storing(fetched, url, now)

        def start_check(context: CheckContext) -> None:
            if self._stopped:
                feeddb.discard_body(fetched)
                self._done(task)
                return
            job.context = context
            job.check = check = CheckTask(task.feed, fetched, context, now)
            check.started.connect(lambda items: setattr(job, "total", items))
            check.parsed.connect(lambda parsed: setattr(job, "parsed", parsed))
            check.part.connect(lambda part: self._queue_part(job, part))
            check.finished.connect(lambda error, c=check: self._checked(c, job, error))
            check.failed.connect(lambda message, c=check: self._checked(c, job, message))
            self._tasks[task.feed.id] = check  # the feed stays busy until it is stored
            task.wait()
            task.deleteLater()
            check.start()

        def no_context(exc: BaseException) -> None:
            feeddb.discard_body(fetched)
            self._done(task)
            job.error = self.tr("reading what the feed is checked against failed: {error}").format(
                error=exc
            )
            self._record(job)

        self._db.submit(read_context, start_check, no_context)

    def _checked(self, check: CheckTask, job: _Storing, error: str | None) -> None:
        check.wait()
        if error == CANCELLED:  # stopped: record nothing, the next poll fetches it again
            job.given_up = True
            self._release(job)
            return
        job.checked = True
        job.error = error
        self._write_next(job)

    def _queue_part(self, job: _Storing, part: list[Checked]) -> None:
        job.parts.append(part)
        self._write_next(job)

    def _write_next(self, job: _Storing) -> None:
        """Store the next part, one transaction at a time, so other database work (pages
        of clips, the detail panel) gets its turn in between; record the poll when the
        checker is done and every part is stored."""
        if job.writing or job.given_up or self._stopped:
            return
        if not job.parts:
            if job.checked:
                self._record(job)
            return
        from db.requests.feed_check import store_checked

        part = job.parts.popleft()
        job.writing = True
        assert job.context is not None
        context = job.context
        feed_id = job.fetched.feed_id

        def written(applied: FeedApplied) -> None:
            job.writing = False
            job.stored += len(part)
            job.applied.received += applied.received
            job.applied.refused += applied.refused
            self.progress.emit(job.url, job.stored, max(job.total, job.stored))
            self._write_next(job)

        def failed(exc: BaseException) -> None:
            # The rest is dropped and the poll recorded as failed (backoff; the next
            # poll fetches the feed again, and what was stored is not stored twice).
            job.given_up = True
            job.error = self.tr("storing the feed failed: {error}").format(error=exc)
            self._release(job)
            self._record(job)

        self._db.submit_op(
            lambda db: store_checked(db, feed_id, part, context, now=job.now),
            lambda applied: Changes(requests_added=_arrived(applied)),
            written,
            failed,
        )

    def _record(self, job: _Storing) -> None:
        """Write the poll's outcome (withdrawals, the feed's state and next poll)."""
        fetched, parsed = job.fetched, job.parsed
        listed = None
        if job.error is not None:
            fetched = dataclasses.replace(fetched, status="error", error=job.error, body_path=None)
        elif parsed is not None:
            fetched = dataclasses.replace(fetched, refused=tuple(parsed.refused), body_path=None)
            listed = parsed.listed
        items_stored = fetched.status == "new"

        def finish(applied: FeedApplied) -> None:
            self._release(job)
            if fetched.status == "error":
                self.failed.emit(job.url, fetched.error or self.tr("the feed could not be read"))
                return
            result = job.applied
            if parsed is not None:
                result.received[:0] = parsed.unchanged
            result.received += applied.received
            result.refused[:0] = applied.refused
            self.polled.emit(job.url, result)

        def failed(exc: BaseException) -> None:
            self._release(job)
            self.failed.emit(job.url, str(exc))

        self._db.submit_op(
            lambda db: feeddb.record(
                db, fetched, now=job.now, items_stored=items_stored, listed=listed
            ),
            lambda applied: Changes(feeds=True, requests_added=_arrived(applied)),
            finish,
            failed,
        )

    def _release(self, job: _Storing) -> None:
        """Let go of the job's check task: stopped first if it is still checking (its
        thread is waited for, and the child process ends within 50 ms)."""
        if job.check is not None:
            check, job.check = job.check, None
            check.cancel()
            self._done(check)

    def shutdown(self) -> None:
        """Stop polling; cancel and wait for fetches in flight."""
        self._stopped = True
        self._timer.stop()
        for task in list(self._tasks.values()):
            task.cancel()
        for task in list(self._tasks.values()):
            task.wait()
        self._tasks.clear()


def _arrived(applied: FeedApplied) -> bool:
    """Whether requests were added, edited or withdrawn (the inbox's rows changed)."""
    return any(r.action != "unchanged" for r in applied.received)
