"""A frame of a camera with its privacy masks shaded, on which the resident draws a new
one corner by corner (docs/redaction.md). Points are kept in pixels of the camera's
picture (its clips' size), whatever size the frame is shown at or was decoded at.

Mouse: a click places a corner, a double-click places the last one and closes the
polygon. Keyboard: the arrow keys move a cross (Shift: one pixel at a time), Space
places a corner there, Enter closes the polygon, Backspace takes back the last corner,
Esc drops the polygon being drawn (with nothing drawn, Esc goes to the dialog)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from db.redaction.plan import Mask

Point = tuple[int, int]
_SHADE = QColor(20, 20, 20, 170)  # a stored mask: what the excerpt will not show
_OUTLINE = QColor(255, 255, 255, 220)
_CHOSEN = QColor(255, 196, 0)  # the mask chosen in the list
_DRAWING = QColor(0, 170, 255)  # the polygon being drawn
_JITTER = 4  # widget pixels a hand moves between the two clicks of a double-click


class MaskView(QWidget):
    """The frame, scaled to fit and never stretched, with masks over it."""

    drawing_changed = Signal()  # a corner placed or taken back, the polygon closed or dropped

    def __init__(self) -> None:
        super().__init__()
        self.image: QImage | None = None
        self.text = self.tr("Reading the camera's clips…")
        self.picture = (0, 0)  # the camera's picture size the points are in
        self.masks: list[Mask] = []  # in picture pixels
        self.chosen: int | None = None  # the id of the mask chosen in the list
        self.points: list[Point] = []  # the polygon being drawn
        self.closed = False
        self.cross: Point | None = None  # the keyboard's cross
        self.setMinimumSize(480, 270)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(self.tr("Frame of the camera"))
        self.setAccessibleDescription(
            self.tr(
                "Click the corners of an area to hide; double-click or Enter closes it. "
                "Arrow keys move a cross, Space places a corner, Backspace takes one back, "
                "Escape drops the polygon."
            )
        )

    def sizeHint(self) -> QSize:
        return QSize(800, 450)

    # -- what is shown ---------------------------------------------------------------
    def set_frame(self, image: QImage | None, picture: tuple[int, int], text: str = "") -> None:
        self.image, self.text = image, text
        if picture != self.picture:
            self.picture = picture
            self.clear_drawing()
        self.update()

    def set_masks(self, masks: list[Mask]) -> None:
        self.masks = list(masks)
        self.update()

    def choose(self, mask_id: int | None) -> None:
        self.chosen = mask_id
        self.update()

    @property
    def ready(self) -> bool:
        """A frame is on show: corners can be placed."""
        return self.image is not None and not self.image.isNull() and self.picture[0] > 0

    # -- drawing ---------------------------------------------------------------------
    def place(self, point: Point) -> None:
        """Place a corner (picture pixels, kept inside the picture)."""
        if not self.ready or self.closed:
            return
        w, h = self.picture
        point = (min(w, max(0, point[0])), min(h, max(0, point[1])))
        if self.points and self.points[-1] == point:
            return  # the same pixel twice adds nothing
        self.points.append(point)
        self._drawn()

    def close_polygon(self) -> bool:
        """Close the polygon being drawn; False when it has fewer than three corners."""
        if self.closed or len(self.points) < 3:
            return False
        self.closed = True
        self._drawn()
        return True

    def take_back(self) -> None:
        if self.closed:
            self.closed = False
        elif self.points:
            self.points.pop()
        self._drawn()

    def clear_drawing(self) -> None:
        had = bool(self.points)
        self.points, self.closed = [], False
        if had:
            self._drawn()

    def _drawn(self) -> None:
        self.update()
        self.drawing_changed.emit()

    # -- geometry --------------------------------------------------------------------
    def target(self) -> QRectF:
        """Where the frame is drawn in the widget."""
        if self.image is None or self.image.isNull():
            return QRectF()
        size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        rect = QRectF(0, 0, size.width(), size.height())
        rect.moveCenter(QRectF(self.rect()).center())
        return rect

    def to_picture(self, pos: QPointF | QPoint) -> Point | None:
        """The picture pixel under a widget position, or None off the frame."""
        target = self.target()
        if target.isEmpty() or not self.picture[0]:
            return None
        x = (pos.x() - target.x()) / target.width()
        y = (pos.y() - target.y()) / target.height()
        if not (0 <= x <= 1 and 0 <= y <= 1):
            return None
        w, h = self.picture
        return round(x * w), round(y * h)

    def to_widget(self, point: Point) -> QPointF:
        target = self.target()
        w, h = self.picture
        return QPointF(
            target.x() + point[0] * target.width() / w,
            target.y() + point[1] * target.height() / h,
        )

    # -- input -----------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        point = self.to_picture(event.position())
        if point is not None:
            self.cross = point
            self.place(point)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # The double-click's first press placed the corner (when the system sent one);
        # the double-click closes. A hand that moved a little between the two clicks
        # does not add a second corner beside the first.
        if event.button() != Qt.MouseButton.LeftButton:
            return
        point = self.to_picture(event.position())
        if point is not None and not self.closed:
            last = self.to_widget(self.points[-1]) if self.points else None
            if last is None or (last - event.position()).manhattanLength() > _JITTER:
                self.cross = point
                self.place(point)
        self.close_polygon()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        arrows = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if key in arrows and self.ready:
            fine = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            step = 1 if fine else max(1, self.picture[0] // 64)
            dx, dy = arrows[key]
            x, y = self.cross or (self.picture[0] // 2, self.picture[1] // 2)
            w, h = self.picture
            self.cross = (min(w, max(0, x + dx * step)), min(h, max(0, y + dy * step)))
            self.update()
        elif key == Qt.Key.Key_Space and self.ready:
            if self.cross is None:
                self.cross = (self.picture[0] // 2, self.picture[1] // 2)
            self.place(self.cross)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.points and not self.closed:
            self.close_polygon()
        elif key == Qt.Key.Key_Backspace and self.points:
            self.take_back()
        elif key == Qt.Key.Key_Escape and self.points:
            self.clear_drawing()
        else:
            event.ignore()  # to the dialog: Esc closes it, Tab moves on
            return
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # -- painting --------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        if not self.ready:
            painter.setPen(Qt.GlobalColor.white)
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.text
            )
            return
        assert self.image is not None
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawImage(self.target(), self.image)
        for mask in self.masks:
            self._paint_mask(painter, mask)
        self._paint_drawing(painter)
        if self.hasFocus():
            painter.setPen(QPen(_DRAWING, 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
            if self.cross is not None:
                c = self.to_widget(self.cross)
                painter.setPen(QPen(_DRAWING, 1.5))
                painter.drawLine(QPointF(c.x() - 10, c.y()), QPointF(c.x() + 10, c.y()))
                painter.drawLine(QPointF(c.x(), c.y() - 10), QPointF(c.x(), c.y() + 10))

    def _polygon(self, points: tuple[Point, ...] | list[Point]) -> QPolygonF:
        return QPolygonF([self.to_widget(p) for p in points])

    def _paint_mask(self, painter: QPainter, mask: Mask) -> None:
        polygon = self._polygon(mask.points)
        chosen = mask.mask_id == self.chosen
        painter.setBrush(QBrush(_SHADE))
        painter.setPen(QPen(_CHOSEN if chosen else _OUTLINE, 3 if chosen else 1.5))
        painter.drawPolygon(polygon)
        painter.setBrush(QBrush(_SHADE, Qt.BrushStyle.BDiagPattern))
        painter.drawPolygon(polygon)
        box = polygon.boundingRect()
        painter.setPen(_CHOSEN if chosen else Qt.GlobalColor.white)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, mask.name)

    def _paint_drawing(self, painter: QPainter) -> None:
        if not self.points:
            return
        polygon = self._polygon(self.points)
        painter.setPen(QPen(_DRAWING, 2))
        if self.closed:
            fill = QColor(_DRAWING)
            fill.setAlpha(90)
            painter.setBrush(fill)
            painter.drawPolygon(polygon)
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline(polygon)
        painter.setBrush(_DRAWING)
        for i, point in enumerate(self.points):
            corner = self.to_widget(point)
            radius = 5 if i == 0 else 3.5  # the first corner: where the polygon closes
            painter.drawEllipse(corner, radius, radius)
