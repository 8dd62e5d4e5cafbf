"""Run the three benchmarks with their default sizes, then print a summary of the
figures against the targets. Each benchmark runs in a process of its own and leaves its
results in bench/out/NAME.json (docs/BENCHMARKS.md explains them).

    .venv/bin/python bench/run_all.py [--only import,startup,table]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import REPO, machine, read_result, verdict

SCRIPTS = {
    "import": "bench/import_bench.py",
    "startup": "bench/startup_bench.py",
    "table": "bench/table_bench.py",
}


def _import_lines(r: dict[str, Any]) -> list[str]:
    lines = []
    for label in ("small", "camera", "medium", "big"):
        s = r.get(label)
        if not s:
            continue
        lines.append(
            f"import {label:6s} {s['files']:>5} files {s['bytes'] / 1e6:>8.1f} MB: "
            f"import {s['import_s']:.2f} s ({s['import_files_per_s']:.0f} files/s, "
            f"{s['import_mb_per_s']:.0f} MB/s), sha256sum {s['sha256sum_s']:.2f} s -> "
            f"{s['ratio']:.2f}x (target <= {r['target_ratio']}x: "
            f"{verdict(s['ratio'], r['target_ratio'])})"
        )
    return lines


def _startup_lines(r: dict[str, Any]) -> list[str]:
    return [
        f"start-up {r['clips']:,} clips: app {r['app_s']:.3f} s, empty QMainWindow "
        f"{r['empty_window_s']:.3f} s -> {r['ratio']:.2f}x (target <= {r['target_ratio']}x: "
        f"{verdict(r['ratio'], r['target_ratio'])}); app on an empty database "
        f"{r['app_empty_db_s']:.3f} s"
        + (
            f", with cameras without view cones {r['app_no_cones_s']:.3f} s "
            f"({r['ratio_no_cones']:.2f}x)"
            if "app_no_cones_s" in r
            else ""
        )
    ]


def _table_lines(r: dict[str, Any]) -> list[str]:
    lines = []
    for kind in ("probe", "textured"):
        t = r.get(kind)
        if not t:
            continue
        lines.append(
            f"clips table {t['clips']:,} rows, {kind} thumbnails ({t['thumbnail_bytes']:,} B): "
            f"first paint {t['first_paint_s'] * 1000:.0f} ms, peak RSS {t['peak_rss_mb']:.0f} MB "
            f"(target <= {r['target_peak_rss_mb']} MB: "
            f"{verdict(t['peak_rss_mb'], r['target_peak_rss_mb'])})"
        )
    return lines


SUMMARIES = {"import": _import_lines, "startup": _startup_lines, "table": _table_lines}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--only", default=",".join(SCRIPTS), help="comma-separated subset to run")
    args = p.parse_args()
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = [n for n in names if n not in SCRIPTS]
    if unknown:
        p.error(f"unknown benchmark(s): {', '.join(unknown)}")

    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    failed = []
    for name in names:
        print(f"== {name} ({SCRIPTS[name]})", flush=True)
        t = time.perf_counter()
        code = subprocess.run([sys.executable, SCRIPTS[name]], cwd=REPO, env=env).returncode
        print(f"== {name}: {time.perf_counter() - t:.0f} s, exit status {code}\n", flush=True)
        if code != 0:
            failed.append(name)

    info = machine()
    print(f"Summary ({info['nproc']} cores, {info['cpu']}; Python {info['python']}):")
    for name in names:
        result = read_result(name)
        if name in failed or result is None:
            print(f"{name}: failed, no figures")
            continue
        for line in SUMMARIES[name](result):
            print("  " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
