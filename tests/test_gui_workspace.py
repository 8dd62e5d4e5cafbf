"""The review workspace (desktop/workspace/) on the demo database, in a real window: it
opens from the requests list (Enter, a double click, the menu's action, the panel's
button); A, D and P store the decision of the selected clip; the arrows move along
the timeline and between cameras; Space plays and pauses; a request a rule blocks is
refused as the request panel refuses it; and it fits 1280x800 without scrolling
sideways, at the usual text size and at twice it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QMessageBox,
    QWidget,
)

from db.requests.matching import Candidate
from db.sharing.decisions import decisions_for
from db.store.database import open_database
from desktop.main_window import MainWindow
from desktop.models.requests import RowIdRole
from desktop.services import build_services
from desktop.workspace.hook import WorkspaceOpener
from desktop.workspace.window import ReviewWorkspace
from tests.accessible import unnamed_controls


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from db.demo.neighbourhood import build_demo

    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder / "demo.sqlite3", folder / "media")
    return folder / "demo.sqlite3"


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A copy of the demo database for one test (its clips stay where they were made)."""
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def window(qtbot, tmp_path: Path, demo_db: Path) -> Iterator[MainWindow]:
    services = build_services(demo_db, "demo")
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    win = MainWindow(services, settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(services.requests.loaded, timeout=10000):
        win.show()
        win.start(poll_feeds=False, hold_clips=False)
    yield win
    win.close()
    services.shutdown()


def select_request(qtbot, win: MainWindow, request_id: str) -> int:
    """Select the demo request ``request_id`` in the list; its row id."""
    view = win.requests_view
    for row in range(view.proxy.rowCount()):
        index = view.proxy.index(row, 0)
        summary = win.services.requests.summary(view.proxy.mapToSource(index).row())
        if summary.request_id == request_id:
            with qtbot.waitSignal(view.detail.loaded, timeout=10000):
                view.table.selectRow(row)
            return int(index.data(RowIdRole))
    raise AssertionError(f"no request {request_id}")


def opener_of(win: MainWindow) -> WorkspaceOpener:
    opener = win.findChild(WorkspaceOpener)
    assert opener is not None
    return opener


def workspace_of(win: MainWindow) -> ReviewWorkspace:
    ws = opener_of(win).workspace
    assert ws is not None
    return ws


def row_of(ws: ReviewWorkspace) -> int:
    assert ws.row_id is not None
    return ws.row_id


def clip_of(ws: ReviewWorkspace) -> Candidate:
    clip = ws.current_clip()
    assert clip is not None
    return clip


def open_workspace(qtbot, win: MainWindow, request_id: str = "demo-0001") -> ReviewWorkspace:
    row_id = select_request(qtbot, win, request_id)
    opener = opener_of(win)
    with qtbot.waitSignal(opener.opened, timeout=10000):
        win.commands["review-request"].trigger()
    ws = workspace_of(win)
    qtbot.waitUntil(
        lambda: ws.detail is not None and ws.detail.summary.row_id == row_id, timeout=10000
    )
    ws.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ws)
    return ws


def stored(db_path: Path, row_id: int) -> dict[int, str]:
    db = open_database(db_path, kind="demo")
    try:
        return {cid: d.state for cid, d in decisions_for(db, row_id).items()}
    finally:
        db.close()


def test_the_workspace_opens_from_the_list_the_menu_and_the_panel(
    qtbot, window: MainWindow
) -> None:
    view = window.requests_view
    row_id = select_request(qtbot, window, "demo-0001")
    opener = opener_of(window)
    row = view.selection.selectedRows()[0].row()

    def opens(how) -> ReviewWorkspace:
        with qtbot.waitSignal(opener.opened, timeout=10000):
            how()
        ws = workspace_of(window)
        qtbot.waitUntil(lambda: ws.detail is not None and ws.isVisible(), timeout=10000)
        assert ws.row_id == row_id
        assert ws.candidates.rowCount() == 3  # the demo's three cameras in the window
        assert {b.lane for b in ws.timeline.bars} == {0, 1, 2}
        assert "package theft" in ws.windowTitle()
        ws.close()
        return ws

    view.table.setFocus()
    opens(lambda: qtbot.keyClick(view.table, Qt.Key.Key_Return))
    rect = view.table.visualRect(view.proxy.index(row, 2))
    viewport, left = view.table.viewport(), Qt.MouseButton.LeftButton

    def double_click() -> None:  # a real double click starts with a click
        qtbot.mouseClick(viewport, left, pos=rect.center())
        qtbot.mouseDClick(viewport, left, pos=rect.center())

    opens(double_click)
    opens(window.commands["review-request"].trigger)
    button = opener.panel_button
    assert button is not None and button.isVisible()
    opens(button.click)


def test_keys_a_d_p_store_the_decision_of_the_selected_clip(
    qtbot, window: MainWindow, demo_db: Path
) -> None:
    ws = open_workspace(qtbot, window)
    clip = ws.current_clip()
    assert clip is not None and clip.camera == "Back yard"  # the first in time
    ws.timeline.setFocus()
    for key, state in (
        (Qt.Key.Key_A, "approved"),
        (Qt.Key.Key_D, "declined"),
        (Qt.Key.Key_P, "pending"),
    ):
        with qtbot.waitSignal(ws.decided, timeout=10000):
            qtbot.keyClick(ws.timeline, key)
        assert stored(demo_db, row_of(ws)) == {clip.clip_id: state}
        assert ws.candidates.decision(ws.selection.currentIndex().row()) == state
    assert "pending" in ws.decisions.message.text()
    # The request panel beside the list shows what the workspace decided.
    panel = window.requests_view.detail
    qtbot.waitUntil(lambda: panel.candidates.rowCount() == 3)
    with qtbot.waitSignal(ws.decided, timeout=10000):
        qtbot.keyClick(ws.timeline, Qt.Key.Key_A)

    def in_panel() -> str:
        return panel.candidates.decision(panel.candidates.clip_ids().index(clip.clip_id))

    qtbot.waitUntil(lambda: in_panel() == "approved", timeout=10000)


def test_arrows_move_along_the_timeline_and_between_cameras(qtbot, window: MainWindow) -> None:
    ws = open_workspace(qtbot, window)
    ws.timeline.setFocus()

    def camera() -> str:
        clip = ws.current_clip()
        assert clip is not None
        return clip.camera

    # The demo's clips: Back yard, then Driveway three hours on, then Front porch.
    assert ws.timeline.cameras == ["Back yard", "Driveway", "Front porch"]
    assert camera() == "Back yard"
    qtbot.keyClick(ws.timeline, Qt.Key.Key_Right)
    assert camera() == "Driveway"
    qtbot.keyClick(ws.timeline, Qt.Key.Key_Right)
    assert camera() == "Front porch"
    qtbot.keyClick(ws.timeline, Qt.Key.Key_Right)  # the last: it stays
    assert camera() == "Front porch"
    qtbot.keyClick(ws.timeline, Qt.Key.Key_Up)
    assert camera() == "Driveway"
    qtbot.keyClick(ws.timeline, Qt.Key.Key_Up)
    assert camera() == "Back yard"
    qtbot.keyClick(ws.timeline, Qt.Key.Key_Down)
    assert camera() == "Driveway"
    qtbot.keyClick(ws.timeline, Qt.Key.Key_Left)
    assert camera() == "Back yard"
    # The list shares the selection: it shows the same clip; a click on a bar selects it.
    assert ws.list.currentIndex().row() == ws.selection.currentIndex().row()
    bar = next(b for b in ws.timeline.bars if ws.timeline.cameras[b.lane] == "Front porch")
    centre = ws.timeline.bar_rect(bar).center().toPoint()
    qtbot.mouseClick(ws.timeline, Qt.MouseButton.LeftButton, pos=centre)
    assert camera() == "Front porch"
    assert "Front porch" in ws.info.text() and "Front porch" in ws.timeline.accessibleDescription()


def test_space_plays_and_pauses_the_selected_clip(qtbot, window: MainWindow) -> None:
    ws = open_workspace(qtbot, window)
    player = ws.preview.player
    qtbot.waitUntil(lambda: ws.preview.view.image is not None, timeout=10000)
    ws.timeline.setFocus()
    with qtbot.waitSignal(player.playing_changed, timeout=5000) as playing:
        qtbot.keyClick(ws.timeline, Qt.Key.Key_Space)
    assert playing.args == [True]
    assert ws.preview.controls.play.text() == "Pause"
    with qtbot.waitSignal(player.playing_changed, timeout=5000) as paused:
        qtbot.keyClick(ws.timeline, Qt.Key.Key_Space)
    assert paused.args == [False]
    # From the list too; on a button, Space presses the button, as everywhere.
    ws.list.setFocus()
    with qtbot.waitSignal(player.playing_changed, timeout=5000) as again:
        qtbot.keyClick(ws.list, Qt.Key.Key_Space)
    assert again.args == [True]
    player.pause()
    ws.decisions.decline.setFocus()
    with qtbot.waitSignal(ws.decided, timeout=10000):
        qtbot.keyClick(ws.decisions.decline, Qt.Key.Key_Space)
    assert not player.playing
    assert ws.candidates.decision(ws.selection.currentIndex().row()) == "declined"


def test_a_blocked_request_is_refused_as_in_the_request_panel(
    qtbot, window: MainWindow, demo_db: Path
) -> None:
    ws = open_workspace(qtbot, window, "demo-0002")  # no case number, too large an area
    panel = window.requests_view.detail
    for bar in (ws.decisions, panel.decisions):
        assert not bar.approve.isEnabled() and not bar.approve_all.isEnabled()
        assert bar.decline.isEnabled()
        assert "Nothing can be shared" in bar.blocked.text()
    assert ws.decisions.blocked.isVisible()
    assert "⊘ Blocks" in ws.terms.rules.text() or "Blocks" in ws.terms.rules.text()
    # The key goes through the same path as the panel's and is refused in its words.
    ws.timeline.setFocus()
    qtbot.keyClick(ws.timeline, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: ws.decisions.message.text().startswith("Not recorded"))
    panel.table.selectRow(panel.candidates.clip_ids().index(clip_of(ws).clip_id))
    panel.decide("approved")
    qtbot.waitUntil(lambda: panel.decisions.message.text().startswith("Not recorded"))
    assert ws.decisions.message.text() == panel.decisions.message.text()
    assert stored(demo_db, row_of(ws)) == {}
    # Declining is allowed, as in the panel.
    with qtbot.waitSignal(ws.decided, timeout=10000):
        qtbot.keyClick(ws.timeline, Qt.Key.Key_D)
    assert set(stored(demo_db, row_of(ws)).values()) == {"declined"}
    with qtbot.waitSignal(ws.decided, timeout=10000):
        ws.decisions.decline_all.click()
    n = ws.candidates.rowCount()
    assert ws.decisions.message.text() == f"{n} clips declined: nothing of them is sent."
    assert list(stored(demo_db, row_of(ws)).values()) == ["declined"] * n


def test_a_flagged_clip_asks_before_it_is_approved(
    qtbot, window: MainWindow, demo_db: Path
) -> None:
    ws = open_workspace(qtbot, window)
    clip = clip_of(ws)
    db = open_database(demo_db, kind="demo")
    with db.atomic():
        db.execute("UPDATE clips SET private = 1 WHERE id = ?", [clip.clip_id])
    db.close()
    with qtbot.waitSignal(ws.loaded, timeout=10000):
        ws.reload()
    assert ws.candidates.flag(ws.selection.currentIndex().row()) == "private"
    assert "flagged: private" in ws.timeline.describe(ws.selection.currentIndex().row())
    assert "⚑" in ws.info.text()
    ws.timeline.setFocus()
    qtbot.keyClick(ws.timeline, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: ws.confirm_box is not None and ws.confirm_box.isVisible())
    box = ws.confirm_box
    assert box is not None and "private" in box.text()
    assert stored(demo_db, row_of(ws)) == {}
    with qtbot.waitSignal(ws.decided, timeout=10000):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert stored(demo_db, row_of(ws)) == {clip.clip_id: "approved"}


def fits(ws: ReviewWorkspace) -> None:
    """Nothing scrolls sideways, nothing is cut at the right, every button is inside."""
    for area in ws.findChildren(QAbstractScrollArea):
        if area.isVisible():
            assert not area.horizontalScrollBar().isVisible(), area.accessibleName()
    header = ws.list.horizontalHeader()
    assert header.length() <= ws.list.viewport().width() + 1
    inside = ws.rect()
    for widget in ws.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, (QAbstractButton, QLabel)):
            continue
        where = widget.rect().translated(widget.mapTo(ws, widget.rect().topLeft()))
        if isinstance(widget, QAbstractButton):
            assert inside.contains(where), (widget.text(), where)
        else:  # a label may scroll down, never out at the side
            assert where.right() <= inside.right(), (widget.text()[:40], where)
    # The timeline's bars are all drawn inside it.
    for bar in ws.timeline.bars:
        r = ws.timeline.bar_rect(bar)
        assert r.left() >= 0 and r.right() <= ws.timeline.width()


@pytest.mark.parametrize("request_id", ["demo-0001", "demo-0002"])
def test_everything_fits_1280_by_800_at_the_usual_and_twice_the_text_size(
    qtbot, window: MainWindow, request_id: str
) -> None:
    ws = open_workspace(qtbot, window, request_id)
    # Every control a screen reader reaches says what it is.
    assert [type(w).__name__ for w in unnamed_controls(ws)] == []
    ws.resize(1280, 800)
    qtbot.waitUntil(lambda: ws.size().width() == 1280)
    QApplication.processEvents()
    fits(ws)
    usual = QApplication.font()
    big = QApplication.font()
    big.setPointSizeF(usual.pointSizeF() * 2)
    try:
        QApplication.setFont(big)
        QApplication.processEvents()
        with qtbot.waitSignal(ws.loaded, timeout=10000):
            ws.reload()
        QApplication.processEvents()
        assert ws.size().width() == 1280 and ws.size().height() <= 800
        fits(ws)
    finally:
        QApplication.setFont(usual)


def test_an_approved_clip_with_a_plan_plays_redacted_as_it_would_be_shared(
    qtbot, window: MainWindow, demo_db: Path
) -> None:
    from db.redaction.plan import Box, Track
    from db.redaction.store import save_plan
    from desktop import redaction_jobs as jobs

    ws = open_workspace(qtbot, window)
    clip = clip_of(ws)
    ws.timeline.setFocus()
    with qtbot.waitSignal(ws.decided, timeout=10000):
        qtbot.keyClick(ws.timeline, Qt.Key.Key_A)
    # Nothing stored to hide yet: the clip as recorded, nothing re-encoded, and where
    # what is hidden is reviewed.
    qtbot.waitUntil(lambda: "Review redaction" in ws.preview.caption.text())
    assert ws.preview.redacted is None and not ws.preview.original.isVisible()
    # A box the resident drew over the left half, stored as the review stores it.
    db = open_database(demo_db, kind="demo")
    ctx = jobs.load_context(db, row_of(ws), clip.clip_id)
    plan = ctx.fresh_plan()
    half = Box(0, 0, ctx.width // 2, ctx.height)
    plan.tracks = [Track("box-1", "box", [(ctx.start_s, half), (ctx.end_s, half)], "drawn")]
    with db.atomic():
        save_plan(db, row_of(ws), plan)
    db.close()
    # Seen again (another clip, then this one): its redacted preview is made and shown.
    qtbot.keyClick(ws.timeline, Qt.Key.Key_Right)
    with qtbot.waitSignal(ws.preview.redacted_ready, timeout=60000):
        qtbot.keyClick(ws.timeline, Qt.Key.Key_Left)
    assert ws.preview.redacted is not None and ws.preview.redacted.redacted
    assert ws.preview.original.isVisible()
    qtbot.waitUntil(lambda: ws.preview.caption.text() == "Redacted, as it would be shared")
    # "Show the original" shows the camera's picture at the same moment.
    with qtbot.waitSignal(ws.preview.player.shown, timeout=10000):
        ws.preview.original.setChecked(True)
    qtbot.waitUntil(lambda: ws.preview.caption.text() == "The clip as your camera recorded it")
    # Declined: nothing of it is shared, so nothing is shown redacted.
    with qtbot.waitSignal(ws.decided, timeout=10000):
        qtbot.keyClick(ws.timeline, Qt.Key.Key_D)
    assert ws.preview.redacted is None and not ws.preview.original.isVisible()
    assert ws.preview.caption.text() == "The clip as your camera recorded it"


def test_in_spanish_the_workspace_speaks_spanish(qtbot, qapp, window: MainWindow) -> None:
    from PySide6.QtCore import QLocale

    from desktop import i18n

    locale = QLocale()
    try:
        assert "doorstep_workspace_es.qm" in {p.name for p in i18n.install(qapp, "es")}
        ws = open_workspace(qtbot, window)
        assert ws.windowTitle() == "Revisión: package theft (Demo City Police Department)"
        assert ws.decisions.approve.accessibleName() == "Aprobar el clip seleccionado"
        assert "Conserva las grabaciones</b></span> 180 días" in ws.terms.terms.text()
        assert "dentro del periodo" in ws.info.text() and "Pendiente" in ws.info.text()
        ws.timeline.setFocus()
        with qtbot.waitSignal(ws.decided, timeout=10000):
            qtbot.keyClick(ws.timeline, Qt.Key.Key_A)
        assert ws.decisions.message.text() == "El clip está aprobado."
        assert ", aprobado" in ws.timeline.accessibleDescription()
    finally:
        QLocale.setDefault(locale)
        i18n.install(qapp, "en")


def test_a_request_that_cannot_be_read_is_said_in_the_workspace(qtbot, window: MainWindow) -> None:
    opener = opener_of(window)
    ws = opener.open(9999)  # no such request: gone since the list was read
    assert ws is not None
    qtbot.waitUntil(lambda: "cannot be read" in ws.placeholder.text(), timeout=10000)
    assert "no request row 9999" in ws.placeholder.text()
    assert ws.placeholder.isVisible() and not ws.splitter.isVisible()


def test_snapshot_of_the_workspace_shows_it_and_changes_nothing(
    demo_db: Path, tmp_path: Path
) -> None:
    """``main.py --demo snapshot --view workspace``, in a process of its own as the README
    images are made: the workspace of the demo's request that fits the rules."""
    import os
    import subprocess
    import sys

    from PySide6.QtGui import QImage

    out = tmp_path / "workspace.png"
    before = demo_db.read_bytes()
    command = ["main.py", "--demo", "--db", str(demo_db), "snapshot", str(out)]
    proc = subprocess.run(
        [sys.executable, *command, "--view", "workspace"],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout == f"Saved {out} (1280×800 pixels)\n"
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    colours = {image.pixel(x, y) for x in range(0, 1280, 7) for y in range(0, 800, 7)}
    assert len(colours) > 20  # the terms, the timeline, the picture: not a blank window
    assert demo_db.read_bytes() == before  # looking records nothing
