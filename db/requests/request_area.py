"""A request's area, read from its document and checked: a polygon's rings (closed, in
range, simple, with an area) or a circle's centre and radius. Refusals name the place in
the document (db.requests.request_paths)."""

from __future__ import annotations

from typing import Any

from db.requests.request_paths import PathParts, json_path
from db.requests.request_types import Area, RequestError

MAX_RADIUS_M = 50_000.0  # also in the schema: a circle wider than this is refused


def _position(value: list[Any], path: PathParts) -> tuple[float, float]:
    """(lon, lat) of a GeoJSON position, range-checked."""
    lon, lat = float(value[0]), float(value[1])
    if not -180 <= lon <= 180:
        raise RequestError(json_path([*path, 0]), f"longitude {lon} is outside -180..180")
    if not -90 <= lat <= 90:
        raise RequestError(json_path([*path, 1]), f"latitude {lat} is outside -90..90")
    return lon, lat


_VALIDITY_WORDS = {
    "Self-intersection": "the polygon crosses itself",
    "Ring Self-intersection": "a ring touches itself",
    "Hole lies outside shell": "a hole lies outside the outline",
    "Nested holes": "a hole lies inside another hole",
    "Interior is disconnected": "the holes cut the polygon into pieces",
    "Nested shells": "one outline lies inside another",
    "Duplicate Rings": "two rings are the same",
    "Too few points in geometry component": "a ring has fewer than 3 distinct points",
}


def _collinear(points: tuple[tuple[float, float], ...]) -> bool:
    """True if all points lie on one line (or are one point): a ring with no area."""
    x0, y0 = points[0]
    other = next((p for p in points if p != points[0]), None)
    if other is None:
        return True
    dx, dy = other[0] - x0, other[1] - y0
    return all(dx * (y - y0) == dy * (x - x0) for x, y in points)


def _near(validity: str) -> str:
    """' near lon, lat' from a shapely explanation such as 'Self-intersection[0.5 0.5]'."""
    where = validity.partition("[")[2].rstrip("]")
    return f" near {where.replace(' ', ', ')}" if where else ""


def polygon_area(area: dict[str, Any]) -> Area:
    """A checked polygon: rings closed, in range, simple, with a nonzero area."""
    base: PathParts = ["area", "coordinates"]
    rings: list[tuple[tuple[float, float], ...]] = []
    for index, ring in enumerate(area["coordinates"]):
        ring_path = [*base, index]
        if len(ring) < 4:
            raise RequestError(
                json_path(ring_path), f"a ring needs at least 4 positions; this one has {len(ring)}"
            )
        points = tuple(_position(p, [*ring_path, i]) for i, p in enumerate(ring))
        if ring[0] != ring[-1]:
            raise RequestError(
                json_path(ring_path),
                f"the ring is not closed: its last position {ring[-1]} differs from its "
                f"first {ring[0]}",
            )
        if _collinear(points):
            raise RequestError(
                json_path(ring_path), "the ring has zero area: its points lie on one line"
            )
        rings.append(points)
    from shapely.geometry import LinearRing, Polygon
    from shapely.validation import explain_validity

    polygon = Polygon(rings[0], rings[1:])
    if not polygon.is_valid:
        for index, points in enumerate(rings):
            if not LinearRing(points).is_simple:
                raise RequestError(
                    json_path([*base, index]),
                    "the ring crosses itself" + _near(explain_validity(Polygon(points))),
                )
        validity = explain_validity(polygon)
        reason = validity.partition("[")[0]
        words = _VALIDITY_WORDS.get(reason, f"the polygon is not valid ({reason})")
        raise RequestError(json_path(base), words + _near(validity))
    if polygon.area == 0:
        raise RequestError(json_path(base), "the polygon has zero area")
    return Area(kind="polygon", rings=tuple(rings))


def circle_area(area: dict[str, Any]) -> Area:
    """A checked circle: centre in range, radius above 0 and at most MAX_RADIUS_M."""
    center = _position(area["coordinates"], ["area", "coordinates"])
    radius = float(area["radius_m"])
    if not 0 < radius <= MAX_RADIUS_M:
        raise RequestError(
            "area.radius_m",
            f"must be more than 0 and at most {MAX_RADIUS_M:,.0f} metres, not {radius}",
        )
    return Area(kind="circle", center=center, radius_m=radius)
