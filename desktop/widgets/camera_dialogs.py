"""Adding, editing and removing cameras."""

from __future__ import annotations

from zoneinfo import available_timezones

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.cameras import Camera, CameraError
from desktop.models.cameras import CamerasModel

_ZONES = sorted(available_timezones())


def _spin(lo: float, hi: float, decimals: int, suffix: str = "") -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(lo, hi)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    box.setKeyboardTracking(False)
    return box


class _Optional(QWidget):
    """A number that may be left out (heading, field of view, range)."""

    def __init__(self, label: str, spin: QDoubleSpinBox) -> None:
        super().__init__()
        self.check = QCheckBox(label)
        self.spin = spin
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(spin, 1)
        self.check.toggled.connect(spin.setEnabled)
        spin.setEnabled(False)

    def value(self) -> float | None:
        return self.spin.value() if self.check.isChecked() else None

    def set_value(self, value: float | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.spin.setValue(value)


class CameraEditDialog(QDialog):
    """Add a camera, or edit one. Saving happens on the database thread; the dialog
    closes when the change is stored and shows the reason when it is refused."""

    def __init__(
        self, model: CamerasModel, camera: Camera | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.camera = camera
        self.setWindowTitle("Edit camera" if camera else "Add a camera")
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Front porch")
        self.lat = _spin(-90, 90, 6, "°")
        self.lon = _spin(-180, 180, 6, "°")
        self.heading = _Optional("Points to", _spin(0, 359.9, 1, "° from north"))
        self.fov = _Optional("Sees", _spin(1, 360, 1, "° wide"))
        self.range = _Optional("Up to", _spin(1, 1000, 0, " m away"))
        self.tz = QComboBox()
        self.tz.setEditable(True)
        self.tz.addItems(_ZONES)
        completer = QCompleter(_ZONES, self.tz)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tz.setCompleter(completer)
        self.clock = _spin(-86400, 86400, 1, " s")
        self.clock.setToolTip(
            "How far the camera's clock is ahead of true time (negative when it is behind)."
        )
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Latitude", self.lat)
        form.addRow("Longitude", self.lon)
        form.addRow("Heading", self.heading)
        form.addRow("Field of view", self.fov)
        form.addRow("Range", self.range)
        form.addRow("Time zone", self.tz)
        form.addRow("Clock is ahead by", self.clock)
        self.retime_note = QLabel(
            "Saving a new time zone or clock offset recalculates the start times of "
            "this camera's clips already in the library."
        )
        self.retime_note.setWordWrap(True)
        self.retime_note.hide()
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.retime_note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.tz.setCurrentText("UTC")
        if camera is not None:
            self.set_camera(camera)
            self.tz.currentTextChanged.connect(self._update_retime_note)
            self.clock.valueChanged.connect(self._update_retime_note)

    def _update_retime_note(self) -> None:
        cam = self.camera
        if cam is not None:
            self.retime_note.setVisible(
                self.tz.currentText().strip() != cam.tz or self.clock.value() != cam.clock_offset_s
            )

    def set_camera(self, cam: Camera) -> None:
        self.name.setText(cam.name)
        self.lat.setValue(cam.lat)
        self.lon.setValue(cam.lon)
        self.heading.set_value(cam.heading_deg)
        self.fov.set_value(cam.fov_deg)
        self.range.set_value(cam.range_m)
        self.tz.setCurrentText(cam.tz)
        self.clock.setValue(cam.clock_offset_s)

    def value(self) -> Camera:
        return Camera(
            name=self.name.text().strip(),
            lat=self.lat.value(),
            lon=self.lon.value(),
            heading_deg=self.heading.value(),
            fov_deg=self.fov.value(),
            range_m=self.range.value(),
            tz=self.tz.currentText().strip(),
            clock_offset_s=self.clock.value(),
            id=self.camera.id if self.camera else None,
        )

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.buttons.setEnabled(True)

    def save(self) -> None:
        try:
            cam = self.value().validated()
        except CameraError as exc:
            self.show_error(str(exc))
            return
        self.buttons.setEnabled(False)
        if cam.id is None:
            self.model.add(cam, lambda _c: self.accept(), lambda e: self.show_error(str(e)))
        else:
            self.model.update(cam, lambda _c: self.accept(), lambda e: self.show_error(str(e)))


class CamerasDialog(QDialog):
    """The resident's cameras: add, edit, remove."""

    def __init__(self, model: CamerasModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setWindowTitle("Cameras")
        self.resize(420, 320)
        self.list = QListView()
        self.list.setModel(model)
        self.list.doubleClicked.connect(lambda _i: self.edit())
        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.remove_button = QPushButton("Remove…")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        side = QVBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button):
            side.addWidget(b)
        side.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(close)
        self.list.selectionModel().selectionChanged.connect(self._update_buttons)
        self._current_id: int | None = None
        model.modelAboutToBeReset.connect(self._remember_current)
        model.modelReset.connect(self._restore_current)
        self._select(0)

    def _remember_current(self) -> None:
        cam = self._current()
        self._current_id = cam.id if cam else None

    def _restore_current(self) -> None:
        """The list reloads after every change: keep the camera the resident was on."""
        rows = [
            r for r in range(self.model.rowCount()) if self.model.camera(r).id == self._current_id
        ]
        self._select(rows[0] if rows else 0)

    def _select(self, row: int) -> None:
        """Make ``row`` the current, selected camera (Edit and Remove act on it)."""
        if 0 <= row < self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(row, 0))
        self._update_buttons()

    def _current(self) -> Camera | None:
        index = self.list.currentIndex()
        return self.model.camera(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        has = self.list.currentIndex().isValid()
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def add(self) -> None:
        CameraEditDialog(self.model, None, self).open()

    def edit(self) -> None:
        cam = self._current()
        if cam is not None:
            CameraEditDialog(self.model, cam, self).open()

    def remove(self) -> None:
        cam = self._current()
        if cam is None or cam.id is None:
            return
        answer = QMessageBox.question(
            self,
            "Remove camera",
            f"Remove the camera “{cam.name}” and its clip records from Doorstep?\n\n"
            "The video files on disk are not touched.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.model.remove(cam.id)
