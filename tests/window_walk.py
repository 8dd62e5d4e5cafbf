"""Every window and dialog of the app opened as a resident opens it, each handed to a
check (tests/test_a11y_names.py: names and keyboard; tests/test_text_scale.py: 200 %
text), and the dialog classes of desktop/ the walk saw, so a test fails on a new dialog
no walk opens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtWidgets import QDialog, QWidget

from desktop.main_window import MainWindow
from desktop.widgets.camera_dialogs import CamerasDialog
from tests.a11y_windows import opened_by, shown_dialogs
from tests.gui_requests_helpers import import_files
from tests.redaction_review_helpers import faces_as_recorded
from tests.requests_helpers import make_doc, write_doc

# The menu commands that open a dialog; the dialogs opened from another one, or from the
# request panel, are opened by their own path in walk_everything.
OPENED_FROM_MENUS = [
    "import",
    "add-camera",
    "cameras",
    "measure-clock",
    "privacy-masks",
    "record-request",
    "feeds",
    "rules",
    "credentials",
    "agencies",
    "retention",
    "base-map",
    "store-limit",
    "language",
]


def close(dialog: QWidget) -> None:
    dialog.close()
    if isinstance(dialog, QDialog):
        dialog.reject()


class Walk:
    """The windows walked (``seen``: their class names); a subclass checks each."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def check(self, label: str, root: QWidget) -> None:
        """Check ``root`` (a window, a dialog, or the first-launch page in its window)."""
        self.seen.add(type(root).__name__)

    def tab_shown(self, label: str, window: MainWindow) -> None:
        """The main window with its tab ``label`` in front."""

    def open(self, qtbot, label: str, action: Callable[[], object]) -> QWidget:
        [dialog] = list(opened_by(qtbot, action))
        qtbot.wait(50)  # its first reads land (a dialog fills its lists on the DB thread)
        self.check(label, dialog)
        return dialog


W = TypeVar("W", bound=Walk)


@pytest.fixture
def window(qtbot, open_window, library_db: Path, tmp_path: Path) -> MainWindow:
    """The window with a request imported, its clip approved and a package exported."""
    faces_as_recorded()
    win = open_window(library_db)
    panel = win.requests_view.detail
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        import_files(qtbot, win, [write_doc(tmp_path, make_doc())])
    with qtbot.waitSignal(panel.decided, timeout=10000):
        panel.decisions.approve_all.click()
    out = tmp_path / "out"
    out.mkdir()
    with (
        qtbot.waitSignal(win.services.sharing.finished, timeout=60000),
        qtbot.waitSignal(panel.loaded, timeout=60000),
    ):
        panel.export_to(out)
    return win


def walk_everything(qtbot, open_window, window: MainWindow, tmp_path: Path, walk: W) -> W:
    """Open every window and dialog as a resident does and hand each to ``walk``."""
    # The first-launch page, on a database with no camera yet.
    walk.check("first-launch page", open_window(tmp_path / "new.sqlite3").empty)
    # The main window once each tab has been in front (the audit trail's view is made
    # when first shown); hidden parts are walked too.
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(50)
        walk.tab_shown(window.tabs.tabText(index), window)
    window.tabs.setCurrentIndex(0)
    walk.check("main window", window)

    # Every menu command that opens a dialog.
    for action_id in OPENED_FROM_MENUS:
        dialog = walk.open(qtbot, action_id, window.commands[action_id].trigger)
        if isinstance(dialog, CamerasDialog):  # its Add… opens the camera's own dialog
            close(walk.open(qtbot, "cameras ▸ add", dialog.add_button.click))
        close(dialog)

    panel = window.requests_view.detail
    share = panel.share
    close(walk.open(qtbot, "statement", share.statement_button.click))
    close(walk.open(qtbot, "hand-over", share.handover_button.click))

    # The review workspace, on the request selected (Requests ▸ Review request…).
    close(walk.open(qtbot, "review workspace", window.commands["review-request"].trigger))

    from desktop.widgets.password_dialog import PasswordDialog

    # The hand-over's USB choice shows it once a zip is written: made here directly.
    password = PasswordDialog("correct-horse-battery", "/media/usb/package.zip", window)
    qtbot.addWidget(password)
    close(walk.open(qtbot, "password", password.open))

    from desktop.widgets.redaction_review import RedactionReview

    [clip_id] = panel.candidates.clip_ids()
    assert panel._row_id is not None
    review = RedactionReview(window.services.db, panel._row_id, clip_id, find_faces=False)
    qtbot.addWidget(review)
    review.show()
    qtbot.waitUntil(lambda: review.ctx is not None, timeout=30000)
    walk.check("redaction review", review)
    review.close()
    qtbot.waitUntil(lambda: not shown_dialogs(), timeout=10000)
    return walk
