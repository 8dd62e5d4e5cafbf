"""The cameras list model, shared by the camera filter, the import dialog and the
cameras dialog. Changes go to the database thread as operations naming what they
change; the window's refresher (desktop/refresher.py) reloads the list when they land."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from db.clips import cameras as camdb
from db.clips.cameras import Camera
from db.store.changes import Changes
from desktop.dbthread import DbService

CameraRole = Qt.ItemDataRole.UserRole + 1
CameraIdRole = Qt.ItemDataRole.UserRole + 2

ADDED = Changes(cameras=True)
# A new name or time zone changes the camera's clips' rows; removing it removes them.
EDITED = Changes(cameras=True, clips=True)

Index = QModelIndex | QPersistentModelIndex


class CamerasModel(QAbstractListModel):
    loaded = Signal()
    changed = Signal()  # a camera was added, edited or removed
    # An edit gave a camera a new time zone or clock offset: (camera name, how many of
    # its clips had their times recalculated).
    clips_retimed = Signal(str, int)

    def __init__(self, dbs: DbService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = dbs
        self._cameras: list[Camera] = []

    def refresh(self) -> None:
        self._db.submit(camdb.list_cameras, self._set)

    def _set(self, cameras: list[Camera]) -> None:
        self.beginResetModel()
        self._cameras = cameras
        self.endResetModel()
        self.loaded.emit()

    def cameras(self) -> list[Camera]:
        return list(self._cameras)

    def camera(self, row: int) -> Camera:
        return self._cameras[row]

    def by_id(self, camera_id: int) -> Camera | None:
        return next((c for c in self._cameras if c.id == camera_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._cameras)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cameras):
            return None
        cam = self._cameras[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cam.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{cam.name}: {cam.lat:.6f}, {cam.lon:.6f} ({cam.tz})"
        if role == CameraRole:
            return cam
        if role == CameraIdRole:
            return cam.id
        return None

    # -- changes ---------------------------------------------------------------------
    def add(
        self,
        camera: Camera,
        on_done: Callable[[Camera], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._change(lambda db: camdb.add_camera(db, camera), ADDED, on_done, on_error)

    def update(
        self,
        camera: Camera,
        on_done: Callable[[Camera], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        def done(edit: camdb.CameraEdit) -> None:
            if edit.clips_retimed:
                self.clips_retimed.emit(edit.camera.name, edit.clips_retimed)
            if on_done is not None:
                on_done(edit.camera)

        self._change(lambda db: camdb.edit_camera(db, camera), EDITED, done, on_error)

    def measure_clock(
        self,
        measure: Callable[[Any], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Save a clock measurement (``measure`` runs db.clips.clock.measure_offset on
        the database thread); the clips it retimed are announced as an edit's are."""

        def done(measured: Any) -> None:
            if measured.clips_retimed:
                self.clips_retimed.emit(measured.camera.name, measured.clips_retimed)
            if on_done is not None:
                on_done(measured)

        self._change(measure, EDITED, done, on_error)

    def remove(
        self,
        camera_id: int,
        on_done: Callable[[camdb.Removal], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Remove the camera, or retire it when its clips were decided on."""
        self._change(lambda db: camdb.remove_camera(db, camera_id), EDITED, on_done, on_error)

    def removal_facts(
        self, camera_id: int, on_done: Callable[[tuple[int, int, int]], None]
    ) -> None:
        """(clip records, decided clips, shared clips) of the camera: what removing it
        would do, for the confirmation."""

        def facts(db: Any) -> tuple[int, int, int]:
            return (camdb.clip_count(db, camera_id), *camdb.decided_counts(db, camera_id))

        self._db.submit(facts, on_done)

    def _change(
        self,
        op: Callable[[Any], Any],
        changes: Changes,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        def done(result: Any) -> None:
            self.changed.emit()
            if on_done is not None:
                on_done(result)

        self._db.submit_op(op, changes, done, on_error)
