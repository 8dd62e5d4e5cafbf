"""Picking a place on the map: the next click (not a drag, which still pans) gives its
longitude and latitude; Esc gives up. Used by the camera dialog's "Pick on map"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent

from db.requests.mercator import world_to_lonlat
from desktop.map.view import MapView

_CLICK_SLOP_PX = 4  # a press and release closer than this is a click, not a pan


class PlacePicker(QObject):
    picked = Signal(float, float)  # lon, lat
    cancelled = Signal()

    def __init__(self, view: MapView, prompt: str) -> None:
        super().__init__(view)
        self.view = view
        # Kept to tell the viewport's events apart without calling into the view: while
        # the view is being destroyed its wrapper is gone but events still come here.
        self._viewport = view.viewport()
        self._press: QPointF | None = None
        self._notice = view.notice
        view.notice = prompt
        view.viewport().setCursor(Qt.CursorShape.CrossCursor)
        view.viewport().installEventFilter(self)
        view.installEventFilter(self)
        view.setFocus()
        view.viewport().update()

    def click(self, pos: QPointF) -> None:
        """The resident clicked the map at ``pos`` (viewport pixels)."""
        p = self.view.mapToScene(pos.toPoint())
        lon, lat = world_to_lonlat(p.x(), p.y())
        self._finish()
        self.picked.emit(max(-180.0, min(180.0, lon)), max(-90.0, min(90.0, lat)))

    def cancel(self) -> None:
        self._finish()
        self.cancelled.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._viewport and isinstance(event, QMouseEvent):
            if event.button() != Qt.MouseButton.LeftButton:
                return False
            if kind == QEvent.Type.MouseButtonPress:
                self._press = event.position()
            elif kind == QEvent.Type.MouseButtonRelease and self._press is not None:
                moved = (event.position() - self._press).manhattanLength()
                self._press = None
                if moved <= _CLICK_SLOP_PX:
                    self.click(event.position())
            return False  # the map still pans with a drag
        if (
            watched is self.view
            and kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.cancel()
            return True
        return False

    def _finish(self) -> None:
        self.view.viewport().removeEventFilter(self)
        self.view.removeEventFilter(self)
        self.view.viewport().unsetCursor()
        self.view.notice = self._notice
        self.view.viewport().update()
        self.deleteLater()
