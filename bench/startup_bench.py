"""Cold start to a shown main window with 100,000 clips in the database, as a ratio to
an empty PySide6 QMainWindow started the same way (target: <= 2.5x).

Each run is a new process: ``python main.py --db LIBRARY`` with
DOORSTEP_EXIT_WHEN_READY=1 (the app quits once the window shows its first page of
clips) against ``python bench/empty_window.py`` (QApplication + QMainWindow, shown,
quit by ``QTimer.singleShot(0, app.quit)``). Both run with QT_QPA_PLATFORM=offscreen
and a throwaway data folder; wall time is from process start to exit. The runs
alternate, after one untimed run of each (so both find Python, Qt and the database in
the page cache: a cold process, not a cold disk). Medians are reported. The app on an
empty database is timed too, to separate the cost of the clips from the app's own, and
on a copy of the library whose cameras have no view cone: the map in the window draws
each camera's geodesic view cone, which needs numpy, pyproj and shapely at start-up.

Python's bytecode cache is on (PYTHONDONTWRITEBYTECODE is dropped; the cache goes to
bench/out/pycache through PYTHONPYCACHEPREFIX), as on an installed copy: without it
every start compiles Doorstep's ~40 modules again, which the empty window never pays.
``--no-bytecode-cache`` measures that case.

    .venv/bin/python bench/startup_bench.py [--clips 100000] [--runs 5]
        [--no-bytecode-cache]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import OUT, REPO, alternate, machine, median, verdict, write_result
from bench._library import library

TARGET = 2.5


def _run(command: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    proc = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stderr}")
    return elapsed


def _without_cones(db_path: Path) -> Path:
    """A copy of the library whose cameras have no heading, field of view or range, so
    the map draws no view cone (made again whenever the library file changes)."""
    folder = db_path.parent.with_name(db_path.parent.name + "-nocones")
    path = folder / db_path.name
    marker = folder / "source.txt"
    stat = db_path.stat()
    stamp = f"{stat.st_size} {stat.st_mtime_ns}"
    if path.exists() and marker.exists() and marker.read_text(encoding="utf-8") == stamp:
        return path
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(db_path.name + "*"):
        old.unlink()
    shutil.copyfile(db_path, path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE cameras SET heading_deg = NULL, fov_deg = NULL, range_m = NULL")
    conn.close()
    marker.write_text(stamp, encoding="utf-8")
    return path


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clips", type=int, default=100_000, help="clips in the database")
    p.add_argument("--runs", type=int, default=5, help="timed runs of each (median)")
    p.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="compile every module at every start (PYTHONDONTWRITEBYTECODE=1)",
    )
    args = p.parse_args()

    info = machine()
    print(f"machine: {info['nproc']} cores, {info['cpu']}")
    db_path = library(args.clips)
    no_cones = _without_cones(db_path)
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="doorstep-bench-") as tmp:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "DOORSTEP_EXIT_WHEN_READY": "1",
            "DOORSTEP_DATA_DIR": str(Path(tmp) / "data"),
            "XDG_CONFIG_HOME": str(Path(tmp) / "config"),
        }
        if args.no_bytecode_cache:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
        empty_db = Path(tmp) / "empty.sqlite3"
        commands = {
            "empty_window": [py, "bench/empty_window.py"],
            "app": [py, "main.py", "--db", str(db_path)],
            "app_empty_db": [py, "main.py", "--db", str(empty_db)],
            "app_no_cones": [py, "main.py", "--db", str(no_cones)],
        }
        times, cpu_steal = alternate(commands, args.runs, lambda c: _run(c, env))

    med = {name: median(values) for name, values in times.items()}
    ratio = med["app"] / med["empty_window"]
    result: dict[str, Any] = {
        "target_ratio": TARGET,
        "clips": args.clips,
        "runs": args.runs,
        "bytecode_cache": not args.no_bytecode_cache,
        "empty_window_s": med["empty_window"],
        "app_s": med["app"],
        "app_empty_db_s": med["app_empty_db"],
        "app_no_cones_s": med["app_no_cones"],
        "runs_s": times,
        "ratio": ratio,
        "ratio_empty_db": med["app_empty_db"] / med["empty_window"],
        "ratio_no_cones": med["app_no_cones"] / med["empty_window"],
        "cpu_steal_pct": cpu_steal,
    }
    print(
        f"start-up: empty QMainWindow {med['empty_window']:.3f} s; Doorstep with "
        f"{args.clips:,} clips {med['app']:.3f} s (empty database {med['app_empty_db']:.3f} s); "
        f"ratio {ratio:.2f}x (target <= {TARGET}x: {verdict(ratio, TARGET)}); "
        f"CPU steal {cpu_steal} %\n"
        f"  cameras without view cones (none on the map): {med['app_no_cones']:.3f} s, "
        f"ratio {result['ratio_no_cones']:.2f}x"
    )
    out = write_result("startup-no-bytecode-cache" if args.no_bytecode_cache else "startup", result)
    print(f"results: {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
