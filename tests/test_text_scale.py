"""200 % text (DOORSTEP_TEXT_SCALE=2, on top of the system's font size), in English and
in Spanish (whose words are longer): every view of the window at 1280 × 800 and every
dialog and window the app opens (tests/window_walk.py walks them all, and fails on a
dialog class of desktop/ it does not open) still hold: no window forced wider or
taller, no button smaller than it asks for, nothing outside its window, no label cut
short, nothing that scrolls sideways (a resident with large text would scroll left
and right to read each row) and nothing cut off at a scroll area's edge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QGraphicsView,
    QLabel,
    QMainWindow,
    QWidget,
)

from desktop import theme
from desktop.main_window import MainWindow
from tests.a11y_windows import dialog_classes
from tests.gui_requests_helpers import library_db, open_window
from tests.window_walk import Walk, walk_everything, window

__all__ = ["library_db", "open_window", "window"]  # fixtures, used by name

SCREEN = (1280, 800)


@pytest.fixture
def big_text(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[float]:
    before = qapp.font().pointSizeF()
    monkeypatch.setenv(theme.TEXT_SCALE_ENV, "2")
    theme.apply(qapp)
    qapp.processEvents()
    yield before
    monkeypatch.delenv(theme.TEXT_SCALE_ENV)
    theme.apply(qapp)
    qapp.processEvents()


@pytest.fixture(params=["en", "es"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    from desktop import i18n

    i18n.install(qapp, request.param)
    yield request.param
    i18n.install(qapp, "en")


def scrolled(widget: QWidget, top: QWidget) -> bool:
    """Inside a scroll area's viewport (it may lie outside what is shown)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return True
        parent = grand
    return False


def _name(w: QWidget) -> str:
    text = w.text() if isinstance(w, (QAbstractButton, QLabel)) else w.objectName()
    return f"{type(w).__name__} {text[:50]!r}"


def problems(top: QWidget) -> list[str]:
    """What does not hold in ``top``: buttons given less than they ask for, widgets
    lying outside it."""
    found = []
    bounds = top.rect()
    for w in top.findChildren(QWidget):
        if not w.isVisibleTo(top) or w.isWindow() or scrolled(w, top):
            continue
        if isinstance(w, QAbstractButton):
            hint = w.sizeHint()
            if w.width() < hint.width() or w.height() < hint.height():
                found.append(
                    f"{_name(w)}: {w.width()}×{w.height()} < {hint.width()}×{hint.height()}"
                )
        place = QRect(w.mapTo(top, w.rect().topLeft()), w.size())
        if not bounds.contains(place):
            found.append(f"{_name(w)} at {place.getRect()} lies outside {bounds.getRect()}")
    return found


def cut_labels(top: QWidget) -> list[str]:
    """Labels in ``top`` given less room than their text needs: narrower than one line
    of it, or (wrapped) shorter than its lines."""
    found = []
    for label in top.findChildren(QLabel):
        if not label.isVisibleTo(top) or label.window() is not top or not label.text():
            continue
        if label.wordWrap():
            need = label.heightForWidth(label.width())
            if label.height() < need:
                found.append(f"{_name(label)}: {label.height()} high < {need}")
        else:
            hint = label.sizeHint()
            if label.width() < hint.width() or label.height() < hint.height():
                found.append(
                    f"{_name(label)}: {label.width()}×{label.height()} < "
                    f"{hint.width()}×{hint.height()}"
                )
    return found


def sideways(top: QWidget) -> list[str]:
    """Scroll areas in ``top`` that scroll sideways, or whose content is wider than they
    are with no bar to reach the rest (a map moves by dragging: no bars)."""
    found = []
    for area in top.findChildren(QAbstractScrollArea):
        if not area.isVisibleTo(top) or area.window() is not top:
            continue
        name = f"{type(area).__name__} {area.accessibleName()!r}"
        bar = area.horizontalScrollBar()
        if bar.isVisibleTo(top):
            found.append(f"{name} scrolls sideways")
        elif bar.maximum() > 0 and not isinstance(area, QGraphicsView):
            found.append(f"{name} cuts {bar.maximum()} pixels of its content off")
    return found


def settle(qtbot, widget: QWidget) -> None:
    qtbot.waitExposed(widget)
    for _ in range(3):
        QApplication.processEvents()


class ScaleWalk(Walk):
    """What does not hold in each window walked, by its label."""

    def __init__(self, qtbot) -> None:
        super().__init__()
        self.qtbot = qtbot
        self.found: dict[str, list[str]] = {}

    def tab_shown(self, label: str, window: MainWindow) -> None:
        clips = window.clips_view
        if window.tabs.currentWidget() is clips:  # a clip selected: its panel's facts too
            clips.select_row(0)
            self.qtbot.waitUntil(lambda: clips.detail.clip is not None)
        self.check(f"main window, {label}", window)

    def check(self, label: str, root: QWidget) -> None:
        super().check(label, root)
        top = root.window()
        if isinstance(top, QMainWindow):
            top.resize(*SCREEN)
        settle(self.qtbot, top)
        try:  # what loads later (a list's rows, the store's usage) lays the window out anew
            self.qtbot.waitUntil(lambda: not self.findings(label, top), timeout=2000)
        except self.qtbot.TimeoutError:
            pass
        found = self.findings(label, top)
        if found:
            self.found.setdefault(label, []).extend(found)

    def findings(self, label: str, top: QWidget) -> list[str]:
        found = []
        hint = top.minimumSizeHint()
        if hint.width() > SCREEN[0] or hint.height() > SCREEN[1]:
            found.append(f"asks for at least {hint.width()}×{hint.height()}")
        if top.width() > SCREEN[0] or top.height() > SCREEN[1]:
            found.append(f"is {top.width()}×{top.height()}")
        if isinstance(top, QMainWindow) and (top.width(), top.height()) != SCREEN:
            found.append(f"was forced to {top.width()}×{top.height()}")
        found += problems(top) + cut_labels(top)
        found += sideways(top)
        found += self.particular(label, top)
        return found

    @staticmethod
    def particular(label: str, top: QWidget) -> list[str]:
        if label == "cameras":  # a camera's name fits its list, however large the text
            names = top.list  # type: ignore[attr-defined]
            if names.viewport().width() < 20 * names.fontMetrics().averageCharWidth():
                return [f"its list is {names.viewport().width()} wide"]
        if label == "record-request":  # the map's "Click the map where…" wraps inside it
            view = top.map.view  # type: ignore[attr-defined]
            shown = view.notice_rect(QFontMetrics(view.font()))
            if not view.notice or shown.right() > view.viewport().width():
                return [f"the map's notice {shown.getRect()} is cut"]
        return []


def test_text_scale_doubles_the_system_font(qapp, big_text) -> None:
    assert qapp.font().pointSizeF() == pytest.approx(2 * big_text)


def test_every_view_and_dialog_holds_at_200_percent(
    qtbot,
    big_text,
    language: str,
    open_window,
    window: MainWindow,
    tmp_path: Path,
) -> None:
    walk = walk_everything(qtbot, open_window, window, tmp_path, ScaleWalk(qtbot))
    report = "\n".join(
        f"{label}:\n    " + "\n    ".join(items) for label, items in walk.found.items()
    )
    assert not walk.found, f"at 200 % text in {language}:\n{report}"
    assert dialog_classes() - walk.seen == set()
