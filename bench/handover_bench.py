"""Writing a package for a hand-over: the AES-256 encrypted zip (pyzipper) and the
portal's zip parts, in megabytes a second of package, against ``cp`` of the same files
then ``sync`` (both writers flush what they write; docs/BENCHMARKS.md, "Handing a package
over").

The package is a folder of random excerpts (random bytes do not compress, as video
does not), made once into bench/out/cache; the page cache is warm for every run. Each
writer writes into a fresh folder on the same file system; medians of the repeats.

    .venv/bin/python bench/handover_bench.py [--mb 600] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import CACHE, OUT, median, write_result


def make_package(mb: int) -> Path:
    folder = CACHE / f"handover-{mb}mb"
    excerpts = folder / "data" / "excerpts"
    if not (folder / "manifest.json").exists():
        excerpts.mkdir(parents=True, exist_ok=True)
        for n in range(6):  # six excerpts of equal size
            (excerpts / f"camera-{n}.mp4").write_bytes(os.urandom(mb * 1_000_000 // 6))
        (folder / "manifest.json").write_text("{}\n")
    return folder


def main() -> int:
    from db.sharing.encrypted_zip import write_encrypted_zip
    from db.sharing.portal_upload import PortalLimits, prepare_portal_upload

    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=600)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    package = make_package(args.mb)
    subprocess.run(["cat", *map(str, package.rglob("*.mp4"))], stdout=subprocess.DEVNULL)
    # Parts of a third of the package: three parts, as a large package is split.
    limits = PortalLimits(max_file_bytes=args.mb * 1_000_000 // 3 + 1_000_000)
    times: dict[str, list[float]] = {"cp": [], "encrypted_zip": [], "portal_parts": []}
    work = OUT / "handover-work"
    for _ in range(args.repeats):
        for name in times:
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            subprocess.run(["sync"])
            start = time.perf_counter()
            if name == "cp":
                subprocess.run(["cp", "-r", str(package), str(work / "copy")], check=True)
                subprocess.run(["sync"])  # the writers flush what they write
            elif name == "encrypted_zip":
                write_encrypted_zip(package, work / "p.zip")
            else:
                assert len(prepare_portal_upload(package, work, limits).files) == 3
            times[name].append(time.perf_counter() - start)
    shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()
    result = {
        "mb": args.mb,
        "seconds": {k: median(v) for k, v in times.items()},
        "mb_per_s": {k: round(args.mb / median(v)) for k, v in times.items()},
        "load_after": load,
    }
    path = write_result("handover", result)
    print(result["mb_per_s"], "load", load, "->", path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
