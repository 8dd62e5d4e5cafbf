"""Peak memory of polling a feed at the size limit (target: under 300 MB in every
process: the app's or the command line's, and the feed checker's child).

    .venv/bin/python bench/feed_memory.py [--requests 155000] [--bytes 63900000]
        [--modes app,cli]

Builds one feed of N small request documents padded to just under the 64 MB a feed
may be (db/requests/feed_client.py), serves it from a real HTTPS server on 127.0.0.1
(certificate from a throwaway trustme CA), and polls it into a fresh database, once
per mode, each in a fresh process:

* ``app``: the window's path without a window: a QCoreApplication, the database
  thread (desktop.dbthread.DbService) and desktop.feed_poller.FeedPoller, which fetches
  on a worker thread, checks in db.requests.feed_check's child process and stores part by part.
* ``cli``: ``doorstep feeds poll`` (desktop.cli.main) in the process.
* ``app-again``, ``cli-again``: the same, polling the feed a second time into the
  database the first poll filled (every request already stored and unchanged: what is
  read from the database and compared, rather than checked, is what grows).

Each process reports its own peak resident set (``ru_maxrss`` of RUSAGE_SELF) and
that of its largest finished child (RUSAGE_CHILDREN: the feed checker), the time, and
how many requests were stored.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"  # never the real one

from bench._common import CACHE, write_result


def _doc(rng: random.Random, i: int, now: datetime, pad: int) -> dict:
    """A small request: the required fields, a case number and a contact."""
    start = now - timedelta(days=rng.uniform(1, 30))
    doc = {
        "format": "doorstep.request/1",
        "id": str(uuid.UUID(int=rng.getrandbits(128))),
        "agency": {"id": f"pd-{i % 7}", "name": f"PD {i % 7}"},
        "case_number": f"{i:06d}",
        "contact": {"email": "d@pd.gov"},
        "window": {
            "start": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "end": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
        "area": {
            "type": "Point",
            "coordinates": [
                round(-122.3321 + rng.uniform(-0.02, 0.02), 5),
                round(47.6062 + rng.uniform(-0.02, 0.02), 5),
            ],
            "radius_m": 300,
        },
        "issued_at": (now - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "expires_at": (now + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if pad > 0:
        doc["description"] = "x" * pad
    return doc


def make_feed(n: int, size: int) -> Path:
    """The feed's file (made once, reused): ``n`` requests, about ``size`` bytes."""
    day = datetime.now(UTC).strftime("%Y%m%d")
    path = CACHE / f"feed_memory_{n}_{size}_{day}.json"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC).replace(microsecond=0)
    bare = len(json.dumps(_doc(random.Random(0), 0, now, 0), separators=(",", ":"))) + 1
    pad = max(0, (size - 40) // n - bare - len(',"description":""'))
    rng = random.Random(3)
    temp = path.with_suffix(".tmp")
    with temp.open("w", encoding="utf-8") as out:
        out.write('{"format":"doorstep.feed/1","requests":[')
        for i in range(n):
            if i:
                out.write(",")
            out.write(json.dumps(_doc(rng, i, now, pad), separators=(",", ":")))
        out.write("]}")
    temp.replace(path)
    return path


def _peaks() -> dict:
    kb = 1024  # ru_maxrss is in kilobytes on Linux
    return {
        "parent_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / kb, 1),
        "child_peak_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / kb, 1),
    }


def _stored(db_path: Path) -> int:
    from db.store.database import open_database

    db = open_database(db_path)
    try:
        return int(db.execute("SELECT count(*) FROM requests").fetchone()[0])
    finally:
        db.close()


def worker(mode: str, url: str, ca_file: str, db_path: Path) -> dict:
    """Poll the feed once in this process, the way ``mode`` does."""
    started = time.perf_counter()
    error = None
    if mode.startswith("cli"):
        from desktop.cli import main as cli_main

        code = cli_main(["--db", str(db_path), "feeds", "poll", "--ca-file", ca_file])
        if code:
            error = f"exit code {code}"
    else:
        from PySide6.QtCore import QCoreApplication, QTimer

        from desktop.dbthread import DbService
        from desktop.feed_poller import FeedPoller

        app = QCoreApplication([])
        ctx = ssl.create_default_context(cafile=ca_file)
        dbs = DbService(db_path)
        poller = FeedPoller(dbs, ssl_context=ctx)
        failures: list[str] = []
        poller.polled.connect(lambda _url, _applied: app.quit())

        def failed(_url: str, msg: str) -> None:
            failures.append(msg)
            app.quit()

        poller.failed.connect(failed)
        QTimer.singleShot(0, poller.poll_now)
        QTimer.singleShot(1_800_000, app.quit)
        app.exec()
        poller.shutdown()
        dbs.shutdown()
        error = failures[0] if failures else None
    seconds = round(time.perf_counter() - started, 1)
    return {"mode": mode, "seconds": seconds, "error": error, **_peaks()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=155_000)
    ap.add_argument("--bytes", type=int, default=63_900_000)
    ap.add_argument("--modes", default="app,app-again,cli,cli-again")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--url", help=argparse.SUPPRESS)
    ap.add_argument("--ca", help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        result = worker(args.worker, args.url, args.ca, args.db)
        result["stored"] = _stored(args.db)
        print(json.dumps(result))
        return

    import trustme
    from pytest_httpserver import HTTPServer

    from db.clips.cameras import Camera, add_camera
    from db.requests.feeds import add_feed
    from db.store.database import open_database

    feed_path = make_feed(args.requests, args.bytes)
    body = feed_path.read_bytes()
    ca = trustme.CA()
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_ctx)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=server_ctx)
    server.expect_request("/feed").respond_with_data(body, content_type="application/json")
    server.start()
    tmp = Path(tempfile.mkdtemp(prefix="doorstep-feed-memory-"))
    ca_file = tmp / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    url = server.url_for("/feed")
    results = []
    try:
        for mode in args.modes.split(","):
            db_path = tmp / f"{mode.removesuffix('-again')}.sqlite3"
            if not mode.endswith("-again"):
                db = open_database(db_path)
                rng = random.Random(4)
                for i in range(20):
                    lat = 47.6062 + rng.uniform(-0.02, 0.02)
                    add_camera(db, Camera(f"cam{i}", lat, -122.3321 + rng.uniform(-0.02, 0.02)))
                add_feed(db, url)
                db.close()
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DOORSTEP_DATA_DIR=str(tmp))
            proc = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--worker",
                    mode,
                    "--url",
                    url,
                    "--ca",
                    str(ca_file),
                    "--db",
                    str(db_path),
                ],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            lines = proc.stdout.strip().splitlines()
            if proc.returncode or not lines:
                print(proc.stdout, proc.stderr, file=sys.stderr)
                raise SystemExit(f"{mode}: the worker failed (exit code {proc.returncode})")
            result = json.loads(lines[-1])
            print(json.dumps(result))
            if result["error"]:
                raise SystemExit(f"{mode}: {result['error']}")
            results.append(result)
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)  # the databases (hundreds of MB)
    out = {
        "requests": args.requests,
        "feed_bytes": len(body),
        "target_mb": 300,
        "runs": results,
    }
    write_result("feed_memory", out)


if __name__ == "__main__":
    main()
