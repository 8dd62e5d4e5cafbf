"""The decision buttons under a request's candidate clips: approve, decline or return
to pending the selected clips (A, D, P) or all of them, and why nothing can be shared
when a rule blocks the request."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class DecisionBar(QWidget):
    decide = Signal(str, bool)  # state ("approved", "declined", "pending"), all candidates

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.approve = QPushButton("&Approve")
        self.approve.setToolTip("Share the selected clips' part in the window (A)")
        self.decline = QPushButton("&Decline")
        self.decline.setToolTip("Do not share the selected clips; nothing is sent (D)")
        self.pending = QPushButton("&Pending")
        self.pending.setToolTip("Undecided again (P)")
        self.approve_all = QPushButton("Approve all")
        self.decline_all = QPushButton("Decline all")
        self.approve.clicked.connect(lambda: self.decide.emit("approved", False))
        self.decline.clicked.connect(lambda: self.decide.emit("declined", False))
        self.pending.clicked.connect(lambda: self.decide.emit("pending", False))
        self.approve_all.clicked.connect(lambda: self.decide.emit("approved", True))
        self.decline_all.clicked.connect(lambda: self.decide.emit("declined", True))
        for key, state in (("A", "approved"), ("D", "declined"), ("P", "pending")):
            shortcut = QShortcut(QKeySequence(key), self.parentWidget() or self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=state: self.decide.emit(s, False))
        self.blocked = QLabel()
        self.blocked.setWordWrap(True)
        self.blocked.setStyleSheet("color: #c62828;")
        self.blocked.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.approve, self.decline, self.pending):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.approve_all)
        row.addWidget(self.decline_all)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.blocked)
        box.addLayout(row)
        box.addWidget(self.message)

    def set_blocked(self, reasons: list[str], final: str | None) -> None:
        """Show why nothing can be shared, and disable what cannot be done."""
        if final:
            self.blocked.setText(f"Delivered on {final}: decisions are final.")
        elif reasons:
            self.blocked.setText("Nothing can be shared for this request. " + " ".join(reasons))
        self.blocked.setVisible(bool(final or reasons))
        for button in (self.approve, self.approve_all):
            button.setEnabled(not final and not reasons)
        for button in (self.decline, self.decline_all, self.pending):
            button.setEnabled(not final)
