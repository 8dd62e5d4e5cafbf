"""A clip's recording time from the folders and names real recorders write, the profile
of a folder of clips, and the QuickTime creation date of iPhone files.

Paths are relative to the imported folder, as a resident's import sees them after a
plain copy (so the files' modification times say nothing): only the iPhone case needs a
real file, because its time is in the container's metadata."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

import av
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.clips.media import time_from_filename
from db.clips.name_times import (
    PROFILES,
    UnknownProfile,
    detect_profile,
    name_time,
    profile_of,
    quicktime_creation_date,
    read_quicktime_creation_date,
)
from db.demo.synth import make_clip

LA = ZoneInfo("America/Los_Angeles")
BERLIN = ZoneInfo("Europe/Berlin")


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, us: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, us, tzinfo=UTC)


# (relative path, profile, start, end, how the name is read, certainty), camera in LA.
# 20 November 2026 is standard time there (UTC-8).
CASES = [
    (
        "2026-11-20/001/dav/14/14.15.00-14.20.00[M][0@0][0].mp4",
        "dahua",
        utc(2026, 11, 20, 22, 15),
        utc(2026, 11, 20, 22, 20),
        "local",
        "certain",
    ),
    (
        "sd/2026-11-20/001/dav/09/09.00.05-09.00.35[R][0@0][0].dav",
        "dahua",
        utc(2026, 11, 20, 17, 0, 5),
        utc(2026, 11, 20, 17, 0, 35),
        "local",
        "certain",
    ),
    ("record/20261120/14/15.mp4", "wyze", utc(2026, 11, 20, 22, 15), None, "local", "likely"),
    (
        "recordings/2026-11-20/22/front_door/15.07.mp4",
        "frigate-recording",
        utc(2026, 11, 20, 22, 15, 7),
        None,
        "utc",
        "certain",
    ),
    (
        "exports/front_door_20261120_141500-20261120_142000_x7k2pq.mp4",
        "frigate-export",
        utc(2026, 11, 20, 22, 15),
        utc(2026, 11, 20, 22, 20),
        "local",
        "likely",
    ),
    (
        "front_door-1795212900.123456-1795213200.5-x7k2pq.mp4",
        "frigate-export",
        utc(2026, 11, 20, 22, 15, 0, 123456),
        utc(2026, 11, 20, 22, 20, 0, 500000),
        "utc",
        "likely",
    ),
    (
        "clips/front-1606742747.272411-0lbwng.mp4",
        "frigate-export",
        utc(2020, 11, 30, 13, 25, 47, 272411),
        None,
        "utc",
        "likely",
    ),
    (
        "clips/previews/front_door/1795212900.04-1795213199.96.mp4",
        "frigate-export",
        utc(2026, 11, 20, 22, 15, 0, 40000),
        utc(2026, 11, 20, 22, 19, 59, 960000),
        "utc",
        "likely",
    ),
    ("1795212900.mp4", "epoch", utc(2026, 11, 20, 22, 15), None, "utc", "likely"),
    (
        "cam2/1795212900250.mp4",
        "epoch",
        utc(2026, 11, 20, 22, 15, 0, 250000),
        None,
        "utc",
        "likely",
    ),
    (
        "Mp4Record/2026-11-20/RecM01_20261120_141500_142012_6D28808_1A468F9.mp4",
        "reolink",
        utc(2026, 11, 20, 22, 15),
        utc(2026, 11, 20, 22, 20, 12),
        "local",
        "certain",
    ),
    (
        "Mp4Record/2026-07-04/RecS07_DST20260704_211146_211238_0_A714C0A000_21E67C.mp4",
        "reolink",
        utc(2026, 7, 5, 4, 11, 46),
        utc(2026, 7, 5, 4, 12, 38),
        "local",
        "certain",
    ),
    (
        # A recording still open when the camera named it: end 000000, no end.
        "RecM02_20261120_141500_000000_0_800_800_033C820000_61B6F0.mp4",
        "reolink",
        utc(2026, 11, 20, 22, 15),
        None,
        "local",
        "certain",
    ),
    (
        "New/Porch.20261120_141500.mp4",
        "blue-iris",
        utc(2026, 11, 20, 22, 15),
        None,
        "local",
        "certain",
    ),
    ("Porch.20261120_141500.bvr", "blue-iris", utc(2026, 11, 20, 22, 15), None, "local", "certain"),
    (
        "192.168.1.64_01_20261120141500123_MOTION_DETECTION.mp4",
        "hikvision",
        utc(2026, 11, 20, 22, 15),
        None,
        "local",
        "likely",
    ),
    (
        # unifi-protect-backup names a clip by the END of its event.
        "Front Door/2026-11-20/2026-11-20T22-20-00 smartDetectZone (person).mp4",
        "unifi-protect",
        None,
        utc(2026, 11, 20, 22, 20),
        "utc",
        "likely",
    ),
    (
        "2026/11/20/Front Door (ab12)/Front Door (ab12) - 2026-11-20 - 14.15.00-0800.mp4",
        "unifi-protect",
        utc(2026, 11, 20, 22, 15),
        None,
        "offset",
        "certain",
    ),
    (
        "Front Door - 11-20-2026, 2.15.00pm.mp4",
        "unifi-protect",
        utc(2026, 11, 20, 22, 15),
        None,
        "local",
        "likely",
    ),
    (
        "DCIM/Camera/VID_20261120_141500.mp4",
        "android",
        utc(2026, 11, 20, 22, 15),
        None,
        "local",
        "likely",
    ),
    (
        "DCIM/Camera/PXL_20261120_221500123.mp4",
        "android",
        utc(2026, 11, 20, 22, 15, 0, 123000),
        None,
        "utc",
        "likely",
    ),
    ("porch 2026-11-20 14.15.00.mp4", "generic", utc(2026, 11, 20, 22, 15), None, "local", "guess"),
    ("ch01_20261120141500.dav", "generic", utc(2026, 11, 20, 22, 15), None, "local", "guess"),
]


@pytest.mark.parametrize(("path", "profile", "start", "end", "zone", "certainty"), CASES)
def test_each_layout_gives_its_times(
    path: str,
    profile: str,
    start: datetime | None,
    end: datetime | None,
    zone: str,
    certainty: str,
) -> None:
    found = name_time(path, LA)
    assert found is not None
    assert (found.profile, found.start, found.end) == (profile, start, end)
    assert (found.zone, found.certainty) == (zone, certainty)
    assert profile_of(path) == profile
    # The resident's choice of this profile reads the same.
    assert name_time(path, LA, profile=profile) == found


def test_every_profile_has_a_case_or_a_timeless_one() -> None:
    covered = {c[1] for c in CASES} | {"ring", "iphone"}
    assert covered == set(PROFILES)


@pytest.mark.parametrize(
    ("path", "profile"),
    [
        ("DCIM/100APPLE/IMG_1234.MOV", "iphone"),
        ("hiv00042.mp4", "hikvision"),
        ("123456789012345678_stamp.mp4", "ring"),
        # A Dahua hour folder imported on its own: the date is in a folder above it.
        ("14/14.15.00-14.20.00[M][0@0][0].mp4", "dahua"),
    ],
)
def test_layouts_without_a_time_are_recognised_but_give_none(path: str, profile: str) -> None:
    assert profile_of(path) == profile
    assert name_time(path, LA) is None


@pytest.mark.parametrize(
    "path",
    [
        "clip.mp4",
        "12345.mp4",
        "98765432.mp4",  # eight digits: neither an epoch nor a date with a time
        "123456789.mp4",
        "0123456789.mp4",  # before 2001: a counter, not a time
        "9999999999.mp4",  # after 2099
        "12345678901234567.mp4",
        "v1234567890123.mp4",
        "IMG_1234.mp4",
        "DSC_0042.MOV",
        "20261340_141500.mp4",  # no 40th of December
        "2026-11-20.mp4",  # a date without a time
        "20261120/25/15.mp4",  # no 25th hour
        "2026-11-20/001/dav/24/24.00.00-00.00.10[M][0@0][0].mp4",
        "RecM01_20261120_240000_000010_6D28808_1A468F9.mp4",
        "2026-11-20/22/front_door/61.00.mp4",
        "Front Door - 11-20-2026, 13.15.00pm.mp4",
    ],
)
def test_names_that_are_not_times(path: str) -> None:
    assert name_time(path, LA) is None


def test_frigate_folders_are_utc_whatever_the_camera_zone() -> None:
    # 02:05 UTC on the 21st is still the 20th in Los Angeles and already 03:05 in Berlin.
    path = "recordings/2026-11-21/02/porch/05.30.mp4"
    for zone in (LA, BERLIN, ZoneInfo("UTC")):
        found = name_time(path, zone)
        assert found is not None and found.start == utc(2026, 11, 21, 2, 5, 30)
    # On the night daylight saving time ends the UTC folders run on without a repeat.
    first = name_time("2026-11-01/08/porch/30.00.mp4", LA)
    second = name_time("2026-11-01/09/porch/30.00.mp4", LA)
    assert first is not None and second is not None and first.start and second.start
    assert second.start - first.start == timedelta(hours=1)
    assert first.certainty == second.certainty == "certain"


def test_local_names_across_the_end_of_daylight_saving_time() -> None:
    # 1 November 2026, Los Angeles: 01:00-01:59 happens twice (PDT, then PST).
    before = name_time("2026-11-01/001/dav/00/00.59.00-00.59.30[M][0@0][0].mp4", LA)
    repeated = name_time("2026-11-01/001/dav/01/01.30.00-01.30.30[M][0@0][0].mp4", LA)
    after = name_time("2026-11-01/001/dav/02/02.00.00-02.00.30[M][0@0][0].mp4", LA)
    assert before is not None and before.start == utc(2026, 11, 1, 7, 59)
    assert before.certainty == "certain"
    assert after is not None and after.start == utc(2026, 11, 1, 10, 0)
    assert after.certainty == "certain"
    # The repeated hour is read as its first occurrence and marked as a guess.
    assert repeated is not None and repeated.start == utc(2026, 11, 1, 8, 30)
    assert repeated.certainty == "guess" and "twice" in repeated.note


def test_local_names_across_the_start_of_daylight_saving_time() -> None:
    # 8 March 2026, Los Angeles: 02:00-02:59 does not exist.
    before = name_time("record/20260308/01/59.mp4", LA)
    skipped = name_time("record/20260308/02/30.mp4", LA)
    after = name_time("record/20260308/03/00.mp4", LA)
    assert before is not None and before.start == utc(2026, 3, 8, 9, 59)
    assert after is not None and after.start == utc(2026, 3, 8, 10, 0)
    assert before.certainty == after.certainty == "likely"
    # A camera that shows 02:30 is not keeping daylight saving time: read as PST.
    assert skipped is not None and skipped.start == utc(2026, 3, 8, 10, 30)
    assert skipped.certainty == "guess" and "did not exist" in skipped.note


def test_reolink_dst_marker_settles_the_repeated_hour() -> None:
    day = "Mp4Record/2026-11-01/"
    summer = name_time(day + "RecM01_DST20261101_013000_013500_6D28808_1A468F9.mp4", LA)
    winter = name_time(day + "RecM01_20261101_013000_013500_6D28808_1A468F9.mp4", LA)
    assert summer is not None and (summer.start, summer.end) == (
        utc(2026, 11, 1, 8, 30),
        utc(2026, 11, 1, 8, 35),
    )
    assert winter is not None and (winter.start, winter.end) == (
        utc(2026, 11, 1, 9, 30),
        utc(2026, 11, 1, 9, 35),
    )
    assert summer.certainty == winter.certainty == "certain"


def test_reolink_name_that_disagrees_with_the_zone_about_dst_is_a_guess() -> None:
    # July in Berlin is summer time; a name without DST says the camera does not keep it.
    found = name_time("RecM01_20260704_120000_120500_6D28808_1A468F9.mp4", BERLIN)
    assert found is not None and found.start == utc(2026, 7, 4, 10, 0)
    assert found.certainty == "guess" and "daylight saving" in found.note


def test_an_end_before_the_start_runs_past_midnight() -> None:
    dahua = name_time("2026-11-20/001/dav/23/23.59.30-00.00.30[M][0@0][0].mp4", LA)
    assert dahua is not None
    assert (dahua.start, dahua.end) == (utc(2026, 11, 21, 7, 59, 30), utc(2026, 11, 21, 8, 0, 30))
    reolink = name_time("RecM01_20261120_235900_000100_6D28808_1A468F9.mp4", LA)
    assert reolink is not None and reolink.end == utc(2026, 11, 21, 8, 1)


def test_an_end_in_the_repeated_hour_follows_the_start() -> None:
    # 01:59:50 PDT to 01:00:10 PST: twenty seconds across the end of DST, not a day.
    found = name_time("2026-11-01/001/dav/01/01.59.50-01.00.10[M][0@0][0].mp4", LA)
    assert found is not None
    assert (found.start, found.end) == (utc(2026, 11, 1, 8, 59, 50), utc(2026, 11, 1, 9, 0, 10))
    assert found.certainty == "guess"


def test_dahua_hour_folder_that_disagrees_with_the_name_is_a_guess() -> None:
    found = name_time("2026-11-20/001/dav/15/14.15.00-14.20.00[M][0@0][0].mp4", LA)
    assert found is not None and found.start == utc(2026, 11, 20, 22, 15)
    assert found.certainty == "guess" and "hour folder" in found.note


def test_a_name_that_gives_only_the_end_gives_the_start_with_the_duration() -> None:
    found = name_time("Porch/2026-11-20/2026-11-20T22-20-00 motion.mp4", LA)
    assert found is not None and found.start is None
    assert found.start_given(75.5) == utc(2026, 11, 20, 22, 18, 44, 500000)
    # time_from_filename answers only starts: this name has none to give.
    assert time_from_filename("2026-11-20T22-20-00 motion.mp4", LA) is None


def test_windows_separators_and_dot_folders_are_read_like_slashes() -> None:
    found = name_time(r".\2026-11-20\001\dav\14\14.15.00-14.20.00[M][0@0][0].mp4", LA)
    assert found is not None and found.profile == "dahua"
    assert found.start == utc(2026, 11, 20, 22, 15)


def test_a_forced_profile_reads_only_its_layout() -> None:
    wyze = "record/20261120/14/15.mp4"
    assert name_time(wyze, LA, profile="frigate-recording") is None
    assert name_time(wyze, LA, profile="generic") is None
    # A Reolink name forced to generic is read as a plain local date-time.
    forced = name_time("RecM01_20261120_141500_142012_6D28808_1A468F9.mp4", LA, "generic")
    assert forced is not None and forced.profile == "generic" and forced.end is None
    assert forced.start == utc(2026, 11, 20, 22, 15) and forced.certainty == "guess"
    with pytest.raises(UnknownProfile, match="'nest'"):
        name_time(wyze, LA, profile="nest")


def test_time_from_filename_reads_utc_names_as_utc() -> None:
    # Before name_times, an epoch name fell through to the modification time and a
    # Pixel name was read as local time, eight hours off in Los Angeles.
    assert time_from_filename("1795212900.mp4", LA) == utc(2026, 11, 20, 22, 15)
    assert time_from_filename("PXL_20261120_221500123.mp4", LA) == utc(
        2026, 11, 20, 22, 15, 0, 123000
    )


def test_detect_profile_takes_the_most_common_layout_of_the_first_files() -> None:
    paths = [f"20261120/14/{m:02d}.mp4" for m in range(40)]
    paths += ["notes.txt", "IMG_0001.MOV", "2026-11-20 14.15.00.mp4"]
    paths += [f"zz/RecM01_20261121_{h:02d}0000_{h:02d}0500_0_A1_B2.mp4" for h in range(20)]
    found = detect_profile(paths, first=50)
    assert found.profile == "wyze"
    assert found.looked == 50
    assert found.counts["wyze"] == 40
    assert found.counts[None] == 1 and found.counts["iphone"] == 1
    assert found.counts["generic"] == 1 and found.counts["reolink"] == 7
    assert found.share == pytest.approx(0.8)
    assert found.words() == "Named like wyze: 40 of the first 50 file(s)."


def test_detect_profile_prefers_a_recorder_layout_over_generic_in_a_tie() -> None:
    paths = ["a 2026-11-20 14.15.00.mp4", "b 2026-11-20 14.16.00.mp4"]
    paths += ["Porch.20261120_141500.mp4", "Porch.20261120_141600.mp4"]
    assert detect_profile(paths).profile == "blue-iris"


def test_detect_profile_of_unknown_names_is_none() -> None:
    found = detect_profile(["IMG_0001.mp4", "notes.txt", "clip.mov"])
    assert found.profile is None and found.share == 0.0
    assert found.words() == "No known naming layout in the first 3 file(s)."
    assert detect_profile([]).looked == 0


def _mov_with_tags(path: Path, tags: dict[str, str]) -> Path:
    """A real QuickTime file whose keys box holds ``tags``, as an iPhone writes them."""
    with av.open(str(path), "w", format="mov", options={"movflags": "use_metadata_tags"}) as out:
        for key, value in tags.items():
            out.metadata[key] = value
        stream = out.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i in range(5):
            frame = av.VideoFrame.from_ndarray(np.zeros((48, 64, 3), np.uint8), format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, 10)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def test_iphone_creation_date_with_its_offset_is_read_from_the_file(tmp_path: Path) -> None:
    # An iPhone's clip in the repeated hour of 1 November: the offset says which one.
    path = _mov_with_tags(
        tmp_path / "IMG_1234.MOV",
        {"com.apple.quicktime.creationdate": "2026-11-01T01:30:00-0800"},
    )
    assert name_time(path.name, LA) is None and profile_of(path.name) == "iphone"
    assert read_quicktime_creation_date(path) == utc(2026, 11, 1, 9, 30)


def test_files_without_a_quicktime_creation_date_give_none(tmp_path: Path) -> None:
    plain = make_clip(tmp_path / "IMG_0002.MOV", seconds=1)
    assert read_quicktime_creation_date(plain) is None
    (tmp_path / "IMG_0003.MOV").write_bytes(b"not a movie")
    assert read_quicktime_creation_date(tmp_path / "IMG_0003.MOV") is None
    key = "com.apple.quicktime.creationdate"
    # Without an offset the time cannot be placed; a clock that was never set neither.
    assert quicktime_creation_date({key: "2026-11-20T14:15:00"}) is None
    assert quicktime_creation_date({key: "1970-01-01T00:00:00+0000"}) is None
    assert quicktime_creation_date({key: "yesterday"}) is None
    assert quicktime_creation_date({key: "2026-11-20T14:15:00+0100"}) == utc(2026, 11, 20, 13, 15)


def _dahua_path(wall: datetime) -> str:
    end = wall + timedelta(seconds=30)
    return f"{wall:%Y-%m-%d}/001/dav/{wall:%H}/{wall:%H.%M.%S}-{end:%H.%M.%S}[M][0@0][0].mp4"


def _reolink_path(wall: datetime) -> str:
    dst = "DST" if wall.dst() else ""
    return f"Mp4Record/{wall:%Y-%m-%d}/RecM01_{dst}{wall:%Y%m%d_%H%M%S}_{wall:%H%M%S}_0_A1_B2.mp4"


LOCAL_BUILDERS = {
    "dahua": _dahua_path,
    "reolink": _reolink_path,
    "blue-iris": lambda wall: f"Porch.{wall:%Y%m%d_%H%M%S}.mp4",
    "android": lambda wall: f"VID_{wall:%Y%m%d_%H%M%S}.mp4",
    "generic": lambda wall: f"porch {wall:%Y-%m-%d %H.%M.%S}.mp4",
}


@given(
    st.datetimes(min_value=datetime(2001, 10, 1), max_value=datetime(2099, 12, 30)),
    st.sampled_from([LA, BERLIN, ZoneInfo("Australia/Lord_Howe"), ZoneInfo("UTC")]),
    st.sampled_from(sorted(LOCAL_BUILDERS)),
)
def test_local_names_read_back_the_moment_they_were_written(
    naive: datetime, zone: ZoneInfo, profile: str
) -> None:
    moment = naive.replace(microsecond=0, tzinfo=UTC)
    wall = moment.astimezone(zone)
    found = name_time(LOCAL_BUILDERS[profile](wall), zone)
    assert found is not None and found.profile == profile
    if "twice" in found.note:
        # The wall time repeats at the end of DST: one of its two readings.
        other = wall.replace(fold=1 - wall.fold).astimezone(UTC)
        assert found.start in (moment, other)
    else:
        assert found.start == moment


@given(st.datetimes(min_value=datetime(2001, 10, 1), max_value=datetime(2099, 12, 30)))
def test_utc_layouts_read_back_the_moment_they_were_written(naive: datetime) -> None:
    moment = naive.replace(microsecond=0, tzinfo=UTC)
    frigate = f"{moment:%Y-%m-%d/%H}/porch/{moment:%M.%S}.mp4"
    epoch = f"{int(moment.timestamp())}.mp4"
    for path in (frigate, epoch):
        found = name_time(path, LA)
        assert found is not None and found.start == moment
