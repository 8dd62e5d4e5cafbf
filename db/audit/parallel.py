"""Checking a long audit chain with every processor (``db.audit.trail.verify``; docs/audit.md).

Every stored entry carries its predecessor's hash (``prev_hash``), so each entry can
be checked on its own: SHA-256 of ``prev_hash``, a newline and its canonical form must
be its ``hash``. The links (each ``prev_hash`` is the hash of the entry before, the
numbers follow on without a gap) are checked apart from that. So the chain is cut into
parts of consecutive entries; this process and helper processes (one fewer than the
processors) check parts (``check_part``: SQLite joins a few hundred entries' values at
a time, Python hashes and compares them in C loops); then this process joins the
parts: each must begin with the hash the part before ends with, the first with the
genesis hash.

Sound only where a range of rowids is a range of entries in chain order: when ``seq``
is the table's rowid, as the schema declares it. Elsewhere (a table rebuilt by hand, a
database in memory, a caller inside a transaction whose writes other connections cannot
see, a short chain, one processor) :func:`check_in_parallel` declines and the caller
checks in one process. It only says whether every part checked out: where one did not,
the caller checks the whole chain again the slow, explicit way, which names the first
bad entry exactly as a check in one process does.

Helpers are started with ``spawn`` (a fresh interpreter: the app has Qt threads, with
which ``fork`` is unsafe); they import this module, the data layer's package and the
standard library (never Qt), and each reads the database file through a read-only
connection of its own. This process hands out the parts one at a time (two ahead per
helper), so a helper that starts late, or a busy processor, takes fewer. A helper that
fails or stops leaves its parts to this process.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import SpawnProcess

PARALLEL_FROM = 50_000  # shorter chains: starting a helper costs more than it saves
PART = 8_192  # entries a part handed out
# Entries a statement reads. Many more make the joined values big enough (past the
# C library's 128 KiB) that it maps fresh memory for each, and the page faults cost
# more than the statements saved.
READ = 512
AHEAD = 2  # parts handed to a helper before it asks, so it never waits for this process

_HEXDIGEST = type(hashlib.sha256()).hexdigest


def part_queries(canonical_text_sql: str) -> tuple[str, str]:
    """The two statements reading entries (the first and last rowid as ``?`` and
    ``?``): their links, and their hashed bytes.

    Each value comes as one text for all the entries (``group_concat``), which SQLite
    builds in C: fetching them row by row took more time than the rest of the check.
    SQLite joins the values in the order it reads them, which for a range of rowids is
    their order. A value holding a separator (a comma in a hash, byte 1 in a
    ``prev_hash``; JSON text holds no control character) makes too many pieces, and the
    check fails."""
    where = "FROM audit_log WHERE rowid BETWEEN ? AND ?"
    links = (
        "SELECT count(*), count(prev_hash), count(hash), "
        f"group_concat(prev_hash, ','), group_concat(hash, ',') {where}"
    )
    entries = f"SELECT CAST(group_concat({canonical_text_sql}, '\x01') AS BLOB) {where}"
    return links, entries


@dataclass(frozen=True)
class Part:
    """A part that checked out: the ``prev_hash`` its first entry claims (the part
    before must end with that hash), its last entry's hash, and the hashes of the
    entries some anchor names."""

    index: int
    first_prev: str
    last_hash: str
    anchored: dict[int, str]


def check_part(
    conn: sqlite3.Connection,
    queries: tuple[str, str],
    index: int,
    lo: int,
    hi: int,
    wanted: Sequence[int],
    read: int = READ,
) -> Part | None:
    """Check the entries with rowids ``lo`` to ``hi`` (None: one of them is missing,
    changed, or does not follow the one before; ``wanted``: sorted numbers of anchored
    entries), ``read`` at a time."""
    first = last = ""
    anchored: dict[int, str] = {}
    for start in range(lo, hi + 1, read):
        stop = min(start + read - 1, hi)
        rows = _check_rows(conn, queries, start, stop)
        if rows is None:
            return None
        claimed, digests = rows
        if start == lo:
            first = claimed
        elif claimed != last:
            return None
        last = digests[-1]
        for seq in wanted[bisect_left(wanted, start) : bisect_right(wanted, stop)]:
            anchored[seq] = digests[seq - start]
    return Part(index, first, last, anchored)


def _check_rows(
    conn: sqlite3.Connection, queries: tuple[str, str], lo: int, hi: int
) -> tuple[str, list[str]] | None:
    """The ``prev_hash`` the first of these entries claims and their hashes, if each
    is there, unchanged and follows the one before. The loops are in C (split, map,
    join, comparison), not in bytecode."""
    links, entries = queries
    n = hi - lo + 1
    rows, with_prev, with_hash, prevs, hashes = conn.execute(links, (lo, hi)).fetchone()
    if not rows == with_prev == with_hash == n:  # seq is the rowid: a gap; or a NULL
        return None
    (blob,) = conn.execute(entries, (lo, hi)).fetchone()
    pieces = blob.split(b"\x01")
    if len(pieces) != n:
        return None
    digests = list(map(_HEXDIGEST, map(hashlib.sha256, pieces)))
    if hashes != ",".join(digests):  # n - 1 commas each: no comma inside a hash
        return None
    # Each prev_hash is the hash of the entry before, but the first.
    first = prevs.partition(",")[0]
    if prevs[len(first) :] != ("," + hashes[:-65] if n > 1 else ""):
        return None
    return first, digests


def seq_is_rowid(conn: sqlite3.Connection) -> bool:
    """Whether SQLite reads ``seq`` as the rowid (``seq INTEGER PRIMARY KEY``): its
    program for reading the column then has no ``Column`` step."""
    try:
        ops = {str(row[1]) for row in conn.execute("EXPLAIN SELECT seq FROM audit_log")}
    except sqlite3.Error:
        return False
    return bool(ops & {"Rowid", "IdxRowid"}) and "Column" not in ops


def database_file(conn: sqlite3.Connection) -> str | None:
    """The file of the main database (None: in memory or a temporary one)."""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return str(file) or None
    return None


def read_only_uri(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


def open_snapshot(uri: str) -> sqlite3.Connection:
    """A read-only connection inside one read transaction: every part it checks sees
    the same entries, and it takes the database's read lock once, not twice a
    statement (with two processes starting transactions that often, SQLite's lock
    retries left them waiting)."""
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        conn.execute("BEGIN")
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def processor_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass
class Checked:
    """What the parts together showed: ``ok`` False when some part failed."""

    ok: bool
    last: int = 0
    head: str = ""
    anchored: dict[int, str] = field(default_factory=dict)


def check_in_parallel(
    conn: sqlite3.Connection,
    canonical_text_sql: str,
    genesis: str,
    wanted: set[int],
    *,
    parallel_from: int = PARALLEL_FROM,
    processes: int | None = None,
    part: int = PART,
) -> Checked | None:
    """Check the chain in parts, here and in helper processes. None: not done here (see
    the module's docstring): the caller checks the chain itself."""
    if conn.in_transaction:
        return None
    path = database_file(conn)
    if path is None:
        return None
    first = conn.execute("SELECT min(rowid) FROM audit_log").fetchone()[0]
    last = conn.execute("SELECT max(rowid) FROM audit_log").fetchone()[0]
    if first != 1 or last < max(parallel_from, 1):
        return None  # empty or short; or entry 1 is missing, found at once in one process
    helpers = min(processes or processor_count(), -(-last // part)) - 1
    if helpers < 1 or not seq_is_rowid(conn):
        return None
    uri = read_only_uri(Path(path))
    run = _Run(part_queries(canonical_text_sql), last, part, sorted(wanted))
    parts = None
    try:
        run.start(uri, helpers)  # first: they start up while this process checks parts
        own = open_snapshot(uri)
        try:
            parts = run.check(own)
        finally:
            own.close()
    finally:
        run.stop(finished=parts is not None)
    if parts is None:
        return Checked(False)
    prev = genesis
    anchored: dict[int, str] = {}
    for index, p in enumerate(parts):
        if p.index != index or p.first_prev != prev:  # a part missing, or not joined
            return Checked(False)
        prev = p.last_hash
        anchored.update(p.anchored)
    return Checked(True, last, parts[-1].last_hash, anchored)


class _Run:
    """One parallel check: this process hands out the parts and checks parts itself
    while the helpers do."""

    def __init__(self, queries: tuple[str, str], last: int, part: int, wanted: list[int]) -> None:
        self.queries, self.wanted, self.last, self.size = queries, wanted, last, part
        self.todo = deque(range(-(-last // part)))
        self.done: dict[int, Part] = {}
        self.helpers: list[tuple[SpawnProcess, Connection, deque[int]]] = []

    def bounds(self, index: int) -> tuple[int, int]:
        lo = index * self.size + 1
        return lo, min(lo + self.size - 1, self.last)

    def start(self, uri: str, count: int) -> None:
        import multiprocessing

        mp = multiprocessing.get_context("spawn")
        for _ in range(count):
            mine, theirs = mp.Pipe()
            process = mp.Process(
                target=_helper,
                args=(theirs, uri, self.queries, self.wanted),
                name="doorstep-audit-check",
                daemon=True,
            )
            try:
                process.start()
            except OSError:  # no helper then: this process checks the parts
                mine.close()
                theirs.close()
                break
            theirs.close()
            given: deque[int] = deque()
            self.helpers.append((process, mine, given))
            for _ in range(AHEAD):
                self._give(mine, given)

    def _give(self, conn: Connection, given: deque[int]) -> None:
        if self.todo:
            index = self.todo.popleft()
            given.append(index)
            conn.send((index, *self.bounds(index)))

    def check(self, conn: sqlite3.Connection) -> list[Part] | None:
        """Every part in order, or None when one failed (``conn``: this process's)."""
        while self.todo or any(given for _p, _c, given in self.helpers):
            if not self._collect(0):
                return None
            if self.todo:
                index = self.todo.popleft()
                part = check_part(conn, self.queries, index, *self.bounds(index), self.wanted)
                if part is None:
                    return None
                self.done[index] = part
            elif not self._collect(0.05):  # the helpers have the last parts
                return None
        return [self.done[index] for index in sorted(self.done)]

    def _collect(self, timeout: float) -> bool:
        """Take the helpers' answers (False: a part failed). A helper that failed or
        stopped gives its parts back to this process."""
        from multiprocessing.connection import wait

        ready = wait([conn for _p, conn, _g in self.helpers], timeout)
        for entry in list(self.helpers):
            _process, conn, given = entry
            if conn not in ready:
                continue
            try:
                answer = conn.recv()
            except (EOFError, OSError):  # it stopped
                answer = None
            if isinstance(answer, Part):
                given.remove(answer.index)
                self.done[answer.index] = answer
                self._give(conn, given)
            elif answer is False:
                return False
            else:  # its error in words, or it stopped: its parts are checked here
                self.todo.extendleft(reversed(given))
                self.helpers.remove(entry)
                self._end(entry, finished=False)
        return True

    def stop(self, finished: bool) -> None:
        """Tell the helpers to stop: ended at once when the check ends early."""
        for entry in self.helpers:
            self._end(entry, finished=finished)
        self.helpers = []

    @staticmethod
    def _end(entry: tuple[SpawnProcess, Connection, deque[int]], *, finished: bool) -> None:
        """A helper whose work is done exits on its own; its exit is not waited for
        (multiprocessing collects it when it next starts a process, or at this
        process's exit). One stopped early is ended."""
        process, conn, _given = entry
        if finished:
            try:
                conn.send(None)
            except OSError:
                finished = False
        conn.close()
        if not finished:
            process.terminate()
            process.join(1)


def _helper(conn: Connection, uri: str, queries: tuple[str, str], wanted: list[int]) -> None:
    """A helper process's life: check the parts it is given until told to stop (None).
    Answers a :class:`Part`, False for a part that failed, or the error that stopped it
    (as text)."""
    try:
        db = open_snapshot(uri)
    except sqlite3.Error as exc:
        conn.send(f"cannot open the database: {exc}")
        return
    try:
        while (task := conn.recv()) is not None:
            index, lo, hi = task
            conn.send(check_part(db, queries, index, lo, hi, wanted) or False)
    except EOFError:  # the parent went away
        pass
    except Exception as exc:
        conn.send(f"{type(exc).__name__}: {exc}")
    finally:
        db.close()
        conn.close()
