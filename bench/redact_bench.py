"""Redaction speed and face coverage: a 60 s excerpt of a 1080p30 and of a 720p30 clip
redacted with face detection, through the real pipeline, against the excerpt's duration
(targets, issue 16: >= 1.0x real time at 1080p, >= 2x at 720p), and how many of the
frames' true faces a track box covers.

The clips (made once into bench/out/cache) are camera-like H.264 (a key frame every 2 s,
no B-frames, 4 Mbit/s at 1080p, 2 Mbit/s at 720p, light sensor noise) of a photograph
with the astronaut of ``skimage.data.astronaut()`` walking through it five times at once
or in turn: far away (24 to 50 px faces) and near (up to 200 px), towards the camera and
away, so the true face box of every frame is known. Timed, one after the other:

* ``find_faces`` over the excerpt: decoding, detection on every Nth frame, linking;
* ``cut_excerpt`` with ``CutJob(redaction=plan)``: decoding again, pixelating every track
  box, encoding with libx264 (the excerpt the package gets).

Their sum against the excerpt's 60 s is the speed. Coverage: each frame's true face box
lies inside a box the plan hides at that frame's time (2 px slack), by face height.

    .venv/bin/python bench/redact_bench.py [--sizes 1080p,720p] [--every-n N,...]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import CACHE, OUT, CpuSteal, write_result

SPEC_VERSION = 2  # bump when the generated clips change, so the cache is rebuilt
TARGETS = {"1080p": 1.0, "720p": 2.0}  # times real time, at least
SIZES = {"1080p": (1920, 1080, 4_000_000), "720p": (1280, 720, 2_000_000)}
FPS, GOP = 30, 60
CLIP_S = 62.0
CUT = (1.0, 61.0)  # the excerpt: 60 s
T0 = datetime(2026, 11, 1, 6, 0, 0, tzinfo=UTC)
BANDS = ((0, 40), (40, 80), (80, 10_000))  # face heights, pixels


@dataclass(frozen=True)
class Walker:
    """A face on screen from t_in to t_out (seconds), centre and face height going in a
    straight line; x and y as shares of the picture, heights in pixels."""

    t_in: float
    t_out: float
    x0: float
    y0: float
    x1: float
    y1: float
    h0: float
    h1: float


# Pasted in this order, so a later one can hide an earlier one (a face hidden that way
# is not in the truth); their paths are chosen to cross little.
WALKERS = (
    Walker(0, 20, 0.2, 0.4, 0.6, 0.55, 30, 160),  # towards the camera
    Walker(5, 35, 0.9, 0.3, 0.1, 0.35, 24, 32),  # a passer-by far away
    Walker(15, 45, 0.1, 0.75, 0.55, 0.6, 60, 90),
    Walker(30, 62, 0.75, 0.3, 0.9, 0.35, 200, 40),  # away from the camera
    Walker(40, 62, 0.7, 0.8, 0.95, 0.55, 26, 50),
)


def _clip(size: str) -> tuple[Path, list[tuple[float, list[Any]]]]:
    """The clip of this size (made on the first run) and every frame's true faces."""
    import av
    import numpy as np

    from tests.face_videos import FacePath, _paste, _photo

    width, height, bit_rate = SIZES[size]
    path = CACHE / f"redact_{size}_v{SPEC_VERSION}.mp4"
    frames = round(CLIP_S * FPS)
    bg = _photo("coffee", width, height)
    truth: list[tuple[float, list[Any]]] = []
    make = not path.exists()
    if make:
        CACHE.mkdir(parents=True, exist_ok=True)
        print(f"making {path.name} ...", file=sys.stderr, flush=True)
        rng = np.random.default_rng(16)
        noise = [rng.normal(0, 2, (height, width, 3)).astype(np.int16) for _ in range(8)]
        tmp = path.with_suffix(".part.mp4")
        out = av.open(str(tmp), "w")
        st = out.add_stream("libx264", rate=FPS)
        st.width, st.height, st.pix_fmt = width, height, "yuv420p"
        st.bit_rate = bit_rate
        x264 = f"keyint={GOP}:min-keyint={GOP}:bframes=0"  # as cameras: no B-frames
        st.options = {"preset": "veryfast", "x264-params": x264}
    for i in range(frames):
        t = i / FPS
        canvas = bg.copy()
        boxes: list[Any] = []
        for w in WALKERS:
            if w.t_in <= t <= w.t_out:
                k = (t - w.t_in) / (w.t_out - w.t_in)
                p = FacePath(w.x0 * width, w.y0 * height, w.x1 * width, w.y1 * height, w.h0, w.h1)
                box = _paste(canvas, p, k)
                if box is not None:
                    # whoever is pasted later stands in front
                    boxes = [b for b in boxes if not _overlaps(b, _crop_of(box))]
                    boxes.append(box)
        truth.append((t, boxes))
        if make:
            pic = np.clip(canvas.astype(np.int16) + noise[i % len(noise)], 0, 255)
            frame = av.VideoFrame.from_ndarray(pic.astype(np.uint8), format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, FPS)
            out.mux(st.encode(frame))
    if make:
        out.mux(st.encode())
        out.close()
        tmp.rename(path)
    return path, truth


def _coverage(truth: list[tuple[float, list[Any]]], plan: Any) -> dict[str, Any]:
    from tests.face_videos import covered

    hits: dict[str, list[int]] = {}
    for t, faces in truth:
        if not CUT[0] - 1e-6 <= t < CUT[1]:
            continue
        boxes = plan.boxes_at(t)
        for face in faces:
            band = next(f"{a}-{b}" if b < 10_000 else f"{a}+" for a, b in BANDS if face.h < b)
            hits.setdefault(band, []).append(int(covered(face, boxes)))
    every = [h for v in hits.values() for h in v]
    # A track that never covers a true face is a false one (a patch of wall blurred).
    false_tracks = 0
    for tr in plan.tracks:
        on_face = False
        for t, faces in truth:
            b = tr.box_at(t)
            if b is not None and any(_overlaps(b, f) for f in faces):
                on_face = True
                break
        false_tracks += not on_face
    return {
        "coverage": sum(every) / len(every),
        "face_frames": len(every),
        "by_height": {k: sum(v) / len(v) for k, v in sorted(hits.items())},
        "tracks": len(plan.tracks),
        "false_tracks": false_tracks,
    }


def _crop_of(face: Any) -> Any:
    """The head and shoulders pasted around a face box."""
    from db.redaction.plan import Box
    from tests.face_videos import CROP, FACE

    s = face.h / (FACE[3] - FACE[1])
    x0, y0 = face.x - (FACE[0] - CROP[0]) * s, face.y - (FACE[1] - CROP[1]) * s
    return Box(int(x0), int(y0), int((CROP[2] - CROP[0]) * s), int((CROP[3] - CROP[1]) * s))


def _overlaps(a: Any, b: Any) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def run(size: str, every_n: int | None, out_dir: Path) -> dict[str, Any]:
    from db.clips.media import sha256_file
    from db.redaction import faces
    from db.redaction.plan import RedactionPlan
    from db.sharing.excerpt_cut import CutJob, cut_excerpt
    from db.sharing.package_spec import ExcerptSpec

    src, truth = _clip(size)
    width, height, _ = SIZES[size]
    faces.detector()  # the model is loaded once per process, as in the app
    load_before = os.getloadavg()
    steal = CpuSteal().start()
    t, cpu = time.perf_counter(), time.process_time()
    tracks, info = faces.find_faces(src, *CUT, every_n=every_n)
    detect_s, detect_cpu = time.perf_counter() - t, time.process_time() - cpu
    plan = RedactionPlan(1, *CUT, width, height, tracks=tracks, detector=info)
    spec = ExcerptSpec(
        clip_id=1,
        source_path=src,
        source_sha256=sha256_file(src),
        camera="Porch",
        camera_lat=39.78,
        camera_lon=-89.65,
        clip_start_utc=T0,
        clip_duration_s=CLIP_S,
        want_start_utc=T0 + timedelta(seconds=CUT[0]),
        want_end_utc=T0 + timedelta(seconds=CUT[1]),
        redaction=plan,
    )
    dest = out_dir / f"excerpt_{size}.mp4"
    job = CutJob(spec, dest, *CUT, False, False, lambda _s: None, None, redaction=plan)
    t, cpu = time.perf_counter(), time.process_time()
    cut = cut_excerpt(job)
    render_s, render_cpu = time.perf_counter() - t, time.process_time() - cpu
    (OUT / f"redact_plan_{size}.json").write_text(json.dumps(plan.to_json()), encoding="utf-8")
    duration = cut.end_s - cut.start_s
    total = detect_s + render_s
    result = {
        "size": size,
        "excerpt_s": round(duration, 3),
        "every_n_frames": info["every_n_frames"],
        "frames_searched": info["frames_searched"],
        "find_faces_s": round(detect_s, 2),
        "cut_s": round(render_s, 2),
        "total_s": round(total, 2),
        "speed": round(duration / total, 3),
        # CPU time of this process in each stage (all its threads): what the stages
        # cost whatever else runs on the machine; over the cores, the best wall time.
        "find_faces_cpu_s": round(detect_cpu, 2),
        "cut_cpu_s": round(render_cpu, 2),
        "cpu_bound_speed": round(duration / ((detect_cpu + render_cpu) / (os.cpu_count() or 1)), 3),
        "target": TARGETS[size],
        "re_encoded": cut.re_encoded,
        "reason": cut.reason,
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "cpu_steal_pct": steal.stop(),
        **_coverage(truth, plan),
    }
    dest.unlink(missing_ok=True)
    return result


def main() -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--sizes", default="1080p,720p", help="comma-separated: 1080p, 720p")
    p.add_argument("--every-n", default="", help="comma-separated N to try (default: the app's)")
    args = p.parse_args()
    try:
        from db.redaction import faces

        faces.detector()
    except ImportError as exc:
        print(f"skipped: {exc.name} is not installed")
        return 0
    except faces.ModelMissing as exc:
        print(f"skipped: {exc}")
        return 0
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    ns: list[int | None] = [int(n) for n in args.every_n.split(",") if n.strip()] or [None]
    import tempfile

    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            for n in ns:
                r = run(size, n, Path(tmp))
                runs.append(r)
                print(
                    f"{size} every {r['every_n_frames']}: find_faces {r['find_faces_s']} s + "
                    f"cut {r['cut_s']} s = {r['total_s']} s for {r['excerpt_s']} s: "
                    f"{r['speed']}x (target {r['target']}x; CPU {r['find_faces_cpu_s']} + "
                    f"{r['cut_cpu_s']} s: {r['cpu_bound_speed']}x); coverage {r['coverage']:.1%} "
                    f"{r['by_height']}; tracks {r['tracks']} ({r['false_tracks']} false); "
                    f"load {r['loadavg_before'][0]}",
                    flush=True,
                )
    path = write_result("redact", {"targets": TARGETS, "runs": runs})
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
