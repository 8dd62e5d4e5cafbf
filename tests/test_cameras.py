from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from db.audit.trail import verify
from db.clips.cameras import (
    Camera,
    CameraError,
    add_camera,
    edit_camera,
    find_camera,
    list_cameras,
    remove_camera,
)
from db.clips.importer import import_folder
from db.store.database import open_database


def test_add_edit_and_list_cameras(db) -> None:
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
def test_bad_camera_is_refused_naming_the_field(db, camera: Camera, field: str) -> None:
    with pytest.raises(CameraError, match=f"^{field}:"):
        add_camera(db, camera)
    assert list_cameras(db) == []


def test_duplicate_name_is_refused(db) -> None:
    add_camera(db, Camera("Porch", 1, 1))
    with pytest.raises(CameraError, match="already a camera named"):
        add_camera(db, Camera("porch", 2, 2))


def test_unknown_camera_lists_the_known_ones(db) -> None:
    add_camera(db, Camera("Porch", 1, 1))
    with pytest.raises(CameraError, match=r"no camera named 'Gate' \(cameras: Porch\)"):
        find_camera(db, "Gate")


def test_removing_a_camera_removes_its_clip_records_not_its_files(db, library) -> None:
    cam = add_camera(db, Camera("Porch", 1, 1))
    import_folder(db, library.root, cam)
    assert cam.id is not None
    removal = remove_camera(db, cam.id)
    assert (removal.retired, removal.clips) == (False, len(library.good))
    assert list_cameras(db, include_retired=True) == []
    assert db.execute("SELECT count(*) FROM clips").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM clip_thumbnails").fetchone()[0] == 0
    assert all(p.exists() for p in library.good.values())


def _times(db) -> dict[str, tuple[str, str, str]]:
    rows = db.execute("SELECT path, start_utc, end_utc, start_source FROM clips")
    return {Path(r[0]).name: (r[1], r[2], r[3]) for r in rows}


def test_a_new_time_zone_or_clock_offset_retimes_the_clips_already_imported(
    db,
    library,
    tmp_path: Path,
) -> None:
    # The resident imported with the default zone (UTC) and a right clock, then found
    # the camera is in Los Angeles and its clock a minute fast.
    cam = add_camera(db, Camera("Porch", 47.6, -122.3))
    import_folder(db, library.root, cam)
    before = _times(db)
    assert {v[2] for v in before.values()} == {"container", "filename:reolink", "mtime"}
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


def test_an_edit_that_keeps_zone_and_clock_leaves_clip_times_alone(db, library) -> None:
    cam = add_camera(db, Camera("Porch", 47.6, -122.3, tz="Europe/Paris", clock_offset_s=5))
    import_folder(db, library.root, cam)
    before = _times(db)
    edit = edit_camera(db, replace(cam, name="Front porch", lat=47.7))
    assert edit.clips_retimed == 0 and edit.camera.name == "Front porch"
    assert _times(db) == before


def test_a_refused_edit_leaves_camera_and_clip_times_as_they_were(db, library) -> None:
    add_camera(db, Camera("Gate", 1, 1))
    cam = add_camera(db, Camera("Porch", 47.6, -122.3))
    import_folder(db, library.root, cam)
    before = _times(db)
    with pytest.raises(CameraError, match="already a camera named"):
        edit_camera(db, replace(cam, name="gate", tz="Asia/Tokyo"))
    assert _times(db) == before
    assert find_camera(db, "Porch").tz == "UTC"


def _request_with_decisions(db, tmp_path: Path):
    """Porch (two clips in the request's window, one approved and packaged, one never
    decided) and Gate (elsewhere); returns (porch, gate, request row, clip ids)."""
    from datetime import UTC, datetime, timedelta

    from db.requests.intake import import_request_bytes
    from db.sharing.decisions import decide
    from tests.requests_helpers import PORCH, insert_clip, make_doc, window_base

    porch = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    gate = add_camera(db, Camera("Gate", 10, 10))
    start = window_base()
    assert porch.id is not None
    shared = insert_clip(db, porch.id, start + timedelta(minutes=5), 60, "shared.mp4")
    undecided = insert_clip(db, porch.id, start + timedelta(minutes=30), 60, "other.mp4")
    doc = make_doc()
    received = import_request_bytes(db, json.dumps(doc).encode(), now=datetime.now(UTC))
    row = received.row_id
    decide(db, row, [shared], "approved", now=datetime.now(UTC))
    with db.atomic():
        db.execute(
            "INSERT INTO packages (request_row, path, manifest_sha256, files, bytes, "
            "created_at) VALUES (?, '/packages/p', ?, 1, 10, '2026-11-22T10:00:00.000Z')",
            [row, "0" * 64],
        )
    return porch, gate, row, shared, undecided, doc


def test_a_camera_whose_decided_clips_were_never_shared_says_what_it_keeps(db) -> None:
    """Retired for its decisions, not for a sharing that never happened: the message
    speaks of the decisions kept."""
    from datetime import UTC, datetime, timedelta

    from db.requests.intake import import_request_bytes
    from db.sharing.decisions import decide
    from tests.requests_helpers import PORCH, insert_clip, make_doc, window_base

    porch = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    assert porch.id is not None
    clip = insert_clip(db, porch.id, window_base() + timedelta(minutes=5), 60, "a.mp4")
    received = import_request_bytes(db, json.dumps(make_doc()).encode(), now=datetime.now(UTC))
    decide(db, received.row_id, [clip], "declined", now=datetime.now(UTC))

    removal = remove_camera(db, porch.id)

    assert (removal.retired, removal.decided, removal.shared) == (True, 1, 0)
    assert "the record of your decisions is kept" in removal.text()
    assert "shared" not in removal.text()


def test_a_camera_with_decided_clips_is_retired_and_the_record_of_what_was_shared_stays(
    db,
    tmp_path: Path,
) -> None:
    from datetime import UTC, datetime

    from db.requests.inbox import request_detail
    from db.requests.intake import import_request_bytes
    from db.sharing.decisions import decide
    from tests.requests_helpers import make_doc

    porch, gate, row, shared, _undecided, _doc = _request_with_decisions(db, tmp_path)
    decisions_before = db.execute("SELECT * FROM decisions").fetchall()

    removal = remove_camera(db, porch.id)

    assert (removal.retired, removal.clips, removal.decided, removal.shared) == (True, 2, 1, 1)
    assert "retired" in removal.text().lower() and "1 decided clip" in removal.text()
    # Hidden from the cameras (list, map, import choices), kept with everything it had.
    assert list_cameras(db) == [gate]
    kept = list_cameras(db, include_retired=True)
    assert [c.name for c in kept] == ["Gate", "Porch"] and kept[1].retired_at is not None
    assert db.execute("SELECT * FROM decisions").fetchall() == decisions_before
    assert db.execute("SELECT count(*) FROM clips").fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM packages").fetchone()[0] == 1
    # The request still shows the decided clip, marked as the retired camera's (the
    # clip never decided on is kept, matched no more).
    detail = request_detail(db, row, now=datetime.now(UTC))
    assert [(c.clip_id, c.via) for c in detail.candidates] == [(shared, "retired")]
    # ...and its decision can still be changed before delivery.
    decide(db, row, [shared], "declined", now=datetime.now(UTC))
    # A new request over the same place and time no longer matches the retired camera.
    fresh = import_request_bytes(db, json.dumps(make_doc()).encode(), now=datetime.now(UTC))
    assert request_detail(db, fresh.row_id, now=datetime.now(UTC)).candidates == []
    assert db.execute(
        "SELECT cameras_in_area FROM requests WHERE id = ?", [fresh.row_id]
    ).fetchone() == (0,)
    # Its change and its audit entry went in together.
    entry = db.execute(
        "SELECT camera_id, details FROM audit_log WHERE action = 'camera retired'"
    ).fetchone()
    assert entry[0] == porch.id
    assert json.loads(entry[1]) == {
        "name": "Porch",
        "decided_clips": 1,
        "shared_clips": 1,
        "clip_records_kept": 2,
        "folders_no_longer_watched": 0,
    }
    assert verify(db).ok
    # Its name is taken by the record; it cannot be removed, edited or imported into.
    with pytest.raises(CameraError, match="retired camera is named 'Porch'"):
        add_camera(db, Camera("porch", 1, 1))
    with pytest.raises(CameraError, match="was retired"):
        find_camera(db, "Porch")
    assert find_camera(db, "Porch", include_retired=True).id == porch.id
    with pytest.raises(CameraError, match="was retired"):
        remove_camera(db, porch.id)
    with pytest.raises(CameraError, match="was retired"):
        edit_camera(db, replace(porch, lat=1.0))


def test_a_retired_camera_stops_watching_its_folders(db, tmp_path: Path) -> None:
    from db.clips.cameras import add_folder, watched_folders

    porch, gate, *_ = _request_with_decisions(db, tmp_path)
    add_folder(db, porch.id, "/cameras/porch", True)
    add_folder(db, gate.id, "/cameras/gate", True)
    remove_camera(db, porch.id)
    assert watched_folders(db) == [(gate.id, "/cameras/gate")]


def test_a_version_4_database_gains_retirement_and_keeps_its_cameras(tmp_path: Path) -> None:
    import sqlite3

    from sqlite_utils import Database

    from db.store.migrations import SCHEMA_VERSION, migrations

    path = tmp_path / "d.sqlite3"
    old = Database(sqlite3.connect(path), strict=True)
    migrations.apply(old, stop_before="m005_retired_cameras")
    old.execute(
        "INSERT INTO cameras (name, lat, lon, range_m, created_at) "
        "VALUES ('Porch', 47.6, -122.3, 50, '2026-01-01T00:00:00.000Z')"
    )
    old.conn.commit()
    old.close()
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    cam = find_camera(db, "Porch")
    assert cam.retired_at is None
    # Moving it still moves it in the index used for matching.
    edit_camera(db, replace(cam, lat=10.0))
    box = db.execute("SELECT min_lat, max_lat FROM camera_rtree").fetchone()
    assert box[0] < 10.0 < box[1]
    db.close()


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from desktop.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cameras_remove_command_retires_a_camera_whose_clips_were_decided(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    _request_with_decisions(db, tmp_path)
    db.close()
    p = str(path)
    code, out, err = _cli(capsys, "--db", p, "cameras", "remove", "Porch")
    assert code == 1 and out == ""
    assert "1 decided clip(s), so it would be retired" in err and "--yes" in err
    assert len(err.splitlines()) == 1
    code, out, err = _cli(capsys, "--db", p, "cameras", "remove", "Porch", "--yes")
    assert (code, err) == (0, "")
    assert out.startswith("Retired camera 'Porch' instead of removing it: it has 1 decided ")
    assert "the record of what was shared is kept" in out
    code, out, _ = _cli(capsys, "--db", p, "cameras", "list")
    assert "Porch" not in out and "Gate" in out
    code, out, _ = _cli(capsys, "--db", p, "cameras", "list", "--all")
    assert "Porch" in out and "retired 20" in out
    code, out, _ = _cli(capsys, "--db", p, "cameras", "list", "--json")
    assert [(c["name"], c["retired"]) for c in json.loads(out)] == [("Gate", False)]
    code, out, _ = _cli(capsys, "--db", p, "cameras", "list", "--all", "--json")
    assert [(c["name"], c["retired"]) for c in json.loads(out)] == [
        ("Gate", False),
        ("Porch", True),
    ]
    code, _, err = _cli(capsys, "--db", p, "import-clips", str(tmp_path), "--camera", "Porch")
    assert code == 1 and "was retired" in err
    code, out, _ = _cli(capsys, "--db", p, "clips", "list", "--camera", "Porch", "--json")
    assert code == 0 and len(json.loads(out)) == 2
    code, _, err = _cli(capsys, "--db", p, "cameras", "remove", "Porch", "--yes")
    assert code == 1 and "was retired" in err


def test_cameras_add_command_takes_the_computers_time_zone_and_says_so(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", "Europe/Paris")
    p = str(tmp_path / "d.sqlite3")
    code, out, err = _cli(
        capsys, "--db", p, "cameras", "add", "Porch", "--lat", "48.85", "--lon", "2.35"
    )
    assert (code, err) == (0, "")
    assert "Time zone: Europe/Paris, this computer's" in out
    code, out, _ = _cli(capsys, "--db", p, "cameras", "list", "--json")
    assert json.loads(out)[0]["tz"] == "Europe/Paris"
    # No place, no camera: a usage error, not a camera at 0, 0.
    with pytest.raises(SystemExit) as exc:
        _cli(capsys, "--db", p, "cameras", "add", "Gate")
    assert exc.value.code == 2


def test_a_retired_camera_gets_no_new_clips_from_an_import_under_way(
    db,
    tmp_path: Path,
) -> None:
    from db.clips.importer import load_snapshot, scan, store_batch
    from db.demo.synth import make_clip

    porch, *_ = _request_with_decisions(db, tmp_path)
    make_clip(tmp_path / "new" / "late.mp4", seconds=1)
    batches: list = []
    scan(tmp_path / "new", porch, load_snapshot(db), batches.append)
    remove_camera(db, porch.id)  # retired while the folder was being read
    summary = store_batch(db, porch.id, batches[0])
    assert summary.added == 0
    assert [s.reason for s in summary.skipped] == [
        "its camera was retired: no new clips are added to it"
    ]
    assert db.execute("SELECT count(*) FROM clips").fetchone()[0] == 2
