"""The "Paste the message" panel of the "Record a request I received" dialog: the
resident pastes the email, text or letter, asks for the form to be filled from it, and
sees what was filled, which time zone was assumed, and the addresses it names (to place
the area by: Doorstep looks nothing up, so the resident finds them on the map)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import theme

MAX_MESSAGE_CHARS = 100_000  # a long email thread; more is not a request someone typed


class PastePanel(QWidget):
    fill_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("<b>Paste the message</b> (optional)"))
        intro = QLabel(
            self.tr(
                "Paste the email, text message or letter: Doorstep fills in what it "
                "recognises for you to check. Nothing is saved until you press Record "
                "request."
            )
        )
        intro.setWordWrap(True)
        theme.style(intro, "color: fg(#555555);")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("The message you received"))
        self.text.setPlaceholderText(self.tr("Paste the message here…"))
        self.text.setTabChangesFocus(True)
        self.fill = QPushButton(self.tr("Fill in the form from the message"))
        self.fill.setAccessibleName(self.tr("Fill in the form from the message"))
        self.fill.setEnabled(False)
        self.fill.clicked.connect(self._fill)
        self.text.textChanged.connect(
            lambda: self.fill.setEnabled(bool(self.text.toPlainText().strip()))
        )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        theme.style(self.summary, "background: bg(#fff8e1); padding: 6px;")
        self.summary.hide()
        self.addresses_label = QLabel(
            self.tr("Addresses in the message: find them on the map and draw the area there.")
        )
        self.addresses_label.setWordWrap(True)
        self.addresses = QListWidget()
        self.addresses.setAccessibleName(self.tr("Addresses found in the message"))
        self.addresses.setMaximumHeight(70)
        self.addresses_label.hide()
        self.addresses.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.fill)
        layout.addWidget(self.summary)
        layout.addWidget(self.addresses_label)
        layout.addWidget(self.addresses)

    def _fill(self) -> None:
        text = self.text.toPlainText()
        if len(text) > MAX_MESSAGE_CHARS:
            self.show_summary(
                self.tr(
                    "The message is longer than {count} characters: paste only the request itself."
                ).format(count=self.locale().toString(MAX_MESSAGE_CHARS))
            )
            return
        self.fill_requested.emit(text)

    def show_summary(self, text: str) -> None:
        self.summary.setText(text)
        self.summary.setVisible(bool(text))

    def show_addresses(self, addresses: list[str]) -> None:
        self.addresses.clear()
        self.addresses.addItems(addresses)
        self.addresses_label.setVisible(bool(addresses))
        self.addresses.setVisible(bool(addresses))
