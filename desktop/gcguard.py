"""Python's cyclic garbage collector runs on whichever thread happens to allocate. A Qt
object collected on a worker thread is destroyed there, which Qt does not allow (seen
as aborts in testing). So automatic collection is off, and the GUI thread collects."""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

FULL_EVERY_S = 30.0  # at most one full collection in this time


class GuiThreadCollector(QObject):
    def __init__(self, interval_ms: int = 200, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._last_full = time.monotonic()
        self._threshold = gc.get_threshold()
        gc.disable()
        # What exists by now (modules, classes, functions: some 40,000 objects) lives
        # until the process ends. Frozen, it is left out of every collection: the GUI
        # thread's, and the full one at exit, which was most of the time to quit.
        # Its memory is still released at exit, when the modules are cleared.
        gc.freeze()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> None:
        """Collect the generations whose counts passed their thresholds (GUI thread).
        A full collection walks every object (long with a big inbox and map), so it
        runs at most every FULL_EVERY_S, much as CPython's own collector holds off full
        collections until enough objects have survived the younger ones."""
        counts = gc.get_count()
        if counts[0] > self._threshold[0]:
            generation = 0
            if counts[1] > self._threshold[1]:
                generation = 1
                now = time.monotonic()
                if counts[2] > self._threshold[2] and now - self._last_full >= FULL_EVERY_S:
                    generation = 2
                    self._last_full = now
            gc.collect(generation)

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
