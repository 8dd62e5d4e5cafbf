"""Background work off the GUI thread: folder imports and building the demo.

A task runs a plain function on its own QThread and reports through signals; it
never touches widgets and never touches the database (results are handed to the GUI
thread, which passes them on to the database thread).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from db.clips.cameras import Camera

if TYPE_CHECKING:  # db.clips.importer (and PyAV's helpers) load with the first import
    from db.clips.importer import ImportSnapshot, Progress, Result
    from db.clips.probing import Prober
    from db.clips.thumbnail_pass import ThumbnailJob

ProgressFn = Callable[[int, int, str], None]
translate = QCoreApplication.translate


class _Runner(QThread):
    def __init__(self, fn: Callable[[], None]) -> None:
        super().__init__()
        self._fn = fn

    def run(self) -> None:
        self._fn()


class Task(QObject):
    """One piece of background work with progress and cancel."""

    progress = Signal(int, int, str)  # done, total, text
    finished = Signal(object)  # the function's result (None when cancelled)
    failed = Signal(str)

    def __init__(self, title: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.cancel_event = threading.Event()
        self._thread: QThread | None = None

    def work(self) -> Any:  # runs on the task's thread
        raise NotImplementedError

    def start(self) -> None:
        self._thread = _Runner(self._run)
        self._thread.setObjectName(f"doorstep-task-{self.title}")
        self._thread.start()

    def _run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:
            self.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.finished.emit(result)

    def cancel(self) -> None:
        self.cancel_event.set()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.wait()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()


class ImportTask(Task):
    """Scan a folder for one camera; batches go out through ``batch``."""

    batch = Signal(object)  # list[Result]

    def __init__(
        self, folder: Path, camera: Camera, snapshot: ImportSnapshot, prober: Prober
    ) -> None:
        super().__init__(
            translate("ImportTask", "importing {folder} for {camera}").format(
                folder=folder.name or folder, camera=camera.name
            )
        )
        self.folder = folder
        self.camera = camera
        self.snapshot = snapshot
        self.prober = prober  # kept running afterwards: the thumbnails are made with it
        self.folders: list[str] = []  # every folder visited, for the folder watcher

    def work(self) -> bool:
        from db.clips.importer import scan

        last = [0.0]

        def on_progress(p: Progress) -> None:
            # Hashing large files reports by bytes; many small ones by file count.
            if p.bytes_total:
                done = int(1000 * p.bytes_done / p.bytes_total)
            else:
                done = 1000 if p.files_total == 0 else int(1000 * p.files_done / p.files_total)
            text = self.tr("{done} of {total} files", "", p.files_total).format(
                done=p.files_done, total=p.files_total
            )
            if done != last[0]:
                last[0] = done
                self.progress.emit(done, 1000, text)

        def on_batch(results: list[Result]) -> None:
            self.batch.emit(results)

        return scan(
            self.folder,
            self.camera,
            self.snapshot,
            on_batch,
            on_progress,
            self.cancel_event,
            folders=self.folders,
            prober=self.prober,
        )


class ThumbnailTask(Task):
    """Make the thumbnails of clips stored without one (db.clips.thumbnail_pass);
    batches go out through ``batch``, to be stored on the database thread."""

    batch = Signal(object)  # list[Thumbnail]

    def __init__(self, jobs: list[ThumbnailJob], prober: Prober) -> None:
        super().__init__(translate("ThumbnailTask", "making thumbnails"))
        self.jobs = jobs
        self.prober = prober

    def work(self) -> bool:
        import os

        from db.clips.probing import processes_for
        from db.clips.thumbnail_pass import make_thumbnails

        # Files gone since (an unplugged drive) wait for a later pass, without starting
        # the processes for them.
        jobs = [j for j in self.jobs if os.path.exists(j.path)]
        self.prober.start(processes_for(len(jobs)))

        def on_progress(done: int, total: int) -> None:
            text = self.tr("{done} of {total} clips", "", total)
            self.progress.emit(done, total, text.format(done=f"{done:,}", total=f"{total:,}"))

        return make_thumbnails(jobs, self.prober, self.batch.emit, on_progress, self.cancel_event)


class FunctionTask(Task):
    """Run ``fn(progress, cancel_event)`` in the background (the demo builder)."""

    def __init__(
        self, title: str, fn: Callable[[Callable[[int, int, str], None], threading.Event], Any]
    ) -> None:
        super().__init__(title)
        self._fn = fn

    def work(self) -> Any:
        return self._fn(lambda d, t, s: self.progress.emit(d, t, s), self.cancel_event)
