"""What a first launch shows: what Doorstep is for and the next step to take."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.fitting import FlowLayout


class EmptyState(QWidget):
    add_camera = Signal()
    import_folder = Signal()
    open_demo = Signal()
    record_request = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Welcome to Doorstep"))
        title.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.add_button = QPushButton(self.tr("1. Add a camera…"))
        self.import_button = QPushButton(self.tr("2. Import a folder of clips…"))
        self.demo_button = QPushButton(self.tr("Or try the demo neighbourhood"))
        self.demo_button.setFlat(True)
        self.demo_button.setStyleSheet("text-decoration: underline;")
        self.record_button = QPushButton(
            self.tr("Got a request by email, text or letter? Record it…")
        )
        self.record_button.setAccessibleName(self.tr("Record a request I received"))
        self.record_button.setFlat(True)
        self.record_button.setStyleSheet("text-decoration: underline;")
        self.record_button.clicked.connect(self.record_request)
        self.add_button.clicked.connect(self.add_camera)
        self.import_button.clicked.connect(self.import_folder)
        self.demo_button.clicked.connect(self.open_demo)
        buttons = FlowLayout()  # side by side, one under the other when too wide
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.import_button)
        box = QVBoxLayout()
        box.addStretch(1)
        box.addWidget(title)
        box.addWidget(self.body)
        box.addSpacing(12)
        box.addLayout(buttons)
        box.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.record_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addStretch(2)
        # The column takes the full height and a fixed width, so the word-wrapped
        # text gets the height it needs (an aligned widget would get one line's); a
        # width in characters, so that larger text has a wider column (up to the
        # window's default width), where the longest link still fits on one line.
        inner = QWidget()
        inner.setLayout(box)
        chars = self.fontMetrics().averageCharWidth()
        link = self.record_button.sizeHint().width()
        margins = box.contentsMargins()
        link += margins.left() + margins.right()
        inner.setFixedWidth(min(max(600, 70 * chars, link), 1180))
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(inner)
        outer.addStretch(1)
        self.set_state(cameras=0)

    def set_state(self, cameras: int) -> None:
        """Point at the next step: a camera first, then its clips."""
        intro = self.tr(
            "Doorstep keeps your security camera clips on this computer and lets you "
            "answer agency requests for footage clip by clip, on your terms. Nothing "
            "leaves this computer unless you approve it."
        )
        if cameras == 0:
            step = self.tr("<b>Start by adding a camera</b>: its name and where it is.")
        else:
            step = self.tr(
                "You have %n cameras. <b>Next, import the folder its clips are saved in.</b>",
                "",
                cameras,
            )
        self.body.setText(f"<p>{intro}</p><p>{step}</p>")
        self.import_button.setEnabled(cameras > 0)
        self.add_button.setDefault(cameras == 0)
        self.import_button.setDefault(cameras > 0)
