"""The requests inbox in the window: importing request files (menu and drag and drop),
the detail panel with every rule's reason and the candidate clips, filtering, the rules
dialog, the models under Qt's model tester, new requests in sort order, and no network
traffic from viewing a request.
"""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from db.store.database import open_database
from desktop.models.candidates import CandidatesModel
from desktop.models.requests import COL, RequestsFilter, RowIdRole, StatusRole
from tests.gui_requests_helpers import import_files, library_db, open_window
from tests.requests_helpers import PORCH, make_doc, write_doc

__all__ = ["import_files", "library_db", "open_window"]  # fixtures, and what other modules import


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
