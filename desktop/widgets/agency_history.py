"""Each agency's record: every request it sent (edited and withdrawn versions
included), local figures that never leave this computer, and its areas over time on
the map."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from db.audit.history import AgencyFigures, HistoryEntry, agency_figures, agency_history
from db.store.changes import Changes
from db.words.timewords import local_day, local_text
from db.words.units import area_text
from desktop.columns import FitColumns
from desktop.dbthread import DbService
from desktop.fitting import room, wrap_items

AgencyRole = 256


class _Counted(QObject):
    """Counted words: PySide6's lupdate reads plural forms only from a class's tr()."""

    def requests(self, n: int) -> str:
        return self.tr("%n requests", "", n)


def figures_text(f: AgencyFigures) -> str:
    """Rich text: the agency's own words (from its requests) are escaped, and its first
    day is the computer's, as the table's times are."""
    from html import escape

    since = (
        QCoreApplication.translate("AgencyHistoryDialog", " since {day}").format(
            day=local_day(f.first_received)
        )
        if f.first_received
        else ""
    )
    where = f", {escape(f.jurisdiction)}" if f.jurisdiction else ""

    return (
        f"<b>{escape(f.name)}</b>{where}<br>"
        + QCoreApplication.translate(
            "AgencyHistoryDialog",
            "{requests} ({edited} edited, {withdrawn} withdrawn){since}; {broke} broke your "
            "rules; you answered {answered} and declined {declined}.",
        ).format(
            requests=_Counted().requests(f.requests),
            edited=f.edited,
            withdrawn=f.withdrawn,
            since=since,
            broke=f.broke_rules,
            answered=f.answered,
            declined=f.declined,
        )
        + "<br><i>"
        + QCoreApplication.translate(
            "AgencyHistoryDialog",
            "These figures are worked out on this computer and never leave it.",
        )
        + "</i>"
    )


class AgencyHistoryDialog(QDialog):
    def __init__(
        self,
        dbs: DbService,
        show_on_map: Callable[[list[HistoryEntry]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Agencies and their requests"))
        # Wider with larger text, within the room there is (its window, the screen).
        chars, lines = self.fontMetrics().averageCharWidth(), self.fontMetrics().height()
        bound = room(self)
        self.resize(
            min(max(900, 110 * chars), bound.width()), min(max(520, 30 * lines), bound.height())
        )
        self._db = dbs
        self._show_on_map = show_on_map
        self.entries: list[HistoryEntry] = []
        self.figures: list[AgencyFigures] = []
        self.agencies = QListWidget()
        self.agencies.setAccessibleName(self.tr("Agencies"))
        # A long name wraps; room for a usual one at any text size.
        wrap_items(self.agencies)
        self.agencies.setMinimumWidth(16 * self.agencies.fontMetrics().averageCharWidth())
        self.agencies.currentItemChanged.connect(lambda *_: self._agency_chosen())
        self.summary = QLabel(self.tr("Select an agency."))
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setAccessibleName(self.tr("Requests of the agency"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Received"),
                self.tr("Request"),
                self.tr("Version"),
                self.tr("State"),
                self.tr("Case"),
                self.tr("Rules"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        # The columns share the table's width (large text, Spanish): their words wrap,
        # rather than the table scrolling sideways; a cell still cut shows its whole
        # text in its tooltip.
        self.columns = FitColumns(self.table, wrap=True)
        self.map_button = QPushButton(self.tr("Show these areas on the map"))
        self.map_button.setToolTip(
            self.tr("Every area this agency asked about, older ones fainter")
        )
        self.map_button.clicked.connect(lambda: self._show_on_map(self.entries))
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(self.table, 1)
        right.addWidget(self.map_button)
        row = QHBoxLayout()
        row.addWidget(self.agencies, 1)
        row.addLayout(right, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(close)
        self.reload()

    @staticmethod
    def shows(changes: Changes) -> bool:
        """What it shows (desktop/refresher.py reloads it after such changes)."""
        return changes.any_request or changes.packages

    def reload(self) -> None:
        self._db.submit(agency_figures, self._show_figures)

    def _show_figures(self, figures: list[AgencyFigures]) -> None:
        current = self.agencies.currentItem()
        chosen = current.data(AgencyRole) if current is not None else None
        self.figures = figures
        self.agencies.clear()
        for f in figures:
            item = QListWidgetItem(f"{f.name}  ({f.requests})")
            item.setData(AgencyRole, f.agency_id)
            self.agencies.addItem(item)
        if figures:  # the agency chosen before stays chosen
            ids = [f.agency_id for f in figures]
            self.agencies.setCurrentRow(ids.index(chosen) if chosen in ids else 0)

    def _agency_chosen(self) -> None:
        item = self.agencies.currentItem()
        if item is None:
            return
        agency_id = item.data(AgencyRole)
        figures = next(f for f in self.figures if f.agency_id == agency_id)
        self.summary.setText(figures_text(figures))

        def op(db: Database) -> list[HistoryEntry]:
            return agency_history(db, agency_id)

        self._db.submit(op, self._show_entries)

    def _show_entries(self, entries: list[HistoryEntry]) -> None:
        self.entries = entries
        self.table.setRowCount(len(entries))
        for r, e in enumerate(entries):
            state = {
                "current": self.tr("current"),
                "edited": self.tr("replaced (edited)"),
                "withdrawn": self.tr("withdrawn"),
            }[e.state]
            if e.source == "resident":
                state = self.tr("{state} · entered by you").format(state=state)
            values = [
                local_text(e.received_at),
                e.request_id,
                str(e.version),
                state,
                e.case_number or "—",
                e.rule_summary,
            ]
            for c, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if c == 1:
                    cell.setToolTip(f"{e.incident or ''} · {area_text(e.area_sq_m)}")
                self.table.setItem(r, c, cell)
        self.columns.later()
        self.map_button.setEnabled(bool(entries))
