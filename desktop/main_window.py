"""The main window: menus from the action registry, the clips view (or the first-run
page), and the status bar parts. It receives its services; it builds none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db import cameras as camdb
from db.clips import count_clips
from db.importer import ImportSummary
from desktop.actions import ActionRegistry, ActionSpec
from desktop.importing import ImportJob
from desktop.services import Services
from desktop.statusbar.database import DatabaseLabel
from desktop.statusbar.progress import TaskProgress
from desktop.tasks import Task
from desktop.widgets.camera_dialogs import CameraEditDialog, CamerasDialog
from desktop.widgets.clips_view import ClipsView
from desktop.widgets.empty_state import EmptyState
from desktop.widgets.import_dialog import ImportDialog


class MainWindow(QMainWindow):
    ready = Signal()  # cameras and the first page of clips are on screen

    def __init__(
        self,
        services: Services,
        settings: QSettings,
        open_demo: Callable[[], None] | None = None,
        open_resident: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.settings = settings
        self._open_demo = open_demo
        self._open_resident = open_resident
        self._clip_total = 0
        self._is_ready = False
        self._cameras_loaded = False
        self.last_report: QMessageBox | None = None
        demo = services.kind == "demo"
        self.setWindowTitle("Doorstep — Demo neighbourhood" if demo else "Doorstep")
        self.resize(1280, 800)

        self.empty = EmptyState()
        self.clips_view = ClipsView(services.clips, services.cameras)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.clips_view)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        if demo:
            layout.addWidget(self._demo_banner())
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.actions = ActionRegistry(self)
        self._register_actions()
        self.actions.build_menus(self.menuBar())

        self.progress = TaskProgress()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(DatabaseLabel(services.path, services.kind))

        self.empty.add_camera.connect(self.add_camera)
        self.empty.import_folder.connect(self.import_folder)
        self.empty.open_demo.connect(self.open_demo)
        self.empty.demo_button.setVisible(not demo and open_demo is not None)
        services.cameras.loaded.connect(self._on_cameras_loaded)
        services.clips.loaded.connect(self._on_clips_loaded)
        services.clips.page_loaded.connect(self._check_ready)
        services.cameras.changed.connect(services.clips.refresh_soon)
        services.imports.started.connect(self.progress.follow)
        services.imports.stored.connect(services.clips.refresh_soon)
        services.imports.finished.connect(self._import_finished)
        services.watcher.changed.connect(self._watched_folder_changed)
        services.db.error.connect(self.show_error)
        self._restore_state()

    # -- set-up ----------------------------------------------------------------------
    def _register_actions(self) -> None:
        reg = self.actions.register
        reg(
            ActionSpec("import", "&Import folder…", "&File", "Ctrl+I", "Import a folder of clips"),
            self.import_folder,
        )
        if self.services.kind == "demo":
            if self._open_resident is not None:
                reg(ActionSpec("resident", "Back to &my data", "&File"), self._open_resident)
        elif self._open_demo is not None:
            reg(ActionSpec("demo", "Open the &demo neighbourhood", "&File"), self.open_demo)
        reg(ActionSpec("quit", "&Quit", "&File", QKeySequence.StandardKey.Quit), self.close)
        reg(ActionSpec("add-camera", "&Add camera…", "&Cameras", "Ctrl+Shift+N"), self.add_camera)
        reg(ActionSpec("cameras", "&Manage cameras…", "&Cameras"), self.manage_cameras)
        reg(
            ActionSpec("refresh", "&Refresh", "&View", QKeySequence.StandardKey.Refresh),
            self.refresh,
        )
        reg(
            ActionSpec("play", "&Play or pause", "&View", "Space"),
            self.clips_view.detail.player.toggle,
        )
        reg(ActionSpec("about", "&About Doorstep", "&Help"), self.about)

    def _demo_banner(self) -> QWidget:
        banner = QWidget()
        banner.setObjectName("demo-banner")
        banner.setStyleSheet("#demo-banner { background: #fff4ce; }")
        row = QHBoxLayout(banner)
        text = QLabel(
            "You are looking at the demo neighbourhood: made-up cameras and clips, kept "
            "in a database of their own, apart from your data."
        )
        text.setWordWrap(True)
        row.addWidget(text, 1)
        if self._open_resident is not None:
            back = QPushButton("Back to my data")
            back.clicked.connect(self._open_resident)
            row.addWidget(back)
        return banner

    def start(self) -> None:
        """Load the first data and resume watched folders (queued, not waited for)."""
        self.services.cameras.refresh()
        self.services.clips.refresh()
        self.services.db.submit(camdb.watched_folders, self._resume_watching)

    def _resume_watching(self, folders: list[tuple[int, str]]) -> None:
        for camera_id, folder in folders:
            self.services.watcher.watch(camera_id, folder)
            self._watched_folder_changed(camera_id, folder)

    # -- pages -----------------------------------------------------------------------
    def _on_clips_loaded(self) -> None:
        self._clip_total = self.services.clips.rowCount()
        if self.services.clips.clip_filter.camera_id is None:
            self.services.db.submit(count_clips, self._set_total)
        self._update_page()
        self._check_ready()

    def _on_cameras_loaded(self) -> None:
        self._cameras_loaded = True
        self._update_page()
        self._check_ready()

    def _set_total(self, total: int) -> None:
        self._clip_total = total
        self._update_page()

    def _update_page(self) -> None:
        cameras = self.services.cameras.rowCount()
        self.empty.set_state(cameras)
        has_clips = self._clip_total > 0 or self.services.imports.busy
        self.stack.setCurrentWidget(self.clips_view if cameras and has_clips else self.empty)

    def _check_ready(self) -> None:
        if self._is_ready or not self._cameras_loaded:
            return
        model = self.services.clips
        if not model.ever_loaded:
            return
        if model.rowCount() == 0 or model.is_loaded(0):
            self._is_ready = True
            self.ready.emit()

    # -- commands --------------------------------------------------------------------
    def add_camera(self) -> None:
        dialog = CameraEditDialog(self.services.cameras, None, self)
        dialog.open()

    def manage_cameras(self) -> None:
        CamerasDialog(self.services.cameras, self).open()

    def import_folder(self) -> ImportDialog:
        dialog = ImportDialog(self.services.cameras, self)
        dialog.accepted.connect(lambda: self._start_import(dialog))
        dialog.open()
        return dialog

    def _start_import(self, dialog: ImportDialog) -> None:
        camera = dialog.selected_camera()
        if camera is None:
            return
        job = ImportJob(camera, dialog.selected_folder(), dialog.watch.isChecked())
        self.services.imports.start(job)
        self.statusBar().showMessage(f"Importing {job.folder} for {camera.name}…")
        self._update_page()

    def _watched_folder_changed(self, camera_id: int, folder: str) -> None:
        camera = self.services.cameras.by_id(camera_id)
        if camera is None:
            # Cameras may still be loading at start-up: look it up on the database thread.
            self.services.db.submit(
                lambda db: camdb.get_camera(db, camera_id),
                lambda cam: self.services.imports.start(ImportJob(cam, Path(folder), True, True)),
                lambda _exc: None,
            )
            return
        self.services.imports.start(ImportJob(camera, Path(folder), True, True))

    def _import_finished(self, job: ImportJob, summary: ImportSummary, folders: list[str]) -> None:
        # Moved clips change paths of rows already shown: fetch them anew.
        self.services.clips.refresh(keep_cache=not summary.moved)
        if job.watch and job.camera.id is not None:
            self.services.watcher.watch(job.camera.id, str(job.folder.resolve()), folders)
        if job.quiet and not summary.added and not summary.skipped:
            return
        self.statusBar().showMessage(f"{job.camera.name}: {summary.text()}.", 15000)
        if summary.skipped and not job.quiet:
            self.last_report = self._report(job, summary)

    def _report(self, job: ImportJob, summary: ImportSummary) -> QMessageBox:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Import finished")
        box.setText(f"{job.folder}\n\n{summary.text().capitalize()}.")
        box.setInformativeText(
            "Skipped files were not added; nothing about them is stored. "
            "See the details for the reason of each."
        )
        box.setDetailedText("\n".join(f"{s.path}: {s.reason}" for s in summary.skipped))
        box.open()
        return box

    def refresh(self) -> None:
        self.services.cameras.refresh()
        self.services.clips.refresh()

    def open_demo(self) -> None:
        if self._open_demo is not None:
            self._open_demo()

    def follow_task(self, task: Task) -> None:
        self.progress.follow(task)

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 20000)
        QMessageBox.warning(self, "Doorstep", message)

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About Doorstep",
            "Doorstep keeps your camera clips on this computer and lets you answer agency "
            "requests for footage clip by clip. A refusal sends nothing anywhere.",
        )

    # -- window state ----------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = self.settings.value("clips/splitter")
        if splitter is not None:
            self.clips_view.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("clips/splitter", self.clips_view.splitter.saveState())
        self.settings.sync()
        self.clips_view.detail.player.stop()
        super().closeEvent(event)
