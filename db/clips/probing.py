"""Probing many files at once for an import: here on the calling threads, or in a pool
of worker processes.

Probes in this process run side by side on the threads that ask for them. A lock once
serialised them, added after two threads probing crashed the window; the crash was not
theirs: Python's cyclic collector, run by whichever thread allocates (and a probe
allocates much), freed the window's Qt objects on a probing thread. The window collects
on the GUI thread only (desktop/gcguard.py), and tests/test_probe_threads.py probes
from four threads beside Qt garbage.

Many files are probed in worker processes all the same: a file that crashes FFmpeg
takes only its process down, the processes run below the window's priority, and their
Python work does not hold this process's interpreter lock, which the GUI thread needs.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from db.clips.media import MediaError, Probe, probe
from db.clips.thumbnail import make_thumbnail
from db.words.i18n import N_

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

CRASH_REASON = N_("reading it stopped a worker process (damaged file?)")
PROCESSES_FROM = 12  # files to read: from this many, they are read in worker processes
T = TypeVar("T")


def usable_cores() -> int:
    """The processors this process may run on (a container or ``taskset`` may allow
    fewer than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # no sched_getaffinity (macOS, Windows)
        return os.cpu_count() or 1


def processes_for(files: int) -> int:
    """Worker processes for reading this many files: one per processor from
    PROCESSES_FROM files on; none for fewer (starting them would cost more)."""
    return usable_cores() if files >= PROCESSES_FROM else 0


def _probe_worker_start(nice: int) -> None:
    """A probe process for the window runs below the app's priority, so the window
    stays responsive. It loads FFmpeg now, while the importer hashes the first files,
    rather than on the first probe."""
    if nice:
        try:
            os.nice(nice)
        except (OSError, AttributeError):  # not allowed, or no os.nice (Windows)
            pass
    import av  # noqa: F401


def _no_work() -> None:
    """Submitted once per worker when a pool is made: the pool starts its processes
    at once (it starts them one per waiting call), so they load while files hash."""


class Prober:
    """Probes files (db.clips.media.probe) and makes their thumbnails
    (db.clips.thumbnail): here, on the calling thread, or with ``processes`` > 0 in a
    pool of that many worker processes (started with ``spawn``: nothing of this
    process's threads or Qt is inherited), ``nice`` steps below this process's
    priority. An import probes in the pool, and its thumbnails are made afterwards by
    the same processes.

    ``prefetch`` starts a file's probe in the pool before anyone asks for it (while the
    file is hashed); ``probe`` then takes that probe's result, and ``forget`` drops a
    probe no one will ask for."""

    def __init__(self, processes: int = 0, nice: int = 5) -> None:
        self.processes = max(0, processes)
        self.nice = nice
        self._lock = threading.Lock()
        self._pool = self._new_pool(self.processes) if self.processes else None
        self._ahead: dict[str, tuple[ProcessPoolExecutor, Future[Probe]]] = {}
        self._alone: ProcessPoolExecutor | None = None  # probes a suspect file by itself
        self._alone_lock = threading.Lock()

    def _new_pool(self, processes: int) -> ProcessPoolExecutor:
        # Imported here: multiprocessing is a costly import the window does not need to start.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(
            max_workers=processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_probe_worker_start,
            initargs=(self.nice,),
        )
        for _ in range(processes):
            pool.submit(_no_work)
        return pool

    def start(self, processes: int) -> None:
        """Run in a pool of ``processes`` worker processes from now on, unless there is
        a pool already (a prober made for a few files, then given many)."""
        with self._lock:
            if self._pool is None and processes > 0:
                self.processes = processes
                self._pool = self._new_pool(processes)

    def prefetch(self, path: Path) -> None:
        """Start probing ``path`` in the pool now (nothing without a pool)."""
        from concurrent.futures.process import BrokenProcessPool

        with self._lock:
            if self._pool is None or str(path) in self._ahead:
                return
            try:
                self._ahead[str(path)] = (self._pool, self._pool.submit(probe, str(path)))
            except BrokenProcessPool:
                pass  # ``probe`` finds out and starts a fresh pool

    def forget(self, path: Path) -> None:
        """The file needs no probe after all (it was in the library already)."""
        with self._lock:
            ahead = self._ahead.pop(str(path), None)
        if ahead is not None:
            ahead[1].cancel()

    def probe(self, path: Path) -> Probe:
        """The probe of ``path`` (db.clips.media.probe); the one started by
        ``prefetch``, when it was."""
        with self._lock:
            ahead = self._ahead.pop(str(path), None)
        return self._run(probe, path, ahead)

    def thumbnail(self, path: Path) -> bytes:
        """The thumbnail of ``path`` (db.clips.thumbnail.make_thumbnail)."""
        return self._run(make_thumbnail, path)

    def _run(
        self,
        fn: Callable[[str], T],
        path: Path,
        ahead: tuple[ProcessPoolExecutor, Future[Any]] | None = None,
    ) -> T:
        from concurrent.futures import CancelledError
        from concurrent.futures.process import BrokenProcessPool

        fut: Future[Any] | None = None
        with self._lock:
            pool = self._pool
            if ahead is not None:
                pool, fut = ahead
            elif pool is not None:
                try:
                    fut = pool.submit(fn, str(path))
                except BrokenProcessPool:
                    fut = None
        if pool is None:
            return fn(str(path))
        try:
            if fut is not None:
                return cast(T, fut.result())
        except (BrokenProcessPool, CancelledError):
            pass
        # A worker died (FFmpeg crashed on a file): every call in the pool at that
        # moment fails with it (or is cancelled with the pool), whichever file was to
        # blame. A fresh pool takes the files after them, and each of them is tried
        # again by itself: only a file that stops a process on its own fails.
        with self._lock:
            if self._pool is pool:
                pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool(self.processes)
        return self._run_alone(fn, path)

    def _run_alone(self, fn: Callable[[str], T], path: Path) -> T:
        from concurrent.futures.process import BrokenProcessPool

        with self._alone_lock:
            if self._alone is None:
                self._alone = self._new_pool(1)
            try:
                return cast(T, self._alone.submit(fn, str(path)).result())
            except BrokenProcessPool:
                self._alone.shutdown(wait=False, cancel_futures=True)
                self._alone = None
                raise MediaError(CRASH_REASON) from None

    def close(self, wait: bool = True) -> None:
        """Stop the processes; without ``wait``, they end on their own (the window's
        GUI thread does not wait for them)."""
        with self._lock:
            pool, self._pool = self._pool, None
            self._ahead.clear()
        with self._alone_lock:
            alone, self._alone = self._alone, None
        for p in (pool, alone):
            if p is not None:
                p.shutdown(wait=wait, cancel_futures=True)

    def __enter__(self) -> Prober:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
