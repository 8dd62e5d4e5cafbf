"""Every window and dialog of the app, opened as a resident opens it, for the accessibility
tests: what a screen reader says for each control (QAccessible), and the list of dialogs
the tests know, so a new one is not forgotten."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

ROOT = Path(__file__).resolve().parent.parent

# The kinds of control a resident operates; any other widget that takes focus (a custom
# drawing a resident clicks or types into) counts too.
CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractSlider,
    QAbstractItemView,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QPlainTextEdit,
)


def accessible_name(widget: QWidget) -> str:
    """What a screen reader says as the widget's name: its accessible name, else what
    Qt derives (a button's text, a label buddy's text, a tool tip for some kinds)."""
    iface = QAccessible.queryAccessibleInterface(widget)
    if iface is None or not iface.isValid():
        return ""
    return iface.text(QAccessible.Text.Name).strip()


def _part_of_another(widget: QWidget) -> bool:
    """A composite control's own parts (a spin box's or combo box's text field, a scroll
    area's viewport and scroll bars, a view's headers, a tab bar's scroll arrows, a text
    field's clear button): the screen reader reads the control itself."""
    if widget.objectName().startswith("qt_"):
        return True  # Qt's own (a menu bar's overflow arrow, a table's corner button)
    parent = widget.parentWidget()
    if parent is None:
        return False
    if isinstance(parent, (QAbstractSpinBox, QComboBox, QTabBar, QAbstractItemView, QLineEdit)):
        return True
    if isinstance(widget, (QScrollBar, QHeaderView)):
        return True
    if isinstance(parent, QAbstractScrollArea) and widget is parent.viewport():
        return True
    # A scroll area's corner and scroll-bar containers.
    return parent.objectName() in ("qt_scrollarea_hcontainer", "qt_scrollarea_vcontainer")


def is_control(widget: QWidget) -> bool:
    # A label is read as its text; a tab widget hands its focus to its tab bar.
    if _part_of_another(widget) or isinstance(widget, (QLabel, QTabWidget)):
        return False
    if isinstance(widget, CONTROLS):
        return True
    return widget.focusPolicy() != Qt.FocusPolicy.NoFocus


def unnamed(root: QWidget) -> list[str]:
    """Each control in ``root`` (itself included, shown or hidden) with no accessible
    name, described so a developer finds it: its class, object name, text or tip."""
    out = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.window() is not root.window():
            continue  # a dialog of this window is walked on its own
        if is_control(widget) and not accessible_name(widget):
            out.append(describe(widget))
    return out


def keyboard_traps(root: QWidget) -> list[str]:
    """Each table whose Tab moves between its cells, and each editable text field that
    takes Tab as a character, in ``root``'s window: Tab never leaves them."""
    out = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.window() is not root.window() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        moves_in_cells = isinstance(widget, QAbstractItemView) and widget.tabKeyNavigation()
        types_tabs = (
            isinstance(widget, (QPlainTextEdit, QTextEdit))
            and not widget.isReadOnly()
            and not widget.tabChangesFocus()
        )
        if moves_in_cells or types_tabs:
            out.append(describe(widget))
    return out


def describe(widget: QWidget) -> str:
    bits = [type(widget).__name__]
    if widget.objectName():
        bits.append(f"#{widget.objectName()}")
    text = getattr(widget, "text", None)
    if callable(text):
        try:
            value = text()
        except TypeError:
            value = ""
        if isinstance(value, str) and value:
            bits.append(repr(value[:40]))
    if widget.toolTip():
        bits.append(f"tip={widget.toolTip()[:40]!r}")
    # Where it is: the classes it sits in, up to its window, the generic ones left out.
    where = []
    owner = widget.parentWidget()
    while owner is not None and not owner.isWindow():
        name = type(owner).__name__
        if not name.startswith("Q") and name not in where:
            where.append(name)
        owner = owner.parentWidget()
    if where:
        bits.append("in " + " < ".join(where))
    return " ".join(bits)


def dialog_classes() -> set[str]:
    """The name of every dialog and window class defined under desktop/ (read from the
    source, so a dialog no test opens is still found): a Qt dialog or main window, a
    subclass of one of desktop/'s dialogs, or a widget made a window of its own
    (Qt.WindowType.Window)."""
    names: set[str] = set()
    for path in (ROOT / "desktop").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            for base in node.bases:
                base_name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", "")
                if base_name.endswith("Dialog") or base_name == "QMainWindow":
                    names.add(node.name)
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Attribute)
                    and inner.attr == "Window"
                    and isinstance(inner.value, ast.Attribute)
                    and inner.value.attr == "WindowType"
                ):
                    names.add(node.name)
    return names


def shown_dialogs() -> set[QWidget]:
    """The dialogs, and the windows other than the main one, on screen now."""
    return {
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible()
        and (isinstance(w, QDialog) or w.windowType() == Qt.WindowType.Window)
        and not isinstance(w, QMainWindow)
    }


def opened_by(qtbot, action: Callable[[], object]) -> Iterator[QWidget]:
    """Run ``action`` and yield the dialog it opens once it is on screen."""
    before = shown_dialogs()
    action()
    qtbot.waitUntil(lambda: bool(shown_dialogs() - before), timeout=10000)
    yield from shown_dialogs() - before
