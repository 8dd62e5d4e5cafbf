"""Status bar part: progress of background work, with a cancel button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop.tasks import Task

ELIDE = Qt.TextElideMode.ElideMiddle


class TaskProgress(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(True)
        self.bar.setAccessibleName(self.tr("Progress of the background work"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the background work"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._task: Task | None = None
        self.cancel_button.clicked.connect(self._cancel)
        self.hide()

    def follow(self, task: Task) -> None:
        self._task = task
        # Upper-case the first letter only: the title may hold a camera's name.
        title = task.title[:1].upper() + task.title[1:]
        self.label.setText(self.label.fontMetrics().elidedText(title, ELIDE, 360) + ":")
        self.label.setToolTip(title)
        self.bar.setRange(0, 0)  # busy until the first figures arrive
        self.cancel_button.setEnabled(True)
        task.progress.connect(lambda d, t, text: self._on_progress(d, t, text, task))
        task.finished.connect(lambda *_: self._done(task))
        task.failed.connect(lambda *_: self._done(task))
        self.show()

    def _on_progress(self, done: int, total: int, text: str, task: Task | None = None) -> None:
        if task is not None and task is not self._task:
            return  # an earlier task, still running: the bar shows the newest
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.bar.setFormat(text or "%p%")

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))

    def _done(self, task: Task | None = None) -> None:
        if task is not None and task is not self._task:
            return  # an earlier task ended: the one shown goes on
        self._task = None
        self.hide()
