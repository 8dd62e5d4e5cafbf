"""The list of what the review hides: the camera's privacy masks, each face the
detector followed, each box the resident drew, with when it hides something and where
the resident turned it off. A face's or box's check box turns it off everywhere; the
window's buttons turn the selected one off over a stretch of time. Masks stand for every
excerpt of their camera (they are changed with the camera's masks, not here)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from db.redaction.plan import RedactionPlan, Track

KEY = Qt.ItemDataRole.UserRole  # ("mask", "3") or ("track", "face-1")


def clock(seconds: float) -> str:
    """A time in the excerpt: "0:07.4"."""
    seconds = max(0.0, seconds)
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)}:{rest:04.1f}"


def track_name(track: Track, number: int) -> str:
    if track.kind == "face":
        return QCoreApplication.translate("HiddenList", "Face {number}").format(number=number)
    return QCoreApplication.translate("HiddenList", "Drawn box {number}").format(number=number)


def off_words(track: Track, start_s: float) -> str:
    """Where the resident turned a track off, in the excerpt's times."""
    if not track.enabled:
        return QCoreApplication.translate("HiddenList", "off everywhere")
    if not track.off:
        return ""
    spans = ", ".join(f"{clock(a - start_s)}–{clock(b - start_s)}" for a, b in track.off)
    return QCoreApplication.translate("HiddenList", "off {spans}").format(spans=spans)


class HiddenList(QTreeWidget):
    toggled = Signal(str, str, bool)  # kind ("mask" or "track"), id, on
    chosen = Signal(str, str)  # the selected entry (kind, id), or ("", "") for none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("What is hidden"))
        self.setHeaderLabels([self.tr("Hidden"), self.tr("When"), self.tr("Turned off")])
        self.setRootIsDecorated(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAllColumnsShowFocus(True)
        self._filling = False
        self.itemChanged.connect(self._changed)
        self.itemSelectionChanged.connect(self._selection)

    def show_plan(self, plan: RedactionPlan) -> None:
        keep = self.current()
        self._filling = True
        self.clear()
        for mask in plan.masks:
            item = QTreeWidgetItem(
                [
                    self.tr("Mask “{name}”").format(name=mask.name),
                    self.tr("whole excerpt"),
                    "",
                ]
            )
            item.setToolTip(
                0,
                self.tr(
                    "A camera's privacy mask is hidden in every excerpt of the camera; "
                    "change it with the camera's masks"
                ),
            )
            self._add(item, ("mask", str(mask.mask_id)), True, checkable=False)
        numbers = {"face": 0, "box": 0}
        for track in plan.tracks:
            numbers[track.kind] += 1
            span = track.span()
            when = (
                f"{clock(span[0] - plan.start_s)}–{clock(span[1] - plan.start_s)}" if span else ""
            )
            item = QTreeWidgetItem(
                [track_name(track, numbers[track.kind]), when, off_words(track, plan.start_s)]
            )
            item.setToolTip(0, track.source)
            self._add(item, ("track", track.id), track.enabled)
        for i in range(3):
            self.resizeColumnToContents(i)
        self._filling = False
        if keep != ("", ""):
            self.select(*keep)
        if self.current() != keep:
            self.chosen.emit(*self.current())

    def _add(
        self, item: QTreeWidgetItem, key: tuple[str, str], on: bool, checkable: bool = True
    ) -> None:
        item.setData(0, KEY, key)
        if checkable:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        else:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.addTopLevelItem(item)

    def item_for(self, kind: str, key: str) -> QTreeWidgetItem | None:
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item is not None and item.data(0, KEY) == (kind, key):
                return item
        return None

    def select(self, kind: str, key: str) -> None:
        item = self.item_for(kind, key)
        if item is not None:
            self.setCurrentItem(item)

    def current(self) -> tuple[str, str]:
        items = self.selectedItems()
        if not items:
            return ("", "")
        kind, key = items[0].data(0, KEY)
        return (str(kind), str(key))

    def _changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0:
            return
        kind, key = item.data(0, KEY)
        self.toggled.emit(kind, key, item.checkState(0) == Qt.CheckState.Checked)

    def _selection(self) -> None:
        if not self._filling:
            self.chosen.emit(*self.current())
