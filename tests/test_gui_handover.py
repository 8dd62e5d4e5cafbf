"""Hand over… in the window (desktop/widgets/handover_dialog.py): the portal's files
prepared on a worker, the portal and the folder opened, the encrypted zip's password shown
once, and the record written on the database thread, against a real database and a real
package."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import pyzipper  # type: ignore[import-untyped]
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication

from db.requests.intake import import_request_bytes
from db.sharing.shares import record_package
from db.store.database import open_database
from desktop.dbthread import DbService
from desktop.widgets.handover_dialog import HandoverDialog
from tests.handover_helpers import build_test_package
from tests.requests_helpers import make_doc

PORTAL = "https://portal.example.gov/community/request/7731"


@pytest.fixture
def setup(tmp_path: Path) -> dict:
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    doc = make_doc(delivery={"method": "portal", "url": PORTAL})
    received = import_request_bytes(db, json.dumps(doc).encode(), now=datetime.now(UTC))
    package = build_test_package(tmp_path / "built")
    package_id = record_package(db, received.row_id, package, now=datetime.now(UTC))
    db.close()
    return {"db": path, "row": received.row_id, "package": package, "package_id": package_id}


@pytest.fixture
def dbs(setup: dict):
    service = DbService(setup["db"])
    yield service
    service.shutdown()


class Opened(QObject):
    """Where QDesktopServices was asked to go (a URL handler, so no browser starts)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened():
    catcher = Opened()
    for scheme in ("https", "file"):
        QDesktopServices.setUrlHandler(scheme, catcher, "open")  # type: ignore[arg-type]
    yield catcher
    for scheme in ("https", "file"):
        QDesktopServices.unsetUrlHandler(scheme)


def _dialog(qtbot, dbs: DbService, row: int) -> HandoverDialog:
    dialog = HandoverDialog(dbs, row)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        pass
    dialog.show()
    return dialog


def _rows(path: Path, sql: str) -> list[tuple]:
    db = open_database(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_portal_files_the_links_and_the_record(qtbot, dbs, setup, opened, tmp_path) -> None:
    dialog = _dialog(qtbot, dbs, setup["row"])
    assert setup["package"].name in dialog.heading.text()
    assert dialog.method() == "portal" and dialog.open_portal.isEnabled()
    assert not dialog.open_folder.isEnabled()
    dialog.open_portal.click()
    assert [u.toString() for u in opened.urls] == [PORTAL]

    with qtbot.waitSignal(dialog.prepared, timeout=10000) as ready:
        dialog.prepare_upload(tmp_path / "upload")
    (zip_file,) = ready.args[0].files
    assert zip_file.name == f"{setup['package'].name}.zip"
    assert zip_file.name in dialog.upload_files.text()
    assert not dialog.progress.isVisible() and dialog.record_button.isEnabled()
    dialog.open_folder.click()
    assert opened.urls[-1] == QUrl.fromLocalFile(str(tmp_path / "upload"))

    dialog.note.setText("Axon reference 7731")
    with qtbot.waitSignal(dialog.recorded, timeout=5000) as got:
        dialog.record_button.click()
    assert got.args == [setup["row"]]
    (row,) = _rows(setup["db"], "SELECT package_id, method, note FROM handovers")
    assert row == (setup["package_id"], "portal", "Axon reference 7731")
    assert "Recorded: the package was uploaded through the agency's portal" in (
        dialog.status.text()
    )
    assert not dialog.record_button.isEnabled()

    again = _dialog(qtbot, dbs, setup["row"])  # opened again: it says so, records nothing
    assert "uploaded through the agency's portal on" in again.heading.text()
    assert not again.record_button.isEnabled()


def test_usb_the_password_is_shown_once_and_the_zip_recorded(qtbot, dbs, setup, tmp_path) -> None:
    dialog = _dialog(qtbot, dbs, setup["row"])
    dialog.choice.button(1).setChecked(True)
    assert dialog.method() == "usb" and dialog.pages[1].isVisible()
    assert not dialog.pages[0].isVisible()
    assert dialog.encrypt.isChecked()
    drive = tmp_path / "drive"
    drive.mkdir()
    with qtbot.waitSignal(dialog.prepared, timeout=10000) as ready:
        dialog.write_to(drive, encrypt=True)
    encrypted = ready.args[0]
    shown = dialog.password_dialog
    assert shown is not None and shown.isVisible()
    password = shown.password.text()
    with pyzipper.AESZipFile(encrypted) as zf:
        zf.setpassword(password.encode())
        assert (
            zf.read(f"{setup['package'].name}/manifest.json")
            == (setup["package"] / "manifest.json").read_bytes()
        )
    assert not shown.copied.isVisible()
    shown.copy.click()
    assert QGuiApplication.clipboard().text() == password and shown.copied.isVisible()
    shown.done_button.click()
    assert shown.password.text() == ""  # forgotten once closed
    QGuiApplication.clipboard().clear()

    dialog.recipient.setText("Det. A. Rivera")
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        dialog.record_button.click()
    digest = hashlib.sha256(encrypted.read_bytes()).hexdigest()
    assert _rows(setup["db"], "SELECT method, recipient, encrypted_sha256 FROM handovers") == [
        ("usb", "Det. A. Rivera", digest)
    ]
    audit = _rows(
        setup["db"], "SELECT action, details FROM audit_log WHERE action IN "
        "('encrypted zip made', 'package handed over') ORDER BY seq",
    )  # fmt: skip
    assert [a for a, _ in audit] == ["encrypted zip made", "package handed over"]
    assert all(password not in details for _, details in audit)


def test_a_plain_copy_and_a_refused_record_say_so(qtbot, dbs, setup, tmp_path) -> None:
    dialog = _dialog(qtbot, dbs, setup["row"])
    dialog.choice.button(1).setChecked(True)
    drive = tmp_path / "drive"
    drive.mkdir()
    with qtbot.waitSignal(dialog.prepared, timeout=10000):
        dialog.write_to(drive, encrypt=False)
    assert (drive / setup["package"].name / "manifest.json").is_file()
    assert "not encrypted" in dialog.drive_result.text() and dialog.password_dialog is None
    with qtbot.waitSignal(dialog.work_failed, timeout=10000) as failed:
        dialog.write_to(drive, encrypt=False)  # the copy is there already
    assert "already exists" in failed.args[0]
    assert dialog.status.text().startswith("Not written: ")

    db = open_database(setup["db"])  # a newer package built meanwhile (another window)
    newer = record_package(db, setup["row"], setup["package"], now=datetime.now(UTC))
    db.close()
    dialog.choice.button(2).setChecked(True)
    dialog.record_button.click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Not recorded"), timeout=5000)
    assert f"package {newer} was built after it" in dialog.status.text()
    assert _rows(setup["db"], "SELECT count(*) FROM handovers") == [(0,)]


def test_the_request_panel_offers_hand_over_until_recorded(qtbot, dbs, setup) -> None:
    from desktop.widgets.request_detail import RequestDetailPanel

    panel = RequestDetailPanel(dbs)
    panel.record_views = False
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.show_request(setup["row"])
    assert not panel.share.handover_button.isHidden()
    assert "A package is built: Hand over…" in panel.share.status.text()
    panel.open_handover()
    dialog = panel.handover_dialog
    assert isinstance(dialog, HandoverDialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        pass
    with (
        qtbot.waitSignal(panel.decided, timeout=5000),
        qtbot.waitSignal(panel.loaded, timeout=5000),
    ):
        dialog.record_button.click()
    assert panel.share.handover_button.isHidden()  # recorded: decisions are final
    assert panel.share.status.text().startswith("Delivered on ")
    dialog.close()


def test_no_hand_over_for_a_request_that_asks_for_an_upload(qtbot, dbs, setup) -> None:
    from desktop.widgets.request_detail import RequestDetailPanel

    db = open_database(setup["db"])
    upload = make_doc(delivery={"method": "upload", "url": "https://evidence.example.gov/u/1"})
    received = import_request_bytes(db, json.dumps(upload).encode(), now=datetime.now(UTC))
    record_package(db, received.row_id, setup["package"], now=datetime.now(UTC))
    db.close()
    panel = RequestDetailPanel(dbs)
    panel.record_views = False
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.show_request(received.row_id)
    assert panel.share.handover_button.isHidden()


def test_nothing_to_hand_over_before_a_package_is_built(qtbot, dbs, setup) -> None:
    db = open_database(setup["db"])
    received = import_request_bytes(db, json.dumps(make_doc()).encode(), now=datetime.now(UTC))
    db.close()
    dialog = _dialog(qtbot, dbs, received.row_id)
    assert "No package is built for this request yet: export it first" in dialog.heading.text()
    assert not dialog.record_button.isEnabled() and not dialog.prepare_button.isEnabled()
    assert not dialog.open_portal.isEnabled()  # its delivery names no portal
    assert "use the link the agency sent" in dialog.open_portal.toolTip()
    dialog.record()  # nothing to record: nothing happens
    dialog.cancel()  # nothing running: nothing happens
    assert _rows(setup["db"], "SELECT count(*) FROM handovers") == [(0,)]
