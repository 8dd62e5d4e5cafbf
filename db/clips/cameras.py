"""Cameras: the resident's own, with location, view cone, time zone and clock offset."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlite_utils import Database

from db.store.timeutil import now_utc_text
from db.words.i18n import _


def local_zone_name() -> str | None:
    """This computer's time zone as an IANA name (``Europe/Paris``), or None when it
    cannot be told: ``TZ``, then ``/etc/timezone``, then where ``/etc/localtime``
    links (Linux, macOS). The window asks Qt, which also knows Windows' zone."""
    import os
    from pathlib import Path

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except (OSError, UnicodeDecodeError):
        pass
    try:
        target = os.path.realpath("/etc/localtime")
        if "/zoneinfo/" in target:
            candidates.append(target.split("/zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if name and not name.startswith("/") and _known_zone(name):
            return name
    return None


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


class CameraError(ValueError):
    """Invalid camera data; the message names the field."""


@dataclass(frozen=True)
class Camera:
    name: str
    lat: float
    lon: float
    heading_deg: float | None = None
    fov_deg: float | None = None
    range_m: float | None = None
    tz: str = "UTC"
    clock_offset_s: float = 0.0
    id: int | None = None
    # When the resident removed a camera whose clips had been decided on: it is kept
    # (hidden) so the record of what was shared stays whole.
    retired_at: str | None = None
    # The layout its clips' folders and names follow (db.clips.name_times.PROFILES);
    # None: each file is read by the first layout it follows.
    naming_profile: str | None = None

    def validated(self) -> Camera:
        """Return this camera, or raise CameraError naming the first bad field."""
        if not self.name or not self.name.strip():
            raise CameraError(_("name: a camera needs a name"))
        if not -90 <= self.lat <= 90:
            raise CameraError(_("lat: %(lat)s is not a latitude (-90 to 90)") % {"lat": self.lat})
        if not -180 <= self.lon <= 180:
            raise CameraError(
                _("lon: %(lon)s is not a longitude (-180 to 180)") % {"lon": self.lon}
            )
        if self.heading_deg is not None and not 0 <= self.heading_deg < 360:
            raise CameraError(
                _("heading: %(heading_deg)s must be 0 to less than 360 degrees")
                % {"heading_deg": self.heading_deg}
            )
        if self.fov_deg is not None and not 0 < self.fov_deg <= 360:
            raise CameraError(
                _("fov: %(fov_deg)s must be more than 0 and at most 360 degrees")
                % {"fov_deg": self.fov_deg}
            )
        if self.range_m is not None and not self.range_m > 0:
            raise CameraError(
                _("range: %(range_m)s must be more than 0 metres") % {"range_m": self.range_m}
            )
        if abs(self.clock_offset_s) > 366 * 86400:
            raise CameraError(
                _("clock offset: %(clock_offset_s)s s is more than a year")
                % {"clock_offset_s": self.clock_offset_s}
            )
        try:
            ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise CameraError(_("tz: unknown time zone %(tz)s") % {"tz": repr(self.tz)}) from exc
        if self.naming_profile is not None:
            from db.clips.name_times import PROFILES

            if self.naming_profile not in PROFILES:
                raise CameraError(
                    _("naming profile: unknown profile %(naming_profile)s (known: %(value)s)")
                    % {"naming_profile": repr(self.naming_profile), "value": ", ".join(PROFILES)}
                )
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    @property
    def retired(self) -> bool:
        return self.retired_at is not None

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "retired": self.retired}


_COLUMNS = (
    "id, name, lat, lon, heading_deg, fov_deg, range_m, tz, clock_offset_s, retired_at, "
    "naming_profile"
)


def _row_to_camera(row: tuple[Any, ...]) -> Camera:
    return Camera(
        id=row[0],
        name=row[1],
        lat=row[2],
        lon=row[3],
        heading_deg=row[4],
        fov_deg=row[5],
        range_m=row[6],
        tz=row[7],
        clock_offset_s=row[8],
        retired_at=row[9],
        naming_profile=row[10],
    )


def _audit(db: Database, action: str, camera_id: int, values: dict[str, Any]) -> None:
    from datetime import UTC, datetime

    from db.audit import trail as audit

    details = {k: v for k, v in values.items() if k not in ("id", "created_at", "retired_at")}
    audit.append(db, action, now=datetime.now(UTC), camera_id=camera_id, details=details)


def list_cameras(db: Database, *, include_retired: bool = False) -> list[Camera]:
    """The resident's cameras by name; retired ones only when asked for."""
    where = "" if include_retired else " WHERE retired_at IS NULL"
    rows = db.execute(f"SELECT {_COLUMNS} FROM cameras{where} ORDER BY name COLLATE NOCASE")
    return [_row_to_camera(r) for r in rows]


def get_camera(db: Database, camera_id: int) -> Camera:
    row = db.execute(f"SELECT {_COLUMNS} FROM cameras WHERE id = ?", [camera_id]).fetchone()
    if row is None:
        raise CameraError(_("no camera with id %(camera_id)s") % {"camera_id": camera_id})
    return _row_to_camera(row)


def find_camera(db: Database, name: str, *, include_retired: bool = False) -> Camera:
    """The camera of that name; a retired one only when asked for (else the error says
    it was retired)."""
    row = db.execute(
        f"SELECT {_COLUMNS} FROM cameras WHERE name = ? COLLATE NOCASE", [name]
    ).fetchone()
    if row is None:
        known = ", ".join(c.name for c in list_cameras(db)) or "none yet"
        raise CameraError(
            _("no camera named %(name)s (cameras: %(known)s)")
            % {"name": repr(name), "known": known}
        )
    camera = _row_to_camera(row)
    if camera.retired and not include_retired:
        raise CameraError(_retired_text(camera))
    return camera


def _retired_text(camera: Camera) -> str:
    return (
        f"the camera {camera.name!r} was retired on {camera.retired_at} "
        "(kept only for the record of what was shared)"
    )


def add_camera(db: Database, camera: Camera) -> Camera:
    camera = camera.validated()
    values = asdict(camera)
    values.pop("id")
    values.pop("retired_at")
    values["name"] = camera.name.strip()
    values["created_at"] = now_utc_text()
    try:
        with db.atomic():
            cur = db.execute(
                "INSERT INTO cameras (name, lat, lon, heading_deg, fov_deg, range_m, tz, "
                "clock_offset_s, naming_profile, created_at) VALUES (:name, :lat, :lon, "
                ":heading_deg, :fov_deg, :range_m, :tz, :clock_offset_s, :naming_profile, "
                ":created_at)",
                values,
            )
            _audit(db, "camera added", int(cur.lastrowid or 0), values)
    except sqlite3.IntegrityError as exc:
        if "UNIQUE" in str(exc):
            raise CameraError(_name_taken(db, camera.name)) from exc
        raise CameraError(str(exc)) from exc
    return get_camera(db, int(cur.lastrowid or 0))


def _name_taken(db: Database, name: str) -> str:
    row = db.execute(
        "SELECT name, retired_at FROM cameras WHERE name = ? COLLATE NOCASE", [name.strip()]
    ).fetchone()
    if row is not None and row[1] is not None:
        return (
            f"name: a retired camera is named {row[0]!r} (kept for the record of "
            "what was shared); choose another name"
        )
    return f"name: there is already a camera named {name!r}"


@dataclass(frozen=True)
class CameraEdit:
    """A saved camera edit: the camera as stored now, and how many of its clips had
    their start and end times recalculated (a new time zone or clock offset)."""

    camera: Camera
    clips_retimed: int


def edit_camera(db: Database, camera: Camera) -> CameraEdit:
    """Save a camera's new values. When its time zone or clock offset changes, the start
    and end times of its clips already imported are recalculated in the same
    transaction (the audit entry says how many), so the library never shows a time
    worked out with settings the resident has since corrected."""
    camera_id = camera.id
    if camera_id is None:
        raise CameraError(_("id: the camera to change has no id"))
    camera = camera.validated()
    values = asdict(camera)
    values.pop("retired_at")
    values["name"] = camera.name.strip()
    try:
        with db.atomic():
            old = get_camera(db, camera_id)
            if old.retired:
                raise CameraError(_retired_text(old))
            cur = db.execute(
                "UPDATE cameras SET name = :name, lat = :lat, lon = :lon, "
                "heading_deg = :heading_deg, fov_deg = :fov_deg, range_m = :range_m, "
                "tz = :tz, clock_offset_s = :clock_offset_s, naming_profile = :naming_profile "
                "WHERE id = :id",
                values,
            )
            if cur.rowcount != 1:
                raise CameraError(_("no camera with id %(id)s") % {"id": camera.id})
            retimed = _retime_clips(db, old, camera)
            details = dict(values)
            if retimed:
                details["clips_retimed"] = retimed
            _audit(db, "camera changed", camera_id, details)
    except sqlite3.IntegrityError as exc:
        if "UNIQUE" in str(exc):
            raise CameraError(_name_taken(db, camera.name)) from exc
        raise CameraError(str(exc)) from exc
    return CameraEdit(get_camera(db, camera_id), retimed)


def _retime_clips(db: Database, old: Camera, new: Camera) -> int:
    """Recalculate the times of the camera's clips for its new zone, clock offset and
    naming profile; returns how many clips were looked at. Runs inside the caller's
    transaction.

    Each clip's start is chosen again by ``db.clips.clip_time.clip_time``, the
    import's own rule, from what the import stored: the path relative to the imported
    folder (the file name for clips imported before it was kept), the container's
    time (stored with the old offset taken off, so the old offset is put back), and
    the file's modification time."""
    if (old.tz, old.clock_offset_s, old.naming_profile) == (
        new.tz,
        new.clock_offset_s,
        new.naming_profile,
    ):
        return 0
    from datetime import UTC

    from db.clips.clip_time import clip_time
    from db.store.timeutil import parse_utc_text, to_utc_text

    old_offset = timedelta(seconds=old.clock_offset_s)
    rows = db.execute(
        "SELECT id, path, rel_path, start_utc, duration_s, start_source, mtime_ns, "
        "container_start_utc FROM clips WHERE camera_id = ?",
        [old.id],
    ).fetchall()
    zone = new.zone
    updates = []
    for clip_id, path, rel, start_text, duration_s, source, mtime_ns, container in rows:
        seen = None if container is None else parse_utc_text(container) + old_offset
        if source == "mtime":
            # The end of writing as the import saw it, whatever the file says today.
            ended = parse_utc_text(start_text) + old_offset + timedelta(seconds=duration_s)
            mtime = ended.timestamp()
        else:
            mtime = mtime_ns / 1e9
        found = clip_time(
            rel or os.path.basename(path),
            creation_time=None if source == "quicktime" else seen,
            quicktime=seen if source == "quicktime" else None,
            mtime=mtime,
            duration_s=duration_s,
            zone=zone,
            clock_offset_s=new.clock_offset_s,
            profile=new.naming_profile,
        )
        start = found.start.astimezone(UTC)
        end = start + timedelta(seconds=duration_s)
        updates.append(
            (
                to_utc_text(start),
                to_utc_text(end),
                found.source,
                int(found.certain),
                found.note or None,
                None if found.name_start is None else to_utc_text(found.name_start),
                None if found.container_start is None else to_utc_text(found.container_start),
                clip_id,
            )
        )
    db.conn.executemany(
        "UPDATE clips SET start_utc = ?, end_utc = ?, start_source = ?, start_certain = ?, "
        "start_note = ?, name_start_utc = ?, container_start_utc = ? WHERE id = ?",
        updates,
    )
    return len(rows)


@dataclass(frozen=True)
class Removal:
    """What removing a camera did: ``retired`` when its clips had been decided on (the
    camera, its clips and decisions are kept, hidden), else it and its clip records
    were deleted. ``clips`` counts its clip records (deleted or kept)."""

    name: str
    retired: bool
    clips: int
    decided: int
    shared: int

    def text(self) -> str:
        if not self.retired:
            return (
                f"Removed camera {self.name!r} and {self.clips} clip record(s); "
                "no file was touched."
            )
        decided = "1 decided clip" if self.decided == 1 else f"{self.decided} decided clips"
        shared = ""
        if self.shared:
            shared = (
                ", which was shared" if self.decided == 1 else f", {self.shared} of them shared"
            )
        return (
            f"Retired camera {self.name!r} instead of removing it: it has {decided}"
            f"{shared}, and the record of "
            f"{'what was shared' if self.shared else 'your decisions'} is kept. It is hidden from "
            "the cameras, the map and imports; its clips stay in the requests that "
            "refer to them."
        )


def decided_counts(db: Database, camera_id: int) -> tuple[int, int]:
    """(clips of the camera with a decision, how many of those were approved for a
    request that has a package): a camera with any is retired rather than removed."""
    row = db.execute(
        "SELECT count(DISTINCT d.clip_id), count(DISTINCT CASE WHEN d.state = 'approved' "
        "AND EXISTS (SELECT 1 FROM packages p WHERE p.request_row = d.request_row) "
        "THEN d.clip_id END) FROM decisions d JOIN clips c ON c.id = d.clip_id "
        "WHERE c.camera_id = ?",
        [camera_id],
    ).fetchone()
    return int(row[0]), int(row[1])


def remove_camera(db: Database, camera_id: int) -> Removal:
    """Remove a camera and its clip records (the files on disk stay), or, when any of
    its clips has a decision, retire it: deleting would take the decisions (and the
    record of what was shared) with it. Either way in one transaction with its audit
    entry. A retired camera stops watching its folders and matching new requests."""
    with db.atomic():
        camera = get_camera(db, camera_id)
        if camera.retired:
            raise CameraError(_retired_text(camera))
        n = clip_count(db, camera_id)
        decided, shared = decided_counts(db, camera_id)
        if decided:
            db.execute(
                "UPDATE cameras SET retired_at = ? WHERE id = ?", [now_utc_text(), camera_id]
            )
            folders = db.execute(
                "DELETE FROM camera_folders WHERE camera_id = ?", [camera_id]
            ).rowcount
            _audit(
                db,
                "camera retired",
                camera_id,
                {
                    "name": camera.name,
                    "decided_clips": decided,
                    "shared_clips": shared,
                    "clip_records_kept": n,
                    "folders_no_longer_watched": folders,
                },
            )
        else:
            db.execute("DELETE FROM cameras WHERE id = ?", [camera_id])
            _audit(db, "camera removed", camera_id, {"clip_records_removed": n})
    return Removal(camera.name, bool(decided), n, decided, shared)


def clip_count(db: Database, camera_id: int) -> int:
    return int(
        db.execute("SELECT count(*) FROM clips WHERE camera_id = ?", [camera_id]).fetchone()[0]
    )


def add_folder(db: Database, camera_id: int, path: str, watch: bool) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO camera_folders (camera_id, path, watch) VALUES (?, ?, ?) "
            "ON CONFLICT (camera_id, path) DO UPDATE SET watch = excluded.watch",
            [camera_id, path, int(watch)],
        )


def watched_folders(db: Database) -> list[tuple[int, str]]:
    rows = db.execute("SELECT camera_id, path FROM camera_folders WHERE watch = 1 ORDER BY id")
    return [(int(r[0]), str(r[1])) for r in rows]
