"""The window's Deliver button goes through the same rules as `deliver` on the command
line (db/sharing/delivery_state.py): a delivery that stopped half way, delivered again from the
window, continues the same package on the agency's service."""

from __future__ import annotations

import ssl
from pathlib import Path

import trustme
from pytest_httpserver import HTTPServer

from db.keys import credentials
from db.store.database import open_database
from tests.redaction_review_helpers import faces_as_recorded
from tests.requests_helpers import make_doc, write_doc
from tests.test_delivery_rerun import BusyService
from tests.test_gui_requests import import_files, library_db, open_window  # noqa: F401

TOKEN = "gui-upload-token-9d0e"


def test_delivering_again_from_the_window_continues_the_same_package(
    qtbot,
    open_window,  # noqa: F811
    library_db: Path,  # noqa: F811
    tmp_path: Path,
    server: HTTPServer,
    ca: trustme.CA,
) -> None:
    service = BusyService(server, TOKEN)
    service.busy_from = 0  # the service is busy for an hour from the first file on
    credentials.set_upload_token(service.url, TOKEN)
    client = ssl.create_default_context()
    ca.configure_trust(client)
    faces_as_recorded()  # no face review: this test is about sharing
    window = open_window(library_db, ssl_context=client)
    view = window.requests_view
    doc = make_doc(delivery={"method": "upload", "url": service.url})
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, doc)])
    panel = view.detail
    with qtbot.waitSignal(panel.decided, timeout=10000):
        panel.decisions.approve_all.click()
    sharing = window.services.sharing

    with qtbot.waitSignal(sharing.failed, timeout=60000) as failed:
        panel.share.deliver_button.click()
    assert "retry after 3600 s" in failed.args[1]
    [first] = service.packages.values()
    assert first.files == {} and first.completed == 0

    service.busy_from = None
    assert panel.share.deliver_button.isEnabled()
    qtbot.waitUntil(lambda: not sharing.busy)  # the worker thread has ended
    with qtbot.waitSignal(sharing.finished, timeout=60000) as done:
        panel.share.deliver_button.click()
    assert "Delivered 3 file(s)" in done.args[1]
    assert service.manifests == [first.manifest, first.manifest]
    [stored] = service.packages.values()
    assert stored is first and len(stored.files) == 3 and stored.completed == 1
    db = open_database(library_db)
    try:
        assert db.execute("SELECT count(*) FROM packages").fetchone() == (1,)
        assert db.execute("SELECT count(*) FROM deliveries").fetchone() == (1,)
    finally:
        db.close()
    qtbot.waitUntil(lambda: not panel.share.deliver_button.isEnabled(), timeout=10000)
