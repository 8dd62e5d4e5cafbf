"""Web Mercator (EPSG:3857) as slippy maps use it, in "world pixels".

A world pixel is a pixel of the zoom 0 map: the whole world is one 256 px tile, x grows
east from longitude -180 and y grows south from latitude +85.0511 (``MAX_LAT``), so
every point is in [0, 256] x [0, 256]. At zoom z a world pixel is 2**z screen pixels
and there are 2**z x 2**z tiles of ``TILE_SIZE / 2**z`` world pixels each. Tile (z, x,
y) is XYZ ("Google") numbering: y = 0 is the northernmost row (MBTiles files number
rows the other way round; see ``tms_row``).

Pure functions, no Qt: the map widget and the tile loader share them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

TILE_SIZE = 256  # pixels per tile side
WORLD_SIZE = float(TILE_SIZE)  # world pixels per world side (zoom 0)
MAX_LAT = math.degrees(math.atan(math.sinh(math.pi)))  # 85.0511287798...
MAX_ZOOM = 30  # deeper than any tile server; keeps 2**z tile numbers in range
EARTH_RADIUS_M = 6378137.0  # the WGS84 semi-major axis, the sphere Web Mercator uses
EQUATOR_M = 2 * math.pi * EARTH_RADIUS_M

Bounds = Sequence[float]  # (min_x, min_y, max_x, max_y) in world pixels
Tile = tuple[int, int, int]  # (z, x, y), XYZ numbering


def lonlat_to_world(lon: float, lat: float) -> tuple[float, float]:
    """World pixels of (lon, lat) in degrees. Latitudes beyond +-MAX_LAT are clamped
    to the map's top and bottom edges; longitudes are not wrapped (-180 is x = 0,
    +180 is x = 256)."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    x = (lon + 180.0) / 360.0 * WORLD_SIZE
    phi = math.radians(lat)
    y = (1.0 - math.log(math.tan(phi) + 1.0 / math.cos(phi)) / math.pi) / 2.0 * WORLD_SIZE
    return x, y


def world_to_lonlat(x: float, y: float) -> tuple[float, float]:
    """(lon, lat) in degrees of a point in world pixels (the inverse of
    ``lonlat_to_world``). y outside [0, 256] gives latitudes beyond +-MAX_LAT, still
    finite and monotonic; x is not wrapped."""
    lon = x / WORLD_SIZE * 360.0 - 180.0
    n = math.pi * (1.0 - 2.0 * y / WORLD_SIZE)
    lat = math.degrees(math.atan(math.sinh(n)))
    return lon, lat


def tile_size_world(zoom: int) -> float:
    """The side of one tile at ``zoom``, in world pixels."""
    return WORLD_SIZE / (1 << zoom)


def tile_bounds_world(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """(min_x, min_y, max_x, max_y) of tile (z, x, y) in world pixels."""
    size = tile_size_world(z)
    return x * size, y * size, (x + 1) * size, (y + 1) * size


def world_to_tile(x: float, y: float, zoom: int) -> Tile:
    """The tile at ``zoom`` that holds the world point (x, y), clamped to the map."""
    n = 1 << zoom
    size = WORLD_SIZE / n
    tx = min(n - 1, max(0, math.floor(x / size)))
    ty = min(n - 1, max(0, math.floor(y / size)))
    return zoom, tx, ty


def tile_range(bounds_world: Bounds, zoom: int) -> list[Tile]:
    """Every tile at ``zoom`` that overlaps ``bounds_world`` = (min_x, min_y, max_x,
    max_y) in world pixels, row by row from the north-west. Tiles are half-open: a box
    whose edge lies on a tile edge does not take the next tile. Bounds are clamped to
    the world (no wrapping across the antimeridian); an empty box gives no tiles."""
    if not 0 <= zoom <= MAX_ZOOM:
        raise ValueError(f"zoom {zoom} is outside 0..{MAX_ZOOM}")
    min_x, min_y, max_x, max_y = (float(v) for v in bounds_world)
    if any(math.isnan(v) for v in (min_x, min_y, max_x, max_y)):
        return []
    min_x, max_x = max(0.0, min_x), min(WORLD_SIZE, max_x)
    min_y, max_y = max(0.0, min_y), min(WORLD_SIZE, max_y)
    if not (max_x > min_x and max_y > min_y):
        return []
    n = 1 << zoom
    size = WORLD_SIZE / n
    x0 = min(n - 1, math.floor(min_x / size))
    y0 = min(n - 1, math.floor(min_y / size))
    x1 = min(n - 1, math.ceil(max_x / size) - 1)
    y1 = min(n - 1, math.ceil(max_y / size) - 1)
    return [(zoom, tx, ty) for ty in range(y0, y1 + 1) for tx in range(x0, x1 + 1)]


def tms_row(zoom: int, y: int) -> int:
    """The TMS row (MBTiles ``tile_row``, counted from the south) of XYZ row ``y``. The
    flip is its own inverse."""
    return (1 << zoom) - 1 - y


def metres_per_world_pixel(lat: float) -> float:
    """Ground metres covered by one world pixel (zoom 0) at latitude ``lat`` in degrees;
    divide by 2**zoom for one screen pixel at that zoom."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    return EQUATOR_M / WORLD_SIZE * math.cos(math.radians(lat))
