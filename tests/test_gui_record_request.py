"""Record a request I received, in the window: the form filled by keys and mouse, the
area drawn on the map, a pasted message filling the form for review, the request
stored on confirm (selected, with its rules' results) and bad input kept in the open
dialog with the field named. Real database file; nothing is stored before confirm."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QMenu

from db.clips.cameras import Camera, add_camera
from db.requests.mercator import lonlat_to_world
from db.store.database import open_database
from desktop.main_window import MainWindow
from desktop.models.requests import RowIdRole
from desktop.widgets.record_request_dialog import RecordRequestDialog
from tests.accessible import unnamed_controls
from tests.gui_window import started_window

PORCH = (-122.3331, 47.6097)  # lon, lat

MESSAGE = """\
From: Det. Maria Alvarez <maria.alvarez@seattle.gov>
Sent: Tuesday, November 3, 2026 9:12 AM
Subject: Video request - Seattle Police Department case 2026-118734

Hello,

My name is Detective Maria Alvarez with the Seattle Police Department, North Precinct.
We are investigating a vehicle prowl that happened on the 1400 block of Pine St,
near 1420 Pine St, Seattle, WA 98101, between 1:00 AM and 3:30 AM on November 2, 2026.

If your camera recorded anything during that time, please upload it here:
https://seattlepd.evidence.com/axon/community-request/public/3f9c1e2a

Case number: 2026-118734
You can reach me at (206) 555-0142 or reply to this email.

Thank you,
Det. Maria Alvarez
"""


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "doorstep.sqlite3"
    db = open_database(path)
    add_camera(db, Camera("Porch", PORCH[1], PORCH[0], tz="America/Los_Angeles"))
    db.close()
    return path


@pytest.fixture
def window(qtbot, tmp_path: Path, db_path: Path) -> Iterator[MainWindow]:
    yield from started_window(qtbot, tmp_path, db_path, cameras=1)


def open_dialog(qtbot, window: MainWindow) -> RecordRequestDialog:
    window.commands["record-request"].trigger()
    dialog = window.record_dialog
    assert isinstance(dialog, RecordRequestDialog)
    qtbot.waitExposed(dialog)
    return dialog


def stored(db_path: Path) -> list[sqlite3.Row]:
    con = sqlite3.connect(db_path)
    con.row_factory = sqlite3.Row
    try:
        return con.execute("SELECT * FROM requests ORDER BY id").fetchall()
    finally:
        con.close()


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def type_when(qtbot, edit, text: str) -> None:
    """Type a date and time ("2026-11-02 01:00") into a date-time field."""
    edit.setFocus()
    edit.setCurrentSectionIndex(0)
    qtbot.keyClicks(edit, text)


def map_point(dialog: RecordRequestDialog, lon: float, lat: float) -> QPoint:
    return dialog.map.view.mapFromScene(QPointF(*lonlat_to_world(lon, lat)))


def selected_row_id(window: MainWindow) -> int | None:
    rows = window.requests_view.selection.selectedRows()
    return rows[0].data(RowIdRole) if rows else None


def confirm(qtbot, window: MainWindow, dialog: RecordRequestDialog) -> int:
    with qtbot.waitSignal(dialog.recorded, timeout=10000) as blocker:
        qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    row_id = blocker.args[0]
    qtbot.waitUntil(lambda: selected_row_id(window) == row_id, timeout=10000)
    return row_id


def test_empty_requests_page_offers_it(qtbot, window: MainWindow) -> None:
    # A camera and no clips yet: the first-launch page offers it...
    assert window.empty.isVisible() and window.empty.record_button.isVisible()
    qtbot.mouseClick(window.empty.record_button, Qt.MouseButton.LeftButton)
    first = window.record_dialog
    assert isinstance(first, RecordRequestDialog) and first.isVisible()
    first.reject()
    # ... and so does the requests page while it has no request.
    view = window.requests_view
    assert view.empty.isVisibleTo(view) and view.record_button.isVisibleTo(view)
    view.record_button.click()
    assert window.record_dialog is not first and window.record_dialog is not None
    assert window.record_dialog.isVisible()
    action = window.commands["record-request"]
    assert action.text().replace("&", "") == "Record a request I received…"
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    requests_menu = menus["&Requests"]
    assert isinstance(requests_menu, QMenu) and action in requests_menu.actions()


def test_form_filled_by_keys_and_mouse_records_the_request(
    qtbot, window: MainWindow, db_path: Path
) -> None:
    dialog = open_dialog(qtbot, window)
    form = dialog.form
    type_into(qtbot, form.agency, "King County Sheriff's Office")
    type_into(qtbot, form.case, "C26-00412")
    type_into(qtbot, form.incident, "Package theft")
    type_into(qtbot, form.contact_name, "Dep. Sam Ortiz")
    type_into(qtbot, form.contact_email, "sam.ortiz@kingcounty.gov")
    # Chosen, not typed: typing opens the completer's popup, which the offscreen
    # platform warns about.
    form.tz.setCurrentText("America/Chicago")
    type_when(qtbot, form.start, "2026-11-02 01:00")
    type_when(qtbot, form.end, "2026-11-02 03:30")
    form.retention.setFocus()
    form.retention.selectAll()
    qtbot.keyClicks(form.retention, "90")
    form.third_party.setFocus()
    qtbot.keyClick(form.third_party, Qt.Key.Key_Down)  # "No one else"
    form.received_via.setCurrentIndex(form.received_via.findData("letter"))

    # A circle: click the map next to the porch, then drag its edge out.
    view = dialog.map.view
    view.center_on_lonlat(*PORCH, zoom=16.0)
    centre = (PORCH[0] + 0.0005, PORCH[1])
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=map_point(dialog, *centre))
    (edge,) = [h for h in dialog.map.handles if h.role == "radius"]
    start = view.mapFromScene(edge.pos())
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 4):
        qtbot.mouseMove(view.viewport(), start + QPoint(20 * i, 0))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(60, 0))
    area = dialog.map.area()
    assert area is not None and area["radius_m"] > 150
    assert "sq mi" in dialog.map.size_label.text()

    assert stored(db_path) == []  # nothing until confirmed
    row_id = confirm(qtbot, window, dialog)
    assert window.record_dialog is None  # closed

    (row,) = stored(db_path)
    assert row["id"] == row_id
    assert row["source"] == "resident" and row["received_via"] == "letter"
    assert row["case_number"] == "C26-00412" and row["retention_days"] == 90
    assert row["third_party_sharing"] == "none"
    chicago = ZoneInfo("America/Chicago")
    start_utc = datetime(2026, 11, 2, 1, 0, tzinfo=chicago).astimezone(UTC)
    end_utc = datetime(2026, 11, 2, 3, 30, tzinfo=chicago).astimezone(UTC)
    assert datetime.fromisoformat(row["window_start_utc"].replace("Z", "+00:00")) == start_utc
    assert datetime.fromisoformat(row["window_end_utc"].replace("Z", "+00:00")) == end_utc
    stored_area = json.loads(row["area"])
    assert stored_area["type"] == "Point"
    assert stored_area["coordinates"] == pytest.approx(list(centre), abs=2e-5)
    assert stored_area["radius_m"] == pytest.approx(area["radius_m"], abs=0.1)

    # Selected, with its rules: the signature rule says the resident entered it.
    detail_panel = window.requests_view.detail
    qtbot.waitUntil(lambda: detail_panel.detail is not None, timeout=10000)
    detail = detail_panel.detail
    assert detail is not None
    signature = next(r for r in detail.rules if r.rule == "signature")
    assert signature.outcome == "ok" and "letter" in signature.reason
    assert signature.reason.startswith("Entered by you")
    assert "Entered by you" in detail_panel.text.text()


def test_polygon_drawn_by_handles_is_stored(qtbot, window: MainWindow, db_path: Path) -> None:
    dialog = open_dialog(qtbot, window)
    type_into(qtbot, dialog.form.agency, "Seattle Police Department")
    dialog.map.polygon.click()
    view = dialog.map.view
    view.center_on_lonlat(*PORCH, zoom=16.0)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=map_point(dialog, *PORCH))
    corner = next(h for h in dialog.map.handles if h.role == "vertex")
    start = view.mapFromScene(corner.pos())
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), start + QPoint(-20, -10))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(-20, -10))
    area = dialog.map.area()
    assert area is not None
    confirm(qtbot, window, dialog)
    (row,) = stored(db_path)
    stored_area = json.loads(row["area"])
    assert stored_area["type"] == "Polygon"
    assert stored_area["coordinates"][0][0] == pytest.approx(area["coordinates"][0][0])
    assert row["received_via"] == "email"


def test_pasted_message_fills_the_form_for_review(qtbot, window: MainWindow, db_path: Path) -> None:
    dialog = open_dialog(qtbot, window)
    dialog.form.tz.setCurrentText("America/Los_Angeles")
    dialog.paste.text.setFocus()
    dialog.paste.text.setPlainText(MESSAGE)
    qtbot.mouseClick(dialog.paste.fill, Qt.MouseButton.LeftButton)
    form = dialog.form
    assert form.case.text() == "2026-118734"
    assert "Seattle Police Department" in form.agency.text()
    assert form.contact_email.text() == "maria.alvarez@seattle.gov"
    assert form.portal.text().startswith("https://seattlepd.evidence.com/")
    pacific = ZoneInfo("America/Los_Angeles")
    assert form.moment(form.start) == datetime(2026, 11, 2, 1, 0, tzinfo=pacific)
    assert form.moment(form.end) == datetime(2026, 11, 2, 3, 30, tzinfo=pacific)
    for name in ("case_number", "agency", "contact_email", "portal_url", "window_start"):
        assert name in form.filled()
        assert form.marks[name].isVisible()
    assert "2026-118734" in form.case.toolTip()
    # The zone was assumed, and said so.
    assert "no time zone" in dialog.paste.summary.text()
    assert "America/Los_Angeles" in form.tz_note.text() and form.tz_note.isVisible()
    # The address is listed for the resident to find on the map.
    addresses = [
        dialog.paste.addresses.item(i).text() for i in range(dialog.paste.addresses.count())
    ]
    assert any("1420 Pine St" in a for a in addresses)
    # Editing a field takes its mark away.
    form.case.setFocus()
    qtbot.keyClick(form.case, Qt.Key.Key_End)
    qtbot.keyClick(form.case, Qt.Key.Key_Backspace)
    assert "case_number" not in form.filled() and not form.marks["case_number"].isVisible()
    assert stored(db_path) == []  # nothing saved before Record request


def test_bad_input_keeps_the_dialog_open_naming_the_field(
    qtbot, window: MainWindow, db_path: Path
) -> None:
    dialog = open_dialog(qtbot, window)
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.text().startswith("Agency")
    type_into(qtbot, dialog.form.agency, "Seattle Police Department")
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert dialog.error.text().startswith("Area")
    dialog.map.place_at(*PORCH)
    # Refused by the database thread's checks: the portal must be https.
    type_into(qtbot, dialog.form.portal, "http://portal.example.gov/upload")
    dialog.confirm.click()
    # While it is being stored the dialog waits for the answer: Cancel and Esc do not
    # close it.
    assert dialog.busy and not dialog.buttons.isEnabled()
    dialog.reject()
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.confirm.isEnabled(), timeout=10000)
    assert dialog.isVisible()
    assert dialog.error.text().startswith("Portal link")
    assert dialog.form.agency.text() == "Seattle Police Department"  # all kept
    assert dialog.map.area() is not None
    assert stored(db_path) == []


def test_every_control_has_an_accessible_name(qtbot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    dialog.paste.text.setPlainText(MESSAGE)
    dialog.paste.fill.click()
    assert unnamed_controls(dialog) == []


TEXT_MESSAGE = """\
Seattle PD Community Request: Officer J. Park is asking for doorbell or security camera
video from between 2:00 PM and 4:30 PM on November 20, 2026 (PST) for incident
report 2026-331207 (also ref 26-004411). Share it at
https://seattlepd.evidence.com/axon/community-request/public/77aa10 - reply STOP to opt out
"""


def test_a_message_naming_its_zone_sets_the_zone(qtbot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    form = dialog.form
    form.tz.setCurrentText("Europe/Paris")  # the resident's computer elsewhere
    dialog.paste.text.setPlainText(TEXT_MESSAGE)
    qtbot.mouseClick(dialog.paste.fill, Qt.MouseButton.LeftButton)
    assert form.tz.currentText() == "America/Los_Angeles"
    assert "tz" in form.filled() and "PST" in form.tz.toolTip()
    pacific = ZoneInfo("America/Los_Angeles")
    assert form.moment(form.start) == datetime(2026, 11, 20, 14, 0, tzinfo=pacific)
    assert form.moment(form.end) == datetime(2026, 11, 20, 16, 30, tzinfo=pacific)
    assert "sender's zone" in form.tz_note.text()
    summary = dialog.paste.summary.text()
    assert "Check the time zone" not in summary
    assert "26-004411" in summary  # the other number, in case the case is that one
    assert "No street address" in summary and not dialog.paste.addresses.isVisible()

    # A message with nothing recognisable says so and changes nothing.
    dialog.paste.text.setPlainText("see you tomorrow")
    qtbot.mouseClick(dialog.paste.fill, Qt.MouseButton.LeftButton)
    assert "Nothing in the message was recognised" in dialog.paste.summary.text()
    assert form.tz.currentText() == "America/Los_Angeles"
