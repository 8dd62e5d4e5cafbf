"""Paints the inbox's cells with one call into Python per cell.

Qt's QStyledItemDelegate asks the model for seven roles per cell, each through the
filter proxy and into Python: well over a thousand calls for a screenful of the inbox,
each taking the interpreter lock. While a big feed is being stored the database thread
holds that lock much of the time, and a repaint then kept the GUI waiting. This delegate
fills the style option from :meth:`RequestsModel.cell` instead, and Qt draws it as it
draws any cell (selection, alternating rows, eliding, focus).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from desktop import theme
from desktop.models.requests import RequestsModel


class InboxDelegate(QStyledItemDelegate):
    def __init__(
        self, model: RequestsModel, proxy: QSortFilterProxyModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._proxy = proxy
        self._brushes: dict[tuple[str, bool], QBrush] = {}

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        source = self._proxy.mapToSource(index) if index.model() is self._proxy else index
        cell = self._model.cell(source.row(), source.column())
        if cell is None:
            super().initStyleOption(option, index)
            return
        text, colour, bold = cell
        option.text = text
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        if colour is not None:
            key = (colour, theme.is_dark())
            brush = self._brushes.get(key)
            if brush is None:
                brush = self._brushes[key] = QBrush(theme.fg(colour))
            palette = QPalette(option.palette)
            palette.setBrush(QPalette.ColorRole.Text, brush)
            option.palette = palette
        if bold:
            font = QFont(option.font)
            font.setBold(True)
            option.font = font
            option.fontMetrics = QFontMetrics(font)
