"""Status bar part: how much of its budget the evidence store uses ("Evidence store:
3.2 GB of 50.0 GB"), in amber with a warning from 90 % of the limit and in red once it
is full, and the button that sets the limit."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from db.words.units import file_size
from desktop import theme
from desktop.hold_sync import StoreUsage
from desktop.hold_words import LOST, WARNING

translate = QCoreApplication.translate


def usage_text(usage: StoreUsage) -> tuple[str, str | None]:
    """The label's words and colour (None: the usual one). Short: the status bar's
    parts together must fit the window's width; the tooltip says the rest."""
    used = file_size(usage.used)
    if usage.budget is None:
        return translate("EvidenceIndicator", "Evidence store: {used} (no limit)").format(
            used=used
        ), None
    text = translate("EvidenceIndicator", "Evidence store: {used} of {limit}").format(
        used=used, limit=file_size(usage.budget)
    )
    if usage.used >= usage.budget:
        return translate("EvidenceIndicator", "{usage} ⚠ full").format(usage=text), LOST
    if usage.near_limit:
        return translate("EvidenceIndicator", "{usage} ⚠ nearly full").format(usage=text), WARNING
    return text, None


def usage_tip(usage: StoreUsage) -> str:
    tip = translate(
        "EvidenceIndicator",
        "Copies of the clips requests ask for, kept until each request is settled. Each "
        "counts at its full size, linked or copied: once the recorder deletes its file, "
        "the held one is the only copy.",
    )
    if usage.budget is not None and usage.used >= usage.budget:
        tip += " " + translate(
            "EvidenceIndicator", "The limit is reached: Doorstep asks you before holding more."
        )
    elif usage.near_limit:
        tip += " " + translate("EvidenceIndicator", "{percent} of the limit is in use.").format(
            percent=f"{usage.fraction:.0%}"
        )
    return tip


class EvidenceIndicator(QWidget):
    limit_asked = Signal()  # the resident wants to change the limit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self.tr("Evidence store: …"))
        self.label.setAccessibleName(self.tr("Evidence store usage"))
        self.button = QPushButton(self.tr("Limit…"))
        self.button.setAccessibleName(self.tr("Set the evidence store's size limit"))
        self.button.setToolTip(self.tr("The most disk space held copies of clips may take"))
        self.button.clicked.connect(self.limit_asked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.usage: StoreUsage | None = None

    def show_usage(self, usage: StoreUsage) -> None:
        self.usage = usage
        text, colour = usage_text(usage)
        self.label.setText(text)
        theme.style(self.label, f"color: fg({colour}); font-weight: bold;" if colour else "")
        self.label.setToolTip(usage_tip(usage))
