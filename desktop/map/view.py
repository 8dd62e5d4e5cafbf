"""The map canvas: a QGraphicsView over a scene in Web Mercator world pixels (zoom 0:
the world is 256 units wide). It draws the base map tiles behind the items, and a scale
bar, the tiles' attribution and the legend in front. Pan with the mouse (drag empty
ground) or the arrow keys, zoom with the wheel or +/-."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from db.requests.mercator import lonlat_to_world, metres_per_world_pixel, world_to_lonlat
from desktop import theme
from desktop.map.items import STATUS_COLOURS, status_word

MIN_ZOOM, MAX_ZOOM = 2.0, 20.0
WORLD = 256.0
NEUTRAL = QColor("#eef0ea")  # where no tile is drawn (its dark tint in a dark palette)

_NOTICE_FLAGS = int(Qt.AlignmentFlag.AlignCenter.value | Qt.TextFlag.TextWordWrap.value)


def _alpha(colour: QColor, alpha: int) -> QColor:
    out = QColor(colour)
    out.setAlpha(alpha)
    return out


class MapView(QGraphicsView):
    """``zoom`` is the slippy-map zoom level (scale = 2**zoom screen pixels per scene
    unit); tiles come from ``tiles`` (a TileLoader, or None for no base map)."""

    zoom_changed = Signal(float)
    resized = Signal()
    user_moved = Signal()  # the resident panned or zoomed
    view_changed = Signal()  # the visible part of the map moved or was zoomed (sync)
    context_requested = Signal(float, float, object)  # lon, lat, global QPoint

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        scene.setSceneRect(QRectF(0, 0, WORLD, WORLD))
        self.zoom = 2.0
        self.tiles: Any = None  # a desktop.map.tiles.TileLoader
        self.tile_images: dict[tuple[int, int, int], QImage] = {}
        self.attribution = ""
        self.base_map_available = False
        self.show_legend = True
        self.notice = ""  # a line across the top of the map, e.g. when areas are hidden
        self.legend_statuses: list[str] = list(STATUS_COLOURS)
        self._apply_zoom(self.zoom)

    # -- zoom and pan ------------------------------------------------------------------
    def _apply_zoom(self, zoom: float) -> None:
        self.zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        scale = 2.0**self.zoom
        self.setTransform(self.transform().fromScale(scale, scale))
        self.zoom_changed.emit(self.zoom)
        self.view_changed.emit()

    def set_zoom(self, zoom: float, anchor_under_mouse: bool = False) -> None:
        if not anchor_under_mouse:
            centre = self.mapToScene(self.viewport().rect().center())
            self._apply_zoom(zoom)
            self.centerOn(centre)
        else:
            self._apply_zoom(zoom)

    def center_on_lonlat(self, lon: float, lat: float, zoom: float | None = None) -> None:
        if zoom is not None:
            self._apply_zoom(zoom)
        self.centerOn(QPointF(*lonlat_to_world(lon, lat)))

    def fit_world_rect(self, rect: QRectF, margin_px: int = 40) -> None:
        """Zoom and centre so ``rect`` (scene units) fills the view with a margin."""
        if rect.isNull() or not rect.isValid():
            return
        vw = max(1, self.viewport().width() - 2 * margin_px)
        vh = max(1, self.viewport().height() - 2 * margin_px)
        w = max(rect.width(), 1e-9)
        h = max(rect.height(), 1e-9)
        zoom = math.log2(min(vw / w, vh / h))
        self._apply_zoom(min(zoom, 19.0))
        self.centerOn(rect.center())

    def center_lonlat(self) -> tuple[float, float]:
        p = self.mapToScene(self.viewport().rect().center())
        return world_to_lonlat(p.x(), p.y())

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        self.user_moved.emit()
        if steps:
            self.set_zoom(self.zoom + 0.5 * steps, anchor_under_mouse=True)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        self.user_moved.emit()
        step = 80
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.set_zoom(self.zoom + 1)
        elif key == Qt.Key.Key_Minus:
            self.set_zoom(self.zoom - 1)
        elif key == Qt.Key.Key_Left:
            self.pan_pixels(-step, 0)
        elif key == Qt.Key.Key_Right:
            self.pan_pixels(step, 0)
        elif key == Qt.Key.Key_Up:
            self.pan_pixels(0, -step)
        elif key == Qt.Key.Key_Down:
            self.pan_pixels(0, step)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def pan_pixels(self, dx: float, dy: float) -> None:
        centre = self.mapToScene(self.viewport().rect().center())
        scale = 2.0**self.zoom
        self.centerOn(centre + QPointF(dx / scale, dy / scale))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.user_moved.emit()
        if event.button() == Qt.MouseButton.RightButton:
            p = self.mapToScene(event.position().toPoint())
            lon, lat = world_to_lonlat(p.x(), p.y())
            self.context_requested.emit(lon, lat, event.globalPosition().toPoint())
            event.accept()
            return
        super().mousePressEvent(event)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.view_changed.emit()
        self.resized.emit()

    def visible_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def ready_for_fit(self) -> bool:
        """Whether the view has its real size yet (fitting before that zooms wrongly)."""
        return self.isVisible() and self.viewport().width() > 200 and self.viewport().height() > 150

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.view_changed.emit()
        self.viewport().update()  # the scale bar and legend stay put

    # -- drawing -----------------------------------------------------------------------
    def tile_zoom(self) -> int:
        return int(max(0, min(19, round(self.zoom))))

    def visible_tiles(self) -> list[tuple[int, int, int]]:
        rect = self.mapToScene(self.viewport().rect()).boundingRect()
        z = self.tile_zoom()
        n = 2**z
        size = WORLD / n
        x0 = max(0, math.floor(rect.left() / size))
        x1 = min(n - 1, math.floor(rect.right() / size))
        y0 = max(0, math.floor(rect.top() / size))
        y1 = min(n - 1, math.floor(rect.bottom() / size))
        return [(z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.fillRect(rect, theme.bg(NEUTRAL.name()))
        if self.tiles is None:
            return
        wanted = self.visible_tiles()
        size = WORLD / 2 ** self.tile_zoom()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        missing = []
        for tz, tx, ty in wanted:
            image = self.tile_images.get((tz, tx, ty))
            if image is not None:
                painter.drawImage(QRectF(tx * size, ty * size, size, size), image)
            else:
                missing.append((tz, tx, ty))
        self.tiles.cancel_outside(wanted)
        for key in missing:
            self.tiles.request(*key)

    def add_tile(self, z: int, x: int, y: int, image: QImage) -> None:
        self.tile_images[(z, x, y)] = image
        if len(self.tile_images) > 400:  # keep memory bounded: forget the oldest
            for key in list(self.tile_images)[:100]:
                del self.tile_images[key]
        size = WORLD / 2**z
        self.scene().invalidate(
            QRectF(x * size, y * size, size, size), QGraphicsScene.SceneLayer.BackgroundLayer
        )

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.save()
        painter.resetTransform()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._draw_scale_bar(painter)
        self._draw_attribution(painter)
        if self.show_legend:
            self._draw_legend(painter)
        if self.notice:
            self._draw_notice(painter)
        painter.restore()

    def notice_rect(self, fm: QFontMetrics) -> QRectF:
        """Where the notice is drawn: on as many lines as the map's width needs (a long
        notice at large text is wrapped, not cut at the map's edge)."""
        room = max(40, self.viewport().width() - 32)
        text = fm.boundingRect(QRect(0, 0, room, 100_000), _NOTICE_FLAGS, self.notice)
        return QRectF(8, 8, text.width() + 16, text.height() + 8)

    def _draw_notice(self, painter: QPainter) -> None:
        r = self.notice_rect(QFontMetrics(painter.font()))
        painter.fillRect(r, _alpha(theme.bg("#fff8e1"), 235))
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        painter.drawText(r, _NOTICE_FLAGS, self.notice)

    def _draw_scale_bar(self, painter: QPainter) -> None:
        _lon, lat = self.center_lonlat()
        metres_per_px = metres_per_world_pixel(lat) / 2.0**self.zoom
        target = 100 * metres_per_px
        nice = [1, 2, 5]
        exponent = 10 ** math.floor(math.log10(max(target, 1e-9)))
        length_m = max(n * exponent for n in nice if n * exponent <= target) if target >= 1 else 1
        px = length_m / metres_per_px
        label = (
            self.tr("{n} km").format(n=f"{length_m / 1000:g}")
            if length_m >= 1000
            else self.tr("{n} m").format(n=f"{length_m:g}")
        )
        x, y = 12, self.viewport().height() - 14
        # On a backing of the palette's base: readable over light tiles and over the
        # dark background of a dark palette without tiles alike.
        fm = QFontMetrics(painter.font())
        backing = QRectF(x - 4, y - 6 - fm.height(), max(px, fm.horizontalAdvance(label) + 8) + 8,
                         fm.height() + 10)  # fmt: skip
        painter.fillRect(backing, _alpha(self.palette().color(QPalette.ColorRole.Base), 200))
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Text), 2))
        painter.drawLine(QPointF(x, y), QPointF(x + px, y))
        painter.drawLine(QPointF(x, y - 5), QPointF(x, y))
        painter.drawLine(QPointF(x + px, y - 5), QPointF(x + px, y))
        painter.drawText(QPointF(x + 4, y - 6), label)

    def _draw_attribution(self, painter: QPainter) -> None:
        text = self.attribution if self.base_map_available and self.attribution else ""
        if not self.base_map_available:
            text = self.tr("No base map: showing cameras and areas only")
        if not text:
            return
        font = QFont(painter.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        painter.setFont(font)
        fm = QFontMetrics(font)
        w = fm.horizontalAdvance(text) + 10
        h = fm.height() + 4
        r = QRectF(self.viewport().width() - w, self.viewport().height() - h, w, h)
        painter.fillRect(r, _alpha(self.palette().color(QPalette.ColorRole.Base), 200))
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, text)

    def _draw_legend(self, painter: QPainter) -> None:
        fm = QFontMetrics(painter.font())
        rows = [(status_word(s), STATUS_COLOURS[s]) for s in self.legend_statuses]
        rows.append((self.tr("Your camera and its view"), QColor("#c2185b")))
        w = max(fm.horizontalAdvance(t) for t, _ in rows) + 34
        line = fm.height() + 3
        h = line * len(rows) + 8
        r = QRectF(self.viewport().width() - w - 8, 8, w, h)
        palette = self.palette()
        painter.fillRect(r, _alpha(palette.color(QPalette.ColorRole.Base), 215))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawRect(r)
        for i, (text, colour) in enumerate(rows):
            y = r.top() + 4 + i * line
            swatch = QRectF(r.left() + 6, y + 3, 16, line - 7)
            fill = QColor(colour)
            fill.setAlpha(110)
            painter.fillRect(swatch, fill)
            painter.setPen(QPen(colour, 2))
            painter.drawRect(swatch)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(QPointF(r.left() + 28, y + fm.ascent() + 1), text)
