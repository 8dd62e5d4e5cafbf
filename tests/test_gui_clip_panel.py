"""The selected clip's panel in the Clips tab reads whole: at 100 % and 200 % text, in
English and in Spanish, in the 1280 × 800 window, every line of its facts is shown
whole (wrapped, not cut at the panel's edge), nothing in it is drawn over the
preview's controls, and it never scrolls sideways."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.store.database import open_database
from desktop import theme
from desktop.models.clips import ClipRowRole
from desktop.widgets.clip_detail import ClipDetail, PreviewPlayer
from tests.gui_requests_helpers import open_window
from tests.requests_helpers import PORCH
from tests.test_clip_time_candidates import make_footage

__all__ = ["open_window"]  # a fixture, used by name

SCREEN = (1280, 800)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def footage_db(tmp_path: Path) -> Path:
    """A camera on another clock than this computer's (the panel adds the camera's
    local time) with clips whose start is certain and one whose start is uncertain."""
    path = tmp_path / "doorstep.sqlite3"
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0], tz="America/Los_Angeles"))
    make_footage(tmp_path / "footage")
    assert import_folder(db, tmp_path / "footage", cam, probe_processes=0).added == 3
    db.close()
    return path


@pytest.fixture(params=[1, 2], ids=["100%", "200%"])
def text_scale(
    request: pytest.FixtureRequest, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> Iterator[int]:
    monkeypatch.setenv(theme.TEXT_SCALE_ENV, str(request.param))
    theme.apply(qapp)
    yield request.param
    monkeypatch.delenv(theme.TEXT_SCALE_ENV)
    theme.apply(qapp)


@pytest.fixture(params=["en", "es"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    from desktop import i18n

    i18n.install(qapp, request.param)
    yield request.param
    i18n.install(qapp, "en")


def _place(widget: QWidget, panel: QWidget) -> QRect:
    return QRect(widget.mapTo(panel, widget.rect().topLeft()), widget.size())


def unreadable(panel: ClipDetail) -> list[str]:
    """Labels in the panel given less room than their text needs, and parts of the
    panel drawn over each other (the preview's controls included)."""
    found = []
    for label in panel.findChildren(QLabel):
        if not label.isVisibleTo(panel) or not label.text():
            continue
        name = f"label {label.text()[:60]!r}"
        if label.wordWrap():
            need = label.heightForWidth(label.width())
            if label.height() < need:
                found.append(f"{name}: {label.height()} high < {need}")
        else:
            hint = label.sizeHint()
            if label.width() < hint.width() or label.height() < hint.height():
                found.append(
                    f"{name}: {label.width()}×{label.height()} < {hint.width()}×{hint.height()}"
                )
    player = panel.player
    parts = {
        "the preview": player.stage,
        "Play": player.play_button,
        "the position": player.position,
        "the time played": player.time_label,
        "the facts": panel.facts,
        "the file": panel.path_field,
        "the hash": panel.hash_field,
        "the time note": panel.time_note_field,
        "Shows children": panel.shows_children,
        "Private": panel.private,
        "the hold": panel.hold_label,
        "Hold": panel.hold_button,
        "Release": panel.release_button,
    }
    shown = {k: _place(w, panel) for k, w in parts.items() if w.isVisibleTo(panel)}
    for (a, ra), (b, rb) in combinations(shown.items(), 2):
        if ra.intersects(rb):
            found.append(f"{a} {ra.getRect()} overlaps {b} {rb.getRect()}")
    for k, r in shown.items():
        if r.right() > panel.rect().right():
            found.append(f"{k} {r.getRect()} goes past the panel's edge {panel.width()}")
    return found


def test_the_selected_clips_panel_reads_whole(
    qtbot, open_window, footage_db: Path, text_scale: int, language: str
) -> None:
    window = open_window(footage_db)
    window.resize(*SCREEN)
    view = window.clips_view
    panel = view.detail
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=10000)
    seen_uncertain = seen_camera_time = False
    for row in range(3):
        view.select_row(row)
        # The first clip is selected while another tab is in front (the panel is laid
        # out when the tab is shown), the others in the Clips tab.
        window.tabs.setCurrentWidget(view)
        wanted = view.model.index(row, 0).data(ClipRowRole).id
        qtbot.waitUntil(lambda w=wanted: panel.clip is not None and panel.clip.id == w)
        clip = panel.clip
        assert clip is not None
        seen_uncertain |= not clip.start_certain
        # The camera's own clock is a line of its own (it differs from this computer's).
        seen_camera_time |= clip.camera_tz == "America/Los_Angeles"
        try:  # the scroll area sets the panel's height once the new lines are laid out
            qtbot.waitUntil(lambda: not unreadable(panel), timeout=2000)
        except qtbot.TimeoutError:
            pass
        found = unreadable(panel)
        scroll = view.detail_scroll
        bar = scroll.horizontalScrollBar()
        if bar.maximum() > 0 or panel.width() > scroll.viewport().width():
            found.append(f"the panel is {panel.width()} wide in {scroll.viewport().width()}")
        if (window.width(), window.height()) != SCREEN:
            found.append(f"the window was forced to {window.width()}×{window.height()}")
        name = clip.path.rsplit("/", 1)[-1]
        assert not found, f"{name} at {text_scale * 100} % in {language}:\n" + "\n".join(found)
    assert seen_uncertain and seen_camera_time


def _dark_run(image: QImage, x: int) -> int:
    """The longest run of near-black pixels down column ``x`` (the preview's canvas)."""
    best = run = 0
    for y in range(image.height()):
        colour = QColor(image.pixel(x, y))
        run = run + 1 if max(colour.red(), colour.green(), colour.blue()) < 0x40 else 0
        best = max(best, run)
    return best


def test_snapshot_of_the_clips_shows_the_panel_as_laid_out(qtbot, tmp_path: Path) -> None:
    """``snapshot --view clips`` pictures the Clips tab as a resident sees it: the
    preview at its full height, its controls below it, not drawn over it."""
    from db.demo.neighbourhood import build_demo

    db_path = tmp_path / "demo.sqlite3"
    build_demo(db_path, tmp_path / "media")
    out = tmp_path / "clips.png"
    command = ["main.py", "--demo", "--db", str(db_path), "snapshot", str(out)]
    proc = subprocess.run(
        [sys.executable, *command, "--view", "clips"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    player = PreviewPlayer()
    qtbot.addWidget(player)
    # Columns across the panel, right of the table: the canvas is one of them.
    canvas = max(_dark_run(image, x) for x in range(image.width() - 200, image.width(), 10))
    assert canvas >= player.stage.minimumHeight(), f"the preview is {canvas} pixels high"
