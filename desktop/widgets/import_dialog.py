"""Choosing a folder to import, and the camera it belongs to; before the import, the
naming profile detected and the first files' times as the import would read them
(docs/clip-times.md), with a choice of profile stored on the camera."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.clips.cameras import Camera
from db.clips.clip_time import source_words
from db.clips.name_times import PROFILES
from db.words.time_notes import note_words
from desktop import theme
from desktop.models.cameras import CameraRole, CamerasModel
from desktop.tasks import FunctionTask

if TYPE_CHECKING:
    from db.clips.import_preview import Preview

# Previews still running when their dialog closed: kept until their thread ends (a
# QThread destroyed while it runs takes the process down).
_RUNNING: set[FunctionTask] = set()
PREVIEW_DELAY_MS = 300  # typing a folder's path: look once the typing pauses
UNCERTAIN_COLOUR = "#b45309"
# In English; shown translated.
AUTO_TEXT = str(QT_TRANSLATE_NOOP("ImportDialog", "Detect: each file by the layout it follows"))
PREVIEW_ROWS = 8  # rows the preview shows without scrolling (PREVIEW_FIRST files)


def profile_words(profile: str | None) -> str:
    """How the preview's times were read, as a sentence."""
    if profile is None:
        return QCoreApplication.translate(
            "ImportDialog", "Each file is read by the layout it follows."
        )
    return QCoreApplication.translate("ImportDialog", "Every file is read as {profile}.").format(
        profile=profile
    )


class ImportDialog(QDialog):
    # Emitted on the GUI thread once a preview is on show (tests wait for it).
    preview_ready = Signal()

    def __init__(self, cameras: CamerasModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import a folder of clips"))
        self.camera = QComboBox()
        self.camera.setModel(cameras)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(self.tr("The folder your camera or recorder saves clips in"))
        self.folder.setAccessibleName(self.tr("Folder"))
        browse = QPushButton(self.tr("Browse…"))
        browse.setAccessibleName(self.tr("Browse for the folder"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.profile = QComboBox()
        self.profile.addItem(self.tr(AUTO_TEXT), None)
        for name in PROFILES:
            self.profile.addItem(name, name)
        self.profile.setToolTip(
            self.tr(
                "How the clips' folders and file names give their recording time. "
                "Your choice is kept for this camera."
            )
        )
        self.watch = QCheckBox(self.tr("Watch this folder and import new clips as they arrive"))
        self.detected = QLabel(self.tr("Choose a folder to see how its clips will be timed."))
        self.detected.setWordWrap(True)
        self.preview = QTableWidget(0, 3)
        self.preview.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.preview.setAccessibleName(self.tr("The first files and their times"))
        self.preview.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Starts (camera's time)"), self.tr("From")]
        )
        self.preview.verticalHeader().hide()
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.preview.hide()
        self.uncertain = QLabel()
        self.uncertain.setWordWrap(True)
        theme.style(self.uncertain, f"color: fg({UNCERTAIN_COLOUR});")
        self.uncertain.hide()
        self.error = QLabel()
        theme.style(self.error, "color: fg(#b00020);")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Camera"), self.camera)
        form.addRow(self.tr("Folder"), row)
        form.addRow(self.tr("Naming"), self.profile)
        hint = QLabel(
            self.tr(
                "Subfolders are included. Files that are not readable videos are listed "
                "and skipped; the originals are never changed."
            )
        )
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.watch)
        layout.addWidget(self.detected)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.uncertain)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(720, self.sizeHint().height())

        self._task: FunctionTask | None = None
        self._generation = 0
        self.last_preview: Preview | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self.folder.textChanged.connect(lambda _text: self._timer.start())
        self.camera.currentIndexChanged.connect(self._camera_changed)
        self.profile.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        self.finished.connect(lambda _result: self._stop_preview())
        self._camera_changed()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder of clips"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)

    def selected_camera(self) -> Camera | None:
        value = self.camera.currentData(CameraRole)
        return value if isinstance(value, Camera) else None

    def selected_folder(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def selected_profile(self) -> str | None:
        """The naming profile chosen (None: each file by the layout it follows)."""
        value = self.profile.currentData()
        return value if isinstance(value, str) else None

    def _camera_changed(self) -> None:
        camera = self.selected_camera()
        if camera is not None:
            index = self.profile.findData(camera.naming_profile)
            self.profile.blockSignals(True)
            self.profile.setCurrentIndex(max(index, 0))
            self.profile.blockSignals(False)
        self.refresh_preview()

    # -- the preview: on a worker thread, never on this one ---------------------------

    def refresh_preview(self) -> None:
        """Read the folder's first files again on a worker thread; the answer replaces
        the preview when it is still the latest asked for."""
        self._timer.stop()
        self._stop_preview()
        self._generation += 1
        camera = self.selected_camera()
        text = self.folder.text().strip()
        if camera is None or not text or not self.isVisible():
            return
        folder = self.selected_folder()
        if not folder.is_dir():
            self.detected.setText(self.tr("Folder not found: {folder}").format(folder=text))
            self.preview.hide()
            self.uncertain.hide()
            return
        chosen = replace(camera, naming_profile=self.selected_profile())
        generation = self._generation
        self.detected.setText(self.tr("Looking at the first files…"))

        def work(_progress: Any, cancel: Any) -> Preview:
            from db.clips.import_preview import preview_folder

            return preview_folder(folder, chosen, chosen.naming_profile, cancel=cancel)

        task = FunctionTask("import preview", work)
        task.finished.connect(lambda result: self._preview_done(task, generation, result))
        task.failed.connect(lambda text: self._preview_failed(task, generation, text))
        _RUNNING.add(task)
        self._task = task
        task.start()

    def _stop_preview(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _preview_failed(self, task: FunctionTask, generation: int, text: str) -> None:
        _RUNNING.discard(task)
        if generation == self._generation:
            self.detected.setText(
                self.tr("The folder could not be looked at: {reason}").format(reason=text)
            )

    def _preview_done(self, task: FunctionTask, generation: int, result: Preview | None) -> None:
        _RUNNING.discard(task)
        if generation != self._generation or result is None:
            return
        self._task = None
        self.show_preview(result)

    def show_preview(self, preview: Preview) -> None:
        from db.clips.import_preview import local_text

        camera = self.selected_camera()
        self.last_preview = preview
        detected = preview.detection.words()
        if preview.files_seen == 0:
            detected = self.tr("No video files in this folder.")
        self.detected.setText(
            self.tr("{detected} {how}").format(
                detected=detected, how=profile_words(preview.profile)
            )
        )
        self.preview.setRowCount(len(preview.lines))
        amber = QBrush(theme.fg(UNCERTAIN_COLOUR))
        for row, line in enumerate(preview.lines):
            name = QTableWidgetItem(line.rel_path)
            name.setToolTip(line.rel_path)
            if line.time is None:
                cells = [
                    name,
                    QTableWidgetItem(self.tr("cannot be read")),
                    QTableWidgetItem(line.problem),
                ]
            else:
                t = line.time
                when = local_text(t.start, camera) if camera is not None else str(t.start)
                start = QTableWidgetItem(when if t.certain else f"⚠ {when}")
                source = QTableWidgetItem(source_words(t.source))
                source.setToolTip(t.source)
                cells = [name, start, source]
                if not t.certain:
                    for cell in cells:
                        cell.setForeground(amber)
                        cell.setToolTip(
                            self.tr("time uncertain: {why}").format(why=note_words(t.note))
                        )
            for col, cell in enumerate(cells):
                self.preview.setItem(row, col, cell)
        if preview.lines and not self.preview.isVisible():
            rows = min(len(preview.lines), PREVIEW_ROWS)
            height = self.preview.horizontalHeader().height() + 2 * self.preview.frameWidth()
            height += sum(self.preview.rowHeight(r) for r in range(rows))
            self.preview.setMinimumHeight(height)
            self.preview.show()
            self.resize(max(self.width(), 760), self.sizeHint().height())
        self.preview.setVisible(bool(preview.lines))
        n = preview.uncertain
        if n:
            shown = len(preview.lines)
            self.uncertain.setText(
                self.tr(
                    "⚠ {n} of these %n would be flagged: their time is uncertain (hover for "
                    "why). A request's candidates show them with a warning, and approving one "
                    "asks you first. Another naming choice may help.",
                    "",
                    shown,
                ).format(n=n)
            )
        self.uncertain.setVisible(bool(n))
        self.preview_ready.emit()

    def _check(self) -> None:
        folder = self.folder.text().strip()
        if self.selected_camera() is None:
            self._fail(self.tr("Choose the camera these clips come from (add one first)."))
        elif not folder:
            self._fail(self.tr("Choose a folder."))
        elif not self.selected_folder().is_dir():
            self._fail(self.tr("Folder not found: {folder}").format(folder=folder))
        else:
            self.accept()

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.folder.text().strip():
            self._timer.start()
