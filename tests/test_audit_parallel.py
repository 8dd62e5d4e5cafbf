"""A long audit chain is checked in parts, in helper processes too (db.audit.parallel):
whatever is wrong, and wherever (inside a part, at a part's edge, in the parts the
helper checks or those this process does), ``verify`` names it exactly as the check in
one process does, and nothing is skipped."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypedDict

import pytest
from sqlite_utils import Database

from db.audit import parallel as audit_parallel
from db.audit import trail as audit
from db.store.database import open_database
from desktop.cli import main

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = 700
PART = 128  # parts 0-4 full, part 5 holds entries 641-700; parts 0 and 1 go to the helper


class _Parallel(TypedDict):
    parallel_from: int
    processes: int
    part: int


# Typed so that mypy checks each keyword against verify's and check_in_parallel's.
PARALLEL: _Parallel = {"parallel_from": 100, "processes": 2, "part": PART}
CHANGED = "its content was changed after it was written"
NOT_FOLLOWING = (
    "it does not follow the entry before it (an entry was inserted, removed or moved here)"
)


def build(path: Path, entries: int) -> None:
    db = open_database(path)
    t0 = datetime(2026, 11, 1, tzinfo=UTC)
    with db.atomic():
        batch = audit.Batch(db)
        for i in range(entries):
            batch.add(
                "decision",
                now=t0 + timedelta(seconds=i),
                request_id=f"r{i % 7}",
                clip_id=i,
                details={"state": "declined", "i": i},
            )
        batch.write()
    db.close()


@pytest.fixture(scope="module")
def chain_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("chain") / "chain.sqlite3"
    build(path, ENTRIES)
    return path


@pytest.fixture
def chain(chain_file: Path, tmp_path: Path) -> Path:
    """A copy of the chain to tamper with."""
    path = tmp_path / "d.sqlite3"
    shutil.copy(chain_file, path)
    return path


def tamper(path: Path, *statements: str) -> None:
    """What someone with the file could do, past the triggers."""
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        conn.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
        for sql in statements:
            conn.execute(sql)
    conn.close()


def same_verdict(path: Path, extra: list[tuple[int, str, str]] | None = None) -> str:
    """The verdict on the file checked in parts, after checking that the check in one
    process finds the same."""
    db = open_database(path)
    try:
        parallel = audit.verify(db, extra or [], **PARALLEL)
        assert parallel == audit.verify(db, extra or [], parallel_from=10**9)
    finally:
        db.close()
    return parallel.text()


def test_an_intact_chain_checked_in_parts_is_the_chain_checked_at_once(chain: Path) -> None:
    db = open_database(chain)
    try:
        checked = audit_parallel.check_in_parallel(
            db.conn, audit._CANONICAL_TEXT_SQL, audit.GENESIS, set(), **PARALLEL
        )
        assert checked is not None and checked.ok and checked.last == ENTRIES
        parallel = audit.verify(db, **PARALLEL)
        assert parallel == audit.verify(db, parallel_from=10**9)
        assert parallel.ok and parallel.entries == ENTRIES
        # Three processes, parts of one entry.
        assert audit.verify(db, parallel_from=1, processes=3, part=1) == parallel
    finally:
        db.close()


# Entry 1, and inside and at both edges of every part: those the helper checks (0, 1),
# the others, the short last one. A part left unchecked fails its case.
EDGES = [1, 64, 128, 129, 256, 257, 384, 500, 600, 640, 641, 700]


@pytest.mark.parametrize("seq", EDGES)
def test_a_changed_entry_is_named_wherever_it_is(chain: Path, seq: int) -> None:
    tamper(chain, f'UPDATE audit_log SET details = \'{{"state":"approved"}}\' WHERE seq = {seq}')
    assert same_verdict(chain) == f"The audit trail is broken at entry {seq}: {CHANGED}"


@pytest.mark.parametrize("seq", [1, 128, 129, 300, 700])
def test_a_changed_entry_with_its_hash_recomputed_breaks_the_next_link(
    chain: Path, seq: int
) -> None:
    db = open_database(chain)
    row = db.execute(
        "SELECT seq, at, action, request_id, agency_id, clip_id, camera_id, details, "
        "prev_hash FROM audit_log WHERE seq = ?",
        [seq],
    ).fetchone()
    db.close()
    details = '{"state":"approved"}'
    digest = audit.entry_hash(row[8], (*row[:7], details))
    tamper(
        chain, f"UPDATE audit_log SET details = '{details}', hash = '{digest}' WHERE seq = {seq}"
    )
    verdict = same_verdict(chain)
    if seq == ENTRIES:  # nothing follows it: only an anchor could tell
        assert verdict.startswith("The audit trail is intact: 700 entries")
    else:
        assert verdict == f"The audit trail is broken at entry {seq + 1}: {NOT_FOLLOWING}"


@pytest.mark.parametrize("seq", [1, 64, 128, 129, 641])
def test_a_removed_entry_is_named(chain: Path, seq: int) -> None:
    tamper(chain, f"DELETE FROM audit_log WHERE seq = {seq}")
    assert same_verdict(chain) == (
        f"The audit trail is broken at entry {seq}: entry {seq} is missing "
        f"(the next one is {seq + 1})"
    )


def renumber_from(seq: int, by: int) -> list[str]:
    """Statements moving entries ``seq``... by ``by`` (two steps: seq is unique)."""
    return [
        f"UPDATE audit_log SET seq = -(seq + {by}) WHERE seq >= {seq}",
        "UPDATE audit_log SET seq = -seq WHERE seq < 0",
    ]


@pytest.mark.parametrize("seq", [64, 128, 129, 500])
def test_an_inserted_entry_is_named(chain: Path, seq: int) -> None:
    """A made-up entry slipped in as number ``seq``, the later ones renumbered; it even
    follows the one before, so the one after it no longer does."""
    db = open_database(chain)
    before = db.execute("SELECT hash FROM audit_log WHERE seq = ?", [seq - 1]).fetchone()[0]
    db.close()
    fields = (seq, "2026-11-01T00:00:00Z", "decision", "r1", None, 5, None, '{"state":"x"}')
    row = (*fields, before, audit.entry_hash(before, fields))
    tamper(chain, *renumber_from(seq, 1))
    with sqlite3.connect(chain) as conn:
        conn.execute(f"INSERT INTO audit_log VALUES ({', '.join('?' * 10)})", row)
    conn.close()
    assert same_verdict(chain) == f"The audit trail is broken at entry {seq + 1}: {NOT_FOLLOWING}"


@pytest.mark.parametrize("seq", [64, 128, 256, 699])
def test_two_entries_swapped_are_named(chain: Path, seq: int) -> None:
    """Entries ``seq`` and ``seq + 1`` swap places, each keeping its number (at 128 and
    256 across the edge of two parts)."""
    cols = "at, action, request_id, agency_id, clip_id, camera_id, details, prev_hash, hash"
    tamper(
        chain,
        f"CREATE TABLE moved AS SELECT seq, {cols} FROM audit_log WHERE seq IN ({seq}, {seq + 1})",
        f"UPDATE audit_log SET ({cols}) = (SELECT {cols} FROM moved "
        f"WHERE moved.seq = {2 * seq + 1} - audit_log.seq) WHERE seq IN ({seq}, {seq + 1})",
    )
    assert same_verdict(chain) == f"The audit trail is broken at entry {seq}: {NOT_FOLLOWING}"


def test_anchors_are_checked_against_the_parts(chain: Path) -> None:
    db = open_database(chain)
    hashes = dict(db.execute("SELECT seq, hash FROM audit_log WHERE seq IN (100, 300, 700)"))
    # The parts report the anchored entries' hashes (100: from the helper).
    checked = audit_parallel.check_in_parallel(
        db.conn, audit._CANONICAL_TEXT_SQL, audit.GENESIS, {100, 300, 700}, **PARALLEL
    )
    assert checked is not None and checked.anchored == hashes
    db.close()
    right = [(seq, digest, f"package {seq}") for seq, digest in hashes.items()]
    assert same_verdict(chain, right).startswith("The audit trail is intact: 700 entries")
    wrong = [*right, (200, hashes[300], "package 200")]
    assert same_verdict(chain, wrong) == (
        "The audit trail is broken at entry 200: it differs from the anchor kept in package 200"
    )
    tamper(chain, "DELETE FROM audit_log WHERE seq > 650")
    assert same_verdict(chain, right) == (
        "The audit trail is broken at entry 651: the log ends at entry 650, but an anchor "
        "(package 700) vouches for entry 700: entries were cut off"
    )


def test_a_bad_prev_hash_is_named(chain: Path) -> None:
    """A prev_hash that is not 64 characters (its CHECK constraint bypassed)."""
    tamper(
        chain,
        "PRAGMA ignore_check_constraints = ON",
        "UPDATE audit_log SET prev_hash = prev_hash || 'x' WHERE seq = 300",
    )
    assert same_verdict(chain) == f"The audit trail is broken at entry 300: {NOT_FOLLOWING}"


def test_entries_written_in_the_callers_transaction_are_counted(chain: Path) -> None:
    """Other processes cannot see an open transaction's entries: checked here."""
    db = open_database(chain)
    try:
        with db.atomic():
            audit.append(db, "rules changed", now=datetime.now(UTC), details={"a": 1})
            verdict = audit.verify(db, **PARALLEL)
        assert verdict.ok and verdict.entries == ENTRIES + 1
    finally:
        db.close()


def test_a_big_chain_from_the_command_line(tmp_path: Path, capsys) -> None:
    """Past the real threshold, as `audit verify` runs it."""
    path = tmp_path / "big.sqlite3"
    entries = audit_parallel.PARALLEL_FROM + 5_000
    build(path, entries)
    assert main(["--db", str(path), "audit", "verify"]) == 0
    assert f"intact: {entries:,} entries" in capsys.readouterr().out
    seq = entries - 3_000
    tamper(path, f"UPDATE audit_log SET clip_id = 1 WHERE seq = {seq}")
    assert main(["--db", str(path), "audit", "verify"]) == 1
    out, err = capsys.readouterr()
    assert (
        out == ""
        and err.strip() == f"doorstep: The audit trail is broken at entry {seq}: {CHANGED}"
    )


@pytest.mark.parametrize(
    ("change", "seq"),
    [
        ("UPDATE audit_log SET details = '{}' WHERE seq = {seq}", 100),  # last of a read
        ("UPDATE audit_log SET details = '{}' WHERE seq = {seq}", 101),  # first of the next
        ("UPDATE audit_log SET hash = upper(hash) WHERE seq = {seq}", 250),
        ("UPDATE audit_log SET prev_hash = upper(prev_hash) WHERE seq = {seq}", 301),
        ("UPDATE audit_log SET hash = hash || ',' WHERE seq = {seq}", 400),
        ("UPDATE audit_log SET prev_hash = '\x01' || substr(prev_hash, 2) WHERE seq = {seq}", 401),
        ("DELETE FROM audit_log WHERE seq = {seq}", 200),
        ("DELETE FROM audit_log WHERE seq = {seq}", 601),
    ],
)
def test_a_part_read_in_pieces_fails_wherever_it_is_changed(
    chain: Path, change: str, seq: int
) -> None:
    """Within a part, entries are read 100 at a time here: a change at a piece's edge
    fails the part, and an intact part gives the hashes at its ends and anchors."""
    queries = audit_parallel.part_queries(audit._CANONICAL_TEXT_SQL)
    db = open_database(chain)
    hashes = dict(db.execute("SELECT seq, hash FROM audit_log"))
    part = audit_parallel.check_part(db.conn, queries, 0, 1, ENTRIES, [100, 101, 700], 100)
    db.close()
    assert part == audit_parallel.Part(
        0, audit.GENESIS, hashes[700], {s: hashes[s] for s in (100, 101, 700)}
    )
    tamper(
        chain,
        "PRAGMA ignore_check_constraints = ON",
        change.replace("{seq}", str(seq)),
    )
    db = open_database(chain)
    assert audit_parallel.check_part(db.conn, queries, 0, 1, ENTRIES, [], 100) is None
    assert not audit.verify(db, parallel_from=10**9).ok
    db.close()


def row(db: Database, seq: int) -> tuple[Any, ...]:
    return tuple(
        db.execute(
            "SELECT seq, at, action, request_id, agency_id, clip_id, camera_id, details, "
            "prev_hash, hash FROM audit_log WHERE seq = ?",
            [seq],
        ).fetchone()
    )


@pytest.mark.parametrize("seq", [101, 150])
def test_an_entry_linked_elsewhere_fails_its_part(chain: Path, seq: int) -> None:
    """Entry ``seq`` claims another predecessor, and every hash from it on is made to
    match: only its link shows it (at 101, across two reads of 100)."""
    queries = audit_parallel.part_queries(audit._CANONICAL_TEXT_SQL)
    db = open_database(chain)
    prev = row(db, seq - 2)[9]
    rechained = []
    for s in range(seq, ENTRIES + 1):
        fields = row(db, s)[:8]
        digest = audit.entry_hash(prev, fields)
        rechained.append(
            f"UPDATE audit_log SET prev_hash = '{prev}', hash = '{digest}' WHERE seq = {s}"
        )
        prev = digest
    db.close()
    tamper(chain, *rechained)
    db = open_database(chain)
    assert audit_parallel.check_part(db.conn, queries, 0, 1, 300, [], 100) is None
    assert audit_parallel.check_part(db.conn, queries, 0, seq, 300, [], 100)
    assert audit.verify(db, parallel_from=10**9).text() == (
        f"The audit trail is broken at entry {seq}: {NOT_FOLLOWING}"
    )
    db.close()


def test_values_made_to_line_up_in_the_joined_text_fail(chain: Path) -> None:
    """Without the schema's constraints (a table rebuilt by hand), a missing hash and a
    hash holding two, comma-separated, would join into the expected text: counted,
    they fail."""
    queries = audit_parallel.part_queries(audit._CANONICAL_TEXT_SQL)
    conn = sqlite3.connect(chain)
    conn.execute("CREATE TABLE loose AS SELECT * FROM audit_log ORDER BY seq")
    conn.execute("ALTER TABLE audit_log RENAME TO strict_log")
    conn.execute("ALTER TABLE loose RENAME TO audit_log")
    hashes = dict(conn.execute("SELECT seq, hash FROM audit_log WHERE seq IN (10, 11)"))
    assert audit_parallel.check_part(conn, queries, 0, 1, 100, [])
    conn.execute("UPDATE audit_log SET hash = NULL WHERE seq = 10")
    conn.execute("UPDATE audit_log SET hash = ? WHERE seq = 11", [f"{hashes[10]},{hashes[11]}"])
    assert audit_parallel.check_part(conn, queries, 0, 1, 100, []) is None
    conn.close()


def test_a_helper_process_checks_the_parts_it_is_given(chain: Path) -> None:
    import multiprocessing

    db = open_database(chain)
    hashes = dict(db.execute("SELECT seq, hash FROM audit_log"))
    db.close()
    tamper(chain, "UPDATE audit_log SET clip_id = 0 WHERE seq = 20")
    mp = multiprocessing.get_context("spawn")
    mine, theirs = mp.Pipe()
    queries = audit_parallel.part_queries(audit._CANONICAL_TEXT_SQL)
    uri = audit_parallel.read_only_uri(chain)
    helper = mp.Process(target=audit_parallel._helper, args=(theirs, uri, queries, [300, 500]))
    helper.start()
    theirs.close()
    try:
        mine.send((2, 257, 384))
        assert mine.recv() == audit_parallel.Part(2, hashes[256], hashes[384], {300: hashes[300]})
        mine.send((0, 1, 128))
        assert mine.recv() is False
        mine.send(None)
        helper.join(10)
        assert helper.exitcode == 0
    finally:
        mine.close()
        if helper.is_alive():
            helper.terminate()


def test_a_helper_imports_no_qt() -> None:
    """What a helper process imports when the command line or the window starts it: the
    entry script again (spawn) and this module."""
    code = (
        "import runpy, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        f"runpy.run_path({str(ROOT / 'main.py')!r}, run_name='__mp_main__')\n"
        "import db.audit.parallel\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
