"""A table's columns share its width, so that it never scrolls sideways, whatever the
text size and the language: each column gets what it wants while they fit. When they
do not, either the narrow ones keep their width and the wide ones share what is left,
their text elided (a table of many rows), or (``wrap``: a short table) each column
keeps room for its longest word and its words wrap onto more lines. A cell whose text
is still cut shows it whole in its tooltip."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QToolTip


def share_width(wants: list[int], room: int) -> list[int]:
    """Widths for columns wanting ``wants`` in ``room`` pixels: all they want when it
    fits, else each column under an equal share of what the others leave keeps its
    width and the rest split it equally (the widest give up the most)."""
    if sum(wants) <= room:
        return list(wants)
    widths = list(wants)
    left = sorted(range(len(wants)), key=lambda i: wants[i])
    spare = room
    while left:
        share = max(1, spare // len(left))
        if wants[left[0]] > share:
            for i in left:
                widths[i] = share
            break
        first = left.pop(0)
        spare -= wants[first]
    return widths


def share_wrapped(least: list[int], wants: list[int], room: int) -> list[int]:
    """Widths for columns wanting ``wants`` whose words wrap, each needing ``least``
    for its longest word: all they want when it fits; else each gets its least and the
    room left goes to the columns in proportion to what more they want."""
    if sum(wants) <= room:
        return list(wants)
    least = [min(low, want) for low, want in zip(least, wants, strict=True)]
    if sum(least) >= room:
        return share_width(least, room)
    more = [want - low for low, want in zip(least, wants, strict=True)]
    spare = room - sum(least)
    total = sum(more) or 1
    return [low + extra * spare // total for low, extra in zip(least, more, strict=True)]


def cell_margins(view: QAbstractItemView) -> int:
    """What a cell's text leaves of its width: the style's margin either side, and the
    grid's line."""
    margin = view.style().pixelMetric(view.style().PixelMetric.PM_FocusFrameHMargin, None, view)
    return 2 * (margin + 1) + 2


def longest_words(view: QTableView) -> list[int]:
    """Each column's longest word (in its header or any row), in pixels with the cell's
    margins: the least it takes before a word is cut."""
    model = view.model()
    metrics = view.fontMetrics()
    header = view.horizontalHeader()
    bold = header.fontMetrics()
    pad = cell_margins(view)
    out = []
    for c in range(model.columnCount()):
        title = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
        widest = max((bold.horizontalAdvance(w) for w in title.split()), default=0) + 2 * pad
        for r in range(model.rowCount()):
            text = model.index(r, c).data(Qt.ItemDataRole.DisplayRole)
            if isinstance(text, str):
                words = (metrics.horizontalAdvance(w) for w in text.split())
                widest = max(widest, max(words, default=0) + pad)
        out.append(widest)
    return out


class Preferred:
    """Each column's width as the resident left it (dragging its edge) or as first set:
    what ``FitColumns`` gives it while the columns fit."""

    def __init__(self, view: QTableView) -> None:
        self.view = view
        header = view.horizontalHeader()
        self.widths = [header.sectionSize(c) for c in range(header.count())]
        self.columns: FitColumns | None = None
        header.sectionResized.connect(self._resized)

    def _resized(self, column: int, _old: int, new: int) -> None:
        if self.columns is not None and not self.columns.fitting and new > 0:
            self.widths[column] = new

    def remember(self) -> None:
        """Take the widths shown now as the preferred ones (after a restored state)."""
        header = self.view.horizontalHeader()
        self.widths = [header.sectionSize(c) for c in range(header.count())]
        if self.columns is not None:
            self.columns.later()

    def __call__(self) -> list[int]:
        return self.widths


def content_wants(view: QTableView) -> list[int]:
    """Each column's width for its header and the rows shown (Qt's own measure)."""
    header = view.horizontalHeader()
    return [
        max(view.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(header.count())
    ]


class FitColumns(QObject):
    """Keeps ``view``'s columns within its width (``share_width``) as it is resized and
    as its rows change. ``wants`` says what each column would like (by default its
    content's width); ``stretch`` takes the room to spare; ``wrap`` wraps a cell's
    words (every row is measured: for tables of a few dozen rows); ``optional``
    columns, the least needed first, are hidden while the others do not fit."""

    def __init__(
        self,
        view: QTableView,
        wants: Callable[[], list[int]] | None = None,
        stretch: int | None = None,
        wrap: bool = False,
        optional: tuple[int, ...] = (),
    ) -> None:
        super().__init__(view)
        self.view = view
        self._wants = wants or (lambda: content_wants(view))
        self._stretch = stretch
        self._wrap = wrap
        self._optional = optional
        view.setWordWrap(wrap)
        self.fitting = False  # True while fit() sizes the columns (not the resident)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.fit)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.viewport().installEventFilter(self)
        model = view.model()
        if model is not None:
            for signal in (
                model.modelReset,
                model.layoutChanged,
                model.rowsInserted,
                model.dataChanged,
            ):
                signal.connect(self.later)

    def later(self, *_args: object) -> None:
        self._timer.start(0)

    def fit(self) -> None:
        view = self.view
        header = view.horizontalHeader()
        every = self._wants()
        room = view.viewport().width()
        # The optional columns, the least needed first, give their room up while the
        # rest do not fit (and come back when there is room again).
        hidden = set()
        for c in self._optional:
            if sum(w for i, w in enumerate(every) if i not in hidden) <= room:
                break
            hidden.add(c)
        for c in self._optional:
            header.setSectionHidden(c, c in hidden)
        columns = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        wants = [every[c] for c in columns]
        if self._wrap:
            least = longest_words(view)
            widths = share_wrapped([least[c] for c in columns], wants, room)
        else:
            widths = share_width(wants, room)
        spare = room - sum(widths)
        self.fitting = True
        try:
            for c, width in zip(columns, widths, strict=True):
                if c == (self._stretch if self._stretch is not None else columns[-1]):
                    width += max(0, spare)
                if header.sectionSize(c) != width:
                    header.resizeSection(c, width)
        finally:
            self.fitting = False
        if self._wrap:
            view.resizeRowsToContents()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize:
            self.later()
        elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            return self._whole_text(event)
        return False

    def _whole_text(self, event: QHelpEvent) -> bool:
        """A cell's own tooltip as the model says; else, when its text is cut, the text."""
        view: QAbstractItemView = self.view
        index = view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            return False
        rect = view.visualRect(index)
        room = rect.width() - cell_margins(view)
        if self._wrap:
            need = view.fontMetrics().boundingRect(
                QRect(0, 0, room, 1 << 20), Qt.TextFlag.TextWordWrap, text
            )
            if need.width() <= room and need.height() <= rect.height():
                return False
        elif view.fontMetrics().horizontalAdvance(text) <= room:
            return False
        QToolTip.showText(event.globalPos(), text, view.viewport(), rect)
        return True
