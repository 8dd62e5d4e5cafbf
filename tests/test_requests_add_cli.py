"""`requests add` as the resident runs it: a request received by email, text, app or
letter recorded from options or from the message's text; refusals are one line, exit
status 1, and store nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from db.clips.cameras import Camera, add_camera
from db.store.database import open_database
from desktop.cli import main
from tests.requests_helpers import PORCH, insert_clip, window_base

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = Path(__file__).parent / "data" / "messages"
POINT = f"{PORCH[1]},{PORCH[0]}"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def dbfile(tmp_path: Path) -> str:
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    camera = add_camera(db, Camera("Porch", PORCH[1], PORCH[0], tz="America/Los_Angeles"))
    assert camera.id is not None
    insert_clip(db, camera.id, window_base() + timedelta(minutes=20), 60, "porch.mp4")
    db.close()
    return str(path)


def stored(path: str) -> list[int]:
    db = open_database(path)
    n = [
        int(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
        for t in ("requests", "request_rules", "audit_log")
    ]
    db.close()
    return n


def window() -> tuple[str, str]:
    start = window_base().astimezone(datetime.now().astimezone().tzinfo)
    return start.isoformat(), (start + timedelta(hours=2)).isoformat()


def test_a_request_received_by_phone_is_stored_and_shown(dbfile: str, capsys) -> None:
    start, end = window()
    code, out, err = run(
        capsys, "--db", dbfile, "requests", "add", "--agency", "King County Sheriff's Office",
        "--case", "R26-55012", "--incident", "burglary", "--contact-name", "Deputy Chris Park",
        "--contact-phone", "(206) 555-0148", "--start", start, "--end", end,
        "--point", POINT, "--radius-m", "300", "--retention-days", "90",
        "--third-party", "prosecution", "--portal", "https://kcso.axon.com/r/abc",
        "--received-via", "phone",
    )  # fmt: skip
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Request ") and lines[0].endswith(": stored.")
    assert "  Agency:   King County Sheriff's Office (king-county-sheriffs-office)" in lines
    assert (
        "  Signature: entered by you from a request received by phone, so there is no "
        "signature to check" in lines
    )
    assert "  Portal:   https://kcso.axon.com/r/abc" in lines
    assert "  Candidate clips: 1" in lines
    # Its candidate is held like any request's (this clip's file is only a row here).
    assert "  clip 1: the source file is gone; it cannot be held" in lines

    code, out, _ = run(capsys, "--db", dbfile, "requests", "list", "--json")
    (listed,) = json.loads(out)
    assert (listed["source"], listed["received_via"]) == ("resident", "phone")
    assert listed["case_number"] == "R26-55012" and listed["signature"] == "unsigned"
    code, out, _ = run(capsys, "--db", dbfile, "requests", "show", listed["id"], "--json")
    shown = json.loads(out)
    assert shown["delivery"] == {"method": "portal", "url": "https://kcso.axon.com/r/abc"}
    assert shown["retention_days"] == 90 and shown["third_party_sharing"] == "prosecution"
    code, out, _ = run(capsys, "--db", dbfile, "match", listed["id"])
    assert code == 0 and "porch.mp4" in out
    code, out, err = run(capsys, "--db", dbfile, "audit", "verify")
    assert code == 0, err


def test_an_area_from_a_geojson_feature(tmp_path: Path, dbfile: str, capsys) -> None:
    lon, lat = PORCH
    ring = [
        [lon - 0.003, lat - 0.002],
        [lon + 0.003, lat - 0.002],
        [lon + 0.003, lat + 0.002],
        [lon - 0.003, lat + 0.002],
        [lon - 0.003, lat - 0.002],
    ]
    area = tmp_path / "area.geojson"
    feature = {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon"}}
    feature["geometry"]["coordinates"] = [ring]  # type: ignore[index]
    area.write_text(json.dumps(feature))
    start, end = window()
    code, out, err = run(
        capsys, "--db", dbfile, "requests", "add", "--agency", "Metro Fire Rescue",
        "--start", start, "--end", end, "--area", str(area), "--received-via", "letter",
        "--json",
    )  # fmt: skip
    assert code == 0, err
    shown = json.loads(out)  # stdout is one JSON document (the holds' lines go to stderr)
    assert shown["area"] == {"type": "Polygon", "coordinates": [ring]}
    assert shown["source"] == "resident" and shown["received_via"] == "letter"
    assert shown["candidates"] == 1
    assert "clip 1: the source file is gone; it cannot be held" in err


def test_from_a_message_the_options_win(dbfile: str, capsys) -> None:
    code, out, err = run(
        capsys, "--db", dbfile, "requests", "add",
        "--from-message", str(MESSAGES / "detective_email.txt"),
        "--case", "26-004512-B", "--point", POINT, "--radius-m", "250", "--json",
    )  # fmt: skip
    assert code == 0, err
    shown = json.loads(out)
    assert shown["case_number"] == "26-004512-B"  # the option, not the message
    assert shown["agency"] == "Springfield Police Department"
    assert shown["window"] == {
        "start": "2026-11-20T22:00:00.000Z",
        "end": "2026-11-21T00:30:00.000Z",
    }
    assert shown["contact"] == {
        "name": "Det. Ana Rivera",
        "email": "arivera@springfieldpd.example.gov",
        "phone": "(555) 010-2030",
    }
    assert shown["received_via"] == "email"
    assert shown["delivery"]["method"] == "portal"
    read = shown["read_from_message"]
    assert "--case" not in read
    assert read["--start"] == {
        "value": "2026-11-20T14:00:00-08:00",
        "text": "2:00 PM and 4:30 PM on November 20, 2026 (PST",
    }
    assert read["--agency"]["value"] == "Springfield Police Department"
    assert shown["notes"] == []


def test_from_a_message_without_a_zone_says_so(dbfile: str, capsys) -> None:
    code, out, err = run(
        capsys, "--db", dbfile, "requests", "add",
        "--from-message", str(MESSAGES / "no_zone_text.txt"), "--point", POINT,
        "--radius-m", "250",
    )  # fmt: skip
    assert code == 0, err
    assert "Read from the message:" in out
    assert '  --case 26-77120  (from "Case 26-77120")' in out
    assert "The message names no time zone: the times were read in this computer's zone" in out


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--start", "2026-11-20T14:00:00"],
            "requests add: --start: '2026-11-20T14:00:00' has no UTC offset",
        ),
        (["--start", "yesterday"], "requests add: --start: 'yesterday' is not a time"),
        (
            ["--end", "2026-11-20T13:00:00-08:00"],
            "requests add: --end: is before the window's start",
        ),
        (["--portal", "http://spd.axon.com/r/x"], "requests add: --portal: must be an https://"),
        (["--agency", " "], "requests add: --agency: is missing"),
        (["--contact-email", "rivera"], "requests add: --contact-email: 'rivera' is not an email"),
        (["--radius-m", "0"], "requests add: the area: radius_m must be more than 0"),
        (["--point", "north"], "requests add: --point: 'north' is not LAT,LON"),
        (["--expires", "2026-11-19T00:00:00Z"], "requests add: --expires: is before issued_at"),
    ],
)
def test_bad_options_are_one_line_and_store_nothing(
    dbfile: str, capsys, options: list[str], message: str
) -> None:
    values = {
        "--agency": "Springfield Police Department",
        "--start": "2026-11-20T14:00:00-08:00",
        "--end": "2026-11-20T16:00:00-08:00",
        "--point": POINT,
        "--radius-m": "300",
        "--received-via": "email",
    }
    values.update(zip(options[::2], options[1::2], strict=True))
    argv = [item for pair in values.items() for item in pair]
    before = stored(dbfile)
    code, out, err = run(capsys, "--db", dbfile, "requests", "add", *argv)
    assert code == 1 and out == ""
    assert err.startswith("doorstep: " + message), err
    assert err.count("\n") == 1
    assert stored(dbfile) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--agency", "X", "--received-via", "email"], "requests add: the area is missing"),
        (["--point", POINT], "requests add: --point needs --radius-m N"),
        (["--point", POINT, "--radius-m", "9", "--received-via", "email"], "give --agency NAME"),
        (
            ["--agency", "X", "--point", POINT, "--radius-m", "9", "--received-via", "email"],
            "requests add: give --start TIME",
        ),
        (
            [
                "--agency",
                "X",
                "--point",
                POINT,
                "--radius-m",
                "9",
                "--start",
                "2026-11-20T14:00:00Z",
                "--end",
                "2026-11-20T15:00:00Z",
            ],
            "requests add: give --received-via",
        ),
        (
            ["--from-message", "no-such-message.txt", "--point", POINT, "--radius-m", "9"],
            "no-such-message.txt",
        ),
    ],
)
def test_what_is_missing_is_named(dbfile: str, capsys, argv: list[str], message: str) -> None:
    before = stored(dbfile)
    code, out, err = run(capsys, "--db", dbfile, "requests", "add", *argv)
    assert code == 1 and out == ""
    assert message in err and err.count("\n") == 1
    assert stored(dbfile) == before


def test_an_area_file_that_is_not_geojson_is_refused(tmp_path: Path, dbfile: str, capsys) -> None:
    bad = tmp_path / "area.json"
    bad.write_text('{"type": "LineString", "coordinates": [[0, 0], [1, 1]]}')
    code, _, err = run(
        capsys, "--db", dbfile, "requests", "add", "--area", str(bad), "--agency", "X",
        "--received-via", "email",
    )  # fmt: skip
    assert code == 1 and "must hold a GeoJSON Polygon" in err
    bad.write_text("{not json")
    code, _, err = run(capsys, "--db", dbfile, "requests", "add", "--area", str(bad))
    assert code == 1 and f"requests add: --area: {bad} is not JSON" in err


def test_main_py_as_the_resident_runs_it(tmp_path: Path) -> None:
    db = str(tmp_path / "d.sqlite3")
    base = [sys.executable, "main.py", "--db", db, "requests", "add"]
    message = str(MESSAGES / "axon_sms.txt")
    ok = subprocess.run(
        [*base, "--from-message", message, "--point", POINT, "--radius-m", "300"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert '  --case 2026-1187  (from "Incident No. 2026-1187")' in ok.stdout
    assert "  Portal:   https://springfieldpd.axon.com/r/Xk29PqL7" in ok.stdout
    refused = subprocess.run(
        [*base, "--from-message", message, "--point", POINT, "--radius-m", "300",
         "--portal", "ftp://springfieldpd.axon.com/r/Xk29PqL7"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr == (
        "doorstep: requests add: --portal: must be an https:// link with a host name "
        "(the agency's portal)\n"
    )
    db_now = open_database(db)
    assert db_now.execute("SELECT count(*) FROM requests").fetchone()[0] == 1
    db_now.close()
