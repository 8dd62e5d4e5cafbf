"""The UTC time burned into re-encoded excerpts (db/sharing/burn_in.py): a real clip
exported with and without the option, frames of the excerpt compared with the source's
frame at the same time."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest

from db.clips.media import sha256_file
from db.demo.synth import make_clip
from db.keys.signing import generate_keypair
from db.sharing.burn_in import UtcBurner, utc_text
from db.sharing.package_spec import ExcerptSpec, PackageSpec
from db.sharing.packaging import build_package

# The clip starts 0.6 s into a second, so excerpt, clip and UTC seconds all differ.
T0 = datetime(2026, 11, 20, 22, 15, 6, 600000, tzinfo=UTC)
KEYS = generate_keypair()
REQUEST: dict[str, Any] = {
    "id": "req-burn",
    "agency": {"id": "spd", "name": "Springfield Police"},
    "case_number": "2026-2",
    "incident": "Parcel theft",
    "retention_days": 90,
    "third_party_sharing": False,
    "window": {"start": "2026-11-20T22:15:07Z", "end": "2026-11-20T22:15:09Z"},
}
WIDTH, HEIGHT = 320, 240
# Between "the same picture through libx264 at CRF 20" (a clean synthetic picture: far
# above it) and "another picture": the frame one step earlier or later (the bar moves)
# or a drawing on it fall well below it, so the threshold tells them apart with room on
# both sides.
MIN_PSNR_DB = 35.0


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return math.inf if mse == 0 else 10 * math.log10(255**2 / mse)


def luma_by_time(path: Path) -> dict[float, np.ndarray]:
    """Each frame's Y plane by its time (s, from the stream's start, to 0.1 s)."""
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        assert stream.time_base is not None
        start = float((stream.start_time or 0) * stream.time_base)
        return {
            round(float(f.time) - start, 1): f.to_ndarray(format="yuv420p")[:HEIGHT]
            for f in c.decode(stream)
        }


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # raw video: its frames are the picture itself, so any difference is the excerpt's
    return make_clip(
        tmp_path_factory.mktemp("clip") / "shed.mkv", seconds=4, codec="rawvideo", hue=3
    )


def export(source: Path, out: Path, **options: Any) -> tuple[dict[str, Any], Path]:
    ex = ExcerptSpec(
        clip_id=1,
        source_path=source,
        source_sha256=sha256_file(source),
        camera="Shed",
        camera_lat=39.78,
        camera_lon=-89.65,
        clip_start_utc=T0,
        clip_duration_s=4.0,
        want_start_utc=T0 + timedelta(seconds=1.0),
        want_end_utc=T0 + timedelta(seconds=3.0),
    )
    package = build_package(
        PackageSpec(REQUEST, [ex], **options), out, signing_key_pem=KEYS[0], key_id="r-1"
    )
    [entry] = json.loads((package / "manifest.json").read_bytes())["files"]
    return entry, package / entry["name"]


def test_the_time_is_burned_into_a_box_and_the_rest_stays(source: Path, tmp_path: Path) -> None:
    entry, excerpt = export(source, tmp_path / "p", burn_in_utc=True)
    assert entry["utc_burned_in"] is True
    assert entry["re_encoded"] is True
    assert "burned" in entry["re_encode_reason"]
    original = luma_by_time(source)
    frames = luma_by_time(excerpt)
    assert len(frames) == 20
    burner = UtcBurner(WIDTH, HEIGHT)
    x, y, w, h = burner.box
    inside = np.zeros((HEIGHT, WIDTH), bool)
    inside[y : y + h, x : x + w] = True
    start_s = entry["trim"]["start_s"]
    seconds_seen = set()
    for at, picture in frames.items():
        clip_s = round(start_s + at, 1)
        before = original[clip_s]
        # outside the box: the source's picture at the same time
        assert psnr(picture[~inside], before[~inside]) > MIN_PSNR_DB, at
        # inside: a dark box with light text, nothing like the source there
        box = picture[inside].astype(np.int16)
        assert np.mean(np.abs(box - before[inside])) > 40
        assert np.median(box) < 40 and box.max() > 200
        # and the text is this frame's UTC second, not the one before or after
        moment = T0 + timedelta(seconds=clip_s)
        drawn = picture[y : y + h, x : x + w].astype(np.int16)
        right = burner._patch(utc_text(moment)).astype(np.int16)
        assert np.mean(np.abs(drawn - right)) < 6
        for other in (-1, 1):  # where the neighbouring seconds' text differs from it
            wrong = burner._patch(utc_text(moment + timedelta(seconds=other))).astype(np.int16)
            differs = right != wrong
            near = np.mean(np.abs(drawn - right)[differs])
            far = np.mean(np.abs(drawn - wrong)[differs])
            assert near * 3 < far, (at, other, near, far)
        seconds_seen.add(utc_text(moment))
    # 22:15:07.6 to 22:15:09.5
    assert seconds_seen == {
        "2026-11-20 22:15:07 UTC",
        "2026-11-20 22:15:08 UTC",
        "2026-11-20 22:15:09 UTC",
    }


def test_without_the_option_nothing_is_drawn(source: Path, tmp_path: Path) -> None:
    entry, excerpt = export(source, tmp_path / "p")
    assert entry["re_encoded"] is True  # raw video is always re-encoded: same path
    assert entry["utc_burned_in"] is False
    original = luma_by_time(source)
    start_s = entry["trim"]["start_s"]
    x, y, w, h = UtcBurner(WIDTH, HEIGHT).box
    for at, picture in luma_by_time(excerpt).items():
        before = original[round(start_s + at, 1)]
        assert psnr(picture, before) > MIN_PSNR_DB
        box = (slice(y, y + h), slice(x, x + w))
        assert psnr(picture[box], before[box]) > MIN_PSNR_DB


def test_a_stream_copy_is_re_encoded_to_burn_the_time_in(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "porch.mp4", seconds=4, gop=10)
    entry, _ = export(clip, tmp_path / "p")
    assert (entry["method"], entry["utc_burned_in"]) == ("stream copy", False)
    entry, _ = export(clip, tmp_path / "q", burn_in_utc=True)
    assert entry["re_encoded"] is True and entry["utc_burned_in"] is True
    assert entry["re_encode_reason"] == "the UTC time is burned into the picture"


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (160, 120), (64, 48)])
def test_the_box_fits_any_picture(width: int, height: int) -> None:
    burner = UtcBurner(width, height)
    x, y, w, h = burner.box
    assert x >= 0 and y >= 0 and x + w <= width and y + h <= height
    assert x % 2 == y % 2 == w % 2 == h % 2 == 0  # whole chroma samples
    frame = av.VideoFrame.from_ndarray(
        np.full((height * 3 // 2, width), 200, np.uint8), format="yuv420p"
    )
    drawn = burner.draw(frame, T0).to_ndarray(format="yuv420p")
    assert (frame.to_ndarray() == 200).all()  # the frame given is not written to
    assert (drawn[:height][y : y + h, x : x + w] <= 235).all()
    assert (drawn[:height][y + h :] == 200).all()
