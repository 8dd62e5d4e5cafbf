"""A camera's privacy masks (docs/redaction.md): polygons the resident draws on a frame
of that camera (a neighbour's window, a play area), hidden in every excerpt of it.

Points are stored in pixels of the picture they were drawn on, with that picture's
width and height: exactly what the resident drew or typed. A clip whose picture is
another size (the camera's resolution was changed) gets the mask scaled to it,
each axis by its own factor (``scaled``), so the mask covers the same part of the view.
Each change is written in one transaction with its audit entry."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from db.clips.cameras import Camera, get_camera
from db.redaction.plan import Mask
from db.store.timeutil import now_utc_text
from db.words.i18n import _

# A mask is drawn by hand: more points than this is a mistake (a pasted file), and a
# name longer than this does not fit the dialog's list.
MAX_POINTS = 500
MAX_NAME = 80
_POINT = re.compile(r"^\s*(-?\d+)\s*,\s*(-?\d+)\s*$")


class MaskError(ValueError):
    """A mask that cannot be stored or removed; the one-line message names what is wrong."""


Points = list[tuple[int, int]]


def parse_points(text: str) -> Points:
    """ "x,y x,y x,y" (pixels, separated by spaces) as a list of points."""
    points = []
    for part in text.split():
        found = _POINT.match(part)
        if found is None:
            raise MaskError(
                _("points: %(part)s is not x,y (two whole numbers of pixels)")
                % {"part": repr(part)}
            )
        points.append((int(found.group(1)), int(found.group(2))))
    return points


def check_mask(name: str, points: Points, width: int, height: int) -> tuple[str, Points]:
    """The name trimmed and the points as stored (a last point repeating the first
    dropped), or MaskError naming the first thing wrong."""
    return check_name(name), check_points(points, width, height)


def check_name(name: str) -> str:
    """The mask's name trimmed, or MaskError saying what is wrong with it."""
    name = name.strip()
    if not name:
        raise MaskError(_("name: a privacy mask needs a name (what it hides)"))
    if len(name) > MAX_NAME:
        raise MaskError(
            _("name: at most %(MAX_NAME)s characters, not %(n_name)s")
            % {"MAX_NAME": MAX_NAME, "n_name": len(name)}
        )
    return name


def check_points(points: Points, width: int, height: int) -> Points:
    """The polygon as stored, or MaskError saying why it cannot hide anything."""
    if not (_whole(width) and _whole(height)) or width <= 0 or height <= 0:
        raise MaskError(
            _("picture: the size must be positive whole pixels, not %(width)s×%(height)s")
            % {"width": width, "height": height}
        )
    pts = list(points)
    if len(pts) > 3 and pts[-1] == pts[0]:
        pts.pop()  # the polygon closed by repeating its first point
    if len(pts) < 3:
        raise MaskError(
            _("points: a mask needs at least three points, not %(n_pts)s") % {"n_pts": len(pts)}
        )
    if len(pts) > MAX_POINTS:
        raise MaskError(
            _("points: at most %(MAX_POINTS)s points, not %(n_pts)s")
            % {"MAX_POINTS": MAX_POINTS, "n_pts": len(pts)}
        )
    for point in pts:
        if not (isinstance(point, tuple | list) and len(point) == 2):
            raise MaskError(_("points: %(point)s is not a pair x, y") % {"point": repr(point)})
        x, y = point
        if not (_whole(x) and _whole(y)):
            raise MaskError(_("points: (%(x)s, %(y)s) is not whole pixels") % {"x": x, "y": y})
        if not (0 <= x <= width and 0 <= y <= height):
            raise MaskError(
                _(
                    "points: (%(x)s, %(y)s) is outside the %(width)s×%(height)s picture (x 0 "
                    "to %(width)s, y 0 to %(height)s)"
                )
                % {"x": x, "y": y, "width": width, "height": height}
            )
    pts = [(int(x), int(y)) for x, y in pts]
    from shapely import Polygon, is_valid_reason

    polygon = Polygon(pts)
    # Its hull, not its own area: a figure of eight's two halves cancel out, but its
    # fault is the crossing.
    if polygon.convex_hull.area <= 0:
        raise MaskError(_("points: the mask has no area (its points lie on one line)"))
    if not polygon.is_valid:
        raise MaskError(
            _("points: %(value)s") % {"value": _invalid_words(str(is_valid_reason(polygon)))}
        )
    return pts


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _invalid_words(reason: str) -> str:
    """shapely's reason ("Self-intersection[5 5]") in words."""
    found = re.search(r"\[\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\]", reason)
    where = ""
    if found is not None:
        where = f" at ({round(float(found.group(1)))}, {round(float(found.group(2)))})"
    if "self-intersection" in reason.lower():
        return f"the mask's edges cross{where}: put its points in order around it"
    return f"the mask is not a simple polygon ({reason.split('[')[0].strip()}{where})"


def scaled(mask: Mask, width: int, height: int) -> Mask:
    """The mask in pixels of a ``width`` × ``height`` picture, each axis scaled by its
    own factor from the picture it was drawn on (a mask without a size is taken to be
    drawn on this one). Points stay inside the picture."""
    if not mask.width or not mask.height or (mask.width, mask.height) == (width, height):
        return replace(mask, width=width, height=height)
    fx, fy = width / mask.width, height / mask.height
    points = tuple(
        (min(width, max(0, round(x * fx))), min(height, max(0, round(y * fy))))
        for x, y in mask.points
    )
    return replace(mask, points=points, width=width, height=height)


@dataclass(frozen=True)
class Picture:
    """A camera's picture as its newest clip has it: masks are drawn on a frame of it."""

    clip_id: int
    path: str
    width: int
    height: int
    duration_s: float


def newest_picture(db: Database, camera_id: int) -> Picture | None:
    """The camera's newest clip and its picture size, or None when it has no clips."""
    row = db.execute(
        "SELECT id, path, width, height, duration_s FROM clips WHERE camera_id = ? "
        "ORDER BY start_utc DESC, id DESC LIMIT 1",
        [camera_id],
    ).fetchone()
    if row is None:
        return None
    return Picture(int(row[0]), str(row[1]), int(row[2]), int(row[3]), float(row[4]))


_COLUMNS = "id, name, points, width, height"


def _mask(row: tuple[Any, ...]) -> Mask:
    points = tuple((int(x), int(y)) for x, y in json.loads(row[2]))
    return Mask(int(row[0]), str(row[1]), points, int(row[3]), int(row[4]))


def masks_for_camera(
    db: Database, camera_id: int, *, width: int | None = None, height: int | None = None
) -> list[Mask]:
    """The camera's masks in the order they were added (retired cameras' too: an
    excerpt of their clips hides the same). Given a picture size, scaled to it."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM privacy_masks WHERE camera_id = ? ORDER BY id", [camera_id]
    ).fetchall()
    masks = [_mask(r) for r in rows]
    if width is not None and height is not None:
        masks = [scaled(m, width, height) for m in masks]
    return masks


def get_mask(db: Database, mask_id: int) -> tuple[Camera, Mask]:
    """The mask with this id and its camera; MaskError when there is none."""
    row = db.execute(
        f"SELECT {_COLUMNS}, camera_id FROM privacy_masks WHERE id = ?", [mask_id]
    ).fetchone()
    if row is None:
        raise MaskError(_("no privacy mask with id %(mask_id)s") % {"mask_id": mask_id})
    return get_camera(db, int(row[5])), _mask(row)


def add_mask(
    db: Database, camera_id: int, name: str, points: Points, width: int, height: int
) -> int:
    """Store a mask of the camera (points in pixels of a ``width`` × ``height`` picture
    of it) with its ``privacy mask added`` audit entry; returns its id. MaskError names
    what is wrong; nothing is written then."""
    name, pts = check_mask(name, points, width, height)
    with db.atomic():
        camera = _camera(db, camera_id)
        taken = db.execute(
            "SELECT id FROM privacy_masks WHERE camera_id = ? AND name = ? COLLATE NOCASE",
            [camera_id, name],
        ).fetchone()
        if taken is not None:
            raise MaskError(
                _(
                    "name: %(name)s already has a privacy mask named %(name2)s (id "
                    "%(taken)s); choose another name"
                )
                % {"name": repr(camera.name), "name2": repr(name), "taken": taken[0]}
            )
        cur = db.execute(
            "INSERT INTO privacy_masks (camera_id, name, points, width, height, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [camera_id, name, json.dumps(pts), width, height, now_utc_text()],
        )
        mask_id = int(cur.lastrowid or 0)
        _audit(db, "privacy mask added", camera, Mask(mask_id, name, tuple(pts), width, height))
    return mask_id


def remove_mask(db: Database, mask_id: int) -> None:
    """Remove a mask with its ``privacy mask removed`` audit entry; excerpts made
    before keep what they hid (their manifests say so)."""
    with db.atomic():
        camera, mask = get_mask(db, mask_id)
        assert camera.id is not None
        _camera(db, camera.id)
        db.execute("DELETE FROM privacy_masks WHERE id = ?", [mask_id])
        _audit(db, "privacy mask removed", camera, mask)


def _camera(db: Database, camera_id: int) -> Camera:
    from db.clips.cameras import CameraError

    try:
        camera = get_camera(db, camera_id)
    except CameraError as exc:
        raise MaskError(_("camera: %(exc)s") % {"exc": exc}) from None
    if camera.retired:
        raise MaskError(
            _("camera: %(name)s was retired on %(retired_at)s; its masks are kept as they were")
            % {"name": repr(camera.name), "retired_at": camera.retired_at}
        )
    return camera


def _audit(db: Database, action: str, camera: Camera, mask: Mask) -> None:
    from db.audit import trail as audit

    details = {
        "camera": camera.name,
        "mask": mask.name,
        "mask_id": mask.mask_id,
        "points": [list(p) for p in mask.points],
        "picture": f"{mask.width}×{mask.height}",
    }
    audit.append(db, action, now=datetime.now(UTC), camera_id=camera.id, details=details)
