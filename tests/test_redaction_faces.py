"""Finding faces for redaction, on real video files with a real face in them (the
astronaut photograph, tests/face_videos.py) and the real model the set-up installs."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from db.redaction import faces
from db.redaction.face_tracks import Detection, link, to_tracks
from db.redaction.faces import (
    FaceSearchCancelled,
    FaceSearchError,
    ModelMissing,
    detector_info,
    find_faces,
)
from db.redaction.model_file import MODEL_FILE, MODEL_SHA256
from db.redaction.plan import Box, RedactionPlan
from tests.face_videos import FacePath, covered, make_face_video

Truth = list[tuple[float, list[Box]]]


def _coverage(truth: Truth, plan: RedactionPlan) -> float:
    hits = [covered(face, plan.boxes_at(t)) for t, fs in truth for face in fs]
    assert hits, "the video has no face in it"
    return sum(hits) / len(hits)


def _plan(tracks: list, start: float, end: float, w: int, h: int) -> RedactionPlan:
    return RedactionPlan(clip_id=1, start_s=start, end_s=end, width=w, height=h, tracks=tracks)


@pytest.fixture(scope="module")
def two_faces(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Truth]:
    """A big face walking towards the camera and a small one (24 to 36 px) crossing the
    other way, over a photograph."""
    path = tmp_path_factory.mktemp("faces") / "two_faces.mp4"
    truth = make_face_video(
        path,
        [FacePath(100, 150, 800, 400, 40, 120), FacePath(850, 450, 500, 100, 24, 36)],
        background="coffee",
    )
    return path, truth


def test_every_face_is_covered_in_nearly_every_frame(two_faces: tuple[Path, Truth]) -> None:
    path, truth = two_faces
    tracks, info = find_faces(path, 0.0, 3.0)
    plan = _plan(tracks, 0.0, 3.0, 960, 540)
    # Each face on its own, so a well-covered big face cannot hide a missed small one.
    for k in range(2):
        one = [(t, fs[k : k + 1]) for t, fs in truth]
        assert _coverage(one, plan) >= 0.95, f"face {k}"
    assert {t.kind for t in tracks} == {"face"}
    assert len(tracks) == 2
    assert all(t.source.startswith("CenterFace (onnxruntime ") for t in tracks)
    # It looked at some frames only, and says which share.
    assert info["frames"] == 90
    assert info["frames_searched"] < 20
    assert info["every_n_frames"] == faces.default_every_n(30) > 1
    assert info["model_sha256"] == MODEL_SHA256


def test_a_fast_shrinking_face_over_grey_is_covered(tmp_path: Path) -> None:
    path = tmp_path / "plain.mp4"
    truth = make_face_video(
        path,
        [FacePath(1100, 600, 150, 120, 90, 28)],
        width=1280,
        height=720,
        seconds=2.0,
        background="plain",
    )
    tracks, _ = find_faces(path, 0.0, 2.0, every_n=6)
    assert _coverage(truth, _plan(tracks, 0.0, 2.0, 1280, 720)) >= 0.95


def test_only_the_part_asked_for_is_searched(two_faces: tuple[Path, Truth]) -> None:
    path, truth = two_faces
    seen: list[float] = []
    tracks, info = find_faces(path, 1.0, 2.0, progress=seen.append)
    assert tracks
    for tr in tracks:
        span = tr.span()
        assert span is not None and span[0] >= 1.0 - 1e-6 and span[1] <= 2.0 + 1e-6
    # The frame at 1.0 s and the 29 after it.
    assert info["frames"] == 30
    part = [(t, fs) for t, fs in truth if 1.0 - 1e-6 <= t < 2.0]
    assert _coverage(part, _plan(tracks, 1.0, 2.0, 960, 540)) >= 0.95
    assert seen == sorted(seen) and seen[-1] == 1.0 and 0.0 <= seen[0] < 1.0


def test_no_track_where_there_is_no_face(tmp_path: Path) -> None:
    for background in ("coffee", "rocket", "plain"):
        path = tmp_path / f"{background}.mp4"
        make_face_video(path, [], seconds=1.0, background=background)
        tracks, info = find_faces(path, 0.0, 1.0, every_n=5)
        assert tracks == [], background
        assert info["frames_searched"] == 7  # every 5th of 30, and the last


def test_cancel_stops_the_search(two_faces: tuple[Path, Truth]) -> None:
    path, _ = two_faces
    cancel = threading.Event()
    calls: list[float] = []

    def progress(share: float) -> None:
        calls.append(share)
        cancel.set()  # the resident presses Cancel once it has started

    with pytest.raises(FaceSearchCancelled, match="cancelled"):
        find_faces(path, 0.0, 3.0, progress=progress, cancel=cancel)
    assert calls and calls[-1] < 0.5


def test_a_cancel_set_before_the_start_stops_at_once(two_faces: tuple[Path, Truth]) -> None:
    cancel = threading.Event()
    cancel.set()
    seen: list[float] = []
    with pytest.raises(FaceSearchCancelled):
        find_faces(two_faces[0], 2.0, 3.0, progress=seen.append, cancel=cancel)
    assert seen == []


def test_every_n_below_one_is_refused(two_faces: tuple[Path, Truth]) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        find_faces(two_faces[0], 0.0, 1.0, every_n=0)


def test_without_the_model_it_says_to_run_the_set_up(
    two_faces: tuple[Path, Truth], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOORSTEP_MODELS_DIR", str(tmp_path))
    with pytest.raises(ModelMissing, match=r"run the set-up \(make\)") as err:
        find_faces(two_faces[0], 0.0, 1.0)
    assert "\n" not in str(err.value)
    # A file that is not the pinned model is refused the same way, before it is run.
    (tmp_path / MODEL_FILE).write_bytes(b"not a model")
    with pytest.raises(ModelMissing, match="damaged or of another version"):
        find_faces(two_faces[0], 0.0, 1.0)


def test_a_file_that_is_not_video_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "notes.mp4"
    bad.write_text("camera firmware 1.2\n")
    with pytest.raises(FaceSearchError, match=r"notes\.mp4"):
        find_faces(bad, 0.0, 1.0)
    with pytest.raises(FaceSearchError, match="missing"):
        find_faces(tmp_path / "gone.mp4", 0.0, 1.0)


def test_detector_info_names_what_the_manifest_records() -> None:
    info = detector_info()
    assert info["name"] == "CenterFace"
    assert info["version"] == faces._runtime_version() != "not installed"
    assert info["model_sha256"] == MODEL_SHA256
    assert info["every_n_frames"] == faces.default_every_n(30)
    assert info["threshold"] == faces.THRESHOLD


def _det(at: float, x: float, y: float, size: float) -> Detection:
    return Detection(at, (x, y, x + size, y + size), 0.9)


def test_a_face_missed_in_one_round_stays_one_track() -> None:
    rounds = [
        (0.0, [_det(0.0, 100, 100, 40)]),
        (0.3, []),  # head turned
        (0.6, [_det(0.6, 160, 100, 40), _det(0.6, 600, 300, 30)]),
    ]
    groups = link(rounds)
    assert [[d.at for d in g] for g in groups] == [[0.0, 0.6], [0.6]]
    tracks = to_tracks(
        groups, interval=0.3, start_s=0.0, end_s=1.0, width=800, height=450, source="t"
    )
    first = tracks[0]
    # Covered through the missed round, and one round past the last detection.
    mid = first.box_at(0.3)
    assert mid is not None and mid.x <= 130 and mid.x + mid.w >= 170
    assert first.span() == pytest.approx((0.0, 0.9))
    # The face first seen at 0.6 s was there a round before, somewhere near.
    second = tracks[1]
    assert second.span() == pytest.approx((0.3, 0.9))


def test_two_faces_crossing_keep_their_own_tracks() -> None:
    rounds = [
        (float(i) / 10, [_det(i / 10, 100 + 40 * i, 200, 40), _det(i / 10, 500 - 40 * i, 210, 40)])
        for i in range(11)
    ]
    groups = link(rounds)
    assert len(groups) == 2
    for g in groups:
        xs = [d.rect[0] for d in g]
        assert xs == sorted(xs) or xs == sorted(xs, reverse=True)


def test_boxes_stay_inside_the_picture() -> None:
    groups = link([(0.0, [_det(0.0, -20, -10, 60)]), (0.3, [_det(0.3, 770, 420, 60)])])
    tracks = to_tracks(
        groups, interval=0.3, start_s=0.0, end_s=0.6, width=800, height=450, source="t"
    )
    for tr in tracks:
        for _t, b in tr.keys:
            assert b.x >= 0 and b.y >= 0 and b.x + b.w <= 800 and b.y + b.h <= 450
