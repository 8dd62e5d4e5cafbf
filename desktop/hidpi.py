"""Crisp pictures at any screen density: the icon is an SVG the icon engine renders at
the size and device pixel ratio asked for, and pictures shown smaller than their
source (thumbnails, posters) are scaled to the device pixels they will cover, marked
with that ratio, instead of being scaled to logical pixels and stretched by Qt."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPixmap

ICON_FILE = "doorstep.svg"


def device_ratio() -> float:
    """The application's device pixel ratio (2 on a 200 % screen or with
    QT_SCALE_FACTOR=2); 1 without an application."""
    app = QGuiApplication.instance()
    return float(app.devicePixelRatio()) if isinstance(app, QGuiApplication) else 1.0


def app_icon() -> QIcon:
    """Doorstep's icon (a house with a door), drawn from its SVG at every size."""
    from db.requests.request_doc import resources_dir

    return QIcon(str(resources_dir() / ICON_FILE))


def fit(source: QPixmap, logical: QSize, ratio: float | None = None) -> QPixmap:
    """``source`` scaled to fit ``logical`` (keeping its aspect) in device pixels at
    ``ratio`` (default: the application's), and marked with it."""
    ratio = device_ratio() if ratio is None else ratio
    device = QSize(round(logical.width() * ratio), round(logical.height() * ratio))
    pix = source.scaled(
        device, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    pix.setDevicePixelRatio(ratio)
    return pix
