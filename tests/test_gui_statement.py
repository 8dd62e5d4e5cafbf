"""The window's share bar: the resident's statement, written in a small dialog, and
content credentials, asked for with a check box, go into the package exported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox

from db.sharing.content_credentials import UNTRUSTED, read_credentials
from desktop.widgets.statement_dialog import StatementDialog
from tests.redaction_review_helpers import faces_as_recorded
from tests.requests_helpers import make_doc, write_doc
from tests.test_gui_requests import import_files, library_db, open_window

__all__ = ["library_db", "open_window"]  # fixtures, used by name


def package_of(out: Path) -> tuple[Path, dict[str, Any]]:
    [package] = list(out.iterdir())
    return package, json.loads((package / "manifest.json").read_bytes())


def test_statement_and_content_credentials_from_the_share_bar(
    qtbot, open_window, library_db: Path, tmp_path: Path
) -> None:
    faces_as_recorded()  # no face review: this test is about sharing
    window = open_window(library_db)
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    panel = view.detail
    with qtbot.waitSignal(panel.decided, timeout=10000):
        panel.decisions.approve_all.click()
    share = panel.share
    assert share.statement is None and share.statement_label.text() == "No statement"
    assert not share.credentials.isChecked()  # off unless the resident asks

    share.statement_button.click()
    dialog = share.statement_dialog
    assert isinstance(dialog, StatementDialog) and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.edit.setPlainText("A man took the parcel.\x07")
    assert not ok.isEnabled()
    assert dialog.problem.text() == ("The statement holds a control character (U+0007) on line 1.")
    dialog.edit.setPlainText("  A man took the parcel at 3 pm.\n\nZoë saw him too.  \n")
    assert ok.isEnabled() and not dialog.problem.isVisible()
    ok.click()
    assert share.statement == "A man took the parcel at 3 pm.\n\nZoë saw him too."
    assert share.statement_label.text() == "Your statement: 12 words"
    assert share.statement_button.text() == "Edit your statement…"
    share.credentials.setChecked(True)

    out = tmp_path / "out"
    out.mkdir()
    with qtbot.waitSignal(window.services.sharing.finished, timeout=60000):
        panel.export_to(out)
    package, manifest = package_of(out)
    assert manifest["statement"] == share.statement
    [entry] = manifest["files"]
    found = read_credentials(package / entry["name"])
    assert (found["state"], found["failures"]) == ("Valid", [UNTRUSTED])

    share.statement_button.click()  # opened again: the text is there to edit
    dialog = share.statement_dialog
    assert isinstance(dialog, StatementDialog)
    assert dialog.edit.toPlainText() == share.statement
    dialog.edit.setPlainText("   ")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert share.statement is None and share.statement_label.text() == "No statement"
