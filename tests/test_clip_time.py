"""db.clips.clip_time: the precedence of sources and when a start is uncertain."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from db.clips.clip_time import clip_time, relative_path, source_words

LA = ZoneInfo("America/Los_Angeles")


def _time(rel: str, container: datetime | None = None, quicktime: datetime | None = None):
    return clip_time(
        rel,
        creation_time=container,
        quicktime=quicktime,
        mtime=0.0,
        duration_s=60,
        zone=LA,
        clock_offset_s=0,
    )


def test_a_name_in_the_hour_dst_repeats_is_uncertain_until_a_container_settles_it() -> None:
    rel = "porch 2026-11-01 01.30.00.mp4"  # 01:30 happened twice in Los Angeles
    alone = _time(rel)
    assert (alone.source, alone.certain) == ("filename:generic", False)
    assert "showed this hour twice" in alone.note
    # The container's UTC time says which 01:30 it was (the first, PDT: 08:30 UTC).
    settled = _time(rel, container=datetime(2026, 11, 1, 8, 30, 40, tzinfo=UTC))
    assert (settled.source, settled.certain, settled.note) == ("container", True, "")
    assert settled.name_start == datetime(2026, 11, 1, 8, 30, tzinfo=UTC)


def test_the_quicktime_date_comes_first_and_agreement_allows_the_clip_length() -> None:
    qt = datetime(2026, 11, 20, 22, 15, tzinfo=UTC)
    found = _time("DCIM/100APPLE/IMG_0001.MOV", container=qt, quicktime=qt)
    assert (found.start, found.source, found.certain) == (qt, "quicktime", True)
    name = "record/20261120/14/15.mp4"  # 22:15 UTC, one file a minute
    end_stamped = _time(name, container=datetime(2026, 11, 20, 22, 17, 59, tzinfo=UTC))
    assert end_stamped.certain  # 60 s of clip plus the 2-minute tolerance
    too_late = _time(name, container=datetime(2026, 11, 20, 22, 18, 1, tzinfo=UTC))
    assert not too_late.certain and "3 minutes later" in too_late.note
    assert too_late.source == "filename:wyze"


def test_paths_and_sources_in_words() -> None:
    assert relative_path("/cards/a/2026-11-20/x.mp4", "/cards/a") == "2026-11-20/x.mp4"
    assert relative_path("/elsewhere/x.mp4", "/cards/a") == "x.mp4"
    assert relative_path("/cards/a/x.mp4", None) == "x.mp4"
    assert source_words("filename:wyze") == "the folders and file name (wyze layout)"
    assert source_words("mtime") == "the file's modification time, less its length"


def test_a_preview_lists_files_it_cannot_read_and_how_many_more_there_are(tmp_path) -> None:
    import os

    from db.clips.cameras import Camera
    from db.clips.import_preview import preview_folder, preview_lines
    from db.demo.synth import make_clip

    make_clip(tmp_path / "a" / "VID_20261120_141500.mp4", seconds=1)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "noise.mp4").write_bytes(os.urandom(4000))
    make_clip(tmp_path / "c" / "VID_20261120_141600.mp4", seconds=1)
    camera = Camera("Porch", 47.6, -122.3, tz="America/Los_Angeles")
    preview = preview_folder(tmp_path, camera, first=2)
    lines = preview_lines(preview, camera)
    assert lines[0] == "Named like android: 2 of the first 3 file(s)."
    assert lines[1] == "Times read with: each file's own layout."
    assert lines[2].startswith("  a/VID_20261120_141500.mp4: 2026-11-20 14:15:00 PST")
    assert lines[3].startswith("  b/noise.mp4: cannot be read (")
    assert lines[4] == "  … and 1 more file(s)."
