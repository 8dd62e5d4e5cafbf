"""The bundle `make dist` builds (docs/install.md): its size on disk and as the tarball,
and its cold start against the same code run from the virtual environment (target:
bundle <= 1.2x the venv's).

Start-up is measured as ``bench/startup_bench.py`` measures it: each run a new process
with DOORSTEP_EXIT_WHEN_READY=1 (the app quits once the window shows its first page of
clips) on the benchmark library of 100,000 clips, QT_QPA_PLATFORM=offscreen, a
throwaway data folder; wall time from process start to exit. ``dist/doorstep/doorstep
--db LIBRARY`` alternates with ``python main.py --db LIBRARY`` (bytecode cache on, in
bench/out/pycache, as for an installed copy), after one untimed run of each; medians.
The environment is the same for both except that the venv's run needs its Python.

    .venv/bin/python bench/dist_bench.py [--clips 100000] [--runs 7]

The bundle must have been built (`make dist`); the figures belong to that build.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import OUT, REPO, alternate, machine, median, verdict, write_result
from bench._library import library

TARGET = 1.2
BUNDLE = REPO / "dist" / "doorstep"


def _tarball() -> Path:
    with open(REPO / "pyproject.toml", "rb") as f:
        version = tomllib.load(f)["project"]["version"]
    return REPO / "dist" / f"doorstep-{version}-linux-{platform.machine()}.tar.gz"


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _run(command: list[str], env: dict[str, str], cwd: Path) -> float:
    t = time.perf_counter()
    proc = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stderr}")
    return elapsed


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clips", type=int, default=100_000, help="clips in the database")
    p.add_argument("--runs", type=int, default=7, help="timed runs of each (median)")
    args = p.parse_args()
    exe = BUNDLE / "doorstep"
    tarball = _tarball()
    if not exe.is_file() or not tarball.is_file():
        raise SystemExit("no bundle: run `make dist` first")

    info = machine()
    print(f"machine: {info['nproc']} cores, {info['cpu']}")
    folder_mb = _folder_bytes(BUNDLE) / 1e6
    tarball_mb = tarball.stat().st_size / 1e6
    print(f"bundle: {folder_mb:.0f} MB in dist/doorstep/, tarball {tarball_mb:.0f} MB")
    db_path = library(args.clips)
    with tempfile.TemporaryDirectory(prefix="doorstep-bench-") as tmp:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "DOORSTEP_EXIT_WHEN_READY": "1",
            "DOORSTEP_DATA_DIR": str(Path(tmp) / "data"),
            "XDG_CONFIG_HOME": str(Path(tmp) / "config"),
            "PYTHONPYCACHEPREFIX": str(OUT / "pycache"),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        commands = {
            "venv": [sys.executable, str(REPO / "main.py"), "--db", str(db_path)],
            "bundle": [str(exe), "--db", str(db_path)],
        }
        times, cpu_steal = alternate(commands, args.runs, lambda c: _run(c, env, Path(tmp)))

    med = {name: median(values) for name, values in times.items()}
    ratio = med["bundle"] / med["venv"]
    result: dict[str, Any] = {
        "target_ratio": TARGET,
        "clips": args.clips,
        "runs": args.runs,
        "bundle_mb": folder_mb,
        "tarball_mb": tarball_mb,
        "venv_s": med["venv"],
        "bundle_s": med["bundle"],
        "runs_s": times,
        "ratio": ratio,
        "cpu_steal_pct": cpu_steal,
    }
    print(
        f"start-up with {args.clips:,} clips: venv {med['venv']:.3f} s, bundle "
        f"{med['bundle']:.3f} s; ratio {ratio:.2f}x (target <= {TARGET}x: "
        f"{verdict(ratio, TARGET)}); CPU steal {cpu_steal} %"
    )
    out = write_result("dist", result)
    print(f"results: {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
