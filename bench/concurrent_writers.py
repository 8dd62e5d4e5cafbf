"""Concurrent command-line writers on one database (target: 0 failures with 8).

    .venv/bin/python bench/concurrent_writers.py [--writers 8] [--ops 40]

Each writer is a process of its own (multiprocessing, spawn) that runs ``--ops``
commands through the command line's entry point, as a script calling ``doorstep``
in a loop does, each command opening the database afresh: importing new requests,
changing the agency (which checks every request again), approving and declining
clips of one shared request, and adding cameras. All writers start together.
Reported: commands that failed (with their messages), the wall time, the commands
(and the successful ones) per second over all writers, and the slowest command (how
close a wait for the write lock came to the busy timeout).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import multiprocessing
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PORCH = (-122.3321, 47.6062)  # lon, lat
CLIPS = 6


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _window_start() -> datetime:
    today = datetime.now(UTC).replace(hour=14, minute=0, second=0, microsecond=0)
    return today - timedelta(days=1)


def request_doc(request_id: str, description: str = "Parcel taken from a porch.") -> str:
    start = _window_start()
    now = datetime.now(UTC)
    return json.dumps(
        {
            "format": "doorstep.request/1",
            "id": request_id,
            "agency": {"id": "ex-pd", "name": "Example Police Department"},
            "case_number": "2026-004512",
            "incident": "package theft",
            "description": description,
            "contact": {"name": "Det. A. Rivera", "email": "arivera@example.gov"},
            "window": {"start": _iso(start), "end": _iso(start + timedelta(hours=2))},
            "area": {"type": "Point", "coordinates": list(PORCH), "radius_m": 300},
            "issued_at": _iso(now - timedelta(hours=1)),
            "expires_at": _iso(now + timedelta(days=14)),
            "retention_days": 365,
            "third_party_sharing": "prosecution",
            "delivery": {"method": "export"},
        }
    )


def run_cli(*argv: str) -> tuple[int, str]:
    """One command as a user runs it; (exit code, standard error)."""
    from desktop.cli import main

    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except BaseException as exc:  # a traceback is a failure too
            return 1, f"{type(exc).__name__}: {exc}"
    return code, err.getvalue()


def prepare(folder: Path) -> tuple[Path, str, list[int]]:
    """A database with a camera, clips in a request's window and that request."""
    from db.clips.cameras import Camera, add_camera
    from db.store.database import open_database

    path = folder / "doorstep.sqlite3"
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    fmt = "%Y-%m-%dT%H:%M:%S.000Z"
    clips = []
    for i in range(CLIPS):
        start = _window_start() + timedelta(minutes=10 * i)
        with db.atomic():
            cur = db.execute(
                "INSERT INTO clips (camera_id, path, sha256, size, mtime_ns, start_utc, "
                "end_utc, start_source, duration_s, width, height, codec, has_audio, "
                "imported_at) VALUES (?, ?, ?, 1000, 0, ?, ?, 'container', 60, 640, 360, "
                "'h264', 0, ?)",
                [
                    cam.id,
                    f"/clips/c{i}.mp4",
                    f"{i:064x}",
                    start.strftime(fmt),
                    (start + timedelta(seconds=60)).strftime(fmt),
                    datetime.now(UTC).strftime(fmt),
                ],
            )
        clips.append(int(cur.lastrowid or 0))
    db.close()
    shared = str(uuid.uuid4())
    doc = folder / "shared.json"
    doc.write_text(request_doc(shared))
    code, err = run_cli("--db", str(path), "import-request", str(doc))
    assert code == 0, err
    return path, shared, clips


def writer(
    index: int, path: str, shared: str, clips: list[int], ops: int, barrier: Any, out: Any
) -> None:
    """Run ``ops`` commands (a mix of writes) and put (index, failures, seconds, the
    slowest command's seconds) on ``out``."""
    import desktop.cli  # noqa: F401 - imported before the start, as a running CLI has it

    folder = Path(path).parent / f"writer-{index}"
    folder.mkdir()
    failures: list[str] = []
    slowest = 0.0
    barrier.wait()
    started = time.perf_counter()
    for i in range(ops):
        kind = (index + i) % 4
        if kind == 0:
            rid = str(uuid.uuid4())
            doc = folder / f"{rid}.json"
            doc.write_text(request_doc(rid))
            argv: tuple[str, ...] = ("import-request", str(doc))
        elif kind == 1:
            argv = ("agency", "add", "ex-pd", "--name", "Example Police Department",
                    "--jurisdiction", f"Example City {index}-{i}")  # fmt: skip
        elif kind == 2:
            clip = clips[(index + i) % len(clips)]
            argv = ("decide", shared, str(clip), ("approve", "decline")[i % 2])
        else:
            argv = ("cameras", "add", f"cam-{index}-{i}", "--lat", "47.6", "--lon", "-122.3")
        t = time.perf_counter()
        code, err = run_cli("--db", path, *argv)
        slowest = max(slowest, time.perf_counter() - t)
        if code != 0:
            failures.append(f"{argv[0]}: {err.strip()}")
    out.put((index, failures, time.perf_counter() - started, slowest))


def run(writers: int, ops: int, folder: Path) -> dict[str, Any]:
    path, shared, clips = prepare(folder)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(writers)
    out = ctx.Queue()
    procs = [
        ctx.Process(target=writer, args=(i, str(path), shared, clips, ops, barrier, out))
        for i in range(writers)
    ]
    for p in procs:
        p.start()
    results = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
    failures = [f for _i, fs, _s, _m in results for f in fs]
    wall = max(s for _i, _fs, s, _m in results)
    from db.audit import trail as audit
    from db.store.database import open_database

    db = open_database(path)
    verdict = audit.verify(db)
    db.close()
    return {
        "writers": writers,
        "commands": writers * ops,
        "failed": len(failures),
        "wall_s": round(wall, 2),
        "commands_per_s": round(writers * ops / wall, 1),
        "succeeded_per_s": round((writers * ops - len(failures)) / wall, 1),
        "slowest_command_s": round(max(m for _i, _fs, _s, m in results), 2),
        "audit_intact": verdict.ok,
        "messages": dict(Counter(failures).most_common(5)),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--writers", type=int, default=8)
    ap.add_argument("--ops", type=int, default=40, help="commands per writer")
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    from bench._common import CpuSteal, write_result

    results = []
    for _ in range(args.runs):
        steal = CpuSteal().start()
        with tempfile.TemporaryDirectory() as tmp:
            result = run(args.writers, args.ops, Path(tmp))
        result["cpu_steal_percent"] = steal.stop()
        results.append(result)
        print(json.dumps(result, indent=2))
    write_result("concurrent_writers", {"runs": results, "target_failed": 0})


if __name__ == "__main__":
    main()
