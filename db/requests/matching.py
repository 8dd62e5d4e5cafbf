"""Which of the resident's cameras and clips a request covers.

Space goes through the ``camera_rtree`` R*Tree (each camera's position, widened by its
range so view cones can be tested), then an exact test with shapely; time goes through
the ``clips_camera_start`` index, bounded below by the longest clip's duration, so a
request is matched without scanning clips in Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from db.requests import geo
from db.requests.request_types import Area
from db.store.timeutil import parse_utc_text, to_utc_text
from db.words.time_notes import uncertain_words

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry


@dataclass(frozen=True)
class Candidate:
    clip_id: int
    camera_id: int
    camera: str
    path: str
    start_utc: str
    end_utc: str
    duration_s: float
    # "position" (the camera stands in the area), "view" (its cone reaches in) or
    # "retired" (a retired camera's clip decided on for this request)
    via: str
    # False when the clip's start is uncertain (db.clips.clip_time): it is shown with
    # a warning and approving it needs a confirmation.
    start_certain: bool = True
    start_note: str = ""

    @property
    def warning(self) -> str:
        """ "time uncertain: why" for a clip whose start is uncertain, else ""."""
        if self.start_certain:
            return ""
        return uncertain_words(self.start_note)

    def to_json(self) -> dict[str, Any]:
        return {
            "clip_id": self.clip_id,
            "camera": self.camera,
            "start": self.start_utc,
            "end": self.end_utc,
            "path": self.path,
            "duration_s": self.duration_s,
            "via": self.via,
            "start_certain": self.start_certain,
            "start_note": self.start_note,
        }


# (id, min_lon, max_lon, min_lat, max_lat, lon, lat, heading_deg, fov_deg, range_m): a
# camera with its R*Tree box (its position widened by its range).
CameraRow = tuple[
    int, float, float, float, float, float, float, float | None, float | None, float | None
]

_CAMERA_ROWS_SQL = (
    "SELECT c.id, r.min_lon, r.max_lon, r.min_lat, r.max_lat, c.lon, c.lat, c.heading_deg, "
    "c.fov_deg, c.range_m FROM camera_rtree r JOIN cameras c ON c.id = r.id"
)


def camera_rows(db: Database) -> tuple[CameraRow, ...]:
    """Every camera with its R*Tree box, in id order: what :func:`covering` needs to
    match areas away from the database (the feed checker's process)."""
    return tuple(tuple(r) for r in db.execute(_CAMERA_ROWS_SQL + " ORDER BY c.id"))


def covering(
    shape: BaseGeometry, cameras: Iterable[CameraRow], *, use_view_cones: bool
) -> dict[int, str]:
    """Camera id -> how it matched ("position" or "view"), for the cameras among
    ``cameras`` that the area ``shape`` covers; only those whose box meets the area's
    bounds are tested exactly. Pure: no database."""
    min_lon, min_lat, max_lon, max_lat = shape.bounds
    near = [
        c
        for c in cameras
        if c[2] >= min_lon and c[1] <= max_lon and c[4] >= min_lat and c[3] <= max_lat
    ]
    if not near:
        return {}
    from shapely import Point, prepared  # not at start-up (see db/requests/geo.py)

    fast = prepared.prep(shape)
    found: dict[int, str] = {}
    for cam_id, _, _, _, _, lon, lat, heading, fov, range_m in near:
        if fast.covers(Point(lon, lat)):
            found[int(cam_id)] = "position"
        elif use_view_cones and heading is not None and fov is not None and range_m:
            cone = geo.camera_cone(lon, lat, heading, fov, range_m)
            if cone is not None and fast.intersects(cone):
                found[int(cam_id)] = "view"
    return found


def cameras_in_area(
    db: Database, area: Area, *, use_view_cones: bool, geometry: BaseGeometry | None = None
) -> dict[int, str]:
    """Camera id -> how it matched ("position" or "view") for cameras the area covers:
    the R*Tree finds those near the area's bounds, :func:`covering` tests them."""
    shape = geometry if geometry is not None else geo.area_geometry(area)
    min_lon, min_lat, max_lon, max_lat = shape.bounds
    rows = db.execute(
        _CAMERA_ROWS_SQL
        + " WHERE r.max_lon >= ? AND r.min_lon <= ? AND r.max_lat >= ? AND r.min_lat <= ?",
        [min_lon, max_lon, min_lat, max_lat],
    ).fetchall()
    return covering(shape, rows, use_view_cones=use_view_cones)


def find_candidates(
    db: Database,
    area: Area,
    window_start: datetime,
    window_end: datetime,
    *,
    use_view_cones: bool,
    geometry: BaseGeometry | None = None,
    decided_for: int | None = None,
) -> list[Candidate]:
    """Clips whose time span overlaps the window, from cameras the area covers, in
    order of start time. Runs on the database thread.

    A retired camera matches no request, but the clips of it that were decided on for
    the request row ``decided_for`` stay among its candidates (via ``retired``)."""
    cameras = cameras_in_area(db, area, use_view_cones=use_view_cones, geometry=geometry)
    kept = _retired_decided(db, decided_for) if decided_for is not None else []
    if not cameras:
        return kept
    longest = db.execute("SELECT max(duration_s) FROM clips").fetchone()[0]
    if longest is None:
        return kept
    ws, we = to_utc_text(window_start), to_utc_text(window_end)
    # A clip overlapping the window starts before its end and less than the longest
    # clip's duration before its start: that bounds the index range on start_utc.
    lower = to_utc_text(window_start - timedelta(seconds=float(longest) + 1))
    out: list[Candidate] = []
    for cam_id in sorted(cameras):
        rows = db.execute(
            "SELECT clips.id, clips.camera_id, cameras.name, clips.path, clips.start_utc, "
            "clips.end_utc, clips.duration_s, clips.start_certain, clips.start_note FROM clips "
            "INDEXED BY clips_camera_start JOIN cameras ON cameras.id = clips.camera_id "
            "WHERE clips.camera_id = ? AND clips.start_utc >= ? AND clips.start_utc < ? "
            "AND clips.end_utc > ?",
            [cam_id, lower, we, ws],
        )
        out.extend(
            Candidate(
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], cameras[cam_id], bool(r[7]), r[8] or ""
            )
            for r in rows
        )
    out.extend(kept)
    out.sort(key=lambda c: (c.start_utc, c.camera, c.clip_id))
    return out


def _retired_decided(db: Database, row_id: int) -> list[Candidate]:
    rows = db.execute(
        "SELECT clips.id, clips.camera_id, cameras.name, clips.path, clips.start_utc, "
        "clips.end_utc, clips.duration_s, clips.start_certain, clips.start_note "
        "FROM decisions d JOIN clips ON clips.id = d.clip_id "
        "JOIN cameras ON cameras.id = clips.camera_id "
        "WHERE d.request_row = ? AND cameras.retired_at IS NOT NULL",
        [row_id],
    )
    return [
        Candidate(r[0], r[1], r[2], r[3], r[4], r[5], r[6], "retired", bool(r[7]), r[8] or "")
        for r in rows
    ]


def overlap_seconds(candidate: Candidate, window_start: datetime, window_end: datetime) -> float:
    """How much of the clip lies inside the window, in seconds."""
    start = max(parse_utc_text(candidate.start_utc), window_start)
    end = min(parse_utc_text(candidate.end_utc), window_end)
    return max(0.0, (end - start).total_seconds())
