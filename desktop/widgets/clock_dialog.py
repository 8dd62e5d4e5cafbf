"""Measuring a camera's clock offset on a frame of one of its clips (docs/clock.md):
the frame, what its on-screen clock shows, the true time and how it is known, and the
offset in words as it is typed. Frames are decoded on a worker (desktop/frame_loader);
the measurement is saved on the database thread."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRect, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from db.clips.cameras import Camera
from db.clips.clock import (
    ClipChoice,
    ClockError,
    LastMeasurement,
    camera_clips,
    last_measurement,
    measure_offset,
    method_of,
    read,
)
from db.clips.frames import Frame
from db.words.clockwords import clock_sentence, offset_words, span
from desktop import theme
from desktop.dbthread import DbService, while_alive
from desktop.frame_loader import FrameLoader
from desktop.models.cameras import CamerasModel

# The methods offered, the file's time last: choosing it says why it cannot serve.
# In English; shown translated.
_METHODS = (
    (
        "reference-clock",
        str(
            QT_TRANSLATE_NOOP("ClockDialog", "A clock in the frame (a phone showing network time)")
        ),
    ),
    (
        "known-event",
        str(QT_TRANSLATE_NOOP("ClockDialog", "The known time of an event in the frame")),
    ),
    ("file", str(QT_TRANSLATE_NOOP("ClockDialog", "The file's time"))),
)
translate = QCoreApplication.translate


class FrameView(QWidget):
    """The frame, scaled to fit and never stretched; a line of text until it comes."""

    def __init__(self) -> None:
        super().__init__()
        self.image: QImage | None = None
        self.text = self.tr("Choose a clip")
        self.setMinimumSize(480, 270)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(800, 450)

    def set_image(self, image: QImage | None, text: str = "") -> None:
        self.image, self.text = image, text
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        if self.image is None or self.image.isNull():
            painter.setPen(Qt.GlobalColor.white)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text)
            return
        size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect(0, 0, size.width(), size.height())
        target.moveCenter(self.rect().center())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self.image)


class ClockDialog(QDialog):
    """Measure a camera's clock offset. ``saved`` carries the stored measurement."""

    saved = Signal(object)  # db.clips.clock.Measurement

    def __init__(
        self,
        dbs: DbService,
        cameras: CamerasModel,
        camera: Camera,
        clip_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.dbs = dbs
        self.cameras = cameras
        self.camera = camera
        self._want_clip = clip_id
        self.clips: list[ClipChoice] = []
        self.frame: Frame | None = None
        self.frame_s = 0.1
        self.setWindowTitle(self.tr("Measure clock offset"))

        self.camera_box = QComboBox()
        self.camera_box.setAccessibleName(self.tr("Camera"))
        for cam in cameras.cameras():
            self.camera_box.addItem(cam.name, cam.id)
        self.camera_box.setCurrentIndex(max(0, self.camera_box.findData(camera.id)))
        self.camera_box.currentIndexChanged.connect(self._camera_chosen)
        self.clip_box = QComboBox()
        self.clip_box.setAccessibleName(self.tr("Clip"))
        self.clip_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.clip_box.setMinimumContentsLength(36)
        self.clip_box.currentIndexChanged.connect(self._clip_chosen)
        top = QHBoxLayout()
        camera_label, clip_label = QLabel(self.tr("Camera")), QLabel(self.tr("Clip"))
        camera_label.setBuddy(self.camera_box)
        clip_label.setBuddy(self.clip_box)
        top.addWidget(camera_label)
        top.addWidget(self.camera_box)
        top.addSpacing(12)
        top.addWidget(clip_label)
        top.addWidget(self.clip_box, 1)
        self.last = QLabel()  # the camera's offset now, and how it was known
        self.last.setWordWrap(True)

        self.view = FrameView()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName(self.tr("Position in the clip"))
        self.slider.setEnabled(False)
        self.slider.valueChanged.connect(lambda ms: self._go(ms / 1000))
        steps = QHBoxLayout()
        self.step_buttons: dict[str, QPushButton] = {}
        for key, text, tip in (
            ("-1s", self.tr("− 1 s"), self.tr("One second back")),
            ("-frame", self.tr("◀ Frame"), self.tr("The frame before")),
            ("+frame", self.tr("Frame ▶"), self.tr("The next frame")),
            ("+1s", self.tr("+ 1 s"), self.tr("One second on")),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, k=key: self._step(k))
            self.step_buttons[key] = button
            steps.addWidget(button)
        self.position = QLabel()
        self.position.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.position.setAccessibleName(self.tr("Position of the frame"))
        # The position and how the frame's time is known wrap, rather than making the
        # dialog wider than the screen with large text.
        self.position.setWordWrap(True)
        steps.addSpacing(8)
        steps.addWidget(self.position, 1)

        self.shows = QLineEdit()
        self.shows.setPlaceholderText(self.tr("as the overlay shows it, e.g. 2026-11-20 14:15:07"))
        self.true_time = QLineEdit()
        self.true_time.setPlaceholderText(
            self.tr("e.g. 14:12:54 (the day is the overlay's), or 2026-11-20 14:12:54")
        )
        self.method = QComboBox()
        # A method's long words are elided in the box (whole in its list) with large text.
        self.method.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.method.setMinimumContentsLength(24)
        self.method.currentTextChanged.connect(self.method.setToolTip)
        for key, text in _METHODS:
            self.method.addItem(self.tr(text), key)
        self.note = QLineEdit()
        self.note.setPlaceholderText(
            self.tr("optional, e.g. phone showing time.is held to the camera")
        )
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("The camera's clock shows"), self.shows)
        form.addRow(self.tr("True time of this frame"), self.true_time)
        form.addRow(self.tr("The true time is known from"), self.method)
        form.addRow(self.tr("Note"), self.note)

        self.verdict = QLabel()
        font = self.verdict.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.verdict.setFont(font)
        self.verdict.setWordWrap(True)
        self.effect = QLabel()
        self.effect.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        theme.style(self.error, "color: fg(#b00020);")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.last)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.slider)
        layout.addLayout(steps)
        layout.addLayout(form)
        layout.addWidget(self.verdict)
        layout.addWidget(self.effect)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.loader = FrameLoader(self)
        self.loader.opened.connect(self._opened)
        self.loader.loaded.connect(self._loaded)
        self.loader.failed.connect(self._failed)
        for field in (self.shows, self.true_time, self.note):
            field.textChanged.connect(self.update_result)
        self.method.currentIndexChanged.connect(self.update_result)
        self.finished.connect(lambda _r: self.loader.stop())
        self.update_result()
        self._load_clips()

    # -- clips and frames -----------------------------------------------------------
    def _camera_chosen(self) -> None:
        cam = self.cameras.by_id(self.camera_box.currentData())
        if cam is not None and cam.id != self.camera.id:
            self.camera = cam
            self._want_clip = None
            self._load_clips()

    def _load_clips(self) -> None:
        camera_id = self.camera.id
        assert camera_id is not None
        self.clip_box.clear()
        self.view.set_image(None, self.tr("Reading the camera's clips…"))
        self.dbs.submit(
            lambda db: (camera_clips(db, camera_id), last_measurement(db, camera_id)),
            while_alive(self, lambda got: self._clips_loaded(camera_id, *got)),
            while_alive(self, lambda exc: self._failed(str(exc))),
            abandon_on_close=True,
        )

    def _clips_loaded(
        self, camera_id: int, clips: list[ClipChoice], last: LastMeasurement | None
    ) -> None:
        if camera_id != self.camera.id:
            return  # another camera was chosen meanwhile
        self.clips = clips
        self.last.setText(_last_words(self.camera, last))
        zone = ZoneInfo(self.camera.tz)
        self.clip_box.blockSignals(True)
        self.clip_box.clear()
        for clip in clips:
            start = (clip.start_utc + timedelta(seconds=self.camera.clock_offset_s)).astimezone(
                zone
            )
            self.clip_box.addItem(
                self.tr("{start} · {seconds} s · {name}").format(
                    start=f"{start:%Y-%m-%d %H:%M:%S}",
                    seconds=f"{clip.duration_s:.0f}",
                    name=clip.name,
                ),
                clip.id,
            )
        self.clip_box.blockSignals(False)
        if not clips:
            self.view.set_image(
                None,
                self.tr("{camera} has no clips yet: import some first").format(
                    camera=self.camera.name
                ),
            )
            self.update_result()
            return
        index = self.clip_box.findData(self._want_clip) if self._want_clip is not None else 0
        self.clip_box.setCurrentIndex(max(0, index))
        self._clip_chosen()

    @property
    def clip(self) -> ClipChoice | None:
        index = self.clip_box.currentIndex()
        return self.clips[index] if 0 <= index < len(self.clips) else None

    def _clip_chosen(self) -> None:
        clip = self.clip
        if clip is None:
            return
        self.frame = None
        self.view.set_image(None, self.tr("Decoding the frame…"))
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, int(clip.duration_s * 1000)))
        self.slider.setValue(0)
        self.slider.blockSignals(False)
        self._go(0.0)

    def _opened(self, duration_s: float, frame_s: float) -> None:
        self.frame_s = frame_s
        if duration_s > 0:
            self.slider.setMaximum(int(duration_s * 1000))

    def _go(self, seconds: float) -> None:
        clip = self.clip
        if clip is not None:
            self.loader.show(clip.path, seconds)

    def _step(self, key: str) -> None:
        at = self.frame.at_s if self.frame is not None else self.slider.value() / 1000
        shift = {"-1s": -1.0, "+1s": 1.0, "-frame": -self.frame_s, "+frame": self.frame_s}[key]
        target = min(max(0.0, at + shift), self.slider.maximum() / 1000)
        self.slider.blockSignals(True)
        self.slider.setValue(round(target * 1000))
        self.slider.blockSignals(False)
        self._go(target)

    def _loaded(self, frame: Frame, image: QImage) -> None:
        self.frame = frame
        self.view.set_image(image)
        self.slider.setEnabled(True)
        for button in self.step_buttons.values():
            button.setEnabled(True)
        self.slider.blockSignals(True)
        self.slider.setValue(round(frame.at_s * 1000))
        self.slider.blockSignals(False)
        clip = self.clip
        if clip is not None:
            # What Doorstep takes the camera's clock to have shown, from the file's time:
            # a guide for the eye, never the reference.
            said = clip.start_utc + timedelta(seconds=self.camera.clock_offset_s + frame.at_s)
            local = said.astimezone(ZoneInfo(self.camera.tz))
            self.position.setText(
                self.tr(
                    "{at} s of {length} s · by the file, the camera's clock showed about {time}"
                ).format(
                    at=f"{frame.at_s:.2f}",
                    length=f"{clip.duration_s:.1f}",
                    time=f"{local:%Y-%m-%d %H:%M:%S}",
                )
            )
        self.update_result()

    def _failed(self, message: str) -> None:
        self.frame = None
        self.view.set_image(None, message)
        self.update_result()

    # -- the result -----------------------------------------------------------------
    def reading(self) -> tuple[float, str]:
        """(offset, method) of what is typed; ClockError says what is missing or wrong."""
        if self.frame is None:
            raise ClockError(self.tr("no frame on show yet"))
        if not self.shows.text().strip():
            raise ClockError(self.tr("type what the camera's clock shows in this frame"))
        if not self.true_time.text().strip():
            raise ClockError(self.tr("type the true time of this frame"))
        method = method_of(str(self.method.currentData()))
        got = read(self.shows.text(), self.true_time.text(), self.camera.tz)
        return got.offset_s, method

    def update_result(self) -> None:
        try:
            offset, _method = self.reading()
        except ClockError as exc:
            self.verdict.setText("")
            self.effect.setText("")
            text = str(exc)
            self.error.setText(text[:1].upper() + text[1:] + ".")
            self.save_button.setEnabled(False)
            return
        now = self.camera.clock_offset_s
        self.verdict.setText(clock_sentence(offset))
        self.effect.setText(
            self.tr(
                "Saving sets its clock offset to {offset} s (it is {now} s now) and moves the "
                "times of its clips {shift}; the measurement goes into the audit trail and "
                "into every package."
            ).format(offset=f"{offset:+g}", now=f"{now:+g}", shift=_shift_words(now - offset))
        )
        self.error.setText("")
        self.save_button.setEnabled(True)

    def save(self) -> None:
        try:
            self.reading()
        except ClockError as exc:
            self.error.setText(str(exc))
            return
        clip, frame = self.clip, self.frame
        assert clip is not None and frame is not None and self.camera.id is not None
        args: dict[str, Any] = {
            "camera_id": self.camera.id,
            "clip_id": clip.id,
            "at_s": frame.at_s,
            "shows": self.shows.text(),
            "true_time": self.true_time.text(),
            "method": str(self.method.currentData()),
            "note": self.note.text(),
        }
        self.save_button.setEnabled(False)
        self.cameras.measure_clock(
            lambda db: measure_offset(db, now=datetime.now(UTC), **args),
            while_alive(self, self._saved),
            while_alive(self, self._refused),
        )

    def _refused(self, exc: BaseException) -> None:
        self.error.setText(str(exc))
        self.save_button.setEnabled(True)

    def _saved(self, measured: Any) -> None:
        self.saved.emit(measured)
        self.accept()


def _last_words(camera: Camera, last: LastMeasurement | None) -> str:
    """The camera's offset now and how it was known: "Its clock offset now: +133 s (2
    min 13 s fast), measured 2026-12-06 16:00 UTC by: a clock in the frame (…)."."""
    offset = camera.clock_offset_s
    now = translate("ClockDialog", "Its clock offset now: {offset} s ({words})").format(
        offset=f"{offset:+g}", words=offset_words(offset)
    )
    if last is not None and abs(last.offset_s - offset) < 0.0005:
        when = last.measured_at[:16].replace("T", " ")
        method = dict(_METHODS).get(last.method)
        how = translate("ClockDialog", method) if method else last.method
        return translate("ClockDialog", "{now}, measured {when} UTC by: {how}.").format(
            now=now, when=when, how=how[:1].lower() + how[1:]
        )
    if offset:
        return translate("ClockDialog", "{now}, entered by hand, never measured.").format(now=now)
    return translate(
        "ClockDialog", "Its clock is taken to be right (offset 0 s); it was never measured."
    )


def _shift_words(seconds: float) -> str:
    """How the clips' times move: "2 min 13 s earlier", "not at all"."""
    if abs(seconds) < 0.0005:
        return translate("ClockDialog", "not at all")
    if seconds > 0:
        return translate("ClockDialog", "{span} later").format(span=span(seconds))
    return translate("ClockDialog", "{span} earlier").format(span=span(seconds))
