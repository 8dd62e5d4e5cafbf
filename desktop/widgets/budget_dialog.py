"""The evidence store's size limit: a number of gigabytes, or no limit."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

GB = 1_000_000_000  # decimal, as file sizes are shown (db.words.units.file_size)
DEFAULT_GB = 50.0


class BudgetDialog(QDialog):
    def __init__(self, budget: int | None, used: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Evidence store limit")
        intro = QLabel(
            "Doorstep keeps a copy of the clips requests ask for until each request is "
            "settled. Up to this limit it holds them without asking; beyond it, it asks you "
            "first."
        )
        intro.setWordWrap(True)
        self.limited = QCheckBox("Limit the store to")
        self.limited.setAccessibleName("Limit the evidence store's size")
        self.limit = QDoubleSpinBox()
        self.limit.setAccessibleName("Evidence store limit in gigabytes")
        self.limit.setRange(0.1, 1_000_000.0)
        self.limit.setDecimals(1)
        self.limit.setSuffix(" GB")
        self.limit.setValue(budget / GB if budget else DEFAULT_GB)
        self.limited.setChecked(budget is not None)
        self.limit.setEnabled(budget is not None)
        self.limited.toggled.connect(self.limit.setEnabled)
        form = QFormLayout()
        form.addRow(self.limited, self.limit)
        if used is not None:
            from db.words.units import file_size

            form.addRow("In use now", QLabel(file_size(used)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def budget(self) -> int | None:
        """The limit chosen, in bytes (None: no limit)."""
        return round(self.limit.value() * GB) if self.limited.isChecked() else None
