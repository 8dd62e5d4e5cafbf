"""Layouts that hold with large text (200 %) in a 1280 × 800 window: a row of controls
that wraps onto more lines (``FlowLayout``), a column that scrolls (``scrolled``), and
dialogs that grow to show their wrapped text (``DialogFit``)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QLayout,
    QLayoutItem,
    QListView,
    QScrollArea,
    QStyle,
    QWidget,
)


def wrap_items(view: QListView) -> None:
    """A list whose long lines wrap within its width (large text, long names) instead
    of scrolling sideways."""
    view.setWordWrap(True)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


class FlowLayout(QLayout):
    """A row of controls that wraps onto more lines when it is too narrow for them,
    instead of forcing its window wider. ``addStretch`` marks where a line's spare room
    goes, like ``QHBoxLayout.addStretch``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch_at: int | None = None  # items from here on sit to the right

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def addStretch(self) -> None:
        self._stretch_at = len(self._items)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        width = sum(i.sizeHint().width() for i in self._visible()) + self._gap() * max(
            0, len(self._visible()) - 1
        )
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """The widest control: the rest can go on lines of their own."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not _hidden(i)]

    def _gap(self) -> int:
        gap = self.spacing()
        if gap >= 0:
            return gap
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        if style is None:
            return 6
        return style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing, None, parent)

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in ``rect`` (moving them when ``move``); the height used."""
        m: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(m)
        gap = self._gap()
        lines: list[list[tuple[int, QLayoutItem, QSize]]] = [[]]
        x = 0
        for index, item in enumerate(self._items):
            if _hidden(item):
                continue
            hint = item.sizeHint()
            w = min(hint.width(), max(area.width(), item.minimumSize().width()))
            h = item.heightForWidth(w) if item.hasHeightForWidth() else hint.height()
            if lines[-1] and x + w > area.width():
                lines.append([])
                x = 0
            lines[-1].append((index, item, QSize(w, h)))
            x += w + gap
        y = area.top()
        for line in lines:
            height = max((size.height() for _n, _i, size in line), default=0)
            if move:
                used = sum(size.width() for _n, _i, size in line) + gap * (len(line) - 1)
                spare = max(0, area.width() - used)
                x = area.left()
                for n, item, size in line:
                    if self._stretch_at is not None and n >= self._stretch_at and spare:
                        x += spare  # the first item past the stretch takes the space
                        spare = 0
                    top = y + (height - size.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), size))
                    x += size.width() + gap
            y += height + gap
        return y - gap - area.top() + m.top() + m.bottom() if self._items else 0


def _hidden(item: QLayoutItem) -> bool:
    widget = item.widget()
    return widget is not None and widget.isHidden()


def scrolled(content: QWidget) -> QScrollArea:
    """``content`` in a scroll area that scrolls up and down only: as wide as the
    content needs, as tall as there is room for."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    bar = area.verticalScrollBar().sizeHint().width()
    area.setMinimumWidth(content.minimumSizeHint().width() + bar)
    return area


def room(dialog: QWidget) -> QSize:
    """The most a dialog may take: its screen's free area, or its parent window's size
    when that is larger (a screen without a desktop, as offscreen)."""
    screen = dialog.screen()
    room = screen.availableGeometry().size() if screen is not None else QSize(1280, 800)
    parent = dialog.parentWidget()
    if parent is not None:
        room = room.expandedTo(parent.window().size())
    return room


def fit_dialog(dialog: QWidget) -> None:
    """Grow ``dialog`` until its wrapped text has the lines it needs: taller, and wider
    when taller would not fit in the room it has."""
    layout = dialog.layout()
    if layout is None or not layout.hasHeightForWidth():
        return
    space = room(dialog)
    width = dialog.width()
    need = layout.totalHeightForWidth(width)
    while need > space.height() and width < space.width():
        width = min(space.width(), width + 80)
        need = layout.totalHeightForWidth(width)
    height = max(dialog.height(), min(need, space.height()))
    if (width, height) != (dialog.width(), dialog.height()):
        dialog.resize(width, height)


class DialogFit(QObject):
    """Fits every dialog as it is shown and when its content changes (``fit_dialog``):
    Qt sizes a window by its layout's minimum, which counts wrapped text on one line."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (
            kind in (QEvent.Type.Show, QEvent.Type.LayoutRequest)
            and isinstance(watched, QDialog)
            and watched.isVisible()
        ):
            QTimer.singleShot(0, watched, lambda: fit_dialog(watched))
        return False


def follow_dialogs(app: QApplication) -> None:
    """Install the dialogs' fitting on ``app`` (once)."""
    if app.property("doorstep_dialog_fit"):
        return
    fit = DialogFit(app)
    app.installEventFilter(fit)
    app.setProperty("doorstep_dialog_fit", True)
