"""Run every benchmark in bench/, each in a process of its own with its default sizes
(the sizes its target names), then print one summary line per benchmark: its figure,
its target and whether the target is met. Each benchmark leaves its results in
bench/out/NAME.json; docs/BENCHMARKS.md explains them.

    .venv/bin/python bench/run_all.py [--only import,startup,...] [--quick] [--summary-only]

``--quick`` runs the long benchmarks at smaller sizes (minutes instead of the better part
of an hour): a check that they all run, whose figures do not answer their targets.
``--summary-only`` prints the summary of the results already in bench/out.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import REPO, machine, read_result, verdict


class Bench:
    def __init__(
        self, script: str, summary: Callable[[dict[str, Any]], str], quick: tuple[str, ...] = ()
    ) -> None:
        self.script = script
        self.summary = summary
        self.quick = quick


def _met(value: float, target: float) -> str:
    return "met" if verdict(value, target) == "met" else "NOT MET"


def _import(r: dict[str, Any]) -> str:
    s = r.get("camera") or r["small"]
    label = "camera-like clips" if "camera" in r else "tiny clips"
    others = ", ".join(
        f"{name} {r[name]['ratio']:.2f}x" for name in ("small", "medium", "big") if r.get(name)
    )
    # Results from before the thumbnails followed the import have no "stored_s".
    stored = s.get("stored_s", s["import_s"])
    return (
        f"{s['files']:,} {label}: clips stored {stored:.2f} s vs sha256sum "
        f"{s['sha256sum_s']:.2f} s = {s['ratio']:.2f}x; target <= {r['target_ratio']}x: "
        f"{_met(s['ratio'], r['target_ratio'])}; thumbnails done {s['import_s']:.2f} s "
        f"(other sets: {others})"
    )


def _startup(r: dict[str, Any]) -> str:
    return (
        f"{r['clips']:,} clips: {r['app_s']:.3f} s vs empty window {r['empty_window_s']:.3f} s "
        f"= {r['ratio']:.2f}x; target <= {r['target_ratio']}x: "
        f"{_met(r['ratio'], r['target_ratio'])} (empty database {r['app_empty_db_s']:.3f} s)"
    )


def _table(r: dict[str, Any]) -> str:
    kinds = [(kind, r[kind]) for kind in ("probe", "textured") if r.get(kind)]
    peak = max(t["peak_rss_mb"] for _k, t in kinds)
    parts = ", ".join(
        f"{kind} thumbnails {t['peak_rss_mb']:.0f} MB (first paint "
        f"{t['first_paint_s'] * 1000:.0f} ms)"
        for kind, t in kinds
    )
    return (
        f"{kinds[0][1]['clips']:,} rows, peak RSS {parts}; target <= "
        f"{r['target_peak_rss_mb']} MB: {_met(peak, r['target_peak_rss_mb'])}"
    )


def _audit(r: dict[str, Any]) -> str:
    return (
        f"verify {r['entries']:,} entries: median {r['median_s']:.2f} s; target <= "
        f"{r['target_s']} s: {_met(r['median_s'], r['target_s'])}"
    )


def _writers(r: dict[str, Any]) -> str:
    runs = r["runs"]
    failed = max(x["failed"] for x in runs)
    rates = ", ".join(f"{x['commands_per_s']:.0f}" for x in runs)
    return (
        f"{runs[0]['writers']} writers, {runs[0]['commands']} commands: {failed} failed "
        f"({rates} commands/s, slowest command "
        f"{max(x['slowest_command_s'] for x in runs):.2f} s); target {r['target_failed']} "
        f"failed: {_met(failed, r['target_failed'])}"
    )


def _export(r: dict[str, Any]) -> str:
    m = r["median_s"]
    return (
        f"{r['clips']} excerpts: {m['doorstep']:.2f} s vs ffmpeg -c copy {m['ffmpeg']:.2f} s "
        f"= {r['ratio']:.2f}x; target <= {r['target']}x: {_met(r['ratio'], r['target'])}"
    )


def _external(r: dict[str, Any]) -> str:
    return (
        f"another process's write shown after {r['median_s']:.2f} s median, "
        f"{r['max_s']:.2f} s at most; target <= {r['target_s']} s: "
        f"{_met(r['max_s'], r['target_s'])}"
    )


def _feed(r: dict[str, Any]) -> str:
    seconds = r["seconds"] if r["seconds"] is not None else float("inf")
    met = (
        verdict(seconds, r["target_seconds"]) == "met"
        and verdict(r["gui_longest_gap_ms"], r["target_gap_ms"]) == "met"
    )
    return (
        f"{r['requests']:,} requests in {seconds:.1f} s, GUI thread's longest wait "
        f"{r['gui_longest_gap_ms']:.0f} ms; targets <= {r['target_seconds']} s and "
        f"<= {r['target_gap_ms']} ms: {'met' if met else 'NOT MET'}"
    )


def _feed_memory(r: dict[str, Any]) -> str:
    peaks = {x["mode"]: max(x["parent_peak_mb"], x["child_peak_mb"]) for x in r["runs"]}
    worst = max(peaks.values())
    each = ", ".join(f"{mode} {mb:.0f} MB" for mode, mb in peaks.items())
    return (
        f"{r['requests']:,} requests ({r['feed_bytes'] / 1e6:.1f} MB), largest process per "
        f"poll: {each}; target < {r['target_mb']} MB: {_met(worst, r['target_mb'])}"
    )


def _map(r: dict[str, Any]) -> str:
    return (
        f"{r['cameras']} cameras, {r['areas']:,} areas: median frame {r['median_ms']:.1f} ms "
        f"(p90 {r['p90_ms']:.1f} ms); target <= {r['target_ms']} ms: "
        f"{_met(r['median_ms'], r['target_ms'])}"
    )


def _match(r: dict[str, Any]) -> str:
    return (
        f"{r['clips']:,} clips, {r['requests']} requests: median {r['median_ms']:.2f} ms "
        f"(p90 {r['p90_ms']:.2f} ms); target <= {r['target_ms']} ms: "
        f"{_met(r['median_ms'], r['target_ms'])}"
    )


def _tile_tls(r: dict[str, Any]) -> str:
    return (
        f"GUI thread's longest wait at the first HTTPS tile {r['longest_gap_ms_median']:.0f} ms "
        f"median of {r['runs']}; no target (a cost accepted once per process)"
    )


def _hold(r: dict[str, Any]) -> str:
    return (
        f"{r['files']:,} camera-like clips: held by copy {r['copy_s']:.2f} s vs cp "
        f"{r['cp_s']:.2f} s = {r['ratio']:.2f}x ({r['ratio_vs_cp_sync']:.2f}x cp + sync); "
        f"target <= {r['target_ratio']}x: {_met(r['ratio'], r['target_ratio'])}; "
        f"by link {r['link_ratio']:.2f}x"
    )


def _handover(r: dict[str, Any]) -> str:
    speed = r["mb_per_s"]
    return (
        f"{r['mb']} MB package: portal parts {speed['portal_parts']} MB/s, encrypted zip "
        f"{speed['encrypted_zip']} MB/s, cp + sync {speed['cp']} MB/s; no target"
    )


def _redact(r: dict[str, Any]) -> str:
    parts = []
    for x in r["runs"]:
        parts.append(
            f"{x['size']} {x['speed']:.2f}x real time (target >= {x['target']}x: "
            f"{'met' if x['speed'] >= x['target'] else 'NOT MET'}), faces covered "
            f"{x['coverage']:.1%}"
        )
    return "60 s excerpt, faces found and pixelated: " + "; ".join(parts)


BENCHES = {
    "audit": Bench("bench/audit_bench.py", _audit, ("--entries", "100000")),
    "concurrent_writers": Bench("bench/concurrent_writers.py", _writers),
    "export": Bench("bench/export_bench.py", _export, ("--clips", "3", "--repeats", "3")),
    "external_change": Bench("bench/external_change_bench.py", _external),
    "feed": Bench("bench/feed_bench.py", _feed, ("--requests", "2000")),
    "feed_memory": Bench(
        "bench/feed_memory.py", _feed_memory, ("--requests", "15500", "--bytes", "6390000")
    ),
    "handover": Bench("bench/handover_bench.py", _handover, ("--mb", "300", "--repeats", "2")),
    "hold": Bench("bench/hold_bench.py", _hold, ("--clips", "200", "--repeats", "2")),
    "import": Bench(
        "bench/import_bench.py",
        _import,
        ("--clips", "200", "--camera", "200", "--medium", "0", "--big", "0", "--repeats", "3"),
    ),
    "map": Bench("bench/map_bench.py", _map),
    "match": Bench("bench/match_bench.py", _match, ("--clips", "100000")),
    "redact": Bench("bench/redact_bench.py", _redact, ("--sizes", "720p")),
    "startup": Bench("bench/startup_bench.py", _startup, ("--runs", "3")),
    "table": Bench("bench/table_bench.py", _table, ("--fine-rows", "2000", "--step-rows", "1000")),
    "tile_tls": Bench("bench/tile_tls_bench.py", _tile_tls, ("--runs", "3")),
}


def summary_line(name: str) -> str:
    result = read_result(name)
    if result is None:
        return f"{name}: no results in bench/out"
    try:
        return f"{name}: {BENCHES[name].summary(result)}"
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        return f"{name}: results in bench/out/{name}.json not understood ({exc!r})"


def main() -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--only", default=",".join(BENCHES), help="comma-separated subset to run")
    p.add_argument("--quick", action="store_true", help="smaller sizes for the long ones")
    p.add_argument("--summary-only", action="store_true", help="run nothing, summarise")
    args = p.parse_args()
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        p.error(f"unknown benchmark(s): {', '.join(unknown)} (known: {', '.join(BENCHES)})")

    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    failed = []
    for name in [] if args.summary_only else names:
        bench = BENCHES[name]
        command = [sys.executable, bench.script, *(bench.quick if args.quick else ())]
        print(f"== {name}: {' '.join(command[1:])}", flush=True)
        t = time.perf_counter()
        code = subprocess.run(command, cwd=REPO, env=env).returncode
        print(f"== {name}: {time.perf_counter() - t:.0f} s, exit status {code}\n", flush=True)
        if code != 0:
            failed.append(name)

    info = machine()
    print(f"Summary ({info['nproc']} cores, {info['cpu']}; Python {info['python']}):")
    if args.quick:
        print("  (--quick: smaller sizes than the targets name; the verdicts do not count)")
    for name in names:
        print("  " + (f"{name}: failed, no figures" if name in failed else summary_line(name)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
