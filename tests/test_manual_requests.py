"""Requests the resident records (db.requests.manual): stored like any request, with
the same rules, matching and audit, marked as entered by the resident; bad input is
refused naming the field, with nothing stored."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlite_utils import Database

from db.audit.history import agency_history
from db.audit.words import details_text
from db.clips.cameras import Camera, add_camera
from db.requests.inbox import list_requests, request_detail
from db.requests.intake import import_request_bytes, receive_feed_items, reevaluate
from db.requests.manual import (
    DEFAULT_VALIDITY,
    RECEIVED_VIA,
    ManualRequest,
    agency_slug,
    build_document,
    record_request,
)
from db.requests.request_doc import parse_request
from db.requests.request_types import RequestError
from db.store import m012_resident_requests as m012
from db.store.database import open_database
from db.store.migrations import SCHEMA_VERSION, migrations
from tests.requests_helpers import PORCH, insert_clip, make_doc, window_base

PACIFIC = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)


def manual(**changes: Any) -> ManualRequest:
    start = datetime(2026, 11, 20, 14, 0, tzinfo=PACIFIC)
    base = ManualRequest(
        agency_name="Springfield Police Department",
        window_start=start,
        window_end=start + timedelta(hours=2),
        area={"type": "Point", "coordinates": list(PORCH), "radius_m": 300},
        received_via="email",
        case_number="26-004512",
        incident="package theft",
        contact_name="Det. Ana Rivera",
        contact_email="arivera@springfieldpd.example.gov",
        contact_phone="(555) 010-2030",
        retention_days=365,
        third_party_sharing="prosecution",
        portal_url="https://springfieldpd.axon.com/community-request/abc123",
    )
    return dataclasses.replace(base, **changes)


def _counts(db: Database) -> list[int]:
    return [
        int(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
        for t in ("requests", "audit_log", "agencies")
    ]


# --- the document --------------------------------------------------------------------


def test_the_document_keeps_the_senders_offsets_and_names_the_portal() -> None:
    doc = build_document(manual(issued_at=None, expires_at=None), now=NOW)
    assert doc["format"] == "doorstep.request/1"
    assert doc["agency"] == {
        "id": "springfield-police-department",
        "name": "Springfield Police Department",
    }
    assert doc["window"] == {
        "start": "2026-11-20T14:00:00-08:00",
        "end": "2026-11-20T16:00:00-08:00",
    }
    assert doc["issued_at"] == "2026-11-21T18:00:00+00:00"
    assert doc["expires_at"] == (NOW + DEFAULT_VALIDITY).isoformat()
    assert doc["delivery"] == {
        "method": "portal",
        "url": "https://springfieldpd.axon.com/community-request/abc123",
    }
    assert doc["contact"] == {
        "name": "Det. Ana Rivera",
        "email": "arivera@springfieldpd.example.gov",
        "phone": "(555) 010-2030",
    }
    assert "signature" not in doc
    # Each entry is a request of its own: a new id every time.
    assert build_document(manual(), now=NOW)["id"] != doc["id"]
    # The document is a valid request (the schema knows the portal method).
    parsed = parse_request(json.dumps(doc).encode())
    assert parsed.delivery == doc["delivery"]


def test_agency_ids_are_made_from_the_name() -> None:
    assert agency_slug("King County Sheriff's Office") == "king-county-sheriffs-office"
    assert agency_slug("  Metro Fire Rescue ") == "metro-fire-rescue"
    assert agency_slug("Policía de Móstoles") == "policia-de-mostoles"
    assert agency_slug("警察").startswith("agency-")
    doc = build_document(manual(agency_id="spd-east"), now=NOW)
    assert doc["agency"]["id"] == "spd-east"


def test_the_schema_requires_an_https_link_for_a_portal() -> None:
    doc = make_doc(delivery={"method": "portal", "url": "http://portal.example.gov/x"})
    with pytest.raises(RequestError) as err:
        parse_request(json.dumps(doc).encode())
    assert err.value.field == "delivery.url"
    doc = make_doc(delivery={"method": "portal"})
    with pytest.raises(RequestError) as err:
        parse_request(json.dumps(doc).encode())
    assert err.value.field == "delivery.url" and "missing" in err.value.problem


# --- storing -------------------------------------------------------------------------


def test_a_recorded_request_is_stored_matched_and_audited_like_any_other(db: Database) -> None:
    camera = add_camera(db, Camera("Porch", PORCH[1], PORCH[0], tz="America/Los_Angeles"))
    assert camera.id is not None
    start = window_base()
    clip = insert_clip(db, camera.id, start + timedelta(minutes=30), 60, "porch-1.mp4")
    entry = manual(
        window_start=start.astimezone(PACIFIC),
        window_end=(start + timedelta(hours=2)).astimezone(PACIFIC),
        received_via="text",
    )
    now = datetime.now(UTC)
    received = record_request(db, entry, now=now)
    assert received.action == "added"

    (line,) = list_requests(db, now=now)
    assert line.request_id == received.request_id
    assert (line.source, line.received_via) == ("resident", "text")
    assert line.cameras_in_area == 1
    detail = request_detail(db, received.row_id, now=now)
    assert [c.clip_id for c in detail.candidates] == [clip]
    assert detail.signature_detail == (
        "entered by you from a request received by text message, so there is no signature to check"
    )
    signature = next(r for r in detail.rules if r.rule == "signature")
    assert (signature.outcome, signature.reason) == (
        "ok",
        "Entered by you from a request received by text message, so there is no signature "
        "to check.",
    )
    assert detail.to_json()["delivery"] == {"method": "portal", "url": entry.portal_url}
    stored = db.execute(
        "SELECT source, received_via, signature_outcome, window_start_utc FROM requests"
    ).fetchone()
    assert stored[:3] == ("resident", "text", "unsigned")
    assert stored[3] == start.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    rule_rows = db.execute(
        "SELECT outcome FROM request_rules WHERE request_row = ? AND rule = 'signature'",
        [received.row_id],
    ).fetchone()
    assert rule_rows == ("ok",)

    action, details = db.execute(
        "SELECT action, details FROM audit_log WHERE request_id = ?", [received.request_id]
    ).fetchone()
    assert action == "request received"
    details = json.loads(details)
    assert (details["source"], details["received_via"]) == ("resident", "text")
    words = details_text(details)
    assert "Came: entered by you" in words
    assert "You received it: by text message" in words

    (history,) = agency_history(db, "springfield-police-department")
    assert (history.source, history.received_via) == ("resident", "text")

    # Checking every request again (rules changed) keeps it the resident's.
    assert reevaluate(db, now=now) == 1
    again = db.execute(
        "SELECT outcome, reason FROM request_rules WHERE request_row = ? AND rule = 'signature'",
        [received.row_id],
    ).fetchone()
    assert again == (
        "ok",
        "Entered by you from a request received by text message, so there is no signature "
        "to check.",
    )


def test_the_rules_apply_to_what_the_resident_entered(db: Database) -> None:
    """An area too small, no case number: rules that block, not refusals."""
    tiny = {"type": "Point", "coordinates": list(PORCH), "radius_m": 20}
    received = record_request(db, manual(area=tiny, case_number="  "), now=NOW)
    results = {r.rule: r.outcome for r in request_detail(db, received.row_id, now=NOW).rules}
    assert results["area"] == "block" and results["case_number"] == "block"
    assert received.worst == "block"


def test_a_file_or_feed_cannot_replace_what_the_resident_entered(db: Database) -> None:
    received = record_request(db, manual(), now=NOW)
    doc = make_doc(
        id=received.request_id, agency={"id": "springfield-police-department", "name": "X"}
    )
    before = _counts(db)
    with pytest.raises(RequestError, match="entered by you") as err:
        import_request_bytes(db, json.dumps(doc).encode(), now=NOW)
    assert err.value.field == "id"
    feed = db.execute(
        "INSERT INTO feeds (url, created_at) VALUES ('https://feed.example.gov/f', ?) ",
        ["2026-11-21T00:00:00.000Z"],
    ).lastrowid
    db.conn.commit()
    applied = receive_feed_items(
        db, int(feed or 0), [parse_request(json.dumps(doc).encode())], now=NOW
    )
    assert not applied.received
    ((_, request_id, refusal),) = applied.refused
    assert request_id == received.request_id and "entered by you" in str(refusal)
    assert _counts(db) == before


def test_a_file_is_never_taken_for_the_residents_own_entry(db: Database) -> None:
    """Only the stored source makes a request the resident's: an unsigned file still
    warns, whatever it says about itself."""
    doc = make_doc(source="resident", received_via="email")
    received = import_request_bytes(db, json.dumps(doc).encode(), now=datetime.now(UTC))
    detail = request_detail(db, received.row_id, now=datetime.now(UTC))
    signature = next(r for r in detail.rules if r.rule == "signature")
    assert signature.outcome == "warn"
    assert detail.summary.source == "file" and detail.summary.received_via is None


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"agency_name": "  "}, "agency_name", "missing"),
        ({"agency_id": " "}, "agency_id", "blank"),
        (
            {"window_end": datetime(2026, 11, 20, 13, 0, tzinfo=PACIFIC)},
            "window_end",
            "before the window's start",
        ),
        ({"window_start": datetime(2026, 11, 20, 14, 0)}, "window_start", "no time zone"),
        ({"expires_at": datetime(2026, 12, 20, 14, 0)}, "expires_at", "no time zone"),
        ({"portal_url": "http://springfieldpd.axon.com/x"}, "portal_url", "https://"),
        ({"portal_url": "https://"}, "portal_url", "https://"),
        ({"portal_url": "https://portal.example.gov/a b"}, "portal_url", "spaces"),
        ({"contact_email": "rivera at spd"}, "contact_email", "not an email address"),
        ({"received_via": "pigeon"}, "received_via", "email, text"),
        ({"third_party_sharing": "anyone"}, "third_party_sharing", "prosecution"),
        ({"retention_days": -1}, "retention_days", "0 or more"),
        ({"area": {"type": "Circle"}}, "area", "GeoJSON Polygon"),
        (
            {"area": {"type": "Point", "coordinates": list(PORCH), "radius_m": 0}},
            "area",
            "radius_m must be more than 0",
        ),
        (
            {
                "area": {
                    "type": "Polygon",
                    "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]],
                }
            },
            "area",
            "crosses itself",
        ),
        (
            {"issued_at": NOW, "expires_at": NOW - timedelta(days=1)},
            "expires_at",
            "before issued_at",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(
    db: Database, changes: dict[str, object], field: str, words: str
) -> None:
    before = _counts(db)
    with pytest.raises(RequestError) as err:
        record_request(db, manual(**changes), now=NOW)
    assert err.value.field == field
    assert words in err.value.problem
    assert _counts(db) == before


def test_the_ways_of_receiving_agree_with_the_database() -> None:
    assert RECEIVED_VIA == m012.RECEIVED_VIA


# --- the migration -------------------------------------------------------------------


def _schema(db: Database) -> dict[tuple[str, str], str]:
    return {
        (str(t), str(n)): str(s)
        for t, n, s in db.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
    }


def test_a_version_11_database_keeps_every_request_and_what_hangs_on_it(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    old = Database(sqlite3.connect(path), strict=True)
    old.execute("PRAGMA foreign_keys = ON")
    migrations.apply(old, stop_before="m012_resident_requests")
    assert old.execute("PRAGMA user_version").fetchone()[0] == 11
    old.conn.commit()
    old.close()
    # Rows through the code of version 11's schema: a request from a file with its
    # rules, a camera, a clip, a decision and a hold on it.
    db = Database(sqlite3.connect(path), strict=True)
    db.execute("INSERT INTO agencies (id, name, created_at) VALUES ('ex-pd', 'Example PD', 'x')")
    doc = parse_request(json.dumps(make_doc()).encode())
    db.execute(
        "INSERT INTO requests (id, request_id, version, agency_id, raw, sha256, content_sha256, "
        "source, received_at, window_start_utc, window_end_utc, area, area_sq_m, "
        "issued_at_utc, expires_at_utc, signature_outcome, worst_outcome, rule_summary) "
        "VALUES (1, ?, 1, 'ex-pd', ?, ?, ?, 'file', 'r', 's', 'e', '{}', 1.0, 'i', 'x', "
        "'unsigned', 'warn', '1 warning')",
        [doc.id, doc.raw, doc.sha256, doc.sha256],
    )
    db.execute("INSERT INTO request_rules VALUES (1, 0, 'signature', 'warn', 'not signed', 'x')")
    db.execute(
        "INSERT INTO cameras (id, name, lat, lon, created_at) "
        "VALUES (1, 'Porch', 47.6, -122.3, 'x')"
    )
    clip = insert_clip(db, 1, window_base(), 60, "a.mp4")
    db.execute(
        "INSERT INTO decisions (request_row, clip_id, state, decided_at) "
        "VALUES (1, ?, 'approved', 'x')",
        [clip],
    )
    db.execute("INSERT INTO holds (clip_id, request_row, held_at) VALUES (?, 1, 'x')", [clip])
    db.conn.commit()
    before = _schema(db)
    rows_before = db.execute("SELECT * FROM requests").fetchall()
    db.close()

    migrated = open_database(path)
    assert migrated.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 12
    assert migrated.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert migrated.execute("PRAGMA foreign_key_check").fetchall() == []
    after = _schema(migrated)
    # Every index, trigger, view and other table exactly as before (later migrations
    # only add their own); the requests table differs only in the widened source CHECK
    # and the new column.
    assert {k: after.get(k) for k in before if k != ("table", "requests")} == {
        k: v for k, v in before.items() if k != ("table", "requests")
    }
    old_sql, new_sql = before[("table", "requests")], after[("table", "requests")]
    assert old_sql.replace(m012.OLD_SOURCES, m012.NEW_SOURCES) == new_sql.replace(
        new_sql[new_sql.index(", received_via TEXT") : new_sql.index(",\n    UNIQUE")], ""
    )
    assert [tuple(r)[:-1] for r in migrated.execute("SELECT * FROM requests")] == [
        tuple(r) for r in rows_before
    ]
    for table in ("request_rules", "decisions", "holds"):
        assert migrated.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 1
    # The new source and its column go together.
    for source, via in (("resident", None), ("file", "email"), ("guess", None)):
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"), migrated.atomic():
            migrated.execute(
                "UPDATE requests SET source = ?, received_via = ? WHERE id = 1", [source, via]
            )
    with migrated.atomic():
        migrated.execute(
            "UPDATE requests SET source = 'resident', received_via = 'letter' WHERE id = 1"
        )
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"), migrated.atomic():
        migrated.execute("UPDATE requests SET received_via = 'pigeon' WHERE id = 1")
    migrated.close()


def test_the_windows_detail_says_the_resident_entered_it(db: Database) -> None:
    from desktop.widgets.request_detail import detail_html

    received = record_request(db, manual(received_via="letter"), now=NOW)
    text = detail_html(request_detail(db, received.row_id, now=NOW), NOW)
    assert "Entered by you from a request received by letter: the agency did not send it" in text
    assert "Agency's portal" in text
    assert "https://springfieldpd.axon.com/community-request/abc123" in text
    assert "could be a fake request" not in text
    assert "none to check (entered by you)" in text


def test_delivering_a_portal_request_points_to_the_portal() -> None:
    """Doorstep's own upload cannot send to an agency's portal: `deliver` says where the
    package goes instead of calling it a hand delivery."""
    from db.sharing.shares import SharingError, delivery_url

    with pytest.raises(SharingError) as err:
        delivery_url({"method": "portal", "url": "https://spd.axon.com/r/x"})
    assert str(err.value) == (
        "this request asks for the package through the agency's portal "
        "(https://spd.axon.com/r/x): export the package and upload it there"
    )


def test_the_agency_history_says_which_requests_the_resident_entered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli import main

    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    record_request(db, manual(), now=NOW)
    db.close()
    assert main(["--db", str(path), "agency", "history", "springfield-police-department"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Springfield Police Department (springfield-police-department)")
    assert out[1].endswith("(entered by you)")
    assert (
        main(["--db", str(path), "agency", "history", "springfield-police-department", "--json"])
        == 0
    )
    (entry,) = json.loads(capsys.readouterr().out)["requests"]
    assert (entry["source"], entry["received_via"]) == ("resident", "email")
