"""Thumbnails made after an import: the clips are stored (and can be matched and shared)
first; then the probe processes decode each new clip's key frame for its thumbnail.

Which clips need one is read from the library (``pending_thumbnails``): the clips
stored as ``thumbnail_pending`` and not yet given a thumbnail or an error. So a pass
cut short (the window
closed, a new import began, ``import-clips --no-thumbnails``) is finished by the next
one. A clip whose picture cannot be decoded keeps the reason (``clips.thumbnail_error``)
and is shown with it; it is not dropped. A file that cannot be opened now (moved,
unreadable) stays pending: nothing is known to be wrong with its picture.

Split as the import is: ``make_thumbnails`` runs on a worker thread, ``store_thumbnails``
on the database thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from db.clips.import_summary import Skipped
from db.clips.media import MediaError
from db.clips.probing import Prober, processes_for
from db.clips.thumbnail import Unreadable
from db.words.i18n import english

UNDECODABLE = "picture cannot be decoded"


@dataclass(frozen=True)
class ThumbnailJob:
    sha256: str
    path: str


@dataclass(frozen=True)
class Thumbnail:
    """The outcome for one clip: its JPEG, or why its picture cannot be decoded, or
    neither (its file cannot be read now)."""

    sha256: str
    path: str
    jpeg: bytes | None = None
    error: str | None = None


@dataclass
class ThumbnailSummary:
    made: int = 0
    errors: list[Skipped] = field(default_factory=list)  # clips whose picture is undecodable

    def merge(self, other: ThumbnailSummary) -> None:
        self.made += other.made
        self.errors.extend(other.errors)


def pending_thumbnails(db: Database) -> list[ThumbnailJob]:
    """Clips still without a thumbnail, newest first (the clips table's first screen
    fills first). Database thread."""
    return [
        ThumbnailJob(sha, path)
        for sha, path in db.execute(
            "SELECT sha256, path FROM clips WHERE thumbnail_pending = 1 "
            "ORDER BY start_utc DESC, id DESC"
        )
    ]


def make_thumbnails(
    jobs: list[ThumbnailJob],
    prober: Prober,
    on_batch: Callable[[list[Thumbnail]], None],
    on_progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
    batch_size: int = 25,
) -> bool:
    """Make the thumbnails of ``jobs`` with ``prober`` (its processes when it has them:
    two threads per process wait for them); results go to ``on_batch`` as they come.
    Returns False when cancelled (what was made so far was handed over). Worker
    thread."""
    cancel = cancel or threading.Event()
    # Two waiting threads a process: each process has its next file queued when it
    # finishes one.
    threads = max(1, prober.processes) * 2
    batch: list[Thumbnail] = []
    done = 0
    if on_progress:
        on_progress(0, len(jobs))
    with ThreadPoolExecutor(threads) as pool:
        it = iter(jobs)
        running: set[Future[Thumbnail]] = set()
        while True:
            while len(running) < threads and not cancel.is_set():
                job = next(it, None)
                if job is None:
                    break
                running.add(pool.submit(_one, prober, job))
            if not running:
                break
            finished, rest = wait(running, return_when=FIRST_COMPLETED)
            running = set(rest)
            for fut in finished:
                batch.append(fut.result())
                done += 1
            if on_progress:
                on_progress(done, len(jobs))
            if len(batch) >= batch_size or (batch and not running):
                on_batch(batch)
                batch = []
    if batch:
        on_batch(batch)
    return not cancel.is_set()


def _one(prober: Prober, job: ThumbnailJob) -> Thumbnail:
    try:
        return Thumbnail(job.sha256, job.path, jpeg=prober.thumbnail(Path(job.path)))
    except Unreadable:
        return Thumbnail(job.sha256, job.path)
    except MediaError as exc:
        with english():  # kept with the clip (clips.thumbnail_error): the same everywhere
            return Thumbnail(job.sha256, job.path, error=str(exc))
    except Exception as exc:  # an error nobody foresaw stays this clip's alone
        return Thumbnail(job.sha256, job.path, error=f"{type(exc).__name__}: {exc}")


def store_thumbnails(db: Database, made: list[Thumbnail]) -> ThumbnailSummary:
    """Store a batch in one transaction: each JPEG as its clip's thumbnail, each error
    on its clip. A clip removed meanwhile is passed over. Database thread."""
    summary = ThumbnailSummary()
    with db.atomic():
        for t in made:
            if t.jpeg is not None:
                cur = db.execute(
                    "INSERT OR IGNORE INTO clip_thumbnails (clip_id, mime, data) "
                    "SELECT id, 'image/jpeg', ? FROM clips WHERE sha256 = ?",
                    [t.jpeg, t.sha256],
                )
                summary.made += max(0, cur.rowcount)
                db.execute("UPDATE clips SET thumbnail_pending = 0 WHERE sha256 = ?", [t.sha256])
            elif t.error is not None:
                cur = db.execute(
                    "UPDATE clips SET thumbnail_error = ?, thumbnail_pending = 0 WHERE sha256 = ?",
                    [t.error, t.sha256],
                )
                if cur.rowcount:
                    summary.errors.append(Skipped(t.path, f"{UNDECODABLE}: {t.error}"))
    return summary


def make_pending(
    db: Database,
    prober: Prober,
    cancel: threading.Event | None = None,
    processes: int | None = None,
) -> ThumbnailSummary:
    """Make and store every thumbnail the library lacks, on the calling thread (the
    command line). ``processes``: worker processes to start when ``prober`` has none
    (by default one per processor for many clips)."""
    jobs = pending_thumbnails(db)
    summary = ThumbnailSummary()
    prober.start(processes_for(len(jobs)) if processes is None else processes)

    def on_batch(batch: list[Thumbnail]) -> None:
        summary.merge(store_thumbnails(db, batch))

    make_thumbnails(jobs, prober, on_batch, cancel=cancel)
    return summary
