"""The resident's statement for a package: a small dialog opened from the share bar.
The text is checked as the package will check it (db.sharing.statement): too long or
holding control characters, the dialog says why and will not take it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from db.sharing.statement import StatementError, clean_statement
from desktop import theme


class StatementDialog(QDialog):
    def __init__(self, text: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your statement (optional)"))
        self.edit = QPlainTextEdit(text or "")
        self.edit.setTabChangesFocus(True)  # Tab moves on: the keyboard is not trapped
        self.edit.setPlaceholderText(self.tr("Your statement"))
        self.edit.setAccessibleName(self.tr("Your statement"))
        self.edit.setMinimumSize(420, 160)
        about = QLabel(
            self.tr(
                "Words of your own to go with the footage, for example what you saw or "
                "heard. They are signed with the package and printed in its exhibit "
                "summary. Leave it empty for none."
            )
        )
        about.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        theme.style(self.problem, "color: fg(#c62828);")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(about)
        box.addWidget(self.edit)
        box.addWidget(self.problem)
        box.addWidget(self.buttons)
        self.edit.textChanged.connect(self._check)
        self._check()

    def statement(self) -> str | None:
        """The statement as the package will hold it; None for none."""
        try:
            return clean_statement(self.edit.toPlainText())
        except StatementError:
            return None

    def _check(self) -> None:
        try:
            clean_statement(self.edit.toPlainText())
            why = ""
        except StatementError as exc:
            why = str(exc)[:1].upper() + str(exc)[1:] + "."
        self.problem.setText(why)
        self.problem.setVisible(bool(why))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not why)
