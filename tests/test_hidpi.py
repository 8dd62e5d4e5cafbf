"""Crisp at 200 %: the icon is drawn at the device's pixels, thumbnails are scaled to
the device pixels they cover, and a snapshot with QT_SCALE_FACTOR=2 has twice the
pixels (and, with --scheme dark, the dark palette)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPixmap

from db.requests.matching import Candidate
from desktop import hidpi
from desktop.models.candidates import CandidatesModel
from desktop.models.clips import THUMB_SIZE
from desktop.notifier import app_icon

ROOT = Path(__file__).resolve().parent.parent


def rgb(image: QImage) -> QImage:
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def test_icon_is_drawn_at_twice_the_pixels_not_stretched(qapp) -> None:
    icon = app_icon()  # the window's and the tray's
    one = icon.pixmap(QSize(64, 64), 1.0)
    two = icon.pixmap(QSize(64, 64), 2.0)
    assert one.size() == QSize(64, 64)
    assert two.size() == QSize(128, 128) and two.devicePixelRatio() == 2.0
    stretched = one.toImage().scaled(
        128, 128, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.FastTransformation
    )
    assert rgb(two.toImage()) != rgb(stretched)  # drawn again, finer, not a 1x upscale


def test_thumbnails_cover_the_device_pixels(
    qapp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    source = QPixmap(160, 120)
    source.fill(QColor("#336699"))
    pix = hidpi.fit(source, THUMB_SIZE, 2.0)
    assert pix.size() == THUMB_SIZE * 2 and pix.devicePixelRatio() == 2.0
    assert pix.deviceIndependentSize().toSize() == THUMB_SIZE  # the same place on screen

    # A request's candidate clips show their thumbnails at the application's ratio.
    monkeypatch.setattr(hidpi, "device_ratio", lambda: 2.0)
    image = QImage(160, 120, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    jpeg = tmp_path / "thumb.jpg"
    assert image.save(str(jpeg))
    clip = Candidate(7, 1, "Porch", "/clips/a.mp4", "2026-11-20T14:00:00.000Z",
                     "2026-11-20T14:01:00.000Z", 60.0, "position")  # fmt: skip
    model = CandidatesModel()
    model.set_candidates([clip], {7: jpeg.read_bytes()}, None)
    thumb = model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
    assert thumb.devicePixelRatio() == 2.0 and thumb.size() == THUMB_SIZE * 2


def test_snapshot_at_scale_factor_two_is_twice_the_size(tmp_path: Path) -> None:
    out = tmp_path / "dark@2x.png"
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "main.py", "--db", str(tmp_path / "d.sqlite3"), "snapshot", str(out),
         "--scheme", "dark"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (2560, 1600)
    # The window's background (a corner of the status bar) is the dark palette's.
    corner = image.pixelColor(image.width() - 40, image.height() - 6)
    assert corner.lightnessF() < 0.25
