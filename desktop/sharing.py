"""Building and delivering a request's share package from the window. Each step runs
where it belongs: preparing and recording on the database thread, cutting video and
uploading on a worker thread (a Task, with progress and cancel in the status bar),
the keyring on a worker thread too. Which package a delivery sends is decided by
db.sharing.delivery_state, as on the command line: the one being delivered is continued, and a
package is recorded before it is sent. The signing key comes first: made if there is
none, and then kept only with its audit entry (desktop.keyring_jobs), so a package is
never built with a key the audit trail does not know."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from sqlite_utils import Database

from db.store.changes import Changes
from desktop.dbthread import DbService
from desktop.keyring_jobs import KeyringJobs
from desktop.tasks import FunctionTask, Task

if TYPE_CHECKING:
    from db.sharing import shares as sharedb
    from db.sharing.delivery_state import Plan


@dataclass(frozen=True)
class _Extra:
    """What the resident added to a package: their statement, content credentials."""

    statement: str | None = None
    content_credentials: bool = False


class ShareController(QObject):
    started = Signal(object)  # the Task, for the status bar's progress
    finished = Signal(int, str)  # request row id, what happened, in words
    failed = Signal(int, str)  # request row id, why not
    leftovers_cleaned = Signal(object)  # the partials of killed builds removed (paths)

    def __init__(
        self, dbs: DbService, ssl_context: Any = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._db = dbs
        self.ssl_context = ssl_context  # None: the system's trusted certificates
        self.task: Task | None = None
        self._jobs = KeyringJobs(dbs, self)
        self._cleaner: Task | None = None
        self._active: int | None = None  # the request whose package is being shared
        self._keying = False  # the signing key is being read (or made) for a package

    @property
    def busy(self) -> bool:
        return (
            self._active is not None
            or self._keying
            or (self.task is not None and self.task.running)
        )

    def _done(self, row_id: int, text: str) -> None:
        self._active = None
        self.finished.emit(row_id, text)

    def _failed(self, row_id: int, text: str) -> None:
        self._active = None
        self.failed.emit(row_id, text)

    def export(
        self,
        row_id: int,
        folder: Path,
        *,
        as_zip: bool,
        keep_audio: bool,
        subtitles: bool,
        burn_in_utc: bool = False,
        redact: frozenset[str] = frozenset({"masks"}),
        statement: str | None = None,
        content_credentials: bool = False,
    ) -> None:
        """Build the package into ``folder`` (a file dialog chose it). ``redact``: what
        to hide ("faces", "masks"; db.sharing.excerpt_redaction); empty: nothing.
        ``statement``: the resident's own words; ``content_credentials``: C2PA in each
        excerpt (docs/packages.md)."""
        extra = _Extra(statement, content_credentials)
        self._prepare(
            row_id,
            keep_audio,
            subtitles,
            lambda prepared: self._build(prepared, folder, as_zip, None, extra),
            burn_in_utc,
            redact,
        )

    def deliver(
        self,
        row_id: int,
        *,
        keep_audio: bool,
        subtitles: bool,
        burn_in_utc: bool = False,
        redact: frozenset[str] = frozenset({"masks"}),
        statement: str | None = None,
        content_credentials: bool = False,
    ) -> None:
        """Upload the request's package to its address: the one being delivered if there
        is one (as it was built), else a new one built in the data folder and recorded
        first."""
        extra = _Extra(statement, content_credentials)
        if self.busy:
            self.failed.emit(row_id, self.tr("a package is being built or sent already"))
            return

        def op(db: Database) -> Plan:
            from db.sharing import delivery_state

            return delivery_state.plan_delivery(
                db,
                row_id,
                now=datetime.now(UTC),
                keep_audio=keep_audio,
                subtitles=subtitles,
                burn_in_utc=burn_in_utc,
                redact=redact,
                accepted_by="window",  # the cameras' privacy masks, or the plan reviewed
            )

        def planned(plan: Plan) -> None:
            if plan.package is not None:
                self._send(plan, plan.package.path, plan.package.row)
            else:
                assert plan.prepared is not None
                self._build(plan.prepared, plan.folder, False, plan, extra)

        self._active = row_id
        self._db.submit(op, planned, lambda exc: self._failed(row_id, str(exc)))

    def clean_leftovers(self) -> None:
        """Remove, in the background, what builds killed before they finished left in
        the folder the app builds packages in (db/sharing/package_partials.py). Exports to
        other folders are cleaned up by the next export there."""
        from db.sharing.delivery_state import PACKAGES
        from db.sharing.package_partials import clean_partials
        from db.store import paths

        if self._cleaner is not None:
            return  # once a start
        task = FunctionTask(
            self.tr("removing unfinished packages"),
            lambda _p, _c: clean_partials(paths.data_dir(create=False) / PACKAGES),
        )
        task.finished.connect(self.leftovers_cleaned.emit)
        self._cleaner = task
        task.start()

    def _prepare(
        self,
        row_id: int,
        keep_audio: bool,
        subtitles: bool,
        then: Any,
        burn_in_utc: bool,
        redact: frozenset[str],
    ) -> None:
        if self.busy:
            self.failed.emit(row_id, self.tr("a package is being built or sent already"))
            return

        def op(db: Database) -> sharedb.Prepared:
            from db.sharing import shares as sharedb

            return sharedb.prepare(
                db,
                row_id,
                now=datetime.now(UTC),
                keep_audio=keep_audio,
                utc_subtitles=subtitles,
                burn_in_utc=burn_in_utc,
                redact=redact,
                accepted_by="window",  # the cameras' privacy masks, or the plan reviewed
            )

        self._db.submit(op, then, lambda exc: self.failed.emit(row_id, str(exc)))

    def _build(
        self,
        prepared: sharedb.Prepared,
        folder: Path,
        as_zip: bool,
        plan: Plan | None = None,
        extra: _Extra | None = None,
    ) -> None:
        """The signing key (made, and its making recorded, when there is none), then
        the package."""
        if extra is not None:
            spec = replace(
                prepared.spec,
                statement=extra.statement,
                content_credentials=extra.content_credentials,
            )
            prepared = replace(prepared, spec=spec)

        def ready(key: Any) -> None:
            self._keying = False
            self._build_with(prepared, folder, as_zip, plan, key.pem, key.key_id)

        def failed(message: str) -> None:
            self._keying = False
            self._failed(prepared.row_id, message)

        from db.sharing import signing_keys

        self._keying = True
        self._jobs.signing_key(
            self.tr("reading your signing key"), signing_keys.stage, ready, failed
        )

    def _build_with(
        self,
        prepared: sharedb.Prepared,
        folder: Path,
        as_zip: bool,
        plan: Plan | None,
        key: bytes,
        key_id: str,
    ) -> None:
        """Build the package (worker thread), record it (database thread); then, for a
        delivery, send it."""

        def work(progress: Any, cancel: Any) -> Path:
            from db.sharing.delivery_state import package_target
            from db.sharing.package_names import package_path
            from db.sharing.packaging import build_package

            if plan is not None:
                target = package_target(folder, prepared.request_id, datetime.now(UTC))
            else:
                stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
                target = package_path(folder, prepared.request_id, stamp, as_zip=as_zip)
            return build_package(
                prepared.spec,
                target,
                signing_key_pem=key,
                key_id=key_id,
                as_zip=as_zip,
                progress=progress,
                cancel=cancel,
            )

        row_id = prepared.row_id
        title = self.tr("building the package")
        self._run(title, work, row_id, lambda path: self._built(row_id, path, plan))

    def _run(self, title: str, work: Any, row_id: int, then: Any) -> None:
        task = FunctionTask(title, work)

        # The thread has returned from its work when these arrive: joining it makes
        # ``busy`` false before anyone hears the outcome (and may start the next one).
        def finished(result: object) -> None:
            task.wait()
            then(result)

        def failed(message: str) -> None:
            task.wait()
            self._failed(row_id, message)

        task.finished.connect(finished)
        task.failed.connect(failed)
        self.task = task
        self.started.emit(task)
        task.start()

    def _built(self, row_id: int, path: Path | None, plan: Plan | None) -> None:
        if path is None:
            self._failed(row_id, self.tr("cancelled: nothing was kept or sent"))
            return

        def op(db: Database) -> int:
            now = datetime.now(UTC)
            from db.sharing import shares as sharedb

            return sharedb.record_package(db, row_id, path, now=now)

        def recorded(package_row: int) -> None:
            if plan is None:
                self._done(row_id, self.tr("Package written to {path}.").format(path=path))
            else:
                self._send(plan, path, package_row)

        self._db.submit_op(
            op, _shared(row_id), recorded, lambda exc: self._failed(row_id, str(exc))
        )

    def _send(self, plan: Plan, path: Path, package_row: int) -> None:
        """Upload a recorded package (worker thread), then record the delivery."""
        row_id = plan.row_id

        def work(progress: Any, cancel: Any) -> Any:
            from db.keys import credentials
            from db.sharing.delivery import deliver

            token = credentials.get_upload_token(plan.url)
            return deliver(
                path,
                plan.url,
                token=token,
                ssl_context=self.ssl_context,
                progress=progress,
                cancel=cancel,
            )

        def sent(receipt: Any) -> None:
            def op(db: Database) -> str:
                from db.sharing import delivery_state

                return delivery_state.record_sent(
                    db, plan, package_row, receipt, now=datetime.now(UTC)
                )

            self._db.submit_op(
                op,
                _shared(row_id),
                lambda text: self._done(row_id, text),
                lambda exc: self._failed(row_id, str(exc)),
            )

        self._run(self.tr("delivering the package"), work, row_id, sent)

    def shutdown(self) -> None:
        if self._cleaner is not None:
            self._cleaner.wait()
        if self.task is not None:
            self.task.cancel()
            self.task.wait()


def _shared(row_id: int) -> Changes:
    """A package recorded or delivered: the request's status and the deliveries."""
    return Changes(request_rows=frozenset({row_id}), packages=True)
