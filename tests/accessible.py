"""Checking that a dialog's every control has an accessible name (what a screen reader
says for it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget


def unnamed_controls(root: QWidget) -> list[QWidget]:
    """The controls in ``root`` a resident can reach that have no accessible name; the
    parts of a composite control (a spin box's or combo box's text field, a scroll
    area's viewport) are read as the control itself."""
    out = []
    for widget in root.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(root):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, (QAbstractSpinBox, QComboBox)):
            continue
        if isinstance(parent, QAbstractScrollArea) and widget is parent.viewport():
            continue
        if not widget.accessibleName():
            out.append(widget)
    return out
