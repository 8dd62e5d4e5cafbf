"""Adding, editing and removing cameras."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, available_timezones

from PySide6.QtCore import Qt, QTimeZone
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

from db.clips.cameras import Camera, CameraError, local_zone_name
from desktop import theme
from desktop.fitting import wrap_items
from desktop.models.cameras import CamerasModel

if TYPE_CHECKING:
    from desktop.map.view import MapView

_ZONES = sorted(available_timezones())


def _spin(lo: float, hi: float, decimals: int, suffix: str = "") -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(lo, hi)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    box.setKeyboardTracking(False)
    return box


def computer_zone() -> str:
    """This computer's time zone as an IANA name (Qt knows it on every system), or ""
    when it cannot be told."""
    names = [bytes(QTimeZone.systemTimeZoneId().data()).decode(errors="replace")]
    names.append(local_zone_name() or "")
    for name in names:
        if name in _ZONE_SET:
            return name
        try:
            ZoneInfo(name)
        except (ValueError, KeyError, OSError):
            continue
        if name:
            return name
    return ""


_ZONE_SET = frozenset(_ZONES)


class _Coordinate(QLineEdit):
    """A latitude or longitude the resident types (or the map fills in); empty until
    given: a camera is never placed at 0, 0 by default."""

    def __init__(self, example: str) -> None:
        super().__init__()
        self.setPlaceholderText(self.tr("e.g. {example}").format(example=example))

    def value(self) -> float | None:
        text = self.text().strip().rstrip("°").replace(",", ".")
        try:
            return float(text) if text else None
        except ValueError:
            return None

    def setValue(self, value: float) -> None:
        self.setText(f"{value:.6f}")


class _Optional(QWidget):
    """A number that may be left out (heading, field of view, range)."""

    def __init__(self, label: str, spin: QDoubleSpinBox, name: str) -> None:
        super().__init__()
        self.check = QCheckBox(label)
        self.check.setAccessibleName(name)
        self.spin = spin
        spin.setAccessibleName(name)
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
        self.setWindowTitle(self.tr("Edit camera") if camera else self.tr("Add a camera"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Front porch"))
        self.lat = _Coordinate("47.606200")
        self.lon = _Coordinate("-122.332100")
        self.lat.setAccessibleName(self.tr("Latitude"))
        self.lon.setAccessibleName(self.tr("Longitude"))
        self.pick = QPushButton(self.tr("Pick on map…"))
        self.pick.setToolTip(
            self.tr("Hide this dialog, click the camera's place on the map, come back")
        )
        self.pick.clicked.connect(self.pick_on_map)
        self.pick.setEnabled(self._map_view() is not None)
        self.picker: object | None = None
        place = QHBoxLayout()
        for text, coord in ((self.tr("Latitude"), self.lat), (self.tr("Longitude"), self.lon)):
            label = QLabel(text)
            label.setBuddy(coord)
            place.addWidget(label)
            place.addWidget(coord, 1)
        place.addWidget(self.pick)
        self.heading = _Optional(
            self.tr("Points to"), _spin(0, 359.9, 1, self.tr("° from north")), self.tr("Heading")
        )
        self.fov = _Optional(
            self.tr("Sees"), _spin(1, 360, 1, self.tr("° wide")), self.tr("Field of view")
        )
        self.range = _Optional(
            self.tr("Up to"), _spin(1, 1000, 0, self.tr(" m away")), self.tr("Range")
        )
        self.tz = QComboBox()
        self.tz.setEditable(True)
        self.tz.addItems(_ZONES)
        completer = QCompleter(_ZONES, self.tz)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tz.setCompleter(completer)
        self.clock = _spin(-86400, 86400, 1, self.tr(" s"))
        self.clock.setToolTip(
            self.tr(
                "How far the camera's clock is ahead of true time (negative when it is behind)."
            )
        )
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Place"), place)
        form.addRow(self.tr("Heading"), self.heading)
        form.addRow(self.tr("Field of view"), self.fov)
        form.addRow(self.tr("Range"), self.range)
        form.addRow(self.tr("Time zone"), self.tz)
        form.addRow(self.tr("Clock is ahead by"), self.clock)
        self.tz_note = QLabel(
            self.tr("This computer's time zone; change it if the camera keeps another.")
        )
        theme.style(self.tz_note, "color: fg(#555555);")
        self.tz_note.setWordWrap(True)
        self.tz_note.hide()
        form.addRow("", self.tz_note)
        self.missing = QLabel()  # what is still needed before the camera can be saved
        self.missing.setObjectName("missing")
        self.missing.setWordWrap(True)
        self.retime_note = QLabel(
            self.tr(
                "Saving a new time zone or clock offset recalculates the start times of "
                "this camera's clips already in the library."
            )
        )
        self.retime_note.setWordWrap(True)
        self.retime_note.hide()
        self.error = QLabel()
        self.error.setObjectName("error")
        theme.style(self.error, "color: fg(#b00020);")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.missing)
        layout.addWidget(self.retime_note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if camera is not None:
            self.set_camera(camera)
            self.tz.currentTextChanged.connect(self._update_retime_note)
            self.clock.valueChanged.connect(self._update_retime_note)
        else:
            zone = computer_zone()
            self.tz.setCurrentText(zone)
            self.tz_note.setVisible(bool(zone))
        for edit in (self.name, self.lat, self.lon):
            edit.textChanged.connect(self._update_missing)
        self.lat.textChanged.connect(self._split_pasted_pair)
        self.tz.currentTextChanged.connect(self._update_missing)
        self._update_missing()

    def _split_pasted_pair(self, text: str) -> None:
        """ "47.6062, -122.3321" pasted into the latitude (as map sites copy a place)
        fills both fields."""
        parts = text.replace(";", ",").split(",")
        if len(parts) == 2 and all(_number(p) for p in parts):
            self.lat.setText(parts[0].strip())
            self.lon.setText(parts[1].strip())

    def missing_parts(self) -> list[str]:
        """What the camera still needs, in words; empty when it can be saved."""
        parts = []
        if not self.name.text().strip():
            parts.append(self.tr("a name"))
        lat, lon = self.lat.value(), self.lon.value()
        if lat is None or lon is None:
            if self.lat.text().strip() and lat is None:
                parts.append(self.tr("a latitude that is a number"))
            elif self.lon.text().strip() and lon is None:
                parts.append(self.tr("a longitude that is a number"))
            else:
                parts.append(self.tr("its place (type its latitude and longitude, or Pick on map)"))
        if not self.tz.currentText().strip():
            parts.append(self.tr("the time zone its clock keeps"))
        return parts

    def _update_missing(self) -> None:
        parts = self.missing_parts()
        words = (
            self.tr("{first} and {last}").format(first=", ".join(parts[:-1]), last=parts[-1])
            if len(parts) > 1
            else "".join(parts)
        )
        self.missing.setText(self.tr("Still needed: {what}.").format(what=words) if parts else "")
        self.missing.setVisible(bool(parts))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not parts)

    def _map_view(self) -> MapView | None:
        """The main window's map, when this dialog belongs to one."""
        widget = self.parentWidget()
        while widget is not None:
            panel = getattr(widget, "map_panel", None)
            if panel is not None:
                return panel.view
            widget = widget.parentWidget()
        return None

    def _hidden_for_picking(self) -> list[QWidget]:
        """This dialog and the dialogs under it: hidden while the resident picks, as
        they would keep the map from being clicked."""
        chain: list[QWidget] = []
        widget: QWidget | None = self
        while isinstance(widget, QDialog):
            chain.append(widget)
            widget = widget.parentWidget()
        return chain

    def pick_on_map(self) -> None:
        from desktop.map.picker import PlacePicker

        view = self._map_view()
        if view is None:
            return
        window = view.window()
        dock = getattr(window, "map_dock", None)
        if dock is not None and not dock.isVisible():
            dock.show()
        hidden = self._hidden_for_picking()
        for dialog in hidden:
            dialog.hide()
        picker = PlacePicker(
            view, self.tr("Click the camera's place on the map (Esc: back to the dialog)")
        )

        def back() -> None:
            self.picker = None
            for dialog in reversed(hidden):
                dialog.show()

        def picked(lon: float, lat: float) -> None:
            self.lat.setValue(lat)
            self.lon.setValue(lon)
            back()

        picker.picked.connect(picked)
        picker.cancelled.connect(back)
        self.picker = picker

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
        lat, lon = self.lat.value(), self.lon.value()
        if lat is None or lon is None:
            raise CameraError(self.tr("place: type the latitude and longitude, or pick on the map"))
        return Camera(
            name=self.name.text().strip(),
            lat=lat,
            lon=lon,
            heading_deg=self.heading.value(),
            fov_deg=self.fov.value(),
            range_m=self.range.value(),
            tz=self.tz.currentText().strip(),
            clock_offset_s=self.clock.value(),
            id=self.camera.id if self.camera else None,
            # Chosen in the import dialog: an edit here keeps it.
            naming_profile=self.camera.naming_profile if self.camera else None,
        )

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.buttons.setEnabled(True)

    def save(self) -> None:
        if self.missing_parts():
            return
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


def _number(text: str) -> bool:
    try:
        float(text.strip())
    except ValueError:
        return False
    return True


class CamerasDialog(QDialog):
    """The resident's cameras: add, edit, remove."""

    def __init__(
        self,
        model: CamerasModel,
        parent: QWidget | None = None,
        open_masks: Callable[[Camera], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.setWindowTitle(self.tr("Cameras"))
        self.resize(420, 320)
        self.list = QListView()
        self.list.setAccessibleName(self.tr("Your cameras"))
        wrap_items(self.list)
        # Room for a camera's name at any text size (a longer one wraps).
        self.list.setMinimumWidth(24 * self.list.fontMetrics().averageCharWidth())
        self.list.setModel(model)
        self.list.doubleClicked.connect(lambda _i: self.edit())
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.setAccessibleName(self.tr("Add a camera"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setAccessibleName(self.tr("Edit the selected camera"))
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected camera"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        side = QVBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button):
            side.addWidget(b)
        # The chosen camera's privacy masks (docs/redaction.md), where the window offers them.
        self.masks_button: QPushButton | None = None
        if open_masks is not None:
            self.masks_button = QPushButton(self.tr("Privacy &masks…"))
            self.masks_button.clicked.connect(lambda: self._masks(open_masks))
            side.addWidget(self.masks_button)
        side.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(side)
        self.note = QLabel()  # what the last removal did
        self.note.setWordWrap(True)
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
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
        if self.masks_button is not None:
            self.masks_button.setEnabled(has)

    def _masks(self, open_masks: Callable[[Camera], object]) -> None:
        cam = self._current()
        if cam is not None:
            open_masks(cam)

    def add(self) -> None:
        CameraEditDialog(self.model, None, self).open()

    def edit(self) -> None:
        cam = self._current()
        if cam is not None:
            CameraEditDialog(self.model, cam, self).open()

    def remove(self) -> None:
        """Ask first, saying whether the camera will be removed or retired and why (the
        answer needs the database: the question opens when it comes)."""
        cam = self._current()
        if cam is None or cam.id is None:
            return
        self.model.removal_facts(cam.id, lambda facts: self._confirm_removal(cam, *facts))

    def _confirm_removal(self, cam: Camera, clips: int, decided: int, shared: int) -> None:
        records = self.tr("%n clip records", "", clips)
        if decided:
            title, verb = self.tr("Retire camera"), self.tr("Retire")
            if decided == 1:
                why = (
                    self.tr("one of its clips was decided on for a request and shared")
                    if shared
                    else self.tr("one of its clips was decided on for a request")
                )
            else:
                why = (
                    self.tr(
                        "%n of its clips were decided on for requests, {shared} of them shared",
                        "",
                        decided,
                    ).format(shared=shared)
                    if shared
                    else self.tr("%n of its clips were decided on for requests", "", decided)
                )
            text = self.tr(
                "“{camera}” will be retired, not deleted: {why}, and Doorstep never "
                "deletes the record of what was shared.\n\n"
                "A retired camera is hidden from your cameras, the map and imports, and "
                "matches no new request. Its {records} and your decisions stay, and the "
                "requests that refer to them still show them. The video files on disk are "
                "not touched."
            ).format(camera=cam.name, why=why, records=records)
        else:
            title, verb = self.tr("Remove camera"), self.tr("Remove")
            text = self.tr(
                "Remove the camera “{camera}” and its {records} from Doorstep? None of "
                "its clips was decided on for a request, so no record of sharing is "
                "lost.\n\nThe video files on disk are not touched."
            ).format(camera=cam.name, records=records)
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        go = box.addButton(verb, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda b: self._remove(cam) if b is go else None)
        self.confirmation = box
        box.open()

    def _remove(self, cam: Camera) -> None:
        assert cam.id is not None
        self.model.remove(
            cam.id,
            lambda removal: self._said(removal.text()),
            lambda exc: self._said(str(exc)),
        )

    def _said(self, text: str) -> None:
        self.note.setText(text)
        self.note.show()
