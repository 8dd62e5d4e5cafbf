"""The GUI thread's longest wait around a process's first HTTPS tile request, when Qt
loads its TLS backend and the system's CA certificates.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/tile_tls_bench.py [--runs 7]

Each run is a fresh process (Qt loads TLS once per process): a TileLoader for an HTTPS
tile server on 127.0.0.1 (certificate from a throwaway trustme CA the loader does not
trust, so the answer is a refused handshake: loading TLS costs the same either way)
asks for one tile. A 2 ms QTimer on the GUI thread records the longest gap between its
ticks from the request until the loader answers.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench._common import CpuSteal, median, write_result


def one_run() -> None:
    import ssl
    import tempfile

    import trustme
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from pytest_httpserver import HTTPServer

    from desktop.map.tiles import TileLoader, TileSource

    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    trustme.CA().issue_cert("127.0.0.1").configure_cert(ctx)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=ctx)
    server.start()
    app = QGuiApplication([])
    cache = Path(tempfile.mkdtemp(prefix="doorstep-tile-tls-bench-"))
    source = TileSource.xyz(f"https://127.0.0.1:{server.port}/{{z}}/{{x}}/{{y}}.png")
    loader = TileLoader(source, cache_dir=cache)
    gaps: list[float] = []
    last = [0.0]
    answered = [0.0]
    started = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        if started[0] and not answered[0]:
            gaps.append(now - last[0])
        last[0] = now

    def answer(*_args: object) -> None:
        if not answered[0]:
            answered[0] = time.perf_counter()
            QTimer.singleShot(100, app.quit)

    def go() -> None:
        started[0] = last[0] = time.perf_counter()
        loader.request(1, 1, 0)

    ticker = QTimer()
    ticker.setInterval(2)
    ticker.timeout.connect(tick)
    ticker.start()
    loader.tile_ready.connect(answer)
    loader.failed.connect(answer)
    QTimer.singleShot(300, go)
    QTimer.singleShot(30_000, app.quit)
    app.exec()
    loader.close()
    server.stop()
    print(
        json.dumps(
            {
                "longest_gap_ms": round(max(gaps) * 1000, 1) if gaps else None,
                "answer_ms": round((answered[0] - started[0]) * 1000, 1) if answered[0] else None,
            }
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        one_run()
        return
    steal = CpuSteal().start()
    runs = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, __file__, "--child"], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    gaps = [r["longest_gap_ms"] for r in runs if r["longest_gap_ms"] is not None]
    result = {
        "runs": args.runs,
        "longest_gap_ms_median": median(gaps),
        "longest_gap_ms_max": max(gaps) if gaps else None,
        "answer_ms_median": median([r["answer_ms"] for r in runs if r["answer_ms"]]),
        "per_run": runs,
        "cpu_steal_percent": steal.stop(),
    }
    write_result("tile_tls", result)
    for k, v in result.items():
        print(f"{k}: {v}")


if __name__ == "__main__":
    main()
