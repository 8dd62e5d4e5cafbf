"""A camera's privacy masks: stored with their audit entries, listed and removed;
polygons that cannot hide anything refused in one line with nothing written; masks
scaled to a clip of another size; a database from before masks gaining the table."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from db.audit.trail import verify
from db.clips.cameras import Camera, add_camera, remove_camera
from db.redaction.masks import (
    MaskError,
    add_mask,
    get_mask,
    masks_for_camera,
    parse_points,
    remove_mask,
    scaled,
)
from db.redaction.plan import Mask, RedactionPlan
from db.store.database import open_database

WINDOW = [(820, 110), (1010, 120), (1000, 330), (815, 320)]


def _camera(db, name: str = "Porch") -> int:
    cam = add_camera(db, Camera(name=name, lat=47.6, lon=-122.3))
    assert cam.id is not None
    return cam.id


def _entries(db) -> list[tuple[str, int | None, dict]]:
    rows = db.execute("SELECT action, camera_id, details FROM audit_log ORDER BY seq").fetchall()
    return [(a, c, json.loads(d)) for a, c, d in rows if a.startswith("privacy mask")]


def _count(db) -> int:
    return int(db.execute("SELECT count(*) FROM privacy_masks").fetchone()[0])


def test_a_mask_is_stored_listed_and_removed_each_with_its_audit_entry(db) -> None:
    cam = _camera(db)
    other = _camera(db, "Drive")
    mask_id = add_mask(db, cam, "  Neighbour's window ", WINDOW, 1280, 720)
    add_mask(db, other, "Play area", [(0, 0), (100, 0), (0, 100)], 640, 480)
    assert masks_for_camera(db, cam) == [
        Mask(mask_id, "Neighbour's window", tuple(WINDOW), 1280, 720)
    ]
    added = _entries(db)[0]
    assert added == (
        "privacy mask added",
        cam,
        {
            "camera": "Porch",
            "mask": "Neighbour's window",
            "mask_id": mask_id,
            "points": [list(p) for p in WINDOW],
            "picture": "1280×720",
        },
    )
    remove_mask(db, mask_id)
    assert masks_for_camera(db, cam) == []
    assert [m.name for m in masks_for_camera(db, other)] == ["Play area"]
    removed = _entries(db)[-1]
    assert removed[0] == "privacy mask removed"
    assert removed[1] == cam
    assert removed[2]["mask"] == "Neighbour's window"
    assert removed[2]["camera"] == "Porch"
    assert verify(db).ok


def test_a_closing_point_that_repeats_the_first_is_dropped(db) -> None:
    cam = _camera(db)
    mask_id = add_mask(db, cam, "Door", [*WINDOW, WINDOW[0]], 1280, 720)
    assert get_mask(db, mask_id)[1].points == tuple(WINDOW)


@pytest.mark.parametrize(
    ("name", "points", "size", "message"),
    [
        (
            "Window",
            [(0, 0), (10, 10)],
            (100, 100),
            "points: a mask needs at least three points, not 2",
        ),
        ("Window", [], (100, 100), "at least three points, not 0"),
        (
            "Bow tie",
            [(0, 0), (10, 10), (10, 0), (0, 10)],
            (100, 100),
            "points: the mask's edges cross at (5, 5): put its points in order around it",
        ),
        (
            "Window",
            [(0, 0), (50, 0), (101, 40)],
            (100, 100),
            "points: (101, 40) is outside the 100×100 picture (x 0 to 100, y 0 to 100)",
        ),
        ("Window", [(0, 0), (50, 0), (40, -1)], (100, 100), "(40, -1) is outside"),
        (
            "Line",
            [(0, 0), (10, 10), (20, 20)],
            (100, 100),
            "points: the mask has no area (its points lie on one line)",
        ),
        ("Same", [(5, 5), (5, 5), (5, 5)], (100, 100), "has no area"),
        ("   ", [(0, 0), (50, 0), (0, 50)], (100, 100), "name: a privacy mask needs a name"),
        ("x" * 81, [(0, 0), (50, 0), (0, 50)], (100, 100), "name: at most 80 characters"),
        ("Window", [(0, 0), (50, 0), (0, 50)], (0, 100), "picture: the size must be positive"),
        ("Window", [(0, 0), (50.5, 0), (0, 50)], (100, 100), "(50.5, 0) is not whole pixels"),
        ("Window", [(0, 0), (50, 0, 1), (0, 50)], (100, 100), "is not a pair x, y"),
    ],
)
def test_a_polygon_that_cannot_hide_anything_is_refused_and_nothing_is_written(
    db, name: str, points: list, size: tuple[int, int], message: str
) -> None:
    cam = _camera(db)
    before = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(MaskError) as caught:
        add_mask(db, cam, name, points, *size)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert _count(db) == 0
    assert db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before


def test_a_second_mask_of_the_same_name_on_one_camera_is_refused(db) -> None:
    cam = _camera(db)
    first = add_mask(db, cam, "Window", WINDOW, 1280, 720)
    with pytest.raises(
        MaskError, match=rf"'Porch' already has a privacy mask named 'WINDOW' \(id {first}\)"
    ):
        add_mask(db, cam, "WINDOW", WINDOW, 1280, 720)
    # Another camera may use the name.
    add_mask(db, _camera(db, "Drive"), "Window", WINDOW, 1280, 720)
    assert _count(db) == 2


def test_an_unknown_camera_or_mask_is_named(db) -> None:
    with pytest.raises(MaskError, match="camera: no camera with id 99"):
        add_mask(db, 99, "Window", WINDOW, 1280, 720)
    with pytest.raises(MaskError, match="no privacy mask with id 7"):
        remove_mask(db, 7)


def test_a_mask_whose_audit_entry_cannot_be_written_is_not_stored(db) -> None:
    cam = _camera(db)
    db.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    # A trigger that refuses the entry stands for a trail that cannot be written.
    db.execute(
        "CREATE TRIGGER refuse_masks BEFORE INSERT ON audit_log "
        "WHEN NEW.action LIKE 'privacy mask%' BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        add_mask(db, cam, "Window", WINDOW, 1280, 720)
    assert _count(db) == 0
    db.execute("DROP TRIGGER refuse_masks")
    mask_id = add_mask(db, cam, "Window", WINDOW, 1280, 720)
    db.execute(
        "CREATE TRIGGER refuse_masks BEFORE INSERT ON audit_log "
        "WHEN NEW.action LIKE 'privacy mask%' BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        remove_mask(db, mask_id)
    assert _count(db) == 1


def test_a_retired_cameras_masks_stay_and_cannot_be_changed(db, tmp_path: Path) -> None:
    cam = _camera(db)
    mask_id = add_mask(db, cam, "Window", WINDOW, 1280, 720)
    db.execute("UPDATE cameras SET retired_at = '2026-12-01T00:00:00.000Z' WHERE id = ?", [cam])
    with pytest.raises(MaskError, match="camera: 'Porch' was retired on 2026-12-01"):
        add_mask(db, cam, "Gate", WINDOW, 1280, 720)
    with pytest.raises(MaskError, match="was retired"):
        remove_mask(db, mask_id)
    assert [m.mask_id for m in masks_for_camera(db, cam)] == [mask_id]


def test_a_deleted_camera_takes_its_masks(db) -> None:
    cam = _camera(db)
    add_mask(db, cam, "Window", WINDOW, 1280, 720)
    remove_camera(db, cam)
    assert _count(db) == 0


def test_masks_scale_to_a_picture_of_another_size(db) -> None:
    cam = _camera(db)
    add_mask(db, cam, "Window", [(640, 0), (1280, 0), (1280, 720)], 1280, 720)
    (half,) = masks_for_camera(db, cam, width=640, height=360)
    assert half.points == ((320, 0), (640, 0), (640, 360))
    assert (half.width, half.height) == (640, 360)
    # Each axis by its own factor: the same part of the view in a 4:3 picture.
    four_three = scaled(half, 640, 480)
    assert four_three.points == ((320, 0), (640, 0), (640, 480))
    # The same size, or a mask without one, is unchanged.
    assert scaled(half, 640, 360).points == half.points
    bare = Mask(1, "x", ((1, 2), (3, 4), (5, 0)))
    assert scaled(bare, 100, 100).points == bare.points


def test_a_scaled_mask_goes_into_a_plan_and_back(db) -> None:
    cam = _camera(db)
    add_mask(db, cam, "Window", WINDOW, 1280, 720)
    masks = masks_for_camera(db, cam, width=1920, height=1080)
    plan = RedactionPlan(clip_id=1, start_s=0, end_s=5, width=1920, height=1080, masks=masks)
    again = RedactionPlan.from_json(json.loads(plan.canonical()))
    assert again.masks == masks
    # A mask without a picture size reads as before (no width, no height in its JSON).
    assert Mask(1, "x", ((1, 2), (3, 4), (5, 0))).to_json() == {
        "id": 1,
        "name": "x",
        "points": [[1, 2], [3, 4], [5, 0]],
    }


def test_points_are_read_from_text() -> None:
    assert parse_points("1,2 3,4\t 5,6 ") == [(1, 2), (3, 4), (5, 6)]


def test_points_that_are_not_numbers_are_named() -> None:
    with pytest.raises(MaskError, match=r"points: '1;2' is not x,y \(two whole numbers"):
        parse_points("0,0 1;2 3,3")
    with pytest.raises(MaskError, match=r"'1\.5,2' is not x,y"):
        parse_points("1.5,2 0,0 3,3")
    with pytest.raises(MaskError, match=r"'30,' is not x,y"):
        parse_points("10,20 30, 40")


def test_a_database_from_before_masks_gains_the_table(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from db.store.migrations import SCHEMA_VERSION, migrations

    path = tmp_path / "d.sqlite3"
    old = Database(sqlite3.connect(path), strict=True)
    migrations.apply(old, stop_before="m008_privacy_masks")
    old.execute(
        "INSERT INTO cameras (name, lat, lon, created_at) "
        "VALUES ('Porch', 47.6, -122.3, '2026-01-01T00:00:00.000Z')"
    )
    old.conn.commit()
    assert "privacy_masks" not in old.table_names()
    old.close()
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    cam = db.execute("SELECT id FROM cameras").fetchone()[0]
    assert masks_for_camera(db, cam) == []
    add_mask(db, cam, "Window", WINDOW, 1280, 720)
    # The table refuses what the checks would, should anything write it directly.
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO privacy_masks (camera_id, name, points, width, height, created_at) "
            "VALUES (?, 'x', '[[0,0],[1,1]]', 10, 10, 'now')",
            [cam],
        )
    db.close()
