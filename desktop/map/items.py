"""What the map draws over the base map: cameras with their view cones, and request
areas coloured by status. Scene coordinates are Web Mercator "world pixels" at zoom 0
(the whole world is 256 units wide, north up); see ``db.requests.mercator``."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSceneMouseEvent,
)

from db.clips.cameras import Camera
from db.requests.mercator import WORLD_SIZE, lonlat_to_world, world_to_lonlat
from db.requests.request_types import Area

STATUS_COLOURS = {
    "new": QColor("#1565c0"),
    "needs decision": QColor("#ef6c00"),
    "decided": QColor("#2e7d32"),
    "expired": QColor("#757575"),
    "no footage": QColor("#9e9e9e"),
    "withdrawn": QColor("#6d4c41"),
}
# In English; status_words() gives them in the language of the window.
STATUS_WORDS = {
    "new": str(QT_TRANSLATE_NOOP("MapItems", "New")),
    "needs decision": str(QT_TRANSLATE_NOOP("MapItems", "Needs decision")),
    "decided": str(QT_TRANSLATE_NOOP("MapItems", "Decided")),
    "expired": str(QT_TRANSLATE_NOOP("MapItems", "Expired")),
    "no footage": str(QT_TRANSLATE_NOOP("MapItems", "No footage")),
    "withdrawn": str(QT_TRANSLATE_NOOP("MapItems", "Withdrawn")),
}
CAMERA_COLOUR = QColor("#c2185b")
MARKER_PX = 14  # camera markers keep their size on screen at every zoom

CameraZ, AreaZ, ConeZ, HandleZ = 20.0, 10.0, 15.0, 30.0


def status_word(status: str) -> str:
    """A request status as the map's legend says it, translated."""
    return QCoreApplication.translate("MapItems", STATUS_WORDS[status])


def polygon_path(rings: list[list[tuple[float, float]]]) -> QPainterPath:
    """A path in scene units from rings of (lon, lat); holes by the odd-even rule."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in rings:
        path.addPolygon(QPolygonF([QPointF(*lonlat_to_world(lon, lat)) for lon, lat in ring]))
        path.closeSubpath()
    return path


_CIRCLE = [(math.sin(2 * math.pi * i / 64), math.cos(2 * math.pi * i / 64)) for i in range(65)]


def area_path(area: Area) -> QPainterPath:
    """A request area's outline for drawing: a polygon's own rings, or a circle as 64
    points placed with the local radii (no geometry library on the GUI thread; the
    rules and matching measure areas geodesically in db.requests.geo)."""
    if area.kind == "circle" and area.center is not None and area.radius_m:
        lon, lat = area.center
        # Mercator is conformal: over a few hundred metres the circle's points are its
        # centre plus the local radii scaled by sec(lat), with no trigonometry per point.
        cx, cy = lonlat_to_world(lon, lat)
        m, n = _radii(lat)
        scale = WORLD_SIZE / (2 * math.pi) * area.radius_m
        east = scale / n
        north = scale / (m * max(math.cos(math.radians(lat)), 1e-9))
        path = QPainterPath()
        path.addPolygon(QPolygonF([QPointF(cx + east * s, cy - north * c) for s, c in _CIRCLE]))
        path.closeSubpath()
        return path
    return polygon_path([list(r) for r in area.rings])


class _PathItem(QGraphicsPathItem):
    """A path item whose bounds are the path's own: Qt widens them by the pen width in
    scene units, which for a cosmetic (screen-pixel) pen on this map means by tens of
    kilometres, defeating the scene's index and every fit. The view repaints whole
    (FullViewportUpdate), so the few pixels of stroke outside are never left behind."""

    def boundingRect(self) -> QRectF:
        return self.path().boundingRect()


class RequestAreaItem(QGraphicsPathItem):
    """One request's area, drawn with a hairline (a zero-width pen: Qt then keeps the
    bounds to the path, and no Python runs while painting). The selected area gets a
    thick outline from a separate halo item. Clicking selects the request."""

    def __init__(self, row_id: int, area: Area, status: str, label: str) -> None:
        super().__init__(area_path(area))
        self.halo: _PathItem | None = None
        self.filled = True  # False in dense views: outlines only
        self.row_id = row_id
        self.status = status
        self.selected = False
        self.on_click: Callable[[int], None] | None = None
        self.setZValue(AreaZ)
        self.setToolTip(label)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self._style()

    def set_filled(self, filled: bool) -> None:
        if filled != self.filled:
            self.filled = filled
            self._style()

    def set_status(self, status: str) -> None:
        if status != self.status:
            self.status = status
            self._style()

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self.setZValue(AreaZ + (1 if selected else 0))
            if selected and self.halo is None:
                self.halo = _PathItem(self.path(), self)
                self.halo.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
                self.halo.setBrush(Qt.BrushStyle.NoBrush)
            elif not selected and self.halo is not None:
                # PySide6's stubs omit None, which Qt takes as "no parent".
                self.halo.setParentItem(None)  # type: ignore[arg-type]
                if self.scene() is not None:
                    self.scene().removeItem(self.halo)
                self.halo = None
            self._style()

    def _style(self) -> None:
        colour = STATUS_COLOURS.get(self.status, QColor("#455a64"))
        pen = QPen(colour, 0)  # hairline
        if self.status in ("no footage", "withdrawn", "expired"):
            pen.setStyle(Qt.PenStyle.DashLine)
        fill = QColor(colour)
        fill.setAlpha(95 if self.selected else 40)
        self.setPen(pen)
        self.setBrush(QBrush(fill) if self.filled or self.selected else QBrush())
        if self.halo is not None:
            halo_pen = QPen(colour, 3.5)
            halo_pen.setCosmetic(True)
            self.halo.setPen(halo_pen)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.on_click is not None:
            self.on_click(self.row_id)
            event.accept()
        else:
            super().mousePressEvent(event)


# WGS84, for drawing cones and placing handles: a camera sees at most a kilometre or
# so, over which the ellipsoid's local radii of curvature give positions to well under
# a centimetre, without loading pyproj, shapely and numpy when the window opens.
# (Matching a request against view cones uses the geodesic cone in db.requests.geo.)
_A = 6378137.0
_E2 = 6.69437999014e-3


def _radii(lat: float) -> tuple[float, float]:
    """Metres per radian north (meridian radius M) and east (N cos lat) at ``lat``."""
    s = math.sin(math.radians(lat))
    w = math.sqrt(1 - _E2 * s * s)
    m = _A * (1 - _E2) / (w * w * w)
    n = _A / w
    return m, max(n * math.cos(math.radians(lat)), 1e-9)


def cone_points(camera: Camera, step_deg: float = 5.0) -> list[tuple[float, float]] | None:
    """The view cone as (lon, lat) points: apex, arc, apex; None without a cone."""
    heading, fov, rng = camera.heading_deg, camera.fov_deg, camera.range_m
    if rng is None or fov is None or rng <= 0 or (heading is None and fov < 360):
        return None
    fov = min(fov, 360.0)
    start = (heading or 0.0) - fov / 2
    steps = max(2, math.ceil(fov / step_deg) + 1)
    arc = [
        destination(camera.lon, camera.lat, start + fov * i / (steps - 1), rng)
        for i in range(steps)
    ]
    if fov >= 360:
        return [*arc, arc[0]]
    apex = (camera.lon, camera.lat)
    return [apex, *arc, apex]


def cone_path(camera: Camera) -> QPainterPath | None:
    points = cone_points(camera)
    return None if points is None else polygon_path([points])


class ConeItem(QGraphicsPathItem):
    def __init__(self) -> None:
        super().__init__()
        self.setZValue(ConeZ)
        colour = QColor(CAMERA_COLOUR)
        colour.setAlpha(60)
        self.setBrush(QBrush(colour))
        self.setPen(QPen(CAMERA_COLOUR, 0))  # hairline: bounds stay the path's
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)


class CameraMarker(QGraphicsEllipseItem):
    """A camera: a dot of constant screen size (painted by Qt, no Python per frame) that
    can be dragged to move the camera. ``on_moved(camera, lon, lat)`` is called when a
    drag ends; ``on_click(camera)`` on a click without a drag."""

    def __init__(self, camera: Camera) -> None:
        r = MARKER_PX / 2
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.camera = camera
        self.highlighted = False
        self.on_moved: Callable[[Camera, float, float], None] | None = None
        self.on_click: Callable[[Camera], None] | None = None
        self._press: QPointF | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setZValue(CameraZ)
        self.setBrush(CAMERA_COLOUR)
        self._style()
        self.setPos(QPointF(*lonlat_to_world(camera.lon, camera.lat)))
        self.setToolTip(
            QCoreApplication.translate("MapItems", "{camera} (drag to move it)").format(
                camera=camera.name
            )
        )

    def _style(self) -> None:
        if self.highlighted:
            self.setPen(QPen(QColor("#ffca28"), 4))
        else:
            self.setPen(QPen(QColor("white"), 2))

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self._style()

    def lonlat(self) -> tuple[float, float]:
        return world_to_lonlat(self.pos().x(), self.pos().y())

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._press = self.pos()
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        moved = self._press is not None and self.pos() != self._press
        self._press = None
        if moved and self.on_moved is not None:
            lon, lat = self.lonlat()
            self.on_moved(self.camera, lon, lat)
        elif not moved and self.on_click is not None:
            self.on_click(self.camera)


class ConeHandle(QGraphicsEllipseItem):
    """A handle on the view cone: ``kind`` "reach" (the cone's tip: heading and range)
    or "edge" (one side: field of view). Dragging it calls ``on_drag`` with the
    pointer's (lon, lat); releasing it calls ``on_release``."""

    def __init__(self, kind: str) -> None:
        r = 5.0
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.kind = kind
        self.on_drag: Callable[[ConeHandle, float, float], None] | None = None
        self.on_release: Callable[[ConeHandle], None] | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(HandleZ)
        self.setBrush(QColor("white"))
        self.setPen(QPen(CAMERA_COLOUR, 2))
        self.setCursor(Qt.CursorShape.SizeAllCursor)
        self.setToolTip(
            QCoreApplication.translate("MapItems", "Drag to turn the camera and set its range")
            if kind == "reach"
            else QCoreApplication.translate("MapItems", "Drag to widen or narrow the field of view")
        )

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.on_drag is not None:
            p = event.scenePos()
            lon, lat = world_to_lonlat(p.x(), p.y())
            self.on_drag(self, lon, lat)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.on_release is not None:
            self.on_release(self)


def bearing_and_distance(lon1: float, lat1: float, lon2: float, lat2: float) -> tuple[float, float]:
    """Bearing (degrees clockwise from north, 0 to 360) and distance (metres) from one
    point to another nearby (within a few kilometres)."""
    m, n = _radii(lat1)
    north = math.radians(lat2 - lat1) * m
    east = math.radians(lon2 - lon1) * n
    return (math.degrees(math.atan2(east, north)) + 360.0) % 360.0, math.hypot(north, east)


def destination(lon: float, lat: float, bearing: float, dist_m: float) -> tuple[float, float]:
    """The point ``dist_m`` (up to a few kilometres) from (lon, lat) along ``bearing``."""
    m, n = _radii(lat)
    b = math.radians(bearing)
    return (
        lon + math.degrees(dist_m * math.sin(b) / n),
        lat + math.degrees(dist_m * math.cos(b) / m),
    )


def angle_diff(a: float, b: float) -> float:
    """The smallest difference between two bearings, in degrees (0 to 180)."""
    return abs((a - b + 180.0) % 360.0 - 180.0)


def clamp(value: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, value))
