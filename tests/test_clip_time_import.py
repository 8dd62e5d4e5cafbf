"""A clip's start through a real import: every recorder layout, copied so that the
modification times lie, with its source and certainty (docs/clip-times.md)."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from db.clips.cameras import Camera, add_camera, edit_camera, get_camera
from db.clips.clip_time import MTIME_NOTE
from db.clips.importer import import_folder
from db.clips.library import list_clips
from db.demo.synth import make_clip

LA = "America/Los_Angeles"
# Far from every time below: a clip placed by its modification time shows it.
COPIED_AT = datetime(2031, 3, 3, 3, 3, 3, tzinfo=UTC).timestamp()
SECONDS = 2.0


@pytest.fixture
def camera(db):
    return add_camera(db, Camera("Porch", 47.6, -122.3, tz=LA))


# (relative path, container creation time or None, metadata, expected start (UTC text),
#  expected source, certain)
LAYOUTS = [
    (
        "2026-11-20/22/front_door/15.07.mp4",
        None,
        None,
        "2026-11-20T22:15:07.000Z",
        "filename:frigate-recording",
        True,
    ),
    (
        "exports/front_door_20261120_141500-20261120_142000_x7k2pq.mp4",
        None,
        None,
        "2026-11-20T22:15:00.000Z",
        "filename:frigate-export",
        True,
    ),
    (
        "front_door-1795212900.123456-1795213200.5-x7k2pq.mp4",
        None,
        None,
        "2026-11-20T22:15:00.123Z",
        "filename:frigate-export",
        True,
    ),
    (
        "2026-11-20/001/dav/14/14.15.00-14.20.00[M][0@0][0].mp4",
        None,
        None,
        "2026-11-20T22:15:00.000Z",
        "filename:dahua",
        True,
    ),
    ("record/20261120/14/15.mp4", None, None, "2026-11-20T22:15:00.000Z", "filename:wyze", True),
    (
        "Mp4Record/2026-11-20/RecM01_20261120_141500_142012_6D28808_1A468F9.mp4",
        None,
        None,
        "2026-11-20T22:15:00.000Z",
        "filename:reolink",
        True,
    ),
    (
        # Named by its END: the start is the end less the clip's duration.
        "Front Door/2026-11-20/2026-11-20T22-20-00 smartDetectZone (person).mp4",
        None,
        None,
        "2026-11-20T22:19:58.000Z",
        "filename:unifi-protect",
        True,
    ),
    (
        "New/Porch.20261120_141500.mp4",
        None,
        None,
        "2026-11-20T22:15:00.000Z",
        "filename:blue-iris",
        True,
    ),
    (
        "192.168.1.64_01_20261120141500123_MOTION_DETECTION.mp4",
        None,
        None,
        "2026-11-20T22:15:00.000Z",
        "filename:hikvision",
        True,
    ),
    (
        # A Hikvision card's file: no time in the name, the container's is taken.
        "hiv00042.mp4",
        datetime(2026, 11, 20, 22, 15, tzinfo=UTC),
        None,
        "2026-11-20T22:15:00.000Z",
        "container",
        True,
    ),
    (
        "DCIM/Camera/VID_20261120_141500.mp4",
        None,
        None,
        "2026-11-20T22:15:00.000Z",
        "filename:android",
        True,
    ),
    (
        "DCIM/Camera/PXL_20261120_221500123.mp4",
        None,
        None,
        "2026-11-20T22:15:00.123Z",
        "filename:android",
        True,
    ),
    (
        "DCIM/100APPLE/IMG_1234.MOV",
        None,
        {"com.apple.quicktime.creationdate": "2026-11-20T14:15:00-0800"},
        "2026-11-20T22:15:00.000Z",
        "quicktime",
        True,
    ),
    ("cam2/1795212900.mp4", None, None, "2026-11-20T22:15:00.000Z", "filename:epoch", True),
    (
        "porch 2026-11-20 14.15.00.mp4",
        None,
        None,
        "2026-11-20T22:15:00.000Z",
        "filename:generic",
        True,
    ),
    (
        # A Ring download's name is an id: only the (lying) modification time is left.
        "123456789012345678_stamp.mp4",
        None,
        None,
        "2031-03-03T03:03:01.000Z",
        "mtime",
        False,
    ),
]


def iphone_mov(path: Path, tags: dict[str, str]) -> Path:
    """A real QuickTime file whose keys box holds ``tags``, as an iPhone writes them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w", format="mov", options={"movflags": "use_metadata_tags"}) as out:
        for key, value in tags.items():
            out.metadata[key] = value
        stream = out.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i in range(int(SECONDS * 10)):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), i, np.uint8), format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, 10)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def _recorder_folder(root: Path) -> Path:
    """The layouts as a recorder wrote them (the card)."""
    for i, (rel, created, metadata, *_rest) in enumerate(LAYOUTS):
        if metadata:
            iphone_mov(root / rel, metadata)
        else:
            make_clip(root / rel, seconds=SECONDS, creation_time=created, hue=i * 13)
    return root


def _copy(card: Path, target: Path) -> Path:
    """A plain copy, as ``cp -r`` makes it: every modification time is the copy's."""
    shutil.copytree(card, target, copy_function=shutil.copy)
    for folder, _dirs, files in os.walk(target):
        for name in files:
            os.utime(Path(folder) / name, (COPIED_AT, COPIED_AT))
    return target


@pytest.fixture(scope="module")
def card(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _recorder_folder(tmp_path_factory.mktemp("card"))


def test_every_layout_copied_is_placed_by_its_name_not_its_copy_time(
    db, camera, card, tmp_path
) -> None:
    folder = _copy(card, tmp_path / "copied")
    # 16 files: probed in worker processes, as a real import of a card is.
    summary = import_folder(db, folder, camera)
    assert summary.added == len(LAYOUTS), summary.text()
    rows = {os.path.relpath(r.path, folder): r for r in list_clips(db)}
    for rel, _created, _meta, start, source, certain in LAYOUTS:
        row = rows[rel]
        assert (row.start_utc, row.start_source, row.start_certain) == (
            start,
            source,
            certain,
        ), rel
    assert rows["123456789012345678_stamp.mp4"].start_note == MTIME_NOTE
    # The relative path is kept: the start is read from it again on a camera change.
    stored = dict(db.execute("SELECT path, rel_path FROM clips").fetchall())
    assert stored[str(folder / LAYOUTS[0][0])] == LAYOUTS[0][0]


def test_a_name_and_container_ten_days_apart_flag_the_clip(db, camera, tmp_path) -> None:
    ten_days_later = datetime(2026, 11, 30, 22, 15, tzinfo=UTC)
    rel = "Mp4Record/2026-11-20/RecM01_20261120_141500_142012_6D28808_1A468F9.mp4"
    make_clip(tmp_path / "card" / rel, seconds=SECONDS, creation_time=ten_days_later)
    folder = _copy(tmp_path / "card", tmp_path / "copied")
    import_folder(db, folder, camera, probe_processes=0)
    (row,) = list_clips(db)
    # The recorder's documented layout wins over the container's tag.
    assert (row.start_utc, row.start_source, row.start_certain) == (
        "2026-11-20T22:15:00.000Z",
        "filename:reolink",
        False,
    )
    assert "2026-11-20 22:15:00 UTC" in row.start_note
    assert "2026-11-30 22:15:00 UTC" in row.start_note
    assert "10.0 days later" in row.start_note
    assert row.name_start_utc == "2026-11-20T22:15:00.000Z"
    assert row.container_start_utc == "2026-11-30T22:15:00.000Z"


def test_a_container_stamped_at_the_end_agrees_with_the_name(db, camera, tmp_path) -> None:
    """Many recorders write the container's creation time when they close the file."""
    end = datetime(2026, 11, 20, 22, 15, 2, tzinfo=UTC)
    make_clip(tmp_path / "card" / "20261120/14/15.mp4", seconds=SECONDS, creation_time=end, hue=3)
    folder = _copy(tmp_path / "card", tmp_path / "copied")
    import_folder(db, folder, camera, probe_processes=0)
    (row,) = list_clips(db)
    assert (row.start_source, row.start_certain, row.start_note) == ("filename:wyze", True, "")


def test_local_time_written_as_utc_is_flagged_with_the_likely_cause(db, camera, tmp_path) -> None:
    # The recorder wrote 14:15 local into the container as if it were UTC.
    wrong = datetime(2026, 11, 20, 14, 15, tzinfo=UTC)
    make_clip(tmp_path / "card" / "New/Porch.20261120_141500.mp4", creation_time=wrong)
    folder = _copy(tmp_path / "card", tmp_path / "copied")
    import_folder(db, folder, camera, probe_processes=0)
    (row,) = list_clips(db)
    assert not row.start_certain
    assert row.start_utc == "2026-11-20T22:15:00.000Z"
    assert "local time read as UTC" in row.start_note


def test_a_chosen_profile_and_a_new_zone_retime_from_the_relative_path(
    db, camera, card, tmp_path
) -> None:
    """The camera's edit reads the stored relative path again with the same rule."""
    folder = _copy(card, tmp_path / "copied")
    import_folder(db, folder, camera, probe_processes=0)
    edit = edit_camera(db, replace(get_camera(db, camera.id), tz="America/New_York"))
    assert edit.clips_retimed == len(LAYOUTS)
    rows = {os.path.relpath(r.path, folder): r for r in list_clips(db)}
    # Wyze's folders are local time: three hours earlier in New York.
    assert rows["record/20261120/14/15.mp4"].start_utc == "2026-11-20T19:15:00.000Z"
    # Frigate's folders are UTC and the iPhone's date carries its offset: unchanged.
    assert rows["2026-11-20/22/front_door/15.07.mp4"].start_utc == "2026-11-20T22:15:07.000Z"
    assert rows["DCIM/100APPLE/IMG_1234.MOV"].start_utc == "2026-11-20T22:15:00.000Z"
    assert rows["hiv00042.mp4"].start_utc == "2026-11-20T22:15:00.000Z"
    mtime_row = rows["123456789012345678_stamp.mp4"]
    assert (mtime_row.start_utc, mtime_row.start_certain) == ("2031-03-03T03:03:01.000Z", False)
    # Forcing one profile: the paths that do not follow it fall back to what is left.
    edit = edit_camera(db, replace(get_camera(db, camera.id), tz=LA, naming_profile="wyze"))
    rows = {os.path.relpath(r.path, folder): r for r in list_clips(db)}
    assert rows["record/20261120/14/15.mp4"].start_utc == "2026-11-20T22:15:00.000Z"
    blue = rows["New/Porch.20261120_141500.mp4"]
    assert (blue.start_source, blue.start_certain) == ("mtime", False)
    audit = db.execute(
        "SELECT details FROM audit_log WHERE action = 'camera changed' ORDER BY seq DESC"
    ).fetchone()
    assert json.loads(audit[0])["naming_profile"] == "wyze"


def test_a_clock_offset_applies_to_every_source(db, camera, card, tmp_path) -> None:
    folder = _copy(card, tmp_path / "copied")
    import_folder(db, folder, camera, probe_processes=0)
    before = {r.path: r.start_utc for r in list_clips(db)}
    edit_camera(db, replace(get_camera(db, camera.id), clock_offset_s=60))
    for row in list_clips(db):
        moved = datetime.fromisoformat(before[row.path].replace("Z", "+00:00")) - timedelta(
            seconds=60
        )
        assert row.start_utc == moved.strftime("%Y-%m-%dT%H:%M:%S.") + (
            f"{moved.microsecond // 1000:03d}Z"
        ), row.path
