"""The decision buttons under a request's candidate clips: approve, decline or return
to pending the selected clips (A, D, P) or all of them, and why nothing can be shared
when a rule blocks the request."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import theme


class DecisionBar(QWidget):
    decide = Signal(str, bool)  # state ("approved", "declined", "pending"), all candidates

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.approve = QPushButton(self.tr("&Approve"))
        self.approve.setToolTip(self.tr("Share the selected clips' part in the window (A)"))
        self.decline = QPushButton(self.tr("&Decline"))
        self.decline.setToolTip(self.tr("Do not share the selected clips; nothing is sent (D)"))
        self.pending = QPushButton(self.tr("&Pending"))
        self.pending.setToolTip(self.tr("Undecided again (P)"))
        self.approve_all = QPushButton(self.tr("Approve all"))
        self.approve_all.setAccessibleName(self.tr("Approve all candidate clips"))
        self.decline_all = QPushButton(self.tr("Decline all"))
        self.decline_all.setAccessibleName(self.tr("Decline all candidate clips"))
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
        theme.style(self.blocked, "color: fg(#c62828);")
        self.blocked.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.approve, self.decline, self.pending):
            row.addWidget(button)
        row.addStretch(1)
        every = QHBoxLayout()  # a second row: the detail panel is narrow
        every.setContentsMargins(0, 0, 0, 0)
        every.addWidget(self.approve_all)
        every.addWidget(self.decline_all)
        every.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.blocked)
        box.addLayout(row)
        box.addLayout(every)
        box.addWidget(self.message)

    def set_blocked(self, reasons: list[str], final: str | None) -> None:
        """Show why nothing can be shared, and disable what cannot be done."""
        if final:
            self.blocked.setText(
                self.tr("Delivered on {when}: decisions are final.").format(when=final)
            )
        elif reasons:
            self.blocked.setText(
                self.tr("Nothing can be shared for this request. {reasons}").format(
                    reasons=" ".join(reasons)
                )
            )
        self.blocked.setVisible(bool(final or reasons))
        for button in (self.approve, self.approve_all):
            button.setEnabled(not final and not reasons)
        for button in (self.decline, self.decline_all, self.pending):
            button.setEnabled(not final)


class ShareBar(QWidget):
    """What leaves the machine, and how: sound kept or not, the UTC time as subtitles or
    burned in, content credentials, the resident's statement, and the buttons that
    build the package or deliver it."""

    export = Signal()
    deliver = Signal()
    handover = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QCheckBox

        super().__init__(parent)
        self.keep_audio = QCheckBox(self.tr("Keep the sound"))
        self.keep_audio.setToolTip(self.tr("Sound is removed unless you keep it"))
        self.subtitles = QCheckBox(self.tr("Add the time (UTC) as subtitles"))
        self.burn_in = QCheckBox(self.tr("Burn the time (UTC) into the picture"))
        self.burn_in.setToolTip(
            self.tr(
                "Draws the time on every frame; the excerpts are re-encoded (a working "
                "copy, not the camera's own pictures)"
            )
        )
        self.credentials = QCheckBox(self.tr("Add content credentials (C2PA)"))
        self.credentials.setToolTip(
            self.tr(
                "Each excerpt carries a C2PA record of how it was made from the original "
                "(trimmed, sound removed, redacted), signed with your key"
            )
        )
        self.as_zip = QCheckBox(self.tr("Export as one .zip file"))
        # The resident's statement for each request, asked for with a dialog; shown here.
        self.request: int | None = None
        self._statements: dict[int | None, str] = {}
        self.statement_button = QPushButton(self.tr("Add your statement…"))
        self.statement_button.setToolTip(
            self.tr("Words of your own, signed with the package and printed in its exhibit summary")
        )
        self.statement_button.clicked.connect(self.ask_statement)
        self.statement_label = QLabel()
        self.statement_label.setWordWrap(True)
        self.statement_dialog: QWidget | None = None
        self.export_button = QPushButton(self.tr("Export package…"))
        self.export_button.setToolTip(
            self.tr("Write the approved parts, signed, to a folder or zip")
        )
        self.deliver_button = QPushButton(self.tr("Deliver to the agency"))
        self.export_button.clicked.connect(self.export)
        self.deliver_button.clicked.connect(self.deliver)
        self.handover_button = QPushButton(self.tr("Hand over…"))
        self.handover_button.setToolTip(
            self.tr(
                "Give the package to the agency through its portal, on a USB drive or in "
                "person, and record it"
            )
        )
        self.handover_button.setVisible(False)
        self.handover_button.clicked.connect(self.handover)
        self.status = QLabel()
        self.status.setWordWrap(True)
        options = QVBoxLayout()
        options.setContentsMargins(0, 0, 0, 0)
        options.addWidget(self.keep_audio)
        options.addWidget(self.subtitles)
        options.addWidget(self.burn_in)
        options.addWidget(self.credentials)
        options.addWidget(self.as_zip)
        said = QHBoxLayout()
        said.setContentsMargins(0, 0, 0, 0)
        said.addWidget(self.statement_button)
        said.addWidget(self.statement_label, 1)
        options.addLayout(said)
        # One button a row: the detail panel is narrow, and the words are longer in
        # other languages (and at larger text sizes) than in English.
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.export_button, self.deliver_button, self.handover_button):
            row = QHBoxLayout()
            row.addWidget(button)
            row.addStretch(1)
            buttons.addLayout(row)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 6, 0, 0)
        box.addWidget(QLabel(self.tr("<b>Share what you approved</b>")))
        box.addLayout(options)
        box.addLayout(buttons)
        box.addWidget(self.status)

    @property
    def statement(self) -> str | None:
        """The statement for the request shown; None for none."""
        return self._statements.get(self.request)

    def set_statement(self, text: str | None) -> None:
        if text:
            self._statements[self.request] = text
        else:
            self._statements.pop(self.request, None)
        self._show_statement()

    def show_request(self, row_id: int | None) -> None:
        self.request = row_id
        self._show_statement()

    def _show_statement(self) -> None:
        text = self.statement
        words = len(text.split()) if text else 0
        self.statement_label.setText(
            self.tr("Your statement: %n words", "", words) if text else self.tr("No statement")
        )
        self.statement_button.setText(
            self.tr("Edit your statement…") if text else self.tr("Add your statement…")
        )

    def ask_statement(self) -> None:
        from desktop.widgets.statement_dialog import StatementDialog

        dialog = StatementDialog(self.statement, self)
        dialog.accepted.connect(lambda: self.set_statement(dialog.statement()))
        dialog.open()
        self.statement_dialog = dialog

    def set_state(self, approved: int, blocked: bool, final: str | None, upload: bool) -> None:
        can = approved > 0 and not blocked and not final
        self.export_button.setEnabled(can)
        self.deliver_button.setEnabled(can and upload)
        self.deliver_button.setToolTip(
            self.tr("Upload to the address the request names, with your token from the keyring")
            if upload
            else self.tr("This request asks for hand delivery: export the package instead")
        )
        if final:
            self.status.setText(self.tr("Delivered on {when}.").format(when=final))
        elif not approved:
            self.status.setText(self.tr("Approve clips first: only approved parts are shared."))
        else:
            self.status.setText(
                self.tr("%n approved clips: only the part inside the window goes.", "", approved)
            )

    def set_handover(self, ready: bool) -> None:
        """A package is built and not yet handed over (a request without upload)."""
        self.handover_button.setVisible(ready)
        if ready:
            self.status.setText(
                self.status.text()
                + " "
                + self.tr("A package is built: Hand over… when you give it to the agency.")
            )
