"""Holds in the database (db.holds): a clip shared by two requests is stored once and
kept until the second lets go; declined, expired and delivered-past-retention requests
release; sources found lost or changed; the budget; every change audited."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db.audit import trail as audit
from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.demo.synth import make_clip
from db.holds import holds
from db.holds.evidence_store import EvidenceStore
from db.holds.sources import SourceUnavailable, source_for
from db.requests.intake import import_request_bytes
from db.sharing.decisions import decide
from db.store import paths
from db.store.database import open_database
from db.store.timeutil import to_utc_text
from tests.requests_helpers import PORCH, make_doc, window_base

NOW = datetime.now(UTC)


@pytest.fixture
def home(tmp_path: Path):
    """A database with one camera and two clips in yesterday's window, and the store."""
    folder = tmp_path / "porch"
    base = window_base()
    make_clip(folder / "a.mp4", seconds=3, creation_time=base + timedelta(minutes=5))
    make_clip(folder / "b.mp4", seconds=2, hue=90, creation_time=base + timedelta(minutes=50))
    db = open_database(tmp_path / "d.sqlite3")
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    assert import_folder(db, folder, cam).added == 2
    yield db, EvidenceStore(paths.evidence_dir()), folder
    db.close()


def add_request(db, **fields: object) -> tuple[int, str]:
    doc = make_doc(**fields)
    received = import_request_bytes(db, json.dumps(doc).encode(), now=NOW)
    return received.row_id, str(doc["id"])


def clip_ids(db) -> list[int]:
    return [int(r[0]) for r in db.execute("SELECT id FROM clips ORDER BY path")]


def sha(db, clip_id: int) -> str:
    return str(db.execute("SELECT sha256 FROM clips WHERE id = ?", [clip_id]).fetchone()[0])


def entries(db, action: str) -> list[dict]:
    rows = db.execute(
        "SELECT details FROM audit_log WHERE action = ? ORDER BY seq", [action]
    ).fetchall()
    return [json.loads(r[0]) for r in rows]


def sync(db, store, now=NOW, budget=None, beyond=False):
    return holds.sync_holds(db, store, now, budget_bytes=budget, beyond_budget=beyond)


def test_two_requests_share_one_copy_until_the_second_lets_go(home):
    db, store, _ = home
    first, first_id = add_request(db)
    second, _ = add_request(db, expires_at=(NOW + timedelta(days=2)).isoformat())
    result = sync(db, store)
    a, b = clip_ids(db)
    assert sorted(result.held) == sorted([(a, first), (b, first), (a, second), (b, second)])
    assert db.execute("SELECT count(*) FROM held_files").fetchone()[0] == 2
    state = holds.hold_state(db, a)
    assert state.held and state.held_for == [first, second] and state.source == "present"
    assert store.has(sha(db, a))

    # The first is declined in full: its holds end, the copies stay for the second.
    decide(db, first, [a, b], "declined", now=NOW)
    result = sync(db, store)
    assert sorted(result.released) == [(a, first, "declined"), (b, first, "declined")]
    assert store.has(sha(db, a)) and holds.hold_state(db, a).held_for == [second]
    assert [e["copy_removed"] for e in entries(db, "hold released")] == [False, False]

    # The second expires: the copies go with its holds.
    later = NOW + timedelta(days=3)
    result = sync(db, store, now=later)
    assert sorted(result.released) == [(a, second, "expired"), (b, second, "expired")]
    assert not store.has(sha(db, a)) and not store.has(sha(db, b))
    assert db.execute("SELECT count(*) FROM held_files").fetchone()[0] == 0
    assert [e["reason"] for e in entries(db, "hold released")] == ["declined"] * 2 + ["expired"] * 2
    assert [e["copy_removed"] for e in entries(db, "hold released")][2:] == [True, True]
    held = db.execute(
        "SELECT request_id, clip_id FROM audit_log WHERE action = 'clip held' ORDER BY seq"
    ).fetchall()
    assert (first_id, a) in [tuple(r) for r in held]
    assert audit.verify(db).ok
    # Nothing more to do.
    again = sync(db, store, now=later)
    assert not again.held and not again.released


def test_a_delivered_request_keeps_its_clips_until_its_retention_ends(home):
    db, store, _ = home
    row, _ = add_request(db, retention_days=30)
    sync(db, store)
    a, b = clip_ids(db)
    decide(db, row, [a], "approved", now=NOW)
    delivered = NOW + timedelta(days=1)
    with db.atomic():
        cur = db.execute(
            "INSERT INTO packages (request_row, path, manifest_sha256, files, bytes, created_at) "
            "VALUES (?, '/nowhere', ?, 1, 1, ?)",
            [row, "0" * 64, to_utc_text(delivered)],
        )
        db.execute(
            "INSERT INTO deliveries (package_id, url, server_package_id, confirmed_files, "
            "bytes_sent, delivered_at) VALUES (?, 'https://x.example', 'p', 1, 1, ?)",
            [cur.lastrowid, to_utc_text(delivered)],
        )
    # Past the request's expiry, but delivered: held until the retention period ends.
    assert not sync(db, store, now=NOW + timedelta(days=20)).released
    assert not sync(db, store, now=delivered + timedelta(days=29)).released
    result = sync(db, store, now=delivered + timedelta(days=30, seconds=1))
    assert sorted(result.released) == [(a, row, "retention ended"), (b, row, "retention ended")]
    assert not holds.hold_state(db, a).held


def test_a_delivered_request_without_a_period_stays_held(home):
    db, store, _ = home
    row, _ = add_request(db, retention_days=None)
    sync(db, store)
    with db.atomic():
        cur = db.execute(
            "INSERT INTO packages (request_row, path, manifest_sha256, files, bytes, created_at) "
            "VALUES (?, '/nowhere', ?, 1, 1, ?)",
            [row, "0" * 64, to_utc_text(NOW)],
        )
        db.execute(
            "INSERT INTO deliveries (package_id, url, server_package_id, confirmed_files, "
            "bytes_sent, delivered_at) VALUES (?, 'https://x.example', 'p', 1, 1, ?)",
            [cur.lastrowid, to_utc_text(NOW)],
        )
    assert not sync(db, store, now=NOW + timedelta(days=4000)).released


def test_the_budget_holds_what_fits_and_lists_the_rest(home):
    db, store, folder = home
    add_request(db)
    a, b = clip_ids(db)
    size_a = (folder / "a.mp4").stat().st_size
    size_b = (folder / "b.mp4").stat().st_size
    result = sync(db, store, budget=size_a + size_b - 1)
    assert len(result.held) == 1 and len(result.waiting) == 1
    waiting = result.waiting[0]
    assert waiting.clip_id in (a, b) and result.used_bytes <= size_a + size_b - 1
    assert holds.used_bytes(db) == result.used_bytes
    # Asked: held beyond the budget.
    result = sync(db, store, budget=size_a + size_b - 1, beyond=True)
    assert [c for c, _r in result.held] == [waiting.clip_id]
    assert holds.used_bytes(db) == size_a + size_b


def test_budget_setting_is_audited_and_checked(home):
    db, _, _ = home
    assert holds.budget_bytes(db) is None
    holds.set_budget_bytes(db, 50_000_000_000, now=NOW)
    holds.set_budget_bytes(db, None, now=NOW)
    assert holds.budget_bytes(db) is None
    assert entries(db, "hold budget changed") == [
        {"budget_bytes": 50_000_000_000, "before_bytes": None},
        {"budget_bytes": None, "before_bytes": 50_000_000_000},
    ]
    with pytest.raises(holds.HoldError, match="more than 0 bytes"):
        holds.set_budget_bytes(db, 0, now=NOW)
    assert holds.parse_size("50GB") == 50 * 10**9
    assert holds.parse_size("1.5 TB") == 1_500_000_000_000
    assert holds.parse_size("2GiB") == 2 * 2**30
    assert holds.parse_size("none") is None
    with pytest.raises(holds.HoldError, match="'12 parsecs' is not a size"):
        holds.parse_size("12 parsecs")


def test_sources_lost_changed_and_touched(home):
    db, store, folder = home
    a, b = clip_ids(db)
    assert source_for(db, store, a) == folder / "a.mp4"
    seen = holds.hold_state(db, a).last_seen_at
    assert seen is not None

    # Touched, not changed: still present (hashed once, then known by its new time).
    os.utime(folder / "a.mp4", ns=(1, 1))
    assert source_for(db, store, a) == folder / "a.mp4"
    assert holds.hold_state(db, a).source == "present"

    # Gone, not held: lost, refused in one line naming the clip.
    (folder / "a.mp4").unlink()
    with pytest.raises(SourceUnavailable, match=rf"^clip {a} \(.*a\.mp4\): the file is gone"):
        source_for(db, store, a, NOW + timedelta(hours=1))
    state = holds.hold_state(db, a)
    assert state.source == "lost" and state.last_seen_at is not None

    # Changed in place of b: flagged, never used; holding it is refused.
    fresh = make_clip(folder / "new.mp4", seconds=2, hue=200)
    os.replace(fresh, folder / "b.mp4")
    with pytest.raises(SourceUnavailable, match="SHA-256 differs"):
        source_for(db, store, b)
    assert holds.hold_state(db, b).source == "changed"
    with pytest.raises(holds.HoldError, match="SHA-256 differs"):
        holds.hold_clip(db, store, b, request_row=None, now=NOW)
    assert not entries(db, "clip held")


def test_sync_lists_lost_and_changed_candidates(home):
    db, store, folder = home
    add_request(db)
    a, b = clip_ids(db)
    (folder / "a.mp4").unlink()
    os.replace(make_clip(folder / "new.mp4", seconds=2, hue=200), folder / "b.mp4")
    result = sync(db, store)
    assert result.lost == [a] and result.changed == [b] and not result.held


def test_the_held_copy_stands_in_for_a_lost_source(home):
    db, store, folder = home
    a, _ = clip_ids(db)
    assert holds.hold_clip(db, store, a, request_row=None, now=NOW)
    assert not holds.hold_clip(db, store, a, request_row=None, now=NOW)
    data = (folder / "a.mp4").read_bytes()
    (folder / "a.mp4").unlink()
    copy = source_for(db, store, a)
    assert copy != folder / "a.mp4" and copy.read_bytes() == data
    [held] = entries(db, "clip held")
    assert held["held_for"] == "resident" and held["sha256"] == sha(db, a)
    assert held["method"] in ("reflink", "hardlink", "copy")


def test_a_removed_clip_record_lets_its_copy_go(home):
    db, store, _ = home
    add_request(db)
    sync(db, store)
    a, _ = clip_ids(db)
    digest = sha(db, a)
    with db.atomic():
        db.execute("DELETE FROM clips WHERE id = ?", [a])
    result = sync(db, store)
    assert not store.has(digest)
    assert {"reason": "clip removed", "sha256": digest, "copy_removed": True} in entries(
        db, "hold released"
    )
    assert not result.held


def test_a_clip_no_longer_a_candidate_is_released(home):
    db, store, _ = home
    row, _ = add_request(db)
    sync(db, store)
    a, _b = clip_ids(db)
    # The clip's time moves out of the window (e.g. a clock offset measured).
    with db.atomic():
        db.execute(
            "UPDATE clips SET start_utc = '2001-01-01T00:00:00.000Z', "
            "end_utc = '2001-01-01T00:00:03.000Z' WHERE id = ?",
            [a],
        )
    result = sync(db, store)
    assert result.released == [(a, row, "no longer a candidate")]


@pytest.mark.parametrize(("column", "state", "reason"), [
    ("withdrawn_at", "withdrawn", "withdrawn"),
    ("replaced_at", "edited", "replaced"),
    ("auto_declined_at", "current", "declined"),
])  # fmt: skip
def test_withdrawn_replaced_and_automatically_declined_requests_release(
    home, column, state, reason
):
    db, store, _ = home
    row, _ = add_request(db)
    assert len(sync(db, store).held) == 2
    with db.atomic():
        db.execute(
            f"UPDATE requests SET state = ?, {column} = ? WHERE id = ?",
            [state, to_utc_text(NOW), row],
        )
    result = sync(db, store)
    assert {why for _c, _r, why in result.released} == {reason}
    assert len(result.released) == 2


def test_sync_reports_progress_and_stops_when_cancelled(home):
    import threading

    db, store, folder = home
    add_request(db)
    total = sum((folder / n).stat().st_size for n in ("a.mp4", "b.mp4"))
    cancel = threading.Event()
    cancel.set()
    result = holds.sync_holds(db, store, NOW, budget_bytes=None, cancel=cancel)
    assert result.cancelled and not result.held
    seen: list[tuple[int, int]] = []
    result = holds.sync_holds(
        db, store, NOW, budget_bytes=None, progress=lambda d, t: seen.append((d, t))
    )
    assert len(result.held) == 2 and not result.cancelled
    assert seen[-1] == (total, total)
    assert all(t == total and 0 <= d <= total for d, t in seen)


def test_hold_state_of_a_clip_that_does_not_exist(home):
    db, store, _ = home
    with pytest.raises(holds.HoldError, match="no clip with id 999"):
        holds.hold_state(db, 999)
    with pytest.raises(holds.HoldError, match="no clip with id 999"):
        holds.hold_clip(db, store, 999, request_row=None, now=NOW)
    with pytest.raises(SourceUnavailable, match="no clip with id 999"):
        source_for(db, store, 999)
    a, _ = clip_ids(db)
    assert not holds.release(db, store, a, request_row=None, now=NOW, reason="resident")
    with pytest.raises(ValueError, match="unknown release reason"):
        holds.release(db, store, a, request_row=None, now=NOW, reason="bored")


def test_a_file_put_in_the_store_first_is_held_though_its_source_went(home):
    """The window copies on a worker, then records on the database thread."""
    db, store, folder = home
    row, _ = add_request(db)
    a, b = clip_ids(db)
    store.put(folder / "a.mp4", sha(db, a))
    (folder / "a.mp4").unlink()
    result = sync(db, store)
    assert sorted(result.held) == [(a, row), (b, row)] and not result.lost
    assert holds.hold_state(db, a).source == "lost" and holds.hold_state(db, a).held
    assert source_for(db, store, a) == store.path_for(sha(db, a))


def test_status_names_waiting_lost_and_changed_candidates(home):
    from db.holds.sync import status

    db, store, folder = home
    add_request(db)
    a, b = clip_ids(db)
    (folder / "a.mp4").unlink()
    os.replace(make_clip(folder / "new.mp4", seconds=2, hue=200), folder / "b.mp4")
    before = status(db, NOW)
    assert before.waiting == [a, b] and before.lost == [] and before.held_clips == 0
    sync(db, store)
    after = status(db, NOW)
    assert (after.waiting, after.lost, after.changed) == ([], [a], [b])
    assert after.to_json()["used_bytes"] == 0
