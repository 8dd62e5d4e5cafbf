"""Drawing a request's area on the map: a circle (a centre and a radius) or a polygon
(its corners), edited with handles by mouse or keyboard, its size shown as the rules
measure it (geodesically, db.requests.geo). The map is desktop/map's MapView with the
window's base map; the resident's cameras are drawn for orientation.

Keyboard, on the map: Enter places the area at the map's centre; N and P pick the next
or previous handle; the arrow keys move the picked handle (Shift: finer), or pan the
map when none is picked; Insert adds a corner after the picked one, Delete removes it;
Esc lets go of the handle."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QGraphicsPathItem,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.clips.cameras import Camera
from db.requests.mercator import lonlat_to_world, world_to_lonlat
from db.requests.request_types import Area
from desktop import theme
from desktop.map.items import (
    AreaZ,
    CameraMarker,
    ConeItem,
    area_path,
    bearing_and_distance,
    cone_path,
    destination,
)
from desktop.map.picker import PlacePicker
from desktop.map.view import MapView
from desktop.widgets.area_handles import AREA_COLOUR, AreaHandle

DEFAULT_RADIUS_M = 150
MIN_RADIUS_M, MAX_RADIUS_M = 1, 50_000
KEY_STEP_PX, FINE_STEP_PX = 10, 1
PROMPT = str(
    QT_TRANSLATE_NOOP(
        "AreaEditor", "Click the map where the area is (or press Enter for the map's centre)"
    )
)


class AreaEditor(QWidget):
    """``area()`` is the area drawn as GeoJSON (the shape ManualRequest takes) or None;
    ``changed`` follows every edit."""

    changed = Signal()

    def __init__(
        self, cameras: list[Camera], tiles: Any = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = "circle"
        self.centre: tuple[float, float] | None = None
        self.radius_m = float(DEFAULT_RADIUS_M)
        self.vertices: list[tuple[float, float]] = []
        self.handles: list[AreaHandle] = []
        self.current: int | None = None  # the handle the keyboard moves
        self._dragging = False
        self._inserted: int | None = None  # the corner a midpoint drag added
        self._cameras = [c for c in cameras if c.id is not None]

        self.scene = QGraphicsScene(self)
        self.view = MapView(self.scene)
        self.view.show_legend = False
        self.view.setAccessibleName(self.tr("Map for drawing the request's area"))
        self.view.setAccessibleDescription(
            self.tr(
                "Keyboard, on the map: Enter places the area at the map's centre; N and P "
                "pick the next or previous handle; the arrow keys move the picked handle "
                "(Shift: finer), or pan the map when none is picked; Insert adds a corner "
                "after the picked one, Delete removes it; Esc lets go of the handle."
            )
        )
        if tiles is not None:
            self._use_tiles(tiles)
        self.shape = QGraphicsPathItem()
        self.shape.setZValue(AreaZ)
        fill = QColor(AREA_COLOUR)
        fill.setAlpha(60)
        self.shape.setBrush(QBrush(fill))
        pen = QPen(AREA_COLOUR, 2.5)
        pen.setCosmetic(True)
        self.shape.setPen(pen)
        self.shape.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.scene.addItem(self.shape)
        for cam in self._cameras:
            marker = CameraMarker(cam)
            marker.setFlag(marker.GraphicsItemFlag.ItemIsMovable, False)
            marker.setCursor(Qt.CursorShape.ArrowCursor)
            marker.setToolTip(cam.name)
            self.scene.addItem(marker)
            path = cone_path(cam)
            if path is not None:
                cone = ConeItem()
                cone.setPath(path)
                self.scene.addItem(cone)

        self.circle = QRadioButton(self.tr("Circle"))
        self.polygon = QRadioButton(self.tr("Polygon"))
        self.circle.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.circle)
        group.addButton(self.polygon)
        self.circle.setAccessibleName(self.tr("Area shape: circle"))
        self.polygon.setAccessibleName(self.tr("Area shape: polygon"))
        self.circle.toggled.connect(lambda on: self.set_kind("circle" if on else "polygon"))
        self.radius = QSpinBox()
        self.radius.setRange(MIN_RADIUS_M, MAX_RADIUS_M)
        self.radius.setSuffix(self.tr(" m"))
        self.radius.setValue(DEFAULT_RADIUS_M)
        self.radius.setKeyboardTracking(False)
        self.radius.setAccessibleName(self.tr("Circle radius in metres"))
        self.radius.valueChanged.connect(self._radius_typed)
        self.place = QPushButton(self.tr("Place at map centre"))
        self.place.setAccessibleName(self.tr("Place the area at the map's centre"))
        self.place.clicked.connect(self.place_at_centre)
        self.cameras_button = QPushButton(self.tr("My cameras"))
        self.cameras_button.setAccessibleName(self.tr("Show my cameras on the map"))
        self.cameras_button.clicked.connect(self.zoom_to_cameras)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setAccessibleName(self.tr("Clear the area"))
        self.clear_button.clicked.connect(self.clear)
        self.size_label = QLabel()
        self.size_label.setAccessibleName(self.tr("Size of the area"))
        self.size_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        theme.style(self.hint, "color: fg(#555555);")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.circle)
        bar.addWidget(self.polygon)
        radius_label = QLabel(self.tr("Radius"))
        radius_label.setBuddy(self.radius)
        bar.addWidget(radius_label)
        bar.addWidget(self.radius)
        bar.addStretch(1)
        # The buttons on a row of their own: the dialog's three columns then fit
        # 1280 pixels in languages longer than English.
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.place)
        buttons.addWidget(self.cameras_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.size_label)
        layout.addWidget(self.hint)
        self.view.installEventFilter(self)
        self._picker: PlacePicker | None = None
        self._start_picking()
        self._refresh()

    # -- the base map ------------------------------------------------------------------
    def _use_tiles(self, loader: Any) -> None:
        self.view.tiles = loader
        loader.tile_ready.connect(self.view.add_tile)
        self.view.attribution = loader.attribution
        self.view.base_map_available = bool(loader.available)

    def detach_tiles(self) -> None:
        """Stop drawing the window's tiles (the dialog is closing)."""
        loader = self.view.tiles
        if loader is not None:
            try:
                loader.tile_ready.disconnect(self.view.add_tile)
            except (RuntimeError, TypeError):
                pass
            self.view.tiles = None

    def zoom_to_cameras(self) -> None:
        if not self._cameras:
            return
        lons = [c.lon for c in self._cameras]
        lats = [c.lat for c in self._cameras]
        lon, lat = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
        self.view.center_on_lonlat(lon, lat, zoom=17.0 if len(self._cameras) == 1 else None)
        if len(self._cameras) > 1:
            x0, y0 = lonlat_to_world(min(lons), max(lats))
            x1, y1 = lonlat_to_world(max(lons), min(lats))
            self.view.fit_world_rect(QRectF(QPointF(x0, y0), QPointF(x1, y1)).normalized(), 120)
            self.view.set_zoom(min(self.view.zoom, 17.0))

    def zoom_to_area(self) -> None:
        rect = self.shape.path().boundingRect()
        if rect.isValid() and not rect.isNull():
            self.view.fit_world_rect(rect, 60)

    # -- the area ----------------------------------------------------------------------
    def area(self) -> dict[str, Any] | None:
        """The area as GeoJSON: a Point with ``radius_m`` for a circle, a Polygon (ring
        closed) for a polygon; None when nothing is drawn."""
        if self.kind == "circle":
            if self.centre is None:
                return None
            return {
                "type": "Point",
                "coordinates": [self.centre[0], self.centre[1]],
                "radius_m": round(self.radius_m, 1),
            }
        if len(self.vertices) < 3:
            return None
        ring = [[lon, lat] for lon, lat in self.vertices]
        return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}

    def set_area(self, area: dict[str, Any]) -> None:
        """Show ``area`` (GeoJSON as ``area()`` gives it) for editing."""
        if area["type"] == "Point":
            lon, lat = area["coordinates"][:2]
            self.kind, self.centre = "circle", (float(lon), float(lat))
            self.radius_m = float(area["radius_m"])
        else:
            ring = [(float(p[0]), float(p[1])) for p in area["coordinates"][0]]
            if len(ring) > 1 and ring[0] == ring[-1]:
                ring = ring[:-1]
            self.kind, self.vertices = "polygon", ring
        self._stop_picking()
        self._sync_controls()
        self._rebuild()

    def place_at(self, lon: float, lat: float) -> None:
        """Put a new area of the chosen shape around (lon, lat)."""
        self._stop_picking()
        if self.kind == "circle":
            self.centre = (lon, lat)
        else:
            self.vertices = _square(lon, lat, self.radius_m)
        self._rebuild()
        self.view.setFocus()

    def place_at_centre(self) -> None:
        self.place_at(*self.view.center_lonlat())

    def clear(self) -> None:
        self.centre = None
        self.vertices = []
        self.current = None
        self._rebuild()
        self._start_picking()

    def set_kind(self, kind: str) -> None:
        """Switch between circle and polygon, keeping the area where it is."""
        if kind == self.kind:
            return
        if kind == "polygon" and self.centre is not None:
            lon, lat = self.centre
            self.vertices = [destination(lon, lat, b, self.radius_m) for b in range(0, 360, 45)]
        elif kind == "circle" and len(self.vertices) >= 3:
            lon = sum(v[0] for v in self.vertices) / len(self.vertices)
            lat = sum(v[1] for v in self.vertices) / len(self.vertices)
            self.centre = (lon, lat)
            far = max(bearing_and_distance(lon, lat, *v)[1] for v in self.vertices)
            self.radius_m = min(max(far, MIN_RADIUS_M), MAX_RADIUS_M)
        self.kind = kind
        self.current = None
        self._sync_controls()
        self._rebuild()

    def _sync_controls(self) -> None:
        circle = self.kind == "circle"
        for button, on in ((self.circle, circle), (self.polygon, not circle)):
            button.blockSignals(True)
            button.setChecked(on)
            button.blockSignals(False)
        self.radius.blockSignals(True)
        self.radius.setValue(round(self.radius_m))
        self.radius.blockSignals(False)
        self.radius.setEnabled(self.kind == "circle")

    def _radius_typed(self, value: int) -> None:
        self.radius_m = float(value)
        if self.kind == "circle":
            self._rebuild()

    # -- drawing -----------------------------------------------------------------------
    def _rebuild(self) -> None:
        """Redraw the shape and make its handles anew."""
        for handle in self.handles:
            self.scene.removeItem(handle)
        self.handles = []
        if self.kind == "circle" and self.centre is not None:
            lon, lat = self.centre
            self.handles.append(AreaHandle("centre", 0, lon, lat))
            edge = destination(lon, lat, 90.0, self.radius_m)
            self.handles.append(AreaHandle("radius", 0, *edge))
        elif self.kind == "polygon" and self.vertices:
            n = len(self.vertices)
            for i, (lon, lat) in enumerate(self.vertices):
                self.handles.append(AreaHandle("vertex", i, lon, lat))
            for i in range(n):
                a, b = self.vertices[i], self.vertices[(i + 1) % n]
                self.handles.append(AreaHandle("midpoint", i, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2))
        for handle in self.handles:
            handle.on_drag = self._drag
            handle.on_release = self._release
            handle.on_double_click = self._double_click
            self.scene.addItem(handle)
        if self.current is not None and self.current >= len(self._keyboard_handles()):
            self.current = None
        self._mark_current()
        self._refresh()

    def _refresh(self) -> None:
        """The outline and the size, after any change."""
        area = self.area()
        if area is None:
            self.shape.setPath(area_path(Area("polygon")))
            self.size_label.setText(self.tr("Size: no area drawn yet"))
        else:
            self.shape.setPath(area_path(Area.from_geojson(area)))
            self.size_label.setText(
                self.tr("Size: {size}, as your rules measure it").format(size=size_words(area))
            )
        if self._picker is not None:
            self.hint.setText(self.tr(PROMPT) + ".")
        elif area is None:
            self.hint.setText(
                self.tr("Press Place at map centre (or Enter on the map) to put the area there.")
            )
        elif self.kind == "circle":
            self.hint.setText(
                self.tr(
                    "Drag the centre to move the circle and the edge handle to resize it "
                    "(or type the radius). Keyboard on the map: N picks a handle, arrows "
                    "move it."
                )
            )
        else:
            self.hint.setText(
                self.tr(
                    "Drag a corner to move it, drag a side's middle dot to add a corner, "
                    "double-click a corner to remove it. Keyboard on the map: N picks a "
                    "corner, arrows move it, Insert adds one after it, Delete removes it."
                )
            )
        self.view.viewport().update()
        self.changed.emit()

    def _keyboard_handles(self) -> list[AreaHandle]:
        return [h for h in self.handles if h.role != "midpoint"]

    def _mark_current(self) -> None:
        for i, handle in enumerate(self._keyboard_handles()):
            handle.set_current(i == self.current)

    # -- editing -----------------------------------------------------------------------
    def _drag(self, handle: AreaHandle, lon: float, lat: float) -> None:
        self._dragging = True
        if handle.role == "centre" and self.centre is not None:
            self.centre = (lon, lat)
            handle.place(lon, lat)
            for other in self.handles:
                if other.role == "radius":
                    other.place(*destination(lon, lat, 90.0, self.radius_m))
        elif handle.role == "radius" and self.centre is not None:
            _b, dist = bearing_and_distance(*self.centre, lon, lat)
            self.radius_m = min(max(dist, MIN_RADIUS_M), MAX_RADIUS_M)
            handle.place(lon, lat)
            self._sync_controls()
        elif handle.role == "vertex":
            self.vertices[handle.index] = (lon, lat)
            handle.place(lon, lat)
        elif handle.role == "midpoint":
            if self._inserted is None:
                self._inserted = handle.index + 1
                self.vertices.insert(self._inserted, (lon, lat))
            else:
                self.vertices[self._inserted] = (lon, lat)
            handle.place(lon, lat)
        self._refresh()

    def _release(self, handle: AreaHandle) -> None:
        if self._dragging:
            self._dragging = False
            self._inserted = None
            self._rebuild()  # handles anew: a corner added, the midpoints moved

    def _double_click(self, handle: AreaHandle) -> None:
        if handle.role == "vertex":
            self.remove_vertex(handle.index)

    def remove_vertex(self, index: int) -> bool:
        """Remove a polygon's corner; a polygon keeps at least three."""
        if self.kind != "polygon" or len(self.vertices) <= 3:
            return False
        del self.vertices[index]
        self._rebuild()
        return True

    def insert_vertex_after(self, index: int) -> None:
        """Add a corner halfway between corner ``index`` and the next."""
        n = len(self.vertices)
        a, b = self.vertices[index], self.vertices[(index + 1) % n]
        self.vertices.insert(index + 1, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2))
        self.current = index + 1
        self._rebuild()

    def move_current(self, dx_px: float, dy_px: float) -> None:
        """Move the picked handle by screen pixels (the keyboard's arrows)."""
        handles = self._keyboard_handles()
        if self.current is None or self.current >= len(handles):
            return
        handle = handles[self.current]
        scale = 2.0**self.view.zoom
        pos = handle.pos() + QPointF(dx_px / scale, dy_px / scale)
        self._drag(handle, *world_to_lonlat(pos.x(), pos.y()))
        self._dragging = False
        self._rebuild()

    def pick_handle(self, step: int) -> None:
        count = len(self._keyboard_handles())
        if not count:
            return
        if self.current is None:
            self.current = 0 if step > 0 else count - 1
        else:
            self.current = (self.current + step) % count
        self._mark_current()

    # -- placing with a click, and the keyboard ----------------------------------------
    def _start_picking(self) -> None:
        if self._picker is None:
            self._picker = PlacePicker(self.view, self.tr(PROMPT))
            self._picker.picked.connect(self._picked)
            self._picker.cancelled.connect(self._picker_gone)

    def _stop_picking(self) -> None:
        if self._picker is not None:
            picker, self._picker = self._picker, None
            picker.picked.disconnect(self._picked)
            picker.cancelled.disconnect(self._picker_gone)
            picker.cancel()

    def _picked(self, lon: float, lat: float) -> None:
        self._picker = None
        self.place_at(lon, lat)

    def _picker_gone(self) -> None:
        self._picker = None
        self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.view or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        return self._key(event)

    def _key(self, event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        fine = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        step = FINE_STEP_PX if fine else KEY_STEP_PX
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.area() is None:
                self.place_at_centre()
            return True  # Enter on the map never presses the dialog's button
        if key == Qt.Key.Key_N:
            self.pick_handle(-1 if fine else 1)
            return True
        if key == Qt.Key.Key_P:
            self.pick_handle(-1)
            return True
        if self.current is None:
            return False  # arrows pan, +/- zoom, Esc reaches the picker or the dialog
        moves = {
            Qt.Key.Key_Left: (-step, 0),
            Qt.Key.Key_Right: (step, 0),
            Qt.Key.Key_Up: (0, -step),
            Qt.Key.Key_Down: (0, step),
        }
        if key in moves:
            self.move_current(*moves[key])
        elif key == Qt.Key.Key_Escape:
            self.current = None
            self._mark_current()
        elif key == Qt.Key.Key_Insert and self.kind == "polygon":
            self.insert_vertex_after(self.current)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.kind == "polygon":
            self.remove_vertex(self.current)
        else:
            return False
        return True


def _square(lon: float, lat: float, half_m: float) -> list[tuple[float, float]]:
    """Four corners ``half_m`` north, south, east and west of (lon, lat) on the diagonals."""
    reach = half_m * math.sqrt(2)
    return [destination(lon, lat, b, reach) for b in (315.0, 45.0, 135.0, 225.0)]


def size_words(area: dict[str, Any]) -> str:
    """The area's size as the area rule measures it: "0.0273 sq mi (0.0707 km²)"."""
    from db.requests.geo import area_sq_m
    from db.words.units import area_text

    try:
        return area_text(area_sq_m(Area.from_geojson(area)))
    except (ValueError, ArithmeticError):
        return QCoreApplication.translate(
            "AreaEditor", "cannot be measured (does the outline cross itself?)"
        )
