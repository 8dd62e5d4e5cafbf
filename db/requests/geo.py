"""Geodesic geometry on the WGS84 ellipsoid: request areas and camera view cones.

Coordinates are (lon, lat) in degrees everywhere (GeoJSON order). Areas are computed
geodesically with :class:`pyproj.Geod`, never in degrees squared, so a request at 60 N
is measured as truthfully as one at the equator.

Limitation: shapes and boxes that cross the antimeridian (longitude +-180) are not
split or wrapped; shapely sees such a shape as spanning the whole globe the other way
round, and :func:`reach_bbox` clamps to [-180, 180] instead of wrapping. So a request
area that crosses it (:func:`crosses_antimeridian`) is refused when it arrives and
blocked by the area rule: measured geodesically it is small, but matched in degrees it
would take in cameras on the other side of the globe.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from db.requests.request_types import Area

if TYPE_CHECKING:
    import numpy as np
    from pyproj import Geod
    from shapely import Polygon
    from shapely.geometry.base import BaseGeometry

# numpy, shapely and pyproj (slow to import) are imported by the functions that
# use them: this module's constants are imported by modules the window needs at
# start-up (db.requests.rules, db.requests.intake, db.requests.inbox, the requests model),
# which compute no geometry.


@cache
def _geod() -> Geod:
    """The WGS84 ellipsoid (``GEOD``), made on first use."""
    from pyproj import Geod

    return Geod(ellps="WGS84")


@cache
def _wgs84() -> tuple[float, float]:
    """The semi-major axis and first eccentricity squared, for reach_bbox's bounds."""
    geod = _geod()
    return float(geod.a), float(geod.es)


def __getattr__(name: str) -> Any:
    # GEOD is made on first use, and still reachable as db.requests.geo.GEOD.
    if name == "GEOD":
        return _geod()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


CIRCLE_BEARINGS = 128  # points on the polygon that stands in for a circle
MAX_ARC_STEP_DEG = 5.0  # at most this many degrees between points on a cone's arc

BBox = tuple[float, float, float, float]  # (min_lon, min_lat, max_lon, max_lat)
Ring = tuple[tuple[float, float], ...]


def _fwd_arrays(
    lon: float, lat: float, bearings: np.ndarray, dist_m: float
) -> tuple[np.ndarray, np.ndarray]:
    """The points ``dist_m`` from (lon, lat) along each bearing (degrees from north)."""
    import numpy as np

    n = len(bearings)
    lons, lats, _ = _geod().fwd(
        np.full(n, float(lon)), np.full(n, float(lat)), bearings, np.full(n, float(dist_m))
    )
    return lons, lats


def _fwd(lon: float, lat: float, bearings: np.ndarray, dist_m: float) -> tuple[list, list]:
    lons, lats = _fwd_arrays(lon, lat, bearings, dist_m)
    return lons.tolist(), lats.tolist()


@lru_cache(maxsize=1024)
def _circle_arrays(
    lon: float, lat: float, radius_m: float, bearings: int = CIRCLE_BEARINGS
) -> tuple[np.ndarray, np.ndarray]:
    """Cached (area and geometry both need a request's circle): callers must not
    modify the arrays."""
    if not radius_m >= 0 or not math.isfinite(radius_m):
        raise ValueError(f"radius_m: {radius_m} must be a finite number of metres, 0 or more")
    if bearings < 3:
        raise ValueError(f"bearings: {bearings} must be at least 3")
    import numpy as np

    # Bearings run clockwise from north, so walk them backwards for a CCW ring.
    angles = np.linspace(360.0, 0.0, bearings, endpoint=False)
    lons, lats = _fwd_arrays(lon, lat, angles, radius_m)
    lons.setflags(write=False)
    lats.setflags(write=False)
    return lons, lats


def circle_ring(lon: float, lat: float, radius_m: float, bearings: int = CIRCLE_BEARINGS) -> Ring:
    """A closed ring of ``bearings`` points ``radius_m`` from (lon, lat), counter-clockwise
    (GeoJSON's outline orientation). Stands in for a geodesic circle."""
    lons, lats = _circle_arrays(lon, lat, radius_m, bearings)
    ring = tuple(zip(lons.tolist(), lats.tolist(), strict=True))
    return (*ring, ring[0])


def _circle_params(area: Area) -> tuple[float, float, float]:
    if area.center is None or area.radius_m is None:
        raise ValueError("area: a circle needs a center and radius_m")
    return (area.center[0], area.center[1], area.radius_m)


def ring_area_sq_m(ring: Sequence[Sequence[float]]) -> float:
    """The geodesic area enclosed by one ring, in square metres (orientation ignored)."""
    if len(ring) < 3:
        return 0.0
    lons = [float(p[0]) for p in ring]
    lats = [float(p[1]) for p in ring]
    signed, _ = _geod().polygon_area_perimeter(lons, lats)
    return abs(float(signed))


@lru_cache(maxsize=4096)
def area_sq_m(area: Area) -> float:
    """The geodesic area of a request area in square metres: a polygon's outline minus
    its holes, or a circle as a polygon of :data:`CIRCLE_BEARINGS` points. Cached: a
    request's area is measured by the rules and by storage."""
    if area.kind == "circle":
        lons, lats = _circle_arrays(*_circle_params(area))
        return abs(float(_geod().polygon_area_perimeter(lons, lats)[0]))
    if not area.rings:
        return 0.0
    outline = ring_area_sq_m(area.rings[0])
    holes = sum(ring_area_sq_m(r) for r in area.rings[1:])
    return max(0.0, outline - holes)


def _ring_jumps(lons: Sequence[float]) -> bool:
    """True if two neighbouring points of a closed ring lie more than 180 degrees of
    longitude apart: the short way between them crosses the antimeridian."""
    return any(abs(b - a) >= 180 for a, b in zip(lons, [*lons[1:], lons[0]], strict=True))


@lru_cache(maxsize=4096)
def crosses_antimeridian(area: Area) -> bool:
    """True if the area's outline crosses longitude +-180 (a circle around a pole does
    too). Such an area cannot be matched in (lon, lat) degrees, see the module doc."""
    if area.kind == "circle":
        lons, _ = _circle_arrays(*_circle_params(area))
        return _ring_jumps(lons.tolist())
    return any(_ring_jumps([p[0] for p in ring]) for ring in area.rings)


@lru_cache(maxsize=4096)
def area_geometry(area: Area) -> Polygon:
    """The request area as a shapely Polygon in (lon, lat) degrees (cached; shapely
    geometries are immutable)."""
    import numpy as np
    import shapely
    from shapely import Polygon

    if area.kind == "circle":
        lons, lats = _circle_arrays(*_circle_params(area))
        coords = np.column_stack([lons, lats])
        return shapely.polygons(np.vstack([coords, coords[:1]]))
    if not area.rings:
        return Polygon()
    return Polygon(area.rings[0], list(area.rings[1:]))


def camera_cone(
    lon: float,
    lat: float,
    heading_deg: float | None,
    fov_deg: float | None,
    range_m: float | None,
) -> Polygon | None:
    """A camera's view cone: a geodesic sector with its apex at the camera, centred on
    ``heading_deg`` (degrees clockwise from north), ``fov_deg`` wide and ``range_m`` deep,
    with a point on the arc at least every :data:`MAX_ARC_STEP_DEG` degrees.

    A field of view of 360 degrees or more gives a circle (no heading needed). Without a
    range, or without a heading or field of view otherwise, there is no cone: None.
    """
    if range_m is None or fov_deg is None:
        return None
    if not range_m > 0 or not math.isfinite(range_m):
        raise ValueError(f"range_m: {range_m} must be more than 0 metres")
    if not fov_deg > 0:
        raise ValueError(f"fov_deg: {fov_deg} must be more than 0 degrees")
    import numpy as np
    from shapely import Polygon

    if fov_deg >= 360:
        return Polygon(circle_ring(lon, lat, range_m))
    if heading_deg is None:
        return None
    steps = max(1, math.ceil(fov_deg / MAX_ARC_STEP_DEG))
    start = heading_deg - fov_deg / 2
    bearings = np.linspace(start, start + fov_deg, steps + 1)
    lons, lats = _fwd(lon, lat, bearings, range_m)
    apex = (float(lon), float(lat))
    return Polygon([apex, *zip(lons, lats, strict=True), apex])


def bbox(geom: BaseGeometry) -> BBox:
    """(min_lon, min_lat, max_lon, max_lat) of a shapely geometry."""
    min_x, min_y, max_x, max_y = geom.bounds
    return (float(min_x), float(min_y), float(max_x), float(max_y))


def reach_bbox(lon: float, lat: float, range_m: float) -> BBox:
    """A box sure to hold every point within ``range_m`` metres (geodesic) of (lon, lat),
    for an R*Tree query. Conservative (a little larger than needed) by construction:

    * no path of length d changes latitude by more than d / (metres per degree of
      latitude at the equator, where a degree is shortest);
    * between latitudes -phi..phi a path of length d changes longitude by at most
      d / (radius of the parallel at phi), phi being the most poleward latitude reached.

    Near a pole the box spans all longitudes. It is clamped to [-180, 180] and
    [-90, 90] and not wrapped across the antimeridian (see the module docstring).
    """
    if not range_m >= 0 or not math.isfinite(range_m):
        raise ValueError(f"range_m: {range_m} must be a finite number of metres, 0 or more")
    margin = 1.001  # float rounding headroom
    # WGS84: semi-major axis and first eccentricity squared.
    a, e2 = _wgs84()
    # Metres per degree of latitude is smallest at the equator: a (1 - e^2) * pi / 180.
    dlat = range_m / (a * (1 - e2) * math.pi / 180) * margin
    min_lat = max(-90.0, lat - dlat)
    max_lat = min(90.0, lat + dlat)
    phi = math.radians(max(abs(min_lat), abs(max_lat)))
    # Radius of the parallel at phi: N(phi) cos(phi), N the prime vertical radius.
    parallel_r = a * math.cos(phi) / math.sqrt(1 - e2 * math.sin(phi) ** 2)
    if parallel_r <= 0 or range_m / parallel_r * margin >= math.pi:
        return (-180.0, min_lat, 180.0, max_lat)
    dlon = math.degrees(range_m / parallel_r) * margin
    return (max(-180.0, lon - dlon), min_lat, min(180.0, lon + dlon), max_lat)
