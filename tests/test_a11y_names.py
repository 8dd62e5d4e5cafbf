"""Every control of every window and dialog has a name a screen reader says (QAccessible:
an accessible name, a button's text, a label's buddy), and every dialog of desktop/ is
among those this test opens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop.main_window import MainWindow
from tests.a11y_windows import dialog_classes, keyboard_traps, unnamed
from tests.gui_requests_helpers import library_db, open_window
from tests.window_walk import Walk, walk_everything, window

__all__ = ["library_db", "open_window", "window"]  # fixtures, used by name


class NamesWalk(Walk):
    """What each window walked lacks: names, and a way out by Tab."""

    def __init__(self) -> None:
        super().__init__()
        self.missing: dict[str, list[str]] = {}
        self.traps: dict[str, list[str]] = {}

    def check(self, label: str, root: QWidget) -> None:
        super().check(label, root)
        found = unnamed(root)
        if found:
            self.missing.setdefault(label, []).extend(found)
        trapping = keyboard_traps(root)
        if trapping:
            self.traps.setdefault(label, []).extend(trapping)


def _report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{label}:\n    " + "\n    ".join(items) for label, items in found.items())


def test_every_control_of_every_window_has_an_accessible_name(
    qtbot, open_window, window: MainWindow, tmp_path: Path
) -> None:
    walk = walk_everything(qtbot, open_window, window, tmp_path, NamesWalk())
    assert not walk.missing, "controls without an accessible name:\n" + _report(walk.missing)


def test_no_control_traps_the_keyboard_and_every_dialog_is_walked(
    qtbot, open_window, window: MainWindow, tmp_path: Path
) -> None:
    """Tab leaves every table and text field (a table's Tab moving between its cells, or
    a text field taking Tab as a character, keeps a keyboard user in it); and a dialog
    class under desktop/ that the walk does not open fails here, by name: add it to
    tests/window_walk.py."""
    walk = walk_everything(qtbot, open_window, window, tmp_path, NamesWalk())
    assert not walk.traps, "controls Tab does not leave:\n" + _report(walk.traps)
    assert dialog_classes() - walk.seen == set()
