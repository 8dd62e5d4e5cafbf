"""Which page the window shows: the first-launch page (what Doorstep is for, the next
step) until there are cameras with clips or any request, then the tabs, requests first
once there are any. Also when the first screen is ready: cameras and the first page of
clips on screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget

from db.clips.library import ClipFilter, count_clips
from desktop.widgets.empty_state import EmptyState

if TYPE_CHECKING:
    from desktop.services import Services


class Pages(QObject):
    def __init__(
        self,
        services: Services,
        tabs: QTabWidget,
        first_tabs: tuple[QWidget, QWidget],
        show_map: Callable[[bool], None],
        on_ready: Callable[[], None],
        parent: QObject,
    ) -> None:
        """`first_tabs` are the requests' and the clips' tabs; the map is shown with
        the tabs only; `on_ready` is called once, when the first screen is on show."""
        super().__init__(parent)
        self._services = services
        self._tabs = tabs
        self._requests_tab, self._clips_tab = first_tabs
        self._show_map = show_map
        self._on_ready = on_ready
        self._clip_total = 0
        self._shown_cameras = -1
        self._map_shown = True
        self._requests_shown_once = False
        self.is_ready = False
        self._cameras_loaded = False
        self._empty: EmptyState | None = None  # the first-launch page, made when needed
        self._make_empty: Callable[[], EmptyState] | None = None
        self.record_request: Callable[[], object] | None = None  # set by window_record
        # Until the first data arrive: the clips, as most starts end up showing.
        tabs.setCurrentWidget(self._clips_tab)
        self._page_chosen = False  # set once the data decided what to show
        self.stack = QStackedWidget()
        self.stack.addWidget(tabs)

    def offer(
        self,
        add_camera: Callable[[], object],
        import_folder: Callable[[], object],
        open_demo: Callable[[], object],
        demo_offered: bool,
    ) -> None:
        """What the first-launch page's buttons do."""

        def make() -> EmptyState:
            page = EmptyState()
            page.add_camera.connect(add_camera)
            page.import_folder.connect(import_folder)
            page.open_demo.connect(open_demo)
            page.demo_button.setVisible(demo_offered)
            if self.record_request is not None:
                page.record_request.connect(self.record_request)
            page.record_button.setVisible(self.record_request is not None)
            return page

        self._make_empty = make

    @property
    def empty(self) -> EmptyState:
        """The first-launch page, made the first time it is needed: a returning
        resident's window never builds it."""
        if self._empty is None:
            assert self._make_empty is not None
            page = self._make_empty()
            page.set_state(self._services.cameras.rowCount())
            self.stack.addWidget(page)
            self._empty = page
        return self._empty

    def clips_loaded(self) -> None:
        self._clip_total = self._services.clips.rowCount()
        clip_filter = self._services.clips.clip_filter
        # With no filter at all the id list is every clip: no need to count them.
        if clip_filter.camera_id is None and clip_filter != ClipFilter():
            self._services.db.submit(count_clips, self._set_total)
        self.update()
        self.check_ready()

    def cameras_loaded(self) -> None:
        self._cameras_loaded = True
        self.update()
        self.check_ready()

    def _set_total(self, total: int) -> None:
        self._clip_total = total
        self.update()

    def update(self) -> None:
        if not (self._cameras_loaded and self._services.clips.ever_loaded):
            return  # the first page is chosen once both are known
        cameras = self._services.cameras.rowCount()
        if cameras != self._shown_cameras:
            self._shown_cameras = cameras
            if self._empty is not None:
                self._empty.set_state(cameras)
        has_clips = self._clip_total > 0 or self._services.imports.busy
        requests = self._services.requests.rowCount()
        show_tabs = bool(cameras and has_clips) or requests > 0
        was_empty = not self._page_chosen or self.stack.currentWidget() is self._empty
        self._page_chosen = True
        self.stack.setCurrentWidget(self._tabs if show_tabs else self.empty)
        if show_tabs != self._map_shown:
            self._map_shown = show_tabs
            self._show_map(show_tabs)
        if show_tabs and was_empty:
            self._tabs.setCurrentWidget(self._requests_tab if requests else self._clips_tab)

    def requests_loaded(self) -> None:
        self.update()
        if not self._requests_shown_once:
            # Requests come first once there are any: they are what needs an answer.
            self._requests_shown_once = True
            if self._services.requests.rowCount() and self.stack.currentWidget() is self._tabs:
                self._tabs.setCurrentWidget(self._requests_tab)

    def check_ready(self) -> None:
        if self.is_ready or not self._cameras_loaded:
            return
        model = self._services.clips
        if not model.ever_loaded:
            return
        if model.rowCount() == 0 or model.is_loaded(0):
            self.is_ready = True
            self._on_ready()
