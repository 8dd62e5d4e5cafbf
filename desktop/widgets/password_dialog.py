"""The password of an encrypted zip, shown once (docs/packages.md, "An encrypted zip").

Doorstep keeps no copy: the dialog holds the password only while it is open and
forgets it when closed; nothing logs it."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import theme


class PasswordDialog(QDialog):
    """Shows one password with a Copy button and a clear warning."""

    def __init__(self, password: str, where: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Password of the encrypted zip"))
        self.setModal(True)
        intro = QLabel(
            self.tr("The encrypted zip is written to:<br><tt>{where}</tt>").format(
                where=html.escape(where)
            )
        )
        intro.setWordWrap(True)
        warning = QLabel(
            self.tr(
                "<b>Write this password down or copy it now.</b> Doorstep does not keep "
                "it: once you close this window it cannot be shown again, and without it "
                "nobody can open the zip, not even you."
            )
        )
        warning.setWordWrap(True)
        theme.style(warning, "color: fg(#8a1c1c);")
        self.password = QLabel(password)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.Bold)
        self.password.setFont(font)
        self.password.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theme.style(
            self.password,
            "padding: 8px; border: 1px solid fg(#999999); border-radius: 4px; "
            "background: palette(base);",
        )
        self.copy = QPushButton(self.tr("Copy"))
        self.copy.setToolTip(self.tr("Copy the password to the clipboard"))
        self.copy.clicked.connect(self._copy)
        self.copied = QLabel()
        self.copied.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.password, 1)
        row.addWidget(self.copy)
        advice = QLabel(
            self.tr(
                "Give it to the receiver separately from the drive: read it out, or send "
                "it by another way than the drive travels. It opens with 7-Zip, WinZip or "
                "Keka (AES-256); some built-in unzip tools cannot open it."
            )
        )
        advice.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.done_button = buttons.addButton(
            self.tr("I have kept the password"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(warning)
        box.addLayout(row)
        box.addWidget(self.copied)
        box.addWidget(advice)
        box.addWidget(buttons)
        self.setMinimumWidth(520)
        self.finished.connect(lambda _r: self._forget())

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.password.text())
        self.copied.setText(
            self.tr("Copied. Paste it somewhere safe before you copy anything else.")
        )
        self.copied.setVisible(True)

    def _forget(self) -> None:
        self.password.clear()
