"""One piece of background work at a time, shown: what is happening in words, a
progress bar with the time left once it can be estimated, and a Stop button. The work
runs as a desktop.tasks.FunctionTask; its result comes back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QElapsedTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop import theme
from desktop.tasks import FunctionTask

ERROR_STYLE = "color: fg(#b00020);"


def seconds_words(seconds: float) -> str:
    if seconds < 1:
        return QCoreApplication.translate("JobStrip", "under a second")
    if seconds < 90:
        return QCoreApplication.translate("JobStrip", "{n} s").format(n=f"{seconds:.0f}")
    return QCoreApplication.translate("JobStrip", "{n} min").format(n=f"{seconds / 60:.0f}")


class JobStrip(QWidget):
    busy_changed = Signal(bool)
    work_done = Signal(str)  # the kind of job that ended (finished, stopped or failed)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task: FunctionTask | None = None
        self.kind = ""
        self._clock = QElapsedTimer()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName(self.tr("What is happening"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress of the work in the background"))
        self.stop = QPushButton(self.tr("&Stop"))
        self.stop.setAccessibleName(self.tr("Stop the work in the background"))
        self.stop.setToolTip(self.tr("Stop it: nothing of it is kept"))
        self.stop.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress, 1)
        row.addWidget(self.stop)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.text)
        box.addLayout(row)
        self._show_busy(False)

    @property
    def busy(self) -> bool:
        return self.task is not None

    def say(self, text: str, error: bool = False) -> None:
        theme.style(self.text, ERROR_STYLE if error else "")
        self.text.setText(text)

    def run(
        self,
        kind: str,
        title: str,
        work: Callable[[Any, Any], Any],
        then: Callable[[Any], None],
    ) -> None:
        """Run ``work(progress, cancel)`` on a worker; ``then(result)`` on the GUI thread
        when it returns; a failure is said in words."""
        task = FunctionTask(title, work)
        self.task, self.kind = task, kind

        def finish(result: object, ok: bool) -> None:
            task.wait()
            if self.task is task:
                self.task, self.kind = None, ""
            self._show_busy(False)
            if ok:
                then(result)
            else:
                self.say(
                    self.tr("Could not finish {work}: {reason}").format(work=title, reason=result),
                    error=True,
                )
            self.work_done.emit(kind)

        task.progress.connect(lambda d, t, _s: self._progress(title, d, t))
        task.finished.connect(lambda result: finish(result, True))
        task.failed.connect(lambda message: finish(message, False))
        self._show_busy(True)
        self.say(self.tr("{work}…").format(work=f"{title[0].upper()}{title[1:]}"))
        self._clock.start()
        task.start()

    def _progress(self, title: str, done: int, total: int) -> None:
        if total <= 0:
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        elapsed = self._clock.elapsed() / 1000
        work, percent = f"{title[0].upper()}{title[1:]}", 100 * done // total
        if 0 < done < total and elapsed > 1:
            left = seconds_words(elapsed * (total - done) / done)
            text = self.tr("{work}: {percent} %, about {left} left").format(
                work=work, percent=percent, left=left
            )
        else:
            text = self.tr("{work}: {percent} %").format(work=work, percent=percent)
        self.say(text)

    def _show_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.stop.setVisible(busy)
        self.progress.setRange(0, 0)  # moving until the first report
        self.busy_changed.emit(busy)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def close_down(self) -> None:
        """Stop the work and wait for its thread (its result is dropped)."""
        task = self.task
        if task is not None:
            for signal in (task.finished, task.failed):
                signal.disconnect()
            task.cancel()
            task.wait()
            self.task = None
