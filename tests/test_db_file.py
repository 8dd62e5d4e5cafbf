"""The database file as other programs and people see it: private on disk, created only
where asked, and shared by several command lines writing at once without failures."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import stat
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from db.audit import trail as audit
from db.clips.cameras import Camera, add_camera
from db.store.database import open_database
from desktop.cli import main
from tests.requests_helpers import PORCH, insert_clip, make_doc, window_base, write_doc

WRITERS = 8
COMMANDS = 12  # per writer


def cli(*argv: str) -> tuple[int, str]:
    """One command as a user runs it: (exit status, standard error)."""
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


def _writer(index: int, db: str, shared: str, clips: list[int], folder: str, out: Any) -> None:
    """A script calling doorstep in a loop: new requests, decisions on one shared
    request, agency changes (every request checked again) and new cameras, each command
    opening the database afresh. Puts (index, failures) on ``out``."""
    failures = []
    try:
        for i in range(COMMANDS):
            kind = (index + i) % 4
            if kind == 0:
                argv: tuple[str, ...] = ("import-request", str(write_doc(Path(folder), make_doc())))
            elif kind == 1:
                argv = ("agency", "add", "ex-pd", "--name", "Example PD", "--jurisdiction", f"{i}")
            elif kind == 2:
                clip = clips[(index + i) % len(clips)]
                argv = ("decide", shared, str(clip), ("approve", "decline")[i % 2])
            else:
                argv = ("cameras", "add", f"cam-{index}-{i}", "--lat", "47.6", "--lon", "-122.3")
            code, err = cli("--db", db, *argv)
            if code != 0:
                failures.append(f"{argv[0]}: {err.strip()}")
    except BaseException as exc:  # a traceback is a failure as well
        failures.append(f"{type(exc).__name__}: {exc}")
    out.put((index, failures))


def test_eight_command_lines_writing_at_once_all_succeed(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    clips = [
        insert_clip(db, cam.id or 0, window_base() + timedelta(minutes=10 * i), 60, f"c{i}.mp4")
        for i in range(4)
    ]
    db.close()
    shared = make_doc()
    assert cli("--db", str(path), "import-request", str(write_doc(tmp_path, shared)))[0] == 0

    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    procs = []
    for i in range(WRITERS):
        folder = tmp_path / f"w{i}"
        folder.mkdir()
        args = (i, str(path), shared["id"], clips, str(folder), out)
        procs.append(ctx.Process(target=_writer, args=args))
    for p in procs:
        p.start()
    results = dict(out.get(timeout=300) for _ in procs)
    for p in procs:
        p.join(timeout=60)
    failures = [f for i in sorted(results) for f in results[i]]
    assert failures == []

    db = open_database(path)
    new_requests = sum(1 for i in range(WRITERS) for n in range(COMMANDS) if (i + n) % 4 == 0)
    assert db.execute("SELECT count(*) FROM requests").fetchone()[0] == 1 + new_requests
    new_cameras = sum(1 for i in range(WRITERS) for n in range(COMMANDS) if (i + n) % 4 == 3)
    assert db.execute("SELECT count(*) FROM cameras").fetchone()[0] == 1 + new_cameras
    assert audit.verify(db).ok
    db.close()


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_database_and_its_wal_files_are_private(tmp_path: Path, isolated: Path) -> None:
    old = os.umask(0o022)  # the usual umask, which makes new files readable by all
    try:
        assert cli("cameras", "add", "Porch", "--lat", "47.6", "--lon", "-122.3")[0] == 0
        db_file = isolated / "doorstep.sqlite3"
        assert _mode(isolated) == 0o700  # the default data folder, created by the command
        # The -wal and -shm files exist while a connection is open.
        db = open_database(db_file)
        db.execute("SELECT count(*) FROM cameras").fetchone()
        for name in (db_file, Path(f"{db_file}-wal"), Path(f"{db_file}-shm")):
            assert _mode(name) == 0o600, name
        db.close()
        # A --db elsewhere: the file is private, the folder the user chose is left alone.
        mine = tmp_path / "mine"
        mine.mkdir(mode=0o755)
        assert cli("--db", str(mine / "d.sqlite3"), "cameras", "list")[0] == 0
        assert _mode(mine / "d.sqlite3") == 0o600 and _mode(mine) == 0o755
    finally:
        os.umask(old)


def test_a_database_made_world_readable_before_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    open_database(path).close()
    path.chmod(0o644)
    open_database(path).close()
    assert _mode(path) == 0o600


def test_db_in_a_missing_folder_is_refused_and_nothing_is_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "typo" / "deeper" / "d.sqlite3"
    code = main(["--db", str(target), "cameras", "list"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err == (f"doorstep: cannot create {target}: the folder {target.parent} does not exist\n")
    assert not (tmp_path / "typo").exists()
    # A folder that is a file is named as such.
    (tmp_path / "file").write_text("x")
    code = main(["--db", str(tmp_path / "file" / "d.sqlite3"), "cameras", "list"])
    assert code == 1
    assert capsys.readouterr().err.endswith(f"{tmp_path / 'file'} is not a folder\n")


def test_the_default_location_is_still_created(isolated: Path) -> None:
    assert not isolated.exists()
    code, err = cli("cameras", "list", "--json")
    assert (code, err) == (0, "")
    assert (isolated / "doorstep.sqlite3").is_file()


def test_a_request_reads_in_one_transaction_without_the_write_lock(tmp_path: Path) -> None:
    """The clips table's first page (count and ids from one snapshot) is read while
    another connection holds the write lock: reading never waits for writers."""
    from db.clips.library import clip_head

    path = tmp_path / "d.sqlite3"
    writer = open_database(path)
    reader = open_database(path)
    with writer.atomic():
        writer.execute("INSERT INTO meta (key, value) VALUES ('x', 'y')")
        head = clip_head(reader)  # would wait for the busy timeout, then fail
    assert head.total == 0
    writer.close()
    reader.close()


@pytest.mark.parametrize("where", ["the file", "under the file"])
def test_a_data_folder_that_is_a_file_is_named_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """DOORSTEP_DATA_DIR naming a file (or a folder inside one) is a mistake the
    message must point at: not "it already exists"."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine")
    data = blocker if where == "the file" else blocker / "data"
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(data))
    code, err = cli("cameras", "list")
    assert code == 1
    assert err == (
        f"doorstep: cannot make the data folder {data}: {blocker} is a file, not a folder\n"
    )
    assert blocker.read_text() == "mine"
