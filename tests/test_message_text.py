"""Reading a request received as text (db.requests.message_text): realistic messages
written for the purpose (tests/data/messages), each field's exact value, and where
in the message it was read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlite_utils import Database

from db.requests.manual import ManualRequest, record_request
from db.requests.message_text import Extracted, Found, extract_fields

MESSAGES = Path(__file__).parent / "data" / "messages"
CHICAGO = ZoneInfo("America/Chicago")  # the tests' "computer's zone"
PACIFIC = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def read(name: str, **kwargs: Any) -> tuple[str, Extracted]:
    text = (MESSAGES / name).read_text()
    kwargs.setdefault("default_tz", CHICAGO)
    kwargs.setdefault("now", NOW)
    return text, extract_fields(text, **kwargs)


def values(e: Extracted) -> dict[str, Any]:
    def v(found: Found[Any] | None) -> Any:
        return None if found is None else found.value

    return {
        "case_number": v(e.case_number),
        "case_alternatives": [f.value for f in e.case_alternatives],
        "agency_name": v(e.agency_name),
        "contact_name": v(e.contact_name),
        "contact_email": v(e.contact_email),
        "contact_phone": v(e.contact_phone),
        "window": (v(e.window_start), v(e.window_end)),
        "zone": v(e.zone),
        "zone_assumed": e.zone_assumed,
        "links": [f.value for f in e.links],
        "portal_url": v(e.portal_url),
        "addresses": [f.value for f in e.addresses],
        "incident": v(e.incident),
        "received_via": v(e.received_via),
    }


def snippets_point_into(text: str, e: Extracted) -> None:
    found: list[Found[Any]] = [*e.case_alternatives, *e.links, *e.addresses]
    for name in (
        "case_number",
        "agency_name",
        "contact_name",
        "contact_email",
        "contact_phone",
        "window_start",
        "window_end",
        "zone",
        "portal_url",
        "incident",
        "received_via",
    ):
        item = getattr(e, name)
        if item is not None:
            found.append(item)
    for item in found:
        assert text[item.start : item.end] == item.snippet


def test_a_detectives_email_with_headers() -> None:
    text, e = read("detective_email.txt")
    portal = "https://springfieldpd.axon.com/community-request/7f3c9a2e-55b1-4d0c-9e7a-1c2d3e4f5a6b"
    assert values(e) == {
        "case_number": "26-004512",
        "case_alternatives": [],
        "agency_name": "Springfield Police Department",
        "contact_name": "Det. Ana Rivera",
        "contact_email": "arivera@springfieldpd.example.gov",
        "contact_phone": "(555) 010-2030",
        "window": (
            datetime(2026, 11, 20, 14, 0, tzinfo=PACIFIC),
            datetime(2026, 11, 20, 16, 30, tzinfo=PACIFIC),
        ),
        "zone": "America/Los_Angeles",
        "zone_assumed": False,
        "links": [portal],
        "portal_url": portal,
        "addresses": ["1400 block of Elm Street"],
        "incident": "package theft",
        "received_via": "email",
    }
    assert e.window_start is not None and e.zone is not None
    assert e.window_start.snippet == "2:00 PM and 4:30 PM on\nNovember 20, 2026 (PST"
    assert e.zone.snippet == "PST"
    assert e.case_number is not None and e.case_number.snippet == "Case #26-004512"
    assert e.notes == []
    snippets_point_into(text, e)


def test_an_axon_community_request_text_with_a_one_time_link() -> None:
    text, e = read("axon_sms.txt")
    link = "https://springfieldpd.axon.com/r/Xk29PqL7"
    assert values(e) == {
        "case_number": "2026-1187",
        "case_alternatives": [],
        "agency_name": "Springfield Police Department",
        "contact_name": None,
        "contact_email": None,
        "contact_phone": None,
        "window": (
            datetime(2026, 11, 20, 14, 0, tzinfo=PACIFIC),
            datetime(2026, 11, 20, 16, 0, tzinfo=PACIFIC),
        ),
        "zone": "America/Los_Angeles",
        "zone_assumed": False,
        "links": [link],
        "portal_url": link,
        "addresses": ["123 N Main St"],
        "incident": "hit and run",
        "received_via": "text",
    }
    assert e.window_start is not None
    assert e.window_start.snippet == "11/20/2026 14:00-16:00 Pacific"
    snippets_point_into(text, e)


def test_a_neighbors_public_safety_post_without_a_year() -> None:
    text, e = read("neighbors_post.txt")
    link = "https://neighbors.ring.com/public-safety/request/kcso-55012"
    assert values(e) == {
        "case_number": "R26-55012",
        "case_alternatives": [],
        "agency_name": "King County Sheriff's Office",
        "contact_name": "Deputy Chris Park",
        "contact_email": None,
        "contact_phone": "(206) 555-0148",
        "window": (
            datetime(2026, 11, 20, 14, 0, tzinfo=PACIFIC),
            datetime(2026, 11, 20, 16, 0, tzinfo=PACIFIC),
        ),
        "zone": "America/Los_Angeles",
        "zone_assumed": False,
        "links": [link],
        "portal_url": link,
        "addresses": ["2200 block of SE 8th Place"],
        "incident": "residential burglary",
        "received_via": "app",
    }
    assert e.notes == ["The date has no year: taken as 2026, the latest such day up to 2026-12-06."]
    snippets_point_into(text, e)


def test_a_letter_typed_up_with_its_line_breaks() -> None:
    text, e = read("letter_ocr.txt")
    assert values(e) == {
        "case_number": "26-118833",
        "case_alternatives": [],
        "agency_name": "King County Sheriff's Office",
        "contact_name": "Sgt. Maria Delgado",
        "contact_email": "mdelgado@kingcounty.example.gov",
        "contact_phone": "(206) 555-0199",
        # Across midnight: 11 PM to 1 AM the next morning.
        "window": (
            datetime(2026, 11, 19, 23, 0, tzinfo=PACIFIC),
            datetime(2026, 11, 20, 1, 0, tzinfo=PACIFIC),
        ),
        "zone": "America/Los_Angeles",
        "zone_assumed": False,
        "links": [],
        "portal_url": None,
        "addresses": ["516 Third Avenue", "4512 Oak Avenue"],
        "incident": "hit and run",
        "received_via": "letter",
    }
    assert e.agency_name is not None
    assert e.agency_name.snippet == "King County Sheriff's\nOffice"
    assert e.case_number is not None and e.case_number.snippet == "DR# 26-118833"
    snippets_point_into(text, e)


def test_a_fire_investigators_email_with_rfc3339_times() -> None:
    text, e = read("fire_investigator_email.txt")
    link = "https://metrofire.example.org/portal/upload?case=F26-00871"
    eastern = timezone(timedelta(hours=-5))
    assert values(e) == {
        "case_number": "F26-00871",
        "case_alternatives": [],
        "agency_name": "Metro Fire Rescue",
        "contact_name": "Investigator Sam Okafor",
        "contact_email": "sokafor@metrofire.example.org",
        "contact_phone": "555.867.5309",
        "window": (
            datetime(2026, 11, 18, 21, 30, tzinfo=eastern),
            datetime(2026, 11, 18, 23, 0, tzinfo=eastern),
        ),
        "zone": None,
        "zone_assumed": False,  # each time carries its offset
        "links": [link],
        "portal_url": link,
        "addresses": [],
        "incident": "vehicle fire",
        "received_via": "email",
    }
    assert e.window_start is not None
    assert e.window_start.value.utcoffset() == timedelta(hours=-5)
    snippets_point_into(text, e)


def test_a_date_without_a_year_is_the_latest_such_day() -> None:
    text, e = read("no_year_text.txt")
    eastern = ZoneInfo("America/New_York")
    assert values(e) == {
        "case_number": "26-019920",
        "case_alternatives": [],
        "agency_name": "Springfield PD",
        "contact_name": "Officer Dana Whitfield",
        "contact_email": None,
        "contact_phone": "555-010-4477",
        "window": (
            datetime(2026, 12, 3, 21, 0, tzinfo=eastern),
            datetime(2026, 12, 3, 23, 0, tzinfo=eastern),
        ),
        "zone": "America/New_York",
        "zone_assumed": False,
        "links": [],
        "portal_url": None,
        "addresses": [],
        "incident": "car prowl",
        "received_via": "text",
    }
    # Read in January, "Dec 3" is the December before.
    _, later = read("no_year_text.txt", now=datetime(2027, 1, 10, tzinfo=UTC))
    assert later.window_start is not None
    assert later.window_start.value == datetime(2026, 12, 3, 21, 0, tzinfo=eastern)
    snippets_point_into(text, e)


def test_a_message_without_a_zone_says_the_zone_was_assumed() -> None:
    text, e = read("no_zone_text.txt")
    assert values(e) == {
        "case_number": "26-77120",
        "case_alternatives": [],
        "agency_name": "Eastlake Police Department",
        "contact_name": "Sgt. Maria Diaz",
        "contact_email": None,
        "contact_phone": None,
        "window": (
            datetime(2026, 11, 21, 18, 30, tzinfo=CHICAGO),
            datetime(2026, 11, 21, 19, 15, tzinfo=CHICAGO),
        ),
        "zone": None,
        "zone_assumed": True,
        "links": [],
        "portal_url": None,
        "addresses": ["88 Harbor Way"],
        "incident": "package theft",
        "received_via": "text",
    }
    assert e.notes == [
        "The message names no time zone: the times were read in the default zone "
        "(America/Chicago).",
        "The date has no year: taken as 2026, the latest such day up to 2026-12-06.",
    ]
    _, other = read("no_zone_text.txt", default_tz=PACIFIC)
    assert other.window_start is not None
    assert other.window_start.value == datetime(2026, 11, 21, 18, 30, tzinfo=PACIFIC)
    snippets_point_into(text, e)


def test_an_emails_date_header_gives_the_zone_when_the_text_names_none() -> None:
    text, e = read("header_zone_email.txt")
    mountain = timezone(timedelta(hours=-7))
    assert values(e)["window"] == (
        datetime(2026, 11, 23, 15, 0, tzinfo=mountain),
        datetime(2026, 11, 23, 17, 0, tzinfo=mountain),
    )
    assert e.zone is None and e.zone_assumed
    assert e.notes == [
        "The message names no time zone: the times were read in the offset of the email's "
        "Date header (UTC-07:00)."
    ]
    assert values(e)["case_number"] == "26-40981"
    assert values(e)["agency_name"] == "Mesa Police Department"
    assert values(e)["contact_email"] == "records@mesapd.example.gov"
    assert values(e)["addresses"] == ["310 W Juniper Ave"]
    assert values(e)["incident"] == "robbery"
    snippets_point_into(text, e)


def test_two_case_like_numbers_the_labelled_one_wins() -> None:
    text, e = read("two_numbers_email.txt")
    assert values(e) == {
        "case_number": "26-031177",
        "case_alternatives": ["26-004498"],
        "agency_name": "Lakeside Police Department",
        "contact_name": "Officer Tom Becker",
        "contact_email": "tbecker@lakesidepd.example.gov",
        "contact_phone": "(312) 555-0110",
        "window": (
            datetime(2026, 11, 22, 1, 15, tzinfo=CHICAGO),
            datetime(2026, 11, 22, 3, 45, tzinfo=CHICAGO),
        ),
        "zone": "America/Chicago",
        "zone_assumed": False,
        "links": [],
        "portal_url": None,
        "addresses": [],
        "incident": "vandalism",
        "received_via": "email",
    }
    assert e.case_number is not None and e.case_number.snippet == "Case No. 26-031177"
    assert e.case_alternatives[0].snippet == "26-004498"
    snippets_point_into(text, e)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        (
            "Video from Nov 20 11-1pm PT please",
            datetime(2026, 11, 20, 11, tzinfo=PACIFIC),
            datetime(2026, 11, 20, 13, tzinfo=PACIFIC),
        ),
        (
            "Nov 20, 2026 between 9 and 11 PM PST",
            datetime(2026, 11, 20, 21, tzinfo=PACIFIC),
            datetime(2026, 11, 20, 23, tzinfo=PACIFIC),
        ),
        ("window 2026-11-20T22:00:00Z to 2026-11-21T00:30:00Z", None, None),
        (
            "between 11/02/2026 1:00 AM and 11/02/2026 3:30 AM",
            datetime(2026, 11, 2, 1, tzinfo=CHICAGO),
            datetime(2026, 11, 2, 3, 30, tzinfo=CHICAGO),
        ),
        (
            "from Nov 19, 2026 at 23:15 to Nov 20, 2026 at 01:30 (Pacific time)",
            datetime(2026, 11, 19, 23, 15, tzinfo=PACIFIC),
            datetime(2026, 11, 20, 1, 30, tzinfo=PACIFIC),
        ),
    ],
)
def test_time_ranges(text: str, start: datetime | None, end: datetime | None) -> None:
    e = extract_fields(text, default_tz=CHICAGO, now=NOW)
    assert e.window_start is not None and e.window_end is not None
    if start is None:
        assert e.window_start.value == datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
        assert e.window_end.value == datetime(2026, 11, 21, 0, 30, tzinfo=UTC)
        return
    assert (e.window_start.value, e.window_end.value) == (start, end)


def test_nothing_obvious_is_nothing_found() -> None:
    e = extract_fields("Call me when you can.", default_tz=CHICAGO, now=NOW)
    assert e.case_number is None and e.window_start is None and e.agency_name is None
    assert e.links == [] and e.addresses == [] and e.incident is None
    assert e.received_via is not None and e.received_via.value == "text"


def test_what_was_read_fills_a_request_that_can_be_stored(db: Database) -> None:
    """The form fills its fields from what was read; the resident adds the area and
    confirms, and the request is stored like any other."""
    _, e = read("detective_email.txt")
    assert e.window_start and e.window_end and e.agency_name and e.received_via
    entry = ManualRequest(
        agency_name=e.agency_name.value,
        window_start=e.window_start.value,
        window_end=e.window_end.value,
        area={"type": "Point", "coordinates": [-122.3321, 47.6062], "radius_m": 300},
        received_via=e.received_via.value,
        case_number=e.case_number.value if e.case_number else None,
        contact_name=e.contact_name.value if e.contact_name else None,
        contact_email=e.contact_email.value if e.contact_email else None,
        contact_phone=e.contact_phone.value if e.contact_phone else None,
        incident=e.incident.value if e.incident else None,
        portal_url=e.portal_url.value if e.portal_url else None,
    )
    received = record_request(db, entry, now=NOW)
    row = db.execute(
        "SELECT case_number, window_start_utc, source, received_via FROM requests WHERE id = ?",
        [received.row_id],
    ).fetchone()
    assert row == ("26-004512", "2026-11-20T22:00:00.000Z", "resident", "email")


def test_a_pasted_email_with_windows_line_ends_reads_the_same() -> None:
    text = "\n\n" + (MESSAGES / "detective_email.txt").read_text().replace("\n", "\r\n")
    e = extract_fields(text, default_tz=CHICAGO, now=NOW)
    _, plain = read("detective_email.txt")
    assert values(e) == values(plain)
    snippets_point_into(text, e)
