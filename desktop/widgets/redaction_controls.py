"""The redaction review's smaller parts: the player's controls (play, frame steps, the
position) and the edit buttons beside the list of what is hidden (add a box, correct
one, turn one off over a stretch of time). They only emit what the resident asked for;
the window acts on it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from desktop.widgets.redaction_list import clock

SLIDER_STEPS_S = 0.01  # the slider moves in hundredths of a second


class PlayerControls(QWidget):
    toggle = Signal()
    step = Signal(int)  # frames, back (-1) or on (1)
    seek = Signal(float)  # seconds from the excerpt's start

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back = QPushButton(self.tr("◀ Frame"))
        self.back.setAccessibleName(self.tr("One frame back"))
        self.back.setToolTip(self.tr("One frame back (comma)"))
        self.play = QPushButton(self.tr("Play"))
        self.play.setAccessibleName(self.tr("Play or pause both pictures"))
        self.play.setToolTip(self.tr("Play or pause both pictures together (Space)"))
        self.on = QPushButton(self.tr("Frame ▶"))
        self.on.setAccessibleName(self.tr("One frame on"))
        self.on.setToolTip(self.tr("One frame on (full stop)"))
        self.position = QSlider(Qt.Orientation.Horizontal)
        self.position.setAccessibleName(self.tr("Position in the excerpt"))
        self.position.setPageStep(100)
        self.time = QLabel("0:00.0 / 0:00.0")
        self.time.setAccessibleName(self.tr("Position and length"))
        self.back.clicked.connect(lambda: self.step.emit(-1))
        self.on.clicked.connect(lambda: self.step.emit(1))
        self.play.clicked.connect(self.toggle)
        self.position.valueChanged.connect(self._moved)
        self._duration = 0.0
        self._setting = False
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.back, self.play, self.on):
            row.addWidget(w)
        row.addWidget(self.position, 1)
        row.addWidget(self.time)

    def set_duration(self, seconds: float) -> None:
        self._duration = seconds
        self.position.setRange(0, round(seconds / SLIDER_STEPS_S))
        self.show_position(0.0)

    def show_position(self, seconds: float) -> None:
        self._setting = True
        if not self.position.isSliderDown():
            self.position.setValue(round(seconds / SLIDER_STEPS_S))
        self._setting = False
        self.time.setText(f"{clock(seconds)} / {clock(self._duration)}")

    def show_playing(self, playing: bool) -> None:
        self.play.setText(self.tr("Pause") if playing else self.tr("Play"))

    def _moved(self, value: int) -> None:
        if not self._setting:
            self.seek.emit(value * SLIDER_STEPS_S)


class EditButtons(QWidget):
    """Beside the list: add a box, correct the selected one here, and the range in
    which to turn the selected one off (its ends set from the current position)."""

    add_box = Signal()
    correct = Signal()
    turn_off = Signal(float, float)  # seconds from the excerpt's start
    turn_on = Signal()
    find_faces = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.position_s = 0.0
        self.add = QPushButton(self.tr("Add a &box…"))
        self.add.setToolTip(
            self.tr(
                "Draw a rectangle on the current picture (drag, or arrows then Enter); "
                "it follows what is inside it through the excerpt"
            )
        )
        self.fix = QPushButton(self.tr("&Correct here…"))
        self.fix.setToolTip(
            self.tr(
                "Draw the selected box again where it should be on this picture; it is "
                "followed again from there"
            )
        )
        self.start = QDoubleSpinBox()
        self.end = QDoubleSpinBox()
        self.start.setAccessibleName(self.tr("Turn off from, seconds into the excerpt"))
        self.end.setAccessibleName(self.tr("Turn off until, seconds into the excerpt"))
        for spin in (self.start, self.end):
            spin.setDecimals(2)
            spin.setSuffix(self.tr(" s"))
            spin.setSingleStep(0.1)
        self.start_here = QPushButton(self.tr("From here"))
        self.start_here.setAccessibleName(self.tr("Turn off from the current position"))
        self.end_here = QPushButton(self.tr("To here"))
        self.end_here.setAccessibleName(self.tr("Turn off until the current position"))
        self.off = QPushButton(self.tr("&Turn off from … to …"))
        self.off.setToolTip(self.tr("The selected face or box hides nothing between these times"))
        self.on = QPushButton(self.tr("Turn on &again"))
        self.on.setToolTip(self.tr("The selected face or box hides everything it follows again"))
        self.faces = QPushButton(self.tr("Look for &faces"))
        self.faces.setToolTip(self.tr("Run the face detector over the excerpt again"))
        self.start_here.clicked.connect(lambda: self.start.setValue(self.position_s))
        self.end_here.clicked.connect(lambda: self.end.setValue(self.position_s))
        self.add.clicked.connect(self.add_box)
        self.fix.clicked.connect(self.correct)
        self.off.clicked.connect(lambda: self.turn_off.emit(self.start.value(), self.end.value()))
        self.on.clicked.connect(self.turn_on)
        self.faces.clicked.connect(self.find_faces)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("From")), 0, 0)
        grid.addWidget(self.start, 0, 1)
        grid.addWidget(self.start_here, 0, 2)
        grid.addWidget(QLabel(self.tr("To")), 1, 0)
        grid.addWidget(self.end, 1, 1)
        grid.addWidget(self.end_here, 1, 2)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.add)
        box.addWidget(self.fix)
        box.addSpacing(6)
        box.addLayout(grid)
        box.addWidget(self.off)
        box.addWidget(self.on)
        box.addSpacing(6)
        box.addWidget(self.faces)
        box.addStretch(1)

    def set_duration(self, seconds: float) -> None:
        for spin in (self.start, self.end):
            spin.setRange(0.0, max(0.0, seconds))
        self.end.setValue(seconds)

    def set_selection(self, kind: str) -> None:
        """What the buttons can do for the selected entry ("track", "mask" or "")."""
        for w in (self.fix, self.off, self.on, self.start_here, self.end_here):
            w.setEnabled(kind == "track")

    def set_busy(self, busy: bool) -> None:
        self.add.setEnabled(not busy)
        self.faces.setEnabled(not busy)
        if busy:
            self.fix.setEnabled(False)
