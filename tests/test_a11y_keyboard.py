"""The whole journey with the keyboard only, as a resident who cannot use a mouse makes
it: import a request file from the menu, select it in the list, open it in the review
workspace, approve one clip and decline another, write a statement and export the
package. Every key goes to the widget that has the focus (or the active window); nothing
is clicked and no widget's method is called."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.demo.synth import make_clip
from db.store.database import open_database
from desktop.main_window import MainWindow
from desktop.widgets.statement_dialog import StatementDialog
from desktop.workspace.window import ReviewWorkspace
from tests.a11y_windows import describe
from tests.redaction_review_helpers import faces_as_recorded
from tests.requests_helpers import PORCH, make_doc, window_base, write_doc
from tests.test_gui_requests import open_window

__all__ = ["open_window"]  # the fixture, used by name
Key = Qt.Key
MOD = Qt.KeyboardModifier


@pytest.fixture(autouse=True)
def qt_file_dialogs(qapp):
    """Qt's own file dialog, in which a path is typed (a desktop's native one is another
    process a test cannot type into)."""
    attribute = Qt.ApplicationAttribute.AA_DontUseNativeDialogs
    before = qapp.testAttribute(attribute)
    qapp.setAttribute(attribute, True)
    yield
    qapp.setAttribute(attribute, before)


@pytest.fixture
def two_clips_db(tmp_path: Path) -> Path:
    """One camera at the porch with two clips inside the request's window."""
    path = tmp_path / "doorstep.sqlite3"
    clips = tmp_path / "porch"
    clips.mkdir()
    for name, minutes in (("first.mp4", 20), ("second.mp4", 70)):
        make_clip(clips / name, seconds=3, creation_time=window_base() + timedelta(minutes=minutes))
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0], tz="America/Los_Angeles"))
    assert import_folder(db, clips, cam).added == 2
    db.close()
    return path


def focused() -> QWidget:
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(key: Key, modifier: Qt.KeyboardModifier = MOD.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifier)


def type_text(text: str) -> None:
    QTest.keyClicks(focused(), text)


def tab_to(qtbot, target: QWidget, backwards: bool = False, limit: int = 80) -> None:
    """Tab (or Shift+Tab) until ``target`` has the focus; fails when it cannot be
    reached (a control the keyboard never gets to)."""
    seen = []
    for _ in range(limit):
        if focused() is target:
            return
        if backwards:
            press(Key.Key_Backtab, MOD.ShiftModifier)
        else:
            press(Key.Key_Tab)
        seen.append(describe(focused()))
    pytest.fail(f"{target!r} is not reached with Tab; the focus went through {seen}")


def activated(qtbot, window: QWidget) -> None:
    """A new window gets the focus: what a desktop's window manager does, which the
    offscreen platform does not."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def modal(qtbot, kind: type[QWidget]) -> QWidget:
    """The dialog of ``kind`` the last key opened, active."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, kind)
    activated(qtbot, dialog)
    return dialog


def _first_in_time(workspace: ReviewWorkspace) -> int:
    assert workspace.detail is not None
    return min(workspace.detail.candidates, key=lambda c: c.start_utc).clip_id


# The file dialog's completer pops up as a path is typed: noise of the offscreen platform.
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
def test_import_decide_and_export_with_the_keyboard_only(
    qtbot, open_window, two_clips_db: Path, tmp_path: Path
) -> None:
    faces_as_recorded()  # no face review: that window has its own tests
    doc = make_doc()
    request_file = write_doc(tmp_path, doc, "request.json")
    window: MainWindow = open_window(two_clips_db)
    activated(qtbot, window)
    view = window.requests_view
    panel = view.detail

    # Requests ▸ Import request… (Ctrl+O), the file's path typed, Enter.
    press(Key.Key_O, MOD.ControlModifier)
    dialog = modal(qtbot, QFileDialog)
    type_text(str(request_file))
    with qtbot.waitSignal(window.services.requests.loaded, timeout=10000):
        press(Key.Key_Return)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10000)
    assert not dialog.isVisible()
    activated(qtbot, window)  # the dialog closed: the window has the focus again

    # The list of requests: reached with Tab, the request selected with the arrows.
    tab_to(qtbot, view.table)
    press(Key.Key_End)
    press(Key.Key_Home)
    qtbot.waitUntil(lambda: view.table.selectionModel().hasSelection())
    qtbot.waitUntil(lambda: panel.candidates.rowCount() == 2, timeout=10000)
    assert panel.detail is not None and panel.detail.doc.id == doc["id"]

    # Enter opens it in the review workspace, on its first clip in time: that one is
    # approved with the Approve button (Tab to it, Space), the next (→) declined with D.
    press(Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), ReviewWorkspace))
    workspace = QApplication.activeWindow()
    assert isinstance(workspace, ReviewWorkspace)
    qtbot.waitUntil(lambda: workspace.candidates.rowCount() == 2, timeout=10000)
    qtbot.waitUntil(lambda: focused() is workspace.timeline)
    first, second = sorted(
        range(2), key=lambda r: workspace.candidates.clip_ids()[r] != _first_in_time(workspace)
    )
    assert workspace.selected_clip_ids() == [workspace.candidates.clip_ids()[first]]
    tab_to(qtbot, workspace.decisions.approve)
    with qtbot.waitSignal(workspace.decided, timeout=10000):
        press(Key.Key_Space)
    qtbot.waitUntil(lambda: workspace.candidates.decision(first) == "approved", timeout=10000)
    tab_to(qtbot, workspace.timeline, backwards=True)
    press(Key.Key_Right)
    assert workspace.selected_clip_ids() == [workspace.candidates.clip_ids()[second]]
    with qtbot.waitSignal(workspace.decided, timeout=10000):
        press(Key.Key_D)
    qtbot.waitUntil(lambda: workspace.candidates.decision(second) == "declined", timeout=10000)
    assert workspace.candidates.decision(first) == "approved"

    # The platform's Close key (Ctrl+W, or Ctrl+F4) closes it; the request panel shows
    # the decisions.
    QTest.keySequence(focused(), QKeySequence(QKeySequence.StandardKey.Close))
    qtbot.waitUntil(lambda: not workspace.isVisible())
    activated(qtbot, window)
    qtbot.waitUntil(
        lambda: sorted(panel.candidates.decision(r) for r in range(2)) == ["approved", "declined"],
        timeout=10000,
    )

    # The statement: its button reached with Tab, pressed with Space, typed, Tab to OK.
    share = panel.share
    tab_to(qtbot, share.statement_button)
    press(Key.Key_Space)
    statement = modal(qtbot, StatementDialog)
    type_text("A man took the parcel at 3 pm.")
    press(Key.Key_Tab)  # out of the text, to the buttons
    press(Key.Key_Return)
    qtbot.waitUntil(lambda: not statement.isVisible())
    activated(qtbot, window)
    assert share.statement == "A man took the parcel at 3 pm."

    # Export package…: Space, the folder's path typed, Enter; the package is built.
    out = tmp_path / "out"
    out.mkdir()
    tab_to(qtbot, share.export_button)
    press(Key.Key_Space)
    folder = modal(qtbot, QFileDialog)
    type_text(str(out))
    with qtbot.waitSignal(window.services.sharing.finished, timeout=60000):
        press(Key.Key_Return)
    assert not folder.isVisible()
    [package] = list(out.iterdir())
    manifest = json.loads((package / "manifest.json").read_bytes())
    assert manifest["statement"] == "A man took the parcel at 3 pm."
    assert len(manifest["files"]) == 1  # the approved clip only


def test_space_plays_the_clip_in_the_clips_table(qtbot, open_window, two_clips_db: Path) -> None:
    """Space is View ▸ Play or pause where the clips are; elsewhere it presses the focused
    button (the journey above presses the statement and export buttons with it)."""
    window: MainWindow = open_window(two_clips_db)
    activated(qtbot, window)
    clips = window.clips_view
    tab_to(qtbot, window.tabs.tabBar())
    while window.tabs.currentWidget() is not clips:
        press(Key.Key_Right)
    tab_to(qtbot, clips.table)
    press(Key.Key_Down)
    press(Key.Key_Up)
    qtbot.waitUntil(lambda: clips.detail.clip is not None, timeout=10000)
    press(Key.Key_Space)
    player = clips.detail.player.player
    assert player is not None
    assert clips.detail.clip is not None
    assert player.source().toLocalFile() == clips.detail.clip.path
