"""The requests inbox model, one row per request (its latest version), shared by the
requests list, the detail panel and (later) the map through one selection model.

Rows are small summaries loaded in one query on the database thread; filtering by
status and text happens in ``RequestsFilter`` (a QSortFilterProxyModel).
"""

from __future__ import annotations

import bisect
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush
from sqlite_utils import Database

from db.requests import inbox as inboxdb
from db.requests.inbox import RequestSummary
from db.words.timewords import local_span, local_text
from db.words.units import area_short
from desktop import theme
from desktop.dbthread import DbService

RowIdRole = Qt.ItemDataRole.UserRole + 1
SummaryRole = Qt.ItemDataRole.UserRole + 2
StatusRole = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex

# The headers and statuses in English; shown in the window's language (context
# "RequestsModel": `status_text`).
COLUMNS = [
    ("status", str(QT_TRANSLATE_NOOP("RequestsModel", "Status"))),
    ("agency", str(QT_TRANSLATE_NOOP("RequestsModel", "Agency"))),
    ("case", str(QT_TRANSLATE_NOOP("RequestsModel", "Case"))),
    ("incident", str(QT_TRANSLATE_NOOP("RequestsModel", "Incident"))),
    ("window", str(QT_TRANSLATE_NOOP("RequestsModel", "Window"))),
    ("area", str(QT_TRANSLATE_NOOP("RequestsModel", "Area"))),
    ("rules", str(QT_TRANSLATE_NOOP("RequestsModel", "Rules"))),
    ("received", str(QT_TRANSLATE_NOOP("RequestsModel", "Received"))),
]
COL = {key: i for i, (key, _) in enumerate(COLUMNS)}

STATUS_TEXT = {
    "new": str(QT_TRANSLATE_NOOP("RequestsModel", "New")),
    "needs decision": str(QT_TRANSLATE_NOOP("RequestsModel", "Needs decision")),
    "decided": str(QT_TRANSLATE_NOOP("RequestsModel", "Decided")),
    "expired": str(QT_TRANSLATE_NOOP("RequestsModel", "Expired")),
    "no footage": str(QT_TRANSLATE_NOOP("RequestsModel", "No footage")),
    "withdrawn": str(QT_TRANSLATE_NOOP("RequestsModel", "Withdrawn")),
}
OUTCOME_COLOURS = {"ok": "#2e7d32", "warn": "#b26a00", "block": "#c62828"}


def status_text(status: str) -> str:
    """A request's status in the window's language."""
    text = STATUS_TEXT.get(status)
    return QCoreApplication.translate("RequestsModel", text) if text else status


def window_text(s: RequestSummary) -> str:
    return local_span(s.window_start_utc, s.window_end_utc)


def _minus_minutes(text: str, minutes: int) -> str:
    if not text:
        return ""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00")) - timedelta(minutes=minutes)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


class _Desc:
    """Reverses the order of a key, for bisecting a list sorted in descending order."""

    __slots__ = ("key",)

    def __init__(self, key: Any) -> None:
        self.key = key

    def __lt__(self, other: _Desc) -> bool:
        return bool(other.key < self.key)


INSERT_SLICE = 100  # new rows inserted per turn of the event loop


class RequestsModel(QAbstractTableModel):
    """The inbox: every current or withdrawn request. Runs on the GUI thread; the
    rows come from the database thread."""

    loaded = Signal()
    new_requests = Signal(int)  # how many rows appeared since the last load

    def __init__(self, dbs: DbService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = dbs
        self._rows: list[RequestSummary] = []
        self._index: dict[int, int] = {}  # row id -> row
        self._sort: tuple[str, bool] = ("received", True)  # column key, descending
        self._max_id = 0
        self._as_of = ""
        self._loading = False
        self.ever_loaded = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.update_from_db)
        # New rows wait here and go in a slice per turn of the event loop: inserting
        # hundreds at once (the filter, the map and the list all follow each insert)
        # would hold the GUI thread for longer than a frame.
        self._pending: list[RequestSummary] = []
        self._pending_new = 0
        self._pending_timer = QTimer(self)
        self._pending_timer.setSingleShot(True)
        self._pending_timer.setInterval(0)
        self._pending_timer.timeout.connect(self._insert_pending)

    # -- loading ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the whole inbox, sorted by the database."""
        key, desc = self._sort

        def op(db: Database) -> tuple[list[RequestSummary], tuple[int, str]]:
            now = datetime.now(UTC)
            rows = inboxdb.list_requests(db, now=now, sort=key, descending=desc)
            return rows, inboxdb.inbox_mark(db, now=now)

        def done(result: tuple[list[RequestSummary], tuple[int, str]]) -> None:
            rows, mark = result
            self._set_rows(rows, mark, sort=(key, desc))

        self._loading = True
        self._db.submit(op, done)

    def refresh_soon(self) -> None:
        """Coalesce updates (parts of a feed arriving) into one every 300 ms."""
        if not self._timer.isActive():
            self._timer.start()

    def update_from_db(self) -> None:
        """Bring in what changed since the last load, without reloading everything:
        new rows are inserted where the sort order puts them."""
        if not self.ever_loaded or self._loading:
            self.refresh()
            return
        after, since = self._max_id, _minus_minutes(self._as_of, 10)

        def op(db: Database) -> inboxdb.InboxDelta:
            return inboxdb.inbox_delta(db, after_id=after, since=since, now=datetime.now(UTC))

        self._db.submit(op, self._apply_delta)

    def update_all(self) -> None:
        """Read every row again and apply only what differs (any row may have changed:
        another process decided, or the rules changed its outcome): no reset, so the
        selection and the map's areas stay, and the GUI thread's work follows the
        changes, not the inbox's size. When a changed value moves a row in the current
        sort, the rows are set anew in their new order."""
        if not self.ever_loaded or self._loading:
            self.refresh()
            return
        key, desc = self._sort
        known = {r.row_id: r for r in self._rows}  # a snapshot for the database thread
        sort_key = self._sort_key

        def op(db: Database) -> tuple[inboxdb.InboxDelta, list[RequestSummary] | None]:
            now = datetime.now(UTC)
            rows = inboxdb.list_requests(db, now=now, sort=key, descending=desc)
            max_id, as_of = inboxdb.inbox_mark(db, now=now)
            fresh = {r.row_id for r in rows}
            changed = [r for r in rows if r.row_id in known and known[r.row_id] != r]
            moved = any(sort_key(known[r.row_id], key) != sort_key(r, key) for r in changed)
            delta = inboxdb.InboxDelta(
                [r for r in rows if r.row_id not in known],
                [row_id for row_id in known if row_id not in fresh],
                changed,
                max_id,
                as_of,
            )
            return delta, rows if moved else None

        def done(result: tuple[inboxdb.InboxDelta, list[RequestSummary] | None]) -> None:
            delta, reordered = result
            if reordered is not None:
                if not self._loading:
                    self._set_rows(reordered, (delta.max_id, delta.as_of), sort=(key, desc))
                return
            self._apply_delta(delta)

        self._db.submit(op, done)

    def _set_rows(
        self, rows: list[RequestSummary], mark: tuple[int, str], sort: tuple[str, bool]
    ) -> None:
        self._loading = False
        if sort != self._sort:
            self.refresh()  # the sort changed meanwhile
            return
        fresh = 0 if not self.ever_loaded else sum(1 for r in rows if r.row_id > self._max_id)
        fresh += self._pending_new  # waiting rows (their ids are below _max_id) are in `rows`
        self._pending.clear()
        self._pending_new = 0
        self.beginResetModel()
        self._rows = rows
        self._index = {r.row_id: i for i, r in enumerate(rows)}
        self.endResetModel()
        self._max_id, self._as_of = mark
        self.ever_loaded = True
        self.loaded.emit()
        if fresh:
            self.new_requests.emit(fresh)

    def _apply_delta(self, delta: inboxdb.InboxDelta) -> None:
        if self._loading:
            return  # a full load is on its way
        if self._pending:  # rows still waiting to be inserted change too
            gone = set(delta.replaced)
            changed = {s.row_id: s for s in delta.changed}
            self._pending = [
                changed.get(r.row_id, r) for r in self._pending if r.row_id not in gone
            ]
        for row_id in delta.replaced:
            row = self._index.get(row_id)
            if row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
                self._reindex()
        for summary in delta.changed:
            row = self._index.get(summary.row_id)
            if row is not None and self._rows[row] != summary:
                self._rows[row] = summary
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        waiting = {r.row_id for r in self._pending}
        added = [r for r in delta.added if r.row_id not in self._index and r.row_id not in waiting]
        self._max_id = max(self._max_id, delta.max_id)
        self._as_of = delta.as_of
        if added or self._pending:
            self._pending.extend(added)
            self._pending_new += len(added)
            self._insert_pending()
        else:
            self.loaded.emit()

    def _insert_pending(self) -> None:
        """Insert the next slice of waiting rows; ``loaded`` once none are left."""
        batch = [r for r in self._pending[:INSERT_SLICE] if r.row_id not in self._index]
        del self._pending[:INSERT_SLICE]
        if batch:
            self._insert_sorted(batch)
        if self._pending:
            self._pending_timer.start()
            return
        self.loaded.emit()
        if self._pending_new:
            count, self._pending_new = self._pending_new, 0
            self.new_requests.emit(count)

    def _insert_sorted(self, added: list[RequestSummary]) -> None:
        """Insert rows where the sort order puts them, one signal per run of rows that
        land in the same gap (new requests usually all go to the top: one signal)."""
        key, desc = self._sort

        def k(r: RequestSummary) -> Any:
            item = (self._sort_key(r, key), r.row_id)
            return _Desc(item) if desc else item

        groups: dict[int, list[RequestSummary]] = {}
        for summary in sorted(added, key=k):
            pos = bisect.bisect_left(self._rows, k(summary), key=k)  # log n keys computed
            groups.setdefault(pos, []).append(summary)
        for pos in sorted(groups, reverse=True):  # from the bottom: positions stay valid
            run = groups[pos]
            self.beginInsertRows(QModelIndex(), pos, pos + len(run) - 1)
            self._rows[pos:pos] = run
            self.endInsertRows()
        self._reindex()

    def _reindex(self) -> None:
        self._index = {r.row_id: i for i, r in enumerate(self._rows)}

    def sort_key(self) -> tuple[str, bool] | None:
        """The order the rows are in (column key, descending); None while it changes."""
        return None if self._loading else self._sort

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the database (header clicks); the rows come back in that order."""
        if not 0 <= column < len(COLUMNS):
            return
        sort = (COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder)
        if sort == self._sort:
            return
        self._sort = sort
        self.refresh()

    def row_of(self, row_id: int) -> int:
        return self._index.get(row_id, -1)

    def summary(self, row: int) -> RequestSummary:
        return self._rows[row]

    def reload_row(self, row_id: int) -> None:
        """Fetch one request's line again (its status changed by a decision)."""

        def op(db: Database) -> list[RequestSummary]:
            return inboxdb.request_summaries(db, [row_id], now=datetime.now(UTC))

        def done(rows: list[RequestSummary]) -> None:
            row = self._index.get(row_id)
            if rows and row is not None:
                self._rows[row] = rows[0]
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                self.loaded.emit()

        self._db.submit(op, done)

    def open_count(self) -> int:
        """Requests that are new or need a decision."""
        return sum(1 for r in self._rows if r.status in ("new", "needs decision"))

    def mark_viewed_locally(self, row_id: int) -> None:
        """The detail panel opened a new request: show it as needing a decision."""
        row = self.row_of(row_id)
        if row >= 0 and self._rows[row].status == "new":
            from dataclasses import replace

            self._rows[row] = replace(self._rows[row], status="needs decision")
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # -- Qt model interface ------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        # Qt's own would ask rowCount and columnCount (two calls into Python, each
        # taking the interpreter lock) for every index a paint maps through the filter.
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return QCoreApplication.translate("RequestsModel", COLUMNS[section][1])
        return None

    def cell(self, row: int, column: int) -> tuple[str, str | None, bool] | None:
        """What a cell shows, for the inbox delegate: its text, its colour (None: the
        view's) and whether it is bold; None for a cell that does not exist. The same
        as data()'s display, foreground and font roles, in one call."""
        if not (0 <= row < len(self._rows) and 0 <= column < len(COLUMNS)):
            return None
        s = self._rows[row]
        key = COLUMNS[column][0]
        colour = OUTCOME_COLOURS[s.worst_outcome] if key == "rules" else None
        return self._display(s, key), colour, key == "status" and s.status == "new"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == RowIdRole:
            return s.row_id
        if role == SummaryRole:
            return s
        if role == StatusRole:
            return s.status
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(s, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "rules":
                return self.tr("Open the request to read every rule's reason.")
            if key == "status" and s.state == "withdrawn":
                return self.tr("The agency withdrew this request; the original is kept.")
            return None
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            _text, colour, bold = self.cell(index.row(), index.column()) or ("", None, False)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(theme.fg(colour)) if colour is not None else None
            if bold:
                from PySide6.QtGui import QFont

                font = QFont()
                font.setBold(True)
                return font
        return None

    @staticmethod
    def _display(s: RequestSummary, key: str) -> str:
        if key == "status":
            text = status_text(s.status)
            if s.version > 1 and s.state == "current":
                return QCoreApplication.translate("RequestsModel", "{status} (edited)").format(
                    status=text
                )
            return text
        if key == "agency":
            return s.agency
        if key == "case":
            return s.case_number or "—"
        if key == "incident":
            return s.incident or "—"
        if key == "window":
            return window_text(s)
        if key == "area":
            return area_short(s.area_sq_m)
        if key == "rules":
            return s.rule_summary
        if key == "received":
            return local_text(s.received_at)
        return ""

    @staticmethod
    def _sort_key(s: RequestSummary, key: str) -> Any:
        """The same order as ``db.requests.inbox.SORT_SQL`` (new rows are placed by it)."""
        if key == "received":
            return s.received_at
        if key == "window":
            return s.window_start_utc
        if key == "area":
            return s.area_sq_m
        if key == "agency":
            return s.agency.lower()
        if key == "incident":
            return (s.incident or "").lower()
        if key == "case":
            return s.case_number or ""
        if key == "rules":
            return {"block": 0, "warn": 1, "ok": 2}[s.worst_outcome]
        return s.status


class RequestsFilter(QSortFilterProxyModel):
    """Filter by status ("" = all, "open" = new or needing a decision) and by text in
    agency, case number and incident."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._status = ""
        self._text = ""
        self.setDynamicSortFilter(False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts itself; the proxy only filters and keeps its order."""
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def set_status(self, status: str) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._status and not self._text:
            return True
        model = self.sourceModel()
        if not isinstance(model, RequestsModel):
            return True
        s = model.summary(source_row)
        if self._status == "open" and s.status not in ("new", "needs decision"):
            return False
        if self._status not in ("", "open") and s.status != self._status:
            return False
        if self._text:
            hay = " ".join(
                x or "" for x in (s.agency, s.case_number, s.incident, s.request_id)
            ).lower()
            if self._text not in hay:
                return False
        return True
