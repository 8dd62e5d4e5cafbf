"""Retention follow-up: footage the resident delivered to agencies that stated how long
they would keep it. Lists each delivery (those whose period has ended first), drafts a
deletion request for the selected one, copies it or saves it as a PDF
(db/sharing/retention.py; docs/retention.md).

The reminder that tells the window when a period has ended is in
desktop/retention_reminder.py.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QIODevice,
    QLocale,
    QMarginsF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from db.sharing.retention import (
    RetentionItem,
    case_text,
    draft_deletion_request,
    format_day,
    retention_items,
)
from db.store.changes import Changes
from db.store.fileio import write_atomically
from db.words.timewords import local_text
from desktop.dbthread import DbService
from desktop.retention_reminder import Clock, utc_now
from desktop.tasks import FunctionTask

log = logging.getLogger(__name__)

ItemRole = Qt.ItemDataRole.UserRole + 1
# 72 characters of a fixed-pitch font at this size fit between 2 cm margins on A4 and Letter.
PDF_POINT_SIZE = 10.0

# Tasks writing files, kept alive here (not by a dialog that may close first) until
# their thread has finished.
_running: set[FunctionTask] = set()


# -- PDF --------------------------------------------------------------------------------
def render_pdf(text: str, title: str = "Deletion request") -> bytes:
    """A PDF of plain ``text`` (A4, or Letter where the locale measures in US units),
    in memory, in a fixed-pitch font so that lines and checksums stay as written; a
    2 cm margin and page numbers. GUI thread: it lays out text with the app's fonts."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("Doorstep")
    us = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    size = QPageSize.PageSizeId.Letter if us else QPageSize.PageSizeId.A4
    writer.setPageSize(QPageSize(size))
    # QTextDocument.print_ adds a 2 cm margin of its own around the text.
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    document = QTextDocument()
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(PDF_POINT_SIZE)
    document.setDefaultFont(font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setPlainText(text)
    document.print_(writer)  # paints every page and ends the painter: the PDF is complete
    del writer
    buffer.close()
    return bytes(buffer.data().data())


def write_pdf(text: str, path: Path) -> None:
    """Write ``text`` as a PDF to ``path`` (temporary file, then rename). GUI thread."""
    write_atomically(Path(path), render_pdf(text))


def _pdf_name(item: RetentionItem) -> str:
    case = item.case_number or item.request_id[:8]
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in case).strip("-.")
    return f"deletion-request-{safe or 'request'}.pdf"


def item_label(item: RetentionItem) -> str:
    """One line for the list (the day on the computer's clock, as every time in the
    window; the letter to the agency says it in UTC)."""
    day = format_day(item.ends_at.astimezone().date())
    when = (
        QCoreApplication.translate("RetentionDialog", "retention period ended on {day}")
        if item.due
        else QCoreApplication.translate("RetentionDialog", "ends on {day}")
    ).format(day=day)
    return QCoreApplication.translate(
        "RetentionDialog", "{agency} — case number: {case} — {when}"
    ).format(agency=item.agency_name, case=case_text(item), when=when)


# -- the dialog -------------------------------------------------------------------------
class RetentionDialog(QDialog):
    """Deliveries with a stated retention period and a drafted deletion request."""

    loaded = Signal(object)  # list[RetentionItem], in the order shown
    pdf_saved = Signal(str)  # the path written
    failed = Signal(str)  # a load or save failed; the message is also shown

    def __init__(
        self,
        dbs: DbService,
        parent: QWidget | None = None,
        *,
        clock: Clock | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Retention follow-up"))
        self.resize(760, 640)
        self._db = dbs
        self._clock = clock or utc_now
        self._today = today or date.today
        self.items: list[RetentionItem] = []
        self.save_dialog: QFileDialog | None = None

        intro = QLabel(
            self.tr(
                "Agencies that stated how long they keep footage: once that period has "
                "ended, you can ask them to delete every copy. Nothing is sent from here: "
                "copy the letter into an email, or save it as a PDF and send it yourself."
            )
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Deliveries with a retention period"))
        self.list.currentRowChanged.connect(self._show)
        self.empty = QLabel(
            self.tr(
                "No footage you delivered came with a stated retention period, so there is "
                "nothing to follow up."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.name = QLineEdit()
        self.name.setPlaceholderText(
            self.tr("Your name, to sign the letter (optional; not stored)")
        )
        self.name.textChanged.connect(lambda _text: self._show(self.list.currentRow()))
        self.letter = QPlainTextEdit()
        self.letter.setReadOnly(True)
        self.letter.setAccessibleName(self.tr("The deletion request"))
        self.letter.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.letter.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.copy_button = QPushButton(self.tr("Copy text"))
        self.copy_button.clicked.connect(self.copy_text)
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.pdf_button.clicked.connect(self.choose_pdf_path)
        self.status = QLabel()
        self.status.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        name_row = QHBoxLayout()
        sign_as = QLabel(self.tr("Sign as:"))
        sign_as.setBuddy(self.name)
        name_row.addWidget(sign_as)
        name_row.addWidget(self.name, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(name_row)
        layout.addWidget(self.letter, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self._set_enabled(False)
        self.reload()

    # -- loading ----------------------------------------------------------------------
    @staticmethod
    def shows(changes: Changes) -> bool:
        """What it shows (desktop/refresher.py reloads it after such changes)."""
        return changes.packages

    def reload(self) -> None:
        now = self._clock()
        self.status.setText(self.tr("Reading your deliveries…"))
        self._db.submit(lambda db: retention_items(db, now), self._loaded, self._load_failed)

    def _loaded(self, items: list[RetentionItem]) -> None:
        if not shiboken6.isValid(self):
            return
        # Ended periods first, each group soonest first.
        self.items = sorted(items, key=lambda i: (not i.due, i.ends_at, i.package_id))
        self.list.blockSignals(True)
        self.list.clear()
        warn = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for item in self.items:
            entry = QListWidgetItem(item_label(item))
            entry.setData(ItemRole, item)
            days = item.retention_days
            entry.setToolTip(
                self.tr("Delivered on {when}, {how}; %n days stated", "", days).format(
                    when=local_text(item.delivered), how=item.how
                )
            )
            if item.due:
                entry.setIcon(warn)
                font = entry.font()
                font.setBold(True)
                entry.setFont(font)
            self.list.addItem(entry)
        self.list.blockSignals(False)
        self.empty.setVisible(not self.items)
        self.list.setVisible(bool(self.items))
        due, count = sum(1 for i in self.items if i.due), len(self.items)
        self.status.setText(
            self.tr("{due} of %n deliveries are past their retention period.", "", count).format(
                due=due
            )
            if self.items
            else ""
        )
        self.list.setCurrentRow(0 if self.items else -1)
        self._show(self.list.currentRow())
        self.loaded.emit(self.items)

    def _load_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        message = self.tr("Could not read your deliveries: {reason}").format(reason=exc)
        self.status.setText(message)
        self.failed.emit(message)

    # -- the letter -------------------------------------------------------------------
    def current_item(self) -> RetentionItem | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show(self, _row: int) -> None:
        item = self.current_item()
        if item is None:
            self.letter.setPlainText("")
            self._set_enabled(False)
            return
        self.letter.setPlainText(
            draft_deletion_request(item, self.name.text(), today=self._today())
        )
        self._set_enabled(True)

    def _set_enabled(self, on: bool) -> None:
        self.copy_button.setEnabled(on)
        self.pdf_button.setEnabled(on)

    def letter_text(self) -> str:
        return self.letter.toPlainText()

    def copy_text(self) -> None:
        if self.current_item() is None:
            return
        QGuiApplication.clipboard().setText(self.letter_text())
        self.status.setText(self.tr("The letter is on the clipboard."))

    # -- PDF --------------------------------------------------------------------------
    def choose_pdf_path(self) -> QFileDialog | None:
        item = self.current_item()
        if item is None:
            return None
        dialog = QFileDialog(self, self.tr("Save the deletion request as PDF"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter(self.tr("PDF documents (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(_pdf_name(item))
        dialog.fileSelected.connect(lambda path: self.save_pdf(Path(path)))
        dialog.open()
        self.save_dialog = dialog
        return dialog

    def save_pdf(self, path: Path) -> None:
        """Lay the letter out as a PDF here (small), write the file on a worker."""
        if self.current_item() is None:
            return
        try:
            data = render_pdf(self.letter_text())
        except Exception as exc:  # a PDF that cannot be made is reported, not raised
            self._save_failed(f"{exc}")
            return
        self.status.setText(self.tr("Saving {name}…").format(name=path.name))
        target = Path(path)

        def work(_progress: Any, _cancel: threading.Event) -> str:
            write_atomically(target, data)
            return str(target)

        task = FunctionTask(self.tr("saving the deletion request"), work)
        task.finished.connect(self._saved)
        task.failed.connect(self._save_failed)
        task.finished.connect(lambda _r, t=task: _forget(t))
        task.failed.connect(lambda _m, t=task: _forget(t))
        _running.add(task)
        task.start()

    def _saved(self, path: str) -> None:
        if not shiboken6.isValid(self):
            return
        self.status.setText(self.tr("Saved the letter as {path}.").format(path=path))
        self.pdf_saved.emit(path)

    def _save_failed(self, message: str) -> None:
        if not shiboken6.isValid(self):
            return
        text = self.tr("Could not save the PDF: {reason}").format(reason=message)
        self.status.setText(text)
        self.failed.emit(text)


def _forget(task: FunctionTask) -> None:
    task.wait()
    _running.discard(task)


# -- the reminder ---------------------------------------------------------------------
