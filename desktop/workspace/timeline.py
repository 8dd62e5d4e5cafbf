"""The request's window as a timeline: a row per camera, every candidate clip a bar
where it was recorded. A view of the workspace's candidates model sharing its selection
model: a click selects a bar; with the keyboard, Left and Right go to the clip before or
after in time, Up and Down to the nearest clip of the camera above or below, Home and
End to the first and last. Each bar says its decision by colour and by a mark
(✓ approved, ✕ declined, ? pending; a pending bar is hollow), a flagged clip has a ⚑,
and a clip partly outside the window has a ◂ or ▸ on the side that is outside."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from db.requests.matching import Candidate
from db.words.timewords import local_text, moment_of
from desktop import theme
from desktop.models.candidates import DECISION_COLOURS, CandidateRole, CandidatesModel

# Between two marked times under the rows: a minute up to a week.
TICK_STEPS_S = (60, 300, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800)
MARKS = {"approved": "✓", "declined": "✕", "pending": "?"}
FLAG_MARK = "⚑"
FLAG_COLOUR = "#b45309"  # amber, as the candidates table marks uncertain times


def decision_words(state: str) -> str:
    return {
        "approved": QCoreApplication.translate("Timeline", "approved"),
        "declined": QCoreApplication.translate("Timeline", "declined"),
    }.get(state, QCoreApplication.translate("Timeline", "pending"))


def flag_words(flag: str | None) -> str:
    """The resident's flags in words ("shows children and private")."""
    if not flag:
        return ""
    parts = []
    if "children" in flag:
        parts.append(QCoreApplication.translate("Timeline", "shows children"))
    if "private" in flag:
        parts.append(QCoreApplication.translate("Timeline", "private"))
    return QCoreApplication.translate("Timeline", " and ").join(parts)


@dataclass(frozen=True)
class Bar:
    row: int  # the model's row
    lane: int  # the camera's row on the timeline
    start: datetime
    end: datetime


class Timeline(QWidget):
    """Paints the bars; knows nothing of decisions beyond what the model says."""

    clicked = Signal(int)  # the model row the resident clicked

    def __init__(
        self,
        model: CandidatesModel,
        selection: QItemSelectionModel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.selection = selection
        self.request_window: tuple[datetime, datetime] | None = None
        self.cameras: list[str] = []
        self.bars: list[Bar] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.setAccessibleName(self.tr("Timeline of the request's window"))
        self.setMouseTracking(False)
        model.modelReset.connect(self._rebuild)
        model.dataChanged.connect(lambda *_: self._current_changed(self.selection.currentIndex()))
        selection.currentChanged.connect(self._current_changed)

    # -- what is shown -------------------------------------------------------------------
    def set_window(self, window: tuple[datetime, datetime] | None) -> None:
        self.request_window = window
        self._rebuild()

    def _rebuild(self) -> None:
        cands: list[Candidate] = [
            self.model.index(r, 0).data(CandidateRole) for r in range(self.model.rowCount())
        ]
        self.cameras = sorted({c.camera for c in cands}, key=str.casefold)
        lanes = {name: i for i, name in enumerate(self.cameras)}
        self.bars = [
            Bar(r, lanes[c.camera], moment_of(c.start_utc), moment_of(c.end_utc))
            for r, c in enumerate(cands)
        ]
        self.updateGeometry()
        self.update()

    def _current_changed(self, current: QModelIndex, _previous: object = None) -> None:
        self.setAccessibleDescription(self.describe(current.row()) if current.isValid() else "")
        self.update()

    def describe(self, row: int) -> str:
        """One clip in words, as the tooltip and the screen reader say it."""
        bar = next((b for b in self.bars if b.row == row), None)
        if bar is None:
            return ""
        words = self.tr("{camera}, {start} to {end}, {decision}").format(
            camera=self.cameras[bar.lane],
            start=local_text(bar.start, seconds=True),
            end=local_text(bar.end, seconds=True),
            decision=decision_words(self.model.decision(row)),
        )
        if any(self._outside(bar)):
            words += self.tr(", partly outside the window")
        flag = flag_words(self.model.flag(row))
        if flag:
            words += self.tr(", flagged: {flags}").format(flags=flag)
        return words

    def _outside(self, bar: Bar) -> tuple[bool, bool]:
        """Whether the clip starts before the window, and whether it ends after it."""
        if self.request_window is None:
            return (False, False)
        return (bar.start < self.request_window[0], bar.end > self.request_window[1])

    # -- geometry ------------------------------------------------------------------------
    def _row_h(self) -> int:
        return round(self.fontMetrics().height() * 1.9)

    def _axis_h(self) -> int:
        return round(self.fontMetrics().height() * 1.6)

    def sizeHint(self) -> QSize:
        return QSize(400, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        lanes = max(1, len(self.cameras))
        return QSize(160, 2 * self._axis_h() + lanes * self._row_h() + 4)

    def ticks(self) -> list[tuple[datetime, str]]:
        """The times marked under the rows, on the computer's clock, as many as fit
        with their labels apart: whole minutes, hours or days."""
        lo, hi = self._span()
        total = (hi - lo).total_seconds()
        fm = self.fontMetrics()
        width = self.width() - fm.height() - self._label_w()
        if total <= 0 or width <= 0:
            return []
        room = fm.horizontalAdvance("00-00 00:00") + fm.height()
        step = next((s for s in TICK_STEPS_S if width * s / total >= room), TICK_STEPS_S[-1])
        local = lo.astimezone()
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        n = math.ceil((local - midnight).total_seconds() / step)
        out = []
        tick = midnight + timedelta(seconds=n * step)
        while tick <= hi:
            fmt = (
                "%m-%d"
                if step >= 86400
                else ("%m-%d %H:%M" if tick.hour == tick.minute == 0 else "%H:%M")
            )
            out.append((tick, tick.strftime(fmt)))
            tick += timedelta(seconds=step)
        return out

    def _label_w(self) -> float:
        fm = self.fontMetrics()
        widest = max((fm.horizontalAdvance(n) for n in self.cameras), default=0)
        return min(widest + fm.height(), self.width() * 0.28)

    def _span(self) -> tuple[datetime, datetime]:
        times = [t for b in self.bars for t in (b.start, b.end)]
        if self.request_window is not None:
            times += list(self.request_window)
        if not times:
            now = datetime.now().astimezone()
            return now, now
        return min(times), max(times)

    def _x(self, t: datetime) -> float:
        lo, hi = self._span()
        x0 = self._label_w()
        x1 = self.width() - self.fontMetrics().height()
        total = (hi - lo).total_seconds()
        if total <= 0:
            return x0
        return x0 + (t - lo).total_seconds() / total * (x1 - x0)

    def bar_rect(self, bar: Bar) -> QRectF:
        fm = self.fontMetrics()
        row_h = self._row_h()
        top = self._axis_h() + bar.lane * row_h + row_h * 0.2
        x = self._x(bar.start)
        w = max(self._x(bar.end) - x, fm.horizontalAdvance("✓") + 8)
        right = self.width() - fm.height() / 2
        if x + w > right:  # a short clip at the very end: kept inside the widget
            x = right - w
        return QRectF(x, top, w, row_h * 0.6)

    def bar_at(self, pos: QPointF) -> Bar | None:
        hits = [b for b in self.bars if self.bar_rect(b).adjusted(-3, -4, 3, 4).contains(pos)]
        if hits:
            return hits[-1]
        lane = int((pos.y() - self._axis_h()) // self._row_h())
        near = [b for b in self.bars if b.lane == lane]
        if not near:
            return None
        best = min(near, key=lambda b: abs(self.bar_rect(b).center().x() - pos.x()))
        limit = self.fontMetrics().height() * 2
        return best if abs(self.bar_rect(best).center().x() - pos.x()) <= limit else None

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = self.fontMetrics()
        text = pal.color(QPalette.ColorRole.WindowText)
        row_h, axis_h = self._row_h(), self._axis_h()
        bottom = axis_h + max(1, len(self.cameras)) * row_h
        x0, x1 = self._label_w(), self.width() - fm.height()
        p.fillRect(QRectF(x0, axis_h, x1 - x0, bottom - axis_h), pal.color(QPalette.ColorRole.Base))
        if self.request_window is not None:
            a, b = self._x(self.request_window[0]), self._x(self.request_window[1])
            # Outside the window: hatched, so it reads without its colour.
            hatch = QBrush(pal.color(QPalette.ColorRole.Mid), Qt.BrushStyle.BDiagPattern)
            p.fillRect(QRectF(x0, axis_h, a - x0, bottom - axis_h), hatch)
            p.fillRect(QRectF(b, axis_h, x1 - b, bottom - axis_h), hatch)
            p.setPen(QPen(text, 1))
            p.drawLine(QPointF(a, axis_h - 3), QPointF(a, bottom))
            p.drawLine(QPointF(b, axis_h - 3), QPointF(b, bottom))
            first = self.tr("Window from {time}").format(time=local_text(self.request_window[0]))
            last = self.tr("to {time}").format(time=local_text(self.request_window[1]))
            base = axis_h - fm.descent() - 4
            p.drawText(
                QPointF(max(0.0, min(a, self.width() - fm.horizontalAdvance(first))), base), first
            )
            lw = fm.horizontalAdvance(last)
            if b - lw > a + fm.horizontalAdvance(first) + fm.height():
                p.drawText(QPointF(b - lw, base), last)
        grid = QColor(pal.color(QPalette.ColorRole.Mid))
        for tick, label in self.ticks():
            x = self._x(tick)
            p.setPen(QPen(grid, 1, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(x, axis_h), QPointF(x, bottom + 4))
            p.setPen(text)
            lw = fm.horizontalAdvance(label)
            left = min(max(x - lw / 2, x0), self.width() - lw)
            p.drawText(QPointF(left, bottom + 4 + fm.ascent()), label)
        for lane, name in enumerate(self.cameras):
            top = axis_h + lane * row_h
            p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
            p.drawLine(QPointF(0, top), QPointF(self.width(), top))
            p.setPen(text)
            label = fm.elidedText(name, Qt.TextElideMode.ElideRight, int(x0 - fm.height() / 2))
            p.drawText(
                QRectF(2, top, x0, row_h),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                label,
            )
        current = self.selection.currentIndex().row()
        for bar in self.bars:
            self._paint_bar(p, bar, bar.row == current)
        if not self.bars:
            p.setPen(text)
            p.drawText(
                QRectF(x0, axis_h, x1 - x0, row_h),
                int(Qt.AlignmentFlag.AlignCenter),
                self.tr("No clip of yours overlaps the window."),
            )
        if self.hasFocus():
            p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        p.end()

    def _paint_bar(self, p: QPainter, bar: Bar, selected: bool) -> None:
        pal = self.palette()
        fm = self.fontMetrics()
        state = self.model.decision(bar.row)
        colour = QColor(DECISION_COLOURS[state])
        r = self.bar_rect(bar)
        if selected:
            p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 3))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(r.adjusted(-4, -4, 4, 4), 4, 4)
        if state == "pending":  # hollow: its shape says it, not only its grey
            # Its outline on the palette's base: readable there in light and dark alike
            # (a filled bar keeps its colour, which its white mark reads on).
            p.setPen(QPen(theme.fg(DECISION_COLOURS[state]), 2, Qt.PenStyle.DashLine))
            p.setBrush(pal.color(QPalette.ColorRole.Base))
            mark_colour = pal.color(QPalette.ColorRole.Text)
        else:
            p.setPen(QPen(colour.darker(130), 1))
            p.setBrush(colour)
            mark_colour = QColor("white")
        p.drawRect(r)
        before, after = self._outside(bar)
        p.setPen(QPen(pal.color(QPalette.ColorRole.WindowText), 1))
        p.setBrush(pal.color(QPalette.ColorRole.WindowText))
        h = r.height() / 2
        if before:
            tip = QPointF(r.left() - h * 0.9, r.center().y())
            p.drawPolygon(
                QPolygonF(
                    [
                        tip,
                        QPointF(r.left() - 1, r.top() + h / 2),
                        QPointF(r.left() - 1, r.bottom() - h / 2),
                    ]
                )
            )
        if after:
            tip = QPointF(r.right() + h * 0.9, r.center().y())
            p.drawPolygon(
                QPolygonF(
                    [
                        tip,
                        QPointF(r.right() + 1, r.top() + h / 2),
                        QPointF(r.right() + 1, r.bottom() - h / 2),
                    ]
                )
            )
        p.setPen(mark_colour)
        p.drawText(r, int(Qt.AlignmentFlag.AlignCenter), MARKS.get(state, "?"))
        if self.model.flag(bar.row):
            p.setPen(theme.fg(FLAG_COLOUR))
            fw = fm.horizontalAdvance(FLAG_MARK)
            x = r.right() + (h if after else 0) + 3
            if x + fw > self.width():
                x = r.left() - fw - 3 - (h if before else 0)
            p.drawText(QPointF(x, r.top() - 2 + fm.ascent() / 2), FLAG_MARK)

    # -- the resident's hand -------------------------------------------------------------
    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            self.selection.setCurrentIndex(self.model.index(row, 0), flags)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        bar = self.bar_at(event.position())
        if bar is not None and event.button() == Qt.MouseButton.LeftButton:
            self.select_row(bar.row)
            self.clicked.emit(bar.row)

    def neighbour(self, row: int, key: Qt.Key) -> int | None:
        """The model row the key moves to from ``row`` (None: it stays)."""
        order = sorted(self.bars, key=lambda b: (b.start, b.lane))
        if not order:
            return None
        here = next((b for b in order if b.row == row), None)
        if here is None or key == Qt.Key.Key_Home:
            return order[0].row
        if key == Qt.Key.Key_End:
            return order[-1].row
        i = order.index(here)
        if key == Qt.Key.Key_Left:
            return order[i - 1].row if i > 0 else None
        if key == Qt.Key.Key_Right:
            return order[i + 1].row if i + 1 < len(order) else None
        step = -1 if key == Qt.Key.Key_Up else 1
        lane = here.lane + step
        mid = here.start + (here.end - here.start) / 2
        while 0 <= lane < len(self.cameras):
            near = [b for b in order if b.lane == lane]
            if near:
                return min(near, key=lambda b: abs(b.start + (b.end - b.start) / 2 - mid)).row
            lane += step
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        moves = (
            Qt.Key.Key_Left,
            Qt.Key.Key_Right,
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
            Qt.Key.Key_Home,
            Qt.Key.Key_End,
        )
        if key not in moves or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return super().keyPressEvent(event)
        target = self.neighbour(self.selection.currentIndex().row(), key)
        if target is not None:
            self.select_row(target)
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = self.bar_at(QPointF(event.pos()))
            if bar is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.describe(bar.row), self)
            return True
        return super().event(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()
