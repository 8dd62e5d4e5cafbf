"""Retention follow-up (db/sharing/retention.py) against a real database and real packages."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from db.sharing.retention import (
    RetentionItem,
    draft_deletion_request,
    due_items,
    format_day,
    format_moment,
    retention_items,
)
from tests.retention_helpers import UPLOAD_URL, add_delivered

DELIVERED = datetime(2026, 11, 21, 22, 30, tzinfo=UTC)


def test_due_exactly_when_the_stated_period_has_passed(db, tmp_path: Path) -> None:
    added = add_delivered(db, tmp_path, delivered_at=DELIVERED, retention_days=30)
    ends = DELIVERED + timedelta(days=30)

    before = retention_items(db, ends - timedelta(milliseconds=1))
    assert len(before) == 1
    item = before[0]
    assert item.ends_at == ends and item.ends_at.tzinfo is not None
    assert not item.due
    assert due_items(db, ends - timedelta(milliseconds=1)) == []

    at = retention_items(db, ends)
    assert at[0].due
    assert [i.package_id for i in due_items(db, ends)] == [added["package_id"]]
    assert due_items(db, ends + timedelta(days=400))[0].due


def test_item_carries_request_agency_delivery_and_files(db, tmp_path: Path) -> None:
    added = add_delivered(db, tmp_path, delivered_at=DELIVERED, retention_days=30)
    (item,) = retention_items(db, DELIVERED)
    assert item.request_id == added["request_id"]
    assert (item.agency_id, item.agency_name) == ("ex-pd", "Example Police Department")
    assert item.agency_jurisdiction == "Example City"
    assert (item.case_number, item.incident) == ("2026-004512", "package theft")
    assert item.delivered_at == "2026-11-21T22:30:00.000Z"
    assert item.retention_days == 30
    assert item.package_path == str(added["path"])
    assert item.manifest_sha256 == added["manifest_sha256"]
    assert item.files == [(f["name"], f["sha256"]) for f in added["files"]]
    assert item.delivery_url == UPLOAD_URL and item.how == f"uploaded to {UPLOAD_URL}"
    assert (item.contact_name, item.contact_email) == ("Det. A. Rivera", "arivera@example.gov")
    assert item.third_party_sharing == "prosecution"


def test_files_come_from_a_zip_too_and_only_the_hash_when_the_package_is_gone(
    db,
    tmp_path: Path,
) -> None:
    zipped = add_delivered(db, tmp_path, delivered_at=DELIVERED, kind="zip", tag="z")
    gone = add_delivered(
        db, tmp_path, delivered_at=DELIVERED + timedelta(hours=1), kind="missing", tag="m"
    )
    by_package = {i.package_id: i for i in retention_items(db, DELIVERED)}
    z = by_package[zipped["package_id"]]
    assert z.files == [(f["name"], f["sha256"]) for f in zipped["files"]]
    m = by_package[gone["package_id"]]
    assert m.files == [] and m.manifest_sha256 == gone["manifest_sha256"]
    letter = draft_deletion_request(m, today=date(2027, 1, 1))
    assert gone["manifest_sha256"] in letter


def test_a_changed_manifest_on_disk_is_not_trusted(db, tmp_path: Path) -> None:
    added = add_delivered(db, tmp_path, delivered_at=DELIVERED)
    manifest = Path(added["path"]) / "manifest.json"
    data = json.loads(manifest.read_text())
    data["files"].append({"name": "excerpts/extra.mp4", "sha256": "0" * 64})
    manifest.write_text(json.dumps(data))
    (item,) = retention_items(db, DELIVERED)
    assert item.files == []  # not what was delivered: only the recorded manifest hash
    assert item.manifest_sha256 == added["manifest_sha256"]


def test_sorted_by_end_and_requests_without_retention_or_delivery_left_out(
    db,
    tmp_path: Path,
) -> None:
    long = add_delivered(db, tmp_path, delivered_at=DELIVERED, retention_days=365, tag="long")
    short = add_delivered(db, tmp_path, delivered_at=DELIVERED, retention_days=7, tag="short")
    add_delivered(db, tmp_path, delivered_at=DELIVERED, retention_days=None, tag="unstated")
    add_delivered(db, tmp_path, delivered_at=DELIVERED, retention_days=1, tag="u", delivered=False)
    items = retention_items(db, DELIVERED + timedelta(days=10))
    assert [i.package_id for i in items] == [short["package_id"], long["package_id"]]
    assert [i.due for i in items] == [True, False]
    assert db.execute("SELECT count(*) FROM packages").fetchone()[0] == 4


def test_letter_names_case_dates_terms_and_every_hash(db, tmp_path: Path) -> None:
    added = add_delivered(db, tmp_path, delivered_at=DELIVERED, retention_days=30)
    (item,) = retention_items(db, DELIVERED + timedelta(days=31))
    letter = draft_deletion_request(item, "Sam Resident", today=date(2026, 12, 24))
    assert letter.startswith("24 December 2026\n")
    assert "To: Example Police Department, Example City" in letter
    assert "Attn: Det. A. Rivera <arivera@example.gov>" in letter
    assert "Dear Det. A. Rivera," in letter
    assert "case number: 2026-004512" in letter
    assert "case 2026-004512 (package theft)" in letter
    flat = " ".join(letter.split())
    assert "On 21 November 2026 at 22:30 UTC I shared footage" in flat
    assert "kept for 30 days. That period ended on 21 December 2026 at 22:30 UTC" in flat
    assert UPLOAD_URL in flat
    for f in added["files"]:
        assert f"  {f['name']}, SHA-256:\n    {f['sha256']}\n" in letter
    assert f"\n    {added['manifest_sha256']}\n" in letter
    assert "delete all copies" in flat
    assert "including any copies passed to third parties" in flat
    assert "passed on only for prosecution" in flat
    assert "confirm to me in writing" in flat
    assert item.request_id in flat
    assert letter.rstrip().endswith("Yours sincerely,\n\n\nSam Resident")
    assert all(len(line) <= 72 for line in letter.splitlines() if "://" not in line)


def test_letter_without_case_number_or_contact_says_so(db, tmp_path: Path) -> None:
    add_delivered(db, tmp_path, delivered_at=DELIVERED, case_number=None, incident=None)
    (item,) = retention_items(db, DELIVERED)
    item = RetentionItem(
        **{**item.__dict__, "contact_name": None, "contact_email": None, "due": False}
    )
    letter = draft_deletion_request(item, today=date(2026, 11, 22))
    flat = " ".join(letter.split())
    assert "case number: no case number given" in letter
    assert "(no case number given)" in flat
    assert "Dear Sir or Madam," in letter
    assert "That period ends on 21 December 2026 at 22:30 UTC" in flat
    assert "When it ends, please delete all copies" in flat
    assert letter.rstrip().endswith("______________________________")


def test_dates_are_written_in_english_and_utc() -> None:
    moment = datetime(2027, 3, 1, 1, 5, tzinfo=UTC).astimezone(datetime.now().astimezone().tzinfo)
    assert format_day(moment) == "1 March 2027"
    assert format_moment(moment) == "1 March 2027 at 01:05 UTC"
    assert format_day(date(2027, 3, 1)) == "1 March 2027"
