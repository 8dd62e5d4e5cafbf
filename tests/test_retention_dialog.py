"""The retention dialog and reminder against a real database on the database thread."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtPdf import QPdfDocument

from db.store.database import open_database
from desktop.dbthread import DbService
from desktop.retention_reminder import RetentionReminder
from desktop.widgets.retention_dialog import RetentionDialog, write_pdf
from tests.retention_helpers import add_delivered

NOW = datetime.now(UTC)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    packages = tmp_path / "packages"
    packages.mkdir()
    # Delivered 40 days ago with 30 days stated: due. Delivered 10 days ago: not due.
    add_delivered(
        db,
        packages,
        delivered_at=NOW - timedelta(days=10),
        retention_days=30,
        case_number="CASE-LATER-7",
        tag="later",
    )
    add_delivered(
        db,
        packages,
        delivered_at=NOW - timedelta(days=40),
        retention_days=30,
        case_number="CASE-DUE-1",
        tag="due",
        kind="zip",
    )
    db.close()
    return path


@pytest.fixture
def dbs(db_path: Path):
    service = DbService(db_path)
    yield service
    service.shutdown()


def open_dialog(qtbot, dbs: DbService) -> RetentionDialog:
    dialog = RetentionDialog(dbs, today=lambda: date(2030, 1, 2))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        pass
    return dialog


def pdf_text(path: Path) -> str:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    text = "".join(document.getAllText(p).text() for p in range(document.pageCount()))
    document.close()
    return text


def test_dialog_lists_due_first_and_shows_the_letter(qtbot, dbs: DbService) -> None:
    dialog = open_dialog(qtbot, dbs)
    dialog.show()
    rows = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert len(rows) == 2
    assert "CASE-DUE-1" in rows[0] and "retention period ended on" in rows[0]
    assert "CASE-LATER-7" in rows[1] and "ends on" in rows[1]
    assert dialog.list.item(0).font().bold() and not dialog.list.item(1).font().bold()
    assert "1 of 2 deliveries" in dialog.status.text()

    letter = dialog.letter.toPlainText()
    due = dialog.items[0]
    assert letter.startswith("2 January 2030")
    assert "case number: CASE-DUE-1" in letter
    assert due.files and all(digest in letter for _name, digest in due.files)
    assert due.manifest_sha256 in letter
    assert dialog.letter.isReadOnly()

    dialog.name.setText("Sam Resident")
    assert dialog.letter.toPlainText().rstrip().endswith("Sam Resident")
    dialog.list.setCurrentRow(1)
    assert "case number: CASE-LATER-7" in dialog.letter.toPlainText()

    dialog.copy_text()
    assert QGuiApplication.clipboard().text() == dialog.letter.toPlainText()


def test_save_as_pdf_writes_a_real_pdf_with_the_letter(
    qtbot,
    dbs: DbService,
    tmp_path: Path,
) -> None:
    dialog = open_dialog(qtbot, dbs)
    file_dialog = dialog.choose_pdf_path()
    assert file_dialog is not None and file_dialog.isVisible()
    assert dialog.save_dialog is file_dialog
    file_dialog.reject()

    out = tmp_path / "letter.pdf"
    with qtbot.waitSignal(dialog.pdf_saved, timeout=10000) as saved:
        dialog.save_pdf(out)
    assert saved.args == [str(out)]
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1024
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".doorstep-")] == []
    text = " ".join(pdf_text(out).split())
    assert "CASE-DUE-1" in text
    assert dialog.items[0].manifest_sha256 in text  # on one line, not wrapped
    assert "Saved the letter" in dialog.status.text()


def test_save_failure_is_reported(qtbot, dbs: DbService, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, dbs)
    with qtbot.waitSignal(dialog.failed, timeout=10000) as failed:
        dialog.save_pdf(tmp_path / "no-such-folder" / "letter.pdf")
    assert "Could not save the PDF" in failed.args[0]


def test_write_pdf_replaces_an_existing_file(qapp, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    out.write_bytes(b"old")
    write_pdf("Case number 2026-004512\n" + "a" * 64, out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1024
    assert "2026-004512" in pdf_text(out)


def test_dialog_with_nothing_to_follow_up(qtbot, tmp_path: Path) -> None:
    open_database(tmp_path / "empty.sqlite3").close()
    service = DbService(tmp_path / "empty.sqlite3")
    try:
        dialog = open_dialog(qtbot, service)
        dialog.show()
        assert dialog.items == [] and dialog.empty.isVisible()
        assert dialog.letter.toPlainText() == ""
        assert not dialog.copy_button.isEnabled() and not dialog.pdf_button.isEnabled()
    finally:
        service.shutdown()


def test_reminder_emits_due_for_past_items_only_and_once(qtbot, dbs: DbService) -> None:
    reminder = RetentionReminder(dbs)
    with (
        qtbot.waitSignal(reminder.due, timeout=5000) as due,
        qtbot.waitSignal(reminder.checked, timeout=5000),
    ):
        reminder.check()
    (item,) = due.args[0]
    assert item.case_number == "CASE-DUE-1" and item.due

    # Checked again: nothing new, so no second reminder.
    with (
        qtbot.assertNotEmitted(reminder.due),
        qtbot.waitSignal(reminder.checked, timeout=5000) as checked,
    ):
        reminder.check()
    assert [i.case_number for i in checked.args[0]] == ["CASE-DUE-1"]


def test_reminder_is_silent_while_every_period_runs(qtbot, dbs: DbService) -> None:
    # 15 days ago neither 30-day period had ended (they end 10 days ago and in 20 days).
    reminder = RetentionReminder(dbs, clock=lambda: NOW - timedelta(days=15))
    with (
        qtbot.assertNotEmitted(reminder.due),
        qtbot.waitSignal(reminder.checked, timeout=5000) as checked,
    ):
        reminder.check()
    assert checked.args[0] == []

    # Later the second one ends too: both reported, since one is new.
    later = RetentionReminder(dbs, clock=lambda: NOW + timedelta(days=21))
    with qtbot.waitSignal(later.due, timeout=5000) as due:
        later.check()
    assert [i.case_number for i in due.args[0]] == ["CASE-DUE-1", "CASE-LATER-7"]


def test_the_window_reminds_when_a_retention_period_ended(qtbot, tmp_path: Path) -> None:
    """Wired into the window: a past-due delivery gives a notification at start-up,
    and Requests > Retention opens the list with the drafted letter."""
    from datetime import timedelta

    from PySide6.QtCore import QSettings

    from db.store.database import open_database
    from desktop.main_window import MainWindow
    from desktop.services import build_services
    from desktop.widgets.retention_dialog import RetentionDialog

    path = tmp_path / "w.sqlite3"
    db = open_database(path)
    add_delivered(
        db, tmp_path, delivered_at=datetime.now(UTC) - timedelta(days=400), retention_days=365
    )
    db.close()
    services = build_services(path, "resident")
    window = MainWindow(services, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    try:
        window.show()
        window.start(poll_feeds=False)
        qtbot.waitUntil(
            lambda: "retention" in (window.notifier.last_message or "").lower(), timeout=10000
        )
        window.commands["retention"].trigger()
        assert isinstance(window.retention_dialog, RetentionDialog)
    finally:
        services.shutdown()
