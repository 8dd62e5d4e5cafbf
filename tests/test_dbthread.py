"""The database thread: operations run in order, results come back by signals, and
reads marked ``abandon_on_close`` do not hold up closing."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from db.clips.cameras import Camera, add_camera, list_cameras
from db.store.database import open_database
from desktop.dbthread import DbService

# Counting to a billion in SQL takes minutes: only a stopped statement ends soon.
ENDLESS = (
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1000000000) "
    "SELECT count(*) FROM n"
)


def test_results_arrive_in_order_on_the_gui_thread(qtbot, tmp_path: Path) -> None:
    service = DbService(tmp_path / "d.sqlite3")
    try:
        got: list[tuple[str, bool]] = []
        main = threading.get_ident()
        service.submit(
            lambda db: add_camera(db, Camera("Porch", 1, 1)).name,
            lambda name: got.append((name, threading.get_ident() == main)),
        )
        with qtbot.waitSignal(service.busy_changed, check_params_cb=lambda busy: not busy):
            service.submit(
                lambda db: [c.name for c in list_cameras(db)],
                lambda names: got.append((",".join(names), threading.get_ident() == main)),
            )
        assert got == [("Porch", True), ("Porch", True)]
    finally:
        service.shutdown()


def test_closing_stops_abandonable_reads_and_finishes_writes(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    service = DbService(path)
    started = threading.Event()
    answers: list[object] = []  # results, and any error

    def endless(db):
        started.set()
        return db.execute(ENDLESS).fetchone()[0]

    service.submit(
        endless, lambda n: answers.append(f"read {n}"), answers.append, abandon_on_close=True
    )
    # Queued behind it: a write, which must still happen, and a read, which is dropped.
    service.submit(lambda db: add_camera(db, Camera("Gate", 2, 2)))
    service.submit(lambda db: answers.append("queued read ran"), abandon_on_close=True)
    assert started.wait(10)
    service.shutdown()  # returns once the thread has ended
    QCoreApplication.processEvents()  # deliver any result (wrongly) sent meanwhile
    assert answers == []
    check = open_database(path)
    assert [c.name for c in list_cameras(check)] == ["Gate"]
    check.close()


def test_a_write_submitted_while_a_read_runs_is_not_lost_at_close(
    qtbot,
    tmp_path: Path,
) -> None:
    path = tmp_path / "d.sqlite3"
    service = DbService(path)
    started = threading.Event()

    def endless(db):
        started.set()
        return db.execute(ENDLESS).fetchone()[0]

    service.submit(endless, abandon_on_close=True)
    assert started.wait(10)  # the read runs; only now is the write queued
    service.submit(lambda db: add_camera(db, Camera("Gate", 2, 2)))
    service.shutdown()
    check = open_database(path)
    assert [c.name for c in list_cameras(check)] == ["Gate"]
    check.close()


def test_an_abandonable_read_answers_as_usual_while_open(qtbot, tmp_path: Path) -> None:
    service = DbService(tmp_path / "d.sqlite3")
    try:
        with qtbot.waitSignal(service.busy_changed, check_params_cb=lambda busy: not busy):
            got: list[int] = []
            service.submit(
                lambda db: db.execute(ENDLESS.replace("1000000000", "100000")).fetchone()[0],
                got.append,
                abandon_on_close=True,
            )
        assert got == [100000]
    finally:
        service.shutdown()


def test_an_operation_reports_what_it_changed_once_committed_and_a_failed_one_nothing(
    qtbot,
    tmp_path: Path,
) -> None:
    from db.store.changes import Changes

    path = tmp_path / "d.sqlite3"
    service = DbService(path)
    heard: list[object] = []

    def seen_by_another_connection(_changes: Changes) -> None:
        other = open_database(path)
        heard.append([c.name for c in list_cameras(other)])  # committed, not pending
        other.close()

    service.changed.connect(seen_by_another_connection)
    service.changed.connect(heard.append)
    try:
        with qtbot.waitCallback(timeout=5000) as done:

            def added(name: str) -> None:
                heard.append(name)
                done()

            service.submit_op(
                lambda db: add_camera(db, Camera("Porch", 1, 1)).name,
                Changes(cameras=True),
                added,
            )
        assert heard == [["Porch"], Changes(cameras=True), "Porch"]  # before on_done
        heard.clear()

        def fails(db):
            with db.atomic():  # one transaction, rolled back
                add_camera(db, Camera("Gate", 2, 2))
                raise ValueError("no room")

        with qtbot.assertNotEmitted(service.changed), qtbot.waitCallback() as failed:
            service.submit_op(fails, Changes(cameras=True), on_error=failed)
        assert str(failed.args[0]) == "no room" and heard == []
        assert [c.name for c in service.call_blocking(list_cameras)] == ["Porch"]
        # Worked out from the result: nothing stored, nothing to say.
        with qtbot.assertNotEmitted(service.changed), qtbot.waitCallback() as done:
            service.submit_op(lambda db: 0, lambda n: Changes(clips_added=n > 0), lambda _n: done())
    finally:
        service.shutdown()
