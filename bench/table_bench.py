"""The clips table with 100,000 rows: time to its first paint, and the peak memory of
the whole process after scrolling through all of it (target: <= 250 MB RSS).

In one process (QT_QPA_PLATFORM=offscreen): build the services with
``build_services(LIBRARY, "resident")``, make the MainWindow (its QSettings in a
temporary file), show it and call ``start()``. The clock runs from just before
``build_services`` until the first paint of the table's viewport after the window's
``ready`` signal (the first page of clips is loaded) has been processed. Then the table
is scrolled from top to bottom with ``verticalScrollBar().setValue``, waiting at each
step until the visible rows are loaded and painted: one screenful a step over the first
``--fine-rows`` rows (every row painted, every thumbnail made: that fills the model's
caches to their limit), then ``--step-rows`` rows a step to the bottom (every page of
rows fetched, the caches evicting). ``--full`` paints every row of the table instead
(several times slower). Peak RSS is
``getrusage(RUSAGE_SELF).ru_maxrss`` at the end. The database is built (if not cached)
in a separate process, so it never counts.

    .venv/bin/python bench/table_bench.py [--clips 100000] [--fine-rows 10000]
        [--step-rows 200] [--full]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import REPO, CpuSteal, machine, verdict, write_result

TARGET_MB = 250


def _rss_mb() -> float:
    """Current resident set size (VmRSS), in MB."""
    with open("/proc/self/status", encoding="utf-8") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def _cache_sizes(model: Any) -> dict[str, Any]:
    """What the clips model holds (its private caches, read only for this report)."""
    rows = getattr(model, "_rows", None)
    if rows is None:  # the model before rows were cached by clip id: pages of rows
        rows = [r for page in getattr(model, "_pages", {}).values() for r in page]
    thumbs: dict[int, bytes] = getattr(model, "_thumbs", {})
    pixmaps: dict[int, Any] = getattr(model, "_pixmaps", {})
    return {
        "cached_rows_end": len(rows),
        "thumb_bytes_end": sum(len(b) for b in thumbs.values()),
        "thumbnail_bytes": len(next(iter(thumbs.values()), b"")),
        "pixmaps_end": len(pixmaps),
        "pixmap_bytes_end": sum(p.width() * p.height() * p.depth() // 8 for p in pixmaps.values()),
    }


def run(db_path: Path, fine_rows: int, step_rows: int, tmp: Path) -> dict[str, Any]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["DOORSTEP_DATA_DIR"] = str(tmp / "data")
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    rss_python = _rss_mb()
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    from desktop.app import make_application
    from desktop.main_window import MainWindow
    from desktop.services import build_services

    app = make_application()
    marks: dict[str, float] = {}
    paints: list[float] = []

    class PaintWatch(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                # Runs before the paint: note the time once it has been processed.
                QTimer.singleShot(0, lambda: paints.append(time.perf_counter()))
            return False

    t0 = time.perf_counter()
    services = build_services(db_path, "resident")
    marks["services"] = time.perf_counter()
    settings = QSettings(str(tmp / "window-state.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings)
    marks["window"] = time.perf_counter()
    table = window.clips_view.table
    watch = PaintWatch()
    table.viewport().installEventFilter(watch)
    window.ready.connect(lambda: marks.setdefault("ready", time.perf_counter()))
    window.show()
    window.start()
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline:
        app.processEvents()
        if "ready" in marks and any(p > marks["ready"] for p in paints):
            break
        time.sleep(0.0005)
    else:
        raise SystemExit("the clips table was not painted within 60 s")
    first_paint = next(p for p in paints if p > marks["ready"])
    model = services.clips
    rows = model.rowCount()
    if rows == 0 or not table.isVisible():
        raise SystemExit(f"the clips table is not showing ({rows} rows)")
    rss_first_paint = _rss_mb()

    # Scroll through everything, a step at a time, waiting for each step's rows.
    bar = table.verticalScrollBar()
    per_item = table.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerItem
    screen_rows = max(1, table.rowAt(table.viewport().height() - 1) - table.rowAt(0))
    unit = 1 if per_item else table.verticalHeader().defaultSectionSize()
    t_scroll = time.perf_counter()
    steps = 0
    value = 0
    rss_max, at_peak = rss_first_paint, _cache_sizes(model)
    while True:
        moved = bar.value() != value
        bar.setValue(value)
        painted = len(paints) if moved else -1  # unmoved: the rows are on screen already
        deadline = time.perf_counter() + 30
        while time.perf_counter() < deadline:
            app.processEvents()
            top = max(0, table.rowAt(0))
            bottom = table.rowAt(table.viewport().height() - 1)
            bottom = rows - 1 if bottom < 0 else bottom
            if model.is_loaded(top) and model.is_loaded(bottom) and len(paints) > painted:
                break
            time.sleep(0.0005)
        else:
            raise SystemExit(f"rows at scroll position {value} did not load within 30 s")
        steps += 1
        rss = _rss_mb()
        if rss > rss_max + 1:  # note what the model holds when memory is highest
            rss_max, at_peak = rss, _cache_sizes(model)
        if value >= bar.maximum():
            break
        rows_step = screen_rows if table.rowAt(0) < fine_rows else step_rows
        value = min(bar.maximum(), value + max(1, rows_step * unit))
    scroll_s = time.perf_counter() - t_scroll
    app.processEvents()
    result = {
        "clips": rows,
        "services_s": marks["services"] - t0,
        "window_s": marks["window"] - marks["services"],
        "ready_s": marks["ready"] - t0,
        "first_paint_s": first_paint - t0,
        "scroll_steps": steps,
        "screen_rows": screen_rows,
        "fine_rows": fine_rows,
        "step_rows": step_rows,
        "pixmaps_end": len(getattr(model, "_pixmaps", {})),
        "scroll_s": scroll_s,
        "paints": len(paints),
        "rss_python_mb": rss_python,
        "rss_first_paint_mb": rss_first_paint,
        "rss_end_mb": _rss_mb(),
        "peak_rss_mb": _peak_rss_mb(),
        "av_loaded": "av" in sys.modules,
        "rss_max_seen_mb": rss_max,
        "at_rss_max": at_peak,
        **_cache_sizes(model),
    }
    window.close()
    services.shutdown()
    QApplication.processEvents()
    return result


def _child(args: argparse.Namespace) -> int:
    """One measurement in this process; the result goes to stdout as JSON."""
    fine_rows = args.clips if args.full else args.fine_rows
    steal = CpuSteal().start()
    with tempfile.TemporaryDirectory(prefix="doorstep-bench-") as tmp:
        result = run(Path(args.child), fine_rows, args.step_rows, Path(tmp))
    result["cpu_steal_pct"] = steal.stop()
    print("RESULT " + json.dumps(result))
    return 0


def _report(kind: str, r: dict[str, Any]) -> None:
    print(
        f"{kind} thumbnails ({r['thumbnail_bytes']:,} bytes each), {r['clips']:,} rows: "
        f"services {r['services_s'] * 1000:.0f} ms, window {r['window_s'] * 1000:.0f} ms, "
        f"ready {r['ready_s'] * 1000:.0f} ms, first paint {r['first_paint_s'] * 1000:.0f} ms "
        "after build_services"
    )
    print(
        f"  scrolled to the bottom in {r['scroll_steps']} steps (a screenful of "
        f"{r['screen_rows']} rows over the first {r['fine_rows']:,}, then {r['step_rows']} "
        f"rows; {r['scroll_s']:.1f} s, {r['paints']} paints)"
    )
    print(
        f"  RSS: {r['rss_python_mb']:.0f} MB before Qt, {r['rss_first_paint_mb']:.0f} MB at "
        f"first paint, {r['rss_end_mb']:.0f} MB after scrolling; peak {r['peak_rss_mb']:.0f} MB "
        f"(target <= {TARGET_MB} MB: {verdict(r['peak_rss_mb'], TARGET_MB)}); "
        f"CPU steal {r['cpu_steal_pct']} %"
    )
    c = r["at_rss_max"]
    print(
        f"  at the highest RSS seen ({r['rss_max_seen_mb']:.0f} MB) the clips model held "
        f"{c['cached_rows_end']} rows, {c['thumb_bytes_end'] / 1e6:.1f} MB of thumbnail JPEG "
        f"and {c['pixmaps_end']} pixmaps of {c['pixmap_bytes_end'] / 1e6:.1f} MB"
    )


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clips", type=int, default=100_000, help="clips in the database")
    p.add_argument("--fine-rows", type=int, default=10_000, help="rows scrolled a screenful a step")
    p.add_argument("--step-rows", type=int, default=200, help="rows a step after those")
    p.add_argument("--full", action="store_true", help="scroll a screenful a step throughout")
    p.add_argument(
        "--thumbnails",
        default="probe,textured",
        help="thumbnail kinds to measure, each in a process of its own (probe, textured)",
    )
    p.add_argument("--child", help=argparse.SUPPRESS)  # the database, in a measuring process
    args = p.parse_args()
    if args.child:
        return _child(args)

    info = machine()
    print(f"machine: {info['nproc']} cores, {info['cpu']}")
    results: dict[str, Any] = {"target_peak_rss_mb": TARGET_MB}
    for kind in [k.strip() for k in args.thumbnails.split(",") if k.strip()]:
        built = subprocess.run(
            [sys.executable, "bench/_library.py", str(args.clips), kind],
            cwd=REPO,
            check=True,
            capture_output=True,
            text=True,
        )
        db_path = built.stdout.strip().splitlines()[-1]
        command = [sys.executable, __file__, "--child", db_path, "--clips", str(args.clips)]
        command += ["--fine-rows", str(args.fine_rows), "--step-rows", str(args.step_rows)]
        if args.full:
            command.append("--full")
        proc = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
        lines = [x for x in proc.stdout.splitlines() if x.startswith("RESULT ")]
        if proc.returncode != 0 or not lines:
            raise SystemExit(f"the {kind} run failed ({proc.returncode}):\n{proc.stderr}")
        result = json.loads(lines[-1][len("RESULT ") :])
        results[kind] = result
        _report(kind, result)
    out = write_result("table-full" if args.full else "table", results)
    print(f"results: {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
