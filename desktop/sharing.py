"""Building and delivering a request's share package from the window. Each step runs
where it belongs: preparing and recording on the database thread, cutting video and
uploading on a worker thread (a Task, with progress and cancel in the status bar),
the keyring on a worker thread too. The signing key comes first: made if there is
none, and then kept only with its audit entry (desktop.keyring_jobs), so a package is
never built with a key the audit trail does not know."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from sqlite_utils import Database

from db import paths
from desktop.dbthread import DbService
from desktop.keyring_jobs import KeyringJobs
from desktop.tasks import FunctionTask, Task

if TYPE_CHECKING:
    from db import sharing as sharedb


class ShareController(QObject):
    started = Signal(object)  # the Task, for the status bar's progress
    finished = Signal(int, str)  # request row id, what happened, in words
    failed = Signal(int, str)  # request row id, why not

    def __init__(
        self, dbs: DbService, ssl_context: Any = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._db = dbs
        self.ssl_context = ssl_context  # None: the system's trusted certificates
        self.task: Task | None = None
        self._jobs = KeyringJobs(dbs, self)
        self._keying = False  # the signing key is being read (or made) for a package

    @property
    def busy(self) -> bool:
        return self._keying or (self.task is not None and self.task.running)

    def export(
        self, row_id: int, folder: Path, *, as_zip: bool, keep_audio: bool, subtitles: bool
    ) -> None:
        """Build the package into ``folder`` (a file dialog chose it)."""
        self._prepare(
            row_id,
            keep_audio,
            subtitles,
            lambda prepared: self._build(prepared, folder, as_zip, deliver_to=None),
        )

    def deliver(self, row_id: int, *, keep_audio: bool, subtitles: bool) -> None:
        """Build the package in the data folder and upload it to the request's address."""

        def then(prepared: sharedb.Prepared) -> None:
            from db import sharing as sharedb

            try:
                url = sharedb.delivery_url(prepared.delivery)
            except sharedb.SharingError as exc:
                self.failed.emit(row_id, str(exc))
                return
            folder = paths.data_dir() / "packages"
            folder.mkdir(parents=True, exist_ok=True)
            self._build(prepared, folder, False, deliver_to=url)

        self._prepare(row_id, keep_audio, subtitles, then)

    def _prepare(self, row_id: int, keep_audio: bool, subtitles: bool, then: Any) -> None:
        if self.busy:
            self.failed.emit(row_id, "a package is being built or sent already")
            return

        def op(db: Database) -> sharedb.Prepared:
            from db import sharing as sharedb

            return sharedb.prepare(
                db, row_id, now=datetime.now(UTC), keep_audio=keep_audio, utc_subtitles=subtitles
            )

        self._db.submit(op, then, lambda exc: self.failed.emit(row_id, str(exc)))

    def _build(
        self, prepared: sharedb.Prepared, folder: Path, as_zip: bool, deliver_to: str | None
    ) -> None:
        """The signing key (made, and its making recorded, when there is none), then
        the package."""

        def ensure() -> tuple[tuple[bytes, str, bool], Any]:
            from db import credentials

            key, key_id, made = credentials.ensure_signing_key()
            return (key, key_id, made is not None), made

        def record(db: Database, found: tuple[bytes, str, bool]) -> tuple[bytes, str]:
            key, key_id, made = found
            if made:
                from db import audit

                audit.credential_changed(
                    db, "signing key", key_id, "created", now=datetime.now(UTC)
                )
            return key, key_id

        def ready(found: tuple[bytes, str]) -> None:
            self._keying = False
            self._build_with(prepared, folder, as_zip, deliver_to, *found)

        def failed(message: str) -> None:
            self._keying = False
            self.failed.emit(prepared.row_id, message)

        self._keying = True
        self._jobs.change("reading your signing key", ensure, record, ready, failed)

    def _build_with(
        self,
        prepared: sharedb.Prepared,
        folder: Path,
        as_zip: bool,
        deliver_to: str | None,
        key: bytes,
        key_id: str,
    ) -> None:
        def work(progress: Any, cancel: Any) -> tuple[Path, Any]:
            from db import credentials
            from db.delivery import deliver
            from db.packaging import build_package

            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            name = f"doorstep-{prepared.request_id}-{stamp}" + (".zip" if as_zip else "")
            path = build_package(
                prepared.spec,
                folder / name,
                signing_key_pem=key,
                key_id=key_id,
                as_zip=as_zip,
                progress=progress,
                cancel=cancel,
            )
            if deliver_to is None:
                return path, None
            token = credentials.get_upload_token(deliver_to)
            receipt = deliver(
                path,
                deliver_to,
                token=token,
                ssl_context=self.ssl_context,
                progress=progress,
                cancel=cancel,
            )
            return path, receipt

        title = "delivering the package" if deliver_to else "building the package"
        task = FunctionTask(title, work)
        # The thread has returned from its work when these arrive: joining it makes
        # ``busy`` false before anyone hears the outcome (and may start the next one).
        task.finished.connect(lambda result: (task.wait(), self._built(prepared.row_id, result)))
        task.failed.connect(
            lambda message: (task.wait(), self.failed.emit(prepared.row_id, message))
        )
        self.task = task
        self.started.emit(task)
        task.start()

    def _built(self, row_id: int, result: Any) -> None:
        if result is None:
            self.failed.emit(row_id, "cancelled: nothing was kept or sent")
            return
        path, receipt = result

        def op(db: Database) -> str:
            now = datetime.now(UTC)
            from db import sharing as sharedb

            package_id = sharedb.record_package(db, row_id, path, now=now)
            if receipt is None:
                return f"Package written to {path}."
            sharedb.record_delivery(
                db,
                package_id,
                receipt.url,
                receipt.package_id,
                len(receipt.confirmed),
                receipt.bytes_sent,
                now=now,
            )
            return (
                f"Delivered {len(receipt.confirmed)} file(s) to {receipt.url}; the service "
                "confirmed each one."
            )

        self._db.submit(
            op,
            lambda text: self.finished.emit(row_id, text),
            lambda exc: self.failed.emit(row_id, str(exc)),
        )

    def shutdown(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task.wait()
