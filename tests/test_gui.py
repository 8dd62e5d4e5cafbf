"""The window as a resident uses it: first launch, cameras, importing, preview."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from db.demo.synth import make_clip
from db.store.database import DatabaseError, open_database
from db.words.timewords import local_text
from desktop.main_window import MainWindow
from desktop.models.clips import COL
from desktop.services import build_services
from desktop.widgets.camera_dialogs import CameraEditDialog, CamerasDialog
from desktop.widgets.empty_state import EmptyState
from desktop.widgets.import_dialog import ImportDialog


@pytest.fixture
def open_window(qtbot, tmp_path: Path):
    opened = []

    def make(db_path: Path | None = None, kind: str = "resident") -> MainWindow:
        services = build_services(db_path or tmp_path / "doorstep.sqlite3", kind)
        settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
        window = MainWindow(services, settings)
        qtbot.addWidget(window)
        opened.append(services)
        with qtbot.waitSignal(window.ready, timeout=10000):
            window.show()
            window.start()
        return window

    def close(window: MainWindow) -> None:
        """The resident quits: the window closes and its services stop."""
        window.close()
        opened.remove(window.services)
        window.services.shutdown()

    # Tests get both as one fixture: make() opens a window, make.close() quits it.
    make.close = close  # type: ignore[attr-defined]
    yield make
    for services in opened:
        services.shutdown()


def find_dialog(kind: type):
    for w in QApplication.topLevelWidgets():
        if isinstance(w, kind) and w.isVisible():
            return w
    raise AssertionError(f"no {kind.__name__} is open")


def add_camera(qtbot, window: MainWindow, name: str = "Porch") -> None:
    window.commands["add-camera"].trigger()
    dialog = find_dialog(CameraEditDialog)
    qtbot.keyClicks(dialog.name, name)
    dialog.lat.setValue(47.6062)
    dialog.lon.setValue(-122.3321)
    dialog.tz.setCurrentText("America/Los_Angeles")
    with qtbot.waitSignal(window.services.cameras.changed):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: window.services.cameras.by_id(1) is not None)


def import_through_window(qtbot, window: MainWindow, folder: Path, watch: bool = False) -> None:
    window.commands["import"].trigger()
    dialog = find_dialog(ImportDialog)
    dialog.folder.setText(str(folder))
    dialog.watch.setChecked(watch)
    with qtbot.waitSignal(window.services.imports.finished, timeout=30000):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )


def test_the_app_hands_the_interpreter_to_the_gui_thread_within_a_millisecond(qtbot) -> None:
    # Worker threads running Python (the database thread storing a feed) otherwise
    # keep the GUI thread waiting up to 5 ms at every call from Qt into Python.
    import sys

    from desktop.app import SWITCH_INTERVAL_S, make_application

    old = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        assert make_application() is QApplication.instance()
        assert SWITCH_INTERVAL_S <= 0.001
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S)
    finally:
        sys.setswitchinterval(old)


def test_first_launch_says_what_to_do_next(qtbot, open_window) -> None:
    window = open_window()
    assert window.stack.currentWidget() is window.empty
    assert isinstance(window.empty, EmptyState)
    assert "Start by adding a camera" in window.empty.body.text()
    assert not window.empty.import_button.isEnabled()
    add_camera(qtbot, window)
    assert "Next, import the folder" in window.empty.body.text()
    assert window.empty.import_button.isEnabled()


def test_a_returning_resident_opens_on_the_clips_without_the_welcome_page(
    qtbot, open_window, library, tmp_path: Path
) -> None:
    window = open_window()
    add_camera(qtbot, window)
    import_through_window(qtbot, window, library.root / "2026-11-20")
    again = open_window(tmp_path / "doorstep.sqlite3")  # the same library, a new start
    assert again.stack.currentWidget() is again.tabs
    assert again.tabs.currentWidget() is again.clips_view
    assert again.pages._empty is None  # the first-launch page was never built
    assert again.services.clips.is_loaded(0) and again.services.clips.rowCount() == 3


def test_camera_dialog_names_the_bad_field(qtbot, open_window) -> None:
    window = open_window()
    add_camera(qtbot, window, "Porch")
    window.commands["add-camera"].trigger()
    dialog = find_dialog(CameraEditDialog)
    qtbot.keyClicks(dialog.name, "porch")
    dialog.lat.setValue(1.0)
    dialog.lon.setValue(1.0)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "already a camera named" in dialog.error.text()
    assert dialog.isVisible()
    dialog.tz.setCurrentText("Nowhere/Special")
    dialog.name.setText("Gate")
    dialog.save()
    assert dialog.error.text().startswith("tz:")
    dialog.reject()


def test_import_a_folder_through_the_window(qtbot, open_window, library) -> None:
    window = open_window()
    add_camera(qtbot, window)
    import_through_window(qtbot, window, library.root)
    model = window.services.clips
    qtbot.waitUntil(lambda: model.rowCount() == len(library.good), timeout=10000)
    assert window.stack.currentWidget() is window.tabs
    assert window.tabs.currentWidget() is window.clips_view
    qtbot.waitUntil(lambda: model.is_loaded(0))
    names = {model.index(r, COL["clip"]).data() for r in range(model.rowCount())}
    assert names == {p.name for p in library.good.values()}
    report = window.last_report
    assert isinstance(report, QMessageBox) and report.isVisible()
    assert f"{len(library.bad)} skipped" in report.text()
    for path, reason in library.bad.values():
        assert f"{path}: " in report.detailedText()
        assert reason in report.detailedText()
    report.close()
    qtbot.waitUntil(lambda: window.clips_view.count.text() == f"{len(library.good)} clips")


def test_editing_a_cameras_clock_moves_its_clips_start_times_in_the_table(
    qtbot, open_window, library
) -> None:
    window = open_window()
    add_camera(qtbot, window)
    import_through_window(qtbot, window, library.root / "2026-11-20")
    model = window.services.clips
    qtbot.waitUntil(lambda: model.rowCount() == 3 and model.is_loaded(0))

    def start_of(name: str) -> str:
        for r in range(model.rowCount()):
            if model.index(r, COL["clip"]).data() == name:
                return str(model.index(r, COL["start"]).data())  # the computer's clock
        raise AssertionError(name)

    assert start_of("porch_a.mp4") == local_text("2026-11-20T22:00:00.000Z", seconds=True)
    window.commands["cameras"].trigger()
    cameras = find_dialog(CamerasDialog)
    assert cameras.edit_button.isEnabled()  # the first camera is selected already
    qtbot.mouseClick(cameras.edit_button, Qt.MouseButton.LeftButton)
    dialog = find_dialog(CameraEditDialog)
    assert not dialog.retime_note.isVisible()
    dialog.clock.setValue(90)  # the camera's clock turns out to run 90 s fast
    assert dialog.retime_note.isVisible()
    with qtbot.waitSignal(model.loaded, timeout=10000):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    qtbot.waitUntil(lambda: model.is_loaded(0))
    assert start_of("porch_a.mp4") == local_text("2026-11-20T21:58:30.000Z", seconds=True)
    assert window.statusBar().currentMessage() == (
        "Porch: start times of 3 clips recalculated for the camera's new time zone or clock offset."
    )
    # A new name reaches the rows already shown as well.
    qtbot.mouseClick(cameras.edit_button, Qt.MouseButton.LeftButton)
    dialog = find_dialog(CameraEditDialog)
    dialog.name.setText("Front door")
    with qtbot.waitSignal(model.loaded, timeout=10000):
        dialog.save()
    qtbot.waitUntil(lambda: model.is_loaded(0))
    assert {model.index(r, COL["camera"]).data() for r in range(3)} == {"Front door"}
    cameras.reject()


def test_an_import_whose_writes_fail_says_so_and_the_next_import_goes_on(
    qtbot, open_window, library, tmp_path: Path
) -> None:
    import sqlite3

    window = open_window()
    add_camera(qtbot, window)
    # Another program leaves a trigger that makes every write of a clip row fail in
    # the middle of the import's transaction (a real SQLite error, as "database is
    # locked" or "disk I/O error" would be, without waiting out a lock).
    other = sqlite3.connect(tmp_path / "doorstep.sqlite3")
    other.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON clips BEGIN SELECT missing_function(); END"
    )
    other.commit()
    import_through_window(qtbot, window, library.root)
    imports = window.services.imports
    assert not imports.busy
    report = window.last_report
    assert isinstance(report, QMessageBox) and report.windowTitle() == "Import stopped"
    assert "the database could not be written: no such function: missing_function" in (
        report.text()
    )
    assert "(cancelled)" not in report.text()
    report.close()
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("Porch: import stopped (the database could not be written")
    )
    rows = other.execute("SELECT count(*) FROM clips").fetchone()[0]
    assert rows == 0  # the failed batches left nothing half-written

    other.execute("DROP TRIGGER refuse")
    other.commit()
    other.close()
    import_through_window(qtbot, window, library.root)  # the queue is not stuck
    model = window.services.clips
    qtbot.waitUntil(lambda: model.rowCount() == len(library.good), timeout=10000)
    assert window.last_report.windowTitle() == "Import finished"
    window.last_report.close()


def test_select_preview_and_flag_a_clip(qtbot, open_window, library, tmp_path: Path) -> None:
    window = open_window()
    add_camera(qtbot, window)
    import_through_window(qtbot, window, library.root / "2026-11-20")
    view = window.clips_view
    qtbot.waitUntil(lambda: window.services.clips.is_loaded(0) and view.model.rowCount() == 3)
    view.select_row(0)
    detail = view.detail
    qtbot.waitUntil(lambda: detail.clip is not None)
    assert "Porch" in detail.facts.text()
    assert detail.hash_field.text() == detail.clip.sha256
    assert detail.path_field.text() == detail.clip.path
    assert detail.private.isEnabled() and not detail.private.isChecked()
    with qtbot.waitSignal(window.services.db.busy_changed, check_params_cb=lambda b: not b):
        box = detail.private
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    row = view.model.row_of(detail.clip.id)
    assert view.model.index(row, COL["private"]).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    check = open_database(tmp_path / "doorstep.sqlite3")
    stored = check.execute("SELECT private FROM clips WHERE id = ?", [detail.clip.id]).fetchone()
    check.close()
    assert stored == (1,)
    # The poster shows once the thumbnail pass made it (after the import), until Play;
    # then the player opens the selected file.
    qtbot.waitUntil(lambda: not detail.player.placeholder.pixmap().isNull(), timeout=30000)
    window.commands["play"].trigger()
    player = detail.player.player
    assert player is not None
    assert player.source().toLocalFile() == detail.clip.path
    qtbot.waitUntil(lambda: player.position() > 0, timeout=10000)
    from PySide6.QtMultimedia import QMediaDevices

    # No sound device here: the pictures play without an audio output (with one whose
    # device is missing, closing the window while it played could hang in stop())
    assert (player.audioOutput() is None) == (not QMediaDevices.audioOutputs())
    assert detail.player.play_button.text() == "Pause"  # the button says what it does next


def test_window_stays_responsive_during_an_import(qtbot, open_window, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for i in range(40):
        make_clip(folder / f"c{i:02d}.mp4", seconds=2, width=640, height=360, hue=i)
    window = open_window()
    add_camera(qtbot, window)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    import_through_window(qtbot, window, folder)
    timer.stop()
    qtbot.waitUntil(lambda: window.services.clips.rowCount() == 40)
    assert len(gaps) > 5
    assert max(gaps) < 0.5, f"the GUI thread stalled for {max(gaps):.3f} s"


def test_a_watched_folder_imports_new_clips(qtbot, open_window, library) -> None:
    window = open_window()
    add_camera(qtbot, window)
    day = library.root / "2026-11-20"
    import_through_window(qtbot, window, day, watch=True)
    qtbot.waitUntil(lambda: window.services.clips.rowCount() == 3)
    new = day.parent / "incoming.mp4"
    make_clip(new, seconds=2, hue=40)
    shutil.move(new, day / "new-recording.mp4")
    qtbot.waitUntil(lambda: window.services.clips.rowCount() == 4, timeout=20000)


def test_a_watched_folder_is_watched_again_after_a_restart(
    qtbot, open_window, library, tmp_path: Path
) -> None:
    window = open_window()
    add_camera(qtbot, window)
    day = library.root / "2026-11-20"
    import_through_window(qtbot, window, day, watch=True)
    qtbot.waitUntil(lambda: window.services.clips.rowCount() == 3)
    open_window.close(window)
    # Recorded while Doorstep was closed: found when it starts again.
    make_clip(day / "while-closed.mp4", seconds=2, hue=41)
    again = open_window(tmp_path / "doorstep.sqlite3")
    qtbot.waitUntil(lambda: again.services.clips.rowCount() == 4, timeout=20000)
    # And the folder is watched again: a new recording arrives by itself.
    new = day.parent / "incoming.mp4"
    make_clip(new, seconds=2, hue=42)
    shutil.move(new, day / "after-restart.mp4")
    qtbot.waitUntil(lambda: again.services.clips.rowCount() == 5, timeout=20000)

    def names() -> set[str]:
        # Rows come from the database thread as they are asked for: ask until there.
        return {again.services.clips.index(r, COL["clip"]).data() for r in range(5)}

    qtbot.waitUntil(lambda: {"while-closed.mp4", "after-restart.mp4"} <= names())


def test_cancel_an_import(qtbot, open_window, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for i in range(30):
        make_clip(folder / f"c{i:02d}.mp4", seconds=2, width=640, height=360, hue=i)
    window = open_window()
    add_camera(qtbot, window)
    imports = window.services.imports
    progress = window.progress
    seen = []

    def cancel_from_the_status_bar(_task: object) -> None:
        # The status bar shows what runs, with a bar and a Cancel button: press it.
        seen.append((progress.isVisible(), progress.label.text()))
        qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
        seen.append(progress.label.text())

    imports.started.connect(cancel_from_the_status_bar)
    window.commands["import"].trigger()
    dialog = find_dialog(ImportDialog)
    dialog.folder.setText(str(folder))
    with qtbot.waitSignal(imports.finished, timeout=30000) as blocker:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert seen == [(True, "Importing many for Porch:"), "Cancelling…"]
    _job, summary, _folders = blocker.args
    assert summary.cancelled and summary.error is None
    assert summary.added < 30
    qtbot.waitUntil(lambda: not progress.isVisible())
    assert window.statusBar().currentMessage().startswith("Porch: ")
    assert window.statusBar().currentMessage().endswith("(cancelled).")


def test_import_dialog_refuses_a_missing_folder(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window()
    add_camera(qtbot, window)
    dialog = window.import_folder()
    dialog.folder.setText(str(tmp_path / "nowhere"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and "Folder not found" in dialog.error.text()
    dialog.reject()


def test_a_newer_database_is_refused_before_the_window_opens(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "d.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 42")
    with pytest.raises(DatabaseError, match="newer version of Doorstep"):
        build_services(path, "resident")


def test_demo_opens_in_its_own_database(qtbot, isolated: Path) -> None:
    from desktop.app import Shell

    app = QApplication.instance()
    assert isinstance(app, QApplication)  # pytest-qt's, made for qtbot
    shell = Shell(app)
    try:
        assert shell.open(isolated / "doorstep.sqlite3", "resident")
        first = shell.window
        assert first is not None
        with qtbot.waitSignal(first.ready):  # the first page is chosen from the data
            pass
        assert first.stack.currentWidget() is first.empty and first.empty.demo_button.isVisible()
        qtbot.mouseClick(first.empty.demo_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: shell.window is not first, timeout=60000)
        demo = shell.window
        assert demo is not None and "Demo" in demo.windowTitle()
        qtbot.waitUntil(lambda: demo.services.clips.rowCount() == 24, timeout=10000)
        assert demo.services.cameras.rowCount() == 6
        mine = open_database(isolated / "doorstep.sqlite3")
        assert mine.execute("SELECT count(*) FROM clips").fetchone()[0] == 0
        mine.close()
        demo.commands["resident"].trigger()
        qtbot.waitUntil(lambda: shell.window is not demo)
        assert shell.services is not None and shell.services.kind == "resident"
    finally:
        if shell.window is not None:
            shell.window.close()
        shell.shutdown()


def test_the_first_screen_comes_before_the_background_work(qtbot, tmp_path: Path) -> None:
    """The base map's tile loader and the retention reminder are made once the window
    shows its first data, not before (they delayed the first screen)."""
    services = build_services(tmp_path / "doorstep.sqlite3", "resident")
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings)
    qtbot.addWidget(window)
    made_at_ready: list[bool] = []
    window.ready.connect(lambda: made_at_ready.append(services.tiles is not None))
    try:
        with qtbot.waitSignal(window.ready, timeout=10000):
            window.show()
            window.start()
        assert made_at_ready == [False]
        qtbot.waitUntil(
            lambda: services.tiles is not None and window.retention_reminder is not None
        )
    finally:
        services.shutdown()


def test_the_audit_tab_is_made_and_read_when_first_opened(qtbot, open_window) -> None:
    import sqlite3

    window = open_window()
    add_camera(qtbot, window)  # an audited action
    assert window._audit_view is None  # not made at start-up
    index = window.tabs.indexOf(window.audit_page)
    window.tabs.setCurrentIndex(index)
    view = window._audit_view
    assert view is not None and view.parent() is window.audit_page
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        pass
    with sqlite3.connect(window.services.path) as conn:
        entries = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert entries >= 1 and view.model.rowCount() == entries
    assert view.count.text() == ("1 entry" if entries == 1 else f"{entries:,} entries")
    window.tabs.setCurrentIndex(0)
    window.tabs.setCurrentIndex(index)
    assert window.audit_view is view  # made once
