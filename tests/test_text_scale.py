"""200 % text (DOORSTEP_TEXT_SCALE=2, on top of the system's font size): the window's
views, the request panel and the dialogs still hold at 1280 × 800: no window forced
wider or taller, no button smaller than it asks for, nothing outside its window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QWidget,
)

from desktop import theme
from desktop.main_window import MainWindow
from tests.test_theme import window  # noqa: F401 - the fixture

# Dialogs the menus open, by command.
DIALOGS = (
    "add-camera",
    "cameras",
    "import",
    "feeds",
    "rules",
    "credentials",
    "agencies",
    "retention",
    "record-request",
    "store-limit",
)
# Dialogs whose every row reads without scrolling sideways (a list's long names wrap).
NO_SIDEWAYS = ("record-request", "cameras")


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


def scrolled(widget: QWidget, top: QWidget) -> bool:
    """Inside a scroll area's viewport (it may lie outside what is shown)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return True
        parent = grand
    return False


def problems(top: QWidget) -> list[str]:
    """What does not hold in ``top``: buttons given less than they ask for, widgets
    lying outside it."""
    found = []
    bounds = top.rect()
    for w in top.findChildren(QWidget):
        if not w.isVisibleTo(top) or w.isWindow() or scrolled(w, top):
            continue
        text = w.text() if isinstance(w, QAbstractButton) else w.objectName()
        name = f"{type(w).__name__} {text!r}"
        if isinstance(w, QAbstractButton):
            hint = w.sizeHint()
            if w.width() < hint.width() or w.height() < hint.height():
                found.append(f"{name}: {w.width()}×{w.height()} < {hint.width()}×{hint.height()}")
        place = QRect(w.mapTo(top, w.rect().topLeft()), w.size())
        if not bounds.contains(place):
            found.append(f"{name} at {place.getRect()} lies outside {bounds.getRect()}")
    return found


def sideways(top: QWidget) -> list[str]:
    """Scroll areas in ``top`` that scroll sideways: with large text the resident would
    have to scroll left and right to read a row (a map moves by dragging: no bars)."""
    return [
        f"{type(area).__name__} {area.accessibleName()!r}"
        for area in top.findChildren(QAbstractScrollArea)
        if area.isVisibleTo(top) and area.horizontalScrollBar().isVisibleTo(top)
    ]


def settle(qtbot, widget: QWidget) -> None:
    qtbot.waitExposed(widget)
    for _ in range(3):
        QApplication.processEvents()


def test_text_scale_doubles_the_system_font(qapp, big_text) -> None:
    assert qapp.font().pointSizeF() == pytest.approx(2 * big_text)


def test_views_and_request_panel_hold_at_200_percent(
    qtbot,
    big_text,
    window: MainWindow,  # noqa: F811
) -> None:
    window.resize(1280, 800)
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        view.table.selectRow(0)
    for page in (window.requests_view, window.clips_view, window.audit_page):
        window.tabs.setCurrentWidget(page)
        settle(qtbot, window)
        assert (window.width(), window.height()) == (1280, 800), type(page).__name__
        hint = window.minimumSizeHint()
        assert hint.width() <= 1280 and hint.height() <= 800, (type(page).__name__, hint)
        assert problems(window) == [], type(page).__name__


@pytest.fixture(params=["en", "es"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The dialogs in English and in Spanish (whose words are longer)."""
    from desktop import i18n

    i18n.install(qapp, request.param)
    yield request.param
    i18n.install(qapp, "en")


@pytest.mark.parametrize("command", DIALOGS)
def test_dialogs_hold_at_200_percent(
    qtbot,
    big_text,
    language: str,
    window: MainWindow,  # noqa: F811
    command: str,
) -> None:
    before = set(QApplication.topLevelWidgets())
    window.commands[command].trigger()
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, QDialog) and w.isVisible()
            for w in set(QApplication.topLevelWidgets()) - before
        )
    )
    dialog = next(
        w
        for w in set(QApplication.topLevelWidgets()) - before
        if isinstance(w, QDialog) and w.isVisible()
    )
    settle(qtbot, dialog)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 800, (command, hint)
    assert dialog.width() <= 1280 and dialog.height() <= 800, (command, dialog.size())
    assert problems(dialog) == [], command
    if command in NO_SIDEWAYS:
        assert sideways(dialog) == [], command
    if command == "cameras":  # a camera's name fits its list, however large the text
        names = dialog.list  # type: ignore[attr-defined]
        assert names.viewport().width() >= 20 * names.fontMetrics().averageCharWidth()
    if command == "record-request":  # the map's "Click the map where…" wraps inside it
        view = dialog.map.view  # type: ignore[attr-defined]
        shown = view.notice_rect(QFontMetrics(view.font()))
        assert view.notice and shown.right() <= view.viewport().width(), (shown, view.width())
    dialog.reject()
