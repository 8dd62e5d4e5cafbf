"""Colour levels survive re-encoding and thumbnails: full-range sources (MJPEG, as many
cameras record, and full-range H.264) and limited-range ones, made with PyAV with
patches of known colours, decoded again and compared patch by patch."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from av.video.reformatter import ColorRange

from db.clips.media import sha256_file
from db.clips.thumbnail import make_thumbnail
from db.keys.signing import generate_keypair
from db.sharing.package_spec import ExcerptSpec, PackageSpec
from db.sharing.packaging import build_package

T0 = datetime(2026, 11, 1, 6, 0, 0, tzinfo=UTC)
KEYS = generate_keypair()
PATCH = 32  # pixels; a multiple of the codecs' 16-pixel blocks, so blocks never straddle two
# Saturated and near-black/white patches move most when levels are wrong (a limited-range
# player stretching full-range samples sends 30 to 16 and 235 to 255); mid-grey does not
# move at all, a control.
COLOURS = [
    (230, 30, 30),
    (30, 200, 40),
    (40, 50, 220),
    (20, 20, 20),
    (235, 235, 235),
    (128, 128, 128),
]
WIDTH, HEIGHT = PATCH * len(COLOURS), 64
# A patch's mean may differ from the source's by this many levels (of 255) per channel:
# the patches are flat, so lossy coding (MJPEG, x264 at CRF 20) and 4:2:0 chroma keep their
# means within about one level; a wrong range moves the saturated ones by 10 or more.
TOLERANCE = 3.0


def make_patch_clip(path: Path, codec: str, pix_fmt: str, full_range: bool, seconds: int) -> Path:
    """A still picture of the COLOURS side by side, ``seconds`` long at 10 fps, one key
    frame at the start (for H.264)."""
    rgb = np.zeros((HEIGHT, WIDTH, 3), dtype=np.uint8)
    for i, colour in enumerate(COLOURS):
        rgb[:, i * PATCH : (i + 1) * PATCH] = colour
    target = ColorRange.JPEG if full_range else ColorRange.MPEG
    with av.open(str(path), "w") as out:
        stream = out.add_stream(codec, rate=10)
        assert isinstance(stream, av.VideoStream)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, pix_fmt
        stream.codec_context.color_range = target
        if codec == "libx264":
            stream.gop_size = 10 * seconds
            stream.options = {"preset": "ultrafast", "crf": "10"}
        picture = av.VideoFrame.from_ndarray(rgb, format="rgb24").reformat(
            format=pix_fmt, dst_color_range=target
        )
        for i in range(10 * seconds):
            frame = picture.reformat()  # the same picture in a frame of its own
            frame.pts, frame.time_base = i, Fraction(1, 10)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return path


def patch_means(rgb: np.ndarray) -> np.ndarray:
    """Per patch, the mean (R, G, B) of its inside (a quarter of a patch in from each
    side, clear of the edges where chroma from the next patch mixes in)."""
    scale = rgb.shape[1] / WIDTH
    inset = PATCH * scale / 4
    means = []
    for i in range(len(COLOURS)):
        left, right = round(i * PATCH * scale + inset), round((i + 1) * PATCH * scale - inset)
        top, bottom = round(rgb.shape[0] / 4), round(rgb.shape[0] * 3 / 4)
        means.append(rgb[top:bottom, left:right].reshape(-1, 3).mean(axis=0))
    return np.array(means)


def first_picture(path: Path | io.BytesIO, format: str | None = None) -> np.ndarray:
    with av.open(path, "r", format=format) as container:
        frame = next(container.decode(video=0))
        return frame.to_ndarray(format="rgb24")


SOURCES = {
    # MJPEG in Matroska: full range (yuvj420p), never stream-copied, always re-encoded
    "mjpeg": ("camera.mkv", "mjpeg", "yuvj420p", True, 2, (0.5, 1.5)),
    # H.264 flagged full range; its one key frame is more than 10 s before the cut,
    # so the excerpt is re-encoded
    "h264 full range": ("full.mp4", "libx264", "yuv420p", True, 12, (11.0, 11.8)),
    "h264 limited range": ("limited.mp4", "libx264", "yuv420p", False, 12, (11.0, 11.8)),
}


@pytest.mark.parametrize("kind", SOURCES)
def test_a_re_encoded_excerpt_keeps_the_sources_levels(kind: str, tmp_path: Path) -> None:
    name, codec, pix_fmt, full, seconds, (a, b) = SOURCES[kind]
    source = make_patch_clip(tmp_path / name, codec, pix_fmt, full, seconds)
    expected = patch_means(first_picture(source))
    # the clip holds the colours asked for (what a player shows of the source)
    assert np.abs(expected - np.array(COLOURS)).max() <= 2 * TOLERANCE, expected
    spec = PackageSpec(
        request={"id": "req-colour"},
        excerpts=[
            ExcerptSpec(
                clip_id=1,
                source_path=source,
                source_sha256=sha256_file(source),
                camera="Porch",
                camera_lat=0.0,
                camera_lon=0.0,
                clip_start_utc=T0,
                clip_duration_s=float(seconds),
                want_start_utc=T0 + timedelta(seconds=a),
                want_end_utc=T0 + timedelta(seconds=b),
            )
        ],
    )
    package = build_package(spec, tmp_path / "pkg", signing_key_pem=KEYS[0], key_id="k")
    [excerpt] = (package / "data" / "excerpts").iterdir()
    [entry] = json.loads((package / "manifest.json").read_bytes())["files"]
    assert entry["re_encoded"] is True
    with av.open(str(excerpt)) as container:
        ctx = container.streams.video[0].codec_context
        # limited range: said so, or unsaid (H.264's default: video_full_range_flag 0)
        assert ctx.name == "h264" and ctx.color_range != ColorRange.JPEG
    got = patch_means(first_picture(excerpt))
    assert np.abs(got - expected).max() <= TOLERANCE, (got - expected).round(1)


@pytest.mark.parametrize("kind", SOURCES)
def test_thumbnails_keep_the_sources_levels(kind: str, tmp_path: Path) -> None:
    name, codec, pix_fmt, full, seconds, _ = SOURCES[kind]
    source = make_patch_clip(tmp_path / name, codec, pix_fmt, full, seconds)
    expected = patch_means(first_picture(source))
    thumbnail = first_picture(io.BytesIO(make_thumbnail(source)), format="mjpeg")
    got = patch_means(thumbnail)
    assert np.abs(got - expected).max() <= TOLERANCE, (got - expected).round(1)
