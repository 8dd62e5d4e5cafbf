"""Hand over…: a request's package given to the agency outside Doorstep, through its
web portal, on a USB drive or in person, and the record of it (docs/packages.md,
"Handing a package over").

Reads and the record run on the database thread (the record with the ``Changes`` it
makes); the portal's files, the encrypted zip and the plain copy are written on a worker
thread (a FunctionTask) with progress and cancel; workers never touch widgets."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from db.store.changes import Changes
from desktop.dbthread import DbService, while_alive
from desktop.tasks import FunctionTask
from desktop.widgets.password_dialog import PasswordDialog

PORTAL, USB, IN_PERSON = "portal", "usb", "in_person"
CHOICES = (  # in English; shown translated
    (PORTAL, str(QT_TRANSLATE_NOOP("HandoverDialog", "Upload it to the agency's portal"))),
    (USB, str(QT_TRANSLATE_NOOP("HandoverDialog", "Give it on a USB drive"))),
    (IN_PERSON, str(QT_TRANSLATE_NOOP("HandoverDialog", "Hand it over in person"))),
)
RECORD_WORDS = {
    PORTAL: str(QT_TRANSLATE_NOOP("HandoverDialog", "I uploaded it: record the hand-over")),
    USB: str(QT_TRANSLATE_NOOP("HandoverDialog", "I handed the drive over: record it")),
    IN_PERSON: str(QT_TRANSLATE_NOOP("HandoverDialog", "I handed it over: record it")),
}


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class HandoverDialog(QDialog):
    """One request's hand-over. ``recorded`` carries the request row once recorded."""

    loaded = Signal()
    prepared = Signal(object)  # the PortalUpload, or the drive's copy (Path)
    work_failed = Signal(str)
    recorded = Signal(int)

    def __init__(self, dbs: DbService, row_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hand over the package"))
        self._db = dbs
        self.row_id = row_id
        self.package: Any = None  # db.sharing.handover.CurrentPackage
        self.portal_url: str | None = None
        self.task: FunctionTask | None = None
        self.upload_folder: Path | None = None
        self.encrypted_sha256: str | None = None
        self.password_dialog: PasswordDialog | None = None

        self.heading = _wrapped(self.tr("Reading the request's package…"))
        self.choice = QButtonGroup(self)
        choices = QVBoxLayout()
        for index, (_key, words) in enumerate(CHOICES):
            button = QRadioButton(self.tr(words))
            self.choice.addButton(button, index)
            choices.addWidget(button)
        self.choice.button(0).setChecked(True)
        # One page per choice, only the chosen one shown: the dialog then fits its
        # wrapped text (a stacked widget keeps the largest page's height and clips).
        self.pages = [
            self._portal_page(),
            self._usb_page(),
            _wrapped(
                self.tr(
                    "Give the agency the package as exported (a folder or zip on any medium "
                    "they accept), then record when and to whom below."
                )
            ),
        ]
        for page in self.pages[1:]:
            page.setVisible(False)
        self.choice.idToggled.connect(self._chosen)

        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress of the writing"))
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)

        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setMaximumDateTime(QDateTime.currentDateTime())
        self.recipient = QLineEdit()
        self.recipient.setPlaceholderText(self.tr("optional: a name, a badge number"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("optional: a reference number, where it happened"))
        form = QFormLayout()
        form.addRow(self.tr("When"), self.when)
        form.addRow(self.tr("To whom"), self.recipient)
        form.addRow(self.tr("Note"), self.note)
        self.record_button = QPushButton(self.tr(RECORD_WORDS[PORTAL]))
        self.record_button.clicked.connect(self.record)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.close_button)
        self.status = _wrapped("")

        box = QVBoxLayout(self)
        box.addWidget(self.heading)
        box.addLayout(choices)
        for page in self.pages:
            box.addWidget(page)
        box.addLayout(busy)
        box.addWidget(QLabel(self.tr("<b>Then record the hand-over</b>")))
        box.addWidget(
            _wrapped(
                self.tr(
                    "The request's retention period is counted from this date, and "
                    "your decisions become final."
                )
            )
        )
        box.addLayout(form)
        box.addWidget(self.status)
        box.addLayout(buttons)
        box.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(560)
        self._set_enabled(False)
        self._load()

    # -- pages ---------------------------------------------------------------------------
    def _portal_page(self) -> QWidget:
        from db.sharing.portal_upload import AXON
        from db.words.units import file_size

        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(
            _wrapped(
                self.tr(
                    "{portal} takes at most %n files of {size} each, {total} in all. "
                    "Doorstep writes the files to upload into a folder you choose: one zip, "
                    "or parts that the receiver checks together.",
                    "",
                    AXON.max_files,
                ).format(
                    portal=AXON.name,
                    size=file_size(AXON.max_file_bytes),
                    total=file_size(AXON.max_total_bytes),
                )
            )
        )
        self.prepare_button = QPushButton(self.tr("Prepare the upload files…"))
        self.prepare_button.clicked.connect(self._choose_upload_folder)
        self.open_portal = QPushButton(self.tr("Open the portal"))
        self.open_portal.clicked.connect(self._open_portal)
        self.open_folder = QPushButton(self.tr("Open the folder"))
        self.open_folder.setAccessibleName(self.tr("Open the folder of the upload files"))
        self.open_folder.setEnabled(False)
        self.open_folder.clicked.connect(self._open_folder)
        row = QHBoxLayout()
        for button in (self.prepare_button, self.open_portal, self.open_folder):
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        self.upload_files = _wrapped("")
        self.upload_files.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.upload_files.setAccessibleName(self.tr("The files to upload"))
        box.addWidget(self.upload_files)
        return page

    def _usb_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        self.encrypt = QCheckBox(self.tr("Encrypt it (an AES-256 zip; the password is shown once)"))
        self.encrypt.setChecked(True)
        self.encrypt.setToolTip(self.tr("Anyone who finds a lost drive cannot open the footage"))
        box.addWidget(self.encrypt)
        self.write_button = QPushButton(self.tr("Write to a folder or drive…"))
        self.write_button.clicked.connect(self._choose_drive)
        row = QHBoxLayout()
        row.addWidget(self.write_button)
        row.addStretch(1)
        box.addLayout(row)
        self.drive_result = _wrapped("")
        self.drive_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.drive_result.setAccessibleName(self.tr("What was written to the drive"))
        box.addWidget(self.drive_result)
        return page

    def method(self) -> str:
        return CHOICES[max(0, self.choice.checkedId())][0]

    def _chosen(self, index: int, checked: bool) -> None:
        if checked:
            for number, page in enumerate(self.pages):
                page.setVisible(number == index)
            self.record_button.setText(self.tr(RECORD_WORDS[CHOICES[index][0]]))
            self.adjustSize()

    # -- reading -------------------------------------------------------------------------
    def _load(self) -> None:
        row_id = self.row_id

        def read(db: Database) -> tuple[Any, str | None, str]:
            from db.sharing.handover import current_package, portal_link

            found = current_package(db, row_id)
            label = db.execute(
                "SELECT a.name, r.case_number FROM requests r JOIN agencies a "
                "ON a.id = r.agency_id WHERE r.id = ?",
                [row_id],
            ).fetchone()
            case = (
                self.tr("case {number}").format(number=label[1])
                if label and label[1]
                else self.tr("no case number")
            )
            words = f"{label[0]}, {case}" if label else self.tr("this request")
            return found, portal_link(db, row_id), words

        self._db.submit(read, while_alive(self, self._loaded), abandon_on_close=True)

    def _loaded(self, result: tuple[Any, str | None, str]) -> None:
        self.package, self.portal_url, words = result
        e = html.escape
        if self.package is None:
            said = self.tr(
                "No package is built for this request yet: export it first (Export package…)."
            )
        elif self.package.method is not None:
            said = self.tr("This package was {how} on {when}.").format(
                how=self.method_words(self.package.method), when=e(self.package.handed_at)
            )
        else:
            said = self.tr("Package <tt>{name}</tt>, built {when} UTC.").format(
                name=e(self.package.path.name),
                when=e(self.package.created_at[:16].replace("T", " ")),
            )
            self._set_enabled(True)
        self.heading.setText(f"<b>{e(words)}</b><br>{said}")
        self.open_portal.setEnabled(self.portal_url is not None)
        self.open_portal.setToolTip(
            self.portal_url
            or self.tr("The request names no portal link: use the link the agency sent")
        )
        self.adjustSize()  # the heading's lines are known now: room for every line
        self.loaded.emit()

    def method_words(self, method: str) -> str:
        """How the package went, as db.sharing.handover.METHOD_WORDS says it (English,
        for the records), in the window's language."""
        words = {
            PORTAL: self.tr("uploaded through the agency's portal"),
            USB: self.tr("handed over on a USB drive"),
            IN_PERSON: self.tr("handed over in person"),
        }
        return words.get(method, method)

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.prepare_button, self.write_button, self.record_button):
            widget.setEnabled(on)

    # -- the portal ----------------------------------------------------------------------
    def _choose_upload_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the upload files"))
        if folder:
            self.prepare_upload(Path(folder))

    def prepare_upload(self, folder: Path) -> None:
        """Write the portal's files into ``folder`` on a worker."""
        from db.sharing.portal_upload import AXON, prepare_portal_upload

        package = self.package.path

        def work(progress: Any, cancel: Any) -> Any:
            return prepare_portal_upload(package, folder, AXON, progress=progress, cancel=cancel)

        self._run(self.tr("preparing the upload files"), work, self._upload_ready)

    def _upload_ready(self, upload: Any) -> None:
        from db.words.units import file_size

        self.upload_folder = upload.folder
        self.open_folder.setEnabled(True)
        lines = "".join(
            f"<br>&nbsp;&nbsp;<tt>{html.escape(p.name)}</tt> ({file_size(p.stat().st_size)})"
            for p in upload.files
        )
        count = len(upload.files)
        self.upload_files.setText(
            self.tr("Upload these %n files from <tt>{folder}</tt>:", "", count).format(
                folder=html.escape(str(upload.folder))
            )
            + lines
        )
        self.prepared.emit(upload)

    def _open_portal(self) -> None:
        if self.portal_url:
            QDesktopServices.openUrl(QUrl(self.portal_url))

    def _open_folder(self) -> None:
        if self.upload_folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.upload_folder)))

    # -- a drive -------------------------------------------------------------------------
    def _choose_drive(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder or drive to write the package to")
        )
        if folder:
            self.write_to(Path(folder), self.encrypt.isChecked())

    def write_to(self, folder: Path, encrypt: bool) -> None:
        """Write the package to ``folder`` on a worker: an encrypted zip (its password
        shown once) or a plain copy."""
        package = self.package.path

        def work(progress: Any, cancel: Any) -> Any:
            if not encrypt:
                from db.sharing.package_files import copy_package

                return copy_package(package, folder, progress=progress, cancel=cancel)
            from db.sharing.encrypted_zip import package_name, sha256_file, write_encrypted_zip

            dest = folder / f"{package_name(package)}-encrypted.zip"
            path, password = write_encrypted_zip(package, dest, progress=progress, cancel=cancel)
            digest, size = sha256_file(path)
            return path, password, digest, size

        self._run(self.tr("writing the package"), work, self._written)

    def _written(self, result: Any) -> None:
        if isinstance(result, Path):
            self.drive_result.setText(
                self.tr("Copied to <tt>{path}</tt> (not encrypted).").format(
                    path=html.escape(str(result))
                )
            )
            self.prepared.emit(result)
            return
        path, password, digest, size = result
        self.encrypted_sha256 = digest
        package_id = self.package.package_id

        def audit(db: Database) -> None:
            from db.sharing.handover import record_encrypted_zip

            record_encrypted_zip(db, package_id, path, digest, size, now=datetime.now(UTC))

        not_recorded = self.tr("Not recorded: {reason}")
        self._db.submit(
            audit, None, lambda exc: self.status.setText(not_recorded.format(reason=exc))
        )
        self.drive_result.setText(
            self.tr("Encrypted zip written to <tt>{path}</tt>.").format(path=html.escape(str(path)))
            + f"<br>SHA-256 <tt>{digest}</tt>"
        )
        self.show_password(password, str(path))
        self.prepared.emit(path)

    def show_password(self, password: str, where: str) -> None:
        dialog = PasswordDialog(password, where, self)
        self.password_dialog = dialog
        dialog.open()

    # -- the worker ----------------------------------------------------------------------
    def _run(self, title: str, work: Any, then: Any) -> None:
        if self.task is not None and self.task.running:
            return
        task = FunctionTask(title, work)

        def finished(result: object) -> None:
            task.wait()
            self._busy(False)
            self.status.clear()
            if result is not None:
                then(result)
            self.adjustSize()

        def failed(message: str) -> None:
            task.wait()
            self._busy(False)
            self.status.setText(self.tr("Not written: {reason}").format(reason=message))
            self.work_failed.emit(message)

        task.progress.connect(self._progress)
        task.finished.connect(finished)
        task.failed.connect(failed)
        self.task = task
        self._busy(True)
        self.status.setText(title[:1].upper() + title[1:] + "…")
        task.start()

    def _progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(min(done, total))
        self.progress.setFormat(f"%p%  {what}")

    def _busy(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on)
        self.progress.setValue(0)
        self._set_enabled(not on and self.package is not None and self.package.method is None)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    # -- the record ----------------------------------------------------------------------
    def record(self) -> None:
        if self.package is None:
            return
        package_id, row_id, method = self.package.package_id, self.row_id, self.method()
        handed_at = datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch(), UTC)
        recipient, note = self.recipient.text(), self.note.text()
        digest = self.encrypted_sha256 if method != PORTAL else None

        def op(db: Database) -> int:
            from db.sharing.handover import record_handover

            now = datetime.now(UTC)
            return record_handover(
                db,
                package_id,
                method=method,
                handed_at=min(handed_at, now),  # the minute typed may be this one
                recipient=recipient,
                note=note,
                encrypted_sha256=digest,
                now=now,
            )

        def done(_row: int) -> None:
            self.status.setText(
                self.tr("Recorded: the package was {how}.").format(how=self.method_words(method))
            )
            self._set_enabled(False)
            self.close_button.setText(self.tr("Done"))
            self.recorded.emit(row_id)

        def failed(exc: BaseException) -> None:
            self.status.setText(self.tr("Not recorded: {reason}").format(reason=exc))

        changes = Changes(request_rows=frozenset({row_id}), packages=True)
        self._db.submit_op(op, changes, done, failed)

    def done(self, result: int) -> None:  # closing stops the worker first
        if self.task is not None:
            self.task.cancel()
            self.task.wait()
        super().done(result)
