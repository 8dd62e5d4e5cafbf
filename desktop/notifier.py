"""Tells the resident about new requests: a system tray message where the desktop has
a tray, otherwise a message in the window's status bar."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QStatusBar, QSystemTrayIcon

from desktop.hidpi import app_icon


class Notifier(QObject):
    def __init__(self, status_bar: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._status = status_bar
        self.tray: QSystemTrayIcon | None = None
        self.last_message: str | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(app_icon(), self)
            self.tray.setToolTip("Doorstep")
            self.tray.show()

    def notify(self, title: str, message: str) -> None:
        self.last_message = f"{title}: {message}"
        self._status.showMessage(self.last_message, 30000)
        if self.tray is not None and self.tray.supportsMessages():
            self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, 10000)

    def close(self) -> None:
        if self.tray is not None:
            self.tray.hide()


class RequestAnnouncer(QObject):
    """Gathers the requests that arrive within two seconds (a feed stored in parts)
    into one notification."""

    def __init__(self, notifier: Notifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notifier = notifier
        self._unannounced = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(2000)
        self._timer.timeout.connect(self._announce)

    def add(self, count: int) -> None:
        self._unannounced += count
        self._timer.start()

    def _announce(self) -> None:
        count, self._unannounced = self._unannounced, 0
        if not count:
            return
        self._notifier.notify(
            self.tr("New request for footage")
            if count == 1
            else self.tr("%n new requests for footage", "", count),
            self.tr("Open Doorstep to see what is asked and how it fares against your rules."),
        )
