"""The audit trail: every action appended in the same transaction as the change,
hash-chained so that any edit, deletion, insertion, reordering or truncation behind an
anchor is found and named, append-only by triggers, and consistent after a SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.audit import trail as audit
from db.clips.cameras import Camera, add_camera
from db.store.database import open_database
from desktop.cli import main
from tests.requests_helpers import PORCH, insert_clip, make_doc, window_base, write_doc

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_actions_are_recorded_and_the_chain_verifies(tmp_path: Path, capsys) -> None:
    path = str(tmp_path / "d.sqlite3")
    run(
        capsys,
        "--db",
        path,
        "cameras",
        "add",
        "Porch",
        "--lat",
        str(PORCH[1]),
        "--lon",
        str(PORCH[0]),
    )
    db = open_database(path)
    clip = insert_clip(db, 1, window_base() + timedelta(minutes=3), 60, "c.mp4")
    db.close()
    doc = make_doc()
    run(capsys, "--db", path, "import-request", str(write_doc(tmp_path, doc)))
    run(capsys, "--db", path, "rules", "set", "max_retention_days", "200")
    run(capsys, "--db", path, "decide", doc["id"], str(clip), "decline", "--note", "no")
    code, out, _ = run(capsys, "--db", path, "audit", "verify")
    assert code == 0 and "intact" in out
    code, out, _ = run(capsys, "--db", path, "audit", "export", "--format", "json")
    data = json.loads(out)
    actions = [e["action"] for e in data["entries"]]
    assert actions == ["camera added", "request received", "rules changed", "decision"]
    decision = data["entries"][-1]
    assert decision["request_id"] == doc["id"] and decision["clip_id"] == clip
    assert decision["details"]["state"] == "declined" and decision["details"]["note"] == "no"
    received = data["entries"][1]["details"]
    assert ["retention", "ok"] in received["rules"]
    code, out, _ = run(
        capsys, "--db", path, "audit", "export", "--format", "csv", "--request", doc["id"]
    )
    lines = out.strip().splitlines()
    assert lines[0].startswith("seq,at,action") and len(lines) == 3
    # The plain-named views read the same data.
    db = open_database(path)
    assert db.execute("SELECT count(*) FROM audit_trail").fetchone()[0] == 4
    assert db.execute("SELECT state, camera FROM request_decisions").fetchall() == [
        ("declined", "Porch")
    ]


def test_triggers_refuse_changes(tmp_path: Path) -> None:
    db = open_database(tmp_path / "d.sqlite3")
    audit.append(db, "rules changed", now=datetime.now(UTC), details={"a": 1})
    for sql in ("UPDATE audit_log SET details = '{}'", "DELETE FROM audit_log"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute(sql)
    assert audit.verify(db).ok


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> list[tuple]:
    db = open_database(tmp_path_factory.mktemp("chain") / "c.sqlite3")
    t0 = datetime(2026, 11, 1, tzinfo=UTC)
    with db.atomic():
        for i in range(1000):
            audit.append(
                db,
                "decision",
                now=t0 + timedelta(seconds=i),
                request_id=f"r{i % 7}",
                clip_id=i,
                details={"state": "declined", "i": i},
            )
    rows = list(audit._rows(db))
    db.close()
    assert audit.verify_rows(rows).ok
    return rows


def test_every_edit_is_found_and_named(chain: list[tuple]) -> None:
    for k in range(len(chain)):
        rows = list(chain)
        row = list(rows[k])
        row[7] = row[7].replace('"declined"', '"approved"')
        rows[k] = tuple(row)
        verdict = audit.verify_rows(rows)
        assert not verdict.ok and verdict.first_bad == k + 1, k
        assert "changed" in verdict.problem


def test_every_edit_with_a_recomputed_hash_is_found(chain: list[tuple]) -> None:
    """An editor who also fixes the entry's own hash breaks the next link instead."""
    for k in range(len(chain) - 1):
        rows = list(chain)
        row = list(rows[k])
        row[7] = row[7].replace('"declined"', '"approved"')
        row[9] = audit.entry_hash(row[8], tuple(row[:8]))
        rows[k] = tuple(row)
        verdict = audit.verify_rows(rows)
        assert not verdict.ok and verdict.first_bad == k + 2, k


def test_every_deletion_is_found(chain: list[tuple]) -> None:
    for k in range(len(chain) - 1):  # the last one: see the anchor test
        rows = chain[:k] + chain[k + 1 :]
        verdict = audit.verify_rows(rows)
        assert not verdict.ok and verdict.first_bad == k + 1, k
        assert "missing" in verdict.problem


def test_every_insertion_is_found(chain: list[tuple]) -> None:
    for k in range(len(chain)):
        fake = list(chain[k])
        fake[7] = '{"state":"approved"}'
        rows = [*chain[:k], tuple(fake), *chain[k:]]
        verdict = audit.verify_rows(rows)
        assert not verdict.ok and verdict.first_bad in (k + 1, k + 2), k


def test_every_swap_is_found(chain: list[tuple]) -> None:
    for k in range(len(chain) - 1):
        rows = list(chain)
        rows[k], rows[k + 1] = rows[k + 1], rows[k]
        verdict = audit.verify_rows(rows)
        assert not verdict.ok and verdict.first_bad == k + 1, k


def test_renumbered_swap_is_found(chain: list[tuple]) -> None:
    """Swapping two entries' contents but keeping the numbers in order."""
    for k in range(0, len(chain) - 1, 7):
        rows = list(chain)
        a, b = list(rows[k]), list(rows[k + 1])
        a[0], b[0] = b[0], a[0]
        rows[k], rows[k + 1] = tuple(b), tuple(a)
        verdict = audit.verify_rows(rows)
        assert not verdict.ok and verdict.first_bad == k + 1, k


def test_cut_short_behind_an_anchor(tmp_path: Path, capsys) -> None:
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    now = datetime.now(UTC)
    for i in range(10):
        audit.append(db, "rules changed", now=now, details={"i": i})
    seq, digest = audit.anchor(db, "package 1234", now=now)
    for i in range(5):
        audit.append(db, "rules changed", now=now, details={"j": i})
    db.close()
    # Someone with the file drops the trigger and the last eight entries.
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE seq > 7")
    conn.close()
    code, _, err = run(capsys, "--db", str(path), "audit", "verify")
    assert code == 1 and "cut off" in err and "entry 10" in err
    # Without the local anchors table (also erased), the manifest's audit_head catches it.
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER audit_anchors_no_delete")
        conn.execute("DELETE FROM audit_anchors")
    conn.close()
    assert run(capsys, "--db", str(path), "audit", "verify")[0] == 0
    code, _, err = run(capsys, "--db", str(path), "audit", "verify", "--anchor", f"{seq}:{digest}")
    assert code == 1 and "cut off" in err


def test_a_changed_entry_in_the_file_is_named(tmp_path: Path, capsys) -> None:
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    for i in range(20):
        audit.append(
            db, "decision", now=datetime.now(UTC), clip_id=i, details={"state": "declined"}
        )
    db.close()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute('UPDATE audit_log SET details = \'{"state":"approved"}\' WHERE seq = 13')
    conn.close()
    code, out, err = run(capsys, "--db", str(path), "audit", "verify")
    assert code == 1 and out == ""
    assert err.strip() == (
        "doorstep: The audit trail is broken at entry 13: its content was "
        "changed after it was written"
    )


KILLER = """
import sys, time
from datetime import UTC, datetime
sys.path.insert(0, {root!r})
from db.store.database import open_database
from db.sharing.decisions import decide
db = open_database({db!r})
row = db.execute("SELECT id FROM requests").fetchone()[0]
clips = [r[0] for r in db.execute("SELECT id FROM clips ORDER BY id")]
print("ready", flush=True)
i = 0
while True:
    decide(db, row, [clips[i % len(clips)]], ("approved", "declined")[i % 2],
           now=datetime.now(UTC))
    i += 1
"""


def test_sigkill_mid_decision_leaves_a_consistent_database(tmp_path: Path, capsys) -> None:
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    assert cam.id is not None
    for i in range(20):
        insert_clip(db, cam.id, window_base() + timedelta(minutes=3 + i), 30, f"c{i}.mp4")
    db.close()
    doc = make_doc()
    assert run(capsys, "--db", str(path), "import-request", str(write_doc(tmp_path, doc)))[0] == 0
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLER.format(root=str(ROOT), db=str(path))],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 30
    count = 0
    while count < 60 and time.monotonic() < deadline:  # let it decide a while
        with sqlite3.connect(path) as conn:
            count = conn.execute(
                "SELECT count(*) FROM audit_log WHERE action = 'decision'"
            ).fetchone()[0]
        conn.close()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert count >= 60
    db = open_database(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert audit.verify(db).ok
    # Each clip's stored decision is the one its last audit entry records.
    last = {}
    for clip_id, details in db.execute(
        "SELECT clip_id, details FROM audit_log WHERE action = 'decision' ORDER BY seq"
    ):
        last[clip_id] = json.loads(details)["state"]
    stored = dict(db.execute("SELECT clip_id, state FROM decisions").fetchall())
    assert stored == last


# Any text UTF-8 can encode, as SQLite stores it: no lone surrogates.
text = st.text(st.characters(codec="utf-8"), max_size=40)


@given(
    seq=st.integers(1, 2**62),
    texts=st.lists(text, min_size=4, max_size=4),
    optional=st.lists(st.none() | text, min_size=2, max_size=2),
    ids=st.lists(st.none() | st.integers(-(2**62), 2**62), min_size=2, max_size=2),
)
@settings(max_examples=300, deadline=None)
def test_sqlite_builds_the_same_hashed_bytes_as_python(
    seq: int, texts: list, optional: list, ids: list
) -> None:
    fields = (seq, texts[0], texts[1], optional[0], optional[1], ids[0], ids[1], texts[2])
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE audit_log (seq INTEGER, at TEXT, action TEXT, request_id TEXT, "
        "agency_id TEXT, clip_id INTEGER, camera_id INTEGER, details TEXT, prev_hash TEXT)"
    )
    conn.execute(
        "INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [*fields, audit.GENESIS]
    )
    blob = conn.execute(f"SELECT {audit._CANONICAL_SQL} FROM audit_log").fetchone()[0]
    conn.close()
    assert blob == audit.GENESIS.encode() + b"\n" + audit.canonical(*fields)
