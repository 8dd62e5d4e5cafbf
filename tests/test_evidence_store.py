"""The evidence store (docs/holds.md, "The evidence store"): each way a file is put in,
a source that changed or a put cancelled leaving nothing, reuse, removal, verification,
usage, and a put killed mid-copy leaving no file under its final name."""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from db.holds import file_copy
from db.holds.evidence_store import (
    STALE_S,
    EvidenceStore,
    SourceChanged,
    StoreCancelled,
    StoreError,
    Usage,
)
from db.store import paths
from db.store.fileio import WriteError

ROOT = Path(__file__).resolve().parent.parent
MIB = 1 << 20


def clip(folder: Path, name: str = "clip.mp4", size: int = 3 * MIB + 12345) -> tuple[Path, str]:
    """A file of ``size`` bytes that differ from one block to the next, and its SHA-256."""
    data = os.urandom(size)
    path = folder / name
    path.write_bytes(data)
    return path, hashlib.sha256(data).hexdigest()


def everything_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if not p.is_dir())


def reflinks_here(folder: Path) -> bool:
    """Whether the file system of ``folder`` clones files (Btrfs, XFS, ...)."""
    a, b = folder / "probe-a", folder / "probe-b"
    a.write_bytes(b"x" * 4096)
    with open(a, "rb") as src, open(b, "wb") as dst:
        works = file_copy.reflink(src.fileno(), dst.fileno())
    a.unlink()
    b.unlink()
    return works


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "recorder"
    folder.mkdir()
    return folder


@pytest.fixture
def store(tmp_path: Path) -> EvidenceStore:
    return EvidenceStore(tmp_path / "evidence")


def test_evidence_dir_is_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "data"))
    assert paths.evidence_dir() == tmp_path / "data" / "evidence"


def test_a_copy_is_a_read_only_file_of_its_own_under_its_hash(store, sources, tmp_path):
    source, sha = clip(sources)
    seen: list[int] = []
    held = store.put(source, sha, allow_link=False, progress=seen.append)

    assert held.path == tmp_path / "evidence" / sha[:2] / sha
    assert held.sha256 == sha and held.size == source.stat().st_size
    assert held.method == ("reflink" if reflinks_here(sources) else "copy")
    assert held.path.read_bytes() == source.read_bytes()
    assert sum(seen) == held.size
    st = held.path.stat()
    assert stat.S_IMODE(st.st_mode) == 0o444
    assert st.st_ino != source.stat().st_ino
    assert store.has(sha) and store.verify(sha)
    assert everything_under(store.root) == [f"{sha[:2]}/{sha}"]
    if held.method == "copy":
        assert store.usage() == Usage(files=1, copied_bytes=held.size, linked_bytes=0)

    # The recorder rotating its footage away leaves the held copy as it was.
    source.unlink()
    assert store.verify(sha)


def test_a_hard_link_on_the_same_file_system_costs_no_space_while_the_recorder_keeps_its_file(
    store, sources
):
    if reflinks_here(sources):
        pytest.skip("this file system clones files: a reflink is preferred over a link")
    source, sha = clip(sources)
    mode = stat.S_IMODE(source.stat().st_mode)
    seen: list[int] = []
    held = store.put(source, sha, progress=seen.append)

    assert held.method == "hardlink"
    assert held.path.stat().st_ino == source.stat().st_ino
    assert sum(seen) == held.size  # the file as linked was hashed
    assert stat.S_IMODE(source.stat().st_mode) == mode  # the recorder's file is untouched
    assert store.usage() == Usage(files=1, copied_bytes=0, linked_bytes=held.size)
    assert store.usage().total_bytes == held.size

    # The recorder deletes its file: the held one is all that is left, and costs space.
    source.unlink()
    assert store.verify(sha)
    assert store.usage() == Usage(files=1, copied_bytes=held.size, linked_bytes=0)
    again = store.put(source, sha)  # the source is gone: what is held is returned
    assert (again.path, again.size, again.method) == (held.path, held.size, "copy")


def test_reflink_where_the_file_system_clones_and_a_clean_fallback_where_it_does_not(
    store, sources
):
    source, sha = clip(sources)
    if reflinks_here(sources):
        held = store.put(source, sha, allow_link=False)
        assert held.method == "reflink"
        assert held.path.stat().st_ino != source.stat().st_ino
        assert store.usage().linked_bytes == held.size  # shared extents
        return
    # ext4, tmpfs: FICLONE is refused ("not supported", "not a typewriter") and the
    # store goes on to the next method without leaving anything of the attempt.
    with open(source, "rb") as src, open(sources / "clone", "wb") as dst:
        assert file_copy.reflink(src.fileno(), dst.fileno()) is False
    assert file_copy.shared_bytes(source, source.stat().st_size) == 0
    assert store.put(source, sha, allow_link=False).method == "copy"
    assert everything_under(store.root) == [f"{sha[:2]}/{sha}"]


def test_another_file_system_is_copied_even_when_links_are_allowed(tmp_path):
    shm = Path("/dev/shm")
    if not shm.is_dir() or shm.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second file system to hold from")
    folder = Path(os.path.realpath(shm)) / f"doorstep-test-{os.getpid()}"
    folder.mkdir()
    try:
        source, sha = clip(folder)
        held = EvidenceStore(tmp_path / "evidence").put(source, sha)  # EXDEV: copied
        assert held.method == "copy"
        assert held.path.read_bytes() == source.read_bytes()
    finally:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


@pytest.mark.parametrize("allow_link", [False, True])
def test_a_source_that_changed_raises_and_leaves_nothing(store, sources, allow_link):
    source, sha = clip(sources)
    source.write_bytes(source.read_bytes()[:-1] + b"!")  # the recorder rewrote it
    before = source.read_bytes()

    with pytest.raises(SourceChanged) as caught:
        store.put(source, sha, allow_link=allow_link)

    assert str(source) in str(caught.value) and "\n" not in str(caught.value)
    assert not store.has(sha)
    assert everything_under(store.root) == []
    assert source.read_bytes() == before and source.stat().st_nlink == 1


@pytest.mark.parametrize("allow_link", [False, True])
def test_a_cancelled_put_leaves_nothing(store, sources, allow_link):
    source, sha = clip(sources)
    cancel = threading.Event()

    with pytest.raises(StoreCancelled):
        store.put(
            source, sha, allow_link=allow_link, progress=lambda _n: cancel.set(), cancel=cancel
        )

    assert everything_under(store.root) == []
    assert source.stat().st_nlink == 1
    # Not cancelled, the same put succeeds.
    assert store.put(source, sha, allow_link=allow_link).path.is_file()


def test_a_file_already_held_is_reused_and_one_of_the_wrong_size_replaced(store, sources):
    source, sha = clip(sources)
    first = store.put(source, sha, allow_link=False)
    inode = first.path.stat().st_ino
    seen: list[int] = []

    again = store.put(source, sha, allow_link=False, progress=seen.append)

    assert again == first and seen == []
    assert first.path.stat().st_ino == inode  # not written again

    # A held file cut short (a damaged disk, a power cut on another system) is put anew.
    first.path.chmod(0o644)
    first.path.write_bytes(source.read_bytes()[: MIB // 2])
    fixed = store.put(source, sha, allow_link=False)
    assert fixed.size == source.stat().st_size and store.verify(sha)
    assert everything_under(store.root) == [f"{sha[:2]}/{sha}"]


def test_two_sources_with_the_same_bytes_are_held_once(store, sources):
    a, sha = clip(sources, "a.mp4")
    b = sources / "b.mp4"
    b.write_bytes(a.read_bytes())
    assert store.put(a, sha, allow_link=False).path == store.put(b, sha).path
    assert store.usage().files == 1


def test_remove(store, sources):
    copied, sha1 = clip(sources, "one.mp4")
    linked, sha2 = clip(sources, "two.mp4", size=MIB)
    store.put(copied, sha1, allow_link=False)
    store.put(linked, sha2)

    store.remove(sha1)
    store.remove(sha2)
    store.remove(sha2)  # not held: nothing to do

    assert not store.has(sha1) and not store.has(sha2)
    assert everything_under(store.root) == []
    assert store.usage() == Usage(0, 0, 0)
    assert linked.stat().st_nlink == 1 and hashlib.sha256(linked.read_bytes()).hexdigest() == sha2


def test_verify_detects_a_changed_copy_and_a_recorder_writing_into_a_linked_file(store, sources):
    copied, sha1 = clip(sources, "one.mp4")
    linked, sha2 = clip(sources, "two.mp4")
    held = store.put(copied, sha1, allow_link=False)
    linked_held = store.put(linked, sha2)

    held.path.chmod(0o644)
    with open(held.path, "r+b") as f:
        f.seek(MIB)
        f.write(b"\0")
    assert not store.verify(sha1)

    # The risk of a hard link: the recorder writes into the same file in place.
    with open(linked, "r+b") as f:
        f.write(b"overwritten")
    assert store.verify(sha2) is (linked_held.method != "hardlink")

    assert not store.verify("0" * 64)  # not held


def test_verify_can_be_cancelled(store, sources):
    source, sha = clip(sources)
    store.put(source, sha, allow_link=False)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(StoreCancelled):
        store.verify(sha, cancel=cancel)


def test_what_cannot_be_held_is_said_in_one_line(store, sources, tmp_path):
    source, sha = clip(sources)
    with pytest.raises(FileNotFoundError) as gone:
        store.put(sources / "rotated.mp4", sha)
    assert gone.value.filename == str(sources / "rotated.mp4")

    with pytest.raises(StoreError, match="is not a file"):
        store.put(sources, sha)

    with pytest.raises(ValueError, match="not a SHA-256"):
        store.put(source, sha.upper())
    with pytest.raises(ValueError, match="not a SHA-256"):
        store.path_for("../../etc/passwd")

    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("")
    with pytest.raises(WriteError, match="cannot make the evidence store") as caught:
        EvidenceStore(in_the_way / "evidence").put(source, sha)
    assert "\n" not in str(caught.value)
    assert everything_under(tmp_path / "evidence") == []


FULL_DISK_CHILD = """
import resource, signal, sys
from pathlib import Path
from db.holds.evidence_store import EvidenceStore
from db.store.fileio import WriteError

# A file size limit fails a write the way a full disk does (root included).
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))
try:
    EvidenceStore(Path(sys.argv[1])).put(Path(sys.argv[2]), sys.argv[3], allow_link=False)
except WriteError as exc:
    print(exc)
"""


def test_a_failed_write_names_the_source_and_leaves_nothing(tmp_path, sources):
    source, sha = clip(sources)
    root = tmp_path / "evidence"
    out = subprocess.run(
        [sys.executable, "-c", FULL_DISK_CHILD, str(root), str(source), sha],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        check=True,
    )
    assert out.stdout.startswith(f"cannot hold {source} in the evidence store {root}: ")
    assert out.stdout.count("\n") == 1
    assert everything_under(root) == []


def test_a_batch_names_its_files_only_once_all_are_on_disk(store, sources):
    files = [clip(sources, f"c{i}.mp4", size=MIB + i) for i in range(3)]
    with store.batch():
        held = [store.put(path, sha, allow_link=i == 0) for i, (path, sha) in enumerate(files)]
        again = store.put(*files[0])  # the same file twice in a batch: put once
        with store.batch():  # an inner batch joins the outer one
            store.put(*files[2], allow_link=False)
        assert again == held[0]
        assert not any(store.has(sha) for _p, sha in files)
        assert len(list(store.root.rglob(".partial-*"))) == 3
    assert [h.path for h in held] == [store.path_for(sha) for _p, sha in files]
    assert all(store.verify(sha) for _p, sha in files)
    assert everything_under(store.root) == sorted(f"{sha[:2]}/{sha}" for _p, sha in files)
    assert held[0].method == ("reflink" if reflinks_here(sources) else "hardlink")


def test_files_put_in_a_batch_before_an_error_are_still_held(store, sources):
    good, sha = clip(sources, "good.mp4")
    changed, other = clip(sources, "changed.mp4")
    changed.write_bytes(b"rewritten")
    with pytest.raises(SourceChanged), store.batch():
        store.put(good, sha, allow_link=False)
        store.put(changed, other, allow_link=False)
    assert store.has(sha) and not store.has(other)
    assert everything_under(store.root) == [f"{sha[:2]}/{sha}"]


def test_an_empty_batch_writes_nothing(tmp_path):
    store = EvidenceStore(tmp_path / "evidence")
    with store.batch():
        pass
    assert not (tmp_path / "evidence").exists()


# -- a put killed mid-copy --------------------------------------------------------------

CHILD = """
import sys, threading
from pathlib import Path
from db.holds.evidence_store import EvidenceStore

def progress(n):
    # Say so once the first block is written, then stay mid-copy until killed.
    sys.stdout.write("copying\\n")
    sys.stdout.flush()
    threading.Event().wait()

EvidenceStore(Path(sys.argv[1])).put(
    Path(sys.argv[2]), sys.argv[3], allow_link=False, progress=progress
)
"""


def test_a_put_killed_mid_copy_leaves_no_file_under_its_final_name(tmp_path, sources):
    source, sha = clip(sources, "big.mp4", size=24 * MIB)
    root = tmp_path / "evidence"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(root), str(source), sha],
        stdout=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == b"copying\n"
        partials = list((root / sha[:2]).glob(".partial-*"))
        assert len(partials) == 1 and partials[0].name.endswith(f"-{child.pid}-0")
        assert 0 < partials[0].stat().st_size < source.stat().st_size
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    store = EvidenceStore(root)
    assert not store.has(sha)
    assert not (root / sha[:2] / sha).exists()
    assert store.usage() == Usage(0, 0, 0)  # a partial is not counted as held
    assert store.sweep_partials() == 1
    assert everything_under(root) == []
    assert store.put(source, sha, allow_link=False).size == 24 * MIB


BATCH_CHILD = """
import sys, threading
from pathlib import Path
from db.holds.evidence_store import EvidenceStore

store = EvidenceStore(Path(sys.argv[1]))
with store.batch():
    for path, sha in zip(sys.argv[2::2], sys.argv[3::2]):
        store.put(Path(path), sha, allow_link=False)
    sys.stdout.write("written\\n")
    sys.stdout.flush()
    threading.Event().wait()
"""


def test_a_batch_killed_before_it_ends_leaves_no_file_under_a_final_name(tmp_path, sources):
    files = [clip(sources, f"c{i}.mp4", size=MIB) for i in range(2)]
    root = tmp_path / "evidence"
    child = subprocess.Popen(
        [sys.executable, "-c", BATCH_CHILD, str(root), *(str(x) for f in files for x in f)],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == b"written\n"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    store = EvidenceStore(root)
    assert not any(store.has(sha) for _p, sha in files)
    assert store.sweep_partials() == 2
    assert everything_under(root) == []


def test_sweep_keeps_the_partials_of_running_puts(store, sources):
    _source, sha = clip(sources, size=MIB)
    shard = store.root / sha[:2]
    shard.mkdir(parents=True)
    mine = shard / f".partial-{sha}-{os.getpid()}-7"
    running = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    try:
        theirs = shard / f".partial-{sha}-{running.pid}-0"
        stray = shard / ".partial-left-by-hand"
        old_stray = shard / ".partial-older"
        for p in (mine, theirs, stray, old_stray):
            p.write_bytes(b"part")
        long_ago = time.time() - STALE_S - 60
        os.utime(old_stray, (long_ago, long_ago))

        assert store.sweep_partials() == 1
        assert sorted(p.name for p in shard.iterdir()) == sorted(
            p.name for p in (mine, theirs, stray)
        )
    finally:
        assert running.stdin is not None
        running.stdin.close()
        running.wait()
    assert store.sweep_partials() == 1  # its process has ended
    assert not theirs.exists() and mine.exists()


def test_sweeping_or_counting_an_empty_store_finds_nothing(tmp_path):
    with EvidenceStore(tmp_path / "never-made") as store:  # closing releases nothing
        pass
    assert store.sweep_partials() == 0
    assert store.usage() == Usage(0, 0, 0)
    assert not store.has("a" * 64)
    assert not (tmp_path / "never-made").exists()


def test_puts_from_several_threads_at_once(store, sources):
    files = [clip(sources, f"c{i}.mp4", size=MIB + i) for i in range(6)]
    errors: list[BaseException] = []

    def hold(path: Path, sha: str) -> None:
        try:
            store.put(path, sha, allow_link=False)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=hold, args=f) for f in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert all(store.verify(sha) for _p, sha in files)
    assert everything_under(store.root) == sorted(f"{sha[:2]}/{sha}" for _p, sha in files)
