from __future__ import annotations

import pytest

from db.cameras import (
    Camera,
    CameraError,
    add_camera,
    find_camera,
    list_cameras,
    remove_camera,
    update_camera,
)
from db.importer import import_folder


def test_add_edit_and_list_cameras(db) -> None:  # noqa: ANN001
    porch = add_camera(
        db, Camera("Porch", 47.6062, -122.3321, 180, 110, 25, "America/Los_Angeles", 2.5)
    )
    add_camera(db, Camera("alley", 47.6065, -122.3330))
    assert [c.name for c in list_cameras(db)] == ["alley", "Porch"]
    assert porch.heading_deg == 180 and porch.clock_offset_s == 2.5
    moved = update_camera(db, Camera("Front porch", 47.6, -122.3, id=porch.id))
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
