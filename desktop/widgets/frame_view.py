"""One picture of the redaction review, scaled to fit, with what is hidden outlined on
it, and a rectangle the resident draws (mouse: drag; keyboard: arrows move it, Shift +
arrows size it, Enter keeps it, Escape gives up). Boxes are in the clip's picture pixels
(the plan's), whatever size the shown picture has."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from db.redaction.plan import Box

HIDDEN = QColor("#ffd54f")  # what is hidden: amber, seen on dark and light pictures
SELECTED = QColor("#4fc3f7")
DRAWING = QColor("#ff5252")
STEP = 0.02  # a key press moves or sizes the drawn rectangle by this part of the picture


class FrameView(QWidget):
    drawn = Signal(object)  # Box, in picture pixels
    drawing_changed = Signal(bool)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.image: QImage | None = None
        self.text = ""
        self.picture = (0, 0)  # the clip's picture size, which boxes refer to
        self.boxes: list[tuple[Box, str, bool]] = []
        self.masks: list[tuple[tuple[tuple[int, int], ...], str]] = []
        self.band: QRectF | None = None  # while drawing: in picture pixels
        self._drag_from: QPointF | None = None

    # -- what is shown -------------------------------------------------------------------
    def set_picture_size(self, width: int, height: int) -> None:
        self.picture = (width, height)

    def set_image(self, image: QImage | None, text: str = "") -> None:
        self.image = image
        self.text = text
        self.update()

    def set_overlays(
        self,
        boxes: list[tuple[Box, str, bool]],
        masks: list[tuple[tuple[tuple[int, int], ...], str]] | None = None,
    ) -> None:
        self.boxes = boxes
        self.masks = masks or []
        self.update()

    def target(self) -> QRectF:
        """Where the picture is drawn: as large as fits, its shape kept, centred."""
        w, h = self.picture if self.picture[0] > 0 else (16, 9)
        scale = min(self.width() / w, self.height() / h)
        tw, th = w * scale, h * scale
        return QRectF((self.width() - tw) / 2, (self.height() - th) / 2, tw, th)

    def _to_screen(self, x: float, y: float) -> QPointF:
        t = self.target()
        w, h = self.picture if self.picture[0] > 0 else (16, 9)
        return QPointF(t.x() + x * t.width() / w, t.y() + y * t.height() / h)

    def _to_picture(self, p: QPointF) -> QPointF:
        t = self.target()
        w, h = self.picture if self.picture[0] > 0 else (16, 9)
        x = min(max(p.x(), t.left()), t.right())
        y = min(max(p.y(), t.top()), t.bottom())
        return QPointF((x - t.x()) * w / t.width(), (y - t.y()) * h / t.height())

    def _screen_rect(self, r: QRectF) -> QRectF:
        return QRectF(self._to_screen(r.left(), r.top()), self._to_screen(r.right(), r.bottom()))

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#202020"))
        t = self.target()
        if self.image is not None and not self.image.isNull():
            p.drawImage(t, self.image)
        elif self.text:
            p.setPen(QColor("#dddddd"))
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            p.drawText(self.rect().adjusted(12, 12, -12, -12), int(flags), self.text)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        for points, label in self.masks:
            p.setPen(QPen(HIDDEN, 1.5, Qt.PenStyle.DashLine))
            poly = QPolygonF([self._to_screen(x, y) for x, y in points])
            p.drawPolygon(poly)
            p.drawText(poly.boundingRect().topLeft() + QPointF(3, 13), label)
        for box, label, selected in self.boxes:
            r = self._screen_rect(QRectF(box.x, box.y, box.w, box.h))
            p.setPen(QPen(SELECTED if selected else HIDDEN, 3 if selected else 1.5))
            p.drawRect(r)
            p.drawText(r.topLeft() + QPointF(3, -4), label)
        if self.band is not None:
            p.setPen(QPen(DRAWING, 2, Qt.PenStyle.DashLine))
            p.drawRect(self._screen_rect(self.band))
        p.end()

    # -- drawing -------------------------------------------------------------------------
    @property
    def drawing(self) -> bool:
        return self.band is not None

    def start_drawing(self) -> None:
        """A rectangle in the middle to start from; the resident moves, sizes and keeps
        it (or drags a new one)."""
        w, h = self.picture
        self.band = QRectF(w * 0.4, h * 0.4, w * 0.2, h * 0.2)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocus()
        self.update()
        self.drawing_changed.emit(True)

    def cancel_drawing(self) -> None:
        if self.band is not None:
            self._end_drawing()

    def _end_drawing(self) -> None:
        self.band = None
        self._drag_from = None
        self.unsetCursor()
        self.update()
        self.drawing_changed.emit(False)

    def keep_drawing(self) -> None:
        """The drawn rectangle is kept: in whole picture pixels, inside the picture."""
        if self.band is None:
            return
        w, h = self.picture
        r = self.band.normalized().intersected(QRectF(0, 0, w, h))
        rect: QRect = r.toRect()
        self._end_drawing()
        if rect.width() >= 2 and rect.height() >= 2:
            self.drawn.emit(Box(rect.x(), rect.y(), rect.width(), rect.height()))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.band is None or event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self._drag_from = self._to_picture(event.position())
        self.band = QRectF(self._drag_from, self._drag_from)
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.band is None or self._drag_from is None:
            return super().mouseMoveEvent(event)
        self.band = QRectF(self._drag_from, self._to_picture(event.position())).normalized()
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.band is None or self._drag_from is None:
            return super().mouseReleaseEvent(event)
        self.band = QRectF(self._drag_from, self._to_picture(event.position())).normalized()
        self.keep_drawing()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.band is None:
            return super().keyPressEvent(event)
        key = Qt.Key(event.key())
        if key == Qt.Key.Key_Escape:
            self.cancel_drawing()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.keep_drawing()
            return
        moves = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if key not in moves:
            return super().keyPressEvent(event)
        sx, sy = moves[key]
        w, h = self.picture
        dx, dy = sx * w * STEP, sy * h * STEP
        band = QRectF(self.band)
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            band.setWidth(max(4.0, band.width() + dx))
            band.setHeight(max(4.0, band.height() + dy))
        else:
            band.translate(dx, dy)
        self.band = band
        self.update()
