"""Choosing a folder to import, and the camera it belongs to."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.clips.cameras import Camera
from desktop.models.cameras import CameraRole, CamerasModel


class ImportDialog(QDialog):
    def __init__(self, cameras: CamerasModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import a folder of clips")
        self.camera = QComboBox()
        self.camera.setModel(cameras)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText("The folder your camera or recorder saves clips in")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.watch = QCheckBox("Watch this folder and import new clips as they arrive")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        form = QFormLayout()
        form.addRow("Camera", self.camera)
        form.addRow("Folder", row)
        hint = QLabel(
            "Subfolders are included. Files that are not readable videos are listed "
            "and skipped; the originals are never changed."
        )
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.watch)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder of clips", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def selected_camera(self) -> Camera | None:
        value = self.camera.currentData(CameraRole)
        return value if isinstance(value, Camera) else None

    def selected_folder(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def _check(self) -> None:
        folder = self.folder.text().strip()
        if self.selected_camera() is None:
            self._fail("Choose the camera these clips come from (add one first).")
        elif not folder:
            self._fail("Choose a folder.")
        elif not self.selected_folder().is_dir():
            self._fail(f"Folder not found: {folder}")
        else:
            self.accept()

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
