"""Export speed: ``build_package`` cutting excerpts by stream copy, as a ratio to
Debian's ``ffmpeg -ss A -to B -i clip -c copy`` doing the same cuts (target: <= 1.2x).

Ten 1-minute 1080p H.264 clips (15 fps, a key frame every 2 s, a camera-like textured
picture at about 5 Mbit/s, made once with ``db.demo.synth.make_clip`` into bench/out/cache).
Each is cut from 10 s to 50 s:

* Doorstep: one ``build_package`` call with the ten excerpts, as the app makes it --
  every source checked against its SHA-256 first, the excerpts cut (stream copy, SEI
  removed), hashed, the exhibit summary, the manifest and the sums written and signed;
* also ``build_package(..., verify_sources=False)``, to show what the source check costs;
* ffmpeg: ten ``ffmpeg -ss 10 -to 50 -i clip -map 0:v -c copy -map_metadata -1`` runs,
  one after the other (ffmpeg is a benchmark reference only, never a dependency; install
  it with ``apt-get install -y ffmpeg``).

All are warm (each runs once untimed first, so the page cache holds the clips), then
timed in turn, interleaved, ``--repeats`` times; medians are reported.

    .venv/bin/python bench/export_bench.py [--clips 10] [--repeats 7]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import CACHE, OUT, CpuSteal, median, verdict, write_result

TARGET = 1.2
SPEC_VERSION = 1  # bump when the generated clips change, so the cache is rebuilt
SECONDS, FPS, WIDTH, HEIGHT, GOP = 60, 15, 1920, 1080, 30
BIT_RATE = 4_000_000
CUT = (10.0, 50.0)
T0 = datetime(2026, 11, 1, 6, 0, 0, tzinfo=UTC)


def _make(path: str, hue: int) -> int:
    from db.demo.synth import make_clip

    return (
        make_clip(
            path,
            seconds=SECONDS,
            fps=FPS,
            width=WIDTH,
            height=HEIGHT,
            hue=hue,
            gop=GOP,
            texture=True,
            bit_rate=BIT_RATE,
        )
        .stat()
        .st_size
    )


def clips(n: int) -> list[Path]:
    """The n clips, generated on first use (in parallel) and reused afterwards."""
    folder = CACHE / f"export-v{SPEC_VERSION}"
    paths = [folder / f"clip-{i:02d}.mp4" for i in range(n)]
    missing = [(str(p), 50 + i) for i, p in enumerate(paths) if not p.exists()]
    if missing:
        folder.mkdir(parents=True, exist_ok=True)
        print(f"generating {len(missing)} clips of {SECONDS} s at {WIDTH}x{HEIGHT}...")
        started = time.monotonic()
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(_make, *zip(*missing, strict=True)))
        print(f"  done in {time.monotonic() - started:.0f} s")
    return paths


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def spec_for(paths: list[Path]) -> Any:
    from db.sharing.package_spec import ExcerptSpec, PackageSpec, ReceiverLimits

    excerpts = [
        ExcerptSpec(
            clip_id=i + 1,
            source_path=p,
            source_sha256=_sha256(p),
            camera=f"Camera {i + 1}",
            camera_lat=39.78,
            camera_lon=-89.65,
            clip_start_utc=T0 + timedelta(minutes=i),
            clip_duration_s=float(SECONDS),
            want_start_utc=T0 + timedelta(minutes=i, seconds=CUT[0]),
            want_end_utc=T0 + timedelta(minutes=i, seconds=CUT[1]),
        )
        for i, p in enumerate(paths)
    ]
    request = {
        "id": "bench",
        "agency": {"id": "bench", "name": "Bench"},
        "case_number": "1",
        "incident": "bench",
        "retention_days": 30,
        "third_party_sharing": False,
        "window": {"start": "2026-11-01T06:00:00Z", "end": "2026-11-01T06:10:00Z"},
    }
    return PackageSpec(request, excerpts, limits=ReceiverLimits(max_files=len(paths)))


def run_doorstep(spec: Any, out: Path, key: bytes, *, verify_sources: bool) -> float:
    from db.sharing.packaging import build_package

    started = time.perf_counter()
    build_package(spec, out, signing_key_pem=key, key_id="bench", verify_sources=verify_sources)
    return time.perf_counter() - started


def run_ffmpeg(paths: list[Path], out: Path) -> float:
    out.mkdir()
    started = time.perf_counter()
    for i, p in enumerate(paths):
        subprocess.run(
            [
                "ffmpeg",
                "-nostdin",
                "-v",
                "error",
                "-ss",
                str(CUT[0]),
                "-to",
                str(CUT[1]),
                "-i",
                str(p),
                "-map",
                "0:v",
                "-c",
                "copy",
                "-map_metadata",
                "-1",
                str(out / f"cut-{i:02d}.mp4"),
            ],
            check=True,
        )
    return time.perf_counter() - started


def _video_facts(path: Path) -> dict[str, Any]:
    import av

    with av.open(str(path)) as c:
        v = c.streams.video[0]
        packets = [p for p in c.demux(v) if p.size]
        first = min(p.pts for p in packets if p.pts is not None)
        last = max(p.pts for p in packets if p.pts is not None)
        assert v.time_base is not None
        return {
            "frames": len(packets),
            "seconds": round(float((last - first) * v.time_base) + 1 / FPS, 3),
            "bytes": path.stat().st_size,
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    if shutil.which("ffmpeg") is None:
        print("ffmpeg is missing: apt-get install -y ffmpeg", file=sys.stderr)
        return 2
    ffmpeg_version = subprocess.run(
        ["ffmpeg", "-version"], capture_output=True, text=True
    ).stdout.split("\n", 1)[0]

    from db.keys.signing import generate_keypair

    paths = clips(args.clips)
    spec = spec_for(paths)
    key = generate_keypair()[0]
    work = Path(tempfile.mkdtemp(prefix="export-", dir=OUT))
    times: dict[str, list[float]] = {"doorstep": [], "doorstep_no_check": [], "ffmpeg": []}
    try:
        # warm-up (untimed); keep one output of each for the comparison below
        run_doorstep(spec, work / "warm-pkg", key, verify_sources=True)
        run_ffmpeg(paths, work / "warm-ff")
        from db.sharing.package_format import MANIFEST

        manifest = json.loads((work / "warm-pkg" / MANIFEST).read_text())
        ours = _video_facts(work / "warm-pkg" / manifest["files"][0]["name"])
        theirs = _video_facts(work / "warm-ff" / "cut-00.mp4")
        excerpt_bytes = sum(f["size"] for f in manifest["files"])
        assert all(not f["re_encoded"] for f in manifest["files"])

        steal = CpuSteal().start()
        runners = {
            "doorstep": lambda out: run_doorstep(spec, out, key, verify_sources=True),
            "doorstep_no_check": lambda out: run_doorstep(spec, out, key, verify_sources=False),
            "ffmpeg": lambda out: run_ffmpeg(paths, out),
        }
        order = list(runners)
        for r in range(args.repeats):
            for name in order[r % 3 :] + order[: r % 3]:  # rotate who goes first
                out = work / f"{name}-{r}"
                times[name].append(runners[name](out))
                shutil.rmtree(out)
        cpu_steal = steal.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    med = {name: median(values) for name, values in times.items()}
    ratio = med["doorstep"] / med["ffmpeg"]
    ratio_no_check = med["doorstep_no_check"] / med["ffmpeg"]
    source_bytes = sum(p.stat().st_size for p in paths)
    result = {
        "target": TARGET,
        "ratio": round(ratio, 3),
        "ratio_no_source_check": round(ratio_no_check, 3),
        "verdict": verdict(ratio, TARGET),
        "median_s": {k: round(v, 3) for k, v in med.items()},
        "runs_s": {k: [round(x, 3) for x in v] for k, v in times.items()},
        "clips": len(paths),
        "clip": f"{SECONDS} s {WIDTH}x{HEIGHT} H.264 {FPS} fps, key frame every {GOP} frames",
        "source_mb": round(source_bytes / 1e6, 1),
        "excerpt_mb": round(excerpt_bytes / 1e6, 1),
        "cut_s": list(CUT),
        "first_excerpt": {"doorstep": ours, "ffmpeg": theirs},
        "ffmpeg": ffmpeg_version,
        "repeats": args.repeats,
        "cpu_steal_pct": cpu_steal,
    }
    path = write_result("export", result)
    print(json.dumps({k: v for k, v in result.items() if k != "runs_s"}, indent=2))
    print(
        f"export: {med['doorstep']:.3f} s vs ffmpeg {med['ffmpeg']:.3f} s = {ratio:.2f}x "
        f"(target <= {TARGET}x: {verdict(ratio, TARGET)}); without the source check "
        f"{ratio_no_check:.2f}x -> {path}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
