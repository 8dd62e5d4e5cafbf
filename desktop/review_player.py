"""The redaction review's two pictures, in step: the original excerpt and its redacted
preview, decoded on one worker thread (db.redaction.review_frames) so both always show
the same moment. The GUI asks for a time; only the newest request waits while a pair is
being decoded, so playing or dragging the slider drops pictures rather than queueing
them. Playing is a timer on the GUI thread that asks for the time a clock says; the
worker never touches a widget."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from db.clips.frames import Frame
from db.clips.media import MediaError
from db.redaction.review_frames import ForwardReader
from desktop.frame_loader import to_image


class _Worker(QObject):
    done = Signal(float, object, object, object)  # time, original, preview (Frame|None), error
    opened = Signal(float)  # one frame's length, seconds
    problem = Signal(str)  # a file could not be opened

    def __init__(self) -> None:
        super().__init__()
        self.original: ForwardReader | None = None
        self.preview: ForwardReader | None = None
        self.offset_s = 0.0
        self.preview_offset_s = 0.0

    @Slot(str, float)
    def open_original(self, path: str, offset_s: float) -> None:
        self.offset_s = offset_s
        try:
            if self.original is None or self.original.path != path:
                self._close_original()
                self.original = ForwardReader(path)
            self.opened.emit(self.original.frame_s)
        except (MediaError, OSError) as exc:
            self.problem.emit(str(exc))

    @Slot(str, float)
    def open_preview(self, path: str, offset_s: float) -> None:
        self.preview_offset_s = offset_s
        if self.preview is not None:
            self.preview.close()
            self.preview = None
        if path:
            try:
                self.preview = ForwardReader(path)
            except (MediaError, OSError) as exc:
                self.problem.emit(str(exc))

    @Slot(float)
    def show(self, t: float) -> None:
        try:
            original = self.original.frame_at(self.offset_s + t) if self.original else None
            preview = self.preview.frame_at(t - self.preview_offset_s) if self.preview else None
        except (MediaError, OSError) as exc:
            self.done.emit(t, None, None, str(exc))
        else:
            self.done.emit(t, original, preview, None)

    def _close_original(self) -> None:
        if self.original is not None:
            self.original.close()
            self.original = None

    @Slot()
    def close(self) -> None:
        self._close_original()
        self.open_preview("", 0.0)


class PairPlayer(QObject):
    """Shows the excerpt's time ``position_s`` (seconds from its start) in both files."""

    shown = Signal(float, QImage, object)  # time, original picture, preview (QImage|None)
    failed = Signal(str)
    playing_changed = Signal(bool)
    _open_original = Signal(str, float)
    _open_preview = Signal(str, float)
    _show = Signal(float)
    _close = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.duration_s = 0.0
        self.frame_s = 1 / 30
        self.position_s = 0.0
        self._thread = QThread()
        self._thread.setObjectName("doorstep-review-frames")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._open_original.connect(self._worker.open_original)
        self._open_preview.connect(self._worker.open_preview)
        self._show.connect(self._worker.show)
        self._close.connect(self._worker.close)
        self._worker.done.connect(self._done)
        self._worker.opened.connect(self._opened)
        self._worker.problem.connect(self.failed)
        self._busy = False
        self._pending: float | None = None
        self._clock = QElapsedTimer()
        self._clock_from = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(33)
        self._timer.timeout.connect(self._tick)
        self._thread.start()
        app = QCoreApplication.instance()
        if app is not None:  # quitting with the review open: end the thread too
            app.aboutToQuit.connect(self.stop)

    def open(self, original: str, offset_s: float, duration_s: float) -> None:
        """The original clip, and the excerpt's part of it (seconds from its start)."""
        self.duration_s = max(0.0, duration_s)
        self._open_original.emit(original, offset_s)
        self.seek(0.0)

    def set_preview(self, path: str | None, offset_s: float = 0.0) -> None:
        """The redacted preview, or none; its first frame is ``offset_s`` into the
        excerpt (negative: it starts before, at the key frame a stream copy needs)."""
        self._open_preview.emit(path or "", offset_s)
        self.seek(self.position_s)

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    def seek(self, t: float) -> None:
        self.position_s = min(max(0.0, t), self.duration_s)
        self._request(self.position_s)
        if self.playing:
            self._clock_from = self.position_s
            self._clock.restart()

    def step(self, frames: int) -> None:
        self.pause()
        self.seek(self.position_s + frames * self.frame_s)

    def play(self) -> None:
        if self.playing:
            return
        if self.position_s >= self.duration_s - self.frame_s / 2:
            self.position_s = 0.0  # at the end: from the start again
        self._clock_from = self.position_s
        self._clock.start()
        self._timer.start()
        self.playing_changed.emit(True)

    def pause(self) -> None:
        if self.playing:
            self._timer.stop()
            self.playing_changed.emit(False)

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def _tick(self) -> None:
        t = self._clock_from + self._clock.elapsed() / 1000
        if t >= self.duration_s:
            t = self.duration_s
            self.pause()
        self.position_s = t
        self._request(t)

    def _request(self, t: float) -> None:
        self._pending = t
        if not self._busy:
            self._send()

    def _send(self) -> None:
        assert self._pending is not None
        t, self._pending = self._pending, None
        self._busy = True
        self._show.emit(t)

    @Slot(float)
    def _opened(self, frame_s: float) -> None:
        self.frame_s = frame_s
        self._timer.setInterval(max(15, round(frame_s * 1000)))

    @Slot(float, object, object, object)
    def _done(
        self, t: float, original: Frame | None, preview: Frame | None, error: str | None
    ) -> None:
        self._busy = False
        if self._pending is not None:
            self._send()  # a newer time was asked for meanwhile: show that one
            return
        if error is not None or original is None:
            self.failed.emit(error or self.tr("no picture"))
            return
        self.shown.emit(t, to_image(original), to_image(preview) if preview else None)

    @property
    def busy(self) -> bool:
        return self._busy

    def stop(self) -> None:
        """Close the files on the worker and end its thread."""
        self._timer.stop()
        if self._thread.isRunning():
            self._pending = None
            self._close.emit()
            self._thread.quit()
            self._thread.wait()
