"""Redacted share packages from the command line (`export --redact`, `deliver --redact`):
a real face found by the detector and a camera's privacy mask hidden, the manifest
listing what was hidden, the acceptance in the audit trail; a plan the resident
accepted in the window used as it is; nothing hidden when nothing is asked."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from skimage.metrics import structural_similarity

from db.audit import trail as audit
from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.clips.media import sha256_file
from db.redaction.masks import add_mask
from db.redaction.plan import RedactionPlan, Track
from db.redaction.render import block_size, pixelated
from db.redaction.store import accept_plan, save_plan
from db.store.database import open_database
from desktop.cli import main
from tests.redaction_clips import FaceClip, face_clip, luma_frames, psnr
from tests.requests_helpers import PORCH, make_doc, window_base, write_doc

MAX_SSIM = 0.5  # as in tests/test_redaction_render.py
WINDOW = ((600, 0), (639, 0), (639, 40), (600, 40))  # a neighbour's window, top right


@pytest.fixture
def resident(tmp_path: Path, capsys) -> dict[str, Any]:
    """One camera with one clip of a face, approved for a request."""
    clip = face_clip(
        tmp_path / "porch" / "door.mp4", creation_time=window_base() + timedelta(minutes=5)
    )
    path = str(tmp_path / "d.sqlite3")
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    assert import_folder(db, tmp_path / "porch", cam).added == 1
    [(clip_id,)] = db.execute("SELECT id FROM clips").fetchall()
    db.close()
    doc = make_doc()
    assert main(["--db", path, "import-request", str(write_doc(tmp_path, doc))]) == 0
    assert main(["--db", path, "decide", doc["id"], str(clip_id), "approve"]) == 0
    capsys.readouterr()
    return {
        "db": path,
        "doc": doc,
        "clip": clip,
        "clip_id": clip_id,
        "camera": cam.id,
        "tmp": tmp_path,
        "capsys": capsys,
    }


def export(r: dict[str, Any], name: str, *options: str) -> tuple[int, str, str, Path]:
    """`export` as typed (in this process: its keyring is the tests' throwaway one)."""
    out = r["tmp"] / name
    out.mkdir()
    capsys = r["capsys"]
    capsys.readouterr()
    code = main(["--db", r["db"], "export", r["doc"]["id"], "--out", str(out), *options])
    printed = capsys.readouterr()
    return code, printed.out, printed.err, out


def entry_of(out: Path) -> tuple[dict[str, Any], Path]:
    [package] = list(out.iterdir())
    [entry] = json.loads((package / "manifest.json").read_bytes())["files"]
    return entry, package / entry["name"]


def accepted_entries(db_path: str) -> list[dict[str, Any]]:
    db = open_database(db_path)
    try:
        rows = db.execute(
            "SELECT details FROM audit_trail WHERE action = 'redaction accepted'"
        ).fetchall()
        assert audit.verify(db).ok
    finally:
        db.close()
    return [json.loads(r[0]) for r in rows]


def add_window_mask(r: dict[str, Any]) -> int:
    db = open_database(r["db"])
    try:
        return add_mask(db, r["camera"], "Neighbour's window", list(WINDOW), 640, 360)
    finally:
        db.close()


def face_hidden_share(clip: FaceClip, excerpt: Path, start_s: float) -> float:
    """The share of the excerpt's frames in which the face is beyond recognition."""
    source = luma_frames(clip.path)
    frames = luma_frames(excerpt)
    hidden = 0
    for at, picture in frames.items():
        t = round(start_s + at, 2)
        face = clip.face_at(t)
        region = (slice(face.y, face.y + face.h), slice(face.x, face.x + face.w))
        if structural_similarity(source[t][region], picture[region], data_range=255) < MAX_SSIM:
            hidden += 1
    return hidden / len(frames)


def test_export_redact_faces_and_masks(resident) -> None:
    mask_id = add_window_mask(resident)
    code, out, err, folder = export(resident, "out", "--redact", "faces,masks")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(f"Redacting clip {resident['clip_id']} (Porch, ")
    assert "1 privacy mask, 1 face hidden (pixelate); re-encoded" in lines[0]
    entry, excerpt = entry_of(folder)
    assert entry["re_encoded"] is True
    assert entry["re_encode_reason"] == "redacted: 1 privacy mask, 1 face hidden (pixelate)"
    red = entry["redaction"]
    assert red["working_copy"] == "redacted"
    assert red["masks"] == [{"id": mask_id, "name": "Neighbour's window"}]
    assert red["faces"]["count"] == 1
    assert red["detector"]["name"] == "CenterFace"
    assert len(red["detector"]["model_sha256"]) == 64
    assert red["accepted"]["by"] == "command line"
    assert red["original_sha256"] == entry["source"]["sha256"] == sha256_file(resident["clip"].path)
    [track] = red["faces"]["tracks"]
    [hidden] = track["ranges"]
    assert hidden["excerpt_s"][0] < 0.4 and hidden["excerpt_s"][1] > entry["duration_s"] - 0.4
    # the bar: the face beyond recognition in at least 95 % of the frames
    assert face_hidden_share(resident["clip"], excerpt, entry["trim"]["start_s"]) >= 0.95
    [accepted] = accepted_entries(resident["db"])
    assert accepted["accepted_by"] == "command line"
    assert accepted["plan_sha256"] == red["plan_sha256"]
    assert (accepted["masks"], accepted["faces"], accepted["detector"]) == (1, 1, "CenterFace")


def test_by_default_faces_and_masks_are_hidden_and_the_accepted_plan_reused(
    resident, capsys
) -> None:
    add_window_mask(resident)
    code, out, err, folder = export(resident, "out")
    assert code == 0, err
    # face blurring is on by default for excerpts, on the command line as in the window
    assert "1 privacy mask, 1 face hidden (pixelate); re-encoded" in out
    entry, excerpt = entry_of(folder)
    red = entry["redaction"]
    assert red["faces"]["count"] == 1 and red["detector"]["name"] == "CenterFace"
    assert len(red["masks"]) == 1
    assert entry["re_encode_reason"] == "redacted: 1 privacy mask, 1 face hidden (pixelate)"
    # the mask's area is the source's, pixelated: nearer that than the source itself
    frames = luma_frames(excerpt)
    source = luma_frames(resident["clip"].path)
    start = entry["trim"]["start_s"]
    for t, picture in frames.items():
        before = source[round(start + t, 2)][0:42, 600:640]
        blocks = pixelated(before, block_size(40, 42))[0:40]
        got = picture[0:40, 600:640]
        assert psnr(got, blocks) > psnr(got, before[0:40]) + 3, t
    # the accepted plan is used again: no second acceptance
    out2 = resident["tmp"] / "again"
    out2.mkdir()
    assert main(["--db", resident["db"], "export", resident["doc"]["id"], "--out", str(out2)]) == 0
    assert entry_of(out2)[0]["redaction"]["plan_sha256"] == red["plan_sha256"]
    assert len(accepted_entries(resident["db"])) == 1


def test_a_plan_accepted_in_the_window_is_used_as_it_is(resident) -> None:
    clip: FaceClip = resident["clip"]
    db = open_database(resident["db"])
    try:
        row = db.execute("SELECT id FROM requests").fetchone()[0]
        duration = float(db.execute("SELECT duration_s FROM clips").fetchone()[0])
        # the resident drew a box over the face for the excerpt (the whole clip) and
        # chose solid fill
        keys = [(i / clip.fps, box) for i, box in enumerate(clip.faces)]
        track = Track("drawn-1", "box", keys, "drawn")
        plan = RedactionPlan(resident["clip_id"], 0.0, duration, 640, 360, tracks=[track])
        plan.style = "fill"
        digest = save_plan(db, row, plan)
        accept_plan(db, row, resident["clip_id"], digest, by="window")
    finally:
        db.close()
    code, _out, err, folder = export(resident, "out", "--redact", "faces,masks")
    assert code == 0, err
    entry, _ = entry_of(folder)
    red = entry["redaction"]
    assert red["plan_sha256"] == digest and red["accepted"]["by"] == "window"
    assert red["style"] == "fill" and red["detector"] is None  # no faces searched for
    assert red["drawn_boxes"]["count"] == 1
    assert len(accepted_entries(resident["db"])) == 1  # the window's acceptance only


def test_redact_none_is_a_stream_copy_and_a_bad_list_is_refused(resident) -> None:
    add_window_mask(resident)
    code, _, err, folder = export(resident, "out", "--redact", "none")
    assert code == 0, err
    entry, _ = entry_of(folder)
    assert entry["re_encoded"] is False and entry["redaction"] is None
    assert accepted_entries(resident["db"]) == []
    code, _out, err, folder = export(resident, "bad", "--redact", "faces,plates")
    assert code == 1
    assert err.strip() == (
        "doorstep: --redact: plates is not one of faces, masks (comma-separated) or none"
    )
    assert list(folder.iterdir()) == []
    capsys = resident["capsys"]
    assert main(["--db", resident["db"], "deliver", resident["doc"]["id"], "--redact", ""]) == 1
    assert capsys.readouterr().err.strip() == (
        "doorstep: --redact: nothing is not one of faces, masks (comma-separated) or none"
    )


def test_no_face_detector_model_is_one_line_and_nothing_is_kept(
    resident, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("DOORSTEP_MODELS_DIR", str(tmp_path / "no-models"))
    code, out, err, folder = export(resident, "out", "--redact", "faces")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert err.startswith(f"doorstep: clip {resident['clip_id']} (Porch, ")
    assert "face detector model missing" in err and "run the set-up (make)" in err
    assert list(folder.iterdir()) == [] and accepted_entries(resident["db"]) == []


def test_a_stored_plan_changed_outside_doorstep_stops_the_export(resident) -> None:
    add_window_mask(resident)
    assert export(resident, "out")[0] == 0
    db = open_database(resident["db"])
    try:
        with db.atomic():
            db.execute("UPDATE redaction_plans SET plan = json_set(plan, '$.style', 'fill')")
    finally:
        db.close()
    code, _, err, folder = export(resident, "again")
    assert code == 1 and "does not match its SHA-256" in err and err.count("\n") == 1
    assert list(folder.iterdir()) == []


def test_a_look_at_what_would_be_shared_stores_nothing(resident) -> None:
    """prepare without anyone to accept (the review window's look) attaches the plan
    it would use, and neither stores nor accepts it."""
    from datetime import UTC, datetime

    from db.sharing.shares import prepare

    mask_id = add_window_mask(resident)
    db = open_database(resident["db"])
    try:
        row = db.execute("SELECT id FROM requests").fetchone()[0]
        [ex] = prepare(db, row, now=datetime.now(UTC)).spec.excerpts
        assert ex.redaction is not None and ex.redaction_accepted is None
        assert [m.mask_id for m in ex.redaction.masks] == [mask_id]
        assert db.execute("SELECT count(*) FROM redaction_plans").fetchone()[0] == 0
    finally:
        db.close()
    assert accepted_entries(resident["db"]) == []


def test_boxes_drawn_in_an_unfinished_review_are_kept(resident) -> None:
    """A plan proposed in the window but not accepted: the command line makes its own,
    and keeps the boxes the resident drew (hiding more is never a risk)."""
    clip: FaceClip = resident["clip"]
    db = open_database(resident["db"])
    try:
        row = db.execute("SELECT id FROM requests").fetchone()[0]
        duration = float(db.execute("SELECT duration_s FROM clips").fetchone()[0])
        keys = [(i / clip.fps, box) for i, box in enumerate(clip.faces)]
        drawn = Track("drawn-1", "box", keys, "drawn")
        face = Track("face-9", "face", keys[:3], "CenterFace")
        plan = RedactionPlan(resident["clip_id"], 0.0, duration, 640, 360, tracks=[drawn, face])
        save_plan(db, row, plan)
    finally:
        db.close()
    # masks only: the proposed face tracks are not taken over, the drawn box is
    code, out, err, folder = export(resident, "out", "--redact", "masks")
    assert code == 0, err
    assert "1 drawn box hidden (pixelate); re-encoded" in out
    red = entry_of(folder)[0]["redaction"]
    assert red["drawn_boxes"]["count"] == 1 and red["faces"]["count"] == 0
    assert red["accepted"]["by"] == "command line"
    [accepted] = accepted_entries(resident["db"])
    assert accepted["drawn_boxes"] == 1 and accepted["plan_sha256"] == red["plan_sha256"]
