"""Hand-overs (db/sharing/handover.py): recording a package handed over through a portal,
on a USB drive or in person, its audit entry, its refusals, and the retention follow-up
counted from the hand-over, against a real database."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from db.sharing.handover import (
    HandoverError,
    current_package,
    package_for_path,
    record_encrypted_zip,
    record_handover,
)
from db.sharing.retention import draft_deletion_request, due_items, retention_items
from db.store.timeutil import to_utc_text
from tests.retention_helpers import add_delivered

HANDED = datetime(2026, 11, 21, 15, 0, tzinfo=UTC)
NOW = HANDED + timedelta(hours=3)


def _audit(db, action: str) -> list[dict]:
    rows = db.execute(
        "SELECT details FROM audit_log WHERE action = ? ORDER BY seq", [action]
    ).fetchall()
    return [json.loads(r[0]) for r in rows]


def _handovers(db) -> list[tuple]:
    return db.execute(
        "SELECT package_id, method, handed_at, recipient, note, encrypted_sha256 FROM handovers"
    ).fetchall()


def test_a_handover_is_recorded_with_its_audit_entry(db, tmp_path: Path) -> None:
    added = add_delivered(db, tmp_path, delivered_at=HANDED, delivered=False)
    digest = "ab" * 32
    row = record_handover(
        db,
        added["package_id"],
        method="usb",
        handed_at=HANDED,
        recipient="  Det. A. Rivera ",
        note="Given at the front desk",
        encrypted_sha256=digest.upper(),
        now=NOW,
    )
    assert row > 0
    assert _handovers(db) == [
        (
            added["package_id"],
            "usb",
            "2026-11-21T15:00:00.000Z",
            "Det. A. Rivera",
            "Given at the front desk",
            digest,
        )
    ]
    (entry,) = _audit(db, "package handed over")
    assert entry["method"] == "usb"
    assert entry["handed_at"] == "2026-11-21T15:00:00.000Z"
    assert entry["recipient"] == "Det. A. Rivera"
    assert entry["encrypted_sha256"] == digest
    assert entry["manifest_sha256"] == added["manifest_sha256"]
    found = current_package(db, db.execute("SELECT request_row FROM packages").fetchone()[0])
    assert found is not None and found.method == "usb" and found.handed_at == entry["handed_at"]


def _refused(db, package_id: int, match: str, **kw) -> None:
    args: dict[str, Any] = {
        "method": "in_person",
        "handed_at": HANDED,
        "recipient": None,
        "note": None,
        "encrypted_sha256": None,
        "now": NOW,
    }
    args.update(kw)
    before = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(HandoverError, match=match):
        record_handover(db, package_id, **args)
    assert db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before


def test_a_date_in_the_future_is_refused_naming_it(db, tmp_path: Path) -> None:
    added = add_delivered(db, tmp_path, delivered_at=HANDED, delivered=False)
    _refused(
        db,
        added["package_id"],
        r"the hand-over date 2026-11-22T18:00:00.000Z is in the future",
        handed_at=NOW + timedelta(days=1),
    )
    assert _handovers(db) == []


def test_only_the_requests_current_package_can_be_handed_over(db, tmp_path: Path) -> None:
    added = add_delivered(db, tmp_path, delivered_at=HANDED, delivered=False)
    row_id = db.execute("SELECT request_row FROM packages").fetchone()[0]
    newer = added["path"].parent / "doorstep-newer"
    newer.mkdir()
    with db.atomic():
        cur = db.execute(
            "INSERT INTO packages (request_row, path, manifest_sha256, files, bytes, created_at) "
            "VALUES (?, ?, ?, 1, 1, ?)",
            [row_id, str(newer), "c" * 64, to_utc_text(NOW)],
        )
    newest = int(cur.lastrowid)
    _refused(
        db,
        added["package_id"],
        rf"package {added['package_id']} is not the current package of request "
        rf".*: package {newest} was built after it",
    )
    assert package_for_path(db, newer) == newest
    record_handover(
        db,
        newest,
        method="portal",
        handed_at=HANDED,
        recipient=None,
        note=None,
        encrypted_sha256=None,
        now=NOW,
    )
    _refused(db, newest, r"was recorded as uploaded through the agency's portal on 2026-11-21")


def test_withdrawn_replaced_delivered_and_unknown_are_refused(db, tmp_path: Path) -> None:
    sent = add_delivered(db, tmp_path, delivered_at=HANDED, tag="s")
    _refused(db, sent["package_id"], r"was delivered to https://evidence.example.gov/u/abc")
    _refused(db, 999, r"there is no package 999")
    _refused(db, sent["package_id"], r"unknown hand-over method 'post'", method="post")
    _refused(db, sent["package_id"], r"no time zone", handed_at=datetime(2026, 11, 21))
    _refused(db, sent["package_id"], r"recipient is 201 characters", recipient="x" * 201)
    _refused(db, sent["package_id"], r"SHA-256 is not 64", encrypted_sha256="abc")

    old = add_delivered(db, tmp_path, delivered_at=HANDED, tag="o", delivered=False)
    with db.atomic():
        db.execute("UPDATE requests SET state = 'edited' WHERE request_id = ?", [old["request_id"]])
    _refused(db, old["package_id"], r"a newer version of the request arrived")
    with db.atomic():
        db.execute(
            "UPDATE requests SET state = 'withdrawn' WHERE request_id = ?", [old["request_id"]]
        )
    _refused(db, old["package_id"], r"which the agency withdrew")


def test_retention_is_counted_from_the_handover(db, tmp_path: Path) -> None:
    added = add_delivered(
        db, tmp_path, delivered_at=HANDED, retention_days=30, delivered=False, tag="h"
    )
    assert retention_items(db, NOW) == []  # built, not handed over: nothing to follow up
    record_handover(
        db,
        added["package_id"],
        method="usb",
        handed_at=HANDED,
        recipient="Det. A. Rivera",
        note=None,
        encrypted_sha256=None,
        now=NOW,
    )
    ends = HANDED + timedelta(days=30)
    (item,) = retention_items(db, NOW)
    assert item.ends_at == ends and not item.due
    assert item.handover_method == "usb" and item.how == "handed over on a USB drive"
    assert item.files == [(f["name"], f["sha256"]) for f in added["files"]]
    assert due_items(db, ends - timedelta(milliseconds=1)) == []
    (due,) = due_items(db, ends)
    letter = draft_deletion_request(due, "Sam Resident", today=date(2026, 12, 22))
    flat = " ".join(letter.split())
    assert "On 21 November 2026 at 15:00 UTC I shared footage" in flat
    assert "I handed it over to Det. A. Rivera on a USB drive." in flat
    assert "That period ended on 21 December 2026 at 15:00 UTC." in flat
    assert "uploaded to" not in flat
    for _name, digest in due.files:
        assert digest in letter


def test_portal_and_in_person_letters_say_how(db, tmp_path: Path) -> None:
    for tag, method in (("p", "portal"), ("i", "in_person")):
        added = add_delivered(db, tmp_path, delivered_at=HANDED, delivered=False, tag=tag)
        record_handover(
            db,
            added["package_id"],
            method=method,
            handed_at=HANDED,
            recipient=None,
            note=None,
            encrypted_sha256=None,
            now=NOW,
        )
    by_method = {i.handover_method: i for i in retention_items(db, NOW)}
    day = date(2027, 1, 1)
    portal = " ".join(draft_deletion_request(by_method["portal"], today=day).split())
    assert "I uploaded it through your evidence portal" in portal
    person = " ".join(draft_deletion_request(by_method["in_person"], today=day).split())
    assert "I handed it over in person." in person
    assert by_method["portal"].how == "uploaded through the agency's portal"


def test_an_encrypted_zip_is_audited_without_its_password(db, tmp_path: Path) -> None:
    added = add_delivered(db, tmp_path, delivered_at=HANDED, delivered=False)
    record_encrypted_zip(db, added["package_id"], tmp_path / "x.zip", "EF" * 32, 1234, now=NOW)
    (entry,) = _audit(db, "encrypted zip made")
    assert entry == {
        "manifest_sha256": added["manifest_sha256"],
        "encrypted_sha256": "ef" * 32,
        "bytes": 1234,
        "path": str((tmp_path / "x.zip").resolve()),
    }
    with pytest.raises(HandoverError, match="no package 5"):
        record_encrypted_zip(db, 5, tmp_path / "x.zip", "ef" * 32, 1, now=NOW)


def test_typed_dates() -> None:
    from db.sharing.handover import parse_handed_at

    assert parse_handed_at("2026-11-21T15:00:00Z", now=NOW) == HANDED
    assert parse_handed_at("2026-11-21T10:00-05:00", now=NOW) == HANDED
    day = parse_handed_at("2026-11-21", now=NOW)
    assert (day.year, day.month, day.day, day.hour, day.minute) == (2026, 11, 21, 0, 0)
    assert day.tzinfo is not None
    today = parse_handed_at(" Today ", now=NOW)
    assert today <= NOW and today.hour == 0 and today.date() == NOW.astimezone().date()
    with pytest.raises(HandoverError, match=r"cannot read 'last week' as a date: give 2026"):
        parse_handed_at("last week", now=NOW)


def test_decisions_are_final_once_handed_over(db, tmp_path: Path) -> None:
    from db.sharing.decisions import DecisionError, decide, delivered_at

    added = add_delivered(db, tmp_path, delivered_at=HANDED, delivered=False)
    row_id = db.execute("SELECT request_row FROM packages").fetchone()[0]
    assert delivered_at(db, row_id) is None
    record_handover(
        db,
        added["package_id"],
        method="in_person",
        handed_at=HANDED,
        recipient=None,
        note=None,
        encrypted_sha256=None,
        now=NOW,
    )
    assert delivered_at(db, row_id) == "2026-11-21T15:00:00.000Z"
    with pytest.raises(DecisionError, match="decisions are final once delivered"):
        decide(db, row_id, [1], "declined", now=NOW)


def test_the_portal_link_is_the_requests(db) -> None:
    from db.requests.agencies import upsert_agency
    from db.requests.intake import import_request_bytes
    from db.sharing.handover import portal_link
    from tests.requests_helpers import make_doc

    upsert_agency(db, "ex-pd", "Example Police Department", "Example City")
    url = "https://portal.example.gov/r/7731"
    rows = [
        import_request_bytes(db, json.dumps(make_doc(**kw)).encode(), now=NOW).row_id
        for kw in ({"delivery": {"method": "portal", "url": url}}, {})
    ]
    assert [portal_link(db, row) for row in rows] == [url, None]


def test_the_audit_entry_reads_in_words(db, tmp_path: Path) -> None:
    from db.audit.words import detail_items

    added = add_delivered(db, tmp_path, delivered_at=HANDED, delivered=False)
    record_handover(
        db,
        added["package_id"],
        method="in_person",
        handed_at=HANDED,
        recipient="Det. A. Rivera",
        note=None,
        encrypted_sha256="ab" * 32,
        now=NOW,
    )
    (entry,) = _audit(db, "package handed over")
    items = detail_items(entry)
    assert "Method: in person" in items
    assert "Handed over: 2026-11-21T15:00:00.000Z" in items
    assert any(item.startswith("Encrypted zip SHA-256: abab") for item in items)
