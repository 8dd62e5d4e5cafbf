"""The database thread: the one thread that owns the SQLite connection.

GUI code hands small functions ``fn(db) -> result`` to ``DbService.submit``; they run
in order on the database thread and their results come back to the GUI thread through
a queued signal (after Anki's ``taskman``). Workers never get the connection.

A read whose answer only matters to an open window (the clips table's id list, say)
is submitted with ``abandon_on_close``: when the window closes, such reads still
queued are dropped and one in progress is stopped, so quitting never waits for them.
Writes always run to the end.

After an operation that wrote, the database thread reads the audit trail's newest entry
number and reports it when it moved (``DbService.audit_changed``): every audited change
the window makes goes through this thread, so the status bar follows them all without
a query of its own.

Other processes (the command line) write to the same file. A timer on the database
thread asks SQLite's ``PRAGMA data_version`` about every ``POLL_MS`` while the thread is
idle: the number only moves for commits by other connections, so the window's own writes
do not count. When it moved, the service says so (``DbService.external_change``) and the
audit head is read again.

Operations that write and change what the window shows go through ``submit_op`` with the
``Changes`` they make (db/store/changes.py); once such an operation has returned (its
transactions committed), ``DbService.changed`` carries them, on the GUI thread and before
the operation's own ``on_done``; a failed operation says nothing. Another process's
commit is ``changed(Changes.everything())``. One place maps them to reloads
(desktop/refresher.py), so a write path only runs its operation.
"""

from __future__ import annotations

import itertools
import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot
from sqlite_utils import Database

from db.store.changes import Changes
from db.store.database import open_database

log = logging.getLogger(__name__)

Op = Callable[[Database], Any]
OnDone = Callable[[Any], None]
OnError = Callable[[BaseException], None]


def while_alive(owner: QObject, fn: Callable[[Any], None]) -> Callable[[Any], None]:
    """``fn`` as a callback that does nothing once ``owner`` is deleted: an answer from
    the database thread can come after the resident closed a dialog that Qt deletes on
    close (its widgets are gone by then)."""
    import shiboken6

    def call(value: Any) -> None:
        if shiboken6.isValid(owner):
            fn(value)

    return call


# What an operation changed: fixed, or worked out from its result on the GUI thread.
Made = Changes | Callable[[Any], Changes]


class _Blocking:
    """An operation the GUI thread waits for (start-up only)."""

    def __init__(self, fn: Op) -> None:
        self.fn = fn
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def __call__(self, db: Database) -> Any:
        try:
            self.result = self.fn(db)
        except BaseException as exc:
            self.fail(exc)
            raise
        self.done.set()
        return self.result

    def fail(self, exc: BaseException) -> None:
        self.error = exc
        self.done.set()


class _Abandonable:
    """A read that is dropped, or stopped, once the service closes."""

    def __init__(self, fn: Op) -> None:
        self.fn = fn

    def __call__(self, db: Database) -> Any:
        return self.fn(db)


class _Worker(QObject):
    """Lives on the database thread."""

    finished = Signal(int, object, object)  # job id, result, exception
    audit_head = Signal(int)  # the newest audit entry's number, when an operation moved it
    external = Signal()  # another connection committed since the last look

    POLL_MS = 700  # how often the idle thread looks for other processes' commits

    # SQLite calls the progress handler every this many virtual machine instructions
    # (well under a millisecond) while an abandonable read runs.
    PROGRESS_STEPS = 20_000

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__()
        self._path = path
        self._kind = kind
        self.db: Database | None = None
        self.closing = threading.Event()  # set from the GUI thread by shutdown()
        self._audit_seq: int | None = None
        self._data_version: int | None = None
        self._queued = 0  # jobs submitted and not yet run (counted across threads)
        self._queued_lock = threading.Lock()
        self._poll: QTimer | None = None

    def queue(self) -> None:
        """A job was submitted (GUI thread)."""
        with self._queued_lock:
            self._queued += 1

    @Slot()
    def start_polling(self) -> None:
        """On the database thread, once it runs: the timer must live there."""
        self._poll = QTimer(self)
        self._poll.setInterval(self.POLL_MS)
        self._poll.timeout.connect(self._look_for_others)
        self._poll.start()

    def _look_for_others(self) -> None:
        # Skipped while jobs wait: they come first, and the next tick looks again.
        if self.db is None or self.closing.is_set() or self._queued:
            return
        try:
            version = self.db.conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return
        if version != self._data_version:
            self._data_version = version
            self._report_audit_head()
            self.external.emit()

    @Slot(int, object)
    def run(self, job_id: int, fn: Op) -> None:
        with self._queued_lock:
            self._queued -= 1
        abandonable = isinstance(fn, _Abandonable)
        if abandonable and self.closing.is_set():
            return  # nobody is waiting for it any more
        try:
            if self.db is None:
                self.db = open_database(self._path, kind=self._kind)
                self._data_version = self.db.conn.execute("PRAGMA data_version").fetchone()[0]
            changes = self.db.conn.total_changes
            if abandonable:
                # A non-zero answer makes SQLite stop the statement ("interrupted").
                self.db.conn.set_progress_handler(self.closing.is_set, self.PROGRESS_STEPS)
                try:
                    result = fn(self.db)
                finally:
                    self.db.conn.set_progress_handler(None, 0)
            else:
                result = fn(self.db)
        except BaseException as exc:  # reported to the GUI, never lost
            if abandonable and self.closing.is_set():
                return  # stopped because the service closed: nothing to report
            if isinstance(fn, _Blocking):
                fn.fail(exc)
            self.finished.emit(job_id, None, exc)
        else:
            if not abandonable and self.db is not None and self.db.conn.total_changes != changes:
                self._report_audit_head()
            self.finished.emit(job_id, result, None)

    def _report_audit_head(self) -> None:
        """After a write: the trail's newest entry number, if it moved (one indexed
        read of the last row)."""
        assert self.db is not None
        try:
            row = self.db.conn.execute("SELECT max(seq) FROM audit_log").fetchone()
        except sqlite3.Error:
            return  # no trail to follow (the check says so)
        seq = int(row[0] or 0)
        if seq != self._audit_seq:
            self._audit_seq = seq
            self.audit_head.emit(seq)

    @Slot()
    def close(self) -> None:
        if self._poll is not None:
            self._poll.stop()  # on its own thread: stopped from another, Qt warns
        if self.db is not None:
            self.db.close()
            self.db = None
        # The event loop ends here, after every job queued before the close. Ended from
        # the GUI thread, it could stop with jobs still queued (a write submitted while
        # a read ran was lost).
        thread = QThread.currentThread()
        if thread is not None:
            thread.quit()


class DbService(QObject):
    """Submit operations to the database thread; results arrive on the GUI thread."""

    _submit = Signal(int, object)
    _close = Signal()
    error = Signal(str)  # an operation failed and had no error handler of its own
    busy_changed = Signal(bool)
    audit_changed = Signal(int)  # the newest audit entry's number, after a write moved it
    external_change = Signal()  # another process committed to the database file
    changed = Signal(object)  # Changes: an operation committed them (or another process)

    def __init__(self, path: Path, kind: str = "resident", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.kind = kind
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[OnDone | None, OnError | None]] = {}
        self._thread = QThread()
        self._thread.setObjectName("doorstep-db")
        self._worker = _Worker(self.path, kind)
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._close.connect(self._worker.close)
        self._worker.finished.connect(self._on_finished)
        self._worker.audit_head.connect(self.audit_changed)
        self._worker.external.connect(self._external)
        self._thread.started.connect(self._worker.start_polling)
        self._thread.start()

    def submit(
        self,
        fn: Op,
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
        *,
        abandon_on_close: bool = False,
    ) -> int:
        """Queue ``fn`` for the database thread. Call from the GUI thread.

        ``abandon_on_close``: ``fn`` only reads, and its answer is of no use once the
        service shuts down: then it is dropped if it has not started, or stopped."""
        if abandon_on_close:
            fn = _Abandonable(fn)
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_done, on_error)
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        self._worker.queue()
        self._submit.emit(job_id, fn)
        return job_id

    def submit_op(
        self,
        fn: Op,
        changes: Made,
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
    ) -> int:
        """Queue a write that changes what the window shows. ``changes`` says what it
        changes, or works it out from the result (a batch that stored nothing changed
        nothing). After ``fn`` returned, ``changed`` is emitted with them, then
        ``on_done`` runs; when ``fn`` raised, only ``on_error`` (or ``error``) hears."""

        def done(result: Any) -> None:
            made = changes if isinstance(changes, Changes) else changes(result)
            if made:
                self.changed.emit(made)
            if on_done is not None:
                on_done(result)

        return self.submit(fn, done, on_error)

    @Slot()
    def _external(self) -> None:
        self.external_change.emit()
        self.changed.emit(Changes.everything())

    def call_blocking(self, fn: Op, timeout_s: float = 30.0) -> Any:
        """Run ``fn`` on the database thread and wait for it. Only for start-up (before
        the window shows) and for the command line's snapshot; never from a slot."""
        job = _Blocking(fn)
        self.submit(job, on_error=lambda _exc: None)
        if not job.done.wait(timeout_s):
            raise TimeoutError(self.tr("the database did not answer in time"))
        if job.error is not None:
            raise job.error
        return job.result

    @Slot(int, object, object)
    def _on_finished(self, job_id: int, result: Any, exc: BaseException | None) -> None:
        on_done, on_error = self._callbacks.pop(job_id, (None, None))
        if not self._callbacks:
            self.busy_changed.emit(False)
        if exc is not None:
            if on_error is not None:
                on_error(exc)
            else:
                log.error("database operation failed", exc_info=exc)
                self.error.emit(str(exc))
        elif on_done is not None:
            on_done(result)

    def pending(self) -> int:
        return len(self._callbacks)

    def shutdown(self) -> None:
        """Close the connection on its own thread and stop the thread."""
        if self._thread.isRunning():
            self._worker.closing.set()
            self._close.emit()  # the worker closes the connection, then ends the thread
            self._thread.wait()
