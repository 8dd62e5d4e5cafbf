"""The window and the network: feeds polled in the background with a notification, a big
batch arriving in slices, a part that cannot be stored failing the poll, and a package
exported and delivered to a real TLS server (certificates from trustme).
"""

from __future__ import annotations

import json
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from PySide6.QtCore import Qt
from pytest_httpserver import HTTPServer

from db.store.database import open_database
from desktop.models.requests import RowIdRole
from tests.gui_requests_helpers import import_files, library_db, open_window
from tests.redaction_review_helpers import faces_as_recorded
from tests.requests_helpers import make_doc, write_doc

__all__ = ["library_db", "open_window"]  # fixtures, used by name


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
