"""Holding many files fast (docs/holds.md, "Speed"): the kernel copy checked as written,
links of files unchanged since they were hashed not read again, and several puts at
once in one batch, each with its own result."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest

from db.holds import file_copy
from db.holds.evidence_store import (
    PutItem,
    SourceChanged,
    StoreCancelled,
    Stored,
)
from tests.test_evidence_store import MIB, clip, sources, store

__all__ = ["sources", "store"]  # fixtures shared with the store's other tests


def facts(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


# A file of several copy steps ending mid-page, one shorter than a page, and none.
@pytest.mark.parametrize("size", [2 * file_copy.COPY_STEP + 4321, 100, 0])
def test_a_copy_is_checked_as_written(sources, tmp_path, size):
    path, sha = clip(sources, "a.mp4", size)
    seen: list[int] = []
    with open(path, "rb") as src, open(tmp_path / "out", "w+b") as dst:
        digest = file_copy.copy_verified(src.fileno(), dst.fileno(), seen.append)
    assert digest == sha
    assert (tmp_path / "out").read_bytes() == path.read_bytes()
    assert sum(seen) == size


def test_a_copy_falls_back_where_the_kernel_cannot_copy(store, sources, monkeypatch):
    def refuse(*_args: object) -> int:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "copy_file_range", refuse)
    path, sha = clip(sources, "a.mp4", 3 * MIB + 5)
    stored = store.put(path, sha, allow_link=False)
    assert stored.method == "copy"
    assert stored.path.read_bytes() == path.read_bytes()


def test_a_copy_that_does_not_match_its_hash_is_refused(store, sources):
    path, _sha = clip(sources, "a.mp4", MIB)
    with pytest.raises(SourceChanged):
        store.put(path, "0" * 64, allow_link=False, known=facts(path))
    assert not store.has("0" * 64)


def test_a_link_of_a_file_unchanged_since_it_was_hashed_is_not_read_again(store, sources):
    path, sha = clip(sources, "a.mp4", 3 * MIB)
    read: list[int] = []
    stored = store.put(path, sha, known=facts(path), progress=read.append)
    assert stored.method in ("hardlink", "reflink")
    assert read == []  # known by size and time: the file that was hashed
    store.remove(sha)
    stored = store.put(path, sha, progress=read.append)  # nothing known: read and hashed
    assert sum(read) == path.stat().st_size


def test_a_link_of_a_file_changed_since_it_was_hashed_is_checked(store, sources):
    path, sha = clip(sources, "a.mp4", MIB)
    known = facts(path)
    path.write_bytes(os.urandom(MIB))  # the same size, other bytes, a later time
    os.utime(path, ns=(known[1] + 10**9, known[1] + 10**9))
    with pytest.raises(SourceChanged):
        store.put(path, sha, known=known)
    assert not store.has(sha)


def test_many_puts_at_once_each_with_its_own_result(store, sources):
    files = [clip(sources, f"c{n}.mp4", MIB + n * 4099) for n in range(7)]
    missing = sources / "gone.mp4"
    items = [PutItem(p, sha, facts(p)) for p, sha in files]
    items.insert(3, PutItem(missing, "1" * 64))
    items.append(PutItem(files[0][0], files[0][1]))  # the same bytes again
    done: list[int] = []
    threads: set[str] = set()

    def progress(_n: int) -> None:
        threads.add(threading.current_thread().name)

    results = store.put_many(
        items, workers=2, allow_link=False, progress=progress, finished=done.append
    )
    assert isinstance(results[3], FileNotFoundError)
    held = [r for k, r in enumerate(results) if k != 3]
    assert all(isinstance(r, Stored) and r.method == "copy" for r in held)
    assert results[-1] is results[0]
    assert all(store.has(sha) for _p, sha in files)
    assert all(store.path_for(sha).read_bytes() == p.read_bytes() for p, sha in files)
    assert done == sorted(done) and done[-1] == len(items)  # the same bytes count twice
    assert len(threads) == 2  # the copies ran side by side


def test_many_puts_join_the_callers_batch(store, sources):
    files = [clip(sources, f"c{n}.mp4", MIB) for n in range(3)]
    with store.batch():
        results = store.put_many([PutItem(p, sha) for p, sha in files], workers=2)
        assert all(isinstance(r, Stored) for r in results)
        assert not any(store.has(sha) for _p, sha in files)  # named when the batch ends
    assert all(store.has(sha) for _p, sha in files)


def test_many_puts_cancelled_leave_nothing_unnamed(store, sources, tmp_path):
    files = [clip(sources, f"c{n}.mp4", MIB) for n in range(4)]
    cancel = threading.Event()
    cancel.set()
    results = store.put_many([PutItem(p, sha) for p, sha in files], cancel=cancel)
    assert all(isinstance(r, StoreCancelled) for r in results)
    assert not any(store.has(sha) for _p, sha in files)
    leftovers = [p for p in (tmp_path / "evidence").rglob("*") if p.is_file()]
    assert leftovers == []
