"""Runs folder imports: snapshot on the database thread, scan on a worker thread,
each batch stored on the database thread. One import at a time; others queue.

An import is finished (``finished``) when its clips are stored. Then the thumbnails
the library lacks are made by the same probe processes (a ``ThumbnailTask``), batch by
batch, each stored with ``Changes(thumbnails=True)``: the clips table shows each as it
comes. An import asked for meanwhile stops that pass; the pass after it, or the one at
the window's next start, makes the rest."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from sqlite_utils import Database

from db.clips import cameras as camdb
from db.clips.cameras import Camera
from db.store.changes import Changes
from desktop.dbthread import DbService
from desktop.tasks import ImportTask, ThumbnailTask

if TYPE_CHECKING:  # db.clips.importer loads with the first import, not at start-up
    from db.clips.importer import ImportSnapshot, ImportSummary, Result
    from db.clips.probing import Prober
    from db.clips.thumbnail_pass import Thumbnail, ThumbnailJob


@dataclass(frozen=True)
class ImportJob:
    camera: Camera
    folder: Path
    watch: bool = False
    quiet: bool = False  # started by the folder watcher: no report unless something failed


class ImportController(QObject):
    started = Signal(object)  # ImportTask or ThumbnailTask
    finished = Signal(object, object, object)  # ImportJob, ImportSummary, folders visited
    folder_added = Signal(int, str, bool)  # camera id, folder, watch
    thumbnails_done = Signal(bool)  # a thumbnail pass ended (False: stopped early)

    def __init__(self, dbs: DbService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = dbs
        self._queue: deque[ImportJob] = deque()
        self._task: ImportTask | None = None
        self._job: ImportJob | None = None
        self._summary: ImportSummary | None = None  # of the import under way
        self._writes = 0
        self._scan_done = False
        # The probe processes, kept from an import for its thumbnails (and for an
        # import queued meanwhile); stopped once nothing is left to do.
        self._prober: Prober | None = None
        self._thumbs: ThumbnailTask | None = None
        self._looking = False  # the clips lacking a thumbnail are being read

    @property
    def busy(self) -> bool:
        return self._job is not None

    def start(self, job: ImportJob) -> None:
        if job in self._queue or job == self._job:
            return
        self._queue.append(job)
        if self._thumbs is not None:
            self._thumbs.cancel()  # the import first; its end starts the next
        elif self._job is None and not self._looking:
            self._next()

    def cancel(self) -> None:
        self._queue.clear()
        for task in (self._task, self._thumbs):
            if task is not None:
                task.cancel()

    def make_thumbnails(self) -> None:
        """Make the thumbnails the library lacks (a pass cut short before), unless an
        import or a pass is under way (it makes them at its end)."""
        if self._job is None and self._thumbs is None and not self._looking:
            self._look_for_thumbnails()

    def _probe_processes(self) -> Prober:
        from db.clips.probing import Prober

        if self._prober is None:
            # No process starts here: the task that first needs them starts them.
            self._prober = Prober(0, nice=5)
        return self._prober

    def _next(self) -> None:
        if not self._queue:
            self._idle()
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
        self._summary.error = self.tr("the database could not be read or written: {error}").format(
            error=exc
        )
        self._finish()

    def _scan(self, snapshot: ImportSnapshot) -> None:
        assert self._job is not None
        task = ImportTask(self._job.folder, self._job.camera, snapshot, self._probe_processes())
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
            self._summary.error = self.tr("the database could not be written: {error}").format(
                error=exc
            )
        if self._task is not None:
            self._task.cancel()
        self._finish_when_done()

    def _finish_when_done(self) -> None:
        if self._scan_done and self._writes == 0:
            self._finish()

    def _scan_failed(self, message: str) -> None:
        assert self._summary is not None
        if self._summary.error is None:
            self._summary.error = self.tr("the folder could not be read: {error}").format(
                error=message
            )
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
        if self._queue:
            self._next()
        else:
            self._look_for_thumbnails()

    # -- thumbnails, after the clips are stored ---------------------------------------
    def _look_for_thumbnails(self) -> None:
        from db.clips.thumbnail_pass import pending_thumbnails

        self._looking = True
        self._db.submit(pending_thumbnails, self._thumbnails_wanted, self._no_thumbnails)

    def _no_thumbnails(self, _exc: BaseException) -> None:
        self._looking = False
        self._next()

    def _thumbnails_wanted(self, jobs: list[ThumbnailJob]) -> None:
        self._looking = False
        if self._queue or not jobs:
            self._next()
            return
        task = ThumbnailTask(jobs, self._probe_processes())
        task.batch.connect(self._store_thumbnails)
        task.finished.connect(self._thumbnails_finished)
        task.failed.connect(lambda _message: self._thumbnails_finished(False))
        self._thumbs = task
        self.started.emit(task)
        task.start()

    def _store_thumbnails(self, batch: list[Thumbnail]) -> None:
        from db.clips.thumbnail_pass import store_thumbnails

        self._db.submit_op(
            lambda db: store_thumbnails(db, batch),
            lambda made: Changes(thumbnails=bool(made.made or made.errors)),
        )

    def _thumbnails_finished(self, completed: object) -> None:
        if self._thumbs is not None:
            self._thumbs.wait()

        def stored(_result: object) -> None:
            self._thumbs = None
            self.thumbnails_done.emit(completed is True)
            self._next()

        # The database thread runs in order: once this runs, the pass's last batch is in.
        self._db.submit(lambda _db: None, stored, lambda _exc: stored(None))

    def _idle(self) -> None:
        """Nothing queued: the probe processes stop (without waiting for them)."""
        if self._prober is not None and self._job is None and self._thumbs is None:
            self._prober.close(wait=False)
            self._prober = None

    def shutdown(self) -> None:
        self.cancel()
        for task in (self._task, self._thumbs):
            if task is not None:
                task.wait()
        if self._prober is not None:
            self._prober.close()
            self._prober = None


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
        more = QCoreApplication.translate("ImportReport", "… and {count} more (Show Details…)")
        first.append(more.format(count=len(skipped) - limit))
    return "\n".join(first), "\n".join(f"{shown(s.path)}: {s.reason}" for s in skipped)
