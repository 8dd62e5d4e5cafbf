"""The camera dialogs as a resident uses them: a new camera needs a place (typed or
picked on the map) and starts in the computer's time zone; removing a camera whose
clips were decided on retires it, and the question says so first."""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from db.store.database import open_database
from desktop.main_window import MainWindow
from desktop.services import build_services
from desktop.widgets.camera_dialogs import CameraEditDialog, CamerasDialog, computer_zone


@pytest.fixture
def open_window(qtbot, tmp_path: Path):
    opened = []

    def make(db_path: Path) -> MainWindow:
        services = build_services(db_path, "resident")
        settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
        window = MainWindow(services, settings)
        qtbot.addWidget(window)
        window.resize(1200, 900)
        opened.append(services)
        with qtbot.waitSignal(window.ready, timeout=10000):
            window.show()
            window.start(poll_feeds=False)
        return window

    yield make
    for services in opened:
        services.shutdown()


def visible(kind: type):
    return next(
        (w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()),
        None,
    )


def test_a_new_camera_needs_a_place_and_starts_in_the_computers_time_zone(
    qtbot,
    open_window,
    tmp_path: Path,
) -> None:
    window = open_window(tmp_path / "d.sqlite3")
    window.commands["add-camera"].trigger()
    dialog = visible(CameraEditDialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    zone = computer_zone()
    assert zone and ZoneInfo(zone) and dialog.tz.currentText() == zone
    assert dialog.tz_note.isVisible()
    qtbot.keyClicks(dialog.name, "Porch")
    # Only a name: nothing is saved at 0, 0, and the dialog says what is missing.
    assert not save.isEnabled()
    assert dialog.missing.isVisible() and "place" in dialog.missing.text()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.lat, "47.6062")
    assert not save.isEnabled()
    qtbot.keyClicks(dialog.lon, "abc")
    assert not save.isEnabled() and "longitude that is a number" in dialog.missing.text()
    dialog.lon.clear()
    qtbot.keyClicks(dialog.lon, "-122.3321")
    assert save.isEnabled() and not dialog.missing.isVisible()
    with qtbot.waitSignal(window.services.cameras.changed):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.services.cameras.rowCount() == 1)
    cam = window.services.cameras.camera(0)
    assert (cam.name, cam.lat, cam.lon, cam.tz) == ("Porch", 47.6062, -122.3321, zone)


def test_a_place_pasted_as_a_pair_fills_both_fields(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window(tmp_path / "d.sqlite3")
    window.commands["add-camera"].trigger()
    dialog = visible(CameraEditDialog)
    dialog.lat.setFocus()
    dialog.lat.insert("47.6062, -122.3321")
    assert (dialog.lat.value(), dialog.lon.value()) == (47.6062, -122.3321)
    dialog.reject()


def test_pick_on_map_takes_the_place_clicked(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window(tmp_path / "d.sqlite3")
    window.commands["add-camera"].trigger()
    dialog = visible(CameraEditDialog)
    qtbot.keyClicks(dialog.name, "Porch")
    view = window.map_panel.view
    view.center_on_lonlat(-122.3321, 47.6062, zoom=16)
    # Esc gives up: the dialog comes back as it was.
    qtbot.mouseClick(dialog.pick, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and "Click the camera's place" in view.notice
    QTest.keyClick(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.lat.value() is None and view.notice == ""
    # A click on the map is the camera's place.
    qtbot.mouseClick(dialog.pick, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    at = view.viewport().rect().center() + QPoint(40, -30)
    from db.requests.mercator import world_to_lonlat

    scene = view.mapToScene(at)
    lon, lat = world_to_lonlat(scene.x(), scene.y())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.lat.value() == pytest.approx(lat, abs=1e-6)
    assert dialog.lon.value() == pytest.approx(lon, abs=1e-6)
    assert abs(lat - 47.6062) < 0.01 and abs(lon + 122.3321) < 0.01
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert view.notice == ""
    dialog.reject()


def _confirm(qtbot, cameras: CamerasDialog, row: int) -> QMessageBox:
    cameras.list.setCurrentIndex(cameras.model.index(row, 0))
    cameras.__dict__.pop("confirmation", None)
    qtbot.mouseClick(cameras.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(cameras, "confirmation", None) is not None)
    box = cameras.confirmation
    qtbot.waitUntil(box.isVisible)
    return box


def _press(qtbot, box: QMessageBox, text: str) -> None:
    button = next(b for b in box.buttons() if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_removing_a_camera_in_the_window_retires_it_when_its_clips_were_decided(
    qtbot,
    open_window,
    tmp_path: Path,
) -> None:
    from tests.test_cameras import _request_with_decisions

    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    _request_with_decisions(db, tmp_path)
    before = db.execute("SELECT * FROM decisions").fetchall()
    db.close()
    window = open_window(path)
    window.commands["cameras"].trigger()
    cameras = visible(CamerasDialog)
    model = cameras.model
    assert [model.camera(r).name for r in range(model.rowCount())] == ["Gate", "Porch"]

    box = _confirm(qtbot, cameras, 1)
    assert box.windowTitle() == "Retire camera"
    assert "“Porch” will be retired, not deleted" in box.text()
    assert "one of its clips was decided on for a request and shared" in box.text()
    assert "never deletes the record of what was shared" in box.text()
    _press(qtbot, box, "Cancel")
    assert model.rowCount() == 2

    box = _confirm(qtbot, cameras, 1)
    with qtbot.waitSignal(model.changed, timeout=10000):
        _press(qtbot, box, "Retire")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.camera(0).name == "Gate"
    assert cameras.note.isVisible() and cameras.note.text().startswith("Retired camera 'Porch'")
    qtbot.waitUntil(lambda: set(window.map_panel.markers) == {model.camera(0).id})

    # A camera none of whose clips was decided on is removed, and the question says why.
    box = _confirm(qtbot, cameras, 0)
    assert box.windowTitle() == "Remove camera"
    assert "None of its clips was decided on" in box.text()
    with qtbot.waitSignal(model.changed, timeout=10000):
        _press(qtbot, box, "Remove")
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    cameras.reject()

    db = open_database(path)
    assert db.execute("SELECT * FROM decisions").fetchall() == before
    names = db.execute("SELECT name, retired_at IS NOT NULL FROM cameras").fetchall()
    assert names == [("Porch", 1)]
    actions = [r[0] for r in db.execute("SELECT action FROM audit_log WHERE camera_id IS NOT NULL")]
    assert actions[-2:] == ["camera retired", "camera removed"]
    assert (
        json.loads(
            db.execute("SELECT details FROM audit_log WHERE action = 'camera retired'").fetchone()[
                0
            ]
        )["decided_clips"]
        == 1
    )
    db.close()


def test_the_windows_import_summary_lists_each_damaged_file_and_the_rest_import(
    qtbot,
    open_window,
    tmp_path: Path,
) -> None:
    from db.clips.cameras import Camera, add_camera
    from db.demo.synth import make_clip
    from desktop.widgets.import_dialog import ImportDialog
    from tests.videos import T0, make_damaged

    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    add_camera(db, Camera("Porch", 47.6, -122.3))
    db.close()
    folder = tmp_path / "camera"
    bad = make_damaged(folder)
    make_clip(folder / "ok.mp4", seconds=1, creation_time=T0)
    window = open_window(path)
    window.commands["import"].trigger()
    dialog = visible(ImportDialog)
    dialog.folder.setText(str(folder))
    with qtbot.waitSignal(window.services.imports.finished, timeout=30000):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    qtbot.waitUntil(lambda: window.services.clips.rowCount() == 1, timeout=10000)
    report = window.last_report
    assert isinstance(report, QMessageBox) and report.isVisible()
    assert f"{len(bad)} skipped" in report.text()
    for _path, reason in bad.values():
        assert reason in report.detailedText(), reason
    assert "porch-\\xff\\xfe.mp4: its name is not valid UTF-8" in report.detailedText()
    report.close()
