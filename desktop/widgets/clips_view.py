"""The clips view: a filter bar, the lazy clips table and the selected clip's detail."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import (
    QDateTime,
    QItemSelectionModel,
    QModelIndex,
    QSize,
    Qt,
    QTime,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.clips.library import ClipFilter
from db.store.timeutil import to_utc_text
from desktop.columns import FitColumns
from desktop.models.cameras import CamerasModel
from desktop.models.clips import COL, COLUMNS, ClipIdRole, ClipsModel
from desktop.widgets.clip_detail import ClipDetail

# The window's default width: the table claims at most what it leaves beside the
# clip panel.
DEFAULT_WIDTH = 1280


class _TimeBound(QWidget):
    def __init__(self, label: str, name: str, default: QDateTime) -> None:
        super().__init__()
        self.check = QCheckBox(label)
        self.check.setAccessibleName(name)
        self.edit = QDateTimeEdit(default)
        self.edit.setAccessibleName(name)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit)

    def utc_text(self) -> str | None:
        if not self.check.isChecked():
            return None
        secs = self.edit.dateTime().toSecsSinceEpoch()
        return to_utc_text(datetime.fromtimestamp(secs, UTC))


class ClipsView(QWidget):
    def __init__(
        self, model: ClipsModel, cameras: CamerasModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.cameras = cameras
        self._selected_id: int | None = None

        self.camera_filter = QComboBox()
        self.camera_filter.setMinimumContentsLength(16)
        self.camera_filter.setAccessibleName(self.tr("Camera"))
        self.camera_filter.currentIndexChanged.connect(self._apply_filter)
        now = QDateTime.currentDateTime()
        self.time_from = _TimeBound(
            self.tr("From"),
            self.tr("Clips from"),
            QDateTime(now.date().addDays(-7), QTime(0, 0)),
        )
        self.time_to = _TimeBound(self.tr("to"), self.tr("Clips up to"), now)
        for bound in (self.time_from, self.time_to):
            bound.check.toggled.connect(self._apply_filter)
            bound.edit.dateTimeChanged.connect(self._apply_filter)
        self.count = QLabel()
        bar = QHBoxLayout()
        camera_label = QLabel(self.tr("Camera"))
        camera_label.setBuddy(self.camera_filter)
        bar.addWidget(camera_label)
        bar.addWidget(self.camera_filter)
        bar.addSpacing(12)
        bar.addWidget(self.time_from)
        bar.addWidget(self.time_to)
        bar.addStretch(1)
        bar.addWidget(self.count)

        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setAccessibleName(self.tr("Clips"))
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Indicator first: setSortingEnabled(True) then sorts once, by the model's own
        # order, which ClipsModel.sort skips (the ids are loaded once, by start()).
        self.table.horizontalHeader().setSortIndicator(COL["start"], Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setIconSize(QSize(64, 48))
        self.table.verticalHeader().setDefaultSectionSize(52)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # Recorders name files by date and a counter: keep both ends of a long name.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self._size_columns()

        self.detail = ClipDetail(model)
        # With large text the clip's panel is taller than the window leaves it: it
        # scrolls rather than making the window taller than the screen.
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidget(self.detail)
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail_scroll.setAccessibleName(self.tr("The selected clip"))
        self.detail_scroll.setMinimumWidth(
            self.detail.minimumSizeHint().width()
            + self.detail_scroll.verticalScrollBar().sizeHint().width()
        )
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([920, 340])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.loaded.connect(self._restore_selection)
        model.loaded.connect(self._update_count)
        model.page_loaded.connect(self._refresh_detail)
        cameras.modelReset.connect(self._fill_cameras)
        self._fill_cameras()

    def _size_columns(self) -> None:
        """Every column as wide as its longest usual value, from the font in use; the
        clip's name takes the rest. When they add up past the table's width (large
        text) the widest share what there is (desktop/columns.py): the table never
        scrolls sideways."""
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.table.fontMetrics()
        bold = header.fontMetrics()
        widest = {
            # An uncertain start carries its mark (ClipsModel): room for it too.
            "start": "2026-11-30 15:57:58 AEDT  ⚠ uncertain",
            "duration": "10:00:00",
            "resolution": "3840×2160",
            "audio": "Yes",
            "size": "999.9 MB",
            "hold": "Changed",
            "children": "",
            "private": "",
        }
        # The clip's column: its thumbnail and some of its name.
        self._wants = {COL["clip"]: 64 + 110, COL["camera"]: 0}
        for key, sample in widest.items():
            title = str(self.model.headerData(COL[key], Qt.Orientation.Horizontal))
            # Room for the cell's margins, and in the header for the sort arrow.
            width = max(metrics.horizontalAdvance(sample) + 12, bold.horizontalAdvance(title) + 26)
            self._wants[COL[key]] = width
            self.table.setColumnWidth(COL[key], width)
        self.columns = FitColumns(
            self.table,
            wants=lambda: [self._wants.get(c, 0) for c in range(len(COLUMNS))],
            stretch=COL["clip"],
            # With large text these give way first: the clip's panel says them too.
            optional=tuple(
                COL[k] for k in ("private", "children", "audio", "resolution", "size", "hold")
            ),
        )

    @property
    def selection_model(self) -> QItemSelectionModel:
        return self.table.selectionModel()

    def _fill_cameras(self) -> None:
        current = self.camera_filter.currentData()
        self.camera_filter.blockSignals(True)
        self.camera_filter.clear()
        self.camera_filter.addItem(self.tr("All cameras"), None)
        for cam in self.cameras.cameras():
            self.camera_filter.addItem(cam.name, cam.id)
        pos = self.camera_filter.findData(current)
        self.camera_filter.setCurrentIndex(max(0, pos))
        self.camera_filter.blockSignals(False)
        if current is not None and pos < 0:
            self._apply_filter()
        self._fit_camera_column()

    def _fit_camera_column(self) -> None:
        """The camera column as wide as the longest camera name, within reason (a
        longer one is elided, whole in the tooltip)."""
        metrics = self.table.fontMetrics()
        names = [c.name for c in self.cameras.cameras()] or ["Front porch"]
        widest = max(metrics.horizontalAdvance(n) for n in names) + 12
        low = metrics.horizontalAdvance("Front porch") + 12
        self._wants[COL["camera"]] = min(max(widest, low), 170)
        self.table.setColumnWidth(COL["camera"], self._wants[COL["camera"]])
        self._keep_room_for_names()
        self.columns.later()

    def _keep_room_for_names(self) -> None:
        """The clip's column takes what the others leave: never let the splitter
        squeeze the table until nothing is left for it (thumbnail and some name)."""
        others = sum(self.table.columnWidth(i) for i in range(len(COLUMNS)) if i != COL["clip"])
        # (The scroll bar's own hint: asking the style would create QStyle's enums,
        # a cost of every start.)
        scrollbar = self.table.verticalScrollBar().sizeHint().width()
        least = others + 64 + 110 + scrollbar + 2 * self.table.frameWidth()
        # With large text the columns outgrow the window: then they share the table's
        # width rather than forcing the window wider than the screen.
        room = DEFAULT_WIDTH - self.detail.minimumSizeHint().width() - 60  # margins, handle
        self.table.setMinimumWidth(min(least, room))

    def filter_camera(self, camera_id: int | None) -> None:
        self.camera_filter.setCurrentIndex(max(0, self.camera_filter.findData(camera_id)))

    def _apply_filter(self, *_args: object) -> None:
        self.model.set_filter(
            ClipFilter(
                camera_id=self.camera_filter.currentData(),
                start_from=self.time_from.utc_text(),
                start_to=self.time_to.utc_text(),
            )
        )

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count.setText(self.tr("%Ln clips", "", n))

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._selected_id = current.data(ClipIdRole) if current.isValid() else None
        self.detail.show_index(current)

    def _refresh_detail(self) -> None:
        if self.detail.clip is None:
            self.detail.show_index(self.table.currentIndex())

    def _remember_selection(self) -> None:
        index = self.table.currentIndex()
        self._selected_id = index.data(ClipIdRole) if index.isValid() else self._selected_id

    def _restore_selection(self) -> None:
        if self._selected_id is None:
            return
        row = self.model.row_of(self._selected_id)
        if row is None:
            self.detail.show_index(QModelIndex())
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
