"""What the window says, checked on a real window and database: the status bar's audit
count follows the changes made in the window, the Audit tab reads as words, every time
is on the computer's clock (its zone named once, in the status bar), and areas read the
same in the window and on the command line."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from db.clips.cameras import Camera
from db.words.timewords import local_span, local_text
from desktop.cli import main as cli_main
from desktop.main_window import MainWindow
from desktop.models.requests import COL
from tests import test_gui_requests, zone_helpers
from tests.requests_helpers import PORCH, iso, make_doc, window_base, write_doc
from tests.test_gui_requests import import_files

# The fixtures this file shares with the inbox's tests.
library_db = test_gui_requests.library_db
open_window = test_gui_requests.open_window
new_york = zone_helpers.new_york


def newest_entry(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        seq = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    conn.close()
    return int(seq)


def shown_count(window: MainWindow) -> int:
    found = re.fullmatch(
        r"Audit trail: intact \(([\d,]+) entr(?:y|ies)\)", window.audit_indicator.label.text()
    )
    assert found, window.audit_indicator.label.text()
    return int(found.group(1).replace(",", ""))


def test_the_audit_count_follows_every_change_made_in_the_window(
    qtbot,
    open_window,
    library_db: Path,
    tmp_path: Path,
) -> None:
    window = open_window(library_db)
    indicator = window.audit_indicator
    with qtbot.waitSignal(indicator.checked, timeout=20000):
        indicator.check()
    assert shown_count(window) == newest_entry(library_db) == 1  # the camera added

    # A request imported and opened: received, then viewed.
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    # (The request's candidate is then held: "clip held" may follow at any moment.)
    qtbot.waitUntil(lambda: shown_count(window) == newest_entry(library_db) >= 3)

    def grows(change) -> None:
        before = shown_count(window)
        with qtbot.waitSignal(
            indicator.count_changed, timeout=10000, check_params_cb=lambda n: n > before
        ):
            change()
        # Entries that the same change brings after it (the request seen again) follow.
        qtbot.waitUntil(lambda: shown_count(window) == newest_entry(library_db))
        assert shown_count(window) > before

    grows(view.detail.decisions.decline_all.click)  # a decision
    grows(lambda: window.services.cameras.add(Camera("Gate", PORCH[1], PORCH[0])))

    def change_rules() -> None:
        window.edit_rules()
        qtbot.waitUntil(lambda: getattr(window, "rules_dialog", None) is not None)
        window.rules_dialog.max_area.setValue(0.4)
        window.rules_dialog.accept()

    grows(change_rules)
    # The entries written since the check are said to be so.
    tip = indicator.label.toolTip()
    assert "written since the check (by this window or another program)" in tip


def audit_rows(qtbot, window: MainWindow) -> list[tuple[str, str, str, str]]:
    view = window.audit_view
    with qtbot.waitSignal(view.model.loaded, timeout=10000):
        view.apply()
    model = view.model
    qtbot.waitUntil(lambda: "…" not in [model.index(r, 2).data() for r in range(model.rowCount())])
    tip = Qt.ItemDataRole.ToolTipRole
    return [
        (
            model.index(r, 2).data(),
            model.index(r, 7).data(),
            model.index(r, 7).data(tip),
            model.index(r, 1).data(),
        )
        for r in range(model.rowCount())
    ]


def test_the_audit_tab_shows_words_not_python(
    qtbot,
    open_window,
    library_db: Path,
    tmp_path: Path,
    new_york,
) -> None:
    window = open_window(library_db)
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc(retention_days=None))])
    with qtbot.waitSignal(view.detail.decided, timeout=10000):
        view.detail.decisions.decline_all.click()
    rows = audit_rows(qtbot, window)
    details = {action: text for action, text, _tip, _when in rows}
    assert set(details) >= {"decision", "request received", "request viewed", "camera added"}
    assert details["decision"].startswith("State: declined · Note: none · Sensitive: not confirmed")
    assert "Time zone: America/Los_Angeles" in details["camera added"]
    assert "Latitude: 47.6062 · Longitude: -122.3321" in details["camera added"]
    assert "Clock offset: 0 s" in details["camera added"]
    received = details["request received"]
    assert "Rules: signature warns, retention warns; the others pass" in received
    assert "Summary: 2 warnings" in received and "Cameras in the area: 1" in received
    assert re.search(r"SHA-256: [0-9a-f]{12}…", received)
    assert details["request viewed"] == "First time: yes · Version: 1"
    for _action, text, tip, when in rows:
        # No Python: no None/True/False, no brackets or braces, keys as words.
        assert not re.search(r"\bNone\b|\bTrue\b|\bFalse\b|[\[\]{}]", text), text
        keys = [item.split(": ", 1)[0] for item in text.split(" · ")]
        assert all(k[:1].isupper() and "_" not in k for k in keys), text
        assert "\n" in tip or ":" in tip
        # The time on the computer's clock (New York), the UTC moment in the tooltip.
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", when)
    received_tip = next(tip for action, _t, tip, _w in rows if action == "request received")
    assert re.search(r"SHA-256: [0-9a-f]{64}$", received_tip, re.MULTILINE)  # whole
    model = window.audit_view.model
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "When"
    utc = model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert utc.endswith(" UTC") and model.index(0, 1).data() == local_text(
        utc.removesuffix(" UTC").replace(" ", "T") + "Z", seconds=True
    )


def test_the_request_detail_shows_every_time_on_the_computers_clock(
    qtbot,
    open_window,
    library_db: Path,
    tmp_path: Path,
    new_york,
) -> None:
    now = datetime.now(UTC)
    expires = now + timedelta(days=14, hours=11, minutes=49, seconds=55)
    doc = make_doc(expires_at=iso(expires), issued_at=iso(now - timedelta(hours=5)))
    window = open_window(library_db)
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, doc)])
    text = view.detail.text.text()
    start = window_base()
    span = local_span(start, start + timedelta(hours=2))
    assert span == f"{start - timedelta(hours=5):%Y-%m-%d} 09:00–11:00"  # 14:00 UTC in winter
    assert f"<td>{span}</td>" in text
    assert f"<td>{local_text(expires)} (in 14 days)</td>" in text
    assert f"<td>{local_text(now - timedelta(hours=5))} (5 hours ago)</td>" in text
    # The rules' reasons too: the same clock, rounded relative time, no UTC anywhere.
    assert f"The request expires at {local_text(expires)}, in 14 days." in text
    assert "UTC" not in text
    # The list, the candidates and the status bar follow the same rule.
    assert view.proxy.index(0, COL["window"]).data() == span
    assert view.proxy.headerData(COL["window"], Qt.Orientation.Horizontal) == "Window"
    received = view.proxy.index(0, COL["received"]).data()
    assert received == local_text(view.detail.detail.summary.received_at)
    candidate = view.detail.candidates.index(0, 2).data()
    assert candidate == local_text(start + timedelta(hours=1), seconds=True)
    zone = window.zone_label.text()
    assert zone.startswith("Times in America/New_York (E") and "UTC−0" in zone


def test_the_window_and_the_command_line_write_an_area_the_same_way(
    qtbot,
    open_window,
    library_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    doc = make_doc()
    doc["area"]["radius_m"] = 1_283  # 1.997 sq mi: the window said "1.997", the CLI "2"
    window = open_window(library_db)
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, doc)])
    assert cli_main(["--db", str(library_db), "requests", "show", doc["id"]]) == 0
    out = capsys.readouterr().out
    area_line = re.search(r"^  Area: +(.+)$", out, re.MULTILINE)
    assert area_line is not None, out
    cli_area = area_line.group(1)
    assert f"The area is {cli_area}" in out  # the reason says it the same way
    assert f"<td>{cli_area}</td>" in view.detail.text.text()
    assert f"The area is {cli_area}" in view.detail.text.text()
    assert cli_area == "2 sq mi (5.17 km²)"
    listed = view.proxy.index(0, COL["area"]).data()
    assert listed == "2 sq mi"
