"""Map repaint while panning and zooming, with 500 cameras (with view cones) and 1,000
request areas (target: median <= 16 ms a frame).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/map_bench.py [--cameras 500] [--areas 1000]

The map panel is built as the window builds it, over a requests model holding N
requests (circles and polygons of 0.03-0.4 sq mi spread over a ~6 km square) and a
cameras model with M cameras. The view (1200x500, the size of the map dock in a
maximised window) is then panned in 60 steps of 40 px and zoomed through 20 half-steps
between zoom 13 and 17; each frame is painted synchronously (``viewport().repaint()``)
and timed. Painting is Qt's raster engine (offscreen platform), without a base map.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench._common import CpuSteal, median, verdict, write_result

CENTRE = (-122.3321, 47.6062)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cameras", type=int, default=500)
    ap.add_argument("--areas", type=int, default=1000)
    args = ap.parse_args()

    import json

    from PySide6.QtCore import QItemSelectionModel, QObject, Signal
    from PySide6.QtWidgets import QApplication

    from db.clips.cameras import Camera
    from db.requests.inbox import RequestSummary
    from desktop.map.panel import MapPanel
    from desktop.models.requests import RequestsFilter, RequestsModel

    app = QApplication.instance() or QApplication([])
    rng = random.Random(5)

    class FakeDb(QObject):  # the models only need submit() for loading, not used here
        def submit(self, *a: object, **k: object) -> None:
            pass

    class Cameras(QObject):
        loaded = Signal()

        def __init__(self, cams: list[Camera]) -> None:
            super().__init__()
            self._c = cams

        def cameras(self) -> list[Camera]:
            return list(self._c)

        def update(self, camera: Camera, **_: object) -> None:
            pass

    cams = []
    for i in range(args.cameras):
        cams.append(
            Camera(
                f"cam{i}",
                CENTRE[1] + rng.uniform(-0.03, 0.03),
                CENTRE[0] + rng.uniform(-0.04, 0.04),
                rng.uniform(0, 359),
                rng.uniform(40, 120),
                rng.uniform(15, 60),
                id=i + 1,
            )
        )
    statuses = ["new", "needs decision", "decided", "expired", "no footage", "withdrawn"]
    rows = []
    for i in range(args.areas):
        lon = CENTRE[0] + rng.uniform(-0.04, 0.04)
        lat = CENTRE[1] + rng.uniform(-0.03, 0.03)
        if i % 2:
            area = {"type": "Point", "coordinates": [lon, lat], "radius_m": rng.uniform(100, 500)}
        else:
            d = rng.uniform(0.001, 0.004)
            area = {
                "type": "Polygon",
                "coordinates": [
                    [
                        [lon - d, lat - d],
                        [lon + d, lat - d],
                        [lon + d, lat + d],
                        [lon - d, lat + d],
                        [lon - d, lat - d],
                    ]
                ],
            }
        rows.append(
            RequestSummary(
                i + 1,
                f"r{i}",
                1,
                "current",
                statuses[i % 6],
                "pd",
                "Police",
                "c",
                "inc",
                "2026-11-20T14:00:00.000Z",
                "2026-11-20T16:00:00.000Z",
                1.0e5,
                "2026-11-21T00:00:00.000Z",
                "2026-12-21T00:00:00.000Z",
                "ok",
                "All rules pass",
                1,
                "unsigned",
                json.dumps(area),
            )
        )
    model = RequestsModel(FakeDb())  # type: ignore[arg-type]
    model._set_rows(rows, (len(rows), "2026-11-21T00:00:00.000Z"), sort=model._sort)
    proxy = RequestsFilter()
    proxy.setSourceModel(model)
    selection = QItemSelectionModel(proxy)
    started = time.perf_counter()
    panel = MapPanel(Cameras(cams), proxy, selection, lambda _rid: None)  # type: ignore[arg-type]
    panel.resize(1200, 530)
    panel.show()
    while not panel.settled():  # areas are added in time-boxed batches
        app.processEvents()
    app.processEvents()
    build_s = time.perf_counter() - started
    view = panel.view
    panel.highlight_camera(1)
    selection.select(
        proxy.index(3, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    view.center_on_lonlat(*CENTRE, zoom=14)
    app.processEvents()
    frames: list[float] = []

    def frame() -> None:
        t = time.perf_counter()
        view.viewport().repaint()
        frames.append((time.perf_counter() - t) * 1000)

    for _ in range(3):
        frame()  # warm-up
    frames.clear()
    steal = CpuSteal().start()
    for i in range(60):
        view.pan_pixels(40 if i < 30 else -40, 15 if i % 2 else -15)
        frame()
    zoom = 13.0
    for i in range(20):
        zoom = 13.0 + (i % 9) * 0.5
        view.set_zoom(zoom)
        frame()
    frames_sorted = sorted(frames)
    visible_items = len(view.items(view.viewport().rect()))
    result = {
        "cameras": args.cameras,
        "areas": args.areas,
        "scene_items": len(panel.scene.items()),
        "build_seconds": round(build_s, 3),
        "frames": len(frames),
        "median_ms": round(median(frames), 2),
        "p90_ms": round(frames_sorted[int(0.9 * len(frames_sorted))], 2),
        "max_ms": round(frames_sorted[-1], 2),
        "items_in_view_at_end": visible_items,
        "cpu_steal_percent": steal.stop(),
        "target_ms": 16,
    }
    result["verdict"] = verdict(result["median_ms"], 16)
    write_result("map", result)
    for k, v in result.items():
        print(f"{k}: {v}")


if __name__ == "__main__":
    main()
