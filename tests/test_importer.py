"""Importing a folder: every good file once, every bad one listed with its reason,
nothing half-written."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from db.clips.cameras import Camera, add_camera
from db.clips.importer import (
    NewClip,
    import_folder,
    load_snapshot,
    scan,
    store_batch,
)
from db.clips.library import list_clips
from db.demo.synth import make_clip


@pytest.fixture
def camera(db):
    return add_camera(db, Camera("Porch", 47.6, -122.3, tz="America/Los_Angeles"))


def test_import_adds_good_clips_and_lists_bad_files(db, camera, library) -> None:
    summary = import_folder(db, library.root, camera)
    assert summary.added == len(library.good)
    rows = {Path(r.path).name: r for r in list_clips(db)}
    assert set(rows) == {p.name for p in library.good.values()}
    skipped = {Path(s.path).name: s.reason for s in summary.skipped}
    for name, (path, reason) in library.bad.items():
        assert path.name in skipped, name
        assert reason in skipped[path.name], (name, skipped[path.name])
    assert len(skipped) == len(library.bad)


def test_imported_clip_facts(db, camera, library) -> None:
    import_folder(db, library.root, camera)
    rows = {Path(r.path).name: r for r in list_clips(db)}
    a = rows["porch_a.mp4"]
    assert a.has_audio and a.width == 320 and a.height == 240 and a.codec == "h264"
    assert a.start_utc == "2026-11-20T22:00:00.000Z" and a.start_source == "container"
    assert a.size == library.good["mp4_audio"].stat().st_size
    assert not rows["porch_b.mp4"].has_audio
    named = rows["RecM01_20261120_141500_clip.mkv"]
    assert (named.start_utc, named.start_source) == ("2026-11-20T22:15:00.000Z", "filename:reolink")
    nameless = rows["nameless.mp4"]
    assert (nameless.start_utc, nameless.start_source) == ("2026-11-20T23:00:00.000Z", "mtime")
    thumbs = db.execute("SELECT count(*) FROM clip_thumbnails").fetchone()[0]
    assert thumbs == len(rows)


def test_same_file_twice_is_one_clip(db, camera, library) -> None:
    import_folder(db, library.root, camera)
    again = import_folder(db, library.root, camera)
    assert again.added == 0 and again.known == len(library.good)
    copy = library.root / "copy-of-a.mp4"
    shutil.copy2(library.good["mp4_audio"], copy)
    third = import_folder(db, library.root, camera)
    assert third.added == 0
    assert len(list_clips(db)) == len(library.good)


def test_importing_another_cameras_clips_says_whose_they_are(db, camera, library) -> None:
    import_folder(db, library.root, camera)
    gate = add_camera(db, Camera("Gate", 1, 1))
    shutil.copy2(library.good["mp4_audio"], library.root / "copy-of-a.mp4")
    again = import_folder(db, library.root, gate)
    n = len(library.good)
    assert again.added == 0 and again.known == n + 1  # the copy's content is known too
    assert again.known_elsewhere == {camera.name: n + 1}
    assert f"{n + 1} already in the library ({n + 1} as {camera.name}'s)" in again.text()
    # The clips stay with the camera that recorded them.
    owners = db.execute("SELECT DISTINCT camera_id FROM clips").fetchall()
    assert owners == [(camera.id,)]
    assert import_folder(db, library.root, camera).known_elsewhere == {}


def test_moved_file_is_recognised_by_its_hash(db, camera, library) -> None:
    import_folder(db, library.root, camera)
    old = library.good["mp4_audio"]
    before = {r.sha256: r.id for r in list_clips(db)}
    new = library.root / "archive" / "moved.mp4"
    new.parent.mkdir()
    os.rename(old, new)
    summary = import_folder(db, library.root, camera)
    assert summary.moved == 1 and summary.added == 0
    after = {r.sha256: (r.id, r.path) for r in list_clips(db)}
    assert {sha: cid for sha, (cid, _) in after.items()} == before
    assert str(new) in {p for _, p in after.values()}


def test_a_failed_write_leaves_no_half_clip(db, camera, library) -> None:
    snapshot = load_snapshot(db)
    batches: list = []
    scan(library.root, camera, snapshot, batches.append)
    results = [r for b in batches for r in b]
    good = [r for r in results if isinstance(r, NewClip)]
    broken = NewClip(**{**good[0].__dict__, "width": None})
    summary = store_batch(db, camera.id, [broken, *good[1:]])
    assert summary.added == len(good) - 1
    assert any("not stored" in s.reason for s in summary.skipped)
    assert good[0].sha256 not in {r.sha256 for r in list_clips(db)}


def test_a_crash_in_the_middle_of_a_batch_stores_nothing_of_it(
    tmp_path: Path,
    camera,
    library,
    monkeypatch,
) -> None:
    from db.clips import importer
    from db.store.database import open_database

    path = tmp_path / "doorstep.sqlite3"
    db2 = open_database(path)
    calls = {"n": 0}
    real = importer._insert_clip

    def dying(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise MemoryError("simulated crash")
        return real(*args, **kwargs)

    monkeypatch.setattr(importer, "_insert_clip", dying)
    with pytest.raises(MemoryError):
        import_folder(db2, library.root, camera)
    db2.close()
    check = sqlite3.connect(path)
    assert check.execute("SELECT count(*) FROM clips").fetchone()[0] == 0
    check.close()


def test_cancel_stops_early_and_keeps_only_whole_clips(db, camera, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for i in range(12):
        make_clip(folder / f"c{i:02d}.mp4", hue=i, seconds=1)
    cancel = threading.Event()
    stored: list = []

    def on_batch(batch: list) -> None:
        stored.append(store_batch(db, camera.id, batch))
        cancel.set()

    completed = scan(folder, camera, load_snapshot(db), on_batch, cancel=cancel, batch_size=3)
    assert completed is False
    count = db.execute("SELECT count(*) FROM clips").fetchone()[0]
    assert 3 <= count < 12


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_listed(db, camera, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    clip = make_clip(folder / "c.mp4")
    clip.chmod(0)
    summary = import_folder(db, folder, camera)
    assert summary.skipped[0].reason == "unreadable: permission denied"


def test_missing_folder_is_reported(db, camera, tmp_path: Path) -> None:
    summary = import_folder(db, tmp_path / "nowhere", camera)
    assert summary.added == 0
    assert "broken link or file vanished" in summary.skipped[0].reason


def test_clips_follow_the_camera_clock_and_zone(db, tmp_path: Path) -> None:
    cam = add_camera(db, Camera("Gate", 1, 1, tz="Europe/Berlin", clock_offset_s=-60))
    make_clip(tmp_path / "gate" / "20261120_080000.mkv")
    import_folder(db, tmp_path / "gate", cam)
    # 08:00 Berlin = 07:00 UTC; the camera is a minute slow, so the truth is 07:01.
    assert list_clips(db)[0].start_utc == "2026-11-20T07:01:00.000Z"


def test_probes_in_worker_processes_find_what_probes_here_find(
    tmp_path: Path,
    library,
) -> None:
    """Many files are probed in worker processes; the clips, thumbnails and reasons
    for skipping are the same as when every file is probed in this process."""
    from db.store.database import open_database

    results = []
    for processes in (0, 2):
        db = open_database(tmp_path / f"p{processes}.sqlite3")
        camera = add_camera(db, Camera("Porch", 47.6, -122.3, tz="America/Los_Angeles"))
        summary = import_folder(db, library.root, camera, probe_processes=processes)
        clips = db.execute(
            "SELECT path, sha256, start_utc, start_source, duration_s, width, height, codec, "
            "has_audio, t.data FROM clips JOIN clip_thumbnails t ON t.clip_id = clips.id "
            "ORDER BY path"
        ).fetchall()
        results.append((summary.added, sorted((s.path, s.reason) for s in summary.skipped), clips))
        db.close()
    assert results[0][0] == len(library.good)
    assert results[0] == results[1]


@pytest.mark.parametrize("processes", [0, None], ids=["here", "worker-processes"])
def test_damaged_files_are_skipped_with_their_reasons_and_the_rest_import(
    db,
    camera,
    tmp_path: Path,
    processes: int | None,
) -> None:
    """An emptied moov, MPEG-TS garbage, frame times 126 years apart, times past the
    calendar's end and a name that is not UTF-8 each cost their own file only, in this
    process and with the worker processes a folder of 12 files or more gets."""
    from db.clips.importer import PROCESS_PROBES_FROM
    from tests.videos import T0, make_damaged

    folder = tmp_path / "camera"
    bad = make_damaged(folder / "damaged")
    good = [
        make_clip(folder / f"ok{i}.mp4", hue=20 + i, seconds=1, creation_time=T0)
        for i in range(PROCESS_PROBES_FROM - len(bad))
    ]
    summary = import_folder(db, folder, camera, probe_processes=processes)
    assert summary.added == len(good)
    assert {r.path for r in list_clips(db)} == {str(p) for p in good}
    skipped = {s.path: s.reason for s in summary.skipped}
    assert len(skipped) == len(bad)
    for name, (path, reason) in bad.items():
        # A name that is not UTF-8 is listed with its odd bytes escaped.
        shown = os.fsencode(path).decode("utf-8", "backslashreplace")
        assert reason in skipped[shown], name
    assert str(folder / "damaged" / "porch-\\xff\\xfe.mp4") in skipped


def test_import_clips_command_lists_each_damaged_file_and_imports_the_rest(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop.cli import main
    from tests.videos import T0, make_damaged

    folder = tmp_path / "camera"
    bad = make_damaged(folder)
    make_clip(folder / "ok.mp4", seconds=1, creation_time=T0)
    db = str(tmp_path / "d.sqlite3")
    assert main(["--db", db, "cameras", "add", "Porch", "--lat", "1", "--lon", "1"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "import-clips", str(folder), "--camera", "Porch"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == f"Porch: 1 clip added, {len(bad)} skipped."
    assert len(lines) == 1 + len(bad)
    for _path, reason in bad.values():
        assert sum(reason in line for line in lines[1:]) == 1, reason
