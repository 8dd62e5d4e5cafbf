"""The map as a resident uses it: areas and cameras in the right places, selection
shared with the requests list, cameras moved and turned on the map and saved, zoom
and pan from the keyboard, and a snapshot of the map view."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from db.clips.cameras import Camera, add_camera, list_cameras
from db.requests.mercator import lonlat_to_world
from db.store.database import open_database
from desktop.main_window import MainWindow
from desktop.models.requests import RowIdRole
from desktop.services import build_services
from tests.requests_helpers import PORCH, make_doc, write_doc

ROOT = Path(__file__).resolve().parent.parent
FAR = (-122.30, 47.62)  # about 2.5 km from the porch


@pytest.fixture
def map_db(tmp_path: Path) -> Path:
    path = tmp_path / "doorstep.sqlite3"
    db = open_database(path)
    add_camera(db, Camera("Porch", PORCH[1], PORCH[0], heading_deg=90, fov_deg=60, range_m=40))
    add_camera(db, Camera("Cabin", FAR[1], FAR[0]))
    db.close()
    return path


@pytest.fixture
def window(qtbot, tmp_path: Path, map_db: Path):
    services = build_services(map_db, "resident")
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    win = MainWindow(services, settings)
    qtbot.addWidget(win)
    win.resize(1200, 900)
    with qtbot.waitSignal(services.requests.loaded, timeout=10000):
        win.show()
        win.start(poll_feeds=False)
    near = make_doc(incident="near")
    far = make_doc(
        incident="far", area={"type": "Point", "coordinates": list(FAR), "radius_m": 250}
    )
    with qtbot.waitSignal(services.requests.loaded, timeout=10000):
        win.import_request_files([write_doc(tmp_path, near), write_doc(tmp_path, far)])
    qtbot.waitUntil(lambda: len(win.map_panel.areas) == 2 and len(win.map_panel.markers) == 2)
    yield win
    services.shutdown()


def view_point(win: MainWindow, lon: float, lat: float) -> QPoint:
    return win.map_panel.view.mapFromScene(QPointF(*lonlat_to_world(lon, lat)))


def row_of(win: MainWindow, incident: str) -> int:
    model = win.services.requests
    for r in range(model.rowCount()):
        if model.summary(r).incident == incident:
            return model.summary(r).row_id
    raise AssertionError(incident)


def selected_row_id(win: MainWindow) -> int | None:
    rows = win.requests_view.selection.selectedRows()
    return rows[0].data(RowIdRole) if rows else None


def test_clicking_an_area_selects_the_request_and_back(qtbot, window: MainWindow) -> None:
    panel = window.map_panel
    panel.view.center_on_lonlat(*FAR, zoom=15)
    # A click inside the far circle, away from any camera, picks that request.
    point = view_point(window, FAR[0] + 0.0015, FAR[1])
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    far = row_of(window, "far")
    qtbot.waitUntil(lambda: selected_row_id(window) == far)
    assert panel.areas[far].selected and not panel.areas[row_of(window, "near")].selected
    # Selecting in the list highlights on the map and brings the area into view.
    near = row_of(window, "near")
    window.requests_view.select_row_id(near)
    assert panel.areas[near].selected and not panel.areas[far].selected
    visible = panel.view.mapToScene(panel.view.viewport().rect()).boundingRect()
    assert visible.contains(panel.areas[near].path().boundingRect())


def test_map_shows_what_the_list_shows(qtbot, window: MainWindow) -> None:
    window.requests_view.search.setText("far")
    qtbot.waitUntil(lambda: len(window.map_panel.areas) == 1)
    assert row_of(window, "far") in window.map_panel.areas
    window.requests_view.search.clear()
    qtbot.waitUntil(lambda: len(window.map_panel.areas) == 2)


def test_clicking_a_camera_filters_the_clips(qtbot, window: MainWindow) -> None:
    panel = window.map_panel
    panel.view.center_on_lonlat(*FAR, zoom=16)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=view_point(window, *FAR))
    cabin = next(c for c in window.services.cameras.cameras() if c.name == "Cabin")
    assert window.clips_view.camera_filter.currentData() == cabin.id
    assert window.tabs.currentWidget() is window.clips_view
    assert cabin.id is not None
    assert panel.markers[cabin.id].highlighted


def drag(widget, start: QPoint, end: QPoint) -> None:
    """A real press, move and release with the left button held (QTest's move does not
    carry the button)."""

    def send(kind: QEvent.Type, pos: QPoint, button: Qt.MouseButton, buttons) -> None:
        event = QMouseEvent(
            kind,
            QPointF(pos),
            QPointF(widget.mapToGlobal(pos)),
            button,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(widget, event)

    left = Qt.MouseButton.LeftButton
    send(QEvent.Type.MouseButtonPress, start, left, left)
    for i in range(1, 6):
        p = start + (end - start) * (i / 5)
        send(QEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, left)
    send(QEvent.Type.MouseButtonRelease, end, left, Qt.MouseButton.NoButton)


def test_dragging_a_camera_moves_it_and_saves(qtbot, window: MainWindow, map_db: Path) -> None:
    panel = window.map_panel
    panel.view.center_on_lonlat(*FAR, zoom=17)
    start = view_point(window, *FAR)
    end = start + QPoint(60, 30)
    with qtbot.waitSignal(window.services.cameras.changed, timeout=10000):
        drag(panel.view.viewport(), start, end)
    scene = panel.view.mapToScene(end)
    from db.requests.mercator import world_to_lonlat

    lon, lat = world_to_lonlat(scene.x(), scene.y())
    db = open_database(map_db)
    cabin = next(c for c in list_cameras(db) if c.name == "Cabin")
    db.close()
    assert abs(cabin.lon - lon) < 1e-5 and abs(cabin.lat - lat) < 1e-5
    assert (cabin.lon, cabin.lat) != FAR


def test_cone_handles_turn_and_widen_the_view(qtbot, window: MainWindow, map_db: Path) -> None:
    from desktop.map.items import destination

    panel = window.map_panel
    porch = next(c for c in window.services.cameras.cameras() if c.name == "Porch")
    porch_id = porch.id
    assert porch_id is not None
    panel.highlight_camera(porch_id)
    reach, edge = panel.handles
    assert reach.kind == "reach" and edge.kind == "edge"
    # The panel connects the handles when it shows them.
    assert reach.on_drag is not None and reach.on_release is not None
    assert edge.on_drag is not None and edge.on_release is not None

    def shown() -> Camera:
        camera = window.services.cameras.by_id(porch_id)
        assert camera is not None
        return camera

    # Point the camera south, 60 m out.
    lon, lat = destination(porch.lon, porch.lat, 180.0, 60.0)
    reach.on_drag(reach, lon, lat)
    reach.on_release(reach)
    qtbot.waitUntil(lambda: shown().heading_deg == 180.0)
    # Widen it to 120 degrees with the edge handle.
    lon, lat = destination(porch.lon, porch.lat, 240.0, 50.0)
    edge.on_drag(edge, lon, lat)
    edge.on_release(edge)
    qtbot.waitUntil(lambda: shown().fov_deg == 120.0)
    db = open_database(map_db)
    stored = next(c for c in list_cameras(db) if c.name == "Porch")
    db.close()
    assert (stored.heading_deg, stored.fov_deg) == (180.0, 120.0)
    assert stored.range_m is not None and abs(stored.range_m - 60.0) < 0.5


def test_keyboard_zoom_and_pan(qtbot, window: MainWindow) -> None:
    view = window.map_panel.view
    view.setFocus()
    before = view.zoom
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom == pytest.approx(before + 1)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom == pytest.approx(before)
    lon0, _ = view.center_lonlat()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.center_lonlat()[0] > lon0


def test_zoom_to_my_cameras_shows_all_of_them(qtbot, window: MainWindow) -> None:
    panel = window.map_panel
    panel.view.center_on_lonlat(0, 0, zoom=5)
    window.commands["zoom-cameras"].trigger()
    visible = panel.view.mapToScene(panel.view.viewport().rect()).boundingRect()
    for marker in panel.markers.values():
        assert visible.contains(marker.pos())


def test_snapshot_of_the_map_shows_the_overlays(tmp_path: Path, map_db: Path) -> None:
    from desktop.cli import main

    doc = make_doc()
    assert main(["--db", str(map_db), "import-request", str(write_doc(tmp_path, doc))]) == 0
    out = tmp_path / "map.png"
    proc = subprocess.run(
        [sys.executable, "main.py", "--db", str(map_db), "snapshot", str(out), "--view", "map"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 0, proc.stderr
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(out))
    assert image.width() > 400 and image.height() > 200
    colours = {
        QColor(image.pixel(x, y)).name()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    }
    assert "#c2185b" in colours  # a camera marker
    assert "#1565c0" in colours  # the new request's outline


def test_dense_views_draw_outlines_only(qtbot, window: MainWindow, monkeypatch) -> None:
    import desktop.map.panel as panel_module

    panel = window.map_panel
    near, far = row_of(window, "near"), row_of(window, "far")
    window.requests_view.select_row_id(near)
    monkeypatch.setattr(panel_module, "DENSE_AREAS", 1)
    panel.view.center_on_lonlat(*PORCH, zoom=13)  # both areas in view
    assert panel.areas[far].brush().style() == Qt.BrushStyle.NoBrush
    assert panel.areas[near].brush().style() != Qt.BrushStyle.NoBrush  # the selected one
    panel.view.center_on_lonlat(*FAR, zoom=17)  # one area in view
    assert panel.areas[far].brush().style() != Qt.BrushStyle.NoBrush


# --- the base map -----------------------------------------------------------------------


def png(colour: str) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stub types the format as bytes; the binding takes only str.
    assert image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


def centre_colour(window: MainWindow) -> str:
    from PySide6.QtGui import QColor

    view = window.map_panel.view
    image = view.viewport().grab().toImage()
    # A corner of the view, away from the markers, areas and the legend.
    return QColor(image.pixel(20, image.height() // 3)).name()


def test_tiles_from_a_tile_server_are_drawn(qtbot, window: MainWindow, httpserver) -> None:
    import re

    body = png("#7fb3d5")
    httpserver.expect_request(re.compile(r"^/tiles/\d+/\d+/\d+\.png$")).respond_with_data(
        body, content_type="image/png"
    )
    window.set_base_map(httpserver.url_for("/tiles") + "/{z}/{x}/{y}.png")
    view = window.map_panel.view
    view.center_on_lonlat(*PORCH, zoom=15)
    view.viewport().update()
    qtbot.waitUntil(lambda: len(view.tile_images) >= 4, timeout=10000)
    qtbot.waitUntil(lambda: centre_colour(window) == "#7fb3d5", timeout=5000)
    assert view.base_map_available
    agents = {entry[0].headers.get("User-Agent") for entry in httpserver.log}
    assert agents and all(a.startswith("Doorstep/") for a in agents)


def test_tiles_from_an_offline_mbtiles_file(qtbot, window: MainWindow, tmp_path: Path) -> None:
    import sqlite3

    from db.requests.mercator import tms_row

    view = window.map_panel.view
    view.center_on_lonlat(*PORCH, zoom=14)
    path = tmp_path / "town.mbtiles"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        conn.execute(
            "INSERT INTO metadata VALUES ('format', 'png'), ('attribution', 'Town survey')"
        )
        conn.execute(
            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
            "tile_row INTEGER, tile_data BLOB)"
        )
        body = png("#c5e1a5")
        for z, x, y in view.visible_tiles():
            conn.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x, tms_row(z, y), body))
    conn.close()
    window.set_base_map(str(path))
    view.viewport().update()
    qtbot.waitUntil(lambda: centre_colour(window) == "#c5e1a5", timeout=10000)
    qtbot.waitUntil(lambda: view.attribution == "Town survey", timeout=5000)


def test_unreachable_base_map_leaves_a_neutral_map(qtbot, window: MainWindow) -> None:
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    window.set_base_map(f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png")
    view = window.map_panel.view
    view.center_on_lonlat(*PORCH, zoom=15)
    view.viewport().update()
    qtbot.waitUntil(lambda: not view.base_map_available, timeout=15000)
    assert centre_colour(window) == "#eef0ea"  # the neutral background
    # The overlays still work: the areas and markers are there and selectable.
    assert len(window.map_panel.areas) == 2 and len(window.map_panel.markers) == 2
