"""The window's ways to a camera's privacy masks (docs/redaction.md): Cameras ▸ Privacy
masks… (the camera of the clip selected on the Clips tab, else the first), the clips
table's context menu (that clip's camera) and the cameras dialog (the chosen camera)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from desktop.main_window import MainWindow
    from desktop.widgets.mask_dialog import MaskDialog


translate = QCoreApplication.translate


def open_masks(window: MainWindow, camera_name: str | None = None) -> MaskDialog | None:
    """Open the masks dialog on the camera named, else on the camera of the clip selected
    on the Clips tab, else on the first camera."""
    from desktop.models.clips import ClipRowRole
    from desktop.widgets.mask_dialog import MaskDialog

    cameras = window.services.cameras.cameras()
    if camera_name is None:
        row = window.clips_view.table.currentIndex().data(ClipRowRole)
        if row is not None:
            camera_name = row.camera
    camera = next((c for c in cameras if c.name == camera_name), None)
    if camera is None:
        camera = cameras[0] if cameras else None
    if camera is None:
        QMessageBox.information(
            window,
            translate("WindowMasks", "Privacy masks"),
            translate("WindowMasks", "Add a camera and import its clips first."),
        )
        return None
    dialog = MaskDialog(window.services.db, window.services.cameras, camera, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.refresher.follow(dialog)
    dialog.open()
    return dialog
