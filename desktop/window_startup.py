"""What the window's first screen does not need, made once it shows: the base map's
tiles, the cleaning of leftover exports and the thumbnails still to make, then the
retention reminder (checked again every six hours), each in a turn of the event loop
of its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

if TYPE_CHECKING:
    from desktop.map.panel import MapPanel
    from desktop.notifier import Notifier
    from desktop.retention_reminder import RetentionReminder
    from desktop.services import Services


class BackgroundStart(QObject):
    later = Signal()  # the first screen shows: what waited for it may start (the holds)

    def __init__(
        self, services: Services, map_panel: MapPanel, notifier: Notifier, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._map_panel = map_panel
        self._notifier = notifier
        self._ready: SignalInstance | None = None
        self.retention_reminder: RetentionReminder | None = None  # made in the last turn
        self._retention_timer = QTimer(self)
        self._retention_timer.setInterval(6 * 3600 * 1000)

    def after(self, ready: SignalInstance, is_ready: bool) -> None:
        """Start once `ready` is emitted (at once when `is_ready`): made before the first
        screen, these delayed it."""
        if is_ready:
            QTimer.singleShot(0, self._start)
        else:
            self._ready = ready
            ready.connect(self._start_once)

    def _start_once(self) -> None:
        assert self._ready is not None
        self._ready.disconnect(self._start_once)
        QTimer.singleShot(0, self._start)

    def _start(self) -> None:
        """The base map's tiles, then the retention reminder in a turn of its own:
        together they held the GUI thread as long as a feed being stored then kept it
        waiting."""
        from desktop.services import make_tile_loader

        if self._services.tiles is None:
            self._services.tiles = make_tile_loader()
            self._map_panel.set_tile_loader(self._services.tiles)
        self._services.sharing.clean_leftovers()
        self._services.imports.make_thumbnails()  # those a closed window left unmade
        self.later.emit()
        QTimer.singleShot(0, self._start_retention_reminder)

    def _start_retention_reminder(self) -> None:
        from desktop.retention_reminder import RetentionReminder

        if self.retention_reminder is None:
            reminder = RetentionReminder(self._services.db, self.parent())
            reminder.due.connect(self._retention_due)
            self._retention_timer.timeout.connect(reminder.check)
            self._retention_timer.start()
            self.retention_reminder = reminder
            reminder.check()

    def _retention_due(self, items: list[object]) -> None:
        from db.sharing.retention import reminder_text

        text = reminder_text(items)  # type: ignore[arg-type]
        if text:
            self._notifier.notify(self.tr("A retention period has ended"), text)
