"""Verifying an audit trail of 1,000,000 entries (target: <= 1.0 s), with
``db.audit.trail.verify`` on a real database file, as ``audit verify`` runs it: in parts, in
this process and helper processes (db/audit/parallel.py), whose start-up is in the time.

    .venv/bin/python bench/audit_bench.py [--entries 1000000] [--runs 3]

The chain is built once into bench/out/audit-N.sqlite3 with ``db.audit.trail.append``'s
hashing (decisions with small details, like the app writes), then verified ``--runs``
times from a warm page cache; the median is reported (before the parallel check:
2.9 s).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# The helper processes `audit verify` starts (spawn) import the program's script again:
# for the command line that is main.py, which imports nothing heavy. So this script
# imports the data layer in its functions, to time what the command line pays.
if TYPE_CHECKING:
    from sqlite_utils import Database


def build(path: Path, n: int) -> None:
    from db.audit import trail as audit
    from db.store.database import open_database
    from db.store.timeutil import to_utc_text

    if path.exists():
        return
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = open_database(tmp)
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    prev = audit.GENESIS
    batch = []
    for seq in range(1, n + 1):
        details = json.dumps(
            {
                "state": ("approved", "declined")[seq % 2],
                "note": None,
                "sensitive_confirmed": False,
                "version_row": seq % 97,
            },
            sort_keys=True,
            separators=(",", ":"),
        )
        fields = (
            seq,
            to_utc_text(t0 + timedelta(seconds=seq)),
            "decision",
            f"req-{seq % 1000:04d}",
            f"pd-{seq % 7}",
            seq % 5000,
            None,
            details,
        )
        digest = hashlib.sha256(prev.encode() + b"\n" + audit.canonical(*fields)).hexdigest()
        batch.append((*fields, prev, digest))
        prev = digest
        if len(batch) == 50_000:
            _flush(db, batch)
    _flush(db, batch)
    db.close()
    tmp.rename(path)


def _flush(db: Database, batch: list) -> None:
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO audit_log (seq, at, action, request_id, agency_id, clip_id, camera_id, "
            "details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            batch,
        )
    batch.clear()


def main() -> None:
    from bench._common import OUT, CpuSteal, median, verdict, write_result
    from db.audit import trail as audit
    from db.store.database import open_database

    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"audit-{args.entries}.sqlite3"
    started = time.perf_counter()
    build(path, args.entries)
    print(f"chain ready in {time.perf_counter() - started:.1f} s")
    db = open_database(path)
    audit.verify(db)  # warm the page cache
    steal = CpuSteal().start()
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        result = audit.verify(db)
        times.append(time.perf_counter() - t)
        assert result.ok and result.entries == args.entries, result
    out = {
        "entries": args.entries,
        "runs": args.runs,
        "median_s": round(median(times), 3),
        "min_s": round(min(times), 3),
        "max_s": round(max(times), 3),
        "db_mb": round(path.stat().st_size / 1e6, 1),
        "cpu_steal_percent": steal.stop(),
        "target_s": 1.0,
    }
    out["verdict"] = verdict(out["median_s"], 1.0)
    write_result("audit", out)
    for k, v in out.items():
        print(f"{k}: {v}")


if __name__ == "__main__":
    main()
