"""Measuring a camera's clock offset: what the overlay says read in the camera's zone,
the offset's arithmetic and sign, the measurement kept with its audit entry, the clip
times moved, and a database from before measurements gaining its table."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from db.audit.trail import verify
from db.audit.words import details_text
from db.clips.cameras import Camera, add_camera, edit_camera, get_camera
from db.clips.clock import ClockError, manifest_clock, measure_offset, method_of, read
from db.clips.clock_text import TimeTextError, parse_time
from db.clips.importer import import_folder
from db.demo.synth import make_clip
from db.store.database import open_database
from db.words.clockwords import clock_sentence, offset_words

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 12, 6, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-20 14:15:07",
        "11/20/2026 02:15:07 PM",
        "20-11-2026 14:15:07",
        "2026/11/20 14:15:07",
        "20.11.2026 14:15:07",
        "2026-11-20T14:15:07",
        "Fri 11-20-2026 2:15:07 pm",
        "14:15:07 20/11/2026 Friday",
        "  2026-11-20   14:15:07  ",
    ],
)
def test_common_overlay_formats_read_in_the_cameras_zone(text: str) -> None:
    # 14:15:07 in New York in November is 19:15:07 UTC.
    assert parse_time(text, NY) == datetime(2026, 11, 20, 19, 15, 7, tzinfo=UTC)


def test_a_time_with_its_own_zone_keeps_it() -> None:
    assert parse_time("2026-11-20 14:15:07Z", NY) == datetime(2026, 11, 20, 14, 15, 7, tzinfo=UTC)
    assert parse_time("2026-11-20 14:15:07 UTC", NY).hour == 14
    assert parse_time("2026-11-20 14:15:07 +01:00", NY).hour == 13
    assert parse_time("2026-11-20 14:15:07.250", NY).microsecond == 250_000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("05/06/2026 14:15:07", "'05/06/2026' could be 6 May 2026 or 5 June 2026"),
        ("", "nothing typed"),
        ("2026-11-20", "no time of day"),
        ("14:15:07", "no date in '14:15:07'"),
        ("2026-11-20 14:15", "'14:15' has no seconds"),
        ("11/20/26 14:15:07", "two-digit year"),
        ("2026-02-30 10:00:00", "is not a date (February 2026 has 28 days)"),
        ("13/13/2026 10:00:00", "there is no month 13"),
        ("2026-11-20 25:00:00", "'25:00:00' is not a time of day"),
        ("2026-11-20 14:15:07 PM", "not a time on a 12-hour clock"),
        ("Thu 2026-11-20 14:15:07", "2026-11-20 is a Friday, not a Thursday"),
        ("2026-11-20 14:15:07 cam1", "cannot read 'cam1'"),
        ("2026-03-08 02:30:00", "does not exist in America/New_York (the clocks went forward)"),
        ("2026-11-01 01:30:00", "happened twice in America/New_York (the clocks went back)"),
        ("1969-12-31 23:00:00", "the year 1969 is not 1970 to 2100"),
    ],
)
def test_ambiguous_or_invalid_text_is_refused_in_one_line(text: str, message: str) -> None:
    with pytest.raises(TimeTextError) as caught:
        parse_time(text, NY)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_weekday_settles_an_ambiguous_date_and_an_offset_a_repeated_hour() -> None:
    assert parse_time("06/05/2026 Wed 14:15:07", NY).date().isoformat() == "2026-05-06"
    assert parse_time("2026-11-01 01:30:00 -04:00", NY) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


def test_a_reference_without_a_date_takes_the_nearest_day() -> None:
    # The camera shows just after midnight; the phone shows 23:59:58: the day before.
    reading = read("2026-11-21 00:00:03", "23:59:58", "America/New_York")
    assert reading.offset_s == 5.0
    reading = read("2026-11-20 23:59:58", "00:00:03", "America/New_York")
    assert reading.offset_s == -5.0


def test_the_offset_is_the_camera_clock_minus_true_time_in_words() -> None:
    fast = read("2026-11-20 14:15:07", "2026-11-20 14:12:54", "UTC")
    assert fast.offset_s == 133.0
    assert clock_sentence(fast.offset_s) == "The camera's clock is 2 min 13 s fast."
    slow = read("11/20/2026 02:15:07 PM", "2026-11-20 14:16:37", "UTC")
    assert slow.offset_s == -90.0
    assert offset_words(slow.offset_s) == "1 min 30 s slow"
    assert offset_words(0) == "right"
    assert offset_words(3600 * 26 + 5) == "1 day 2 h 5 s fast"
    assert offset_words(-0.25) == "0.25 s slow"


def test_which_of_the_two_times_is_wrong_is_said() -> None:
    with pytest.raises(ClockError, match=r"^what the camera shows: '05/06/2026' could be"):
        read("05/06/2026 14:15:07", "2026-05-06 14:15:00", "UTC")
    with pytest.raises(ClockError, match=r"^the true time: '14:15' has no seconds"):
        read("2026-05-06 14:15:07", "14:15", "UTC")
    with pytest.raises(ClockError, match="more than a year apart"):
        read("2000-01-01 00:00:07", "2026-05-06 14:15:00", "UTC")


def test_the_files_time_is_not_a_reference() -> None:
    assert method_of("reference-clock") == "reference-clock"
    assert method_of("Known event") == "known-event"
    assert method_of("clock") == "reference-clock"
    for name in ("file", "the file's time", "mtime", "container", "filename"):
        with pytest.raises(ClockError, match="comes from the same camera clock"):
            method_of(name)
    with pytest.raises(ClockError, match="unknown method 'guess'"):
        method_of("guess")


@pytest.fixture
def porch(db, tmp_path: Path):
    """A camera in New York (clock assumed right) with two clips whose containers say
    14:15:00 and 14:30:00 local (19:15 and 19:30 UTC) on its clock."""
    folder = tmp_path / "porch"
    make_clip(folder / "a.mp4", seconds=4, creation_time=datetime(2026, 11, 20, 19, 15, tzinfo=UTC))
    make_clip(folder / "b.mp4", seconds=3, creation_time=datetime(2026, 11, 20, 19, 30, tzinfo=UTC))
    cam = add_camera(db, Camera("Porch", 40.7, -74.0, tz="America/New_York"))
    import_folder(db, folder, cam)
    clips = [r[0] for r in db.execute("SELECT id FROM clips ORDER BY start_utc")]
    return cam, clips


def _starts(db) -> list[str]:
    return [r[0] for r in db.execute("SELECT start_utc FROM clips ORDER BY start_utc")]


def test_a_camera_90_s_fast_moves_its_clips_90_s_earlier(db, porch) -> None:
    cam, clips = porch
    assert _starts(db) == ["2026-11-20T19:15:00.000Z", "2026-11-20T19:30:00.000Z"]
    # 2 s into the first clip the overlay says 14:15:02; the phone held up says 14:13:32.
    done = measure_offset(
        db, cam.id, clips[0], 2.0, "11/20/2026 02:15:02 PM", "2026-11-20 14:13:32",
        "reference-clock", "phone on time.is", now=NOW,
    )  # fmt: skip
    assert done.reading.offset_s == 90.0 and done.previous_offset_s == 0.0
    assert done.camera.clock_offset_s == 90.0 and done.clips_retimed == 2
    assert get_camera(db, cam.id).clock_offset_s == 90.0
    assert _starts(db) == ["2026-11-20T19:13:30.000Z", "2026-11-20T19:28:30.000Z"]
    row = db.execute(
        "SELECT camera_id, clip_id, frame_s, overlay_text, overlay_utc, reference_utc, "
        "method, measured_at, offset_s, note FROM clock_measurements"
    ).fetchall()
    assert row == [
        (
            cam.id, clips[0], 2.0, "11/20/2026 02:15:02 PM", "2026-11-20T19:15:02.000Z",
            "2026-11-20T19:13:32.000Z", "reference-clock", "2026-12-06T16:00:00.000Z",
            90.0, "phone on time.is",
        )
    ]  # fmt: skip
    # A second measurement, the clock now 30 s slow: the clips move from where they are.
    measure_offset(
        db, cam.id, clips[1], 1.0, "2026-11-20 14:30:01", "2026-11-20 14:30:31",
        "known-event", now=NOW,
    )  # fmt: skip
    assert _starts(db) == ["2026-11-20T19:15:30.000Z", "2026-11-20T19:30:30.000Z"]


def test_the_measurement_has_its_audit_entry_in_words(db, porch) -> None:
    cam, clips = porch
    measure_offset(
        db, cam.id, clips[0], 1.5, "2026-11-20 14:15:01", "2026-11-20 14:12:48",
        "reference-clock", now=NOW,
    )  # fmt: skip
    entry = db.execute(
        "SELECT camera_id, clip_id, details FROM audit_log WHERE action = 'clock measured'"
    ).fetchall()
    assert len(entry) == 1 and entry[0][:2] == (cam.id, clips[0])
    details = json.loads(entry[0][2])
    assert details["offset_s"] == 133.0 and details["method"] == "reference-clock"
    assert details["measured_at"] == "2026-12-06T16:00:00.000Z" and details["frame_s"] == 1.5
    words = details_text(details)
    assert words.startswith("Camera clock: 133 s (2 min 13 s fast) · Camera clock before: 0 s")
    assert "Method: a reference clock in the frame" in words
    assert "Frame: 1.5 s into the clip" in words
    assert "The camera showed: 2026-11-20 14:15:01" in words
    assert verify(db).ok


def test_a_refused_measurement_changes_nothing(db, porch) -> None:
    cam, clips = porch
    other = add_camera(db, Camera("Gate", 40.7, -74.0))
    before = _starts(db)
    attempts = [
        ((other.id, clips[0], 1.0, "2026-11-20 14:15:01", "2026-11-20 14:15:00", "clock"),
         "clip: clip .* is not one of 'Gate'"),
        ((cam.id, clips[0], 9.0, "2026-11-20 14:15:01", "2026-11-20 14:15:00", "clock"),
         "at: 9 s is not in the clip"),
        ((cam.id, clips[0], 1.0, "05/06/2026 14:15:01", "2026-11-20 14:15:00", "clock"),
         "what the camera shows: '05/06/2026' could be"),
        ((cam.id, clips[0], 1.0, "2026-11-20 14:15:01", "2026-11-20 14:15:00", "file"),
         "not a reference"),
        ((cam.id, 999, 1.0, "2026-11-20 14:15:01", "2026-11-20 14:15:00", "clock"),
         "no clip with id 999"),
    ]  # fmt: skip
    for args, message in attempts:
        with pytest.raises(ClockError, match=message):
            measure_offset(db, *args, now=NOW)
    assert _starts(db) == before
    assert db.execute("SELECT count(*) FROM clock_measurements").fetchone()[0] == 0
    assert db.execute(
        "SELECT count(*) FROM audit_log WHERE action = 'clock measured'"
    ).fetchone() == (0,)
    assert get_camera(db, cam.id).clock_offset_s == 0.0


def test_the_manifest_says_how_the_offset_was_known(db, porch) -> None:
    cam, clips = porch
    assert manifest_clock(db, cam.id) == {
        "offset_s": 0.0,
        "method": "not measured",
        "measured_at": None,
        "measurement": None,
    }
    measure_offset(
        db, cam.id, clips[0], 2.0, "2026-11-20 14:15:02", "2026-11-20 14:13:32",
        "known-event", "the parcel scan", now=NOW,
    )  # fmt: skip
    clock = manifest_clock(db, cam.id)
    assert clock["offset_s"] == 90.0 and clock["measured_at"] == "2026-12-06T16:00:00.000Z"
    assert clock["method"] == "the known time of an event seen in the frame"
    assert clock["measurement"]["frame"]["at_s"] == 2.0
    assert clock["measurement"]["camera_showed"] == "2026-11-20 14:15:02"
    assert clock["measurement"]["true_time_utc"] == "2026-11-20T19:13:32.000Z"
    assert clock["measurement"]["note"] == "the parcel scan"
    # An offset typed in the camera's settings since is not the measured one.
    edit_camera(db, replace(get_camera(db, cam.id), clock_offset_s=12.0))
    clock = manifest_clock(db, cam.id)
    assert clock["offset_s"] == 12.0 and clock["method"] == "entered by hand, not measured"
    assert clock["measurement"] is None


def test_a_database_from_before_measurements_gains_the_table(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from db.store.migrations import SCHEMA_VERSION, migrations

    path = tmp_path / "d.sqlite3"
    old = Database(sqlite3.connect(path), strict=True)
    migrations.apply(old, stop_before="m007_clock_measurements")
    old.execute(
        "INSERT INTO cameras (name, lat, lon, clock_offset_s, created_at) "
        "VALUES ('Porch', 47.6, -122.3, 30, '2026-01-01T00:00:00.000Z')"
    )
    old.conn.commit()
    assert "clock_measurements" not in old.table_names()
    old.close()
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "clock_measurements" in db.table_names()
    cam_id = db.execute("SELECT id FROM cameras").fetchone()[0]
    # An offset from before is kept, and reads as typed, not measured.
    assert manifest_clock(db, cam_id)["method"] == "entered by hand, not measured"
    db.close()


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from desktop.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cameras_clock_measures_and_says_so(db, porch, tmp_path: Path, capsys) -> None:
    _cam, clips = porch
    path = str(tmp_path / "doorstep.sqlite3")
    code, out, err = _cli(
        capsys, "--db", path, "cameras", "clock", "porch", "--clip", str(clips[0]),
        "--at", "2", "--shows", "20-11-2026 14:15:02", "--true", "14:12:49",
        "--method", "reference-clock", "--note", "phone",
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines() == [
        "Porch: the camera's clock is 2 min 13 s fast (offset +133 s, was +0 s), measured by "
        "a reference clock in the frame (a phone or clock showing network time).",
        "Start times of 2 clips recalculated for the new clock offset.",
    ]
    assert _starts(db) == ["2026-11-20T19:12:47.000Z", "2026-11-20T19:27:47.000Z"]


def test_cameras_clock_says_so_in_spanish(
    db, porch, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db.words import i18n

    _cam, clips = porch
    monkeypatch.setenv("LANGUAGE", "es")
    try:
        code, out, err = _cli(
            capsys, "--db", str(tmp_path / "doorstep.sqlite3"), "cameras", "clock", "porch",
            "--clip", str(clips[0]), "--at", "2", "--shows", "20-11-2026 14:15:02",
            "--true", "14:12:49", "--method", "known-event",
        )  # fmt: skip
    finally:
        i18n.set_language("en")
    assert code == 0, err
    assert out.splitlines()[0] == (
        "Porch: el reloj de la cámara está 2 min 13 s adelantado (desfase +133 s, antes +0 s), "
        "medido con la hora conocida de un evento que se ve en la imagen."
    )


@pytest.mark.parametrize(
    ("shows", "true", "method", "clip", "message"),
    [
        ("05/06/2026 14:15:02", "14:12:49", "clock", 0,
         "doorstep: what the camera shows: '05/06/2026' could be 6 May 2026 or 5 June 2026"),
        ("2026-11-20 14:15:02", "2026-11-20 14:12", "clock", 0,
         "doorstep: the true time: '14:12' has no seconds"),
        ("2026-11-20 14:15:02", "14:12:49", "mtime", 0,
         "doorstep: method: the file's time is not a reference"),
        ("2026-11-20 14:15:02", "14:12:49", "clock", 999, "doorstep: clip: no clip with id 999"),
    ],
)  # fmt: skip
def test_cameras_clock_refuses_in_one_line_and_changes_nothing(
    db, porch, tmp_path: Path, capsys, shows: str, true: str, method: str, clip: int, message: str
) -> None:
    cam, clips = porch
    before = _starts(db)
    clip_id = clips[0] if clip == 0 else clip
    code, out, err = _cli(
        capsys, "--db", str(tmp_path / "doorstep.sqlite3"), "cameras", "clock", "Porch",
        "--clip", str(clip_id), "--at", "1", "--shows", shows, "--true", true,
        "--method", method,
    )  # fmt: skip
    assert code == 1 and out == ""
    assert err.startswith(message) and err.count("\n") == 1, err
    assert _starts(db) == before
    assert get_camera(db, cam.id).clock_offset_s == 0.0


def test_each_excerpt_of_a_package_carries_its_cameras_clock(tmp_path: Path, capsys) -> None:
    from datetime import timedelta

    from db.sharing.package_format import verify_package
    from tests.requests_helpers import PORCH, make_doc, window_base, write_doc

    start = window_base() + timedelta(minutes=5)
    make_clip(tmp_path / "porch" / "a.mp4", seconds=6, creation_time=start)
    make_clip(tmp_path / "gate" / "b.mkv", seconds=4, creation_time=start + timedelta(minutes=25))
    path = str(tmp_path / "d.sqlite3")
    db = open_database(path)
    porch = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    gate = add_camera(db, Camera("Gate", PORCH[1], PORCH[0] + 0.0001))
    import_folder(db, tmp_path / "porch", porch)
    import_folder(db, tmp_path / "gate", gate)
    clip_a, clip_b = (r[0] for r in db.execute("SELECT id FROM clips ORDER BY start_utc"))
    # The porch camera runs 90 s fast: 2 s in, it shows start + 2 s; true time is 90 s less.
    shows = (start + timedelta(seconds=2)).strftime("%Y/%m/%d %I:%M:%S %p")
    true = (start + timedelta(seconds=2 - 90)).strftime("%Y-%m-%d %H:%M:%S")
    assert porch.id is not None
    measure_offset(db, porch.id, clip_a, 2.0, shows, true, "reference-clock", now=NOW)
    db.close()
    doc = make_doc()
    assert _cli(capsys, "--db", path, "import-request", str(write_doc(tmp_path, doc)))[0] == 0
    for clip in (clip_a, clip_b):
        assert _cli(capsys, "--db", path, "decide", doc["id"], str(clip), "approve")[0] == 0
    out = tmp_path / "out"
    out.mkdir()
    code, _out, err = _cli(capsys, "--db", path, "export", doc["id"], "--out", str(out))
    assert code == 0, err
    package = next(out.iterdir())
    assert verify_package(package) == []
    files = json.loads((package / "manifest.json").read_bytes())["files"]
    by_camera = {f["camera"]: f for f in files}
    measured = by_camera["Porch"]
    assert measured["source"]["clip_start_utc"] == (start - timedelta(seconds=90)).strftime(
        "%Y-%m-%dT%H:%M:%S.000Z"
    )
    clock = measured["camera_clock"]
    assert clock["offset_s"] == 90.0 and clock["measured_at"] == "2026-12-06T16:00:00.000Z"
    assert clock["method"].startswith("a reference clock in the frame")
    assert clock["measurement"]["camera_showed"] == shows
    assert clock["measurement"]["frame"]["at_s"] == 2.0
    assert by_camera["Gate"]["camera_clock"] == {
        "offset_s": 0.0,
        "method": "not measured",
        "measured_at": None,
        "measurement": None,
    }


@pytest.mark.parametrize("suffix", [".mp4", ".mkv", ".mov"])
def test_a_frame_is_the_one_on_show_at_that_time(tmp_path: Path, suffix: str) -> None:
    from db.clips.frames import FrameReader

    clip = make_clip(tmp_path / f"a{suffix}", seconds=3, fps=10, width=320, height=240)
    reader = FrameReader(clip)
    try:
        assert reader.duration_s == pytest.approx(3.0, abs=0.05) and reader.frame_s == 0.1
        pictures = {}
        for asked, shown in ((0, 0.0), (0.05, 0.0), (0.3, 0.3), (1.25, 1.2), (2.9, 2.9)):
            frame = reader.frame_at(asked)
            assert frame.at_s == shown, asked
            assert (frame.width, frame.height, len(frame.rgb)) == (320, 240, 320 * 240 * 3)
            pictures[shown] = frame.rgb
        assert len(set(pictures.values())) == len(pictures)  # each a different picture
        # Past the end: the last frame; back again after that: seeking works both ways.
        assert reader.frame_at(99).at_s == 2.9
        assert reader.frame_at(0.3).rgb == pictures[0.3]
    finally:
        reader.close()


def test_a_wide_frame_is_scaled_down_and_a_bad_file_says_why(tmp_path: Path) -> None:
    from db.clips.frames import MAX_WIDTH, FrameReader
    from db.clips.media import MediaError

    wide = make_clip(tmp_path / "wide.mp4", seconds=1, width=2560, height=1440)
    reader = FrameReader(wide)
    frame = reader.frame_at(0.5)
    reader.close()
    assert (frame.width, frame.height) == (MAX_WIDTH, 1080)
    (tmp_path / "noise.mp4").write_bytes(b"\0not a video" * 100)
    with pytest.raises(MediaError, match=r"noise\.mp4: cannot be opened"):
        FrameReader(tmp_path / "noise.mp4")
    with pytest.raises(MediaError, match=r"gone\.mp4: cannot be opened"):
        FrameReader(tmp_path / "gone.mp4")
