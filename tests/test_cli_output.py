"""What the command line prints, as a user running ``main.py`` sees it: request text
that cannot drive the terminal, ids that name one request, and one line (no
traceback) when a file cannot be read or written."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.requests.short_ids import shortest_prefixes
from desktop.cli_output import clean
from tests.requests_helpers import make_doc, window_base, write_doc
from tests.test_sharing import resident  # noqa: F401 - a camera with clips, for export

ROOT = Path(__file__).resolve().parent.parent


def doorstep(*argv: str) -> subprocess.CompletedProcess[str]:
    """``python main.py ARGV`` in a process of its own, as a user runs it."""
    return subprocess.run(
        [sys.executable, "main.py", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
    )


def failed_in_one_line(proc: subprocess.CompletedProcess[str]) -> str:
    """The one line a failure prints (exit status 1, nothing else on stderr)."""
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("doorstep: "), proc.stderr
    return lines[0]


# -- request text cannot drive the terminal -------------------------------------------

HOSTILE = {
    "clear screen": "\x1b[2J\x1b[H",
    "window title (OSC, BEL)": "\x1b]0;owned\x07",
    "C1 CSI": "\x9b31m",
    "C1 OSC and ST": "\x9d0;title\x9c",
    "right-to-left override": "\u202egnp.exe",
    "line separator": "\u2028fake line",
    "carriage return": "\rStatus: approved",
    "newline": "\nStatus: approved",
    "backspace and DEL": "\x08\x08\x7f",
    "zero-width space and BOM": "\u200b\ufeff",
    "tag characters": "\U000e0041\U000e007f",
}


def _dangerous(text: str) -> list[str]:
    """Characters a terminal could act on, newlines (line ends) apart."""
    return [
        f"U+{ord(c):04X}"
        for c in text
        if c != "\n" and unicodedata.category(c) in {"Cc", "Cf", "Cs", "Zl", "Zp"}
    ]


def test_clean_escapes_controls_and_keeps_writing_systems() -> None:
    for name, text in HOSTILE.items():
        assert _dangerous(clean(text)) == [], name
        assert "\n" not in clean(text), name
    assert clean("a\x1b[2Jb") == "a\\u001b[2Jb"
    assert clean("\x9b") == "\\u009b" and clean("\u202e") == "\\u202e"
    assert clean("\U000e0041") == "\\udb40\\udc41"  # as JSON writes it
    assert clean("one\ntwo") == "one\\u000atwo"
    assert clean("one\ntwo", lines=True) == "one\ntwo"
    kept = "Café 漢字 مرحبا नमस्ते 👨\u200d👩\u200d👧 ok"
    assert clean(kept) == kept


@pytest.fixture
def hostile_db(tmp_path: Path, isolated: Path) -> Iterator[tuple[str, dict]]:
    doc = make_doc(
        id="evil\x1b[2J-" + "0123456789",
        case_number="2026\x1b]0;owned\x07-1",
        incident="theft\u202egnp.exe\x9b31m",
    )
    doc["agency"]["name"] = "Example\x1b[31m PD\u2028" + "".join(HOSTILE.values())
    db = str(tmp_path / "d.sqlite3")
    proc = doorstep("--db", db, "import-request", str(write_doc(tmp_path, doc, "r.json")))
    assert proc.returncode == 0, proc.stderr
    assert _dangerous(proc.stdout) == [] and "\\u001b[2J" in proc.stdout
    yield db, doc


def test_request_text_is_escaped_in_every_human_listing(hostile_db: tuple[str, dict]) -> None:
    db, doc = hostile_db
    for argv in (
        ("requests", "list"),
        ("requests", "show", doc["id"]),
        ("agency", "history", "ex-pd"),
        ("agency", "list"),
    ):
        proc = doorstep("--db", db, *argv)
        assert proc.returncode == 0, proc.stderr
        assert _dangerous(proc.stdout + proc.stderr) == [], argv
        assert "Example\\u001b[31m PD\\u2028" in proc.stdout, argv
    shown = doorstep("--db", db, "requests", "show", doc["id"]).stdout
    assert "2026\\u001b]0;owned\\u0007-1" in shown and "theft\\u202egnp.exe\\u009b31m" in shown
    # Nothing the agency wrote starts a line of its own.
    assert not any(line.startswith("Status: approved") for line in shown.splitlines())


def test_listings_keep_their_columns_with_hostile_text(
    hostile_db: tuple[str, dict], tmp_path: Path
) -> None:
    """Escapes make a field longer than it was: columns are cut and padded after
    escaping, so the next column starts in the same place on every line."""
    db, _doc = hostile_db
    plain = write_doc(tmp_path, make_doc(id="plain-request-0001"), "plain.json")
    assert doorstep("--db", db, "import-request", str(plain)).returncode == 0
    for argv, column in (
        (("requests", "list"), r" (new|needs decision|no footage) "),
        (("agency", "history", "ex-pd"), r" v\d+ "),
    ):
        lines = [
            line
            for line in doorstep("--db", db, *argv).stdout.splitlines()
            if re.search(column, line)
        ]
        assert len(lines) == 2, (argv, lines)
        found = [re.search(column, line) for line in lines]
        starts = {m.start() for m in found if m is not None}  # each line matched above
        assert len(starts) == 1, (argv, lines)
        if argv[0] == "requests":  # and the window column after the cut agency and case
            start = window_base().strftime("  %Y-%m-%dT%H:%M")  # both requests' window
            assert len({line.index(start) for line in lines}) == 1, lines


def test_json_output_escapes_them_and_reads_back_the_same(hostile_db: tuple[str, dict]) -> None:
    db, doc = hostile_db
    proc = doorstep("--db", db, "requests", "list", "--json")
    assert proc.returncode == 0, proc.stderr
    assert _dangerous(proc.stdout) == []
    (item,) = json.loads(proc.stdout)
    assert item["agency"] == doc["agency"]["name"]
    assert (item["id"], item["case_number"], item["incident"]) == (
        doc["id"],
        doc["case_number"],
        doc["incident"],
    )


def test_error_lines_are_escaped_too(hostile_db: tuple[str, dict]) -> None:
    db, _doc = hostile_db
    line = failed_in_one_line(doorstep("--db", db, "requests", "show", "nope\x9b2J\u202e"))
    assert _dangerous(line) == []
    usage = doorstep("--db", db, "requests", "list", "\x1b]0;title\x07")  # argparse's own
    assert usage.returncode == 2 and "unrecognized arguments" in usage.stderr
    assert _dangerous(usage.stderr) == [] and "\\u001b]0;title\\u0007" in usage.stderr


# -- ids that name one request ----------------------------------------------------------


def test_shortest_prefixes_follow_how_commands_match_ids() -> None:
    ids = ["abcdefghijkl-one", "abcdefghijkl-two", "ABCDEFGHIJKL-TWO-b", "short", "shortened"]
    ids += ["9f1c2d3e-0000-4000-8000-000000000001"]
    assert shortest_prefixes(ids) == {
        "abcdefghijkl-one": "abcdefghijkl-o",
        # LIKE ignores the case of ASCII letters: these two share every prefix
        "abcdefghijkl-two": "abcdefghijkl-two",
        "ABCDEFGHIJKL-TWO-b": "ABCDEFGHIJKL-TWO-",
        "short": "short",  # the start of another id: only the whole id is its own
        "shortened": "shortened",
        "9f1c2d3e-0000-4000-8000-000000000001": "9f1c2d3e-000",
    }


def test_listed_ids_each_open_their_own_request(tmp_path: Path, isolated: Path) -> None:
    db = str(tmp_path / "d.sqlite3")
    twins = ["2026-req-0001-porch", "2026-req-0001-alley"]  # 12 characters in common
    for rid in twins:
        doc = make_doc(id=rid, case_number=f"case {rid[-5:]}")
        assert doorstep("--db", db, "import-request", str(write_doc(tmp_path, doc))).returncode == 0
    listed = doorstep("--db", db, "requests", "list").stdout.splitlines()
    history = doorstep("--db", db, "agency", "history", "ex-pd").stdout.splitlines()[1:]
    shown_ids = sorted(line.split()[0] for line in listed)
    assert shown_ids == sorted(line.split()[1] for line in history)
    assert shown_ids == ["2026-req-0001-a", "2026-req-0001-p"]
    for shown in shown_ids:
        proc = doorstep("--db", db, "requests", "show", shown, "--json")
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["id"].startswith(shown)


# -- one line, no traceback, when a file cannot be read or written -----------------------


@pytest.fixture
def unwritable(tmp_path: Path) -> Iterator[Path]:
    """A folder in which no file can be created, also for root (who ignores file
    modes): sysfs refuses new files to everyone."""
    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    sys_dir = Path("/sys")
    try:
        (sys_dir / "doorstep-test").touch()
    except OSError:
        yield sys_dir
        return
    pytest.skip("running as root with a writable /sys: no folder refuses new files")


@pytest.fixture
def db_path(tmp_path: Path, isolated: Path) -> str:
    db = str(tmp_path / "d.sqlite3")
    assert (
        doorstep("--db", db, "cameras", "add", "Porch", "--lat", "1", "--lon", "2").returncode == 0
    )
    return db


def _no_temp_files(folder: Path) -> None:
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def test_audit_export_to_a_place_it_cannot_write(
    db_path: str, tmp_path: Path, unwritable: Path
) -> None:
    export = ("--db", db_path, "audit", "export", "--format", "json", "--out")
    target = unwritable / "audit.json"
    line = failed_in_one_line(doorstep(*export, str(target)))
    assert line == f"doorstep: cannot write {target}: permission denied"

    missing = tmp_path / "no-such-folder" / "audit.json"
    line = failed_in_one_line(doorstep(*export, str(missing)))
    assert line == f"doorstep: cannot write {missing}: the folder {missing.parent} does not exist"

    (tmp_path / "a-file").write_text("")
    under_file = tmp_path / "a-file" / "audit.json"
    line = failed_in_one_line(doorstep(*export, str(under_file)))
    assert line == f"doorstep: cannot write {under_file}: {tmp_path / 'a-file'} is not a folder"

    folder = tmp_path / "exports"
    folder.mkdir()
    line = failed_in_one_line(doorstep(*export, str(folder)))
    assert line == f"doorstep: cannot write {folder}: it is a folder; give a file name"
    _no_temp_files(tmp_path)  # no copy of the whole audit trail left beside it
    assert list(folder.iterdir()) == []

    if Path("/proc/version").is_file():  # a file system that takes no new files
        line = failed_in_one_line(doorstep(*export, "/proc/version"))
        assert line == "doorstep: cannot write /proc/version: no file can be made in /proc"

    # And where it can write, it still does.
    good = tmp_path / "audit.json"
    assert doorstep(*export, str(good)).returncode == 0
    assert json.loads(good.read_text())["verified"] is True
    _no_temp_files(tmp_path)


def test_keygen_into_a_place_it_cannot_write(tmp_path: Path, unwritable: Path) -> None:
    key = unwritable / "ex-pd.key"
    line = failed_in_one_line(doorstep("agency", "keygen", "--out", str(key)))
    assert line == f"doorstep: cannot write {key}: permission denied"
    (tmp_path / "a-file").write_text("")
    line = failed_in_one_line(doorstep("agency", "keygen", "--out", str(tmp_path / "a-file/k")))
    assert line == f"doorstep: {tmp_path / 'a-file'} is not a folder"


def test_a_folder_given_as_a_key_file(db_path: str, tmp_path: Path) -> None:
    folder = tmp_path / "keys"
    folder.mkdir()
    line = failed_in_one_line(
        doorstep(
            "--db", db_path, "agency", "add", "ex-pd", "--name", "PD", "--public-key", str(folder)
        )
    )
    assert line == f"doorstep: {folder}: it is a folder"
    request = write_doc(tmp_path, make_doc())
    line = failed_in_one_line(doorstep("agency", "sign", str(request), "--key", str(folder)))
    assert line == f"doorstep: {folder}: it is a folder"
    # Nothing was stored by the refused command.
    proc = doorstep("--db", db_path, "agency", "list", "--json")
    assert json.loads(proc.stdout) == []


def test_audit_verify_says_the_trail_is_gone(db_path: str) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP TABLE audit_log")
    conn.close()
    line = failed_in_one_line(doorstep("--db", db_path, "audit", "verify"))
    assert line == (
        "doorstep: The audit trail is gone: its table (audit_log) was removed from the database"
    )
    line = failed_in_one_line(doorstep("--db", db_path, "audit", "export", "--format", "csv"))
    assert "The audit trail is gone" in line


def test_the_window_audit_export_into_a_folder_leaves_no_copy_behind(tmp_path: Path) -> None:
    from db.audit.trail import AuditFilter
    from db.store.database import open_database
    from db.store.fileio import WriteError
    from desktop.widgets.audit_view import write_export

    db = open_database(tmp_path / "d.sqlite3")
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(WriteError) as caught:
        write_export(db, folder, "csv", AuditFilter())
    assert str(caught.value) == f"cannot write {folder}: it is a folder; give a file name"
    _no_temp_files(tmp_path)
    db.close()


def test_snapshot_onto_a_folder_leaves_no_part_file(db_path: str, tmp_path: Path) -> None:
    folder = tmp_path / "shot.png"
    folder.mkdir()
    proc = subprocess.run(
        [sys.executable, "main.py", "--db", db_path, "snapshot", str(folder), "--view", "clips"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert failed_in_one_line(proc) == f"doorstep: snapshot: cannot write {folder}: it is a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.sqlite3", "shot.png"]


def test_a_damaged_database_is_one_line_too(db_path: str) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP TABLE requests")
    conn.close()
    line = failed_in_one_line(doorstep("--db", db_path, "requests", "list"))
    assert line == "doorstep: the database: no such table: requests"


def test_a_change_to_a_database_whose_audit_trail_is_gone_says_so(db_path: str) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP TABLE audit_log")
    conn.close()
    line = failed_in_one_line(
        doorstep("--db", db_path, "cameras", "add", "Gate", "--lat", "1", "--lon", "2")
    )
    assert line == (
        "doorstep: the database: its audit trail is gone (no such table: audit_log); a change "
        "is kept only with its audit entry, so nothing was changed"
    )
    with sqlite3.connect(db_path) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM cameras")] == ["Porch"]
    conn.close()


def test_a_database_in_a_place_it_cannot_write(tmp_path: Path, unwritable: Path) -> None:
    target = unwritable / "d.sqlite3"
    line = failed_in_one_line(doorstep("--db", str(target), "cameras", "list"))
    assert line == f"doorstep: cannot create {target}: permission denied"


def test_snapshot_of_a_database_whose_audit_trail_is_gone_ends_in_one_line(
    db_path: str, tmp_path: Path
) -> None:
    """The audit view's error used to open a dialog offscreen, which nobody can close:
    the snapshot waited for ever, after printing a traceback as one escaped line."""
    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP TABLE audit_log")
    conn.close()
    out = tmp_path / "audit.png"
    proc = subprocess.run(
        [sys.executable, "main.py", "--db", db_path, "snapshot", str(out), "--view", "audit"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
    )
    assert failed_in_one_line(proc) == (
        "doorstep: snapshot: The audit trail is gone: its table (audit_log) was removed "
        "from the database"
    )
    assert not out.exists()


def test_a_ca_file_that_cannot_be_read_is_one_line_in_words(db_path: str, tmp_path: Path) -> None:
    """Not Python's "[Errno 2] ..." nor OpenSSL's "[X509: ...] (_ssl.c:...)"."""
    (tmp_path / "notes.txt").write_text("not a certificate\n")
    for name, why in [
        ("missing.pem", "no such file or folder"),
        ("", "it is a folder"),
        ("notes.txt", "it holds no PEM certificate"),
    ]:
        ca = tmp_path / name
        proc = doorstep("--db", db_path, "feeds", "poll", "--ca-file", str(ca))
        assert failed_in_one_line(proc) == f"doorstep: {ca}: cannot read the CA certificate: {why}"


def _read_all(master: int) -> str:
    os.set_blocking(master, False)
    chunks = []
    with contextlib.suppress(BlockingIOError, OSError):
        while chunk := os.read(master, 65536):
            chunks.append(chunk)
    return b"".join(chunks).decode()


def test_a_failure_during_a_progress_line_starts_a_line_of_its_own(resident, capsys) -> None:  # noqa: F811
    """On a terminal the export draws a progress line again and again; a clip that
    turns out damaged half way used to put the error at the end of that line."""
    import pty

    from desktop.cli import main
    from tests.test_sharing import approve_all, run

    doc = make_doc()
    db = resident["db"]
    run(capsys, "--db", db, "import-request", str(write_doc(resident["tmp"], doc)))
    approve_all(capsys, db, doc["id"], resident["clips"])
    damaged = resident["tmp"] / "porch" / "b.mkv"
    data, when = damaged.read_bytes(), damaged.stat().st_mtime_ns
    damaged.write_bytes(data[:64] + bytes(len(data) - 64))  # same size and time: not "changed"
    os.utime(damaged, ns=(when, when))
    out = resident["tmp"] / "out"
    out.mkdir()
    master, slave = pty.openpty()
    try:
        with open(slave, "w", encoding="utf-8") as tty, contextlib.redirect_stderr(tty):
            code = main(["--db", db, "export", doc["id"], "--out", str(out)])
        shown = _read_all(master)
    finally:
        os.close(master)
    assert code == 1
    lines = shown.replace("\r\n", "\n").split("\n")
    assert "%" in lines[0]  # the progress line, drawn again after each "\r"
    assert lines[1].startswith("doorstep: clip ") and lines[2:] == [""], shown


def test_a_pipe_named_as_the_file_to_write_is_written_to_not_replaced(
    db_path: str, tmp_path: Path
) -> None:
    """A file is written to a temporary name and renamed over its target; over a
    device or a named pipe that put a file in its place (as root, `--out /dev/null`
    replaced /dev/null itself). What is written goes into the pipe instead."""
    import stat
    import threading

    for argv in (
        ["audit", "export", "--format", "json", "--out", str(tmp_path / "pipe")],
        ["snapshot", str(tmp_path / "pipe"), "--view", "clips"],
    ):
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        os.set_blocking(reader, True)
        # A writer of our own until the command is done: the reader sees the end of
        # the data only then, not before the command opens the pipe.
        keep_open = os.open(fifo, os.O_WRONLY)
        received: list[bytes] = []

        def drain(fd: int = reader, into: list[bytes] = received) -> None:
            while chunk := os.read(fd, 65536):
                into.append(chunk)

        thread = threading.Thread(target=drain)
        thread.start()
        proc = subprocess.run(
            [sys.executable, "main.py", "--db", db_path, *argv],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            timeout=60,
        )
        os.close(keep_open)
        thread.join(10)
        os.close(reader)
        assert proc.returncode == 0, proc.stderr
        assert stat.S_ISFIFO(fifo.lstat().st_mode), argv  # still the pipe
        data = b"".join(received)
        if argv[0] == "audit":
            assert json.loads(data)["verified"] is True
        else:
            assert data.startswith(b"\x89PNG")
        assert [p.name for p in tmp_path.iterdir() if p.name != "d.sqlite3"] == ["pipe"]
        fifo.unlink()


def test_a_progress_line_printed_with_end_empty_is_ended_too() -> None:
    """``print(..., end="")`` writes its empty end separately: that write changes
    nothing on the screen, so the progress line is still there to end."""
    import io

    from desktop.cli_output import SafeStream

    screen = io.StringIO()
    stream = SafeStream(screen)
    print("\r 50%  cutting", end="", file=stream)
    print("doorstep: the clip is damaged", file=stream)
    print("\r100%  done", end="", file=stream)
    print(file=stream)  # the command ends the line itself: no empty line
    assert screen.getvalue() == "\r 50%  cutting\ndoorstep: the clip is damaged\n\r100%  done\n"
