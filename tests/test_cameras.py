from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from db.audit import verify
from db.cameras import (
    Camera,
    CameraError,
    add_camera,
    edit_camera,
    find_camera,
    list_cameras,
    remove_camera,
)
from db.database import open_database
from db.importer import import_folder


def test_add_edit_and_list_cameras(db) -> None:  # noqa: ANN001
    porch = add_camera(
        db, Camera("Porch", 47.6062, -122.3321, 180, 110, 25, "America/Los_Angeles", 2.5)
    )
    add_camera(db, Camera("alley", 47.6065, -122.3330))
    assert [c.name for c in list_cameras(db)] == ["alley", "Porch"]
    assert porch.heading_deg == 180 and porch.clock_offset_s == 2.5
    moved = edit_camera(db, Camera("Front porch", 47.6, -122.3, id=porch.id)).camera
    assert moved.name == "Front porch" and moved.heading_deg is None
    assert find_camera(db, "front PORCH").id == porch.id


@pytest.mark.parametrize(
    ("camera", "field"),
    [
        (Camera(" ", 0, 0), "name"),
        (Camera("a", 90.5, 0), "lat"),
        (Camera("a", 0, -181), "lon"),
        (Camera("a", 0, 0, heading_deg=360), "heading"),
        (Camera("a", 0, 0, fov_deg=0), "fov"),
        (Camera("a", 0, 0, range_m=-5), "range"),
        (Camera("a", 0, 0, tz="Mars/Olympus"), "tz"),
    ],
)
def test_bad_camera_is_refused_naming_the_field(db, camera: Camera, field: str) -> None:  # noqa: ANN001
    with pytest.raises(CameraError, match=f"^{field}:"):
        add_camera(db, camera)
    assert list_cameras(db) == []


def test_duplicate_name_is_refused(db) -> None:  # noqa: ANN001
    add_camera(db, Camera("Porch", 1, 1))
    with pytest.raises(CameraError, match="already a camera named"):
        add_camera(db, Camera("porch", 2, 2))


def test_unknown_camera_lists_the_known_ones(db) -> None:  # noqa: ANN001
    add_camera(db, Camera("Porch", 1, 1))
    with pytest.raises(CameraError, match=r"no camera named 'Gate' \(cameras: Porch\)"):
        find_camera(db, "Gate")


def test_removing_a_camera_removes_its_clip_records_not_its_files(db, library) -> None:  # noqa: ANN001
    cam = add_camera(db, Camera("Porch", 1, 1))
    import_folder(db, library.root, cam)
    assert remove_camera(db, cam.id) == len(library.good)
    assert db.execute("SELECT count(*) FROM clips").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM clip_thumbnails").fetchone()[0] == 0
    assert all(p.exists() for p in library.good.values())


def _times(db) -> dict[str, tuple[str, str, str]]:  # noqa: ANN001
    rows = db.execute("SELECT path, start_utc, end_utc, start_source FROM clips")
    return {Path(r[0]).name: (r[1], r[2], r[3]) for r in rows}


def test_a_new_time_zone_or_clock_offset_retimes_the_clips_already_imported(
    db,
    library,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    # The resident imported with the default zone (UTC) and a right clock, then found
    # the camera is in Los Angeles and its clock a minute fast.
    cam = add_camera(db, Camera("Porch", 47.6, -122.3))
    import_folder(db, library.root, cam)
    before = _times(db)
    assert {v[2] for v in before.values()} == {"container", "filename", "mtime"}
    assert before["RecM01_20261120_141500_clip.mkv"][0] == "2026-11-20T14:15:00.000Z"
    fixed = replace(cam, tz="America/Los_Angeles", clock_offset_s=60.0)
    edit = edit_camera(db, fixed)
    assert edit.clips_retimed == len(library.good)
    after = _times(db)
    # The same times as an import made with the right settings from the start.
    fresh = open_database(tmp_path / "fresh.sqlite3")
    import_folder(fresh, library.root, add_camera(fresh, replace(fixed, id=None)))
    assert after == _times(fresh)
    fresh.close()
    # 14:15 on the file name is Los Angeles time (22:15 UTC), less the fast minute.
    assert after["RecM01_20261120_141500_clip.mkv"][0] == "2026-11-20T22:14:00.000Z"
    # The container's time is UTC on the camera's clock: only the offset applies.
    assert before["porch_a.mp4"][0] == "2026-11-20T22:00:00.000Z"
    assert after["porch_a.mp4"][0] == "2026-11-20T21:59:00.000Z"
    details = db.execute(
        "SELECT details FROM audit_log WHERE action = 'camera changed'"
    ).fetchone()[0]
    assert json.loads(details)["clips_retimed"] == len(library.good)
    assert verify(db).ok


def test_an_edit_that_keeps_zone_and_clock_leaves_clip_times_alone(db, library) -> None:  # noqa: ANN001
    cam = add_camera(db, Camera("Porch", 47.6, -122.3, tz="Europe/Paris", clock_offset_s=5))
    import_folder(db, library.root, cam)
    before = _times(db)
    edit = edit_camera(db, replace(cam, name="Front porch", lat=47.7))
    assert edit.clips_retimed == 0 and edit.camera.name == "Front porch"
    assert _times(db) == before


def test_a_refused_edit_leaves_camera_and_clip_times_as_they_were(db, library) -> None:  # noqa: ANN001
    add_camera(db, Camera("Gate", 1, 1))
    cam = add_camera(db, Camera("Porch", 47.6, -122.3))
    import_folder(db, library.root, cam)
    before = _times(db)
    with pytest.raises(CameraError, match="already a camera named"):
        edit_camera(db, replace(cam, name="gate", tz="Asia/Tokyo"))
    assert _times(db) == before
    assert find_camera(db, "Porch").tz == "UTC"
