"""The window's holds (docs/holds.md, "In the window"): syncing them after a request or
clips arrive and at start, holding or releasing one clip, the store's usage and budget.

Copying a clip into the evidence store can take minutes; it runs on a worker thread
(``HoldTask``, with progress and cancel). The database thread only reads what to hold
and then records it: by the time ``sync_holds`` runs there, the files are in the store
and each hold is a size check and a row with its audit entry. Every write goes through
``DbService.submit_op`` with ``Changes(holds=True)``, so the views showing holds reload
through desktop/refresher.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from db.store.changes import Changes
from desktop.tasks import Task

if TYPE_CHECKING:
    from sqlite_utils import Database

    from db.holds.evidence_store import EvidenceStore
    from desktop.dbthread import DbService

translate = QCoreApplication.translate
HOLDS = Changes(holds=True)
WARN_AT = 0.9  # of the budget: the status bar warns from here


@dataclass(frozen=True)
class Copy:
    """One file to put in the store before its hold is recorded."""

    clip_id: int
    source: Path
    sha256: str
    size: int
    known: tuple[int, int] | None = None  # the source's (size, mtime_ns) as last hashed


@dataclass(frozen=True)
class StoreUsage:
    used: int  # bytes of the held files, as the budget counts them
    budget: int | None  # the store's maximum size, None: no limit

    @property
    def fraction(self) -> float:
        return self.used / self.budget if self.budget else 0.0

    @property
    def near_limit(self) -> bool:
        return self.budget is not None and self.fraction >= WARN_AT


def wanted_copies(db: Database, budget: int | None, now: datetime) -> list[Copy]:
    """The files a sync would put in the store (database thread, reads only): the
    unsettled requests' candidates not in it yet whose source is where it was imported,
    as far as the budget goes (the sync's own order and check, so nothing beyond it is
    copied without asking)."""
    from db.holds.holds import used_bytes
    from db.holds.sync import wanted_holds

    wanted = sorted({c for clips in wanted_holds(db, now).values() for c in clips})
    copies: list[Copy] = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = db.execute(
            "SELECT c.id, c.path, c.sha256, c.size, coalesce(c.seen_size, c.size), "
            "coalesce(c.seen_mtime_ns, c.mtime_ns) FROM clips c WHERE c.id IN "
            f"({','.join('?' * len(chunk))}) AND c.source_state = 'present' AND NOT EXISTS "
            "(SELECT 1 FROM held_files f WHERE f.sha256 = c.sha256) ORDER BY c.id",
            chunk,
        ).fetchall()
        copies.extend(
            Copy(int(i), Path(p), str(sha), int(n), (int(ks), int(km)))
            for i, p, sha, n, ks, km in rows
        )
    if budget is None:
        return copies
    used = used_bytes(db)
    within: list[Copy] = []
    for item in copies:  # in the sync's order, with its check
        if used + item.size > budget:
            continue  # the sync lists it as waiting for room
        used += item.size
        within.append(item)
    return within


def _sync_changes(result: Any) -> Changes:
    """A sync that held, released or found nothing changed nothing shown."""
    return Changes(holds=bool(result.held or result.released or result.lost or result.changed))


def read_hold_states(db: Database, clip_ids: list[int]) -> dict[int, Any]:
    """The clips' HoldState by id; clips removed meanwhile are left out."""
    from db.holds.holds import HoldError, hold_states

    try:
        return hold_states(db, clip_ids)
    except HoldError:
        marks = ",".join("?" * len(clip_ids))
        rows = db.execute(f"SELECT id FROM clips WHERE id IN ({marks})", clip_ids).fetchall()
        return hold_states(db, [int(r[0]) for r in rows])


def request_labels(db: Database, rows: set[int]) -> dict[int, str]:
    """How the clip's detail names the requests holding it: "case 2026-004512
    (package theft)", or by incident alone when the agency gave no case number."""
    if not rows:
        return {}
    marks = ",".join("?" * len(rows))
    found = db.execute(
        f"SELECT id, case_number, incident FROM requests WHERE id IN ({marks})", sorted(rows)
    ).fetchall()
    out = {}
    for row_id, case, incident in found:
        if case and incident:
            text = translate("HoldController", "case {case} ({incident})")
        elif case:
            text = translate("HoldController", "case {case}")
        elif incident:
            text = translate("HoldController", "the {incident} request")
        else:
            text = translate("HoldController", "a request")
        out[int(row_id)] = text.format(case=case, incident=incident)
    return out


def evidence_store() -> EvidenceStore:
    from db.holds.evidence_store import EvidenceStore
    from db.store import paths

    return EvidenceStore(paths.evidence_dir())


class HoldTask(Task):
    """Put files in the evidence store (worker thread): reflinked, linked or copied,
    verified. A source that is gone or changed is left for the database thread's sync,
    which records it as lost or changed."""

    def __init__(self, title: str, store: EvidenceStore, copies: list[Copy]) -> None:
        super().__init__(title)
        self.store = store
        self.copies = copies

    def work(self) -> bool:
        from db.holds.evidence_store import PutItem, StoreCancelled

        total = sum(c.size for c in self.copies) or 1
        done = [0, -1]  # bytes copied or checked; the last permille reported

        def step(nbytes: int) -> None:  # each block's bytes
            done[0] += nbytes
            permille = min(1000, 1000 * done[0] // total)
            if permille != done[1]:
                done[1] = permille
                self.progress.emit(permille, 1000, text[0])

        of_clips = self.tr("{done} of {total} clips", "", len(self.copies))
        total_text = f"{len(self.copies):,}"
        text = [of_clips.format(done=0, total=total_text)]

        def finished(n: int) -> None:
            text[0] = of_clips.format(done=f"{n:,}", total=total_text)

        # Several at a time, in one batch: the files are flushed to disk together and
        # named at its end (also when cancelled: what was copied is kept for the next
        # sync). A source gone or changed since is left for the sync to say which.
        results = self.store.put_many(
            [PutItem(c.source, c.sha256, c.known) for c in self.copies],
            progress=step,
            cancel=self.cancel_event,
            finished=finished,
        )
        if self.cancel_event.is_set() or any(isinstance(r, StoreCancelled) for r in results):
            return False
        # A link of a file unchanged since it was hashed is not read: its bytes were
        # never counted, so the end is said here.
        self.progress.emit(1000, 1000, text[0])
        return True


class HoldController(QObject):
    started = Signal(object)  # HoldTask, for the status bar's progress
    synced = Signal(object)  # db.holds.holds.SyncResult
    waiting = Signal(object)  # SyncResult whose clips wait for room in the budget
    usage_changed = Signal(object)  # StoreUsage
    failed = Signal(str)  # a sentence for the status bar

    def __init__(self, dbs: DbService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = dbs
        self._store: EvidenceStore | None = None
        self._task: HoldTask | None = None  # the sync's copying
        self._syncing = False  # from the sync's plan to its record
        self._closed = False  # shut down: answers still queued are dropped
        self._tasks: set[HoldTask] = set()  # every task running (the sync, single holds)
        self._again: bool | None = None  # a sync asked for while one ran (its over_budget)
        self.usage: StoreUsage | None = None

    @property
    def store(self) -> EvidenceStore:
        if self._store is None:
            self._store = evidence_store()
        return self._store

    @property
    def busy(self) -> bool:
        return self._syncing

    # -- syncing ---------------------------------------------------------------------
    def sync(self, *, over_budget: bool = False) -> None:
        """Hold every candidate of the unsettled requests and release what settled ones
        held. ``over_budget``: the resident agreed to hold beyond the limit (this once)."""
        if self._syncing:
            self._again = bool(self._again) or over_budget
            return
        self._syncing = True

        def plan(db: Database) -> tuple[int | None, list[Copy]]:
            from db.holds.holds import budget_bytes

            budget = budget_bytes(db)
            limit = None if over_budget else budget
            return budget, wanted_copies(db, limit, datetime.now(UTC))

        self._db.submit(
            plan,
            lambda answer: self._copy(answer[0], answer[1], over_budget),
            self._plan_failed,
        )

    def _plan_failed(self, exc: BaseException) -> None:
        self._syncing = False
        self._fail(self.tr("Stopped holding: {error}"), exc)

    def _copy(self, budget: int | None, copies: list[Copy], over_budget: bool) -> None:
        if self._closed:
            return
        task = HoldTask(self.tr("holding the requests' clips"), self.store, copies)
        task.finished.connect(lambda completed: self._record(task, budget, over_budget, completed))
        task.failed.connect(lambda message: self._ended(task, message))
        self._task = task
        self._run(task)

    def _run(self, task: HoldTask) -> None:
        self._tasks.add(task)
        if task.copies:  # nothing to copy: no progress to show
            self.started.emit(task)
        task.start()

    def _record(
        self, task: HoldTask, budget: int | None, over_budget: bool, completed: object
    ) -> None:
        task.wait()
        if completed is not True or self._closed:
            self._ended(task, None)  # cancelled: what was copied stays for the next sync
            return
        from db.holds.holds import sync_holds

        store = self.store

        def op(db: Database) -> Any:
            return sync_holds(
                db, store, datetime.now(UTC), budget_bytes=budget, beyond_budget=over_budget
            )

        self._db.submit_op(
            op,
            _sync_changes,
            lambda result: self._synced(task, result),
            lambda exc: self._ended(
                task, self.tr("The clips could not be held: {error}").format(error=exc)
            ),
        )

    def _synced(self, task: HoldTask, result: Any) -> None:
        if self._closed:
            return
        self._ended(task, None)
        self.synced.emit(result)
        if getattr(result, "waiting", None):
            self.waiting.emit(result)

    def _ended(self, task: HoldTask, message: str | None) -> None:
        self._tasks.discard(task)
        if self._closed:
            return
        if message:
            self.failed.emit(message)
        self.refresh_usage()
        if self._task is not task:
            return
        self._task = None
        self._syncing = False
        if self._again is not None:
            over, self._again = self._again, None
            self.sync(over_budget=over)

    def _fail(self, text: str, exc: BaseException) -> None:
        """``text``: the sentence, with ``{error}`` where the cause goes."""
        self.failed.emit(text.format(error=exc))

    # -- one clip --------------------------------------------------------------------
    def hold(self, clip_id: int) -> None:
        """The resident holds this clip (copy on a worker, then the hold recorded)."""
        store = self.store

        def read(db: Database) -> list[Copy]:
            from db.clips.library import clip_rows

            rows = clip_rows(db, [clip_id]).values()
            return [Copy(r.id, Path(r.path), r.sha256, r.size) for r in rows]

        def record(task: HoldTask, completed: object) -> None:
            task.wait()
            if completed is not True or self._closed:
                self._ended(task, None)
                return
            from db.holds.holds import hold_clip

            self._db.submit_op(
                lambda db: hold_clip(db, store, clip_id, request_row=None, now=datetime.now(UTC)),
                HOLDS,
                lambda _r: self._ended(task, None),
                lambda exc: self._ended(
                    task, self.tr("The clip could not be held: {error}").format(error=exc)
                ),
            )

        def copy(copies: list[Copy]) -> None:
            if self._closed:
                return
            task = HoldTask(self.tr("holding a clip"), store, copies)
            task.finished.connect(lambda completed: record(task, completed))
            task.failed.connect(lambda message: self._ended(task, message))
            self._run(task)

        self._db.submit(
            read, copy, lambda exc: self._fail(self.tr("Stopped holding the clip: {error}"), exc)
        )

    def release(self, clip_id: int) -> None:
        """The resident lets go of the clip: every hold on it ends, and the requests
        that held it do not take it again; the copy goes with the last hold."""
        from db.holds.holds import release_all

        store = self.store

        def op(db: Database) -> int:
            return release_all(db, store, clip_id, now=datetime.now(UTC))

        self._db.submit_op(
            op,
            HOLDS,
            lambda _r: self.refresh_usage(),
            lambda exc: self.failed.emit(
                self.tr("The hold could not be released: {error}").format(error=exc)
            ),
        )

    # -- usage and budget ------------------------------------------------------------
    def refresh_usage(self) -> None:
        """The store's usage, as the budget counts it, and the budget."""

        def read(db: Database) -> StoreUsage:
            from db.holds.holds import budget_bytes, used_bytes

            return StoreUsage(used_bytes(db), budget_bytes(db))

        self._db.submit(
            read,
            self._usage_read,
            lambda exc: self._fail(self.tr("Stopped reading the store: {error}"), exc),
        )

    def _usage_read(self, usage: StoreUsage) -> None:
        self.usage = usage
        self.usage_changed.emit(usage)

    def set_budget(self, n: int | None) -> None:
        from db.holds.holds import set_budget_bytes

        self._db.submit_op(
            lambda db: set_budget_bytes(db, n, now=datetime.now(UTC)),
            HOLDS,
            lambda _r: self.refresh_usage(),
            lambda exc: self.failed.emit(
                self.tr("The limit could not be saved: {error}").format(error=exc)
            ),
        )

    def shutdown(self) -> None:
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            task.wait()
        if self._store is not None:
            self._store.close()
