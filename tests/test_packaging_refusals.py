"""Building a share package that cannot be built as asked (db/sharing/packaging.py): its
limits in words, cancelling leaves nothing, progress, an existing target, a source
missing, corrupt, truncated, changed or shorter than its record, bad specs, and names
numbered when a camera and start repeat.
"""

from __future__ import annotations

import hashlib
import shutil
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from db.sharing.package_format import verify_package
from db.sharing.package_spec import (
    PackageCancelled,
    PackageError,
    PackageSpec,
    ReceiverLimits,
    check_limits,
)
from db.sharing.packaging import build_package
from tests.packaging_helpers import (
    FPS,
    KEYS,
    REQUEST,
    build,
    clips,
    excerpt,
    manifest,
    only_file,
    partials,
    three_clip_spec,
    video_frames,
)

__all__ = ["clips"]  # fixtures, used by name


# -- limits ---------------------------------------------------------------------------
def test_limits_in_words(clips: dict[str, Path], tmp_path: Path) -> None:
    one = excerpt(clips["mp4"], 1.0, 2.0)
    size = clips["mp4"].stat().st_size
    assert check_limits(PackageSpec(REQUEST, [one] * 16)) == []
    assert check_limits(PackageSpec(REQUEST, [one] * 17)) == [
        "17 excerpts; the receiver accepts at most 16 a package"
    ]
    tight = ReceiverLimits(max_files=16, max_file_bytes=1_000_000, max_total_bytes=10_000_000)
    problems = check_limits(PackageSpec(REQUEST, [one], limits=tight))
    assert problems == [
        "clip 1 (Front door, 2026-11-01T06:00:00.000Z): excerpt of about 1 MB; the receiver "
        "accepts at most 1 MB a file"
    ]
    total = ReceiverLimits(max_files=16, max_file_bytes=2_000_000, max_total_bytes=3_000_000)
    problems = check_limits(PackageSpec(REQUEST, [one, one, one], limits=total))
    assert problems == ["about 3 MB in all; the receiver accepts at most 3 MB a package"]
    # the estimate grows with the share of the clip asked for
    whole = excerpt(clips["mp4"], 0.0, 6.0)
    small = ReceiverLimits(max_file_bytes=1_000_000 + size // 2)
    assert check_limits(PackageSpec(REQUEST, [one], limits=small)) == []
    assert len(check_limits(PackageSpec(REQUEST, [whole], limits=small))) == 1

    with pytest.raises(PackageError, match="17 excerpts; the receiver accepts at most 16"):
        build(PackageSpec(REQUEST, [one] * 17), tmp_path / "p")
    assert list(tmp_path.iterdir()) == []


def test_limits_name_an_unreadable_source(tmp_path: Path, clips: dict[str, Path]) -> None:
    gone = replace(excerpt(clips["mp4"], 1.0, 2.0, clip_id=7), source_path=tmp_path / "gone.mp4")
    (problem,) = check_limits(PackageSpec(REQUEST, [gone]))
    label = "clip 7 (Front door, 2026-11-01T06:00:00.000Z)"
    assert problem == f"{label}: source file missing: {tmp_path / 'gone.mp4'}"
    folder = replace(gone, source_path=tmp_path)
    (problem,) = check_limits(PackageSpec(REQUEST, [folder]))
    assert problem.startswith("clip 7 (Front door") and "source is not a file" in problem


# -- failures -------------------------------------------------------------------------
def test_cancel_leaves_nothing(clips: dict[str, Path], tmp_path: Path) -> None:
    cancel = threading.Event()
    calls: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, what: str) -> None:
        calls.append((done, total, what))
        if ("cutting" in what and done > 0) or "excerpt 2" in what:
            cancel.set()

    out = tmp_path / "out"
    out.mkdir()
    for target, as_zip in ((out / "pkg", False), (out / "pkg.zip", True)):
        cancel.clear()
        with pytest.raises(PackageCancelled):
            build(three_clip_spec(clips), target, progress=progress, cancel=cancel, as_zip=as_zip)
        assert list(out.iterdir()) == []
    cancel.set()
    with pytest.raises(PackageCancelled):
        build(three_clip_spec(clips), out / "pkg", cancel=cancel)
    assert list(out.iterdir()) == []


def test_progress_runs_to_the_total(clips: dict[str, Path], tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    build(three_clip_spec(clips), tmp_path / "p", progress=lambda *a: calls.append(a))
    totals = {total for _, total, _ in calls}
    assert totals == {6000}  # milliseconds of footage asked for
    done = [d for d, _, _ in calls]
    assert done == sorted(done)
    assert calls[-1] == (6000, 6000, "done")


def test_an_existing_target_is_refused(clips: dict[str, Path], tmp_path: Path) -> None:
    spec = PackageSpec(REQUEST, [excerpt(clips["mp4"], 1.0, 2.0)])
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "keep.txt").write_text("mine")
    (tmp_path / "file.zip").write_bytes(b"mine")
    for target, as_zip in ((tmp_path / "folder", False), (tmp_path / "file.zip", True)):
        with pytest.raises(PackageError, match="already exists; not replacing it"):
            build(spec, target, as_zip=as_zip)
    assert (tmp_path / "folder" / "keep.txt").read_text() == "mine"
    assert (tmp_path / "file.zip").read_bytes() == b"mine"
    assert partials(tmp_path) == []


def test_a_missing_source_is_named(clips: dict[str, Path], tmp_path: Path) -> None:
    source = tmp_path / "clip.mp4"
    shutil.copyfile(clips["mp4"], source)
    ex = excerpt(source, 1.0, 2.0, clip_id=7, camera="Garage")
    source.unlink()
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(PackageError, match=r"^clip 7 \(Garage, .*source file missing: /"):
        build(PackageSpec(REQUEST, [ex]), out / "p")
    assert list(out.iterdir()) == []


def test_a_corrupt_source_is_named(clips: dict[str, Path], tmp_path: Path) -> None:
    corrupt = tmp_path / "broken.mp4"
    corrupt.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40)
    out = tmp_path / "out"
    out.mkdir()
    good = excerpt(clips["mp4"], 1.0, 2.0, clip_id=1)
    bad = excerpt(corrupt, 1.0, 2.0, clip_id=9, camera="Garage")
    with pytest.raises(PackageError, match=r"^clip 9 \(Garage, .*cannot be read as video"):
        build(PackageSpec(REQUEST, [good, bad]), out / "p")
    assert list(out.iterdir()) == []


def test_a_truncated_source_is_named(clips: dict[str, Path], tmp_path: Path) -> None:
    truncated = tmp_path / "cut.mp4"
    truncated.write_bytes(clips["mp4"].read_bytes()[:3000])  # the header lives at the end
    ex = excerpt(truncated, 1.0, 2.0, clip_id=5)
    with pytest.raises(PackageError, match=r"^clip 5 \(Front door"):
        build(PackageSpec(REQUEST, [ex]), tmp_path / "p")
    assert partials(tmp_path) == [] and not (tmp_path / "p").exists()


def test_a_changed_source_is_refused(clips: dict[str, Path], tmp_path: Path) -> None:
    ex = replace(excerpt(clips["mp4"], 1.0, 2.0, clip_id=3), source_sha256="0" * 64)
    with pytest.raises(PackageError, match=r"^clip 3 .*changed since it was imported"):
        build(PackageSpec(REQUEST, [ex]), tmp_path / "p")
    # unless the caller has just checked it
    build(PackageSpec(REQUEST, [ex]), tmp_path / "p", verify_sources=False)


def test_bad_specs(clips: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="no excerpts"):
        build(PackageSpec(REQUEST, []), tmp_path / "p")
    outside = excerpt(clips["mp4"], 7.0, 8.0, clip_id=4)
    with pytest.raises(PackageError, match=r"clip 4 .*does not overlap the clip"):
        build(PackageSpec(REQUEST, [outside]), tmp_path / "p")
    with pytest.raises(PackageError, match="private key"):
        build_package(
            PackageSpec(REQUEST, [excerpt(clips["mp4"], 1.0, 2.0)]),
            tmp_path / "p",
            signing_key_pem=KEYS[1],
            key_id="k",
        )
    assert list(tmp_path.iterdir()) == []


def test_same_camera_and_start_get_numbered_names(clips: dict[str, Path], tmp_path: Path) -> None:
    one = excerpt(clips["mp4"], 1.0, 2.0)
    package = build(PackageSpec(REQUEST, [one, one]), tmp_path / "p")
    names = [f["name"] for f in manifest(package)["files"]]
    assert names == [
        "data/excerpts/front-door-20261101T060000Z.mp4",
        "data/excerpts/front-door-20261101T060000Z-2.mp4",
    ]
    assert (
        hashlib.sha256((package / names[0]).read_bytes()).hexdigest()
        == manifest(package)["files"][1]["sha256"]
    )
    assert verify_package(package, KEYS[1]) == []


def test_a_source_shorter_than_its_record_is_said_so(
    clips: dict[str, Path], tmp_path: Path
) -> None:
    short = tmp_path / "short.mkv"
    data = clips["mkv"].read_bytes()
    short.write_bytes(data[: len(data) * 6 // 10])  # Matroska plays without its end
    entry, video = only_file(
        build(PackageSpec(REQUEST, [excerpt(short, 2.0, 5.5)]), tmp_path / "p")
    )
    assert entry["covers_request"] is False
    assert 2.0 < entry["trim"]["end_s"] < 5.5
    assert len(video_frames(video)) == round((entry["trim"]["end_s"] - 1.2) * FPS)
