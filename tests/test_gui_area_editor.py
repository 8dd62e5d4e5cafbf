"""Drawing a request's area on the map, as a resident does it: a click places a circle,
its handles move and resize it with the mouse, a polygon's corners are dragged, added
and removed, the keyboard does all of it too, and the size shown is the rules' own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from db.clips.cameras import Camera
from db.requests.geo import area_sq_m
from db.requests.mercator import lonlat_to_world
from db.requests.request_types import Area
from db.words.units import area_text
from desktop.map.items import bearing_and_distance
from desktop.widgets.area_editor import DEFAULT_RADIUS_M, AreaEditor
from desktop.widgets.area_handles import AreaHandle
from tests.accessible import unnamed_controls

PORCH = Camera("Porch", 47.6097, -122.3331, id=1)


@pytest.fixture
def editor(qtbot) -> AreaEditor:
    widget = AreaEditor([PORCH])
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    widget.view.center_on_lonlat(PORCH.lon, PORCH.lat, zoom=16.0)
    return widget


def screen_point(editor: AreaEditor, lon: float, lat: float) -> QPoint:
    return editor.view.mapFromScene(QPointF(*lonlat_to_world(lon, lat)))


def handle_point(editor: AreaEditor, handle: AreaHandle) -> QPoint:
    return editor.view.mapFromScene(handle.pos())


def drag(qtbot, editor: AreaEditor, start: QPoint, end: QPoint) -> None:
    """Press at ``start``, move in steps to ``end`` and release, with the mouse."""
    viewport = editor.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 5):
        qtbot.mouseMove(viewport, start + (end - start) * i / 4)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def role(editor: AreaEditor, name: str) -> list[AreaHandle]:
    return [h for h in editor.handles if h.role == name]


def shown_size(editor: AreaEditor) -> str:
    return editor.size_label.text()


def test_click_places_a_circle_and_its_handles_move_and_resize_it(qtbot, editor) -> None:
    assert editor.area() is None
    assert "no area" in shown_size(editor)
    target = (PORCH.lon + 0.001, PORCH.lat)
    qtbot.mouseClick(
        editor.view.viewport(), Qt.MouseButton.LeftButton, pos=screen_point(editor, *target)
    )
    area = editor.area()
    assert area is not None and area["type"] == "Point"
    assert area["coordinates"] == pytest.approx(list(target), abs=2e-5)
    assert area["radius_m"] == DEFAULT_RADIUS_M
    expected = area_text(area_sq_m(Area.from_geojson(area)))
    assert expected in shown_size(editor)

    # Drag the radius handle out: the circle grows, the size follows live.
    (edge,) = role(editor, "radius")
    start = handle_point(editor, edge)
    drag(qtbot, editor, start, start + QPoint(60, 0))
    grown = editor.area()
    assert grown is not None and grown["radius_m"] > DEFAULT_RADIUS_M + 40
    assert editor.radius.value() == round(grown["radius_m"])
    assert area_text(area_sq_m(Area.from_geojson(grown))) in shown_size(editor)

    # Drag the centre: the circle moves, its radius stays.
    (centre,) = role(editor, "centre")
    before = grown["coordinates"]
    drag(qtbot, editor, handle_point(editor, centre), handle_point(editor, centre) + QPoint(0, 50))
    moved = editor.area()
    assert moved is not None and moved["radius_m"] == grown["radius_m"]
    assert moved["coordinates"][1] < before[1]  # down the screen is south
    assert moved["coordinates"][0] == pytest.approx(before[0], abs=1e-6)

    # The radius typed in the box.
    editor.radius.setValue(400)
    typed = editor.area()
    assert typed is not None and typed["radius_m"] == 400


def test_polygon_corners_dragged_added_and_removed_with_the_mouse(qtbot, editor) -> None:
    editor.polygon.click()
    qtbot.mouseClick(
        editor.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=screen_point(editor, PORCH.lon, PORCH.lat),
    )
    area = editor.area()
    assert area is not None and area["type"] == "Polygon"
    ring = area["coordinates"][0]
    assert len(ring) == 5 and ring[0] == ring[-1]
    size_before = area_sq_m(Area.from_geojson(area))

    # Drag the first corner outwards: the polygon grows.
    first = role(editor, "vertex")[0]
    drag(qtbot, editor, handle_point(editor, first), handle_point(editor, first) + QPoint(-40, -40))
    grown = editor.area()
    assert grown is not None
    assert area_sq_m(Area.from_geojson(grown)) > size_before
    assert area_text(area_sq_m(Area.from_geojson(grown))) in shown_size(editor)

    # Drag a side's middle dot: a corner is added there.
    middle = role(editor, "midpoint")[1]
    end = handle_point(editor, middle) + QPoint(30, 0)
    drag(qtbot, editor, handle_point(editor, middle), end)
    assert len(editor.vertices) == 5
    assert len(role(editor, "vertex")) == 5 and len(role(editor, "midpoint")) == 5

    # Double-click a corner: it is removed; a polygon keeps three.
    corner = role(editor, "vertex")[2]
    qtbot.mouseDClick(
        editor.view.viewport(), Qt.MouseButton.LeftButton, pos=handle_point(editor, corner)
    )
    assert len(editor.vertices) == 4
    for _ in range(3):
        editor.remove_vertex(0)
    assert len(editor.vertices) == 3


def test_the_keyboard_places_picks_moves_adds_and_removes(qtbot, editor) -> None:
    view = editor.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)  # at the map's centre
    area = editor.area()
    assert area is not None
    centre = area["coordinates"]
    # N picks the centre handle; the arrows move it (not the map).
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert editor.current == 0
    map_centre = view.center_lonlat()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    moved = editor.area()
    assert moved is not None and moved["coordinates"][0] > centre[0]
    assert view.center_lonlat() == pytest.approx(map_centre)
    # N again picks the radius handle: Right makes the circle larger.
    qtbot.keyClick(view, Qt.Key.Key_N)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    larger = editor.area()
    assert larger is not None and larger["radius_m"] > DEFAULT_RADIUS_M
    # Esc lets go: the arrows pan the map again.
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert editor.current is None
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.center_lonlat()[0] > map_centre[0]

    # A polygon from the circle, edited by keys.
    editor.polygon.setChecked(True)
    assert len(editor.vertices) == 8
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_N)
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    assert len(editor.vertices) == 9 and editor.current == 1
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert len(editor.vertices) == 7
    before = editor.vertices[editor.current or 0]
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)  # finer step
    after = editor.vertices[editor.current or 0]
    _bearing, metres = bearing_and_distance(*before, *after)
    assert after[1] > before[1] and metres < 5


def test_switching_shape_keeps_the_place(qtbot, editor) -> None:
    editor.place_at(PORCH.lon, PORCH.lat)
    editor.polygon.setChecked(True)
    polygon = editor.area()
    assert polygon is not None and polygon["type"] == "Polygon"
    editor.circle.setChecked(True)
    circle = editor.area()
    assert circle is not None and circle["type"] == "Point"
    assert circle["coordinates"] == pytest.approx([PORCH.lon, PORCH.lat], abs=1e-5)
    assert circle["radius_m"] == pytest.approx(DEFAULT_RADIUS_M, rel=0.02)
    editor.clear()
    assert editor.area() is None


def test_every_control_has_an_accessible_name(editor) -> None:
    assert unnamed_controls(editor) == []


def test_closing_while_the_map_waits_for_a_click(qtbot) -> None:
    """The place picker's filter still hears the map's last events while the map is
    destroyed: it must not call into the map then."""
    widget = AreaEditor([PORCH])
    widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget._picker is not None  # waiting for the first click
    with qtbot.waitSignal(widget.destroyed, timeout=5000):
        widget.close()


def test_esc_stops_waiting_for_a_click_and_enter_still_places(qtbot, editor) -> None:
    view = editor.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert editor._picker is None and "Place at map centre" in editor.hint.text()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert editor.area() is not None
