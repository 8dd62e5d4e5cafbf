"""Building and delivering a request's share package from the window. Each step runs
where it belongs: preparing and recording on the database thread, cutting video and
uploading on a worker thread (a Task, with progress and cancel in the status bar),
the keyring on the worker thread too."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from sqlite_utils import Database

from db import paths
from desktop.dbthread import DbService
from desktop.tasks import FunctionTask, Task

if TYPE_CHECKING:
    from db import sharing as sharedb


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
        self._new_key: str | None = None  # a signing key made for this package
        self._cleaner: Task | None = None

    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.running

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

    def clean_leftovers(self) -> None:
        """Remove, in the background, what builds killed before they finished left in
        the folder the app builds packages in (db/package_partials.py). Exports to
        other folders are cleaned up by the next export there."""
        from db.package_partials import clean_partials

        if self._cleaner is not None:
            return  # once a start
        task = FunctionTask(
            "removing unfinished packages",
            lambda _p, _c: clean_partials(paths.data_dir() / "packages"),
        )
        task.finished.connect(self.leftovers_cleaned.emit)
        self._cleaner = task
        task.start()

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
        def work(progress: Any, cancel: Any) -> tuple[Path, Any]:
            from db import credentials
            from db.delivery import deliver
            from db.package_names import package_path
            from db.packaging import build_package

            existed = credentials.signing_key(create=False) is not None
            found = credentials.signing_key()
            assert found is not None
            key, key_id = found
            self._new_key = None if existed else key_id
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            path = build_package(
                prepared.spec,
                package_path(folder, prepared.request_id, stamp, as_zip=as_zip),
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
        task.finished.connect(lambda result: self._built(prepared.row_id, result))
        task.failed.connect(lambda message: self.failed.emit(prepared.row_id, message))
        self.task = task
        self.started.emit(task)
        task.start()

    def _built(self, row_id: int, result: Any) -> None:
        if result is None:
            self.failed.emit(row_id, "cancelled: nothing was kept or sent")
            return
        path, receipt = result

        new_key, self._new_key = self._new_key, None

        def op(db: Database) -> str:
            now = datetime.now(UTC)
            if new_key is not None:
                from db import audit

                audit.credential_changed(db, "signing key", new_key, "created", now=now)
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
        if self._cleaner is not None:
            self._cleaner.wait()
        if self.task is not None:
            self.task.cancel()
            self.task.wait()
