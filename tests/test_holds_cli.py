"""Holds as the resident meets them on the command line (docs/holds.md): a request's
candidates held when it arrives, the export still cut from the held copy once the
recorder deleted the source, a changed source refused, the budget, releases."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.demo.synth import make_clip
from db.holds.evidence_store import EvidenceStore
from db.store import paths
from db.store.database import open_database
from desktop.cli import main
from tests.requests_helpers import PORCH, make_doc, window_base, write_doc


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def resident(tmp_path: Path) -> dict:
    """One camera with one clip inside yesterday's 14:00-16:00 UTC window."""
    folder = tmp_path / "porch"
    clip = make_clip(
        folder / "a.mp4", seconds=3, creation_time=window_base() + timedelta(minutes=5)
    )
    path = str(tmp_path / "d.sqlite3")
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    assert import_folder(db, folder, cam).added == 1
    db.close()
    (tmp_path / "docs").mkdir()
    return {"db": path, "tmp": tmp_path, "clip": clip}


def import_request(capsys, resident: dict, **fields: object) -> tuple[str, str]:
    doc = make_doc(**fields)
    docs = resident["tmp"] / "docs"
    path = write_doc(docs, doc, name=f"request-{len(list(docs.iterdir()))}.json")
    code, out, err = run(capsys, "--db", resident["db"], "import-request", str(path))
    assert code == 0, err
    return str(doc["id"]), out


def clips_json(capsys, resident: dict) -> list[dict]:
    code, out, err = run(capsys, "--db", resident["db"], "clips", "list", "--json")
    assert code == 0, err
    return list(json.loads(out))


def excerpt_hashes(package: Path) -> list[str]:
    manifest = json.loads((package / "manifest.json").read_text())
    return [f["sha256"] for f in manifest["files"]]


def export(capsys, resident: dict, request_id: str) -> tuple[int, str, str]:
    out = resident["tmp"] / f"out-{len(list(resident['tmp'].glob('out-*')))}"
    out.mkdir()
    return run(capsys, "--db", resident["db"], "export", request_id, "--out", str(out))


def package_of(out: str) -> Path:
    return Path(out.strip().splitlines()[-1].removeprefix("Package written to "))


def actions(db: str) -> list[str]:
    conn = open_database(db)
    rows = [str(r[0]) for r in conn.execute("SELECT action FROM audit_log ORDER BY seq")]
    conn.close()
    return rows


def replace_file(path: Path, **clip: object) -> None:
    """A recorder writing a new file where the old one was (a new file renamed in)."""
    fresh = make_clip(path.with_name("fresh" + path.suffix), **clip)  # type: ignore[arg-type]
    os.replace(fresh, path)


def test_export_after_the_source_is_deleted_uses_the_held_copy(resident, capsys):
    request_id, out = import_request(capsys, resident)
    assert "Held 1 candidate clip in the evidence store." in out
    [clip] = clips_json(capsys, resident)
    assert clip["held"] is True and clip["source"] == "present"
    assert {"held", "source", "last_seen_at"} <= clip.keys()
    code, _, err = run(
        capsys, "--db", resident["db"], "decide", request_id, str(clip["id"]), "approve"
    )
    assert code == 0, err
    code, out, err = export(capsys, resident, request_id)
    assert code == 0, err
    before = excerpt_hashes(package_of(out))

    resident["clip"].unlink()  # the recorder rotated it away
    code, out, err = export(capsys, resident, request_id)
    assert code == 0, err
    assert excerpt_hashes(package_of(out)) == before
    [clip] = clips_json(capsys, resident)
    assert clip["held"] is True and clip["source"] == "lost"
    assert clip["last_seen_at"]
    code, out, _ = run(capsys, "--db", resident["db"], "requests", "show", request_id)
    assert "Held: 1 of 1 candidate clips" in out
    assert f"clip {clip['id']}: the source file is gone, last seen" in out
    assert "a copy is held" in out
    code, out, _ = run(capsys, "--db", resident["db"], "requests", "show", request_id, "--json")
    [holding] = json.loads(out)["candidate_holds"]
    assert holding["clip_id"] == clip["id"] and holding["held"] is True
    assert holding["source"] == "lost" and len(holding["held_for"]) == 1


def test_a_changed_source_is_flagged_and_never_used(resident, capsys):
    request_id, _ = import_request(capsys, resident)
    [clip] = clips_json(capsys, resident)
    run(capsys, "--db", resident["db"], "decide", request_id, str(clip["id"]), "approve")
    code, out, err = export(capsys, resident, request_id)
    assert code == 0, err
    before = excerpt_hashes(package_of(out))

    replace_file(resident["clip"], seconds=3, hue=120, creation_time=window_base())
    code, out, err = export(capsys, resident, request_id)
    assert code == 0, err
    assert excerpt_hashes(package_of(out)) == before  # cut from the held original
    [clip] = clips_json(capsys, resident)
    assert clip["source"] == "changed" and clip["held"] is True

    # Without a held copy, nothing can be exported: one line names the clip.
    code, out, _ = run(capsys, "--db", resident["db"], "clips", "release", str(clip["id"]))
    assert code == 0 and "released" in out
    code, out, err = export(capsys, resident, request_id)
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert f"clip {clip['id']}" in err and "changed since it was imported" in err
    # ... nor held again from the changed file
    code, _, err = run(capsys, "--db", resident["db"], "clips", "hold", str(clip["id"]))
    assert code == 1 and "SHA-256 differs" in err and err.count("\n") == 1


def test_a_clip_neither_present_nor_held_fails_naming_it(resident, capsys):
    request_id, _ = import_request(capsys, resident)
    [clip] = clips_json(capsys, resident)
    run(capsys, "--db", resident["db"], "decide", request_id, str(clip["id"]), "approve")
    code, _, _ = run(capsys, "--db", resident["db"], "clips", "release", str(clip["id"]))
    assert code == 0
    resident["clip"].unlink()
    code, out, err = export(capsys, resident, request_id)
    assert code == 1 and out == ""
    assert err == (
        f"doorstep: clip {clip['id']} ({resident['clip']}): the file is gone "
        f"(last seen {clips_json(capsys, resident)[0]['last_seen_at']}) and no copy of it is held\n"
    )
    [clip] = clips_json(capsys, resident)
    assert clip["held"] is False and clip["source"] == "lost"


def test_the_resident_releases_and_holds_again(resident, capsys):
    import_request(capsys, resident)
    [clip] = clips_json(capsys, resident)
    cid = str(clip["id"])
    code, out, _ = run(capsys, "--db", resident["db"], "clips", "release", cid)
    assert out == f"Clip {cid} released (1 hold ended).\n"
    assert not EvidenceStore(paths.evidence_dir()).has(clip["sha256"])  # the copy is gone
    # The request does not take it back.
    code, out, _ = run(capsys, "--db", resident["db"], "holds", "sync")
    assert out == "Nothing to hold or release.\n"
    assert clips_json(capsys, resident)[0]["held"] is False
    code, out, _ = run(capsys, "--db", resident["db"], "clips", "hold", cid)
    assert (code, out) == (0, f"Clip {cid} held.\n")
    code, out, _ = run(capsys, "--db", resident["db"], "clips", "hold", cid)
    assert out == f"Clip {cid} was held already.\n"
    assert clips_json(capsys, resident)[0]["held"] is True
    assert actions(resident["db"]).count("clip held") == 2
    assert actions(resident["db"]).count("hold released") == 1
    code, out, _ = run(capsys, "--db", resident["db"], "audit", "verify")
    assert code == 0


def test_the_budget_keeps_clips_waiting_until_asked(resident, capsys):
    db = resident["db"]
    code, out, _ = run(capsys, "--db", db, "holds", "budget", "1KB")
    assert (code, out) == (0, "Budget: 1.0 KB.\n")
    _, out = import_request(capsys, resident)
    assert (
        "1 candidate clip (" in out and "waits for room in the budget" in out
    )  # one clip: singular
    assert "doorstep holds sync --beyond-budget" in out
    [clip] = clips_json(capsys, resident)
    assert clip["held"] is False
    code, out, _ = run(capsys, "--db", db, "holds", "status", "--json")
    status = json.loads(out)
    assert status["waiting"] == [clip["id"]] and status["budget_bytes"] == 1000
    code, out, _ = run(capsys, "--db", db, "holds", "status")
    assert f"Waiting to be held: clips {clip['id']}." in out
    code, _, err = run(capsys, "--db", db, "clips", "hold", str(clip["id"]))
    assert code == 1 and "beyond its budget" in err and "--beyond-budget" in err

    code, out, _ = run(capsys, "--db", db, "holds", "sync", "--beyond-budget")
    assert "Held 1 candidate clip" in out
    assert clips_json(capsys, resident)[0]["held"] is True
    code, out, _ = run(capsys, "--db", db, "holds", "budget", "none")
    assert out == "No budget: the store may grow.\n"
    code, out, _ = run(capsys, "--db", db, "holds", "status", "--json")
    assert json.loads(out)["budget_bytes"] is None
    status = json.loads(out)
    assert status["used_bytes"] == resident["clip"].stat().st_size
    assert status["copied_bytes"] + status["linked_bytes"] == status["used_bytes"]
    assert actions(db).count("hold budget changed") == 2


def test_a_size_that_is_not_one_is_refused_in_one_line(resident, capsys):
    code, out, err = run(capsys, "--db", resident["db"], "holds", "budget", "lots")
    assert code == 1 and out == ""
    assert err == (
        "doorstep: 'lots' is not a size: give a number and a unit (e.g. 50GB, 800MB, "
        "1.5TB) or none\n"
    )


def test_declining_releases_the_hold(resident, capsys):
    request_id, _ = import_request(capsys, resident)
    [clip] = clips_json(capsys, resident)
    code, out, _ = run(
        capsys, "--db", resident["db"], "decide", request_id, str(clip["id"]), "decline"
    )
    assert code == 0 and "Released 1 hold of settled requests." in out
    assert clips_json(capsys, resident)[0]["held"] is False
    conn = open_database(resident["db"])
    [details] = conn.execute(
        "SELECT details FROM audit_log WHERE action = 'hold released'"
    ).fetchone()
    conn.close()
    assert json.loads(details)["reason"] == "declined"
    assert json.loads(details)["copy_removed"] is True


def test_importing_clips_holds_new_candidates(resident, capsys):
    import_request(capsys, resident)
    folder = resident["tmp"] / "porch"
    make_clip(folder / "b.mp4", seconds=2, creation_time=window_base() + timedelta(minutes=30))
    code, out, err = run(
        capsys, "--db", resident["db"], "import-clips", str(folder), "--camera", "Porch"
    )
    assert code == 0, err
    assert "Held 1 candidate clip in the evidence store." in out
    assert [c["held"] for c in clips_json(capsys, resident)] == [True, True]


def test_a_new_file_under_a_held_clips_name_does_not_replace_it(resident, capsys):
    import_request(capsys, resident)
    [clip] = clips_json(capsys, resident)
    replace_file(resident["clip"], seconds=2, hue=60, creation_time=window_base())
    folder = resident["clip"].parent
    code, out, err = run(
        capsys, "--db", resident["db"], "import-clips", str(folder), "--camera", "Porch"
    )
    assert code == 0, err
    assert f"it replaced held clip {clip['id']}, which is kept" in out
    [after] = clips_json(capsys, resident)
    assert after["id"] == clip["id"] and after["sha256"] == clip["sha256"]
    assert after["source"] == "changed" and after["held"] is True
    # Released, the new file takes its place as before holds existed.
    run(capsys, "--db", resident["db"], "clips", "release", str(clip["id"]))
    code, out, err = run(
        capsys, "--db", resident["db"], "import-clips", str(folder), "--camera", "Porch"
    )
    assert code == 0 and "1 clip added" in out, out
    [new] = clips_json(capsys, resident)
    assert new["sha256"] != clip["sha256"]
