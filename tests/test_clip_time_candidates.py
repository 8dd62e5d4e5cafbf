"""A clip whose recording time is uncertain is never matched silently: the request's
candidates show it with a warning, and approving it needs an explicit confirmation."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.demo.synth import make_clip
from db.store.database import open_database
from desktop.cli import main
from tests.requests_helpers import PORCH, make_doc, window_base, write_doc


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def make_footage(root: Path) -> dict[str, Path]:
    """Frigate recordings (UTC folders) inside the request's window: one whose
    container says ten days later, one whose name and container agree, and a file
    whose only time is its modification time."""
    base = window_base()  # the request's window starts here (UTC)
    day, hour = f"{base:%Y-%m-%d}", f"{base:%H}"
    files = {
        "disagree": make_clip(
            root / day / hour / "porch" / "15.00.mp4",
            seconds=2,
            creation_time=base + timedelta(days=10, minutes=15),
            hue=1,
        ),
        "agree": make_clip(
            root / day / hour / "porch" / "30.00.mp4",
            seconds=2,
            creation_time=base + timedelta(minutes=30, seconds=2),
            hue=2,
        ),
        "mtime": make_clip(root / "nameless.mp4", seconds=2, hue=3),
    }
    written = (base + timedelta(minutes=45)).timestamp()
    os.utime(files["mtime"], (written, written))
    return files


@pytest.fixture
def setup(tmp_path: Path, capsys) -> tuple[str, dict, dict[str, int]]:
    path = str(tmp_path / "d.sqlite3")
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    files = make_footage(tmp_path / "footage")
    import_folder(db, tmp_path / "footage", cam, probe_processes=0)
    ids = {
        key: int(db.execute("SELECT id FROM clips WHERE path = ?", [str(p)]).fetchone()[0])
        for key, p in files.items()
    }
    db.close()
    doc = make_doc()
    assert run(capsys, "--db", path, "import-request", str(write_doc(tmp_path, doc)))[0] == 0
    return path, doc, ids


def test_uncertain_candidates_show_a_warning(setup, capsys) -> None:
    path, doc, ids = setup
    _code, out, _ = run(capsys, "--db", path, "match", doc["id"])
    lines = {int(line.split()[0]): line for line in out.splitlines()}
    assert set(lines) == set(ids.values())
    assert "(time uncertain: the file name says" in lines[ids["disagree"]]
    assert "10.0 days later" in lines[ids["disagree"]]
    assert "(time uncertain: only the file's modification time" in lines[ids["mtime"]]
    assert "time uncertain:" not in lines[ids["agree"]]
    found = {c["clip_id"]: c for c in json.loads(run(capsys, "--db", path, "match", doc["id"],
                                                     "--json")[1])}  # fmt: skip
    assert found[ids["agree"]]["start_certain"] is True
    assert found[ids["disagree"]]["start_certain"] is False
    _code, out, _ = run(capsys, "--db", path, "requests", "show", doc["id"])
    assert f"clip {ids['disagree']} (Porch): time uncertain: the file name says" in out
    assert f"clip {ids['mtime']} (Porch): time uncertain: only" in out
    shown = json.loads(run(capsys, "--db", path, "requests", "show", doc["id"], "--json")[1])
    assert {c["clip_id"] for c in shown["uncertain_candidates"]} == {ids["disagree"], ids["mtime"]}


def test_approving_an_uncertain_clip_needs_confirmation(setup, capsys) -> None:
    path, doc, ids = setup
    code, out, err = run(capsys, "--db", path, "decide", doc["id"], str(ids["disagree"]), "approve")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "its recording time is uncertain" in err and "--confirm" in err
    assert "flagged as sensitive" not in err
    code, _, err = run(capsys, "--db", path, "decide", doc["id"], str(ids["mtime"]), "approve")
    assert code == 1 and "modification time" in err
    db = open_database(path)
    assert db.execute("SELECT count(*) FROM decisions").fetchone()[0] == 0
    db.close()
    # A certain clip needs nothing more; an uncertain one is approved when confirmed.
    assert run(capsys, "--db", path, "decide", doc["id"], str(ids["agree"]), "approve")[0] == 0
    code, out, _ = run(
        capsys, "--db", path, "decide", doc["id"], str(ids["disagree"]), "approve", "--confirm"
    )
    assert code == 0 and "approved" in out
    # Declining needs no confirmation: nothing is sent.
    assert run(capsys, "--db", path, "decide", doc["id"], str(ids["mtime"]), "decline")[0] == 0
