"""Holding clips in the evidence store as a ratio to ``cp`` of the same files (target:
<= 1.2x when copying, near zero when linking; issue 17).

The set is import_bench's camera set (1,000 camera-like clips of 1.4-2.3 MB, generated
once into bench/out/cache and shared with it). Every file is hashed first, untimed:
the hashes the store is asked to check, and the page cache warm with every source
for all timed runs (the page cache is not dropped: that would slow every other
process on the machine). Then, per repeat,
each into a fresh folder on the same file system, the folder flushed to disk (``sync``)
before each so that no run pays for the one before:

* ``cp -r`` of the set (one process), then ``sync`` timed apart: ``cp`` leaves its
  bytes in memory for the kernel to write later, where the store waits for its bytes
  to reach the disk before it names a file held (a crash must not leave a named but
  incomplete file). So ``cp`` then ``sync`` is the same work done;
* ``EvidenceStore.put_many(allow_link=False)`` of every file (the app's way to hold
  many clips: a put per processor at a time, in one batch, so one flush of the file
  system for all of them at the end): the copy (a reflink where the file system
  clones); the target's figure;
* ``put`` of each file, one after another, each flushed on its own (a file flush and
  a folder flush per file);
* the same two with links allowed: a hard link, which is not read again when the
  file has the size and time it had when it was hashed (as the app passes them).

Medians are reported, with the load average (``uptime``) before and after and the
CPU time the hypervisor took away.

    .venv/bin/python bench/hold_bench.py [--clips 1000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import OUT, REPO, CpuSteal, machine, median, verdict, write_result
from bench.import_bench import _cached_set, _files, _make_camera

TARGET = 1.2  # issue 17: holding costs at most 1.2x cp when copying
WORK = OUT / "hold-work"  # on the same file system as the cached set


def _uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _fresh(name: str) -> Path:
    folder = WORK / name
    if folder.exists():
        shutil.rmtree(folder)
    WORK.mkdir(parents=True, exist_ok=True)
    os.sync()
    return folder


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb", buffering=0) as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _facts(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def _cp(root: Path) -> tuple[float, float]:
    dest = _fresh("cp")
    t = time.perf_counter()
    subprocess.run(["cp", "-r", "--", str(root), str(dest)], check=True)
    copied = time.perf_counter() - t
    t = time.perf_counter()
    os.sync()
    synced = time.perf_counter() - t
    shutil.rmtree(dest)
    return copied, synced


def _hold(files: list[tuple[str, str, tuple[int, int]]], *, allow_link: bool, batch: bool) -> float:
    from db.holds.evidence_store import EvidenceStore, PutItem, Stored

    dest = _fresh("store")
    methods: set[str] = set()
    store = EvidenceStore(dest)
    t = time.perf_counter()
    if batch:  # the app's way: several at a time, one flush
        for r in store.put_many(
            [PutItem(Path(p), sha, known) for p, sha, known in files], allow_link=allow_link
        ):
            assert isinstance(r, Stored), r
            methods.add(r.method)
    else:
        for path, sha, known in files:
            methods.add(store.put(Path(path), sha, allow_link=allow_link, known=known).method)
    seconds = time.perf_counter() - t
    assert store.usage().files == len({sha for _p, sha, _k in files})
    print(f" ({', '.join(sorted(methods))})", end="")
    shutil.rmtree(dest)
    return seconds


def measure(root: Path, repeats: int) -> dict[str, Any]:
    paths = _files(root)
    total = sum(os.path.getsize(p) for p in paths)
    t = time.perf_counter()
    # Each file's hash and its size and time when hashed, as an import records them.
    files = [(p, _sha256(p), _facts(p)) for p in paths]  # also warms the page cache
    hash_s = time.perf_counter() - t
    load_before = _uptime()
    steal = CpuSteal().start()
    cps: list[float] = []
    syncs: list[float] = []
    runs: dict[str, list[float]] = {k: [] for k in ("copy", "copy_each", "link", "link_each")}
    for r in range(repeats):
        print(f"  run {r + 1}:", end="")
        c, s = _cp(root)
        cps.append(c)
        syncs.append(s)
        print(f" cp {c:.2f} s + sync {s:.2f} s;", end="")
        for key in runs:
            allow_link, batch = key.startswith("link"), not key.endswith("_each")
            runs[key].append(_hold(files, allow_link=allow_link, batch=batch))
            print(f" {key} {runs[key][-1]:.2f} s;", end="", flush=True)
        print(flush=True)
    shutil.rmtree(WORK, ignore_errors=True)
    cp, sync = median(cps), median(syncs)
    m = {key: median(values) for key, values in runs.items()}
    result: dict[str, Any] = {
        "files": len(files),
        "bytes": total,
        "hash_first_s": hash_s,
        "cp_s": cp,
        "sync_after_cp_s": sync,
        "cp_runs_s": cps,
        "sync_runs_s": syncs,
        **{f"{key}_s": value for key, value in m.items()},
        **{f"{key}_runs_s": values for key, values in runs.items()},
        # The target's ratio: many clips held in one batch, by copy.
        "ratio": m["copy"] / cp,
        "ratio_vs_cp_sync": m["copy"] / (cp + sync),
        "ratio_each": m["copy_each"] / cp,
        "ratio_each_vs_cp_sync": m["copy_each"] / (cp + sync),
        "link_ratio": m["link"] / cp,
        "link_each_ratio": m["link_each"] / cp,
        "hash_ratio": hash_s / cp,
        "load_before": load_before,
        "load_after": _uptime(),
        "cpu_steal_pct": steal.stop(),
    }
    print(
        f"{len(files)} files, {total / 1e6:.1f} MB: cp {cp:.2f} s (then sync {sync:.2f} s); "
        f"held by copy in a batch {m['copy']:.2f} s = {result['ratio']:.2f}x cp "
        f"({result['ratio_vs_cp_sync']:.2f}x cp + sync; target <= {TARGET}x: "
        f"{verdict(result['ratio'], TARGET)}); each flushed {m['copy_each']:.2f} s = "
        f"{result['ratio_each']:.2f}x; by link {m['link']:.2f} s = {result['link_ratio']:.2f}x "
        f"(each flushed {result['link_each_ratio']:.2f}x; hashing alone "
        f"{result['hash_ratio']:.2f}x)"
    )
    print(f"  load before: {load_before}\n  load after:  {result['load_after']}")
    return result


def main() -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--clips", type=int, default=1000, help="camera-like clips in the set")
    p.add_argument("--repeats", type=int, default=3, help="timed runs per side (median)")
    args = p.parse_args()
    info = machine()
    print(f"machine: {info['nproc']} cores, {info['cpu']}")
    root = _cached_set(f"import-camera-{args.clips}", args.clips, _make_camera)
    results: dict[str, Any] = {"target_ratio": TARGET, "repeats": args.repeats}
    results.update(measure(root, args.repeats))
    out = write_result("hold", results)
    print(f"results: {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
