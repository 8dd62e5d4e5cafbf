"""A redaction plan applied while cutting (db/sharing/excerpt_cut.py with
db/redaction/render.py): a real face in a real H.264 clip is beyond recognition in every
frame of the package's excerpt, everything else is the source's picture apart from
encoding; a plan that hides nothing leaves the excerpt a stream copy."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from skimage.metrics import structural_similarity

from db.clips.media import sha256_file
from db.keys.signing import generate_keypair
from db.redaction.plan import Box, Mask, RedactionPlan, Track
from db.sharing.package_spec import ExcerptSpec, PackageCancelled, PackageSpec
from db.sharing.packaging import build_package
from db.sharing.redaction_preview import write_redacted_preview
from tests.redaction_clips import FaceClip, face_clip, luma_frames, psnr

T0 = datetime(2026, 11, 20, 22, 15, 0, tzinfo=UTC)
KEYS = generate_keypair()
REQUEST: dict[str, Any] = {
    "id": "req-redact",
    "agency": {"id": "spd", "name": "Springfield Police"},
    "case_number": "2026-16",
    "incident": "Parcel theft",
    "retention_days": 90,
    "third_party_sharing": False,
    "window": {"start": "2026-11-20T22:15:01Z", "end": "2026-11-20T22:15:02Z"},
}
# Face region of the excerpt against the source's: see tests/test_redaction_render.py
# (the same face through libx264 alone scores above 0.9; six blocks about 0.3).
MAX_SSIM = 0.5
# Outside every redaction, the excerpt's picture against the source's: libx264 at CRF 20
# on this textured picture stays well above it; a changed picture falls far below.
MIN_PSNR_DB = 35.0
A, B = 0.5, 2.5  # the excerpt's part of the clip (seconds)


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> FaceClip:
    return face_clip(tmp_path_factory.mktemp("faces") / "porch.mp4")


def face_plan(clip: FaceClip, style: str = "pixelate") -> RedactionPlan:
    keys = [(i / clip.fps, box) for i, box in enumerate(clip.faces)]
    track = Track("face-1", "face", keys, "the face's true place (test)")
    return RedactionPlan(1, A, B, clip.width, clip.height, tracks=[track], style=style)


def spec_for(clip: FaceClip, plan: RedactionPlan | None) -> ExcerptSpec:
    return ExcerptSpec(
        clip_id=1,
        source_path=clip.path,
        source_sha256=sha256_file(clip.path),
        camera="Porch",
        camera_lat=39.78,
        camera_lon=-89.65,
        clip_start_utc=T0,
        clip_duration_s=3.0,
        want_start_utc=T0 + timedelta(seconds=A),
        want_end_utc=T0 + timedelta(seconds=B),
        redaction=plan,
        redaction_accepted=None if plan is None else ("command line", "2026-11-21T08:00:00.000Z"),
    )


def export(clip: FaceClip, plan: RedactionPlan | None, out: Path) -> tuple[dict[str, Any], Path]:
    package = build_package(
        PackageSpec(REQUEST, [spec_for(clip, plan)]), out, signing_key_pem=KEYS[0], key_id="r"
    )
    [entry] = json.loads((package / "manifest.json").read_bytes())["files"]
    return entry, package / entry["name"]


def outside_mask(box: Box, width: int, height: int) -> np.ndarray:
    keep = np.ones((height, width), dtype=bool)
    # the renderer widens a box to even bounds: a pixel's margin each side
    keep[max(0, box.y - 1) : box.y + box.h + 1, max(0, box.x - 1) : box.x + box.w + 1] = False
    return keep


def check_hidden(clip: FaceClip, excerpt: Path, start_s: float) -> int:
    """Every frame: the face region unrecognisable, the rest the source's picture.
    Returns the number of frames checked."""
    source = luma_frames(clip.path)
    frames = luma_frames(excerpt)
    for at, picture in frames.items():
        t = round(start_s + at, 2)
        before = source[t]
        face = clip.face_at(t)
        region = (slice(face.y, face.y + face.h), slice(face.x, face.x + face.w))
        ssim = structural_similarity(before[region], picture[region], data_range=255)
        assert ssim < MAX_SSIM, (t, ssim)
        keep = outside_mask(face, clip.width, clip.height)
        assert psnr(picture[keep], before[keep]) > MIN_PSNR_DB, t
    return len(frames)


def test_redacted_export_hides_the_face_in_every_frame(clip: FaceClip, tmp_path: Path) -> None:
    plan = face_plan(clip)
    entry, excerpt = export(clip, plan, tmp_path / "p")
    assert entry["re_encoded"] is True
    assert entry["re_encode_reason"] == "redacted: 1 face hidden (pixelate)"
    assert "pictures redacted: 1 face hidden (pixelate)" in entry["redacted"]
    assert check_hidden(clip, excerpt, entry["trim"]["start_s"]) == 20
    red = entry["redaction"]
    assert red["working_copy"] == "redacted"
    assert red["plan_sha256"] == plan.digest()
    assert red["original_sha256"] == entry["source"]["sha256"] == sha256_file(clip.path)
    assert red["accepted"] == {"by": "command line", "at": "2026-11-21T08:00:00.000Z"}
    assert red["style"] == "pixelate" and red["masks"] == []
    assert red["faces"]["count"] == 1 and red["drawn_boxes"]["count"] == 0
    [track] = red["faces"]["tracks"]
    # the face is hidden from the excerpt's first frame to its end
    [hidden] = track["ranges"]
    assert hidden["excerpt_s"][0] == 0.0
    assert hidden["start_utc"] == "2026-11-20T22:15:00.500Z"
    assert hidden["end_utc"] == entry["end_utc"]


def test_a_plan_that_hides_nothing_leaves_a_stream_copy(clip: FaceClip, tmp_path: Path) -> None:
    plan = face_plan(clip)
    plan.tracks[0].enabled = False  # the resident turned the only face off
    entry, _ = export(clip, plan, tmp_path / "p")
    assert entry["re_encoded"] is False and entry["method"] == "stream copy"
    red = entry["redaction"]  # what was looked at is still said
    assert red["working_copy"] == "not redacted: nothing to hide"
    assert red["faces"] == {"count": 0, "turned_off": 1, "tracks": []}
    assert not any("pictures" in r for r in entry["redacted"])
    entry, _ = export(clip, None, tmp_path / "q")
    assert entry["re_encoded"] is False and entry["redaction"] is None


def test_fill_and_a_mask_in_the_preview(clip: FaceClip, tmp_path: Path) -> None:
    plan = face_plan(clip, "fill")
    corner = Mask(3, "Neighbour's window", ((600, 0), (639, 0), (639, 40), (600, 40)))
    plan.masks.append(corner)
    dest = tmp_path / "preview.mp4"
    seen: list[float] = []
    cut = write_redacted_preview(spec_for(clip, plan), plan, dest, tick=seen.append, cancel=None)
    assert cut.re_encoded and cut.redacted and cut.start_s == pytest.approx(A)
    assert [p.name for p in tmp_path.iterdir()] == ["preview.mp4"]
    frames = luma_frames(dest)
    assert len(frames) == 20
    for at, picture in frames.items():
        face = clip.face_at(round(A + at, 2))
        # solid black, as near as the encoder keeps it
        inner = picture[face.y + 4 : face.y + face.h - 4, face.x + 4 : face.x + face.w - 4]
        assert abs(float(inner.mean()) - 16) < 3
        assert abs(float(picture[4:36, 604:636].mean()) - 16) < 3


def test_a_cancelled_preview_leaves_nothing(clip: FaceClip, tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    plan = face_plan(clip)
    dest = tmp_path / "preview.mp4"
    with pytest.raises(PackageCancelled):
        write_redacted_preview(spec_for(clip, plan), plan, dest, tick=print, cancel=cancel)
    assert list(tmp_path.iterdir()) == []


def test_hidden_ranges_leave_out_what_the_resident_turned_off() -> None:
    from db.sharing.redaction_manifest import hidden_ranges

    box = Box(0, 0, 10, 10)
    track = Track("f", "face", [(1.0, box), (9.0, box)], "t", off=[(2.0, 3.0), (8.5, 12.0)])
    # clipped to the excerpt [0.5, 8.0], less 2-3 s (8.5 on lies outside it anyway)
    assert hidden_ranges(track, 0.5, 8.0) == [(1.0, 2.0), (3.0, 8.0)]
    assert hidden_ranges(track, 0.0, 10.0) == [(1.0, 2.0), (3.0, 8.5)]
    track.off = [(0.0, 10.0)]
    assert hidden_ranges(track, 0.0, 10.0) == []
    track.enabled = False
    track.off = []
    assert hidden_ranges(track, 0.0, 10.0) == []
    assert hidden_ranges(Track("e", "box", [], "t"), 0.0, 1.0) == []
