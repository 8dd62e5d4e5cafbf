"""Status bar part: the one rule for times in the window, stated where it is always
seen. Every time the window shows is on this computer's clock; this label names its
zone (a camera's own local time appears only as a labelled detail of a clip)."""

from __future__ import annotations

from PySide6.QtCore import QTimer, QTimeZone
from PySide6.QtWidgets import QLabel, QWidget

from db.words.timewords import zone_words


class ZoneLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip(
            self.tr(
                "Every time in this window is on this computer's clock. A clip's tooltip "
                "and details also give the camera's local time when it differs."
            )
        )
        self.update_text()
        # The abbreviation and offset change with daylight saving time.
        self._timer = QTimer(self)
        self._timer.setInterval(3600 * 1000)
        self._timer.timeout.connect(self.update_text)
        self._timer.start()

    def update_text(self) -> None:
        name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
        self.setText(self.tr("Times in {zone}").format(zone=zone_words(name=name)))
