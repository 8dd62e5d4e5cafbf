"""What Doorstep does where a call Linux (or POSIX) has is missing (docs/platforms.md,
"What the code guards"): each capability probe forced to "not here" on this Linux
machine, and the same work still done right by the portable way."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db.holds import file_copy
from db.holds.evidence_store import COPY, STALE_S, EvidenceStore
from db.sharing import package_partials
from db.store import fileio, processes

MIB = 1 << 20


@pytest.fixture
def windows_like(monkeypatch: pytest.MonkeyPatch) -> None:
    """No ioctls (reflinks, extent maps), no preadv/readv, no kernel copy, no folder
    flushes or file system sync, no read-only mode on held files: Windows' set."""
    monkeypatch.setattr(file_copy, "_fcntl", None)
    monkeypatch.setattr(file_copy, "HAS_PREADV", False)
    monkeypatch.setattr(file_copy, "HAS_READV", False)
    monkeypatch.setattr(file_copy, "COPY_FILE_RANGE", None)
    monkeypatch.setattr(file_copy, "FOLDERS_SYNC", False)
    monkeypatch.setattr(file_copy, "SYNCS_FILE_SYSTEM", False)
    monkeypatch.setattr(file_copy, "SEALS_READ_ONLY", False)
    monkeypatch.setattr(file_copy, "_libc", lambda: None)

    def no_folders(path: object, flags: int, *args: object) -> int:
        assert not flags & getattr(os, "O_DIRECTORY", 0), "a folder opened to flush it"
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    real_open = os.open
    monkeypatch.setattr(os, "open", no_folders)


def clip(folder: Path, name: str, size: int) -> tuple[Path, str]:
    data = os.urandom(size)
    path = folder / name
    path.write_bytes(data)
    return path, hashlib.sha256(data).hexdigest()


def test_the_evidence_store_holds_copies_and_batches_without_linux_calls(
    tmp_path: Path, windows_like: None
) -> None:
    sources = tmp_path / "recorder"
    sources.mkdir()
    store = EvidenceStore(tmp_path / "evidence")
    one, sha_one = clip(sources, "one.mp4", 3 * MIB + 17)
    held = store.put(one, sha_one, allow_link=False)
    assert held.method == COPY and held.path.read_bytes() == one.read_bytes()
    assert stat.S_IMODE(held.path.stat().st_mode) & 0o200, "left writable, so it can be removed"
    assert store.verify(sha_one)
    assert file_copy.shared_bytes(held.path, held.size) == 0

    two, sha_two = clip(sources, "two.mp4", MIB + 3)
    three, sha_three = clip(sources, "three.mp4", 5)
    with store.batch():
        store.put(two, sha_two, allow_link=False)
        store.put(three, sha_three, allow_link=False)
    assert store.has(sha_two) and store.verify(sha_two) and store.verify(sha_three)

    held.path.write_bytes(b"changed")  # a held file damaged on disk is seen as such
    assert not store.verify(sha_one)
    for sha in (sha_one, sha_two, sha_three):
        store.remove(sha)
    assert not any(p.is_file() for p in store.root.rglob("*"))


def test_hashing_reads_the_same_bytes_without_preadv(tmp_path: Path, monkeypatch) -> None:
    path, sha = clip(tmp_path, "a.bin", 2 * MIB + 1)
    fd = os.open(path, file_copy.READ)
    try:
        assert file_copy.sha256_fd(fd) == sha
        monkeypatch.setattr(file_copy, "HAS_PREADV", False)
        assert file_copy.sha256_fd(fd) == sha  # from the start, wherever the position was
        assert file_copy.sha256_fd(fd) == sha
    finally:
        os.close(fd)


def test_without_asking_processes_partials_are_judged_by_age(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where os.kill(pid, 0) would end the process (Windows), nothing is asked: a
    partial of a process that ended is swept once it is old, and kept while it is not."""
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    pid = int(ended.stdout)
    store = EvidenceStore(tmp_path / "evidence")
    shard = store.root / "ab"
    shard.mkdir(parents=True)
    young = shard / f".partial-{'ab' * 32}-{pid}-0"
    old = shard / f".partial-{'ab' * 32}-{pid}-1"
    for p in (young, old):
        p.write_bytes(b"part")
    long_ago = time.time() - STALE_S - 60
    os.utime(old, (long_ago, long_ago))

    real_kill = os.kill

    def ends_it(pid: int, sig: int) -> None:  # what os.kill(pid, 0) does on Windows
        raise AssertionError(f"os.kill({pid}, {sig}) would end that process")

    monkeypatch.setattr(processes, "CAN_ASK", False)
    monkeypatch.setattr(os, "kill", ends_it)
    assert processes.process_alive(pid) is None
    assert processes.process_alive(os.getpid()) is True
    assert store.sweep_partials() == 1
    assert young.exists() and not old.exists()

    folder = tmp_path / "packages"
    folder.mkdir()
    partial = folder / (package_partials.partial_prefix(pid) + "x")
    partial.mkdir()
    assert not package_partials.abandoned(partial)
    os.utime(partial, (long_ago, long_ago))
    assert package_partials.abandoned(partial)

    monkeypatch.setattr(processes, "CAN_ASK", True)
    monkeypatch.setattr(os, "kill", real_kill)
    assert store.sweep_partials() == 1  # asked: its process has ended


def test_files_are_written_whole_without_fchmod(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(fileio, "CAN_FCHMOD", False)
    target = tmp_path / "audit.json"
    target.write_bytes(b"old")
    fileio.write_atomically(target, b"new", mode=0o644)
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["audit.json"]


def test_no_c_library_no_writeback_hint(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(file_copy, "_libc", lambda: None)
    path = tmp_path / "f"
    path.write_bytes(b"x" * 10)
    fd = os.open(path, os.O_RDWR)
    try:
        file_copy.start_writeback(fd)  # nothing to ask: no error
    finally:
        os.close(fd)
