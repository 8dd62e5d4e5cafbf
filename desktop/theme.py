"""Light or dark, as the system says, and the text size.

The colour scheme follows the system (``QStyleHints.colorScheme()`` and its change
signal); ``DOORSTEP_COLOR_SCHEME=light|dark`` forces one (snapshots, tests). When dark,
the Fusion style draws with a dark palette: platform styles may keep drawing light
controls whatever the palette says.

Every colour the code names is a *meaning* given in its light-mode shade ("error red
#c62828", "a note's yellow #fff4ce"); it is shown through :func:`fg` (text and marks:
lightened or darkened until it reads at 4.5:1 or better on the palette's backgrounds)
or :func:`bg` (a tint that keeps the palette's text readable). Style sheets go through
:func:`style`, which keeps the template and writes it again when the scheme changes.

The text size follows the system's font; ``DOORSTEP_TEXT_SCALE`` (e.g. ``2``: 200 %)
multiplies it.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from desktop import fitting

# The WCAG contrast for normal text (success criterion 1.4.3).
MIN_CONTRAST = 4.5
SCHEME_ENV = "DOORSTEP_COLOR_SCHEME"
TEXT_SCALE_ENV = "DOORSTEP_TEXT_SCALE"
_STYLE_PROPERTY = "doorstep_style"
_TOKEN = re.compile(r"\b(fg|bg)\((#[0-9a-fA-F]{6})\)")


class _State:
    dark = False  # the palette in use is dark
    hooked = False  # following the system's changes of scheme
    style = ""  # the style the platform chose (Fusion replaces it while dark)
    base_font: QFont | None = None  # the system's font, before any scaling


_state = _State()

# The dark palette's colours: roles the Fusion style reads.
_DARK = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e8e8e8",
    QPalette.ColorRole.Base: "#1f1f1f",
    QPalette.ColorRole.AlternateBase: "#272727",
    QPalette.ColorRole.ToolTipBase: "#3a3a3a",
    QPalette.ColorRole.ToolTipText: "#f2f2f2",
    QPalette.ColorRole.PlaceholderText: "#a0a0a0",
    QPalette.ColorRole.Text: "#e8e8e8",
    QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#e8e8e8",
    QPalette.ColorRole.BrightText: "#ff8a80",
    QPalette.ColorRole.Light: "#4a4a4a",
    QPalette.ColorRole.Midlight: "#3e3e3e",
    QPalette.ColorRole.Mid: "#2f2f2f",
    QPalette.ColorRole.Dark: "#1a1a1a",
    QPalette.ColorRole.Shadow: "#0d0d0d",
    QPalette.ColorRole.Highlight: "#3d6fd1",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
}
_DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#8a8a8a",
    QPalette.ColorRole.Text: "#8a8a8a",
    QPalette.ColorRole.ButtonText: "#8a8a8a",
    QPalette.ColorRole.Highlight: "#4a4a4a",
    QPalette.ColorRole.HighlightedText: "#bdbdbd",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


class FusionMarks(QProxyStyle):
    """Fusion, with the frames of check boxes and radio buttons drawn in the text's
    colour: Fusion draws them a shade darker than the window, under 3:1 against a light
    window and nearly invisible on a dark one."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        marks = (
            QStyle.PrimitiveElement.PE_IndicatorCheckBox,
            QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
        )
        if element in marks:
            painter.save()
            edge = QColor(option.palette.color(QPalette.ColorRole.Text))
            edge.setAlphaF(0.7)
            painter.setPen(edge)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
            painter.restore()
        elif element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            edge = QColor(option.palette.color(QPalette.ColorRole.Text))
            edge.setAlphaF(0.7)
            painter.setPen(edge)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()


def forced_scheme() -> str:
    """ "light" or "dark" when the environment forces one, else ""."""
    value = os.environ.get(SCHEME_ENV, "").strip().lower()
    return value if value in ("light", "dark") else ""


def wants_dark(app: QGuiApplication, scheme: Qt.ColorScheme | None = None) -> bool:
    """Dark when forced, or when the system's scheme (``scheme``: as its change signal
    gave it) is dark."""
    forced = forced_scheme()
    if forced:
        return forced == "dark"
    if scheme is None:
        scheme = app.styleHints().colorScheme()
    return scheme == Qt.ColorScheme.Dark


def is_dark() -> bool:
    """Whether the palette in use is dark (ours, or a dark one the platform gave)."""
    return _state.dark


def apply(app: QApplication, scheme: Qt.ColorScheme | None = None) -> None:
    """Set the palette (and style) for the scheme in force, the text size, and follow
    the system's later changes of scheme."""
    if not _state.style:
        _state.style = app.style().name()
    if wants_dark(app, scheme):
        if not isinstance(app.style(), FusionMarks):
            app.setStyle(FusionMarks())
        app.setPalette(dark_palette())
    else:
        if _state.style.lower() == "fusion":
            if not isinstance(app.style(), FusionMarks):
                app.setStyle(FusionMarks())
        elif isinstance(app.style(), FusionMarks):
            app.setStyle(_state.style)  # the platform's own style again
        app.setPalette(QPalette())  # the platform's own (light) palette
    window = app.palette().color(QPalette.ColorRole.Window)
    _state.dark = window.lightnessF() < 0.5
    _fg.cache_clear()
    _bg.cache_clear()
    _apply_text_scale(app)
    fitting.follow_dialogs(app)
    for widget in app.allWidgets():
        template = widget.property(_STYLE_PROPERTY)
        if isinstance(template, str):
            widget.setStyleSheet(css(template))
    if not _state.hooked:
        _state.hooked = True
        app.styleHints().colorSchemeChanged.connect(lambda new: apply(app, new))


def text_scale() -> float:
    """The factor ``DOORSTEP_TEXT_SCALE`` asks for (1 when unset or not a number in
    0.5..4)."""
    try:
        scale = float(os.environ.get(TEXT_SCALE_ENV, "") or 1)
    except ValueError:
        return 1.0
    return scale if 0.5 <= scale <= 4 else 1.0


def _apply_text_scale(app: QApplication) -> None:
    base = _state.base_font
    if base is None:
        base = _state.base_font = QFont(app.font())  # as the platform gave it
    scale = text_scale()
    font = QFont(base)
    if scale != 1:
        if base.pointSizeF() > 0:
            font.setPointSizeF(base.pointSizeF() * scale)
        elif base.pixelSize() > 0:
            font.setPixelSize(round(base.pixelSize() * scale))
    if font != app.font():
        app.setFont(font)


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _backgrounds() -> tuple[QColor, QColor]:
    palette = QApplication.palette()
    return palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base)


@lru_cache(maxsize=256)
def _fg(colour: str, dark: bool) -> QColor:
    c = QColor(colour)
    backgrounds = _backgrounds()
    hue, sat, light, alpha = c.hslHueF(), c.hslSaturationF(), c.lightnessF(), c.alphaF()
    step = 0.03 if dark else -0.03
    while not all(contrast(c, b) >= MIN_CONTRAST for b in backgrounds):
        light += step
        if not 0 <= light <= 1:
            return QColor("#ffffff" if dark else "#000000")
        c = QColor.fromHslF(max(hue, 0), sat, light, alpha)
    return c


def fg(colour: str) -> QColor:
    """A colour for text or a mark of this meaning (its light-mode shade, ``#rrggbb``),
    readable (4.5:1) on the palette's window and base colours."""
    return QColor(_fg(colour, is_dark()))


@lru_cache(maxsize=64)
def _bg(colour: str, dark: bool) -> QColor:
    c = QColor(colour)
    if not dark:
        return c
    hue, sat, alpha = c.hslHueF(), c.hslSaturationF(), c.alphaF()
    return QColor.fromHslF(max(hue, 0), min(sat, 0.45), 0.2, alpha)


def bg(colour: str) -> QColor:
    """A background of this meaning (its light-mode tint): a dark tint of the same hue
    when the palette is dark, so the palette's text stays readable on it."""
    return QColor(_bg(colour, is_dark()))


def css(template: str) -> str:
    """A style sheet with ``fg(#rrggbb)`` and ``bg(#rrggbb)`` resolved for the scheme."""
    return _TOKEN.sub(lambda m: (fg if m.group(1) == "fg" else bg)(m.group(2)).name(), template)


def style(widget: QWidget, template: str) -> None:
    """Set ``widget``'s style sheet from a template (see :func:`css`), written again
    when the scheme changes. An empty template clears it."""
    widget.setProperty(_STYLE_PROPERTY, template)
    widget.setStyleSheet(css(template))
