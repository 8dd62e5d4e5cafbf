"""Small helpers for reading widgets in GUI tests."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The item at (row, column), which the test expects to be filled in."""
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item
