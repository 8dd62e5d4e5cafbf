"""Thumbnails made after the import: the clips are stored first; each thumbnail comes
from the same probe processes afterwards; a clip whose picture cannot be decoded is
kept and marked, never dropped; a pass cut short is finished by the next one."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import av
import pytest

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.clips.library import list_clips
from db.clips.probing import Prober
from db.clips.thumbnail_pass import make_pending, pending_thumbnails
from db.demo.synth import make_clip
from desktop.cli import main
from tests.videos import T0, scrambled_picture


@pytest.fixture
def camera(db):
    return add_camera(db, Camera("Porch", 47.6, -122.3, tz="America/Los_Angeles"))


def _thumbnails(db) -> dict[str, bytes]:
    return {
        Path(path).name: bytes(data)
        for path, data in db.execute(
            "SELECT clips.path, t.data FROM clips JOIN clip_thumbnails t ON t.clip_id = clips.id"
        )
    }


def _is_jpeg_of_width_160(data: bytes, tmp_path: Path) -> bool:
    thumb = tmp_path / "thumb.jpg"
    thumb.write_bytes(data)
    with av.open(str(thumb)) as c:
        return next(c.decode(video=0)).width == 160


@pytest.mark.parametrize("processes", [0, 2], ids=["here", "worker-processes"])
def test_a_clip_whose_picture_cannot_be_decoded_is_stored_and_marked(
    db, camera, tmp_path: Path, processes: int
) -> None:
    folder = tmp_path / "footage"
    good = make_clip(folder / "good.mp4", seconds=2, creation_time=T0)
    bad = scrambled_picture(folder / "scrambled.mkv")
    summary = import_folder(db, folder, camera, probe_processes=processes)
    # Its container is sound: it is a clip (it can be matched and shared), not skipped.
    assert summary.added == 2 and summary.skipped == []
    assert [Path(s.path).name for s in summary.no_picture] == [bad.name]
    assert summary.no_picture[0].reason.startswith("picture cannot be decoded: ")
    assert "1 clip whose picture cannot be decoded" in summary.text()
    rows = {Path(r.path).name: r for r in list_clips(db)}
    assert rows[bad.name].thumbnail_error and "no picture can be decoded" in (
        rows[bad.name].thumbnail_error or ""
    )
    assert rows[good.name].thumbnail_error is None
    assert list(_thumbnails(db)) == [good.name]
    # Marked, it is not tried again at every pass.
    assert pending_thumbnails(db) == []


def test_the_import_finishes_when_the_clips_are_stored_then_makes_their_thumbnails(
    db, camera, library, tmp_path: Path
) -> None:
    stored: list[tuple[int, int]] = []

    def on_stored(summary) -> None:
        count = db.execute("SELECT count(*) FROM clips").fetchone()[0]
        thumbs = db.execute("SELECT count(*) FROM clip_thumbnails").fetchone()[0]
        stored.append((count, thumbs))

    summary = import_folder(db, library.root, camera, on_stored=on_stored)
    # Every clip was stored before any thumbnail was made.
    assert stored == [(len(library.good), 0)]
    assert summary.thumbnails == len(library.good)
    thumbs = _thumbnails(db)
    assert set(thumbs) == {p.name for p in library.good.values()}
    assert all(_is_jpeg_of_width_160(data, tmp_path) for data in thumbs.values())


def test_without_thumbnails_the_next_pass_makes_them_and_a_missing_file_waits(
    db, camera, library, tmp_path: Path
) -> None:
    summary = import_folder(db, library.root, camera, thumbnails=False)
    assert summary.added == len(library.good) and summary.thumbnails == 0
    assert _thumbnails(db) == {}
    # Newest first: the clips table's first screen fills first.
    pending = pending_thumbnails(db)
    assert {Path(j.path).name for j in pending} == {p.name for p in library.good.values()}
    by_sha = {r.sha256: r.start_utc for r in list_clips(db)}
    starts = [by_sha[j.sha256] for j in pending]
    assert starts == sorted(starts, reverse=True)
    # A file gone meanwhile (an unplugged drive) is neither marked nor made: it waits.
    gone = library.good["mkv_silent"]
    shutil.move(gone, tmp_path / "elsewhere.mkv")
    with Prober() as prober:
        made = make_pending(db, prober)
    assert made.made == len(library.good) - 1 and made.errors == []
    assert [Path(j.path).name for j in pending_thumbnails(db)] == [gone.name]
    assert all(r.thumbnail_error is None for r in list_clips(db))
    shutil.move(tmp_path / "elsewhere.mkv", gone)
    with Prober() as prober:
        assert make_pending(db, prober).made == 1
    assert pending_thumbnails(db) == []


def test_a_library_from_before_keeps_its_thumbnails(tmp_path: Path) -> None:
    """m010_thumbnail_state adds the mark; the clips and thumbnails stored stay."""
    from db.store.database import open_database
    from db.store.migrations import SCHEMA_VERSION, migrations

    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    from sqlite_utils import Database

    migrations.apply(Database(old), stop_before="m010_thumbnail_state")
    old.execute("INSERT INTO cameras (name, lat, lon, created_at) VALUES ('Porch', 1, 1, 'x')")
    old.execute(
        "INSERT INTO clips (camera_id, path, sha256, size, mtime_ns, start_utc, end_utc, "
        "start_source, duration_s, width, height, codec, has_audio, imported_at) "
        "VALUES (1, '/v/a.mp4', ?, 1, 1, '2026-11-20T22:00:00.000Z', "
        "'2026-11-20T22:00:05.000Z', 'container', 5, 320, 240, 'h264', 0, 'x')",
        ["a" * 64],
    )
    old.execute("INSERT INTO clip_thumbnails (clip_id, mime, data) VALUES (1, 'image/jpeg', x'ff')")
    old.close()
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert list_clips(db)[0].thumbnail_error is None
    assert pending_thumbnails(db) == []
    db.close()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_clips_waits_for_the_thumbnails_and_names_an_undecodable_picture(
    tmp_path: Path, capsys
) -> None:
    db = str(tmp_path / "cli.sqlite3")
    folder = tmp_path / "footage"
    make_clip(folder / "good.mp4", seconds=2, creation_time=T0)
    bad = scrambled_picture(folder / "scrambled.mkv")
    _run(capsys, "--db", db, "cameras", "add", "Porch", "--lat", "47.6", "--lon", "-122.3")
    code, out, err = _run(capsys, "--db", db, "import-clips", str(folder), "--camera", "Porch")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == (
        "Porch: 2 clips added (1 with an uncertain time), 0 skipped, "
        "1 clip whose picture cannot be decoded."
    )
    assert lines[1].startswith("  stored, but its picture cannot be decoded: ")
    assert lines[1].endswith(str(bad))
    code, out, _ = _run(capsys, "--db", db, "clips", "list", "--json")
    errors = {Path(c["path"]).name: c["picture_error"] for c in json.loads(out)}
    assert errors["good.mp4"] is None and "no picture can be decoded" in errors[bad.name]
    check = sqlite3.connect(db)
    assert check.execute("SELECT count(*) FROM clip_thumbnails").fetchone()[0] == 1
    check.close()


def test_import_clips_no_thumbnails_leaves_them_for_later(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "cli.sqlite3")
    folder = tmp_path / "footage"
    make_clip(folder / "good.mp4", seconds=2, creation_time=T0)
    scrambled_picture(folder / "scrambled.mkv")
    _run(capsys, "--db", db, "cameras", "add", "Porch", "--lat", "47.6", "--lon", "-122.3")
    argv = ("--db", db, "import-clips", str(folder), "--camera", "Porch")
    code, out, _ = _run(capsys, *argv, "--no-thumbnails")
    assert code == 0
    assert out.splitlines() == ["Porch: 2 clips added (1 with an uncertain time), 0 skipped."]
    check = sqlite3.connect(db)
    assert check.execute("SELECT count(*) FROM clip_thumbnails").fetchone()[0] == 0
    # The next import-clips (nothing new to add) makes the thumbnails left over.
    code, out, _ = _run(capsys, *argv)
    assert out.splitlines()[0] == (
        "Porch: 0 clips added, 2 already in the library, 0 skipped, "
        "1 clip whose picture cannot be decoded."
    )
    assert check.execute("SELECT count(*) FROM clip_thumbnails").fetchone()[0] == 1
    check.close()
