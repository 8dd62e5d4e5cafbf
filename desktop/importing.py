"""Runs folder imports: snapshot on the database thread, scan on a worker thread,
each batch stored on the database thread. One import at a time; others queue."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from sqlite_utils import Database

from db.clips import cameras as camdb
from db.clips.cameras import Camera
from db.store.changes import Changes
from desktop.dbthread import DbService
from desktop.tasks import ImportTask

if TYPE_CHECKING:  # db.clips.importer loads with the first import, not at start-up
    from db.clips.importer import ImportSnapshot, ImportSummary, Result


@dataclass(frozen=True)
class ImportJob:
    camera: Camera
    folder: Path
    watch: bool = False
    quiet: bool = False  # started by the folder watcher: no report unless something failed


class ImportController(QObject):
    started = Signal(object)  # ImportTask
    finished = Signal(object, object, object)  # ImportJob, ImportSummary, folders visited
    folder_added = Signal(int, str, bool)  # camera id, folder, watch

    def __init__(self, dbs: DbService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = dbs
        self._queue: deque[ImportJob] = deque()
        self._task: ImportTask | None = None
        self._job: ImportJob | None = None
        self._summary: ImportSummary | None = None  # of the import under way
        self._writes = 0
        self._scan_done = False

    @property
    def busy(self) -> bool:
        return self._job is not None

    def start(self, job: ImportJob) -> None:
        if job in self._queue or job == self._job:
            return
        self._queue.append(job)
        if self._job is None:
            self._next()

    def cancel(self) -> None:
        self._queue.clear()
        if self._task is not None:
            self._task.cancel()

    def _next(self) -> None:
        if not self._queue:
            return
        from db.clips.importer import ImportSummary, load_snapshot

        job = self._queue.popleft()
        self._job = job
        self._summary = ImportSummary()
        self._writes = 0
        self._scan_done = False
        folder = str(job.folder.resolve())
        camera_id = job.camera.id or 0

        def remember(db: Database) -> ImportSnapshot:
            camdb.add_folder(db, camera_id, folder, job.watch)
            return load_snapshot(db)

        self._db.submit(remember, self._scan, self._failed_before_scan)
        self.folder_added.emit(camera_id, folder, job.watch)

    def _failed_before_scan(self, exc: BaseException) -> None:
        assert self._summary is not None
        self._summary.error = f"the database could not be read or written: {exc}"
        self._finish()

    def _scan(self, snapshot: ImportSnapshot) -> None:
        assert self._job is not None
        task = ImportTask(self._job.folder, self._job.camera, snapshot)
        task.batch.connect(self._store)
        task.finished.connect(self._scan_finished)
        task.failed.connect(self._scan_failed)
        self._task = task
        self.started.emit(task)
        task.start()

    def _store(self, batch: list[Result]) -> None:
        from db.clips.importer import store_batch

        assert self._job is not None
        camera_id = self._job.camera.id or 0
        self._writes += 1
        self._db.submit_op(
            lambda db: store_batch(db, camera_id, batch),
            _batch_changes,
            self._batch_stored,
            self._batch_failed,
        )

    def _batch_stored(self, summary: ImportSummary) -> None:
        self._writes -= 1
        assert self._summary is not None
        self._summary.merge(summary)
        self._finish_when_done()

    def _batch_failed(self, exc: BaseException) -> None:
        """A batch could not be written (its transaction left nothing behind): stop the
        scan, keep what earlier batches stored, and say why. Importing the folder again
        goes on from there, as its stored clips are known by their hashes."""
        self._writes -= 1
        assert self._summary is not None
        if self._summary.error is None:
            self._summary.error = f"the database could not be written: {exc}"
        if self._task is not None:
            self._task.cancel()
        self._finish_when_done()

    def _finish_when_done(self) -> None:
        if self._scan_done and self._writes == 0:
            self._finish()

    def _scan_failed(self, message: str) -> None:
        assert self._summary is not None
        if self._summary.error is None:
            self._summary.error = f"the folder could not be read: {message}"
        self._scan_finished(False)

    def _scan_finished(self, completed: object) -> None:
        self._scan_done = True
        assert self._summary is not None
        self._summary.cancelled = completed is not True and self._summary.error is None
        if self._task is not None:
            self._task.wait()
        self._finish_when_done()

    def _finish(self) -> None:
        job, summary = self._job, self._summary
        folders = self._task.folders if self._task is not None else []
        self._job = None
        self._task = None
        self.finished.emit(job, summary, folders)
        self._next()

    def shutdown(self) -> None:
        self.cancel()
        if self._task is not None:
            self._task.wait()


def _batch_changes(summary: ImportSummary) -> Changes:
    """New clips add rows; moved ones change the paths of rows already shown."""
    return Changes(clips_added=summary.added > 0, clips=summary.moved > 0)


def skipped_list(folder: Path, summary: ImportSummary, limit: int = 10) -> tuple[str, str]:
    """The skipped files for the import's report: the first ``limit``, each by its name
    in the folder with its reason, and every one by its whole path. A name that is not
    UTF-8 shows its bytes as ``\\xff`` escapes, as the command line shows it."""
    import os

    def shown(path: str) -> str:
        return os.fsencode(path).decode("utf-8", "backslashreplace")

    def name(path: str) -> str:
        try:
            return shown(str(Path(path).relative_to(folder)))
        except ValueError:
            return shown(path)

    skipped = summary.skipped
    first = [f"• {name(s.path)}: {s.reason}" for s in skipped[:limit]]
    if len(skipped) > limit:
        first.append(f"… and {len(skipped) - limit} more (Show Details…)")
    return "\n".join(first), "\n".join(f"{shown(s.path)}: {s.reason}" for s in skipped)
