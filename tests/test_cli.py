"""The command line as scripts use it: exit codes, messages and JSON keys."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cameras_add_and_list_json(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "d.sqlite3")
    code, out, _ = run(
        capsys, "--db", db, "cameras", "add", "Porch", "--lat", "47.6", "--lon", "-122.3",
        "--heading", "180", "--fov", "100", "--range", "30", "--tz", "America/Los_Angeles",
        "--clock-offset", "-4",
    )  # fmt: skip
    assert code == 0 and "Porch" in out
    code, out, _ = run(capsys, "--db", db, "cameras", "list", "--json")
    cams = json.loads(out)
    assert cams[0]["name"] == "Porch" and cams[0]["heading_deg"] == 180
    assert cams[0]["clock_offset_s"] == -4 and cams[0]["tz"] == "America/Los_Angeles"


def test_cameras_edit_retimes_clips_and_remove_asks_for_yes(
    tmp_path: Path,
    capsys,
    library,
) -> None:
    db = str(tmp_path / "d.sqlite3")
    run(capsys, "--db", db, "cameras", "add", "Porch", "--lat", "47.6", "--lon", "-122.3")
    run(capsys, "--db", db, "import-clips", str(library.root), "--camera", "Porch")

    def starts() -> dict[str, str]:
        _, out, _ = run(capsys, "--db", db, "clips", "list", "--json")
        return {Path(c["path"]).name: c["start"] for c in json.loads(out)}

    before = starts()
    code, out, err = run(
        capsys, "--db", db, "cameras", "edit", "porch", "--tz", "America/Los_Angeles",
        "--clock-offset", "60", "--name", "Front porch",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == (
        "Changed camera 'Front porch' (id 1).\n"
        f"Start times of {len(library.good)} clips recalculated for the new time zone, "
        "clock offset or naming profile.\n"
    )
    after = starts()
    assert before["RecM01_20261120_141500_clip.mkv"] == "2026-11-20T14:15:00.000Z"
    assert after["RecM01_20261120_141500_clip.mkv"] == "2026-11-20T22:14:00.000Z"
    assert after["porch_a.mp4"] == "2026-11-20T21:59:00.000Z"
    code, _, err = run(capsys, "--db", db, "cameras", "edit", "Front porch")
    assert code == 1 and err == (
        "doorstep: cameras edit: nothing to change (give at least one of the options)\n"
    )

    code, _, err = run(capsys, "--db", db, "cameras", "remove", "Front porch")
    assert code == 1 and f"has {len(library.good)} clip record(s)" in err and "--yes" in err
    assert len(starts()) == len(library.good)  # nothing was removed
    code, out, _ = run(capsys, "--db", db, "cameras", "remove", "Front porch", "--yes")
    assert code == 0 and f"and {len(library.good)} clip record(s)" in out
    assert starts() == {} and all(p.exists() for p in library.good.values())
    code, _, err = run(capsys, "--db", db, "cameras", "remove", "Front porch", "--yes")
    assert code == 1 and "no camera named 'Front porch'" in err


def test_bad_camera_fails_with_one_line(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "d.sqlite3")
    code, out, err = run(capsys, "--db", db, "cameras", "add", "X", "--lat", "95", "--lon", "0")
    assert code == 1 and out == ""
    assert err.strip().splitlines() == ["doorstep: lat: 95.0 is not a latitude (-90 to 90)"]


def test_import_and_list_clips_json(tmp_path: Path, capsys, library) -> None:
    db = str(tmp_path / "d.sqlite3")
    run(capsys, "--db", db, "cameras", "add", "Porch", "--lat", "1", "--lon", "1")
    code, out, _ = run(capsys, "--db", db, "import-clips", str(library.root), "--camera", "porch")
    assert code == 0
    assert f"{len(library.good)} clips added" in out
    assert "skipped" in out and "cut.mkv: truncated" in out
    code, out, _ = run(capsys, "--db", db, "clips", "list", "--json")
    clips = json.loads(out)
    assert len(clips) == len(library.good)
    keys = {"id", "path", "sha256", "camera", "start", "duration_s", "width", "height"}
    for clip in clips:
        assert keys | {"has_audio", "size"} <= set(clip)
        assert clip["start"].endswith("Z") and clip["camera"] == "Porch"
        assert isinstance(clip["has_audio"], bool)


def test_import_errors(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "d.sqlite3")
    code, _, err = run(capsys, "--db", db, "import-clips", str(tmp_path / "no"), "--camera", "x")
    assert code == 1 and "folder not found" in err
    code, _, err = run(capsys, "--db", db, "import-clips", str(tmp_path), "--camera", "Gate")
    assert code == 1 and "no camera named 'Gate'" in err


def test_newer_database_is_refused_on_the_command_line(tmp_path: Path, capsys) -> None:
    import sqlite3

    db = tmp_path / "d.sqlite3"
    run(capsys, "--db", str(db), "cameras", "list")
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    code, _, err = run(capsys, "--db", str(db), "clips", "list")
    assert code == 1 and "newer version of Doorstep" in err


def test_usage_errors_exit_2() -> None:
    for argv in (["cameras", "add", "X", "--lat", "north", "--lon", "0"], ["no-such-command"]):
        proc = subprocess.run(
            [sys.executable, "main.py", *argv], cwd=ROOT, capture_output=True, text=True
        )
        assert proc.returncode == 2, proc.stderr


def test_demo_builds_a_separate_database(tmp_path: Path, capsys, isolated) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0 and "24 clips added" in out
    code, out, _ = run(capsys, "--demo", "clips", "list", "--json")
    assert len(json.loads(out)) == 24
    code, out, _ = run(capsys, "clips", "list", "--json")
    assert json.loads(out) == []  # the resident's own database stays empty
    assert (isolated / "demo.sqlite3").exists() and (isolated / "doorstep.sqlite3").exists()


def _snapshot(db: str, out: Path, view: str, *more: str) -> subprocess.CompletedProcess[str]:
    """``main.py snapshot`` in a process of its own, offscreen, as a user runs it."""
    return subprocess.run(
        [sys.executable, "main.py", "--db", db, "snapshot", str(out), "--view", view, *more],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_snapshot_writes_a_png_of_the_clips(tmp_path: Path, library) -> None:
    db = str(tmp_path / "d.sqlite3")
    main(["--db", db, "cameras", "add", "Porch", "--lat", "1", "--lon", "1"])
    main(["--db", db, "import-clips", str(library.root), "--camera", "Porch"])
    out = tmp_path / "shot.png"
    proc = _snapshot(db, out, "clips")
    assert proc.returncode == 0, proc.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() > 600 and image.height() > 300
    # Not a blank picture: the table and thumbnails give many colours.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 300, 7)}
    assert len(colours) > 20


def test_snapshot_of_the_requests_view_changes_nothing(tmp_path: Path, capsys) -> None:
    from tests.requests_helpers import make_doc, write_doc

    db = str(tmp_path / "d.sqlite3")
    main(["--db", db, "cameras", "add", "Porch", "--lat", "47.6062", "--lon", "-122.3321"])
    doc = make_doc()
    assert main(["--db", db, "import-request", str(write_doc(tmp_path, doc))]) == 0
    capsys.readouterr()
    out = tmp_path / "requests.png"
    proc = _snapshot(db, out, "requests")
    assert proc.returncode == 0, proc.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() > 600 and image.height() > 300
    colours = {image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(0, 300, 5)}
    assert len(colours) > 10
    # Looking for a snapshot is not the resident opening the request.
    _code, shown, _ = run(capsys, "--db", db, "requests", "show", doc["id"], "--json")
    assert json.loads(shown)["status"] == "new"


def test_snapshot_of_the_audit_trail(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "d.sqlite3")
    for name in ("Porch", "Gate", "Alley"):
        main(["--db", db, "cameras", "add", name, "--lat", "1", "--lon", "1"])
    out = tmp_path / "audit.png"
    proc = _snapshot(db, out, "audit")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # nothing but what went wrong goes to stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert proc.stdout == f"Saved {out} ({image.width()}×{image.height()} pixels)\n"
    assert image.width() > 600 and image.height() > 300
    colours = {image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(0, 300, 5)}
    assert len(colours) > 10
    # Too small a window for what it shows: saved anyway, and said so.
    small = _snapshot(db, out, "audit", "--height", "250")
    assert small.returncode == 0
    assert small.stderr.startswith("doorstep: snapshot: the window cannot be 1280×250; it was ")


def test_a_command_without_a_window_runs_with_the_collector_back_on(
    tmp_path: Path,
    monkeypatch,
    capsys,
) -> None:
    import gc

    from desktop import launch

    db = str(tmp_path / "d.sqlite3")
    monkeypatch.setattr(sys, "argv", ["main.py", "--db", db, "cameras", "list"])
    was = gc.isenabled()
    try:
        gc.enable()
        assert launch.main() == 0  # it pauses the collector while modules load
        assert gc.isenabled()
    finally:
        if not was:
            gc.disable()
    assert "No cameras yet" in capsys.readouterr().out


def test_data_layer_never_loads_qt() -> None:
    code = (
        "import sys, db.store.database, db.clips.importer, db.clips.media, "
        "db.demo.neighbourhood, db.clips.library, db.demo.synth\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_the_window_starts_without_the_heavy_modules() -> None:
    """Start-up time (docs/BENCHMARKS.md section 2): what the first screen does not
    need is imported when first used, not by the window's modules."""
    later = [
        "numpy", "shapely", "pyproj", "jsonschema", "keyring", "cryptography", "ssl",
        "http.client", "av", "PySide6.QtMultimedia", "PySide6.QtNetwork", "multiprocessing",
        "concurrent.futures", "db.clips.importer", "db.clips.media", "db.requests.feed_check",
        "db.requests.request_doc", "db.requests.request_feed", "db.requests.request_area",
        "db.keys.signing", "rfc8785", "db.sharing.packaging",
    ]  # fmt: skip
    code = (
        "import sys, desktop.app\n"
        f"loaded = [m for m in {later!r} if m in sys.modules]\n"
        "assert not loaded, loaded"
    )
    # Not measured under `make test`'s coverage: coverage itself imports multiprocessing.
    env = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_PROCESS_")}
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env=env)


@pytest.mark.parametrize(
    "argv",
    [[], ["--db", "x.sqlite3"], ["--db=x.sqlite3"], ["--demo"], ["--demo", "--db", "d/x"]],
)
def test_opening_the_window_reads_its_arguments_as_the_full_parser_does(argv) -> None:
    from desktop.cli import build_parser, window_args

    assert window_args(argv) == build_parser().parse_args(argv)


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["cameras", "list"], ["--db"], ["--db", "a", "--db", "b"], ["--demo", "--demo"],
     ["--db", "--demo"], ["-h"], ["--db=", "x"], ["x.sqlite3"]],
)  # fmt: skip
def test_anything_else_goes_to_the_full_parser(argv) -> None:
    from desktop.cli import window_args

    assert window_args(argv) is None
