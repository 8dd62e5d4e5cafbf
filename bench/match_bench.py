"""Matching one request against 1,000,000 clips from 200 cameras (target: median
<= 10 ms), through ``db.requests.matching.find_candidates`` as the app calls it.

    .venv/bin/python bench/match_bench.py [--clips 1000000] [--cameras 200] [--requests 200]

The library is built once in bench/out/match-N.sqlite3 by direct inserts into a
database made with ``open_database``: cameras scattered over a ~6 km square, each with
a view cone; clips of 30 s to 5 min spread over 60 days. Requests are circles of
150-400 m radius and polygons at random places in that square, windows of 15 minutes
to 12 hours; half with view cones matched.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlite_utils import Database

from bench._common import OUT, CpuSteal, median, verdict, write_result
from db.requests.matching import find_candidates
from db.requests.request_types import Area
from db.store.database import open_database

CENTRE = (-122.3321, 47.6062)
SPAN_DEG = 0.05  # about 3.7 km east-west, 5.5 km north-south
T0 = datetime(2026, 9, 1, tzinfo=UTC)
DAYS = 60


def build(path: Path, n_clips: int, n_cameras: int) -> None:
    if path.exists():
        return
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = open_database(tmp)
    rng = random.Random(1)
    fmt = "%Y-%m-%dT%H:%M:%S.000Z"
    with db.atomic():
        for i in range(n_cameras):
            db.execute(
                "INSERT INTO cameras (name, lat, lon, heading_deg, fov_deg, range_m, tz, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, 'UTC', '2026-01-01T00:00:00.000Z')",
                [
                    f"cam{i:03d}",
                    CENTRE[1] + rng.uniform(-SPAN_DEG, SPAN_DEG),
                    CENTRE[0] + rng.uniform(-SPAN_DEG, SPAN_DEG),
                    rng.uniform(0, 359),
                    rng.uniform(40, 120),
                    rng.uniform(15, 60),
                ],
            )
    per_camera = n_clips // n_cameras
    batch: list[tuple] = []
    clip_id = 0
    for cam in range(1, n_cameras + 1):
        t = T0
        step = DAYS * 86400 / per_camera
        for _ in range(per_camera):
            t = T0 + timedelta(seconds=clip_id % per_camera * step + rng.uniform(0, step / 2))
            dur = rng.uniform(30, 300)
            clip_id += 1
            batch.append(
                (
                    clip_id,
                    cam,
                    f"/clips/{clip_id}.mp4",
                    f"{clip_id:064x}",
                    1000,
                    0,
                    t.strftime(fmt),
                    (t + timedelta(seconds=dur)).strftime(fmt),
                    dur,
                    "2026-01-01T00:00:00.000Z",
                )
            )
            if len(batch) >= 50_000:
                _flush(db, batch)
        # keep clip ids per camera contiguous
    _flush(db, batch)
    db.execute("ANALYZE")
    db.close()
    tmp.rename(path)


def _flush(db: Database, batch: list[tuple]) -> None:
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO clips (id, camera_id, path, sha256, size, mtime_ns, start_utc, "
            "end_utc, start_source, duration_s, width, height, codec, has_audio, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'container', ?, 1920, 1080, 'h264', 0, ?)",
            batch,
        )
    batch.clear()


def requests(n: int) -> list[tuple[Area, datetime, datetime, bool]]:
    rng = random.Random(2)
    out = []
    for i in range(n):
        lon = CENTRE[0] + rng.uniform(-SPAN_DEG, SPAN_DEG)
        lat = CENTRE[1] + rng.uniform(-SPAN_DEG, SPAN_DEG)
        if i % 2:
            area = Area("circle", center=(lon, lat), radius_m=rng.uniform(150, 400))
        else:
            d = rng.uniform(0.002, 0.005)
            ring = (
                (lon - d, lat - d),
                (lon + d, lat - d),
                (lon + d, lat + d),
                (lon - d, lat + d),
                (lon - d, lat - d),
            )
            area = Area("polygon", rings=(ring,))
        start = T0 + timedelta(seconds=rng.uniform(0, DAYS * 86400))
        end = start + timedelta(minutes=rng.uniform(15, 720))
        out.append((area, start, end, bool(i % 4 < 2)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clips", type=int, default=1_000_000)
    ap.add_argument("--cameras", type=int, default=200)
    ap.add_argument("--requests", type=int, default=200)
    args = ap.parse_args()
    path = OUT / f"match-{args.clips}-{args.cameras}.sqlite3"
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    build(path, args.clips, args.cameras)
    print(f"library ready in {time.perf_counter() - started:.1f} s: {path.name}")
    db = open_database(path)
    total = db.execute("SELECT count(*) FROM clips").fetchone()[0]
    reqs = requests(args.requests)
    for area, start, end, cones in reqs[:10]:  # warm the page cache
        find_candidates(db, area, start, end, use_view_cones=cones)
    steal = CpuSteal().start()
    times, found = [], []
    for area, start, end, cones in reqs:
        t = time.perf_counter()
        res = find_candidates(db, area, start, end, use_view_cones=cones)
        times.append((time.perf_counter() - t) * 1000)
        found.append(len(res))
    times.sort()
    result = {
        "clips": total,
        "cameras": args.cameras,
        "requests": len(reqs),
        "median_ms": round(median(times), 3),
        "p90_ms": round(times[int(0.9 * len(times))], 3),
        "max_ms": round(times[-1], 3),
        "median_candidates": median([float(f) for f in found]),
        "max_candidates": max(found),
        "requests_with_candidates": sum(1 for f in found if f),
        "cpu_steal_percent": steal.stop(),
        "target_ms": 10,
    }
    result["verdict"] = verdict(result["median_ms"], 10)
    write_result("match", result)
    for k, v in result.items():
        print(f"{k}: {v}")


if __name__ == "__main__":
    main()
