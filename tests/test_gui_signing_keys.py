"""From the window, the resident's signing key is made the same way as from the
command line (db.sharing.signing_keys): the Credentials dialog's create/rotate and public key
export, and a package built from a request, each leave one "created" entry for a key
they make, and a key whose entry cannot be written is not kept in the keyring."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from db.sharing import signing_keys
from desktop.dbthread import DbService
from tests.redaction_review_helpers import faces_as_recorded
from tests.requests_helpers import make_doc, write_doc
from tests.signing_key_entries import created, key_entries, refuse_entries
from tests.test_gui_credentials import dbs, open_credentials  # noqa: F401 - fixtures
from tests.test_gui_requests import (  # noqa: F401 - a window on a resident's database
    import_files,
    library_db,
    open_window,
)


def key_id() -> str:
    found = signing_keys.current()
    assert found is not None
    return found[1]


def rotate(qtbot, dialog) -> None:
    """Create or rotate…, then Yes."""
    dialog._rotate()
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.confirm.button(QMessageBox.StandardButton.Yes).click()


def test_dialog_create_then_rotate(qtbot, dbs: DbService, tmp_path: Path) -> None:  # noqa: F811
    dialog = open_credentials(qtbot, dbs)
    rotate(qtbot, dialog)
    first = key_id()
    assert first in dialog.key_label.text()
    rotate(qtbot, dialog)
    second = key_id()
    assert second != first and second in dialog.key_label.text()
    path = tmp_path / "doorstep.sqlite3"
    assert key_entries(path) == [
        created(first),
        {"kind": "signing key", "target": second, "change": "rotated"},
    ]


def test_dialog_export_makes_the_key_once(
    qtbot,
    dbs: DbService,  # noqa: F811
    tmp_path: Path,
    monkeypatch,
) -> None:
    dialog = open_credentials(qtbot, dbs)
    for name in ("one.pem", "two.pem"):
        out = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, o=out, **k: (str(o), ""))
        dialog._export()
        saved = f"Public key saved to {out}."
        qtbot.waitUntil(lambda s=saved: dialog.message.text() == s, timeout=10000)
        assert out.read_bytes() == signing_keys.public_key_pem()
    assert key_entries(tmp_path / "doorstep.sqlite3") == [created(key_id())]


def test_dialog_keeps_no_key_without_its_entry(
    qtbot,
    dbs: DbService,  # noqa: F811
    tmp_path: Path,
    monkeypatch,
) -> None:
    dialog = open_credentials(qtbot, dbs)
    refuse_entries(tmp_path / "doorstep.sqlite3")
    dialog._rotate()
    dialog.confirm.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Not done:"), timeout=10000)
    assert "disk full" in dialog.message.text()
    out = tmp_path / "public.pem"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    dialog.message.clear()
    dialog._export()
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Not done:"), timeout=10000)
    assert signing_keys.current() is None and not out.exists()
    assert key_entries(tmp_path / "doorstep.sqlite3") == []


def approved(qtbot, window, tmp_path: Path, doc: dict):
    """Import and approve a request in the window; an empty folder and the panel to
    export it from."""
    panel = window.requests_view.detail
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, doc)])
    with qtbot.waitSignal(panel.decided, timeout=10000):
        panel.decisions.approve_all.click()
    out = tmp_path / "out"
    out.mkdir()
    return out, panel


def test_package_from_the_window_records_the_key_once(
    qtbot,
    open_window,  # noqa: F811
    library_db: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    faces_as_recorded()  # no face review: this test is about sharing
    window = open_window(library_db)
    out, panel = approved(qtbot, window, tmp_path, make_doc())
    sharing = window.services.sharing
    again = tmp_path / "again"  # package names are to the second: not the same folder
    again.mkdir()
    for folder in (out, again):
        with qtbot.waitSignal(sharing.finished, timeout=60000) as done:
            panel.export_to(folder)
        assert "Package written to" in done.args[1]
    assert key_entries(library_db) == [created(key_id())]


def test_package_from_the_window_keeps_no_key_without_its_entry(
    qtbot,
    open_window,  # noqa: F811
    library_db: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    faces_as_recorded()  # no face review: this test is about sharing
    window = open_window(library_db)
    out, panel = approved(qtbot, window, tmp_path, make_doc())
    refuse_entries(library_db)
    with qtbot.waitSignal(window.services.sharing.failed, timeout=20000) as failed:
        panel.export_to(out)
    assert "disk full" in failed.args[1]
    assert signing_keys.current() is None and list(out.iterdir()) == []
