"""The map panel: the map canvas with its toolbar, bound to the shared models. It shows
the resident's cameras with their view cones and the requests the inbox shows (through
the same filter proxy), and shares the inbox's selection model both ways. Cameras are
moved by dragging their marker and turned or widened by dragging the cone's handles;
the change is saved through the cameras model (on the database thread)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QLocale,
    QPoint,
    QRectF,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.audit.history import HistoryEntry
from db.clips.cameras import Camera
from db.requests.request_types import Area
from db.words.timewords import local_day
from desktop import theme
from desktop.map.items import (
    CameraMarker,
    ConeHandle,
    ConeItem,
    RequestAreaItem,
    angle_diff,
    bearing_and_distance,
    clamp,
    cone_path,
    destination,
)
from desktop.map.view import MapView
from desktop.models.cameras import CamerasModel
from desktop.models.requests import RowIdRole, SummaryRole

DEFAULT_CONE = (0.0, 90.0, 30.0)  # heading, field of view, range for a camera without one
DENSE_AREAS = 150  # more request areas than this on screen: outlines only
MAX_DRAWN_AREAS = 1000  # more than this on screen: hidden, with a notice
DRAIN_INTERVAL_MS = 30  # between slices of areas being added: the map repaints after each


class MapPanel(QWidget):
    camera_clicked = Signal(int)  # camera id: the clips view filters by it
    add_camera_at = Signal(float, float)  # lon, lat from the context menu

    def __init__(
        self,
        cameras: CamerasModel,
        requests_proxy: object,
        selection: QItemSelectionModel,
        select_request: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.cameras = cameras
        self.proxy = requests_proxy
        self.selection = selection
        self._select_request = select_request
        self.scene = QGraphicsScene(self)
        self.scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.view = MapView(self.scene)
        self.view.setAccessibleName(self.tr("Map of your cameras and the request areas"))
        self.markers: dict[int, CameraMarker] = {}
        self.cones: dict[int, ConeItem] = {}
        self.areas: dict[int, RequestAreaItem] = {}
        self.selected_row_id: int | None = None
        self._highlighted_area: int | None = None
        self.history_items: list[QGraphicsItem] = []
        self.highlighted_camera: int | None = None
        self.handles: list[ConeHandle] = []
        self._editing: Camera | None = None
        self._fit_pending: str | None = "cameras"  # a fit waiting for the view's size

        self.zoom_request = QToolButton()
        self.zoom_request.setText(self.tr("Zoom to request"))
        self.zoom_request.setToolTip(self.tr("Show the whole area of the selected request"))
        self.zoom_request.clicked.connect(self.zoom_to_request)
        self.zoom_cameras = QToolButton()
        self.zoom_cameras.setText(self.tr("Zoom to my cameras"))
        self.zoom_cameras.clicked.connect(self.zoom_to_cameras)
        self.legend_button = QToolButton()
        self.legend_button.setText(self.tr("Legend"))
        self.legend_button.setCheckable(True)
        self.legend_button.setChecked(True)
        self.legend_button.toggled.connect(self._toggle_legend)
        self.hint = QLabel(
            self.tr(
                "Drag a camera to move it; drag the white handles to turn it or "
                "widen its view. Right-click to add a camera."
            )
        )
        theme.style(self.hint, "color: fg(#555555);")
        self.hint.setWordWrap(True)  # a longer translation takes two lines, not the width
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(self.zoom_request)
        bar.addWidget(self.zoom_cameras)
        bar.addWidget(self.legend_button)
        bar.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        # Areas are added a few at a time (a big feed brings thousands): the queue is
        # drained by a timer within a time budget, and the pause between slices leaves
        # time for the repaint each slice causes, so the GUI keeps answering.
        self._queue: dict[int, object] = {}  # row id -> RequestSummary to add or update
        self._drain_timer = QTimer(self)
        self._drain_timer.setSingleShot(True)
        self._drain_timer.setInterval(DRAIN_INTERVAL_MS)
        self._drain_timer.timeout.connect(self._drain)
        requests_proxy.modelReset.connect(self.sync_requests)  # type: ignore[attr-defined]
        requests_proxy.layoutChanged.connect(self.sync_requests)  # type: ignore[attr-defined]
        requests_proxy.rowsInserted.connect(self._rows_inserted)  # type: ignore[attr-defined]
        requests_proxy.rowsAboutToBeRemoved.connect(self._rows_removed)  # type: ignore[attr-defined]
        requests_proxy.dataChanged.connect(self._rows_changed)  # type: ignore[attr-defined]
        cameras.loaded.connect(self.sync_cameras)
        selection.selectionChanged.connect(self._selection_changed)
        self.view.context_requested.connect(self._context_menu)
        self.view.resized.connect(self._resized)
        self.view.view_changed.connect(self._update_density)
        self._dense = False
        self._crowded = False
        self._bounds: dict[int, QRectF] = {}
        # How many areas meet the visible rectangle: counted whole when the view moves,
        # kept up to date as areas come and go (a recount of 10,000 areas after every
        # few placed would cost more than placing them).
        self._counted_rect: QRectF | None = None
        self._visible_count = 0
        self.view.user_moved.connect(self._user_moved)
        self._last_fit: str | None = None  # redone on resize until the resident moves the map
        self.sync_cameras()
        self.sync_requests()

    # -- cameras -----------------------------------------------------------------------
    def sync_cameras(self) -> None:
        """Bring the markers and cones in line with the cameras model."""
        seen: set[int] = set()
        for cam in self.cameras.cameras():
            if cam.id is None:
                continue
            seen.add(cam.id)
            marker = self.markers.get(cam.id)
            if marker is None:
                marker = CameraMarker(cam)
                marker.on_moved = self._camera_moved
                marker.on_click = self._camera_clicked
                self.scene.addItem(marker)
                self.markers[cam.id] = marker
            else:
                marker.camera = cam
                marker.setPos(*_world(cam))
                marker.setToolTip(
                    QCoreApplication.translate("MapItems", "{camera} (drag to move it)").format(
                        camera=cam.name
                    )
                )
            self._set_cone(cam)
        for cam_id in set(self.markers) - seen:
            self.scene.removeItem(self.markers.pop(cam_id))
            cone = self.cones.pop(cam_id, None)
            if cone is not None:
                self.scene.removeItem(cone)
        if self.highlighted_camera is not None:
            self.highlight_camera(self.highlighted_camera)
        self._run_pending_fit()

    def _resized(self) -> None:
        if self._fit_pending is None and self._last_fit is not None:
            self._fit_pending = self._last_fit
        self._run_pending_fit()

    def _user_moved(self) -> None:
        self._last_fit = None

    def _run_pending_fit(self) -> None:
        """Fit once the view has its size and the items are there."""
        if self._fit_pending is None or not self.view.ready_for_fit():
            return
        kind = self._fit_pending
        if kind == "request" and self.selected_row_id in self.areas:
            self._fit_pending = None
            self.zoom_to_request()
            self._last_fit = kind
        elif kind == "cameras" and self.markers:
            self._fit_pending = None
            self.zoom_to_cameras()
            self._last_fit = kind

    def _set_cone(self, cam: Camera) -> None:
        assert cam.id is not None
        path = cone_path(cam)
        cone = self.cones.get(cam.id)
        if path is None:
            if cone is not None:
                self.scene.removeItem(self.cones.pop(cam.id))
            return
        if cone is None:
            cone = ConeItem()
            self.scene.addItem(cone)
            self.cones[cam.id] = cone
        cone.setPath(path)

    def _camera_moved(self, camera: Camera, lon: float, lat: float) -> None:
        self.save_camera(replace(camera, lon=round(lon, 7), lat=round(lat, 7)))

    def save_camera(self, camera: Camera) -> None:
        """Store a changed camera (database thread); the map follows when it lands."""
        self.cameras.update(camera, on_error=lambda exc: self._save_failed(camera, exc))

    def _save_failed(self, camera: Camera, exc: BaseException) -> None:
        self.hint.setText(self.tr("Not saved: {reason}").format(reason=exc))
        self.sync_cameras()  # back to what is stored

    def _camera_clicked(self, camera: Camera) -> None:
        if camera.id is not None:
            self.highlight_camera(camera.id)
            self.camera_clicked.emit(camera.id)

    def highlight_camera(self, camera_id: int | None) -> None:
        self.highlighted_camera = camera_id
        for cam_id, marker in self.markers.items():
            marker.set_highlighted(cam_id == camera_id)
        self._show_handles(self.markers[camera_id].camera if camera_id in self.markers else None)

    # -- cone handles --------------------------------------------------------------------
    def _show_handles(self, camera: Camera | None) -> None:
        for h in self.handles:
            self.scene.removeItem(h)
        self.handles = []
        if camera is None:
            return
        for kind in ("reach", "edge"):
            handle = ConeHandle(kind)
            if camera.heading_deg is None:
                # No cone drawn yet: the handles sit where a default cone would end.
                handle.setToolTip(
                    self.tr("Drag to give the camera a direction and the distance it sees")
                    if kind == "reach"
                    else self.tr("Drag to set how wide the camera sees")
                )
            handle.on_drag = self._handle_dragged
            handle.on_release = self._handle_released
            self.scene.addItem(handle)
            self.handles.append(handle)
        self._place_handles(camera)

    def _place_handles(self, cam: Camera) -> None:
        heading, fov, rng = _cone_of(cam)
        for handle in self.handles:
            bearing = heading if handle.kind == "reach" else heading + fov / 2
            lon, lat = destination(cam.lon, cam.lat, bearing % 360, rng)
            handle.setPos(*_lonlat_world(lon, lat))

    def _handle_dragged(self, handle: ConeHandle, lon: float, lat: float) -> None:
        if self.highlighted_camera not in self.markers:
            return
        cam = self._editing or self.markers[self.highlighted_camera].camera
        heading, fov, rng = _cone_of(cam)
        bearing, dist = bearing_and_distance(cam.lon, cam.lat, lon, lat)
        if handle.kind == "reach":
            heading = round(bearing, 1) % 360
            rng = round(clamp(dist, 1.0, 1000.0), 1)
        else:
            fov = round(clamp(2 * angle_diff(bearing, heading), 5.0, 360.0), 1)
        self._editing = replace(cam, heading_deg=heading, fov_deg=fov, range_m=rng)
        self._set_cone(self._editing)
        self._place_handles(self._editing)

    def _handle_released(self, handle: ConeHandle) -> None:
        if self._editing is not None:
            camera, self._editing = self._editing, None
            self.save_camera(camera)

    # -- requests --------------------------------------------------------------------------
    def sync_requests(self) -> None:
        """Bring the areas in line with every row the inbox shows (after a reset, a sort
        or a filter change)."""
        proxy = self.proxy
        seen: set[int] = set()
        for row in range(proxy.rowCount()):  # type: ignore[attr-defined]
            summary = proxy.index(row, 0).data(SummaryRole)  # type: ignore[attr-defined]
            if summary is not None and summary.area:
                seen.add(summary.row_id)
                self._queue[summary.row_id] = summary
        for row_id in set(self.areas) - seen:
            self._remove_area(row_id)
        for row_id in set(self._queue) - seen:
            del self._queue[row_id]
        self._drain()

    def _summaries(self, first: int, last: int) -> list[object]:
        out = []
        for row in range(first, last + 1):
            summary = self.proxy.index(row, 0).data(SummaryRole)  # type: ignore[attr-defined]
            if summary is not None and summary.area:
                out.append(summary)
        return out

    def _rows_inserted(self, _parent: object, first: int, last: int) -> None:
        for summary in self._summaries(first, last):
            self._queue[summary.row_id] = summary  # type: ignore[attr-defined]
        self._drain_timer.start()

    def _rows_removed(self, _parent: object, first: int, last: int) -> None:
        for summary in self._summaries(first, last):
            row_id = summary.row_id  # type: ignore[attr-defined]
            self._queue.pop(row_id, None)
            self._remove_area(row_id)

    def _rows_changed(self, top_left: object, bottom_right: object, *_roles: object) -> None:
        first, last = top_left.row(), bottom_right.row()  # type: ignore[attr-defined]
        for summary in self._summaries(first, last):
            item = self.areas.get(summary.row_id)  # type: ignore[attr-defined]
            if item is not None:
                item.set_status(summary.status)  # type: ignore[attr-defined]

    def _remove_area(self, row_id: int) -> None:
        item = self.areas.pop(row_id, None)
        if item is not None:
            self.scene.removeItem(item)
        bounds = self._bounds.pop(row_id, None)
        if bounds is not None and self._counted_rect is not None:
            self._visible_count -= bounds.intersects(self._counted_rect)

    def _drain(self, budget_s: float = 0.008) -> None:
        """Create or update queued areas for up to ``budget_s``, then yield."""
        started = time.perf_counter()
        while self._queue:
            row_id = next(iter(self._queue))
            summary = self._queue.pop(row_id)
            self._place_area(summary)
            if time.perf_counter() - started > budget_s:
                break
        if self._queue:
            self._drain_timer.start()
        self._highlight_request(self.selected_row_id)
        self._update_density()
        self._run_pending_fit()

    def _place_area(self, summary: object) -> None:
        s = summary
        item = self.areas.get(s.row_id)  # type: ignore[attr-defined]
        if item is not None:
            item.set_status(s.status)  # type: ignore[attr-defined]
            return
        case = s.case_number or self.tr("no case number")  # type: ignore[attr-defined]
        label = self.tr("{agency}: {incident} ({case})").format(
            agency=s.agency,  # type: ignore[attr-defined]
            incident=s.incident or self.tr("request"),  # type: ignore[attr-defined]
            case=case,
        )
        area = Area.from_geojson(json.loads(s.area))  # type: ignore[attr-defined]
        item = RequestAreaItem(s.row_id, area, s.status, label)  # type: ignore[attr-defined]
        item.on_click = self._area_clicked
        item.set_filled(not self._dense)
        item.setVisible(not self._crowded)
        self.scene.addItem(item)
        self.areas[item.row_id] = item
        bounds = self._bounds[item.row_id] = item.path().boundingRect()
        if self._counted_rect is not None:
            self._visible_count += bounds.intersects(self._counted_rect)

    def settled(self) -> bool:
        """Every row of the inbox has its area on the map (for tests and benchmarks)."""
        return not self._queue

    def show_history(self, entries: list[HistoryEntry]) -> None:
        """Draw an agency's request areas over time (oldest faintest, newest strongest)
        as outlines, until ``clear_history``; and zoom to them."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QColor, QPen

        from desktop.map.items import _PathItem, area_path

        self.clear_history()
        n = len(entries)
        rect = QRectF()
        for i, e in enumerate(entries):
            area = Area.from_geojson(json.loads(e.area))
            item = _PathItem(area_path(area))
            colour = QColor("#4a148c")
            colour.setAlphaF(0.25 + 0.75 * (i + 1) / n)
            pen = QPen(colour, 2)
            pen.setCosmetic(True)
            if e.state != "current":
                pen.setStyle(Qt.PenStyle.DotLine)
            item.setPen(pen)
            item.setZValue(12)
            when = local_day(e.received_at)
            item.setToolTip(
                self.tr("{when}: {request} version {version} ({state})").format(
                    when=when, request=e.request_id, version=e.version, state=e.state
                )
            )
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.scene.addItem(item)
            self.history_items.append(item)
            rect = rect.united(item.path().boundingRect())
        if self.history_items:
            self.view.fit_world_rect(rect)
            self.view.notice = self.tr("Showing %n areas of one agency over time", "", n)
            self.view.viewport().update()

    def clear_history(self) -> None:
        for item in self.history_items:
            self.scene.removeItem(item)
        self.history_items = []

    def set_tile_loader(self, loader: object) -> None:
        """Draw the base map from ``loader`` (a TileLoader); None for no base map."""
        view = self.view
        old = view.tiles
        if old is not None:
            for signal, slot in (
                (old.tile_ready, view.add_tile),
                (old.availability_changed, self._availability),
                (old.attribution_changed, self._attribution),
            ):
                try:
                    signal.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass
        view.tiles = loader
        view.tile_images.clear()
        if loader is not None:
            loader.tile_ready.connect(view.add_tile)  # type: ignore[attr-defined]
            loader.availability_changed.connect(self._availability)  # type: ignore[attr-defined]
            loader.attribution_changed.connect(self._attribution)  # type: ignore[attr-defined]
            view.attribution = loader.attribution  # type: ignore[attr-defined]
            view.base_map_available = bool(loader.available)  # type: ignore[attr-defined]
        else:
            view.base_map_available = False
        view.viewport().update()

    def _availability(self, available: bool) -> None:
        self.view.base_map_available = available
        self.view.viewport().update()

    def _attribution(self, text: str) -> None:
        self.view.attribution = text
        self.view.viewport().update()

    def _update_density(self) -> None:
        """With many areas on screen, draw them as outlines only: a thousand
        overlapping translucent fills cost several times the rest of a frame, and
        show nothing a resident can read anyway."""
        visible = self.view.visible_rect()
        if visible != self._counted_rect:
            self._counted_rect = visible
            self._visible_count = sum(1 for r in self._bounds.values() if r.intersects(visible))
        count = self._visible_count
        dense = count > DENSE_AREAS
        if dense != self._dense:
            self._dense = dense
            for item in self.areas.values():
                item.set_filled(not dense)
        # Past a few thousand, not even outlines can be read or drawn in a frame: the
        # areas are hidden (the selected one stays) and the map says so.
        crowded = count > MAX_DRAWN_AREAS
        if crowded != self._crowded:
            self._crowded = crowded
            for rid, item in self.areas.items():
                item.setVisible(not crowded or rid == self.selected_row_id)
        self.view.notice = (
            self.tr("{count} request areas here: zoom in or filter the list to see them").format(
                count=QLocale().toString(count)
            )
            if crowded
            else ""
        )

    def _area_clicked(self, row_id: int) -> None:
        self._select_request(row_id)

    def _selection_changed(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        rows = self.selection.selectedRows()
        row_id = rows[0].data(RowIdRole) if rows else None
        self._highlight_request(row_id)
        if row_id is None:
            return
        if row_id in self.areas and self.view.ready_for_fit():
            if not self._area_in_view(row_id):
                self.zoom_to_request()
        else:
            self._fit_pending = "request"
            self._run_pending_fit()

    def _highlight_request(self, row_id: int | None) -> None:
        previous = self._highlighted_area
        if previous is not None and previous != row_id and previous in self.areas:
            self.areas[previous].set_selected(False)
        self.selected_row_id = row_id
        self._highlighted_area = row_id if row_id in self.areas else None
        if self._highlighted_area is not None:
            self.areas[self._highlighted_area].set_selected(True)
            self.areas[self._highlighted_area].setVisible(True)
        if previous is not None and previous != row_id and previous in self.areas:
            self.areas[previous].setVisible(not self._crowded)

    def _area_in_view(self, row_id: int) -> bool:
        visible = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        return visible.contains(self.areas[row_id].boundingRect())

    def zoom_to_request(self) -> None:
        if self.selected_row_id in self.areas:
            self.view.fit_world_rect(self.areas[self.selected_row_id].boundingRect())

    def zoom_to_cameras(self) -> None:
        if not self.markers:
            return
        rect = QRectF()
        for marker in self.markers.values():
            p = marker.pos()
            rect = rect.united(QRectF(p.x() - 1e-5, p.y() - 1e-5, 2e-5, 2e-5))
        for cone in self.cones.values():
            rect = rect.united(cone.boundingRect())
        self.view.fit_world_rect(rect, margin_px=60)

    def _toggle_legend(self, on: bool) -> None:
        self.view.show_legend = on
        self.view.viewport().update()

    def _context_menu(self, lon: float, lat: float, pos: QPoint) -> None:
        menu = QMenu(self)
        action = menu.addAction(
            self.tr("Add a camera here ({lat}, {lon})…").format(lat=f"{lat:.5f}", lon=f"{lon:.5f}")
        )
        action.triggered.connect(lambda: self.add_camera_at.emit(lon, lat))
        menu.popup(pos)
        self.context_menu = menu


def _cone_of(cam: Camera) -> tuple[float, float, float]:
    heading, fov, rng = DEFAULT_CONE
    return (
        cam.heading_deg if cam.heading_deg is not None else heading,
        cam.fov_deg if cam.fov_deg is not None else fov,
        cam.range_m if cam.range_m is not None else rng,
    )


def _lonlat_world(lon: float, lat: float) -> tuple[float, float]:
    from db.requests.mercator import lonlat_to_world

    return lonlat_to_world(lon, lat)


def _world(cam: Camera) -> tuple[float, float]:
    return _lonlat_world(cam.lon, cam.lat)
