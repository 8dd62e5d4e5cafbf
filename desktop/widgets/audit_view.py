"""The audit trail view: every recorded action, newest first, filtered by request,
agency, action and time, and exported to CSV or JSON."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import cast

from PySide6.QtCore import QDateTime
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from db.audit import trail as audit
from db.audit.trail import AuditFilter
from db.store.fileio import write_atomically
from db.store.timeutil import to_utc_text
from desktop.dbthread import DbService
from desktop.fitting import FlowLayout
from desktop.models.audit import ACTIONS, AuditModel, SeqRole, action_text


def write_export(db: Database, path: Path, fmt: str, filt: AuditFilter) -> int:
    """Write the (filtered) trail to ``path``: temp file, then rename (database thread)."""
    text = audit.export_json(db, filt) if fmt == "json" else audit.export_csv(db, filt)
    write_atomically(path, text.encode("utf-8"))
    return len(text)


class AuditView(QWidget):
    def __init__(self, dbs: DbService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = dbs
        self.model = AuditModel(dbs, self)
        self.request = QLineEdit()
        self.request.setPlaceholderText(self.tr("Request id"))
        self.request.setAccessibleName(self.tr("Request id"))
        self.agency = QComboBox()
        self.agency.setAccessibleName(self.tr("Agency"))
        self.agency.addItem(self.tr("All agencies"), None)
        self.action = QComboBox()
        self.action.setAccessibleName(self.tr("Action"))
        self.action.addItem(self.tr("All actions"), None)
        for name in ACTIONS:
            words = action_text(name)
            self.action.addItem(words[:1].upper() + words[1:], name)
        self.use_since = QCheckBox(self.tr("From"))
        self.use_since.setAccessibleName(self.tr("Only entries from a time on"))
        self.since = QDateTimeEdit(QDateTime.currentDateTime().addDays(-30))
        self.since.setAccessibleName(self.tr("Entries from"))
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd HH:mm")  # as the clips' time filter
        # Greyed while it does not filter, as the clips' dates are.
        self.since.setEnabled(False)
        self.use_since.toggled.connect(self.since.setEnabled)
        self.apply_button = QPushButton(self.tr("Apply"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setAccessibleName(self.tr("Export the audit trail"))
        self.count = QLabel()
        for signal in (
            self.agency.currentIndexChanged,
            self.action.currentIndexChanged,
            self.use_since.toggled,
        ):
            signal.connect(lambda *_: self.apply())
        self.request.returnPressed.connect(self.apply)
        self.apply_button.clicked.connect(self.apply)
        self.export_button.clicked.connect(self._export)
        bar = FlowLayout()  # large text: the filters go onto more lines
        bar.addWidget(self.request)
        bar.addWidget(self.agency)
        bar.addWidget(self.action)
        bar.addWidget(self.use_since)
        bar.addWidget(self.since)
        bar.addWidget(self.apply_button)
        bar.addStretch()
        bar.addWidget(self.count)
        bar.addWidget(self.export_button)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setAccessibleName(self.tr("Audit trail"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The time ("2026-12-01 21:05:39", the computer's clock) in full.
        when = self.table.fontMetrics().horizontalAdvance("2026-12-01 21:05:39") + 16
        for column, width in enumerate((60, when, 150, 120, 100, 60, 60)):
            self.table.setColumnWidth(column, width)
        self.message = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.model.loaded.connect(self._show_count)
        self._stale = False  # entries were written while the tab was hidden
        self._keep: int | None = None  # the selected entry, to select again after a reload

    def _show_count(self) -> None:
        n = self.model.rowCount()
        self.count.setText(self.tr("%Ln entries", "", n))
        if self._keep is not None:
            row = self.model.row_of(self._keep)
            self._keep = None
            if row is not None:
                self.table.selectRow(row)

    def follow(self, _seq: int) -> None:
        """The window wrote audit entries (``DbService.audit_changed``): show them, with
        the filter last applied, now if the tab is on screen, else when it is next
        shown (reading the trail again for a hidden tab is work nobody sees)."""
        if not self.isVisible():
            self._stale = True
            return
        rows = self.table.selectionModel().selectedRows()
        self._keep = rows[0].data(SeqRole) if rows else None
        self.model.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.follow(0)

    def start(self) -> None:
        def agencies(db: Database) -> list[tuple[str, str]]:
            return [(r[0], r[1]) for r in db.execute("SELECT id, name FROM agencies ORDER BY name")]

        self._db.submit(agencies, self._fill_agencies)
        self.apply()

    def _fill_agencies(self, rows: list[tuple[str, str]]) -> None:
        current = self.agency.currentData()
        self.agency.blockSignals(True)
        self.agency.clear()
        self.agency.addItem(self.tr("All agencies"), None)
        for agency_id, name in rows:
            self.agency.addItem(name, agency_id)
        self.agency.setCurrentIndex(max(0, self.agency.findData(current)))
        self.agency.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        since = None
        if self.use_since.isChecked():
            # toPython() is typed as object; a QDateTime gives a datetime.
            chosen = cast(datetime, self.since.dateTime().toPython())
            since = to_utc_text(chosen.astimezone())
        return AuditFilter(
            request_id=self.request.text().strip() or None,
            agency_id=self.agency.currentData(),
            action=self.action.currentData(),
            since=since,
        )

    def apply(self) -> None:
        self.model.refresh(self.current_filter())

    def _export(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the audit trail"),
            "doorstep-audit.csv",
            self.tr("CSV (*.csv);;JSON (*.json)"),
        )
        if path:
            fmt = "json" if path.endswith(".json") or "JSON" in chosen else "csv"
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> None:
        filt = self.current_filter()
        self._db.submit(
            lambda db: write_export(db, path, fmt, filt),
            lambda _n: self.message.setText(
                self.tr("Audit trail written to {path}.").format(path=path)
            ),
            lambda exc: self.message.setText(self.tr("Not written: {reason}").format(reason=exc)),
        )
