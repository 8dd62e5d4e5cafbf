"""The evidence store's size limit: an amount in MB, GB or TB, or no limit."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

# Decimal, as file sizes are shown (db.words.units.file_size).
UNITS = (("MB", 10**6), ("GB", 10**9), ("TB", 10**12))
DEFAULT = 50 * 10**9


def _in_units(n: int) -> tuple[float, int]:
    """``n`` bytes as a number and the index of the largest unit it is 1 or more of."""
    index = max((i for i, (_, size) in enumerate(UNITS) if n >= size), default=0)
    return n / UNITS[index][1], index


class BudgetDialog(QDialog):
    def __init__(self, budget: int | None, used: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Evidence store limit"))
        intro = QLabel(
            self.tr(
                "Doorstep keeps a copy of the clips requests ask for until each request is "
                "settled. Up to this limit it holds them without asking; beyond it, it asks "
                "you first."
            )
        )
        intro.setWordWrap(True)
        self.limited = QCheckBox(self.tr("Limit the store to"))
        self.limited.setAccessibleName(self.tr("Limit the evidence store's size"))
        self.limit = QDoubleSpinBox()
        self.limit.setAccessibleName(self.tr("Evidence store limit"))
        self.limit.setRange(0.1, 999_999.0)
        self.limit.setDecimals(1)
        self.unit = QComboBox()
        self.unit.setAccessibleName(self.tr("Unit of the evidence store limit"))
        self.unit.addItems([name for name, _ in UNITS])
        value, unit = _in_units(budget or DEFAULT)
        self.limit.setValue(value)
        self.unit.setCurrentIndex(unit)
        self.limited.setChecked(budget is not None)
        for part in (self.limit, self.unit):
            part.setEnabled(budget is not None)
            self.limited.toggled.connect(part.setEnabled)
        amount = QHBoxLayout()
        amount.addWidget(self.limit, 1)
        amount.addWidget(self.unit)
        form = QFormLayout()
        form.addRow(self.limited, amount)
        if used is not None:
            from db.words.units import file_size

            form.addRow(self.tr("In use now"), QLabel(file_size(used)))
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
        if not self.limited.isChecked():
            return None
        return round(self.limit.value() * UNITS[self.unit.currentIndex()][1])
