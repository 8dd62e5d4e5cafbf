"""The requests inbox in the window: importing request files (menu and drag and drop),
the detail panel with every rule's reason and the candidate clips, the rules dialog,
feeds polled in the background with a notification, and no network traffic from
viewing a request."""

from __future__ import annotations

import json
import socket
import ssl
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytest_httpserver import HTTPServer

from db.store.database import open_database
from desktop.models.candidates import CandidatesModel
from desktop.models.requests import COL, RequestsFilter, RowIdRole, StatusRole
from tests.gui_requests_helpers import import_files, library_db, open_window
from tests.redaction_review_helpers import faces_as_recorded
from tests.requests_helpers import PORCH, make_doc, write_doc

__all__ = ["import_files", "library_db", "open_window"]  # fixtures other modules import


def test_imported_request_is_selected_with_reasons_and_candidates(
    qtbot,
    open_window,
    library_db: Path,
    tmp_path: Path,
) -> None:
    window = open_window(library_db)
    assert window.tabs.currentWidget() is window.clips_view  # no requests yet
    doc = make_doc(retention_days=None)
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, doc)])
    assert window.tabs.currentWidget() is view
    assert view.model.rowCount() == 1
    index = view.proxy.index(0, COL["case"])
    assert index.data() == "2026-004512"
    assert view.proxy.index(0, COL["rules"]).data() == "2 warnings"
    detail = view.detail.detail
    assert detail is not None and detail.doc.id == doc["id"]
    text = view.detail.text.text()
    assert "does not say how long the agency will keep the footage" in text
    for result in detail.rules:
        assert result.reason in text.replace("&#x27;", "'")
    # The one clip in the window is the candidate, with its thumbnail.
    cands = view.detail.candidates
    assert cands.rowCount() == 1
    assert cands.index(0, 0).data() == "in-window.mp4"
    assert cands.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    # Opening it moved it from "new" to "needs decision" (recorded locally).
    qtbot.waitUntil(lambda: view.proxy.index(0, 0).data(StatusRole) == "needs decision")
    qtbot.waitUntil(lambda: "1 open" in view.count.text())


def test_refused_file_names_field_and_stores_nothing(
    qtbot,
    open_window,
    library_db: Path,
    tmp_path: Path,
) -> None:
    window = open_window(library_db)
    bad = make_doc(
        window={"start": "2026-11-20T16:00:00+00:00", "end": "2026-11-20T14:00:00+00:00"}
    )
    # Nothing stored, nothing changed: the report says why, the inbox stays as it is.
    window.import_request_files([write_doc(tmp_path, bad, "bad.json")])
    qtbot.waitUntil(lambda: window.last_message is not None, timeout=10000)
    box = window.last_message
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "bad.json" in box.text() and "Nothing" in box.text()
    assert "window" in box.informativeText()
    assert window.services.requests.rowCount() == 0
    box.close()


def test_drop_request_files_on_the_window(
    qtbot,
    open_window,
    library_db: Path,
    tmp_path: Path,
) -> None:
    window = open_window(library_db)
    files = [write_doc(tmp_path, make_doc()), write_doc(tmp_path, make_doc())]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    enter = QDragEnterEvent(
        QPoint(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.services.requests.loaded, timeout=10000):
        QApplication.sendEvent(window, drop)
    qtbot.waitUntil(lambda: window.services.requests.rowCount() == 2)


def test_filter_by_status_and_text(qtbot, open_window, library_db: Path, tmp_path: Path) -> None:
    window = open_window(library_db)
    far = make_doc(
        area={"type": "Point", "coordinates": [-122.1, 47.75], "radius_m": 300}, incident="burglary"
    )
    near = make_doc(incident="package theft")
    import_files(qtbot, window, [write_doc(tmp_path, far), write_doc(tmp_path, near)])
    qtbot.waitUntil(lambda: window.services.requests.rowCount() == 2)
    view = window.requests_view
    view.status.setCurrentIndex(view.status.findData("no footage"))
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, COL["incident"]).data() == "burglary"
    view.status.setCurrentIndex(view.status.findData(""))
    view.search.setText("PACKAGE")
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, COL["incident"]).data() == "package theft"
    assert view.count.text().endswith("1 of 2")


def test_rules_dialog_changes_the_outcome(
    qtbot,
    open_window,
    library_db: Path,
    tmp_path: Path,
) -> None:
    from desktop.widgets.rules_dialog import RulesDialog

    window = open_window(library_db)
    import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    qtbot.waitUntil(lambda: window.services.requests.rowCount() == 1)
    assert window.requests_view.proxy.index(0, COL["rules"]).data() == "1 warning"
    window.commands["rules"].trigger()
    qtbot.waitUntil(lambda: isinstance(getattr(window, "rules_dialog", None), RulesDialog))
    dialog = window.rules_dialog
    dialog.max_area.setValue(0.05)  # the 300 m circle is 0.109 sq mi
    dialog.margin.setValue(20)
    dialog.max_files.setValue(4)
    with qtbot.waitSignal(window.services.requests.loaded, timeout=10000):
        dialog._accept()
    assert window.requests_view.proxy.index(0, COL["rules"]).data().startswith("1 block")
    db = open_database(library_db)
    stored = json.loads(db.execute("SELECT value FROM settings WHERE key = 'rules'").fetchone()[0])
    db.close()
    assert stored["share_margin_s"] == 20 and stored["receiver_max_files"] == 4
    # A nonsensical setting is refused in the dialog, with the field named.
    window.commands["rules"].trigger()
    qtbot.waitUntil(lambda: window.rules_dialog is not dialog)
    dialog = window.rules_dialog
    dialog.min_area.setValue(2.0)
    dialog.max_area.setValue(1.0)
    dialog._accept()
    assert dialog.isVisible() and "area" in dialog.error.text()
    dialog.reject()


def test_models_pass_qtmodeltester(
    qtmodeltester, qtbot, open_window, library_db: Path, tmp_path: Path
) -> None:
    window = open_window(library_db)
    import_files(qtbot, window, [write_doc(tmp_path, make_doc()), write_doc(tmp_path, make_doc())])
    qtbot.waitUntil(lambda: window.services.requests.rowCount() == 2)
    qtmodeltester.check(window.services.requests)
    qtmodeltester.check(window.requests_view.proxy)
    proxy = RequestsFilter()
    proxy.setSourceModel(window.services.requests)
    proxy.set_status("open")
    qtmodeltester.check(proxy)
    with qtbot.waitSignal(window.requests_view.detail.loaded, timeout=10000):
        window.requests_view.table.selectRow(0)
    qtmodeltester.check(window.requests_view.detail.candidates)
    qtmodeltester.check(CandidatesModel())


def test_viewing_and_browsing_requests_opens_no_socket(
    qtbot,
    open_window,
    library_db: Path,
    tmp_path: Path,
) -> None:
    """Viewing a request and declining its clips must cause no network traffic at
    all (README.md). Python's audit hook sees every socket Python opens; Qt's own
    network access (map tiles) is off in tests (no base map)."""
    window = open_window(library_db)
    import_files(qtbot, window, [write_doc(tmp_path, make_doc()), write_doc(tmp_path, make_doc())])
    qtbot.waitUntil(lambda: window.services.requests.rowCount() == 2)
    connects: list[object] = []
    armed = [True]

    def hook(event: str, args: tuple) -> None:
        if armed[0] and event in ("socket.connect", "socket.sendto", "socket.getaddrinfo"):
            connects.append((event, args))

    sys.addaudithook(hook)
    try:
        view = window.requests_view
        for row in (0, 1, 0):
            with qtbot.waitSignal(view.detail.loaded, timeout=10000):
                view.table.selectRow(row)
        with qtbot.waitSignal(view.detail.decided, timeout=10000):
            view.detail.decisions.decline_all.click()
        assert view.detail.candidates.decision(0) == "declined"
        view.status.setCurrentIndex(2)
        view.search.setText("x")
    finally:
        armed[0] = False
    assert connects == []
    # The hook does see a connection when one is made.
    armed[0] = True
    with socket.socket() as s, pytest.raises(OSError):
        s.connect(("127.0.0.1", 9))
    armed[0] = False
    assert connects


# --- feeds in the background -----------------------------------------------------------


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def https(ca: trustme.CA) -> Iterator[HTTPServer]:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(ctx)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=ctx)
    server.start()
    yield server
    server.clear()
    server.stop()


def test_feed_polled_in_background_notifies(
    qtbot,
    open_window,
    library_db: Path,
    https: HTTPServer,
    ca: trustme.CA,
) -> None:
    from db.requests.feeds import add_feed

    db = open_database(library_db)
    add_feed(db, https.url_for("/feed"))
    db.close()
    docs = [make_doc(), make_doc()]
    https.expect_request("/feed").respond_with_data(
        json.dumps({"format": "doorstep.feed/1", "requests": docs}),
        content_type="application/json",
    )
    client = ssl.create_default_context()
    ca.configure_trust(client)
    window = open_window(library_db, ssl_context=client)
    qtbot.waitUntil(lambda: window.services.requests.rowCount() == 2, timeout=15000)
    # One notification for the burst, shortly after the last request arrived.
    qtbot.waitUntil(lambda: window.notifier.last_message is not None, timeout=5000)
    assert "2 new requests" in window.notifier.last_message
    rows = {window.services.requests.index(r, 0).data(RowIdRole) for r in range(2)}
    assert len(rows) == 2


@pytest.mark.parametrize(
    ("column", "order"),
    [
        ("received", Qt.SortOrder.DescendingOrder),
        ("agency", Qt.SortOrder.AscendingOrder),
        ("area", Qt.SortOrder.DescendingOrder),
    ],
)
def test_new_requests_are_inserted_in_sort_order(
    qtmodeltester,
    qtbot,
    open_window,
    library_db: Path,
    tmp_path: Path,
    column: str,
    order: Qt.SortOrder,
) -> None:
    """Requests arriving while the list is open go where a full reload would put them."""
    from datetime import UTC, datetime

    from db.requests.inbox import list_requests

    window = open_window(library_db)
    model = window.services.requests
    qtmodeltester.check(model, force_py=True)
    import_files(qtbot, window, [write_doc(tmp_path, make_doc(agency={"id": "m", "name": "M PD"}))])
    window.requests_view.table.sortByColumn(COL[column], order)
    qtbot.waitUntil(lambda: model.sort_key() == (column, order == Qt.SortOrder.DescendingOrder))
    agencies = ["a", "Z", "q", "B"]
    for i, name in enumerate(agencies):
        doc = make_doc(
            agency={"id": name, "name": f"{name} Police"},
            area={"type": "Point", "coordinates": list(PORCH), "radius_m": 200 + 40 * i},
        )
        import_files(qtbot, window, [write_doc(tmp_path, doc)])
    qtbot.waitUntil(lambda: model.rowCount() == 5)
    db = open_database(library_db)
    expected = [
        s.row_id
        for s in list_requests(
            db, now=datetime.now(UTC), sort=column, descending=order == Qt.SortOrder.DescendingOrder
        )
    ]
    db.close()
    assert [model.index(r, 0).data(RowIdRole) for r in range(5)] == expected


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


def test_export_and_deliver_from_the_window(
    qtbot,
    open_window,
    library_db: Path,
    tmp_path: Path,
    https,
    ca: trustme.CA,
) -> None:
    """Approve, export a signed package to a folder, then deliver it to a TLS service
    on 127.0.0.1; afterwards the decisions are final."""
    from db.keys import credentials
    from tests.delivery_service import Service

    service = Service(https, token="gui-upload-token")
    credentials.set_upload_token(service.url, "gui-upload-token")
    client = ssl.create_default_context()
    ca.configure_trust(client)
    faces_as_recorded()  # no face review: this test is about sharing
    window = open_window(library_db, ssl_context=client)
    view = window.requests_view
    doc = make_doc(delivery={"method": "upload", "url": service.url})
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, doc)])
    panel = view.detail
    assert not panel.share.export_button.isEnabled()  # nothing approved yet
    with qtbot.waitSignal(panel.decided, timeout=10000):
        panel.decisions.approve_all.click()
    assert panel.share.export_button.isEnabled() and panel.share.deliver_button.isEnabled()
    out = tmp_path / "out"
    out.mkdir()
    sharing = window.services.sharing
    with qtbot.waitSignal(sharing.finished, timeout=60000) as done:
        panel.export_to(out)
    assert "Package written to" in done.args[1]
    [package] = list(out.iterdir())
    assert (package / "manifest.json").exists() and (package / "manifest-sha256.txt").exists()
    with qtbot.waitSignal(sharing.finished, timeout=60000) as done:
        panel.share.deliver_button.click()
    assert "Delivered 3 file(s)" in done.args[1]
    [stored] = service.packages.values()
    assert len(stored.files) == 3 and stored.completed == 1
    qtbot.waitUntil(lambda: not panel.decisions.decline.isEnabled(), timeout=10000)
    assert "Delivered on" in panel.share.status.text()


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


def test_a_big_batch_arrives_in_slices_and_cells_paint_as_the_model_says(
    qtmodeltester,
    qtbot,
    open_window,
    library_db: Path,
) -> None:
    """Hundreds of requests stored at once reach the list a slice per turn of the
    event loop, announced once; the inbox's delegate shows each cell as data() does."""
    from datetime import UTC, datetime

    from PySide6.QtGui import QBrush, QPalette
    from PySide6.QtWidgets import QStyleOptionViewItem

    from db.requests.feeds import add_feed
    from db.requests.intake import receive_feed_items
    from db.requests.request_feed import parse_feed
    from desktop.models.requests import INSERT_SLICE

    window = open_window(library_db)
    model = window.services.requests
    qtmodeltester.check(model, force_py=True)
    count = INSERT_SLICE * 2 + 17
    docs = []
    for i in range(count):
        doc = make_doc()
        if i % 3 == 0:
            doc["area"]["radius_m"] = 20  # blocked: a coloured rule summary
        docs.append(doc)
    db = open_database(library_db)
    feed = add_feed(db, "https://agency.example/feed")
    parsed, _refused = parse_feed(
        json.dumps({"format": "doorstep.feed/1", "requests": docs}).encode()
    )
    receive_feed_items(db, feed.id, parsed, now=datetime.now(UTC))
    db.close()

    loaded: list[int] = []
    announced: list[int] = []
    model.loaded.connect(lambda: loaded.append(model.rowCount()))
    model.new_requests.connect(announced.append)
    model.update_from_db()
    qtbot.waitUntil(lambda: bool(loaded), timeout=15000)
    assert loaded == [count]  # one "loaded", after the last slice
    assert announced == [count]

    view = window.requests_view
    for row in range(8):
        for column in range(model.columnCount()):
            index = view.proxy.index(row, column)
            option = QStyleOptionViewItem()
            option.initFrom(view.table)
            view.delegate.initStyleOption(option, index)
            assert option.text == index.data(Qt.ItemDataRole.DisplayRole)
            brush = index.data(Qt.ItemDataRole.ForegroundRole)
            if isinstance(brush, QBrush):
                assert option.palette.brush(QPalette.ColorRole.Text).color() == brush.color()
            font = index.data(Qt.ItemDataRole.FontRole)
            assert option.font.bold() == (font is not None and font.bold())


def test_a_part_that_cannot_be_stored_fails_the_poll_without_hanging(
    qtbot,
    open_window,
    library_db: Path,
    https: HTTPServer,
    ca: trustme.CA,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A big feed whose second part fails to store: the rest is dropped, the checker
    process stops, and the poll is recorded as failed (so the next one backs off and
    fetches the feed again); what was stored stays, whole."""
    import multiprocessing

    from db.requests import feed_check
    from db.requests.feed_check import PART
    from db.requests.feeds import add_feed, list_feeds

    db = open_database(library_db)
    add_feed(db, https.url_for("/feed"))
    db.close()
    docs = [make_doc() for _ in range(PART * 3)]
    https.expect_request("/feed").respond_with_data(
        json.dumps({"format": "doorstep.feed/1", "requests": docs}),
        content_type="application/json",
    )
    real = feed_check.store_checked
    calls = []

    def failing_second(db, feed_id, items, context, *, now):
        calls.append(len(items))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(db, feed_id, items, context, now=now)

    monkeypatch.setattr(feed_check, "store_checked", failing_second)
    client = ssl.create_default_context()
    ca.configure_trust(client)
    window = open_window(library_db, ssl_context=client)
    poller = window.services.feeds
    with qtbot.waitSignal(poller.failed, timeout=30000) as failed:
        pass
    assert "storing the feed failed: disk full" in failed.args[1]
    qtbot.waitUntil(lambda: not poller.busy, timeout=10000)
    assert not [p for p in multiprocessing.active_children() if p.name == "doorstep-feed-check"]
    db = open_database(library_db)
    try:
        [feed] = list_feeds(db)
        assert feed.failures == 1 and "disk full" in (feed.last_error or "")
        stored = db.execute("SELECT count(*) FROM requests").fetchone()[0]
        assert stored == PART  # the first part, whole
    finally:
        db.close()
