"""Status bar part: which database is open (the demo one is marked)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget


class DatabaseLabel(QLabel):
    def __init__(self, path: Path, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name = self.tr("Demo neighbourhood") if kind == "demo" else path.name
        self.setText(name)
        self.setToolTip(self.tr("Database: {path}").format(path=path))
