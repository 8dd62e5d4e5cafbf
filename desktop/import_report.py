"""The message box that reports a folder import which stopped or skipped files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.importing import ImportJob, skipped_list

if TYPE_CHECKING:
    from db.clips.importer import ImportSummary

translate = QCoreApplication.translate


def import_report(parent: QWidget, job: ImportJob, summary: ImportSummary) -> QMessageBox:
    """Open (not wait for) the report: what was stored, what was skipped and why."""
    box = QMessageBox(parent)
    box.setText(f"{job.folder}\n\n{summary.text()[:1].upper()}{summary.text()[1:]}.")
    if summary.error is not None:
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(translate("ImportReport", "Import stopped"))
        box.setInformativeText(
            translate(
                "ImportReport",
                "The clips stored before it stopped are in the library; nothing of the "
                "rest was written. Import the folder again to go on: clips already "
                "stored are recognised by their hashes.",
            )
        )
    else:
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(translate("ImportReport", "Import finished"))
        box.setInformativeText(
            translate("ImportReport", "Skipped files were not added; nothing about them is stored.")
        )
    if summary.skipped:
        listed, every = skipped_list(job.folder, summary)
        skipped = translate("ImportReport", "Skipped:")
        box.setInformativeText(f"{box.informativeText()}\n\n{skipped}\n{listed}")
        box.setDetailedText(every)
    box.open()
    return box
