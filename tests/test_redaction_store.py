"""Redaction plans stored per request and clip (db/redaction/store.py, migration
m009_redaction_plans): proposed, replaced, accepted only as shown (by its SHA-256), the
acceptance in the audit trail in the same transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from db.audit import trail as audit
from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.demo.synth import make_clip
from db.redaction.plan import Box, Mask, PlanError, RedactionPlan, Track
from db.redaction.store import accept_plan, clear_plan, load_plan, save_plan
from db.requests.intake import import_request_bytes
from db.store.database import open_database
from tests.requests_helpers import PORCH, make_doc, window_base

NOW = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)


@pytest.fixture
def stored(tmp_path: Path) -> dict[str, Any]:
    folder = tmp_path / "porch"
    make_clip(folder / "a.mp4", seconds=2, creation_time=window_base() + timedelta(minutes=5))
    db = open_database(str(tmp_path / "d.sqlite3"))
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    import_folder(db, folder, cam)
    [(clip,)] = db.execute("SELECT id FROM clips").fetchall()
    doc = make_doc()
    row = import_request_bytes(db, json.dumps(doc).encode(), now=datetime.now(UTC)).row_id
    return {"db": db, "clip": int(clip), "row": row, "doc": doc, "path": tmp_path / "d.sqlite3"}


def a_plan(clip: int, *, faces: int = 2) -> RedactionPlan:
    # keys out of order: the stored plan reads them back sorted, digest and all
    tracks = [
        Track(f"f{i}", "face", [(1.5, Box(40, 40, 30, 30)), (0.5, Box(10, 10, 30, 30))], "t")
        for i in range(faces)
    ]
    tracks.append(Track("plate", "box", [(0.2, Box(100, 100, 40, 20))], "drawn", enabled=False))
    mask = Mask(3, "Neighbour's window", ((0, 0), (50, 0), (50, 50)))
    return RedactionPlan(clip, 0.0, 2.0, 320, 240, masks=[mask], tracks=tracks)


def redaction_entries(db: Any) -> list[dict[str, Any]]:
    rows = db.execute(
        "SELECT request_id, clip_id, details FROM audit_trail WHERE action = 'redaction accepted'"
    ).fetchall()
    return [{"request": r[0], "clip": r[1], **json.loads(r[2])} for r in rows]


def test_saved_plan_is_proposed_until_accepted_as_shown(stored) -> None:
    db, clip, row = stored["db"], stored["clip"], stored["row"]
    assert load_plan(db, row, clip) is None
    digest = save_plan(db, row, a_plan(clip), now=NOW)
    got = load_plan(db, row, clip)
    assert got is not None
    assert got.status == "proposed" and not got.accepted and got.accepted_at is None
    assert got.digest == digest == got.plan.digest()
    assert got.plan.tracks[0].keys[0][0] == 0.5  # sorted
    assert got.analysed_at == "2026-11-21T08:00:00.000Z"
    accept_plan(db, row, clip, digest, by="command line", now=NOW + timedelta(minutes=1))
    got = load_plan(db, row, clip)
    assert got is not None and got.accepted
    assert (got.accepted_by, got.accepted_at) == ("command line", "2026-11-21T08:01:00.000Z")
    [entry] = redaction_entries(db)
    assert entry["request"] == stored["doc"]["id"] and entry["clip"] == clip
    assert entry["plan_sha256"] == digest
    assert (entry["masks"], entry["faces"], entry["drawn_boxes"], entry["turned_off"]) == (
        1,
        2,
        0,
        1,
    )
    assert entry["accepted_by"] == "command line" and entry["style"] == "pixelate"
    assert audit.verify(db).ok


def test_a_digest_that_is_not_the_stored_plans_is_refused(stored) -> None:
    db, clip, row = stored["db"], stored["clip"], stored["row"]
    shown = save_plan(db, row, a_plan(clip), now=NOW)
    save_plan(db, row, a_plan(clip, faces=1), now=NOW)  # changed after it was shown
    with pytest.raises(PlanError, match="changed after it was shown; nothing was accepted"):
        accept_plan(db, row, clip, shown, by="window")
    got = load_plan(db, row, clip)
    assert got is not None and got.status == "proposed"
    assert redaction_entries(db) == []
    with pytest.raises(PlanError, match="no redaction plan is stored for clip 999"):
        accept_plan(db, row, 999, shown, by="window")
    with pytest.raises(ValueError, match="accepted by 'robot'"):
        accept_plan(db, row, clip, got.digest, by="robot")


def test_a_new_plan_replaces_an_accepted_one_and_clear_forgets_it(stored) -> None:
    db, clip, row = stored["db"], stored["clip"], stored["row"]
    accept_plan(db, row, clip, save_plan(db, row, a_plan(clip)), by="window")
    save_plan(db, row, a_plan(clip, faces=0))
    got = load_plan(db, row, clip)
    assert got is not None and got.status == "proposed" and got.accepted_by is None
    assert clear_plan(db, row, clip) is True
    assert load_plan(db, row, clip) is None
    assert clear_plan(db, row, clip) is False
    assert len(redaction_entries(db)) == 1  # the earlier acceptance stays on record


def test_a_plan_changed_outside_doorstep_is_refused(stored) -> None:
    db, clip, row = stored["db"], stored["clip"], stored["row"]
    digest = save_plan(db, row, a_plan(clip))
    with db.atomic():
        db.execute("UPDATE redaction_plans SET plan = json_set(plan, '$.style', 'fill')")
    with pytest.raises(PlanError, match="does not match its SHA-256"):
        load_plan(db, row, clip)
    with pytest.raises(PlanError, match="does not match its SHA-256"):
        accept_plan(db, row, clip, digest, by="window")
    assert redaction_entries(db) == []


def test_plans_go_with_their_clip(stored) -> None:
    db, clip, row = stored["db"], stored["clip"], stored["row"]
    save_plan(db, row, a_plan(clip))
    with db.atomic():
        db.execute("DELETE FROM decisions")
        db.execute("DELETE FROM clips")
    assert db.execute("SELECT count(*) FROM redaction_plans").fetchone()[0] == 0
