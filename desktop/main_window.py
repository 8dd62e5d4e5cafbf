"""The main window: the composition of its parts (menus from the action registry, the
pages, the map, the status bar parts, request-file import, the start-up turns) and the
wiring between them. It receives its services; it builds none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.clips import cameras as camdb
from db.store.changes import Changes
from desktop import theme
from desktop.actions import ActionRegistry
from desktop.import_report import import_report
from desktop.importing import ImportJob
from desktop.map.panel import MapPanel
from desktop.notifier import Notifier, RequestAnnouncer, app_icon
from desktop.refresher import Refresher
from desktop.request_import import RequestFileImport, accept_drag, dropped_files
from desktop.services import Services
from desktop.statusbar.audit import AuditIndicator
from desktop.statusbar.database import DatabaseLabel
from desktop.statusbar.progress import TaskProgress
from desktop.statusbar.timezone import ZoneLabel
from desktop.tasks import Task
from desktop.widgets.clips_view import ClipsView
from desktop.widgets.empty_state import EmptyState
from desktop.widgets.requests_view import RequestsView
from desktop.window_actions import register_actions
from desktop.window_holds import WindowHolds
from desktop.window_pages import Pages
from desktop.window_startup import BackgroundStart

if TYPE_CHECKING:
    # The dialogs are imported when first opened, not at start-up.
    from PySide6.QtWidgets import QFileDialog

    from db.clips.importer import ImportSummary
    from desktop.retention_reminder import RetentionReminder
    from desktop.widgets.audit_view import AuditView
    from desktop.widgets.import_dialog import ImportDialog


class MainWindow(QMainWindow):
    ready = Signal()  # cameras and the first page of clips are on screen

    def __init__(
        self,
        services: Services,
        settings: QSettings,
        open_demo: Callable[[], None] | None = None,
        open_resident: Callable[[], object] | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.settings = settings
        self._open_demo = open_demo
        self._open_resident = open_resident
        self.last_report: QMessageBox | None = None
        demo = services.kind == "demo"
        self.setWindowTitle(self.tr("Doorstep — Demo neighbourhood") if demo else "Doorstep")
        self.resize(1280, 800)

        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)  # request files dropped on the window are imported
        self._open_demo_offered = not demo and open_demo is not None
        self.clips_view = ClipsView(services.clips, services.cameras)
        self.requests_view = RequestsView(services.requests, services.db, services.sharing)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.requests_view, self.tr("Requests"))
        self.tabs.addTab(self.clips_view, self.tr("Clips"))
        # The audit trail's view is made when its tab is first opened.
        self._audit_view: AuditView | None = None
        self.audit_page = QWidget()
        QVBoxLayout(self.audit_page).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.audit_page, self.tr("Audit trail"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.pages = Pages(
            services,
            self.tabs,
            (self.requests_view, self.clips_view),
            lambda shown: self.map_dock.setVisible(shown),
            self.ready.emit,
            self,
        )
        self.pages.offer(
            self.add_camera, self.import_folder, self.open_demo, self._open_demo_offered
        )
        self.stack = self.pages.stack
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        if demo:
            layout.addWidget(self._demo_banner())
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.map_panel = MapPanel(
            services.cameras,
            self.requests_view.proxy,
            self.requests_view.selection,
            self._select_request,
        )
        self.map_dock = QDockWidget(self.tr("Map"), self)
        self.map_dock.setObjectName("map-dock")
        self.map_dock.setWidget(self.map_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.map_dock)
        self.resizeDocks([self.map_dock], [340], Qt.Orientation.Vertical)
        self.map_panel.camera_clicked.connect(self._camera_clicked_on_map)
        self.map_panel.add_camera_at.connect(self.add_camera_at)
        self.clips_view.selection_model.currentChanged.connect(self._clip_current_changed)

        self.commands = ActionRegistry(self)
        self.record_dialog: QWidget | None = None  # "Record a request I received…"
        register_actions(self, open_resident, self._open_demo_offered)
        self.commands.build_menus(self.menuBar())

        self.progress = TaskProgress()
        self.statusBar().addPermanentWidget(self.progress)
        self.zone_label = ZoneLabel()  # the one rule for every time shown
        self.statusBar().addPermanentWidget(self.zone_label)
        self.audit_indicator = AuditIndicator(services.path)
        services.db.audit_changed.connect(self.audit_indicator.follow)
        self.statusBar().addPermanentWidget(self.audit_indicator)
        self.statusBar().addPermanentWidget(DatabaseLabel(services.path, services.kind))
        self.notifier = Notifier(self.statusBar(), self)
        self.background = BackgroundStart(services, self.map_panel, self.notifier, self)
        self.announcer = RequestAnnouncer(self.notifier, self)
        self.request_files = RequestFileImport(self, services, self._select_request)
        # What an operation changed (or another process) reloads the parts showing it.
        self.refresher = Refresher(services.db, services, self)
        self.holds = WindowHolds(self)  # syncs, the store's usage and limit, hold actions
        # With large text the status bar's parts would add up past the window's width
        # (its default, 1280 pixels, less room for a message): their words wrap onto a
        # second line instead. Wrapped labels are narrower than they need to be when
        # there is room, so only then.
        if self.statusBar().sizeHint().width() > 1000:
            for label in self.statusBar().findChildren(QLabel):
                label.setWordWrap(True)

        services.cameras.loaded.connect(self.pages.cameras_loaded)
        services.clips.loaded.connect(self.pages.clips_loaded)
        services.clips.page_loaded.connect(self.pages.check_ready)
        services.imports.started.connect(self.progress.follow)
        services.imports.finished.connect(self._import_finished)
        services.watcher.changed.connect(self._watched_folder_changed)
        services.db.error.connect(self.show_error)
        services.requests.loaded.connect(self.pages.requests_loaded)
        services.requests.new_requests.connect(self.announcer.add)
        services.cameras.changed.connect(self._cameras_changed)
        services.cameras.clips_retimed.connect(self._clips_retimed)
        services.feeds.polled.connect(self._feed_polled)
        services.feeds.progress.connect(
            lambda url, done, total: self.statusBar().showMessage(
                self.tr("Storing requests from {url}: {done} of {total}").format(
                    url=url, done=f"{done:,}", total=f"{total:,}"
                ),
                5000,
            )
        )
        services.feeds.failed.connect(self._feed_failed)
        services.sharing.started.connect(self.progress.follow)
        self._restore_state()

    # -- set-up ----------------------------------------------------------------------
    def _demo_banner(self) -> QWidget:
        banner = QWidget()
        banner.setObjectName("demo-banner")
        theme.style(banner, "#demo-banner { background: bg(#fff4ce); }")
        row = QHBoxLayout(banner)
        text = QLabel(
            self.tr(
                "You are looking at the demo neighbourhood: made-up cameras and clips, kept "
                "in a database of their own, apart from your data."
            )
        )
        text.setWordWrap(True)
        row.addWidget(text, 1)
        if self._open_resident is not None:
            back = QPushButton(self.tr("Back to my data"))
            back.clicked.connect(self._open_resident)
            row.addWidget(back)
        return banner

    def start(self, poll_feeds: bool = True, hold_clips: bool = True) -> None:
        """Load the first data, resume watched folders, start polling feeds and hold the
        requests' clips (queued, not waited for). Without ``hold_clips`` (a snapshot
        only looks) the store's usage is shown and nothing is copied."""
        self.services.cameras.refresh()
        self.services.clips.refresh()
        self.services.requests.refresh()
        self.services.db.submit(camdb.watched_folders, self._resume_watching)
        # What the first screen does not need comes once it shows (the base map's
        # tiles, the retention reminder): made before, they delayed it.
        self.background.after(self.ready, self.pages.is_ready)
        if hold_clips:
            self.background.later.connect(self.holds.start)
        else:
            self.background.later.connect(self.holds.holds.refresh_usage)
        if poll_feeds:
            self.services.feeds.start()
            # Check the audit trail in the background once the window is up.
            QTimer.singleShot(1500, self.audit_indicator.check)

    def _resume_watching(self, folders: list[tuple[int, str]]) -> None:
        for camera_id, folder in folders:
            self.services.watcher.watch(camera_id, folder)
            self._watched_folder_changed(camera_id, folder)

    # -- pages -----------------------------------------------------------------------
    @property
    def audit_view(self) -> AuditView:
        """The Audit tab's view, made (and its entries read) on first use."""
        if self._audit_view is None:
            from desktop.widgets.audit_view import AuditView

            view = AuditView(self.services.db)
            layout = self.audit_page.layout()
            assert layout is not None
            layout.addWidget(view)
            self._audit_view = view
            self.services.db.audit_changed.connect(view.follow)
            view.start()
        return self._audit_view

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.audit_page:
            self.audit_view  # noqa: B018 - made on first view

    @property
    def empty(self) -> EmptyState:
        """The first-launch page (what Doorstep is for, the next step)."""
        return self.pages.empty

    def _cameras_changed(self) -> None:
        """Camera positions decide which requests concern the resident: check again."""
        from datetime import UTC, datetime

        from db.requests.intake import reevaluate

        self.services.db.submit_op(
            lambda db: reevaluate(db, now=datetime.now(UTC)), Changes(requests=True)
        )

    def _clips_retimed(self, camera: str, count: int) -> None:
        if count == 1:
            text = self.tr(
                "{camera}: start times of 1 clip recalculated for the camera's new time zone "
                "or clock offset."
            )
        else:
            text = self.tr(
                "{camera}: start times of {count} clips recalculated for the camera's new "
                "time zone or clock offset.",
                "",
                count,
            )
        self.statusBar().showMessage(text.format(camera=camera, count=f"{count:,}"), 20000)

    # -- commands --------------------------------------------------------------------
    def add_camera(self) -> None:
        from desktop.widgets.camera_dialogs import CameraEditDialog

        dialog = CameraEditDialog(self.services.cameras, None, self)
        dialog.open()

    def manage_cameras(self) -> None:
        from desktop.widgets.camera_dialogs import CamerasDialog
        from desktop.window_masks import open_masks

        CamerasDialog(self.services.cameras, self, lambda cam: open_masks(self, cam.name)).open()

    def import_folder(self) -> ImportDialog:
        from desktop.widgets.import_dialog import ImportDialog

        dialog = ImportDialog(self.services.cameras, self)
        dialog.accepted.connect(lambda: self._start_import(dialog))
        dialog.open()
        return dialog

    def _start_import(self, dialog: ImportDialog) -> None:
        camera = dialog.selected_camera()
        if camera is None:
            return
        folder, watch = dialog.selected_folder(), dialog.watch.isChecked()
        profile = dialog.selected_profile()

        def start(cam: camdb.Camera) -> None:
            self.services.imports.start(ImportJob(cam, folder, watch))  # the status bar shows it
            self.pages.update()

        if profile == camera.naming_profile:
            start(camera)
            return
        # The naming chosen is the camera's from now on: stored (and audited) with the
        # camera's change, in one transaction, before the import reads any file.
        self.services.cameras.update(
            replace(camera, naming_profile=profile),
            start,
            lambda exc: self.statusBar().showMessage(
                self.tr("Not imported: {error}").format(error=exc), 15000
            ),
        )

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
        if job.watch and job.camera.id is not None:
            self.services.watcher.watch(job.camera.id, str(job.folder.resolve()), folders)
        if job.quiet and not summary.added and not summary.skipped and summary.error is None:
            return
        self.statusBar().showMessage(f"{job.camera.name}: {summary.text()}.", 15000)
        if summary.error is not None or (summary.skipped and not job.quiet):
            self.last_report = import_report(self, job, summary)

    def import_request(self) -> QFileDialog:
        return self.request_files.choose()

    def import_request_files(self, files: list[Path]) -> None:
        """Read, validate and store request files on the database thread; report each."""
        self.request_files.import_files(files)

    @property
    def last_message(self) -> QMessageBox | None:
        """The last report of request files refused."""
        return self.request_files.last_message

    @property
    def retention_reminder(self) -> RetentionReminder | None:
        """Made once the first screen shows (`start`)."""
        return self.background.retention_reminder

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accept_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if files := dropped_files(event):
            self.import_request_files(files)

    def _camera_clicked_on_map(self, camera_id: int) -> None:
        """Clicking a camera on the map shows that camera's clips."""
        self.clips_view.filter_camera(camera_id)
        self.tabs.setCurrentWidget(self.clips_view)

    def _clip_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        from desktop.models.clips import ClipRowRole

        row = current.data(ClipRowRole)
        if row is None:
            return
        camera = next((c for c in self.services.cameras.cameras() if c.name == row.camera), None)
        if camera is not None and camera.id is not None:
            self.map_panel.highlight_camera(camera.id)

    def add_camera_at(self, lon: float, lat: float) -> None:
        from desktop.widgets.camera_dialogs import CameraEditDialog

        dialog = CameraEditDialog(self.services.cameras, None, self)
        dialog.lat.setValue(lat)
        dialog.lon.setValue(lon)
        dialog.open()
        self.camera_dialog = dialog

    def _select_request(self, row_id: int) -> None:
        self.pages.update()
        self.tabs.setCurrentWidget(self.requests_view)
        self.requests_view.select_row_id(row_id)

    def _feed_polled(self, url: str, applied: object) -> None:
        from db.requests.intake import FeedApplied

        assert isinstance(applied, FeedApplied)
        if applied.refused:
            n = len(applied.refused)
            text = (
                self.tr("{url}: 1 request in the feed was refused ({reason})")
                if n == 1
                else self.tr("{url}: %n requests in the feed were refused (first: {reason})", "", n)
            )
            self.statusBar().showMessage(text.format(url=url, reason=applied.refused[0][2]), 30000)

    def _feed_failed(self, url: str, message: str) -> None:
        self.statusBar().showMessage(
            self.tr("Feed not read: {message}").format(message=message), 30000
        )

    def retention(self) -> None:
        from desktop.widgets.retention_dialog import RetentionDialog

        self.retention_dialog = RetentionDialog(self.services.db, self)
        self.refresher.follow(self.retention_dialog)
        self.retention_dialog.open()

    def agencies(self) -> None:
        from db.audit.history import HistoryEntry
        from desktop.widgets.agency_history import AgencyHistoryDialog

        def show(entries: list[HistoryEntry]) -> None:
            self.map_dock.show()
            self.map_panel.show_history(entries)

        self.agency_dialog = AgencyHistoryDialog(self.services.db, show, self)
        self.refresher.follow(self.agency_dialog)
        self.agency_dialog.finished.connect(lambda _r: self._end_history())
        self.agency_dialog.open()

    def _end_history(self) -> None:
        self.map_panel.clear_history()
        self.map_panel.view.notice = ""
        self.map_panel.view.viewport().update()

    def manage_credentials(self) -> None:
        from desktop.widgets.credentials_dialog import CredentialsDialog

        dialog = CredentialsDialog(self.services.db, self)
        self.refresher.follow(dialog)
        self.credentials_dialog = dialog
        dialog.open()

    def choose_base_map(self) -> None:
        from desktop import preferences
        from desktop.widgets.base_map_dialog import BaseMapDialog

        dialog = BaseMapDialog(preferences.load().base_map, self)
        dialog.accepted.connect(lambda: self.set_base_map(dialog.result_setting))
        dialog.open()
        self.base_map_dialog = dialog

    def set_base_map(self, setting: str) -> None:
        """Save the base map choice and redraw the map from it."""
        from desktop import preferences
        from desktop.services import make_tile_loader

        # The other preferences as they are (replacing the whole would reset them).
        preferences.save(replace(preferences.load(), base_map=setting))
        old = self.services.tiles
        self.services.tiles = make_tile_loader(setting)
        self.map_panel.set_tile_loader(self.services.tiles)
        if old is not None:
            old.close()
            old.deleteLater()

    def manage_feeds(self) -> None:
        from desktop.widgets.feeds_dialog import FeedsDialog

        dialog = FeedsDialog(self.services.db, self.services.feeds, self)
        self.refresher.follow(dialog)
        dialog.open()

    def edit_rules(self) -> None:
        from datetime import UTC, datetime

        from db.requests.intake import load_rule_settings, save_rule_settings
        from db.requests.request_types import RuleSettings
        from desktop.widgets.rules_dialog import RulesDialog

        def opened(settings: RuleSettings) -> None:
            dialog = RulesDialog(settings, self)

            def save() -> None:
                new = dialog.settings()

                def saved(n: int) -> None:
                    self.statusBar().showMessage(
                        self.tr("Rules saved; 1 request checked again.")
                        if n == 1
                        else self.tr("Rules saved; %n requests checked again.", "", n),
                        10000,
                    )

                self.services.db.submit_op(
                    lambda db: save_rule_settings(db, new, now=datetime.now(UTC)),
                    Changes(requests=True),
                    saved,
                )

            dialog.accepted.connect(save)
            dialog.open()
            self.rules_dialog = dialog

        self.services.db.submit(load_rule_settings, opened)

    def refresh(self) -> None:
        self.services.cameras.refresh()
        self.services.clips.refresh()
        self.services.requests.refresh()

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
            self.tr("About Doorstep"),
            self.tr(
                "Doorstep keeps your camera clips on this computer and lets you answer agency "
                "requests for footage clip by clip. A refusal sends nothing anywhere."
            ),
        )

    # -- window state ----------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = self.settings.value("clips/splitter")
        if splitter is not None:
            self.clips_view.splitter.restoreState(splitter)
        self.requests_view.restore_state(self.settings)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("clips/splitter", self.clips_view.splitter.saveState())
        self.requests_view.save_state(self.settings)
        self.settings.setValue("window/state", self.saveState())
        self.notifier.close()
        self.settings.sync()
        self.clips_view.detail.player.stop()
        self.audit_indicator.shutdown()
        super().closeEvent(event)
