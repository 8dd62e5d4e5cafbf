"""The requests inbox: a filter bar, the list, and the detail panel beside it. The
list and the detail share the selection model (the map will join it)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.columns import FitColumns, Preferred
from desktop.dbthread import DbService
from desktop.models.requests import COL, RequestsFilter, RequestsModel, RowIdRole
from desktop.sharing import ShareController
from desktop.widgets.inbox_delegate import InboxDelegate
from desktop.widgets.request_detail import RequestDetailPanel

STATUS_FILTERS = [  # in English; shown translated
    (str(QT_TRANSLATE_NOOP("RequestsView", "All requests")), ""),
    (str(QT_TRANSLATE_NOOP("RequestsView", "Open (new or needing a decision)")), "open"),
    (str(QT_TRANSLATE_NOOP("RequestsView", "New")), "new"),
    (str(QT_TRANSLATE_NOOP("RequestsView", "Needs decision")), "needs decision"),
    (str(QT_TRANSLATE_NOOP("RequestsView", "Decided")), "decided"),
    (str(QT_TRANSLATE_NOOP("RequestsView", "Expired")), "expired"),
    (str(QT_TRANSLATE_NOOP("RequestsView", "No footage")), "no footage"),
    (str(QT_TRANSLATE_NOOP("RequestsView", "Withdrawn")), "withdrawn"),
]


class RequestsView(QWidget):
    def __init__(
        self,
        model: RequestsModel,
        dbs: DbService,
        sharing: ShareController | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = RequestsFilter(self)
        self.proxy.setSourceModel(model)
        self.status = QComboBox()
        for text, value in STATUS_FILTERS:
            self.status.addItem(self.tr(text), value)
        # Its longest choice may be elided (whole in its list and tooltip): at full
        # width, with large text, it left the request's panel too little room.
        self.status.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.status.setMinimumContentsLength(10)
        self.status.currentTextChanged.connect(self.status.setToolTip)
        self.status.currentIndexChanged.connect(
            lambda _i: self.proxy.set_status(self.status.currentData())
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search agency, case number, incident"))
        self.search.setAccessibleName(self.tr("Search requests"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.count = QLabel()
        # With large text the count takes two lines rather than leaving the request's
        # panel too narrow; at the usual sizes one line fits.
        self.count.setWordWrap(self.count.fontMetrics().averageCharWidth() >= 12)
        bar = QHBoxLayout()
        show = QLabel(self.tr("Show"))
        show.setBuddy(self.status)
        bar.addWidget(show)
        bar.addWidget(self.status)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)

        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setAccessibleName(self.tr("Requests"))
        self.table.setModel(self.proxy)
        self.delegate = InboxDelegate(model, self.proxy, self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.sortByColumn(COL["received"], Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        widths = {
            "status": 100,
            "agency": 125,
            "case": 95,
            "incident": 110,
            "window": 165,
            "area": 95,  # "0.0273 sq mi"
            "rules": 105,
        }
        for key, width in widths.items():
            self.table.setColumnWidth(COL[key], width)
        # These widths (or the resident's) while they fit; with large text they share
        # the table's width rather than scrolling sideways (desktop/columns.py).
        header.setStretchLastSection(False)
        self.preferred = Preferred(self.table)
        self.columns = FitColumns(self.table, wants=self.preferred)
        self.preferred.columns = self.columns
        self.selection = self.table.selectionModel()

        self.detail = RequestDetailPanel(dbs, sharing)
        self.detail.viewed.connect(model.mark_viewed_locally)
        self.detail.loaded.connect(lambda _detail: self._room_for_detail())
        empty_text = QLabel(
            self.tr(
                "<h3>No requests yet</h3><p>Requests for footage arrive from agency feeds "
                "(Requests ▸ Feeds…) or as files: use Requests ▸ Import request… or drop a "
                "request file (.json) on this window.</p><p>Got one by email, text message, "
                "an app or a letter? Record it yourself:</p>"
            )
        )
        empty_text.setWordWrap(True)
        empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The window connects it to its "Record a request I received…" action.
        self.record_button = QPushButton(self.tr("Record a request I received…"))
        self.record_button.setAccessibleName(self.tr("Record a request I received"))
        self.empty = QWidget()
        ebox = QVBoxLayout(self.empty)
        ebox.addStretch(1)
        ebox.addWidget(empty_text)
        ebox.addWidget(self.record_button, 0, Qt.AlignmentFlag.AlignHCenter)
        ebox.addStretch(1)

        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addLayout(bar)
        lbox.addWidget(self.table, 1)
        lbox.addWidget(self.empty, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.left = left
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        self.selection.selectionChanged.connect(self._selection_changed)
        model.modelReset.connect(self._update_count)
        model.modelReset.connect(self._reselect)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self._selected_row_id: int | None = None
        self._update_count()

    def _update_count(self, *args: object) -> None:
        """The counts beside the filter. (Not in the tab's title: changing that lays out
        the whole page again, slow with a big inbox, at every update of a big feed.)"""
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        open_count = self.model.open_count()
        number = self.locale().toString
        if shown != total:
            text = self.tr("{shown} of {total}").format(shown=number(shown), total=number(total))
        else:
            text = self.tr("%Ln requests", "", total)
        if open_count:
            text = self.tr("<b>%Ln open</b> · {requests}", "", open_count).format(requests=text)
        if text != self.count.text():
            self.count.setText(text)
        if self.table.isHidden() != (total == 0):
            self.table.setVisible(total > 0)
            self.empty.setVisible(total == 0)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.selection.selectedRows()
        row_id = rows[0].data(RowIdRole) if rows else None
        self._selected_row_id = row_id
        self.detail.show_request(row_id)

    def _reselect(self) -> None:
        """Keep the selected request selected across a reload."""
        if self._selected_row_id is None:
            return
        row = self.model.row_of(self._selected_row_id)
        if row < 0:
            self.detail.show_nothing()
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())

    def select_row_id(self, row_id: int) -> bool:
        row = self.model.row_of(row_id)
        if row < 0:
            return False
        index: QModelIndex = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.status.setCurrentIndex(0)
            self.search.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("requests/splitter", self.splitter.saveState())
        settings.setValue("requests/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("requests/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        header = settings.value("requests/header")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)
            self.preferred.remember()

    def _room_for_detail(self) -> None:
        """The panel no narrower than its widest control (a button or a check box does
        not wrap), within what the list beside it leaves: with large text the splitter
        squeezed the panel until its controls were cut off at its edge."""
        area = self.detail.scroll_area
        content, layout = area.widget(), self.layout()
        if content is None or layout is None:
            return
        need = (
            content.minimumSizeHint().width()
            + area.verticalScrollBar().sizeHint().width()
            + 2 * area.frameWidth()
        )
        margins = layout.contentsMargins()
        left = self.left.minimumSizeHint().width()
        room = self.width() - margins.left() - margins.right() - left - self.splitter.handleWidth()
        self.detail.setMinimumWidth(max(0, min(need, room)))
