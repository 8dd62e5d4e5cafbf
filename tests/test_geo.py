"""Geodesic areas, circles, view cones and boxes (db/requests/geo.py) against known values."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import MultiPoint, Point

from db.requests.geo import (
    GEOD,
    MAX_ARC_STEP_DEG,
    area_geometry,
    area_sq_m,
    bbox,
    camera_cone,
    circle_ring,
    reach_bbox,
)
from db.requests.request_types import Area
from db.words.units import SQ_M_PER_SQ_MI

Ring = tuple[tuple[float, float], ...]


def box(lon: float, lat: float, size_deg: float) -> Ring:
    """A closed counter-clockwise lon/lat box with its south-west corner at (lon, lat)."""
    e, n = lon + size_deg, lat + size_deg
    return ((lon, lat), (e, lat), (e, n), (lon, n), (lon, lat))


def circle(radius_m: float, lon: float = -122.3321, lat: float = 47.6062) -> Area:
    return Area("circle", center=(lon, lat), radius_m=radius_m)


def zone_area(lat1: float, lat2: float, dlon_deg: float) -> float:
    """The exact area of a lat/lon box on the WGS84 ellipsoid (edges along parallels)."""
    e2 = GEOD.es
    e = math.sqrt(e2)
    b2 = GEOD.b**2

    def q(lat: float) -> float:
        s = math.sin(math.radians(lat))
        return s / (1 - e2 * s * s) + math.log((1 + e * s) / (1 - e * s)) / (2 * e)

    return math.radians(dlon_deg) * b2 * (q(lat2) - q(lat1)) / 2


def test_square_mile_constant() -> None:
    assert math.isclose(SQ_M_PER_SQ_MI, 1609.344**2, rel_tol=1e-15)


def test_one_km_circle_is_pi_square_km() -> None:
    assert area_sq_m(circle(1000)) == pytest.approx(math.pi * 1e6, rel=1e-3)
    # Same near the equator and far north: geodesic, not in degrees.
    assert area_sq_m(circle(1000, 10.0, 0.0)) == pytest.approx(math.pi * 1e6, rel=1e-3)
    assert area_sq_m(circle(1000, 10.0, 70.0)) == pytest.approx(math.pi * 1e6, rel=1e-3)


def test_circle_ring_has_at_least_128_points_at_the_radius() -> None:
    ring = circle_ring(-122.3321, 47.6062, 300)
    assert len(ring) >= 129 and ring[0] == ring[-1]
    for lon, lat in ring:
        _, _, dist = GEOD.inv(-122.3321, 47.6062, lon, lat)
        assert dist == pytest.approx(300, abs=1e-6)
    assert circle_ring(0, 0, 0)[0] == (0.0, 0.0)
    with pytest.raises(ValueError, match="radius_m"):
        circle_ring(0, 0, -1)


@pytest.mark.parametrize("lat", [0.0, 30.0, 60.0, -45.0])
def test_small_box_matches_the_exact_ellipsoidal_zone(lat: float) -> None:
    area = area_sq_m(Area("polygon", rings=(box(10.0, lat, 0.01),)))
    assert area == pytest.approx(zone_area(lat, lat + 0.01, 0.01), rel=1e-4)


def test_box_at_60_north_is_about_cos_lat_of_the_one_at_the_equator() -> None:
    equator = area_sq_m(Area("polygon", rings=(box(10.0, -0.005, 0.01),)))
    north = area_sq_m(Area("polygon", rings=(box(10.0, 59.995, 0.01),)))
    assert equator == pytest.approx(1113.19 * 1105.75, rel=1e-3)  # m per 0.01° lon x lat
    # cos(60°) = 0.5, corrected by about 1 % for the ellipsoid's flattening: both radii
    # of curvature grow towards the poles, by 1 / (1 - e² sin² lat) to the power 2 in all.
    ratio = north / equator
    assert ratio == pytest.approx(math.cos(math.radians(60)), rel=1.5e-2)
    sin2 = math.sin(math.radians(60)) ** 2
    assert ratio == pytest.approx(0.5 / (1 - GEOD.es * sin2) ** 2, rel=1e-4)


def test_spec_bounds_in_square_metres() -> None:
    low = circle(math.sqrt(0.025 * SQ_M_PER_SQ_MI / math.pi))
    high = circle(math.sqrt(0.5 * SQ_M_PER_SQ_MI / math.pi))
    assert area_sq_m(low) == pytest.approx(64_750, rel=1e-3)
    assert area_sq_m(high) == pytest.approx(1.295e6, rel=1e-3)
    assert area_sq_m(high) / SQ_M_PER_SQ_MI == pytest.approx(0.5, rel=1e-3)


def test_polygon_holes_are_subtracted_and_orientation_does_not_matter() -> None:
    outline = box(-122.34, 47.60, 0.02)
    hole = box(-122.335, 47.605, 0.005)
    whole = area_sq_m(Area("polygon", rings=(outline,)))
    hole_area = area_sq_m(Area("polygon", rings=(hole,)))
    holed = Area("polygon", rings=(outline, tuple(reversed(hole))))
    assert area_sq_m(holed) == pytest.approx(whole - hole_area, rel=1e-12)
    assert area_sq_m(Area("polygon", rings=(tuple(reversed(outline)),))) == pytest.approx(whole)
    assert area_sq_m(Area("polygon")) == 0.0
    geom = area_geometry(holed)
    assert geom.contains(Point(-122.339, 47.601))
    assert not geom.contains(Point(-122.3325, 47.6075))  # in the hole
    assert geom.area == pytest.approx(0.02**2 - 0.005**2)


def test_circle_geometry_holds_its_centre_and_not_beyond_its_radius() -> None:
    geom = area_geometry(circle(300))
    assert geom.is_valid
    assert geom.contains(Point(-122.3321, 47.6062))
    inside = GEOD.fwd(-122.3321, 47.6062, 33, 295)[:2]
    outside = GEOD.fwd(-122.3321, 47.6062, 33, 305)[:2]
    assert geom.contains(Point(inside)) and not geom.contains(Point(outside))
    with pytest.raises(ValueError, match="radius_m"):
        area_sq_m(Area("circle", center=(0.0, 0.0)))


ring_points = st.lists(
    st.tuples(st.floats(-0.05, 0.05, allow_nan=False), st.floats(-0.05, 0.05, allow_nan=False)),
    min_size=3,
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(
    points=ring_points,
    shift=st.integers(0, 11),
    lon=st.floats(-170, 170),
    lat=st.floats(-80, 80),
)
def test_area_is_invariant_under_ring_rotation_and_reversal(
    points: list[tuple[float, float]], shift: int, lon: float, lat: float
) -> None:
    # A convex hull, so the ring is simple; its vertices then rotated and reversed.
    shape = MultiPoint(points).convex_hull
    if shape.geom_type != "Polygon":
        return
    coords = [(lon + x, lat + y) for x, y in shape.exterior.coords[:-1]]
    k = shift % len(coords)
    rotated = coords[k:] + coords[:k]
    reference = area_sq_m(Area("polygon", rings=(tuple(coords + coords[:1]),)))
    for ring in (rotated, rotated[::-1]):
        again = area_sq_m(Area("polygon", rings=(tuple(ring + ring[:1]),)))
        assert again == pytest.approx(reference, rel=1e-9, abs=1e-3)


@settings(max_examples=60, deadline=None)
@given(
    radius=st.floats(10, 5_000),
    k=st.floats(0.5, 4),
    lon=st.floats(-179, 179),
    lat=st.floats(-85, 85),
)
def test_scaling_the_radius_by_k_scales_the_area_by_k_squared(
    radius: float, k: float, lon: float, lat: float
) -> None:
    small = area_sq_m(circle(radius, lon, lat))
    large = area_sq_m(circle(radius * k, lon, lat))
    assert large / small == pytest.approx(k * k, rel=1e-4)
    assert small == pytest.approx(math.pi * radius**2, rel=1e-3)


def test_cone_contains_what_is_in_front_and_not_what_is_behind() -> None:
    lon, lat = -122.3321, 47.6062
    cone = camera_cone(lon, lat, 90, 60, 100)  # looking east
    assert cone is not None and cone.is_valid

    def at(bearing: float, dist: float) -> Point:
        x, y, _ = GEOD.fwd(lon, lat, bearing, dist)
        return Point(x, y)

    assert cone.contains(at(90, 50))
    assert cone.contains(at(90, 99))
    assert not cone.contains(at(90, 101))  # beyond the range
    assert not cone.contains(at(270, 50))  # behind
    assert cone.contains(at(90 + 29, 50)) and cone.contains(at(90 - 29, 50))
    assert not cone.contains(at(90 + 31, 50)) and not cone.contains(at(90 - 31, 50))
    # A sector: its area is fov/360 of the circle's.
    sector = area_sq_m(Area("polygon", rings=(tuple(cone.exterior.coords),)))
    assert sector == pytest.approx(math.pi * 100**2 / 6, rel=2e-3)


def test_cone_across_north_and_arc_spacing() -> None:
    cone = camera_cone(10.0, 50.0, 350, 100, 200)
    assert cone is not None
    arc = list(cone.exterior.coords)[1:-1]
    assert arc[0] != arc[-1]
    bearings = [GEOD.inv(10.0, 50.0, x, y)[0] % 360 for x, y in arc]
    steps = [(b - a) % 360 for a, b in itertools.pairwise(bearings)]
    assert max(steps) <= MAX_ARC_STEP_DEG + 1e-9
    assert sum(steps) == pytest.approx(100)
    x, y, _ = GEOD.fwd(10.0, 50.0, 0, 100)
    assert cone.contains(Point(x, y))  # north, 10° right of the heading
    assert camera_cone(10.0, 50.0, 0, 2, 50) is not None  # narrower than one step


def test_cone_special_cases() -> None:
    full = camera_cone(0.0, 45.0, None, 360, 100)
    assert full is not None
    assert area_sq_m(Area("polygon", rings=(tuple(full.exterior.coords),))) == pytest.approx(
        math.pi * 100**2, rel=1e-3
    )
    assert camera_cone(0.0, 45.0, None, 90, 100) is None
    assert camera_cone(0.0, 45.0, 90, None, 100) is None
    assert camera_cone(0.0, 45.0, 90, 90, None) is None
    with pytest.raises(ValueError, match="range_m"):
        camera_cone(0.0, 45.0, 90, 90, 0)
    with pytest.raises(ValueError, match="fov_deg"):
        camera_cone(0.0, 45.0, 90, 0, 10)


def test_bbox_of_a_geometry() -> None:
    geom = area_geometry(Area("polygon", rings=(box(-1.0, 2.0, 0.5),)))
    assert bbox(geom) == (-1.0, 2.0, -0.5, 2.5)


@settings(max_examples=200, deadline=None)
@given(
    lon=st.floats(-170, 170),
    lat=st.floats(-89.9, 89.9),
    range_m=st.floats(1, 50_000),
    fraction=st.floats(0, 1),
    bearing=st.floats(0, 360),
)
def test_reach_bbox_holds_every_point_within_range(
    lon: float, lat: float, range_m: float, fraction: float, bearing: float
) -> None:
    min_lon, min_lat, max_lon, max_lat = reach_bbox(lon, lat, range_m)
    x, y, _ = GEOD.fwd(lon, lat, bearing, range_m * fraction)
    if min_lon > -180 and max_lon < 180:  # not clamped at the antimeridian or a pole
        assert min_lon <= x <= max_lon
    assert min_lat <= y <= max_lat


def test_reach_bbox_is_tight_enough_and_spans_all_longitudes_at_a_pole() -> None:
    _min_lon, _min_lat, max_lon, max_lat = reach_bbox(-122.3321, 47.6062, 1000)
    east = GEOD.fwd(-122.3321, 47.6062, 90, 1000)[0]
    north = GEOD.fwd(-122.3321, 47.6062, 0, 1000)[1]
    assert max_lon - -122.3321 == pytest.approx(east - -122.3321, rel=1e-2)
    assert max_lat - 47.6062 == pytest.approx(north - 47.6062, rel=1e-2)
    assert max_lon >= east and max_lat >= north
    assert reach_bbox(0.0, 89.99, 5000)[0::2] == (-180.0, 180.0)
    assert reach_bbox(0.0, 89.99, 5000)[3] == 90.0
    assert reach_bbox(1.0, 2.0, 0) == (1.0, 2.0, 1.0, 2.0)
    with pytest.raises(ValueError, match="range_m"):
        reach_bbox(0, 0, -5)
