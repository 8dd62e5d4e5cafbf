"""Web Mercator helpers: known values, round trips, tile ranges."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.requests.mercator import (
    MAX_LAT,
    lonlat_to_world,
    metres_per_world_pixel,
    tile_bounds_world,
    tile_range,
    tms_row,
    world_to_lonlat,
    world_to_tile,
)

lons = st.floats(min_value=-180, max_value=180, allow_nan=False)
lats = st.floats(min_value=-MAX_LAT, max_value=MAX_LAT, allow_nan=False)
world = st.floats(min_value=0, max_value=256, allow_nan=False)


def test_known_values() -> None:
    assert lonlat_to_world(0, 0) == pytest.approx((128, 128))
    assert lonlat_to_world(-180, MAX_LAT) == pytest.approx((0, 0), abs=1e-9)
    assert lonlat_to_world(180, -MAX_LAT) == pytest.approx((256, 256), abs=1e-9)
    # Beyond the Mercator limit latitudes are clamped to the map's edge.
    assert lonlat_to_world(0, 89.9)[1] == pytest.approx(0, abs=1e-9)
    assert lonlat_to_world(0, -90)[1] == pytest.approx(256, abs=1e-9)
    # London (OSM tile 10/511/340 holds it).
    x, y = lonlat_to_world(-0.1276, 51.5072)
    assert world_to_tile(x, y, 10) == (10, 511, 340)
    assert world_to_lonlat(128, 128) == pytest.approx((0, 0), abs=1e-12)


def test_metres_per_world_pixel() -> None:
    assert metres_per_world_pixel(0) == pytest.approx(156543.034, rel=1e-6)
    assert metres_per_world_pixel(60) == pytest.approx(156543.034 / 2, rel=1e-6)
    assert metres_per_world_pixel(-60) == metres_per_world_pixel(60)


@given(lons, lats)
def test_round_trip_from_lonlat(lon: float, lat: float) -> None:
    x, y = lonlat_to_world(lon, lat)
    assert 0 <= x <= 256 and -1e-9 <= y <= 256 + 1e-9
    back = world_to_lonlat(x, y)
    assert back[0] == pytest.approx(lon, abs=1e-9)
    assert back[1] == pytest.approx(lat, abs=1e-9)


@given(world, world)
def test_round_trip_from_world(x: float, y: float) -> None:
    lon, lat = world_to_lonlat(x, y)
    assert lonlat_to_world(lon, lat) == pytest.approx((x, y), abs=1e-8)


@given(lats, lats)
def test_north_is_up(a: float, b: float) -> None:
    if a < b:
        assert lonlat_to_world(0, a)[1] >= lonlat_to_world(0, b)[1]


def test_tile_range_whole_world() -> None:
    assert tile_range((0, 0, 256, 256), 0) == [(0, 0, 0)]
    assert sorted(tile_range((0, 0, 256, 256), 1)) == [(1, 0, 0), (1, 0, 1), (1, 1, 0), (1, 1, 1)]
    assert len(tile_range((0, 0, 256, 256), 3)) == 64
    # Beyond the world is clamped, not wrapped.
    assert len(tile_range((-500, -500, 900, 900), 2)) == 16


def test_tile_range_edges() -> None:
    # Half-open: a box ending exactly on a tile edge does not take the next tile.
    assert tile_range((0, 0, 128, 128), 1) == [(1, 0, 0)]
    assert tile_range((127.9, 0, 128.1, 10), 1) == [(1, 0, 0), (1, 1, 0)]
    assert tile_range((10, 10, 10, 20), 4) == []  # no width
    assert tile_range((20, 20, 10, 10), 4) == []  # inverted
    assert tile_range((0, 0, float("nan"), 5), 4) == []
    with pytest.raises(ValueError):
        tile_range((0, 0, 1, 1), -1)


@given(world, world, world, world, st.integers(min_value=0, max_value=8))
def test_tile_range_covers_the_box(x0: float, y0: float, x1: float, y1: float, z: int) -> None:
    box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    tiles = tile_range(box, z)
    if box[2] <= box[0] or box[3] <= box[1]:
        assert tiles == []
        return
    assert len(set(tiles)) == len(tiles)
    for tz, tx, ty in tiles:
        bx0, by0, bx1, by1 = tile_bounds_world(tz, tx, ty)
        assert bx0 < box[2] and box[0] < bx1 and by0 < box[3] and box[1] < by1
    # The tiles of the box's corners (inside it) are all there.
    for cx in (box[0], math.nextafter(box[2], -math.inf)):
        for cy in (box[1], math.nextafter(box[3], -math.inf)):
            assert world_to_tile(cx, cy, z) in tiles


def test_tms_row_flips() -> None:
    assert tms_row(0, 0) == 0
    assert tms_row(1, 0) == 1 and tms_row(1, 1) == 0
    assert tms_row(3, tms_row(3, 5)) == 5
