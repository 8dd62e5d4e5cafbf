"""The window's ways to measure a camera's clock (docs/clock.md): Cameras ▸ Measure
clock offset… (the camera of the clip selected on the Clips tab, else the first) and
the clips table's context menu (that clip)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtWidgets import QMenu, QMessageBox

from desktop import window_masks

if TYPE_CHECKING:
    from desktop.main_window import MainWindow
    from desktop.widgets.clock_dialog import ClockDialog


translate = QCoreApplication.translate


def install(window: MainWindow) -> None:
    """The clips table's context menu."""
    table = window.clips_view.table
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    table.customContextMenuRequested.connect(lambda pos: _pop(window, pos))


def _pop(window: MainWindow, pos: QPoint) -> None:
    menu = clip_menu(window, pos)
    if menu is not None:
        menu.popup(window.clips_view.table.viewport().mapToGlobal(pos))


def clip_menu(window: MainWindow, pos: QPoint) -> QMenu | None:
    """The context menu of the clip at ``pos`` in the clips table (None off the rows)."""
    from desktop.models.clips import ClipRowRole

    table = window.clips_view.table
    row = table.indexAt(pos).data(ClipRowRole)
    if row is None:
        return None
    menu = QMenu(table)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    action = menu.addAction(translate("WindowClock", "Measure clock offset on this clip…"))
    action.triggered.connect(lambda: measure_clock(window, row.id, row.camera))
    masks = menu.addAction(translate("WindowClock", "Privacy masks of this camera…"))
    masks.triggered.connect(lambda: window_masks.open_masks(window, row.camera))
    # Holding acts on the current clip: the one clicked becomes it.
    table.setCurrentIndex(table.indexAt(pos))
    menu.addSeparator()
    menu.addAction(window.commands["hold-clip"])
    menu.addAction(window.commands["release-hold"])
    return menu


def measure_clock(
    window: MainWindow, clip_id: int | None = None, camera_name: str | None = None
) -> ClockDialog | None:
    """Open the clock dialog on ``clip_id`` (of the camera named), else on the clip
    selected on the Clips tab, else on the first camera's newest clip."""
    from desktop.models.clips import ClipRowRole
    from desktop.widgets.clock_dialog import ClockDialog

    cameras = window.services.cameras.cameras()
    if clip_id is None:
        row = window.clips_view.table.currentIndex().data(ClipRowRole)
        if row is not None:
            clip_id, camera_name = row.id, row.camera
    camera = next((c for c in cameras if c.name == camera_name), None)
    if camera is None:
        clip_id = None
        camera = cameras[0] if cameras else None
    if camera is None:
        QMessageBox.information(
            window,
            translate("WindowClock", "Measure clock offset"),
            translate("WindowClock", "Add a camera and import its clips first."),
        )
        return None
    dialog = ClockDialog(window.services.db, window.services.cameras, camera, clip_id, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
