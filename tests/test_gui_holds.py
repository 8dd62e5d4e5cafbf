"""Holds in the window (docs/holds.md, "In the window"): a request's candidates are held
after it is imported and the clips table, the clip's detail and the request's candidates
say so; a source gone before it was held shows as lost with when it was last seen; the
status bar shows the store's usage and warns near the limit; clips over the limit wait
for the resident's answer; the resident holds and releases a clip."""

# The window fixtures come from test_gui_requests, taken as parameters.
# ruff: noqa: F811

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMessageBox

from db.holds.evidence_store import EvidenceStore
from db.holds.holds import budget_bytes, hold_state, set_budget_bytes, sync_holds
from db.requests.intake import import_request_bytes
from db.store import paths
from db.store.database import open_database
from db.words.timewords import local_text
from desktop import hold_words, theme
from desktop.main_window import MainWindow
from desktop.models.candidates import HOLD_COL
from desktop.models.clips import COL
from desktop.window_clock import clip_menu
from tests.requests_helpers import make_doc, write_doc
from tests.test_gui_requests import (  # noqa: F401 - fixtures
    import_files,
    library_db,
    open_window,
)

T = 10000


def clip_ids(db_path: Path) -> dict[str, int]:
    db = open_database(db_path)
    try:
        rows = db.execute("SELECT id, path FROM clips").fetchall()
        return {Path(p).name: int(i) for i, p in rows}
    finally:
        db.close()


def hold_cell(window: MainWindow, clip_id: int) -> str:
    model = window.services.clips
    row = model.row_of(clip_id)
    assert row is not None
    return str(model.index(row, COL["hold"]).data() or "")


def select(window: MainWindow, clip_id: int) -> None:
    row = window.services.clips.row_of(clip_id)
    assert row is not None
    window.clips_view.select_row(row)


def synced(qtbot, window: MainWindow, check) -> None:
    """Wait for syncs until ``check()`` holds (the start's sync and the one a request's
    import asks for may both run)."""
    qtbot.waitUntil(lambda: not window.services.holds.busy and check(), timeout=T)


def open_synced(qtbot, open_window, db_path: Path) -> MainWindow:
    """The window, once its start's sync (and usage) are in."""
    window = open_window(db_path)
    with qtbot.waitSignal(window.services.holds.usage_changed, timeout=T):
        pass
    synced(qtbot, window, lambda: window.holds.indicator.usage is not None)
    return window


def test_a_requests_candidates_are_held_after_its_import(
    qtbot, qtmodeltester, open_window, library_db: Path, tmp_path: Path
) -> None:
    window = open_synced(qtbot, open_window, library_db)
    ids = clip_ids(library_db)
    inside, outside = ids["in-window.mp4"], ids["day-before.mkv"]
    assert hold_cell(window, inside) == ""
    view = window.requests_view
    with qtbot.waitSignal(view.detail.holds_loaded, timeout=T):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    synced(qtbot, window, lambda: hold_cell(window, inside) == "Held")
    assert hold_cell(window, outside) == ""  # not a candidate: not held
    assert "Evidence store: 1 more clip kept safe" in window.statusBar().currentMessage()
    cands = view.detail.candidates
    qtbot.waitUntil(lambda: cands.index(0, HOLD_COL).data() == "Held", timeout=T)
    assert "held for 1 request" in cands.index(0, HOLD_COL).data(3)  # its tooltip
    qtmodeltester.check(cands)
    qtmodeltester.check(window.services.clips)
    # The copy is in the store, verified, and the status bar counts it.
    db = open_database(library_db)
    sha = db.execute("SELECT sha256 FROM clips WHERE id = ?", [inside]).fetchone()[0]
    db.close()
    assert EvidenceStore(paths.evidence_dir()).verify(sha)
    qtbot.waitUntil(lambda: "Evidence store: " in window.holds.indicator.label.text())
    assert "(no limit)" in window.holds.indicator.label.text()
    # The detail of the held clip says so, and offers the release, not the hold.
    window.tabs.setCurrentWidget(window.clips_view)
    select(window, inside)
    detail = window.clips_view.detail
    assert "Held" in detail.hold_label.text()
    assert "held for case 2026-004512 (package theft)." in detail.hold_label.text()
    assert detail.release_button.isVisibleTo(detail) and not detail.hold_button.isVisibleTo(detail)
    assert not window.commands["hold-clip"].isEnabled()
    assert window.commands["release-hold"].isEnabled()


def test_a_source_gone_before_it_was_held_shows_as_lost_with_when_it_was_seen(
    qtbot, open_window, library_db: Path, tmp_path: Path
) -> None:
    # A request arrived while the store had no room: its clip was seen, not held.
    db = open_database(library_db)
    now = datetime.now(UTC)
    import_request_bytes(db, write_doc(tmp_path, make_doc()).read_bytes(), now=now)
    set_budget_bytes(db, 1, now=now)
    store = EvidenceStore(paths.evidence_dir())
    result = sync_holds(db, store, now, budget_bytes=1)
    assert [w.clip_id for w in result.waiting]
    clip_id = result.waiting[0].clip_id
    path, seen = db.execute(
        "SELECT path, last_seen_at FROM clips WHERE id = ?", [clip_id]
    ).fetchone()
    db.close()
    store.close()
    assert seen is not None
    Path(path).unlink()  # the recorder rotated it away while the window was closed

    window = open_window(library_db)
    synced(qtbot, window, lambda: hold_cell(window, clip_id) == "Lost")
    model = window.services.clips
    tip = model.index(model.row_of(clip_id), COL["hold"]).data(3)  # its tooltip
    assert tip.startswith(f"Lost since {local_text(seen)}")
    select(window, clip_id)
    assert f"Lost since {local_text(seen)}" in window.clips_view.detail.hold_label.text()
    detail = window.clips_view.detail
    assert not detail.hold_button.isVisibleTo(detail)  # nothing left to hold
    assert not window.commands["hold-clip"].isEnabled()
    # The request's candidates warn of it too.
    window.tabs.setCurrentWidget(window.requests_view)
    with qtbot.waitSignal(window.requests_view.detail.holds_loaded, timeout=T):
        window.requests_view.table.selectRow(0)
    cell = window.requests_view.detail.candidates.index(0, HOLD_COL)
    assert cell.data() == f"Lost since {local_text(seen)}"
    assert cell.data(9).name() == theme.fg(hold_words.LOST).name()  # ForegroundRole: red
    name = window.requests_view.detail.candidates.index(0, 0).data()
    assert name.endswith("⚠ file lost")  # the Hold column may be out of sight


def test_clips_over_the_limit_are_held_only_when_the_resident_says_so(
    qtbot, open_window, library_db: Path, tmp_path: Path
) -> None:
    db = open_database(library_db)
    set_budget_bytes(db, 1, now=datetime.now(UTC))
    db.close()
    window = open_synced(qtbot, open_window, library_db)
    inside = clip_ids(library_db)["in-window.mp4"]
    holds = window.services.holds
    with qtbot.waitSignal(holds.waiting, timeout=T):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    box = window.holds.question
    assert box is not None and box.isVisible()
    assert "beyond its limit (1 B)" in box.text()
    assert hold_cell(window, inside) == ""  # nothing held beyond the limit meanwhile
    hold = next(b for b in box.buttons() if b.text() == "Hold beyond the limit")
    with qtbot.waitSignal(holds.synced, timeout=T):
        hold.click()
    synced(qtbot, window, lambda: hold_cell(window, inside) == "Held")
    # Over the limit now: the status bar says so, in red.
    label = window.holds.indicator.label
    qtbot.waitUntil(lambda: label.text().endswith("⚠ full"), timeout=T)
    assert theme.fg(hold_words.LOST).name() in label.styleSheet()


def test_not_now_leaves_them_unheld_and_does_not_ask_again_for_them(
    qtbot, open_window, library_db: Path, tmp_path: Path
) -> None:
    db = open_database(library_db)
    set_budget_bytes(db, 1, now=datetime.now(UTC))
    db.close()
    window = open_synced(qtbot, open_window, library_db)
    holds = window.services.holds
    with qtbot.waitSignal(holds.waiting, timeout=T):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    box = window.holds.question
    assert box is not None
    next(b for b in box.buttons() if b.text() == "Not now").click()
    assert "Not held: 1 clip" in window.statusBar().currentMessage()
    first = box
    with qtbot.waitSignal(holds.synced, timeout=T):
        holds.sync()
    assert window.holds.question is first and not first.isVisible()  # not asked again


def test_the_status_bar_warns_from_ninety_percent_and_the_limit_is_set_in_a_dialog(
    qtbot, open_window, library_db: Path, tmp_path: Path
) -> None:
    window = open_synced(qtbot, open_window, library_db)
    import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    holds = window.services.holds
    synced(qtbot, window, lambda: holds.usage is not None and holds.usage.used > 0)
    assert holds.usage is not None
    used = holds.usage.used
    dialog = window.holds.indicator.button
    assert dialog.accessibleName() == "Set the evidence store's size limit"
    dialog.click()
    limit = window.holds.dialog
    assert limit is not None and limit.isVisible()
    assert limit.limit.accessibleName() == "Evidence store limit"
    assert limit.unit.currentText() == "GB"  # no limit yet: 50 GB offered
    limit.limited.setChecked(True)
    limit.limit.setValue(2.5)
    limit.unit.setCurrentText("MB")
    chosen = 2_500_000
    assert limit.budget() == chosen
    limit.accept()
    # (A sync still ending may report the usage once more before the new limit shows.)
    qtbot.waitUntil(lambda: holds.usage is not None and holds.usage.budget == chosen, timeout=T)
    db = open_database(library_db)
    assert budget_bytes(db) == chosen
    db.close()
    label = window.holds.indicator.label
    assert "⚠" not in label.text() and label.styleSheet() == ""
    # 95 % of the limit in use: amber, and the words say so.
    holds.set_budget(int(used / 0.95))
    qtbot.waitUntil(lambda: label.text().endswith("⚠ nearly full"), timeout=T)
    assert "95% of the limit is in use" in label.toolTip()
    assert theme.fg(hold_words.WARNING).name() in label.styleSheet()  # amber, readable


def test_the_resident_holds_and_releases_a_clip(qtbot, open_window, library_db: Path) -> None:
    window = open_synced(qtbot, open_window, library_db)
    other = clip_ids(library_db)["day-before.mkv"]
    table = window.clips_view.table
    row = window.services.clips.row_of(other)
    assert row is not None
    # The context menu offers both; the clip clicked becomes the one they act on.
    pos = table.visualRect(window.services.clips.index(row, 1)).center()
    menu = clip_menu(window, QPoint(pos))
    assert menu is not None
    assert window.commands["hold-clip"] in menu.actions()
    assert window.commands["release-hold"] in menu.actions()
    assert table.currentIndex().row() == row
    detail = window.clips_view.detail
    qtbot.waitUntil(lambda: detail.hold_button.isVisibleTo(detail), timeout=T)
    assert detail.hold_button.accessibleName() == "Hold this clip"
    detail.hold_button.click()
    synced(qtbot, window, lambda: hold_cell(window, other) == "Held")
    assert "you" in detail.hold_label.text()
    db = open_database(library_db)
    assert hold_state(db, other).held_for == ["resident"]
    db.close()
    window.commands["release-hold"].trigger()  # held by the resident only: no question
    synced(qtbot, window, lambda: hold_cell(window, other) == "")
    db = open_database(library_db)
    state = hold_state(db, other)
    actions = [r[0] for r in db.execute("SELECT action FROM audit_log ORDER BY seq")]
    db.close()
    assert not state.held
    assert {"clip held", "hold released"} <= set(actions)


def test_releasing_a_requests_hold_asks_first(
    qtbot, open_window, library_db: Path, tmp_path: Path
) -> None:
    window = open_synced(qtbot, open_window, library_db)
    inside = clip_ids(library_db)["in-window.mp4"]
    import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    synced(qtbot, window, lambda: hold_cell(window, inside) == "Held")
    window.tabs.setCurrentWidget(window.clips_view)
    select(window, inside)
    window.commands["release-hold"].trigger()
    box = window.holds.question
    assert isinstance(box, QMessageBox) and "1 request not settled yet" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert hold_cell(window, inside) == "Held"
    window.commands["release-hold"].trigger()
    box = window.holds.question
    assert box is not None
    next(b for b in box.buttons() if b.text() == "Release").click()
    synced(qtbot, window, lambda: hold_cell(window, inside) == "")


def test_the_files_are_put_in_the_store_on_a_worker_with_progress_before_the_holds_are_recorded(
    qtbot, open_window, library_db: Path, tmp_path: Path
) -> None:
    window = open_synced(qtbot, open_window, library_db)
    inside = clip_ids(library_db)["in-window.mp4"]
    db = open_database(library_db)
    sha = db.execute("SELECT sha256 FROM clips WHERE id = ?", [inside]).fetchone()[0]
    db.close()
    holds = window.services.holds
    seen: dict[str, object] = {}

    gate = threading.Event()

    def started(task) -> None:
        if seen:
            return  # a later sync (the request's view asks for one too)
        seen["followed"] = window.progress.label.text()
        # The database thread waits here until the copy is looked at: the recording the
        # copy's end asks for queues behind it.
        window.services.db.submit(lambda _db: gate.wait(T / 1000))

        def copied(_completed: object) -> None:
            check = open_database(library_db)
            seen["in store"] = holds.store.has(sha)
            seen["held"] = hold_state(check, inside).held
            check.close()
            gate.set()

        task.finished.connect(copied)

    holds.started.connect(started)
    with qtbot.waitSignal(holds.synced, timeout=T):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    assert seen == {"followed": "Holding the requests' clips:", "in store": True, "held": False}
    synced(qtbot, window, lambda: hold_cell(window, inside) == "Held")


def test_a_cancelled_sync_records_nothing(
    qtbot, open_window, library_db: Path, tmp_path: Path
) -> None:
    window = open_synced(qtbot, open_window, library_db)
    inside = clip_ids(library_db)["in-window.mp4"]
    holds = window.services.holds
    holds.started.connect(lambda task: task.cancel())  # as the status bar's Cancel does
    with qtbot.waitSignal(holds.usage_changed, timeout=T):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    qtbot.waitUntil(lambda: not holds.busy, timeout=T)
    db = open_database(library_db)
    assert not hold_state(db, inside).held
    db.close()


def test_the_limit_dialog_shows_a_small_limit_in_the_unit_that_reads_it(qtbot) -> None:
    from desktop.widgets.budget_dialog import BudgetDialog

    dialog = BudgetDialog(900_000, 852_200)
    qtbot.addWidget(dialog)
    assert (dialog.limit.value(), dialog.unit.currentText()) == (0.9, "MB")
    assert dialog.budget() == 900_000  # saved unchanged, it stays what it was
    dialog = BudgetDialog(50 * 10**9, None)
    qtbot.addWidget(dialog)
    assert (dialog.limit.value(), dialog.unit.currentText()) == (50.0, "GB")


def test_clips_imported_into_an_open_requests_window_are_held(
    qtbot, open_window, library_db: Path, tmp_path: Path
) -> None:
    from db.demo.synth import make_clip
    from desktop.importing import ImportJob
    from tests.requests_helpers import window_base

    window = open_synced(qtbot, open_window, library_db)
    import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    inside = clip_ids(library_db)["in-window.mp4"]
    synced(qtbot, window, lambda: hold_cell(window, inside) == "Held")
    later = tmp_path / "later"
    later.mkdir()
    make_clip(later / "also-in-window.mp4", seconds=3, creation_time=window_base())
    camera = window.services.cameras.cameras()[0]
    with qtbot.waitSignal(window.services.imports.finished, timeout=T):
        window.services.imports.start(ImportJob(camera, later))
    new = clip_ids(library_db)["also-in-window.mp4"]
    qtbot.waitUntil(lambda: window.services.clips.row_of(new) is not None, timeout=T)
    synced(qtbot, window, lambda: hold_cell(window, new) == "Held")


def test_the_copying_task_reports_its_bytes_and_puts_every_file(qtbot, tmp_path: Path) -> None:
    import hashlib

    from db.demo.synth import make_clip
    from desktop.hold_sync import Copy, HoldTask

    copies = []
    for n in range(3):
        path = make_clip(tmp_path / f"clip-{n}.mp4", seconds=2)
        data = Path(path).read_bytes()
        copies.append(Copy(n, Path(path), hashlib.sha256(data).hexdigest(), len(data)))
    store = EvidenceStore(tmp_path / "evidence")
    task = HoldTask("holding", store, copies)
    reports: list[tuple[int, int, str]] = []
    task.progress.connect(lambda *report: reports.append(report))
    with qtbot.waitSignal(task.finished, timeout=T) as done:
        task.start()
    task.wait()
    assert done.args == [True]
    assert all(store.has(c.sha256) for c in copies)
    permilles = [r[0] for r in reports]
    assert permilles == sorted(permilles) and permilles[-1] == 1000
    assert reports[-1][2] == "3 of 3 clips"


def test_the_progress_shows_the_newest_task_until_that_one_ends(qtbot) -> None:
    """A sync starting while thumbnails are made: the thumbnails' end must not hide the
    sync's progress, nor their reports overwrite it."""
    from desktop.statusbar.progress import TaskProgress
    from desktop.tasks import Task

    progress = TaskProgress()
    qtbot.addWidget(progress)
    thumbnails, sync = Task("making thumbnails"), Task("holding the requests' clips")
    progress.follow(thumbnails)
    progress.follow(sync)
    sync.progress.emit(500, 1000, "1 of 2 clips")
    thumbnails.progress.emit(10, 20, "10 of 20 clips")
    assert progress.bar.format() == "1 of 2 clips"
    thumbnails.finished.emit(True)
    assert not progress.isHidden()
    assert progress.label.text() == "Holding the requests' clips:"
    sync.finished.emit(True)
    assert progress.isHidden()


def test_what_a_sync_copies_stays_within_the_budget_in_the_syncs_order(
    library_db: Path, tmp_path: Path
) -> None:
    from desktop.hold_sync import read_hold_states, request_labels, wanted_copies

    db = open_database(library_db)
    now = datetime.now(UTC)
    assert wanted_copies(db, None, now) == []  # no request: nothing wanted
    for n in range(2):  # two requests wanting the same clip: one copy
        doc = make_doc(case_number=f"2026-00451{n}")
        import_request_bytes(db, write_doc(tmp_path, doc).read_bytes(), now=now)
    inside = clip_ids(library_db)["in-window.mp4"]
    wanted = wanted_copies(db, None, now)
    assert [c.clip_id for c in wanted] == [inside]
    assert wanted_copies(db, wanted[0].size - 1, now) == []  # it would not fit
    assert wanted_copies(db, wanted[0].size, now) == wanted
    result = sync_holds(db, EvidenceStore(paths.evidence_dir()), now, budget_bytes=None)
    assert wanted_copies(db, None, now) == []  # held: nothing left to copy
    states = read_hold_states(db, [inside, 9999])  # a clip removed meanwhile is left out
    assert list(states) == [inside]
    rows = {r for _c, r in result.held}
    assert sorted(request_labels(db, rows).values()) == [
        "case 2026-004510 (package theft)",
        "case 2026-004511 (package theft)",
    ]
    db.close()


def test_the_copying_task_stops_when_cancelled_and_passes_over_a_missing_source(
    qtbot, tmp_path: Path
) -> None:
    import hashlib

    from db.demo.synth import make_clip
    from desktop.hold_sync import Copy, HoldTask

    path = Path(make_clip(tmp_path / "clip.mp4", seconds=2))
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    gone = Copy(1, tmp_path / "gone.mp4", "0" * 64, 10)
    store = EvidenceStore(tmp_path / "evidence")
    # Run on this thread: what the worker does, step by step.
    task = HoldTask("holding", store, [gone, Copy(2, path, sha, len(data))])
    assert task.work() is True  # the missing one is left for the sync to call lost
    assert store.has(sha) and not store.has("0" * 64)
    task = HoldTask("holding", store, [Copy(2, path, sha, len(data))])
    task.cancel()
    assert task.work() is False
