"""A table's columns share its width (desktop/columns.py): no sideways scrolling with
large text or longer words, and a cell cut short shows its whole text as a tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem, QToolTip

from desktop.columns import FitColumns, Preferred, longest_words, share_width, share_wrapped


def test_columns_get_what_they_want_while_they_fit() -> None:
    assert share_width([50, 100, 80], 400) == [50, 100, 80]


def test_the_widest_columns_give_up_the_room() -> None:
    # 300 for three: the 50 keeps its width, the other two share the 250 left.
    assert share_width([50, 400, 200], 300) == [50, 125, 125]
    assert share_width([50, 400, 100], 300) == [50, 150, 100]
    assert sum(share_width([900, 900, 900], 300)) <= 300


def table(qtbot, rows: list[list[str]]) -> QTableWidget:
    view = QTableWidget(len(rows), len(rows[0]))
    qtbot.addWidget(view)
    view.resize(320, 200)
    FitColumns(view)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            view.setItem(r, c, QTableWidgetItem(text))
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tooltip, offscreen
def test_a_table_too_narrow_for_its_text_does_not_scroll_sideways(qtbot) -> None:
    long = "replaced (edited) · entered by you, with words that go on and on"
    view = table(qtbot, [["1", long, "2026-12-07 00:00"], ["2", "current", "—"]])
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() <= view.viewport().width())
    assert not view.horizontalScrollBar().isVisible()
    assert header.sectionSize(0) >= view.sizeHintForColumn(0)  # the short one whole

    cell = view.visualRect(view.model().index(0, 1))
    tip = QHelpEvent(QEvent.Type.ToolTip, cell.center(), view.viewport().mapToGlobal(cell.center()))
    QApplication.sendEvent(view.viewport(), tip)
    assert QToolTip.isVisible() and QToolTip.text() == long
    QToolTip.hideText()

    whole = view.visualRect(view.model().index(1, 0))
    tip = QHelpEvent(QEvent.Type.ToolTip, whole.center(), QPoint())
    QApplication.sendEvent(view.viewport(), tip)
    assert not (QToolTip.isVisible() and QToolTip.text() == "2")  # it is not cut


def test_wrapped_columns_keep_their_longest_word() -> None:
    assert share_wrapped([40, 60, 30], [100, 300, 30], 1000) == [100, 300, 30]
    # 300 for 430 wanted: each keeps its longest word, the rest in proportion.
    widths = share_wrapped([40, 60, 30], [100, 300, 30], 300)
    assert widths[2] == 30 and widths[0] >= 40 and widths[1] >= 60 and sum(widths) <= 300


def test_a_short_table_wraps_its_words_instead(qtbot) -> None:
    view = QTableWidget(1, 3)
    qtbot.addWidget(view)
    view.resize(360, 300)
    FitColumns(view, wrap=True)
    texts = ["2026-12-07 00:00", "demo-0001", "replaced (edited) · entered by you"]
    for c, text in enumerate(texts):
        view.setItem(0, c, QTableWidgetItem(text))
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() <= view.viewport().width())
    words = longest_words(view)
    assert all(header.sectionSize(c) >= words[c] for c in range(3))
    assert view.rowHeight(0) >= 2 * view.fontMetrics().height()  # wrapped onto lines


def test_optional_columns_give_way_while_the_others_do_not_fit(qtbot) -> None:
    view = QTableWidget(1, 3)
    qtbot.addWidget(view)
    FitColumns(view, wants=lambda: [200, 200, 200], optional=(1,))
    view.resize(500, 200)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: header.isSectionHidden(1))
    assert header.sectionSize(0) + header.sectionSize(2) <= view.viewport().width()
    view.resize(800, 200)
    qtbot.waitUntil(lambda: not header.isSectionHidden(1))
    assert header.length() <= view.viewport().width()


def test_a_column_the_resident_widens_keeps_its_width_while_it_fits(qtbot) -> None:
    view = QTableWidget(1, 3)
    qtbot.addWidget(view)
    for c in range(3):
        view.setColumnWidth(c, 80)
    preferred = Preferred(view)
    preferred.columns = FitColumns(view, wants=preferred)
    view.resize(600, 200)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() == view.viewport().width())
    header.resizeSection(0, 200)  # as a drag of its edge does
    assert preferred()[0] == 200
    view.resize(601, 200)  # a fit anew keeps it
    qtbot.waitUntil(lambda: header.length() == view.viewport().width())
    assert header.sectionSize(0) == 200
    view.resize(200, 200)  # too narrow: it shares, and comes back when there is room
    qtbot.waitUntil(lambda: header.length() <= view.viewport().width())
    assert header.sectionSize(0) < 200
    view.resize(600, 200)
    qtbot.waitUntil(lambda: header.sectionSize(0) == 200)
