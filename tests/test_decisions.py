"""Deciding clip by clip, from the command line as scripts use it: local only, final
once delivered, refused where nothing may be shared, and flagged clips confirmed."""

from __future__ import annotations

import json
import socket
import sys
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
    db.execute("UPDATE clips SET shows_children = 1 WHERE id = ?", [clips[2]])
    db.conn.commit()
    db.close()
    doc = make_doc()
    assert run(capsys, "--db", path, "import-request", str(write_doc(tmp_path, doc)))[0] == 0
    return path, doc, clips


def status(capsys, path: str, request_id: str) -> str:
    return json.loads(run(capsys, "--db", path, "requests", "show", request_id, "--json")[1])[
        "status"
    ]


def test_deciding_every_candidate_decides_the_request(setup, capsys) -> None:
    path, doc, clips = setup
    code, out, _ = run(capsys, "--db", path, "decide", doc["id"], str(clips[0]), "approve")
    assert code == 0 and "approved" in out
    code, out, _ = run(
        capsys,
        "--db",
        path,
        "decide",
        doc["id"],
        str(clips[1]),
        "decline",
        "--note",
        "shows my neighbour's yard",
    )
    assert code == 0 and "nothing is sent" in out
    assert status(capsys, path, doc["id"]) == "new"  # one candidate still pending
    code, _, err = run(capsys, "--db", path, "decide", doc["id"], str(clips[2]), "decline")
    assert code == 0, err
    assert status(capsys, path, doc["id"]) == "decided"
    # Decisions can be changed until the package is sent.
    assert run(capsys, "--db", path, "decide", doc["id"], str(clips[1]), "pending")[0] == 0
    assert status(capsys, path, doc["id"]) == "new"
    db = open_database(path)
    rows = dict(db.execute("SELECT clip_id, state FROM decisions").fetchall())
    note = db.execute("SELECT note FROM decisions WHERE clip_id = ?", [clips[1]]).fetchone()[0]
    assert rows == {clips[0]: "approved", clips[1]: "pending", clips[2]: "declined"}
    assert note is None


def test_flagged_clip_needs_confirmation(setup, capsys) -> None:
    path, doc, clips = setup
    code, _, err = run(capsys, "--db", path, "decide", doc["id"], str(clips[2]), "approve")
    assert code == 1 and "shows children" in err and "--confirm" in err
    code, _, _ = run(
        capsys, "--db", path, "decide", doc["id"], str(clips[2]), "approve", "--confirm"
    )
    assert code == 0


def test_not_a_candidate_is_refused(setup, capsys) -> None:
    path, doc, _clips = setup
    code, _, err = run(capsys, "--db", path, "decide", doc["id"], "999", "approve")
    assert code == 1 and "not among this request's candidate clips" in err


def test_blocked_request_can_be_declined_but_not_approved(setup, tmp_path: Path, capsys) -> None:
    path, _doc, clips = setup
    blocked = make_doc(case_number=None)
    run(capsys, "--db", path, "import-request", str(write_doc(tmp_path, blocked)))
    code, _, err = run(capsys, "--db", path, "decide", blocked["id"], str(clips[0]), "approve")
    assert code == 1 and "nothing can be shared" in err and "case number" in err
    assert run(capsys, "--db", path, "decide", blocked["id"], str(clips[0]), "decline")[0] == 0


def test_decisions_are_final_once_delivered(setup, capsys) -> None:
    path, doc, clips = setup
    run(capsys, "--db", path, "decide", doc["id"], str(clips[0]), "approve")
    db = open_database(path)
    row = db.execute("SELECT id FROM requests").fetchone()[0]
    with db.atomic():
        db.execute(
            "INSERT INTO packages (request_row, path, manifest_sha256, files, bytes, "
            "created_at) VALUES (?, '/p', ?, 1, 10, 'now')",
            [row, "0" * 64],
        )
        db.execute(
            "INSERT INTO deliveries (package_id, url, server_package_id, confirmed_files, "
            "bytes_sent, delivered_at) VALUES (1, 'https://x', 'p1', 1, 10, "
            "'2026-11-22T10:00:00.000Z')"
        )
    db.close()
    code, _, err = run(capsys, "--db", path, "decide", doc["id"], str(clips[0]), "decline")
    assert code == 1 and "delivered on 2026-11-22" in err


def test_declining_opens_no_socket(setup, capsys) -> None:
    path, doc, clips = setup
    seen: list[str] = []
    armed = [True]

    def hook(event: str, args: tuple) -> None:
        if armed[0] and event in ("socket.connect", "socket.getaddrinfo", "socket.sendto"):
            seen.append(event)

    sys.addaudithook(hook)
    try:
        for clip in clips:
            assert run(capsys, "--db", path, "decide", doc["id"], str(clip), "decline")[0] == 0
        run(capsys, "--db", path, "requests", "show", doc["id"])
        run(capsys, "--db", path, "match", doc["id"])
    finally:
        armed[0] = False
    assert seen == []
    armed[0] = True  # the hook does notice a connection
    with socket.socket() as s, pytest.raises(OSError):
        s.connect(("127.0.0.1", 9))
    armed[0] = False
    assert seen
