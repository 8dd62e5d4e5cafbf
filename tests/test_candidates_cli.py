"""A request's candidate clips on the command line: `requests show` lists each with
its decision, flags and times; `flag` marks one as showing children or private (and
clears it), with its audit entry, and approving it then needs --confirm."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from db.clips.cameras import Camera, add_camera
from db.store.database import open_database
from desktop.cli import main
from tests.requests_helpers import PORCH, insert_clip, make_doc, window_base, write_doc


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def setup(tmp_path: Path, capsys) -> tuple[str, dict, list[int]]:
    path = str(tmp_path / "d.sqlite3")
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    assert cam.id is not None
    start = window_base()
    clips = [
        insert_clip(db, cam.id, start + timedelta(minutes=10 * i), 60, f"c{i}.mp4")
        for i in range(3)
    ]
    # A clip outside the request's window: not a candidate.
    clips.append(insert_clip(db, cam.id, start - timedelta(days=3), 60, "old.mp4"))
    db.conn.commit()
    db.close()
    doc = make_doc()
    assert run(capsys, "--db", path, "import-request", str(write_doc(tmp_path, doc)))[0] == 0
    return path, doc, clips


def shown(capsys, path: str, request_id: str) -> dict:
    code, out, err = run(capsys, "--db", path, "requests", "show", request_id, "--json")
    assert code == 0, err
    return dict(json.loads(out))


def audit(path: str) -> list[tuple[str, str | None, int | None, str]]:
    db = open_database(path)
    rows = db.execute(
        "SELECT action, request_id, clip_id, details FROM audit_log WHERE action = 'clip flagged' "
        "ORDER BY seq"
    ).fetchall()
    db.close()
    return [tuple(r) for r in rows]


def test_show_lists_each_candidate_with_decision_and_flags(setup, capsys) -> None:
    path, doc, clips = setup
    assert run(capsys, "--db", path, "decide", doc["id"], str(clips[0]), "approve")[0] == 0
    assert (
        run(capsys, "--db", path, "decide", doc["id"], str(clips[1]), "decline", "--note", "yard")[
            0
        ]
        == 0
    )
    code, _out, err = run(capsys, "--db", path, "flag", doc["id"], str(clips[2]), "children")
    assert code == 0, err
    assert run(capsys, "--db", path, "flag", doc["id"], str(clips[2]), "private")[0] == 0

    data = shown(capsys, path, doc["id"])
    assert data["candidates"] == 3  # the existing key keeps its meaning
    by_id = {c["clip_id"]: c for c in data["candidate_clips"]}
    assert list(by_id) == clips[:3]
    assert by_id[clips[0]]["decision"] == "approved" and by_id[clips[0]]["flags"] == []
    assert by_id[clips[1]]["decision"] == "declined" and by_id[clips[1]]["note"] == "yard"
    assert by_id[clips[2]]["decision"] == "pending"
    assert by_id[clips[2]]["flags"] == ["shows_children", "private"]
    assert by_id[clips[2]]["camera"] == "Porch"
    assert set(by_id[clips[2]]) == {
        "clip_id", "camera", "start", "end", "decision", "flags", "note",
    }  # fmt: skip
    assert by_id[clips[2]]["start"] < by_id[clips[2]]["end"]

    code, out, _ = run(capsys, "--db", path, "requests", "show", doc["id"])
    listed = [ln for ln in out.splitlines() if ln.startswith("    clip ")]
    lines = {int(ln.split()[1]): ln for ln in listed if ln.split()[1].isdigit()}
    assert "approved" in lines[clips[0]] and "Porch" in lines[clips[0]]
    assert by_id[clips[0]]["start"] in lines[clips[0]]
    assert "declined" in lines[clips[1]] and "note: yard" in lines[clips[1]]
    assert "pending" in lines[clips[2]] and "[shows children, private]" in lines[clips[2]]


def test_flag_is_audited_and_needs_confirmation_to_approve(setup, capsys) -> None:
    path, doc, clips = setup
    code, out, err = run(capsys, "--db", path, "flag", doc["id"], str(clips[1]), "children")
    assert code == 0, err
    assert out.strip() == f"Clip {clips[1]} is now flagged 'shows children'."
    entries = audit(path)
    assert len(entries) == 1
    _action, request_id, clip_id, details = entries[0]
    assert (request_id, clip_id) == (doc["id"], clips[1])
    assert json.loads(details) == {"flag": "shows children", "set": True}

    code, _, err = run(capsys, "--db", path, "decide", doc["id"], str(clips[1]), "approve")
    assert code == 1 and "--confirm" in err and "shows children" in err

    # The same flag again changes nothing and records nothing.
    code, out, _ = run(capsys, "--db", path, "flag", doc["id"], str(clips[1]), "children")
    assert code == 0 and "already" in out and len(audit(path)) == 1

    code, out, _ = run(capsys, "--db", path, "flag", doc["id"], str(clips[1]), "children", "--off")
    assert code == 0 and "not flagged" in out
    assert json.loads(audit(path)[-1][3]) == {"flag": "shows children", "set": False}
    assert run(capsys, "--db", path, "decide", doc["id"], str(clips[1]), "approve")[0] == 0
    verify = run(capsys, "--db", path, "audit", "verify")
    assert verify[0] == 0, verify[2]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (("nope", "1", "children"), "no request with id 'nope'"),
        (("{req}", "{outside}", "private"), "is not among this request's candidate clips"),
        (("{req}", "999", "private"), "is not among this request's candidate clips"),
    ],
)
def test_flag_refusals_are_one_line_and_change_nothing(setup, capsys, argv, says) -> None:
    path, doc, clips = setup
    args = [a.format(req=doc["id"], outside=clips[3]) for a in argv]
    code, out, err = run(capsys, "--db", path, "flag", *args)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and says in err and err.startswith("doorstep: ")
    assert audit(path) == []
    db = open_database(path)
    assert db.execute("SELECT count(*) FROM clips WHERE shows_children OR private").fetchone() == (
        0,
    )
    db.close()


def test_bad_flag_name_is_refused(setup, capsys) -> None:
    path, doc, clips = setup
    with pytest.raises(SystemExit) as exc:
        main(["--db", path, "flag", doc["id"], str(clips[0]), "secret"])
    assert exc.value.code == 2
    assert "invalid choice: 'secret'" in capsys.readouterr().err
