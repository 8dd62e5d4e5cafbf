"""The handles of a request area being drawn (desktop/widgets/area_editor.py): the
circle's centre and radius, a polygon's corners and the points halfway along its sides
(dragging one of those adds a corner there). Each has a constant size on screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem, QGraphicsSceneMouseEvent

from db.requests.mercator import lonlat_to_world, world_to_lonlat
from desktop.map.items import HandleZ

AREA_COLOUR = QColor("#6a1b9a")
CURRENT_COLOUR = QColor("#ffca28")

TIPS = {  # in English; translated when shown
    "centre": str(QT_TRANSLATE_NOOP("AreaHandle", "The area's centre: drag to move the circle")),
    "radius": str(QT_TRANSLATE_NOOP("AreaHandle", "Drag to make the circle larger or smaller")),
    "vertex": str(
        QT_TRANSLATE_NOOP("AreaHandle", "A corner: drag to move it; double-click to remove it")
    ),
    "midpoint": str(QT_TRANSLATE_NOOP("AreaHandle", "Drag to add a corner here")),
}


class AreaHandle(QGraphicsEllipseItem):
    """``role`` is "centre", "radius", "vertex" or "midpoint"; ``index`` the corner (or
    the side, for a midpoint). ``on_drag(handle, lon, lat)`` follows the pointer,
    ``on_release(handle)`` ends a drag, ``on_double_click(handle)`` removes a corner."""

    def __init__(self, role: str, index: int, lon: float, lat: float) -> None:
        r = 4.0 if role == "midpoint" else 6.0
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.role = role
        self.index = index
        self.current = False
        self.on_drag: Callable[[AreaHandle, float, float], None] | None = None
        self.on_release: Callable[[AreaHandle], None] | None = None
        self.on_double_click: Callable[[AreaHandle], None] | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(HandleZ + (0 if role == "midpoint" else 1))
        self.setCursor(Qt.CursorShape.SizeAllCursor)
        self.setToolTip(QCoreApplication.translate("AreaHandle", TIPS[role]))
        self.place(lon, lat)
        self._style()

    def place(self, lon: float, lat: float) -> None:
        self.setPos(QPointF(*lonlat_to_world(lon, lat)))

    def set_current(self, on: bool) -> None:
        if on != self.current:
            self.current = on
            self._style()

    def _style(self) -> None:
        if self.current:
            self.setBrush(CURRENT_COLOUR)
            self.setPen(QPen(QColor("#212121"), 2))
        elif self.role == "midpoint":
            self.setBrush(QColor(255, 255, 255, 170))
            self.setPen(QPen(AREA_COLOUR, 1))
        else:
            self.setBrush(QColor("white"))
            self.setPen(QPen(AREA_COLOUR, 2))

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()  # the view does not pan while a handle is dragged

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.on_drag is not None:
            p = event.scenePos()
            lon, lat = world_to_lonlat(p.x(), p.y())
            self.on_drag(self, lon, lat)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.on_release is not None:
            self.on_release(self)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()
        if self.on_double_click is not None:
            self.on_double_click(self)
