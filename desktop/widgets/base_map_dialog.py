"""Where the map's background comes from: OpenStreetMap's tiles (the default), another
tile server, an offline MBTiles file, or none."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop import theme
from desktop.map.tiles import OSM_URL_TEMPLATE, TileSource, TileSourceError


class BaseMapDialog(QDialog):
    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Base map"))
        self.osm = QRadioButton(self.tr("OpenStreetMap (standard tiles)"))
        self.custom = QRadioButton(self.tr("Another tile server"))
        self.offline = QRadioButton(self.tr("An offline map file (MBTiles)"))
        self.none = QRadioButton(self.tr("No base map"))
        group = QButtonGroup(self)
        for button in (self.osm, self.custom, self.offline, self.none):
            group.addButton(button)
        self.template = QLineEdit()
        self.template.setPlaceholderText("https://tiles.example.org/{z}/{x}/{y}.png")
        self.template.setAccessibleName(self.tr("Tile server address"))
        self.file = QLineEdit()
        self.file.setPlaceholderText(self.tr("/path/to/map.mbtiles"))
        self.file.setAccessibleName(self.tr("Offline map file"))
        browse = QPushButton(self.tr("Choose…"))
        browse.setAccessibleName(self.tr("Choose an offline map file"))
        browse.clicked.connect(self._browse)
        note = QLabel(
            self.tr(
                "Map images from a tile server are fetched over the internet: the server "
                "sees which area you look at (nothing else: no requests, no clips, no "
                "decisions). An offline MBTiles file or no base map sends nothing."
            )
        )
        note.setWordWrap(True)
        theme.style(note, "color: fg(#555555);")
        self.error = QLabel()
        theme.style(self.error, "color: fg(#c62828);")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.osm)
        layout.addWidget(self.custom)
        layout.addWidget(self.template)
        layout.addWidget(self.offline)
        layout.addLayout(file_row)
        layout.addWidget(self.none)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        text = (current or "").strip()
        if not text or text.lower() == "none":
            self.none.setChecked(True)
        elif text == OSM_URL_TEMPLATE:
            self.osm.setChecked(True)
        elif "://" in text:
            self.custom.setChecked(True)
            self.template.setText(text)
        else:
            self.offline.setChecked(True)
            self.file.setText(text)
        self.result_setting = text

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Offline map"), "", self.tr("MBTiles (*.mbtiles)")
        )
        if path:
            self.file.setText(path)
            self.offline.setChecked(True)

    def setting(self) -> str:
        if self.osm.isChecked():
            return OSM_URL_TEMPLATE
        if self.custom.isChecked():
            return self.template.text().strip()
        if self.offline.isChecked():
            return self.file.text().strip()
        return "none"

    def _accept(self) -> None:
        setting = self.setting()
        try:
            TileSource.parse(setting)
        except TileSourceError as exc:
            self.error.setText(self.tr("This base map cannot be used: {reason}").format(reason=exc))
            return
        self.result_setting = setting
        self.accept()
