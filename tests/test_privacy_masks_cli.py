"""`cameras mask` as a script uses it: add, list (text and JSON), remove, the picture
size taken from the camera's newest clip, and bad input ending in one line on stderr,
exit 1, nothing stored."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from db.demo.synth import make_clip
from desktop.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *argv], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def _in_process(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def porch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A database with the camera Porch and one 640×360 clip of it."""
    db = str(tmp_path / "d.sqlite3")
    folder = tmp_path / "clips"
    make_clip(
        folder / "porch.mp4",
        width=640,
        height=360,
        seconds=1,
        creation_time=datetime(2026, 11, 20, 14, 0, tzinfo=UTC),
    )
    assert _in_process(capsys, "--db", db, "cameras", "add", "Porch", "--lat", "47.6",
                       "--lon", "-122.3", "--tz", "UTC")[0] == 0  # fmt: skip
    assert _in_process(capsys, "--db", db, "import-clips", str(folder), "--camera", "Porch")[0] == 0
    return db


def test_a_mask_is_added_listed_and_removed(porch: str) -> None:
    added = _run("--db", porch, "cameras", "mask", "add", "porch", "--name", "Neighbour's window",
                 "--points", "100,20 300,20 300,200 100,200")  # fmt: skip
    assert (added.returncode, added.stderr) == (0, "")
    assert added.stdout == (
        "Added privacy mask 1 \"Neighbour's window\" to camera 'Porch' "
        "(4 points on the 640×360 picture).\n"
    )
    listed = _run("--db", porch, "cameras", "mask", "list", "Porch")
    assert listed.stdout == "   1  Neighbour's window    640×360  100,20 300,20 300,200 100,200\n"
    as_json = _run("--db", porch, "cameras", "mask", "list", "Porch", "--json")
    assert json.loads(as_json.stdout) == [
        {
            "id": 1,
            "name": "Neighbour's window",
            "points": [[100, 20], [300, 20], [300, 200], [100, 200]],
            "width": 640,
            "height": 360,
        }
    ]
    removed = _run("--db", porch, "cameras", "mask", "remove", "1")
    assert (removed.returncode, removed.stderr) == (0, "")
    assert removed.stdout == "Removed privacy mask 1 \"Neighbour's window\" of camera 'Porch'.\n"
    empty = _run("--db", porch, "cameras", "mask", "list", "Porch")
    assert empty.stdout.startswith("Porch has no privacy masks. Add one: doorstep cameras mask add")
    audit = _run("--db", porch, "audit", "export", "--format", "json")
    actions = [e["action"] for e in json.loads(audit.stdout)["entries"]]
    assert actions[-2:] == ["privacy mask added", "privacy mask removed"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ("--points", "0,0 700,0 700,100", "--name", "Wide"),
            "doorstep: points: (700, 0) is outside the 640×360 picture (x 0 to 640, y 0 to 360)\n",
        ),
        (
            ("--points", "0,0 10,10 10,0 0,10", "--name", "Bow"),
            "doorstep: points: the mask's edges cross at (5, 5): put its points in order "
            "around it\n",
        ),
        (
            ("--points", "0,0 10,10", "--name", "Two"),
            "doorstep: points: a mask needs at least three points, not 2\n",
        ),
        (
            ("--points", "0,0 a,b 1,1", "--name", "Text"),
            "doorstep: points: 'a,b' is not x,y (two whole numbers of pixels)\n",
        ),
        (
            ("--points", "0,0 5,0 0,5", "--name", " "),
            "doorstep: name: a privacy mask needs a name (what it hides)\n",
        ),
        (
            ("--points", "0,0 5,0 0,5", "--name", "S", "--size", "big"),
            "doorstep: size: 'big' is not WIDTHxHEIGHT in pixels, e.g. 1920x1080\n",
        ),
    ],
)
def test_bad_input_is_one_line_exit_1_and_nothing_stored(
    porch: str, argv: tuple[str, ...], message: str
) -> None:
    got = _run("--db", porch, "cameras", "mask", "add", "Porch", *argv)
    assert (got.returncode, got.stdout, got.stderr) == (1, "", message)
    assert (
        json.loads(_run("--db", porch, "cameras", "mask", "list", "Porch", "--json").stdout) == []
    )


def test_unknown_camera_and_mask_are_named(porch: str, capsys) -> None:
    code, _, err = _in_process(capsys, "--db", porch, "cameras", "mask", "list", "Garden")
    assert code == 1 and err == "doorstep: no camera named 'Garden' (cameras: Porch)\n"
    code, _, err = _in_process(capsys, "--db", porch, "cameras", "mask", "remove", "9")
    assert code == 1 and err == "doorstep: no privacy mask with id 9\n"


def test_a_camera_without_clips_needs_a_size(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "d.sqlite3")
    _in_process(
        capsys, "--db", db, "cameras", "add", "Gate", "--lat", "1", "--lon", "2", "--tz", "UTC"
    )
    code, _, err = _in_process(capsys, "--db", db, "cameras", "mask", "add", "Gate",
                               "--name", "Path", "--points", "0,0 50,0 50,50")  # fmt: skip
    assert code == 1
    assert err == (
        "doorstep: size: 'Gate' has no clips to take the picture's size from; "
        "give --size WIDTHxHEIGHT\n"
    )
    code, out, _ = _in_process(capsys, "--db", db, "cameras", "mask", "add", "Gate",
                               "--name", "Path", "--points", "0,0 50,0 50,50",
                               "--size", "1920x1080")  # fmt: skip
    assert code == 0 and "on the 1920×1080 picture" in out
