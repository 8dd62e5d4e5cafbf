"""Deciding in the window and what follows: clip by clip in the request panel, a blocked
request offering no approval, the credentials page, and the audit view with its
indicator.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from db.store.database import open_database
from desktop.models.requests import COL
from tests.gui_requests_helpers import import_files, library_db, open_window
from tests.requests_helpers import make_doc, write_doc

__all__ = ["library_db", "open_window"]  # fixtures, used by name


def test_deciding_clip_by_clip_in_the_detail(
    qtbot,
    open_window,
    library_db: Path,
    tmp_path: Path,
) -> None:
    """Approve and decline with the buttons and the keyboard; a flagged clip asks
    first; the request shows as decided once every candidate is decided."""
    db = open_database(library_db)
    db.execute("UPDATE clips SET private = 1 WHERE path LIKE '%in-window%'")
    db.conn.commit()
    db.close()
    window = open_window(library_db)
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    panel = view.detail
    assert panel.candidates.rowCount() == 1
    assert "private" in panel.candidates.index(0, 0).data()
    panel.table.selectRow(0)
    panel.decisions.approve.click()
    qtbot.waitUntil(lambda: panel.confirm_box is not None and panel.confirm_box.isVisible())
    assert "private" in panel.confirm_box.text()
    with qtbot.waitSignal(panel.decided, timeout=10000):
        panel.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    assert panel.candidates.decision(0) == "approved"
    qtbot.waitUntil(lambda: view.proxy.index(0, COL["status"]).data() == "Decided")
    # The keyboard: D declines the selected clip.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    panel.table.setFocus()
    with qtbot.waitSignal(panel.decided, timeout=10000):
        qtbot.keyClick(panel.table, Qt.Key.Key_D)
    assert panel.candidates.decision(0) == "declined"
    assert "nothing is sent" in panel.decisions.message.text()
    db = open_database(library_db)
    assert db.execute("SELECT state FROM decisions").fetchall() == [("declined",)]
    db.close()


def test_blocked_request_offers_no_approval(
    qtbot,
    open_window,
    library_db: Path,
    tmp_path: Path,
) -> None:
    window = open_window(library_db)
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc(case_number=None))])
    bar = view.detail.decisions
    assert not bar.approve.isEnabled() and not bar.approve_all.isEnabled()
    assert bar.decline.isEnabled()
    assert "Nothing can be shared" in bar.blocked.text() and "case number" in bar.blocked.text()


def test_credentials_page_sets_removes_and_exports(
    qtbot,
    open_window,
    library_db: Path,
    tmp_path: Path,
    monkeypatch,
) -> None:
    """Tokens go to the keyring and only 'token set' shows; the signing key is made
    and its public half exported; each change is in the audit trail, without the
    secret."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from db.keys import credentials
    from desktop.widgets.credentials_dialog import CredentialsDialog

    window = open_window(library_db)
    doc = make_doc(delivery={"method": "upload", "url": "https://evidence.example.gov/u/1"})
    import_files(qtbot, window, [write_doc(tmp_path, doc)])
    dialog = CredentialsDialog(window.services.db, window)
    window.refresher.follow(dialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.uploads.count() == 1, timeout=10000)
    assert "no token" in dialog.uploads.item(0).text()
    dialog.uploads.setCurrentRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("s3cr3t-upload", True))
    dialog._set_upload()
    qtbot.waitUntil(lambda: "token set" in dialog.uploads.item(0).text(), timeout=10000)
    assert credentials.get_upload_token("https://evidence.example.gov/") == "s3cr3t-upload"
    assert "s3cr3t" not in dialog.uploads.item(0).text()
    dialog.uploads.setCurrentRow(0)
    dialog._remove_upload()
    qtbot.waitUntil(lambda: "no token" in dialog.uploads.item(0).text(), timeout=10000)
    out = tmp_path / "public.pem"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    dialog._export()
    qtbot.waitUntil(out.exists, timeout=10000)
    assert b"PUBLIC KEY" in out.read_bytes() and b"PRIVATE" not in out.read_bytes()
    db = open_database(library_db)
    qtbot.waitUntil(
        lambda: (
            db.execute(
                "SELECT count(*) FROM audit_log WHERE action = 'credential changed'"
            ).fetchone()[0]
            == 3
        ),
        timeout=10000,
    )
    rows = [
        r[0]
        for r in db.execute(
            "SELECT details FROM audit_log WHERE action = 'credential changed' ORDER BY seq"
        )
    ]
    db.close()
    assert '"change":"set"' in rows[0] and '"change":"removed"' in rows[1]
    assert '"change":"created"' in rows[2]  # the key made for the export
    assert all("s3cr3t" not in r for r in rows)


def test_audit_view_and_indicator(
    qtbot,
    qtmodeltester,
    open_window,
    library_db: Path,
    tmp_path: Path,
) -> None:
    """The trail in the window: entries filtered and exported; the indicator turns red
    naming the entry when the file was tampered with, after 'Check again'."""
    import sqlite3

    window = open_window(library_db)
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    with qtbot.waitSignal(view.detail.decided, timeout=10000):
        view.detail.decisions.decline_all.click()
    audit_view = window.audit_view
    with qtbot.waitSignal(audit_view.model.loaded, timeout=10000):
        audit_view.apply()
    model = audit_view.model
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: "…" not in [model.index(r, 2).data() for r in range(model.rowCount())])
    actions = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert actions[0] == "decision" and "request received" in actions
    assert "camera added" in actions and "request viewed" in actions
    with qtbot.waitSignal(model.loaded, timeout=10000):
        audit_view.action.setCurrentIndex(audit_view.action.findData("decision"))
    assert model.rowCount() == 1
    out = tmp_path / "audit.csv"
    audit_view.export_to(out, "csv")
    qtbot.waitUntil(out.exists, timeout=10000)
    assert out.read_text().splitlines()[1].split(",")[2] == "decision"
    indicator = window.audit_indicator
    with qtbot.waitSignal(indicator.checked, timeout=20000):
        indicator.check()
    assert "intact" in indicator.label.text()
    with sqlite3.connect(library_db) as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET details = '{}' WHERE seq = 2")
    conn.close()
    with qtbot.waitSignal(indicator.checked, timeout=20000):
        indicator.button.click()
    assert indicator.label.text() == "Audit trail: BROKEN at entry 2"
    with sqlite3.connect(library_db) as conn:
        conn.execute("DROP TABLE audit_log")
    conn.close()
    with qtbot.waitSignal(indicator.checked, timeout=20000):
        indicator.button.click()
    assert indicator.label.text() == "Audit trail: GONE"
    assert "table (audit_log) was removed" in indicator.label.toolTip()
