"""Measuring a camera's clock offset (docs/clock.md): the time the camera's on-screen
clock shows in one frame of one of its clips, against the true time of that frame from
a reference the resident names. The measurement is kept, the camera's offset becomes
the measured one, and its clips' times are recalculated, all in one transaction with a
``clock measured`` audit entry. Nothing here touches Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from db.clips.cameras import Camera, CameraError, _retime_clips, get_camera
from db.clips.clock_text import TimeTextError, parse_time
from db.store.timeutil import to_utc_text
from db.words.clockwords import METHODS
from db.words.i18n import _

# Short names the command line also takes.
_ALIASES = {"clock": "reference-clock", "event": "known-event"}
# Times that come from the camera's own clock, so cannot tell how far off it is.
_NOT_REFERENCES = {
    "file",
    "file-time",
    "files-time",
    "mtime",
    "modification-time",
    "container",
    "creation-time",
    "filename",
    "file-name",
    "name",
}
# Measured offsets are kept to the millisecond (the overlay shows whole seconds).
_DECIMALS = 3


class ClockError(ValueError):
    """A measurement that cannot be made; the message says why, in one line."""


def method_of(text: str) -> str:
    """The method's name (a key of METHODS) for what the resident typed or chose."""
    key = "-".join(text.strip().lower().replace("'", "").replace("_", " ").split())
    key = _ALIASES.get(key, key)
    if key in METHODS:
        return key
    if key in _NOT_REFERENCES or key.removeprefix("the-") in _NOT_REFERENCES:
        raise ClockError(
            _(
                "method: the file's time is not a reference: it comes from the same "
                "camera clock being measured (use reference-clock or known-event)"
            )
        )
    raise ClockError(
        _("method: unknown method %(value)s (use reference-clock or known-event)")
        % {"value": repr(text.strip())}
    )


@dataclass(frozen=True)
class Reading:
    """What a measurement reads: the camera's clock and the true time of one frame."""

    camera_time: datetime  # what the overlay shows, as a UTC moment
    true_time: datetime  # the reference: the true time of the same frame, UTC

    @property
    def offset_s(self) -> float:
        """The camera's clock minus true time (positive: the clock is fast)."""
        return round((self.camera_time - self.true_time).total_seconds(), _DECIMALS)


def read(shows: str, true_time: str, tz: str) -> Reading:
    """Read the overlay's text and the reference time, both in the camera's zone ``tz``
    unless they say their own. A reference without a date takes the day that puts it
    nearest the overlay's time. ClockError names which of the two is wrong."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tz)
    try:
        camera_time = parse_time(shows, zone)
    except TimeTextError as exc:
        raise ClockError(_("what the camera shows: %(exc)s") % {"exc": exc}) from None
    try:
        true = parse_time(true_time, zone, near=camera_time)
    except TimeTextError as exc:
        raise ClockError(_("the true time: %(exc)s") % {"exc": exc}) from None
    reading = Reading(camera_time, true)
    if abs(reading.offset_s) > 366 * 86400:
        raise ClockError(
            _("the camera's clock and the true time are more than a year apart: check both dates")
        )
    return reading


@dataclass(frozen=True)
class Measurement:
    """A stored measurement and what it changed."""

    id: int
    camera: Camera  # as stored now, with the measured offset
    previous_offset_s: float
    reading: Reading
    method: str
    clips_retimed: int


def _clip(db: Database, clip_id: int) -> tuple[int, float, str]:
    """(camera id, duration, SHA-256) of a clip; ClockError when there is none."""
    row = db.execute(
        "SELECT camera_id, duration_s, sha256 FROM clips WHERE id = ?", [clip_id]
    ).fetchone()
    if row is None:
        raise ClockError(_("clip: no clip with id %(clip_id)s") % {"clip_id": clip_id})
    return int(row[0]), float(row[1]), str(row[2])


def measure_offset(
    db: Database,
    camera_id: int,
    clip_id: int,
    at_s: float,
    shows: str,
    true_time: str,
    method: str,
    note: str | None = None,
    *,
    now: datetime,
) -> Measurement:
    """Record a measurement of the camera's clock on the frame ``at_s`` seconds into
    clip ``clip_id``: ``shows`` is what its overlay says, ``true_time`` the true time
    of that frame, known by ``method`` (a key of METHODS). The camera's offset becomes
    the measured one and its clips' times are recalculated (as a camera edit does),
    in one transaction with the ``clock measured`` audit entry."""
    from db.audit import trail as audit

    method = method_of(method)
    note = (note or "").strip() or None
    with db.atomic():
        camera = get_camera(db, camera_id)
        if camera.retired:
            raise ClockError(
                _("camera: %(name)s was retired on %(retired_at)s")
                % {"name": repr(camera.name), "retired_at": camera.retired_at}
            )
        clip_camera, duration, sha = _clip(db, clip_id)
        if clip_camera != camera_id:
            raise ClockError(
                _("clip: clip %(clip_id)s is not one of %(name)s's clips")
                % {"clip_id": clip_id, "name": repr(camera.name)}
            )
        if not 0 <= at_s <= duration + 0.5:
            raise ClockError(
                _("at: %(at_s)s s is not in the clip (it is %(duration)s s long)")
                % {"at_s": format(at_s, "g"), "duration": format(duration, ".1f")}
            )
        reading = read(shows, true_time, camera.tz)
        offset = reading.offset_s
        cur = db.execute(
            "INSERT INTO clock_measurements (camera_id, clip_id, clip_sha256, frame_s, "
            "overlay_text, overlay_utc, reference_text, reference_utc, method, measured_at, "
            "offset_s, previous_offset_s, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                camera_id,
                clip_id,
                sha,
                round(at_s, _DECIMALS),
                shows.strip(),
                to_utc_text(reading.camera_time),
                true_time.strip(),
                to_utc_text(reading.true_time),
                method,
                to_utc_text(now),
                offset,
                camera.clock_offset_s,
                note,
            ],
        )
        new = replace(camera, clock_offset_s=offset)
        try:
            new.validated()
        except CameraError as exc:
            raise ClockError(str(exc)) from None
        db.execute("UPDATE cameras SET clock_offset_s = ? WHERE id = ?", [offset, camera_id])
        retimed = _retime_clips(db, camera, new)
        details: dict[str, Any] = {
            "offset_s": offset,
            "previous_offset_s": camera.clock_offset_s,
            "method": method,
            "measured_at": to_utc_text(now),
            "frame_s": round(at_s, _DECIMALS),
            "camera_showed": shows.strip(),
            "true_time": to_utc_text(reading.true_time),
        }
        if note:
            details["note"] = note
        if retimed:
            details["clips_retimed"] = retimed
        audit.append(
            db, "clock measured", now=now, camera_id=camera_id, clip_id=clip_id, details=details
        )
    return Measurement(
        id=int(cur.lastrowid or 0),
        camera=get_camera(db, camera_id),
        previous_offset_s=camera.clock_offset_s,
        reading=reading,
        method=method,
        clips_retimed=retimed,
    )


@dataclass(frozen=True)
class LastMeasurement:
    offset_s: float
    method: str
    measured_at: str


def last_measurement(db: Database, camera_id: int) -> LastMeasurement | None:
    """The camera's newest measurement, or None."""
    row = db.execute(
        "SELECT offset_s, method, measured_at FROM clock_measurements WHERE camera_id = ? "
        "ORDER BY measured_at DESC, id DESC LIMIT 1",
        [camera_id],
    ).fetchone()
    return None if row is None else LastMeasurement(float(row[0]), str(row[1]), str(row[2]))


def manifest_clock(db: Database, camera_id: int) -> dict[str, Any]:
    """The camera's clock for a package's manifest (docs/packages.md): the offset taken
    off its clips' times, and how and when it was measured. An offset that is not the
    newest measurement's (typed in the camera's settings since) says it was not
    measured."""
    camera = get_camera(db, camera_id)
    row = db.execute(
        "SELECT offset_s, method, measured_at, clip_sha256, frame_s, overlay_text, "
        "overlay_utc, reference_text, reference_utc, note FROM clock_measurements "
        "WHERE camera_id = ? ORDER BY measured_at DESC, id DESC LIMIT 1",
        [camera_id],
    ).fetchone()
    offset = camera.clock_offset_s
    if row is not None and abs(float(row[0]) - offset) < 0.0005:
        return {
            "offset_s": offset,
            "method": METHODS[row[1]],
            "measured_at": row[2],
            "measurement": {
                "frame": {"clip_sha256": row[3], "at_s": row[4]},
                "camera_showed": row[5],
                "camera_time_utc": row[6],
                "true_time_typed": row[7],
                "true_time_utc": row[8],
                "note": row[9],
            },
        }
    how = "entered by hand, not measured" if offset else "not measured"
    return {"offset_s": offset, "method": how, "measured_at": None, "measurement": None}


@dataclass(frozen=True)
class ClipChoice:
    """A clip the resident can measure on, as the window lists it."""

    id: int
    name: str
    path: str
    start_utc: datetime  # true start
    duration_s: float


def camera_clips(db: Database, camera_id: int, limit: int = 500) -> list[ClipChoice]:
    """The camera's newest clips first (a recent one shows its clock as it is now)."""
    from pathlib import Path

    from db.store.timeutil import parse_utc_text

    rows = db.execute(
        "SELECT id, path, start_utc, duration_s FROM clips WHERE camera_id = ? "
        "ORDER BY start_utc DESC, id DESC LIMIT ?",
        [camera_id, limit],
    ).fetchall()
    return [
        ClipChoice(int(r[0]), Path(r[1]).name, str(r[1]), parse_utc_text(r[2]), float(r[3]))
        for r in rows
    ]
