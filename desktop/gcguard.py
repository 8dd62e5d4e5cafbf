"""Python's cyclic garbage collector runs on whichever thread happens to allocate. A Qt
object collected on a worker thread is destroyed there, which Qt does not allow (seen
as aborts in testing). So automatic collection is off, and the GUI thread collects."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    def __init__(self, interval_ms: int = 200, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        # What exists by now (modules, classes, functions: some 40,000 objects) lives
        # until the process ends. Frozen, it is left out of every collection: the GUI
        # thread's, and the full one at exit, which took 60 ms of the time to quit.
        # Its memory is still released at exit, when the modules are cleared.
        gc.freeze()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> None:
        """Collect the generations whose counts passed their thresholds (GUI thread)."""
        counts = gc.get_count()
        if counts[0] > self._threshold[0]:
            generation = 0
            if counts[1] > self._threshold[1]:
                generation = 2 if counts[2] > self._threshold[2] else 1
            gc.collect(generation)

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
