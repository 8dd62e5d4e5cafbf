"""View ▸ Language…: the window's language, kept in the preferences and used from the
next start (windows already made keep their text)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop import i18n, preferences


class LanguageDialog(QDialog):
    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Language"))
        system = i18n.NAMES.get(i18n.system_language(), i18n.system_language())
        self.choice = QComboBox(self)
        self.choice.setAccessibleName(self.tr("Language"))
        self.choice.addItem(self.tr("As the system (%1)").replace("%1", system), "system")
        for code in i18n.languages():
            self.choice.addItem(i18n.NAMES.get(code, code), code)
        index = self.choice.findData(current)
        self.choice.setCurrentIndex(max(index, 0))
        label = QLabel(self.tr("&Language of Doorstep:"), self)
        label.setBuddy(self.choice)
        note = QLabel(self.tr("Doorstep shows the new language when you start it again."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (label, self.choice, note, buttons):
            layout.addWidget(widget)

    def chosen(self) -> str:
        return str(self.choice.currentData())


def choose_language(parent: QWidget) -> LanguageDialog:
    """Open the dialog (window-modal); saving the choice when it is accepted."""
    dialog = LanguageDialog(preferences.load().language, parent)

    def accepted() -> None:
        preferences.save(replace(preferences.load(), language=dialog.chosen()))

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog
