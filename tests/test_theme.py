"""Dark mode follows the system (or DOORSTEP_COLOR_SCHEME), and what the window paints
itself reads at 4.5:1 or better in both schemes: measured on the pixels drawn."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton, QWidget

from db.clips.cameras import Camera, add_camera
from db.requests.intake import import_request_bytes
from db.store.database import open_database
from desktop import hold_words, theme
from desktop.main_window import MainWindow
from desktop.models.candidates import DECISION_COLOURS, UNCERTAIN_COLOUR
from desktop.models.requests import COL, OUTCOME_COLOURS
from desktop.services import build_services
from desktop.widgets.job_strip import JobStrip
from tests.requests_helpers import PORCH, insert_clip, make_doc, window_base


@pytest.fixture
def scheme(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Set the scheme for a test with ``scheme("dark")``; light again afterwards."""

    def use(name: str) -> None:
        monkeypatch.setenv(theme.SCHEME_ENV, name)
        theme.apply(qapp)
        qapp.processEvents()  # the widgets take the new palette from posted events

    yield use
    monkeypatch.delenv(theme.SCHEME_ENV, raising=False)
    theme.apply(qapp)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    """The window on a database with a camera, a clip and a request whose rules warn
    (the inbox colours that cell)."""
    import json
    from datetime import UTC, datetime, timedelta

    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    assert cam.id is not None
    insert_clip(db, cam.id, window_base() + timedelta(minutes=5), 60, "a.mp4")
    db.conn.commit()
    import_request_bytes(db, json.dumps(make_doc()).encode(), now=datetime.now(UTC))
    db.close()
    services = build_services(path, "resident")
    win = MainWindow(services, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    with qtbot.waitSignal(win.ready, timeout=10000):
        win.show()
        win.start(poll_feeds=False, hold_clips=False)
    qtbot.waitUntil(lambda: services.requests.rowCount() == 1)
    yield win
    win.close()
    services.shutdown()


def text_contrast(image: QImage, rect: QRect | None = None) -> float:
    """The contrast of the drawn text with its background in ``rect`` of ``image``:
    the background is the commonest colour, the text the pixel that differs most from
    it (glyph stems are drawn in the text's full colour)."""
    r = (rect or image.rect()).intersected(image.rect())
    pixels = [
        image.pixelColor(x, y)
        for y in range(r.top(), r.bottom())
        for x in range(r.left(), r.right())
    ]
    counts = Counter(c.rgb() for c in pixels)
    background = QColor.fromRgb(counts.most_common(1)[0][0])
    return max(theme.contrast(background, c) for c in pixels)


def grab(widget: QWidget) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_forced_dark_palette_is_dark_with_light_text(qtbot, scheme, window) -> None:
    scheme("dark")
    palette = window.palette()
    assert palette.color(QPalette.ColorRole.Window).lightnessF() < 0.25
    assert palette.color(QPalette.ColorRole.WindowText).lightnessF() > 0.8
    assert palette.color(QPalette.ColorRole.Base).lightnessF() < 0.25
    for back, text in (
        (QPalette.ColorRole.Window, QPalette.ColorRole.WindowText),
        (QPalette.ColorRole.Base, QPalette.ColorRole.Text),
        (QPalette.ColorRole.Button, QPalette.ColorRole.ButtonText),
        (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText),
    ):
        assert theme.contrast(palette.color(back), palette.color(text)) >= 4.5
    scheme("light")
    assert window.palette().color(QPalette.ColorRole.Window).lightnessF() > 0.75


def test_follows_the_system_scheme_as_it_changes(qtbot, scheme, monkeypatch) -> None:
    monkeypatch.delenv(theme.SCHEME_ENV, raising=False)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app)  # listening to the system from now on
    strip = JobStrip()
    qtbot.addWidget(strip)
    strip.say("The work failed", error=True)
    light_sheet = strip.text.styleSheet()
    hints = app.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    app.processEvents()
    assert theme.is_dark()
    assert app.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.25
    # Style sheets made of the scheme's colours are written again.
    assert strip.text.styleSheet() != light_sheet
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not theme.is_dark()
    assert strip.text.styleSheet() == light_sheet


@pytest.mark.parametrize("name", ["light", "dark"])
def test_meaning_colours_read_on_the_palette(qapp, scheme, name) -> None:
    scheme(name)
    palette = qapp.palette()
    colours = [
        *OUTCOME_COLOURS.values(),
        *DECISION_COLOURS.values(),
        UNCERTAIN_COLOUR,
        hold_words.WARNING,
        hold_words.LOST,
        hold_words.HELD,
    ]
    for colour in colours:
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
            assert theme.contrast(theme.fg(colour), palette.color(role)) >= 4.5, (colour, name)
    # A note's tint keeps the palette's text readable.
    tint = theme.bg("#fff4ce")
    assert theme.contrast(tint, palette.color(QPalette.ColorRole.WindowText)) >= 4.5


@pytest.mark.parametrize("name", ["light", "dark"])
def test_painted_text_has_contrast(qtbot, scheme, window, name) -> None:
    scheme(name)
    # The inbox's rules cell, coloured by its worst outcome (inbox delegate).
    view = window.requests_view
    model = window.services.requests
    assert model.cell(0, COL["rules"])[1] is not None  # a coloured cell
    index = view.table.model().index(0, COL["rules"])
    view.table.clearSelection()
    cell = view.table.visualRect(index).adjusted(2, 2, -2, -2)
    assert text_contrast(grab(view.table.viewport()), cell) >= 4.5

    # The audit trail's verdict in the status bar (green).
    indicator = window.audit_indicator
    with qtbot.waitSignal(indicator.checked, timeout=10000):
        indicator.check()
    assert "intact" in indicator.label.text()
    assert text_contrast(grab(indicator.label)) >= 4.5

    # The job strip's error line.
    strip = JobStrip(window)
    strip.say("The redacted preview could not be made", error=True)
    strip.text.resize(strip.text.sizeHint())
    assert text_contrast(grab(strip.text)) >= 4.5

    # The map's legend, drawn over the map.
    map_view = window.map_panel.view
    map_view.show_legend = True
    map_view.viewport().update()
    image = grab(map_view.viewport())
    legend = QRect(image.width() - 200, 14, 180, 40)
    assert text_contrast(image, legend) >= 4.5
    window_colour = window.palette().color(QPalette.ColorRole.Window)
    assert (window_colour.lightnessF() < 0.5) == (name == "dark")


@pytest.mark.parametrize("name", ["light", "dark"])
def test_an_empty_check_box_is_seen(qtbot, scheme, name) -> None:
    """Non-text contrast (3:1): an unchecked box's frame against the window."""
    scheme(name)
    box = QCheckBox("Shows children")
    qtbot.addWidget(box)
    box.resize(box.sizeHint())
    option = QStyleOptionButton()
    box.initStyleOption(option)
    mark = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    assert text_contrast(grab(box), mark.adjusted(-1, -1, 1, 1)) >= 3
