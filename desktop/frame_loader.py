"""Frames of a clip decoded on a worker thread for the clock dialog: the GUI asks for
a position, the worker decodes it (db.clips.frames) and hands back RGB bytes, which the
GUI thread turns into a QImage. The worker never touches a widget. While a frame is
being decoded only the newest request waits: dragging a slider does not queue every
position it passes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtGui import QImage

from db.clips.frames import Frame, FrameReader
from db.clips.media import MediaError


class _Worker(QObject):
    done = Signal(object, object)  # Frame | None, error text | None
    opened = Signal(float, float)  # duration, one frame's length, in seconds

    def __init__(self) -> None:
        super().__init__()
        self.reader: FrameReader | None = None
        self.path: str | None = None

    @Slot(str, float)
    def load(self, path: str, seconds: float) -> None:
        try:
            if path != self.path:
                self.close()
                self.reader = FrameReader(path)
                self.path = path
                self.opened.emit(self.reader.duration_s, self.reader.frame_s)
            assert self.reader is not None
            self.done.emit(self.reader.frame_at(seconds), None)
        except (MediaError, OSError) as exc:
            self.done.emit(None, str(exc))

    @Slot()
    def close(self) -> None:
        if self.reader is not None:
            self.reader.close()
        self.reader = None
        self.path = None


def to_image(frame: Frame) -> QImage:
    """The frame as a QImage that owns its pixels (GUI thread)."""
    image = QImage(
        frame.rgb, frame.width, frame.height, frame.width * 3, QImage.Format.Format_RGB888
    )
    return image.copy()


class FrameLoader(QObject):
    loaded = Signal(object, QImage)  # Frame, its picture
    failed = Signal(str)
    opened = Signal(float, float)  # the clip's duration and one frame's length, seconds
    _request = Signal(str, float)
    _close = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("doorstep-frames")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.load)
        self._close.connect(self._worker.close)
        self._worker.done.connect(self._done)
        self._worker.opened.connect(self.opened)
        self._busy = False
        self._pending: tuple[str, float] | None = None
        self._thread.start()
        app = QCoreApplication.instance()
        if app is not None:  # the window closed with the dialog open: end the thread too
            app.aboutToQuit.connect(self.stop)

    def show(self, path: str, seconds: float) -> None:
        """Decode the frame on show ``seconds`` into the clip at ``path`` (GUI thread)."""
        self._pending = (path, seconds)
        if not self._busy:
            self._send()

    @property
    def busy(self) -> bool:
        return self._busy

    def _send(self) -> None:
        assert self._pending is not None
        path, seconds = self._pending
        self._pending = None
        self._busy = True
        self._request.emit(path, seconds)

    @Slot(object, object)
    def _done(self, frame: Frame | None, error: str | None) -> None:
        self._busy = False
        if self._pending is not None:
            self._send()  # a newer position was asked for meanwhile: show that one
            return
        if frame is None:
            self.failed.emit(error or self.tr("no picture"))
        else:
            self.loaded.emit(frame, to_image(frame))

    def stop(self) -> None:
        """Close the clip on the worker and end the thread (waits for the frame being
        decoded, a few milliseconds)."""
        if self._thread.isRunning():
            self._pending = None
            self._close.emit()
            self._thread.quit()
            self._thread.wait()
