"""A camera's privacy masks (docs/redaction.md): a frame of its newest clip (decoded on
a worker, desktop/frame_loader) with its masks shaded; the resident draws a new one
corner by corner, names it and adds it, or removes one. Each change is an operation on
the database thread (``Changes(masks=True)``), saved at once with its audit entry."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.clips.cameras import Camera
from db.clips.frames import Frame
from db.redaction.masks import (
    MaskError,
    Picture,
    add_mask,
    check_name,
    check_points,
    masks_for_camera,
    newest_picture,
    remove_mask,
    scaled,
)
from db.redaction.plan import Mask
from db.store.changes import Changes
from desktop import theme
from desktop.dbthread import DbService, while_alive
from desktop.frame_loader import FrameLoader
from desktop.models.cameras import CamerasModel
from desktop.widgets.mask_view import MaskView

MASKS = Changes(masks=True)
# The frame drawn on: a little into the clip (a camera's first frame can be dark or
# half-built), never past its middle.
_FRAME_AT_S = 2.0


class MaskDialog(QDialog):
    """Draw, name, add and remove a camera's privacy masks."""

    added = Signal(int)  # the new mask's id, once stored
    removed = Signal(int)  # the removed mask's id, once removed
    loaded = Signal()  # the camera's masks and picture read (and shown)

    def __init__(
        self,
        dbs: DbService,
        cameras: CamerasModel,
        camera: Camera,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.dbs = dbs
        self.cameras = cameras
        self.camera = camera
        self.picture: Picture | None = None
        self.masks: list[Mask] = []
        self.setWindowTitle(self.tr("Privacy masks"))

        self.camera_box = QComboBox()
        self.camera_box.setAccessibleName(self.tr("Camera"))
        for cam in cameras.cameras():
            self.camera_box.addItem(cam.name, cam.id)
        self.camera_box.setCurrentIndex(max(0, self.camera_box.findData(camera.id)))
        self.camera_box.currentIndexChanged.connect(self._camera_chosen)
        camera_label = QLabel(self.tr("&Camera"))
        camera_label.setBuddy(self.camera_box)
        self.source = QLabel()  # which clip the frame is from
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source.setAccessibleName(self.tr("The clip the frame is from"))
        top = QHBoxLayout()
        top.addWidget(camera_label)
        top.addWidget(self.camera_box)
        top.addSpacing(12)
        top.addWidget(self.source, 1)

        self.view = MaskView()
        self.view.drawing_changed.connect(self._update)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        # Room for two lines from the start: the frame does not move as the hint changes.
        self.hint.setMinimumHeight(2 * self.hint.fontMetrics().lineSpacing())
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Privacy masks of this camera"))
        self.list.currentItemChanged.connect(self._chosen)
        list_label = QLabel(self.tr("&Masks of this camera"))
        list_label.setBuddy(self.list)
        self.remove_button = QPushButton(self.tr("&Remove…"))
        self.remove_button.setToolTip(
            self.tr("Remove the chosen mask: excerpts made from now on show it")
        )
        self.remove_button.clicked.connect(self.remove)
        side = QVBoxLayout()
        side.addWidget(list_label)
        side.addWidget(self.list, 1)
        side.addWidget(self.remove_button)
        middle = QHBoxLayout()
        middle.addWidget(self.view, 4)
        middle.addLayout(side, 1)

        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name of the new mask"))
        self.name.setPlaceholderText(self.tr("what it hides, e.g. Neighbour's window"))
        self.name.setMaxLength(80)
        self.name.textChanged.connect(self._update)
        self.name.returnPressed.connect(self.add)
        name_label = QLabel(self.tr("&Name"))
        name_label.setBuddy(self.name)
        self.add_button = QPushButton(self.tr("&Add mask"))
        self.add_button.clicked.connect(self.add)
        self.clear_button = QPushButton(self.tr("C&lear drawing"))
        self.clear_button.clicked.connect(self.view.clear_drawing)
        bottom = QHBoxLayout()
        bottom.addWidget(name_label)
        bottom.addWidget(self.name, 1)
        bottom.addWidget(self.add_button)
        bottom.addWidget(self.clear_button)

        self.error = QLabel()
        self.error.setWordWrap(True)
        theme.style(self.error, "color: fg(#b00020);")
        self.note = QLabel()  # what the last change did
        self.note.setWordWrap(True)
        for label in (self.error, self.note):
            label.hide()  # an empty line until there is something to say
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # Enter belongs to the drawing (it closes the polygon) and to the name field
        # (it adds the mask), never to a default button.
        for button in (self.remove_button, self.add_button, self.clear_button):
            button.setAutoDefault(False)
        closing = buttons.button(QDialogButtonBox.StandardButton.Close)
        closing.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.hint)
        layout.addLayout(bottom)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(1040, 680)

        self.loader = FrameLoader(self)
        self.loader.loaded.connect(self._frame)
        self.loader.failed.connect(self._no_frame)
        self.finished.connect(lambda _r: self.loader.stop())
        self._update()
        self.reload()

    # -- the refresher (desktop/refresher.py) ----------------------------------------
    @staticmethod
    def shows(changes: Changes) -> bool:
        return changes.masks or changes.clips_added or changes.clips

    def reload(self) -> None:
        camera_id = self.camera.id
        assert camera_id is not None
        self.dbs.submit(
            lambda db: (newest_picture(db, camera_id), masks_for_camera(db, camera_id)),
            while_alive(self, lambda got: self._loaded(camera_id, *got)),
            while_alive(self, lambda exc: self._no_frame(str(exc))),
            abandon_on_close=True,
        )

    # -- reading ---------------------------------------------------------------------
    def _camera_chosen(self) -> None:
        cam = self.cameras.by_id(self.camera_box.currentData())
        if cam is not None and cam.id != self.camera.id:
            self.camera = cam
            self.picture = None
            self.masks = []
            self.list.clear()
            self.view.set_masks([])
            self.view.set_frame(None, (0, 0), self.tr("Reading the camera's clips…"))
            _say(self.note, "")
            self.reload()

    def _loaded(self, camera_id: int, picture: Picture | None, masks: list[Mask]) -> None:
        if camera_id != self.camera.id:
            return  # another camera was chosen meanwhile
        new_clip = picture != self.picture
        self.picture = picture
        if picture is not None:
            masks = [scaled(m, picture.width, picture.height) for m in masks]
        self.masks = masks
        chosen = self._chosen_id()
        self.list.blockSignals(True)
        self.list.clear()
        for mask in masks:
            corners = len(mask.points)
            item = QListWidgetItem(
                self.tr("{name} · %n corners", "", corners).format(name=mask.name)
            )
            item.setData(Qt.ItemDataRole.UserRole, mask.mask_id)
            item.setToolTip(" ".join(f"{x},{y}" for x, y in mask.points))
            self.list.addItem(item)
            if mask.mask_id == chosen:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.view.set_masks(masks)
        self.view.choose(self._chosen_id())
        if picture is None:
            self.source.setText("")
            self.view.set_frame(
                None,
                (0, 0),
                self.tr("{camera} has no clips yet: import some to draw on a frame of it.").format(
                    camera=self.camera.name
                ),
            )
        elif new_clip:
            self.source.setText(
                self.tr("A frame of its newest clip, {name} ({width}×{height})").format(
                    name=Path(picture.path).name, width=picture.width, height=picture.height
                )
            )
            self.view.set_frame(
                None, (picture.width, picture.height), self.tr("Decoding the frame…")
            )
            self.loader.show(picture.path, min(_FRAME_AT_S, picture.duration_s / 2))
        self._update()
        self.loaded.emit()

    def _frame(self, _frame: Frame, image: QImage) -> None:
        if self.picture is not None:
            self.view.set_frame(image, (self.picture.width, self.picture.height))
        self._update()

    def _no_frame(self, message: str) -> None:
        size = (self.picture.width, self.picture.height) if self.picture else (0, 0)
        self.view.set_frame(
            None, size, self.tr("No frame to draw on: {reason}").format(reason=message)
        )
        self._update()

    def _chosen_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _chosen(self) -> None:
        self.view.choose(self._chosen_id())
        self._update()

    # -- the state in words ----------------------------------------------------------
    def problem(self) -> str | None:
        """Why the drawn polygon cannot be added yet, or None."""
        view = self.view
        if not view.ready:
            return self.tr("No frame on show yet.")
        if not view.closed:
            return None  # still drawing: the hint says what to do
        return self._shape_problem() or _sentence(lambda: check_name(self.name.text()))

    def _shape_problem(self) -> str | None:
        """Why the closed polygon itself cannot be a mask, or None."""
        if self.picture is None or not self.view.closed:
            return None
        w, h = self.picture.width, self.picture.height
        return _sentence(lambda: check_points(self.view.points, w, h))

    def _update(self) -> None:
        view = self.view
        n = len(view.points)
        if not view.ready:
            hint = ""
        elif self._shape_problem():
            hint = self.tr(
                "This polygon of %n corners cannot be a mask (below): Backspace reopens "
                "it to take back corners, Esc drops it.",
                "",
                n,
            )
        elif view.closed:
            hint = self.tr(
                "A polygon of %n corners: name it and choose Add mask "
                "(Backspace reopens it, Esc drops it).",
                "",
                n,
            )
        elif n == 0:
            hint = self.tr(
                "Click the corners of an area to hide, one after another; double-click "
                "or press Enter to close it. (Keyboard: arrow keys move the cross, Space "
                "places a corner.)"
            )
        elif n < 3:
            hint = self.tr("%n corners placed: a mask needs at least three.", "", n)
        else:
            hint = self.tr(
                "%n corners placed: double-click or press Enter to close the polygon; "
                "Backspace takes back the last corner, Esc drops it.",
                "",
                n,
            )
        self.hint.setText(hint)
        problem = self.problem() if view.closed else None
        _say(self.error, problem or "")
        self.add_button.setEnabled(view.closed and problem is None)
        self.clear_button.setEnabled(n > 0)
        self.remove_button.setEnabled(self._chosen_id() is not None)

    # -- changes ---------------------------------------------------------------------
    def add(self) -> None:
        if not self.add_button.isEnabled() or self.picture is None:
            return
        camera_id, picture = self.camera.id, self.picture
        assert camera_id is not None
        name, points = self.name.text(), list(self.view.points)
        self.add_button.setEnabled(False)
        self.dbs.submit_op(
            lambda db: add_mask(db, camera_id, name, points, picture.width, picture.height),
            MASKS,
            while_alive(self, lambda mask_id: self._added(mask_id, name.strip())),
            while_alive(self, self._refused),
        )

    def _added(self, mask_id: int, name: str) -> None:
        self.view.clear_drawing()
        self.name.clear()
        _say(
            self.note,
            self.tr("Added the mask “{name}”: every excerpt of this camera hides it.").format(
                name=name
            ),
        )
        self._update()
        self.added.emit(mask_id)

    def _refused(self, exc: BaseException) -> None:
        _say(self.error, str(exc))
        self.add_button.setEnabled(self.view.closed)

    def remove(self) -> None:
        """Ask first: a removed mask no longer hides its area in new excerpts."""
        mask_id = self._chosen_id()
        mask = next((m for m in self.masks if m.mask_id == mask_id), None)
        if mask is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove privacy mask"),
            self.tr(
                "Remove the mask “{mask}” of {camera}? Excerpts made from now on show what "
                "it hid; packages already made are not changed."
            ).format(mask=mask.name, camera=self.camera.name),
            parent=self,
        )
        go = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda b: self._remove(mask) if b is go else None)
        self.confirmation = box
        box.open()

    def _remove(self, mask: Mask) -> None:
        self.dbs.submit_op(
            lambda db: remove_mask(db, mask.mask_id),
            MASKS,
            while_alive(self, lambda _r: self._removed(mask)),
            while_alive(self, lambda exc: _say(self.error, str(exc))),
        )

    def _removed(self, mask: Mask) -> None:
        _say(self.note, self.tr("Removed the mask “{name}”.").format(name=mask.name))
        self.removed.emit(mask.mask_id)


def _say(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def _sentence(check: Callable[[], object]) -> str | None:
    """The MaskError ``check`` raises as a sentence without its field ("points: "), or
    None when it passes."""
    try:
        check()
    except MaskError as exc:
        text = str(exc).split(": ", 1)[-1]
        return text[:1].upper() + text[1:] + "."
    return None
