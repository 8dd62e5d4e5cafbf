"""The command line's clip times: the preview before an import, the naming profile
per camera, and ``clips list --json``'s start_source and start_certain."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from db.demo.synth import make_clip
from desktop.cli import main

COPIED_AT = datetime(2031, 3, 3, tzinfo=UTC).timestamp()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def wyze_folder(tmp_path: Path) -> Path:
    root = tmp_path / "record"
    for minute in (15, 16, 17):
        make_clip(root / f"20261120/14/{minute}.mp4", seconds=1, hue=minute)
    nameless = make_clip(root / "junk/clip.mp4", seconds=1, hue=3)
    for folder, _dirs, files in os.walk(root):
        for name in files:
            os.utime(Path(folder) / name, (COPIED_AT, COPIED_AT))
    assert nameless.exists()
    return root


def test_preview_then_import_with_a_profile_and_json_keys(
    tmp_path: Path, capsys, wyze_folder: Path
) -> None:
    db = str(tmp_path / "d.sqlite3")
    run(capsys, "--db", db, "cameras", "add", "Porch", "--lat", "47.6", "--lon", "-122.3",
        "--tz", "America/Los_Angeles")  # fmt: skip
    code, out, _ = run(
        capsys, "--db", db, "import-clips", str(wyze_folder), "--camera", "Porch", "--preview"
    )
    assert code == 0
    assert "Named like wyze: 3 of the first 4 file(s)." in out
    assert "20261120/14/15.mp4: 2026-11-20 14:15:00 PST (22:15:00 UTC) from filename:wyze" in out
    assert "junk/clip.mp4: 2031-03-02 15:59:59 PST (23:59:59 UTC) from mtime; time uncertain" in out
    assert "1 of these would be flagged" in out and "Nothing was imported" in out
    code, out, _ = run(capsys, "--db", db, "clips", "list", "--json")
    assert json.loads(out) == []

    code, out, _ = run(
        capsys, "--db", db, "import-clips", str(wyze_folder), "--camera", "Porch",
        "--profile", "wyze",
    )  # fmt: skip
    assert code == 0 and "Naming profile of 'Porch' set to wyze." in out
    # The summary says how many new clips have a time that cannot be stood behind.
    assert "Porch: 4 clips added (1 with an uncertain time), 0 skipped." in out
    code, out, _ = run(capsys, "--db", db, "clips", "list", "--json")
    clips = {Path(c["path"]).name: c for c in json.loads(out)}
    assert (clips["15.mp4"]["start_source"], clips["15.mp4"]["start_certain"]) == (
        "filename:wyze",
        True,
    )
    assert clips["clip.mp4"]["start_source"] == "mtime"
    assert clips["clip.mp4"]["start_certain"] is False
    code, out, _ = run(capsys, "--db", db, "cameras", "list", "--json")
    assert json.loads(out)[0]["naming_profile"] == "wyze"
    code, out, _ = run(capsys, "--db", db, "clips", "list")
    assert out.count("time uncertain") == 1

    code, out, _ = run(capsys, "--db", db, "cameras", "edit", "Porch", "--profile", "auto")
    assert code == 0 and "recalculated" in out
    code, out, _ = run(capsys, "--db", db, "cameras", "list", "--json")
    assert json.loads(out)[0]["naming_profile"] is None


def test_an_unknown_profile_is_one_line_and_changes_nothing(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "d.sqlite3")
    run(capsys, "--db", db, "cameras", "add", "Porch", "--lat", "47.6", "--lon", "-122.3",
        "--tz", "UTC")  # fmt: skip
    code, out, err = run(capsys, "--db", db, "cameras", "edit", "Porch", "--profile", "nest")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "unknown naming profile 'nest'" in err and "wyze" in err
    code, _, err = run(
        capsys, "--db", db, "import-clips", str(tmp_path), "--camera", "Porch", "--profile", "x"
    )
    assert code == 1 and "unknown naming profile 'x'" in err
    code, out, _ = run(capsys, "--db", db, "cameras", "list", "--json")
    assert json.loads(out)[0]["naming_profile"] is None
