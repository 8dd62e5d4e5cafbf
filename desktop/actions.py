"""The action registry: every command of the window is registered once here, with its
text, shortcut and menu, and the menus are built from the registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget

# The menus are registered by their English titles (the code's keys) and shown in the
# language of the window; these are the titles the catalogue translates.
MENU_TITLES = (
    QT_TRANSLATE_NOOP("Menus", "&File"),
    QT_TRANSLATE_NOOP("Menus", "&Cameras"),
    QT_TRANSLATE_NOOP("Menus", "C&lips"),
    QT_TRANSLATE_NOOP("Menus", "&View"),
    QT_TRANSLATE_NOOP("Menus", "&Requests"),
    QT_TRANSLATE_NOOP("Menus", "&Help"),
)


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    menu: str
    shortcut: str | QKeySequence.StandardKey | None = None
    tip: str = ""


class ActionRegistry:
    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self._actions: dict[str, QAction] = {}
        self._menus: dict[str, list[str]] = {}

    def register(self, spec: ActionSpec, slot: Callable[[], object]) -> QAction:
        if spec.id in self._actions:
            raise ValueError(f"action {spec.id!r} is registered twice")
        action = QAction(spec.text, self._parent)
        action.setObjectName(f"action-{spec.id}")
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        action.triggered.connect(lambda _checked=False: slot())
        self._parent.addAction(action)
        self._actions[spec.id] = action
        self._menus.setdefault(spec.menu, []).append(spec.id)
        return action

    def add(self, action_id: str, action: QAction, menu: str, shortcut: str | None = None) -> None:
        """Register an action Qt made (a dock's show/hide toggle, say)."""
        if action_id in self._actions:
            raise ValueError(f"action {action_id!r} is registered twice")
        action.setObjectName(f"action-{action_id}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        self._actions[action_id] = action
        self._menus.setdefault(menu, []).append(action_id)

    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def build_menus(self, bar: QMenuBar) -> None:
        for title, ids in self._menus.items():
            menu = bar.addMenu(QCoreApplication.translate("Menus", title))
            menu.setObjectName(f"menu-{title.replace('&', '').lower()}")
            for action_id in ids:
                menu.addAction(self._actions[action_id])
