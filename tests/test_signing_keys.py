"""The resident's signing key is made in one place (db.sharing.signing_keys): from the command
line's export and delivery, each key made leaves exactly one "created" entry in the
audit trail, and a key whose entry cannot be written is not kept."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from db.keys import credentials
from db.sharing import signing_keys
from tests.delivery_service import Service
from tests.requests_helpers import make_doc, write_doc
from tests.signing_key_entries import created, key_entries, refuse_entries
from tests.test_sharing import approve_all, resident, run  # noqa: F401 - CLI fixtures

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def key_id() -> str:
    found = signing_keys.current()
    assert found is not None
    return found[1]


def test_made_rotated_and_exported_each_recorded_once(db, tmp_path: Path) -> None:
    path = tmp_path / "doorstep.sqlite3"
    made = signing_keys.ensure(db, now=NOW)
    assert made.made == "created" and signing_keys.ensure(db, now=NOW).made is None
    exported = signing_keys.export_public_key(db, tmp_path / "public.pem", now=NOW)
    assert exported.key.made is None and exported.key.key_id == made.key_id
    assert exported.path.read_bytes() == signing_keys.public_key_pem()
    new = signing_keys.rotate(db, now=NOW)
    assert key_entries(path) == [
        created(made.key_id),
        {"kind": "signing key", "target": new.key_id, "change": "rotated"},
    ]


def test_export_makes_the_key_it_exports(db, tmp_path: Path) -> None:
    path = tmp_path / "doorstep.sqlite3"
    exported = signing_keys.export_public_key(db, tmp_path / "public.pem", now=NOW)
    assert exported.key.made == "created" and b"PUBLIC KEY" in exported.path.read_bytes()
    assert key_entries(path) == [created(key_id())]


def test_a_key_whose_entry_cannot_be_written_is_not_kept(db, tmp_path: Path) -> None:
    path = tmp_path / "doorstep.sqlite3"
    refuse_entries(path)
    with pytest.raises(sqlite3.IntegrityError, match="disk full"):
        signing_keys.ensure(db, now=NOW)
    assert signing_keys.current() is None
    out = tmp_path / "public.pem"
    with pytest.raises(sqlite3.IntegrityError, match="disk full"):
        signing_keys.export_public_key(db, out, now=NOW)
    assert signing_keys.current() is None and not out.exists()
    # A rotation that cannot be recorded puts the old key back.
    old, _old_id, _change = credentials.store_new_signing_key()
    with pytest.raises(sqlite3.IntegrityError, match="disk full"):
        signing_keys.rotate(db, now=NOW)
    current = signing_keys.current()
    assert current is not None and current[0] == old
    assert key_entries(path) == []


def test_cli_export_records_the_key_it_makes_once(resident, capsys) -> None:  # noqa: F811
    doc = make_doc()
    db = resident["db"]
    run(capsys, "--db", db, "import-request", str(write_doc(resident["tmp"], doc)))
    approve_all(capsys, db, doc["id"], resident["clips"])
    for name in ("one", "two"):
        out = resident["tmp"] / name
        out.mkdir()
        code, _, err = run(capsys, "--db", db, "export", doc["id"], "--out", str(out))
        assert code == 0, err
    assert key_entries(db) == [created(key_id())]


def test_cli_deliver_records_the_key_it_makes_once(
    resident,  # noqa: F811
    capsys,
    server,
    ca,
    tmp_path: Path,
) -> None:
    service = Service(server, token="upload-token-1")
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    doc = make_doc(delivery={"method": "upload", "url": service.url})
    db = resident["db"]
    run(capsys, "--db", db, "import-request", str(write_doc(resident["tmp"], doc)))
    approve_all(capsys, db, doc["id"], resident["clips"])
    credentials.set_upload_token(service.url, "upload-token-1")
    code, _, err = run(capsys, "--db", db, "deliver", doc["id"], "--ca-file", str(ca_file))
    assert code == 0, err
    assert key_entries(db) == [created(key_id())]


def test_cli_export_keeps_no_key_without_its_entry(resident, capsys) -> None:  # noqa: F811
    doc = make_doc()
    db = resident["db"]
    run(capsys, "--db", db, "import-request", str(write_doc(resident["tmp"], doc)))
    approve_all(capsys, db, doc["id"], resident["clips"])
    refuse_entries(db)
    out = resident["tmp"] / "out"
    out.mkdir()
    code, stdout, err = run(capsys, "--db", db, "export", doc["id"], "--out", str(out))
    assert code == 1 and stdout == "" and err == "doorstep: the database: disk full\n"
    assert signing_keys.current() is None and list(out.iterdir()) == []
