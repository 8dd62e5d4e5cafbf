"""Operations say what they changed (``Changes``) and the window reloads exactly the
parts showing it (desktop/refresher.py): a camera's edit reloads the cameras, not the
inbox; a decision reloads its request's row, not the whole inbox; a commit by another
connection (the command line) reloads everything."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from db.clips import cameras as camdb
from db.clips.cameras import Camera
from db.requests import inbox as inboxdb
from db.sharing import decisions as decdb
from db.store.changes import Changes
from db.store.database import open_database
from desktop.main_window import MainWindow
from desktop.models.requests import COL, RowIdRole
from tests.requests_helpers import make_doc, write_doc
from tests.test_gui_requests import (  # noqa: F401 - fixtures
    import_files,
    library_db,
    open_window,
)

RELOADS = {
    "requests": ("refresh", "refresh_soon", "update_from_db", "update_all", "reload_row"),
    "clips": ("refresh", "refresh_soon"),
    "cameras": ("refresh",),
}


def count_reloads(monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> Counter[str]:
    """Count each model's reloads from now on ("requests.reload_row 12", ...)."""
    counts: Counter[str] = Counter()
    for name, methods in RELOADS.items():
        model = getattr(window.services, name)
        for method in methods:
            real = getattr(model, method)

            def counted(*args: Any, _real: Any = real, _key: str = f"{name}.{method}") -> Any:
                counts[" ".join([_key, *map(str, args)])] += 1
                return _real(*args)

            monkeypatch.setattr(model, method, counted)
    return counts


def settle(qtbot, window: MainWindow) -> None:
    """Wait until every operation queued so far (reloads included) has answered."""
    with qtbot.waitCallback(timeout=10000) as answered:
        window.services.db.submit(lambda _db: None, answered)


def selected(window: MainWindow) -> int | None:
    rows = window.requests_view.selection.selectedRows()
    return rows[0].data(RowIdRole) if rows else None


def status_of(window: MainWindow, row_id: int) -> str:
    model = window.services.requests
    return str(model.index(model.row_of(row_id), COL["status"]).data())


def test_a_cameras_change_reloads_the_cameras_and_nothing_else(
    qtbot,
    open_window,  # noqa: F811
    library_db: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(library_db)
    import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    services = window.services
    settle(qtbot, window)
    counts = count_reloads(monkeypatch, window)
    porch = services.cameras.cameras()[0]
    with qtbot.waitSignal(services.cameras.loaded, timeout=10000):
        services.db.submit_op(
            lambda db: camdb.edit_camera(db, replace(porch, name="Front porch")),
            Changes(cameras=True),
        )
    assert [c.name for c in services.cameras.cameras()] == ["Front porch"]
    settle(qtbot, window)
    assert counts == Counter({"cameras.refresh": 1})  # the inbox and clips did not reload


def test_a_decision_reloads_its_requests_row_only(
    qtbot,
    open_window,  # noqa: F811
    library_db: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(library_db)
    view = window.requests_view
    first, second = write_doc(tmp_path, make_doc()), write_doc(tmp_path, make_doc())
    import_files(qtbot, window, [first, second])
    qtbot.waitUntil(lambda: window.services.requests.rowCount() == 2)
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        view.table.selectRow(0)
    row_id = view.detail._row_id
    assert row_id is not None
    other = next(
        window.services.requests.summary(r).row_id
        for r in range(2)
        if window.services.requests.summary(r).row_id != row_id
    )
    other_status = status_of(window, other)
    settle(qtbot, window)
    counts = count_reloads(monkeypatch, window)
    with qtbot.waitSignal(view.detail.decided, timeout=10000):
        view.detail.decisions.decline_all.click()
    qtbot.waitUntil(lambda: status_of(window, row_id) == "Decided")
    settle(qtbot, window)
    assert counts == Counter({f"requests.reload_row {row_id}": 1})
    assert status_of(window, other) == other_status


def test_a_failed_operation_reloads_nothing(
    qtbot,
    open_window,  # noqa: F811
    library_db: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(library_db)
    services = window.services
    settle(qtbot, window)
    counts = count_reloads(monkeypatch, window)

    def fails(db: Any) -> None:
        camdb.add_camera(db, Camera("Gate", 1, 1))
        raise ValueError("the disk is full")

    with (
        qtbot.assertNotEmitted(services.db.changed),
        qtbot.waitCallback(timeout=10000) as failed,
    ):
        services.db.submit_op(fails, Changes.everything(), on_error=failed)
    assert str(failed.args[0]) == "the disk is full"
    settle(qtbot, window)
    assert counts == Counter()


def test_another_connections_commit_reloads_everything(
    qtbot,
    open_window,  # noqa: F811
    library_db: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """What the command line writes shows in the open window: a new camera, and a
    decision (a request's status, which no new row announces)."""
    window = open_window(library_db)
    services = window.services
    import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    row_id = services.requests.summary(0).row_id
    assert status_of(window, row_id) != "Decided"
    assert selected(window) == row_id  # the imported request
    # Reloaded in place: no reset, so the resident's selection stays where it was.
    with qtbot.assertNotEmitted(services.requests.modelReset):
        decide_elsewhere(qtbot, window, library_db, row_id, add_camera=True)
        qtbot.waitUntil(lambda: {c.name for c in services.cameras.cameras()} == {"Gate", "Porch"})
        qtbot.waitUntil(lambda: status_of(window, row_id) == "Decided")
    assert selected(window) == row_id


def test_a_change_elsewhere_that_moves_a_row_in_the_sort_sets_the_rows_anew(
    qtbot,
    open_window,  # noqa: F811
    library_db: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    window = open_window(library_db)
    services = window.services
    import_files(qtbot, window, [write_doc(tmp_path, make_doc()), write_doc(tmp_path, make_doc())])
    qtbot.waitUntil(lambda: services.requests.rowCount() == 2)
    with qtbot.waitSignal(services.requests.loaded, timeout=10000):
        window.requests_view.table.sortByColumn(COL["status"], Qt.SortOrder.AscendingOrder)
    statuses = [status_of(window, services.requests.summary(r).row_id) for r in range(2)]
    last = services.requests.summary(1).row_id
    decide_elsewhere(qtbot, window, library_db, last)
    qtbot.waitUntil(lambda: services.requests.summary(0).row_id == last, timeout=5000)
    assert status_of(window, last) == "Decided" and statuses != ["Decided", "Decided"]


def decide_elsewhere(
    qtbot,
    window: MainWindow,
    path: Path,
    row_id: int,
    add_camera: bool = False,
) -> None:
    """Decline every candidate of the request from another connection (as the command
    line would), and wait until the window has heard of it."""
    db = open_database(path)
    try:
        if add_camera:
            camdb.add_camera(db, Camera("Gate", 1, 1))
        now = datetime.now(UTC)
        clip_ids = [c.clip_id for c in inboxdb.request_detail(db, row_id, now=now).candidates]
        with qtbot.waitSignal(
            window.services.db.changed,
            timeout=5000,
            check_params_cb=lambda c: c == Changes.everything(),
        ):
            decdb.decide(db, row_id, clip_ids, "declined", now=now)
    finally:
        db.close()


def test_changes_merge_and_say_whether_anything_changed() -> None:
    assert not Changes()
    merged = Changes(cameras=True) | Changes.rows(3) | Changes.rows(4)
    assert merged == Changes(cameras=True, request_rows=frozenset({3, 4}))
    assert merged.any_request and not Changes(cameras=True).any_request
    everything = Changes.everything()
    assert everything.cameras and everything.requests and everything.feeds
    assert everything | merged == replace(everything, request_rows=frozenset({3, 4}))


def test_an_open_dialog_follows_the_changes_it_shows(
    qtbot,
    open_window,  # noqa: F811
    library_db: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The agencies dialog, open while a request of a new agency arrives, lists it and
    keeps the agency the resident was looking at."""
    window = open_window(library_db)
    import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    window.commands["agencies"].trigger()
    dialog = window.agency_dialog
    qtbot.waitUntil(lambda: dialog.agencies.count() == 1 and dialog.table.rowCount() == 1)
    first = dialog.agencies.item(0).text()
    doc = make_doc(agency={"id": "m", "name": "M PD"})
    import_files(qtbot, window, [write_doc(tmp_path, doc)])
    qtbot.waitUntil(lambda: dialog.agencies.count() == 2, timeout=5000)
    assert dialog.agencies.currentItem().text() == first
    dialog.reject()
