"""Agencies that send requests: who they are and the Ed25519 keys they sign with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from db.store.timeutil import now_utc_text


class AgencyError(ValueError):
    """Invalid agency data; the message names the field."""


@dataclass(frozen=True)
class Agency:
    id: str
    name: str
    jurisdiction: str | None = None
    contact: str | None = None
    key_ids: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "jurisdiction": self.jurisdiction,
            "contact": self.contact,
            "key_ids": list(self.key_ids),
        }


def _validate(agency_id: str, name: str) -> None:
    if not agency_id or not agency_id.strip():
        raise AgencyError("id: an agency needs an id")
    if len(agency_id) > 200:
        raise AgencyError("id: at most 200 characters")
    if not name or not name.strip():
        raise AgencyError("name: an agency needs a name")


def upsert_agency(
    db: Database,
    agency_id: str,
    name: str,
    jurisdiction: str | None = None,
    contact: str | None = None,
    *,
    overwrite: bool = True,
) -> Agency:
    """Add an agency, or (with ``overwrite``) update its name, jurisdiction and contact.
    Runs inside the caller's transaction when there is one."""
    _validate(agency_id, name)
    with db.atomic():
        _audit(db, agency_id, {"name": name, "jurisdiction": jurisdiction, "contact": contact})
        if overwrite:
            db.execute(
                "INSERT INTO agencies (id, name, jurisdiction, contact, created_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                "jurisdiction = coalesce(excluded.jurisdiction, jurisdiction), "
                "contact = coalesce(excluded.contact, contact)",
                [agency_id, name.strip(), jurisdiction, contact, now_utc_text()],
            )
        else:
            db.execute(
                "INSERT INTO agencies (id, name, jurisdiction, contact, created_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                [agency_id, name.strip(), jurisdiction, contact, now_utc_text()],
            )
    return get_agency(db, agency_id)


def ensure_agency(db: Database, agency_id: str, name: str, jurisdiction: str | None = None) -> None:
    """Record an agency first seen in a request; one already known is left as it is.
    Runs inside the caller's transaction."""
    _validate(agency_id, name)
    db.execute(
        "INSERT INTO agencies (id, name, jurisdiction, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (id) DO NOTHING",
        [agency_id, name.strip(), jurisdiction, now_utc_text()],
    )


def _audit(db: Database, agency_id: str, details: dict[str, Any]) -> None:
    from datetime import UTC, datetime

    from db.audit import trail as audit

    audit.append(db, "agency changed", now=datetime.now(UTC), agency_id=agency_id, details=details)


def add_key(db: Database, agency_id: str, key_id: str, public_key: bytes) -> None:
    """Record one of the agency's public keys (32 raw bytes) under its key id."""
    if not key_id or not key_id.strip():
        raise AgencyError("key id: a key needs an id (the signature's key_id)")
    if len(public_key) != 32:
        raise AgencyError("public key: an Ed25519 public key is 32 bytes")
    get_agency(db, agency_id)
    with db.atomic():
        _audit(db, agency_id, {"key_added": key_id.strip(), "public_key": public_key.hex()})
        db.execute(
            "INSERT INTO agency_keys (agency_id, key_id, public_key, added_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (agency_id, key_id) DO UPDATE SET "
            "public_key = excluded.public_key, added_at = excluded.added_at",
            [agency_id, key_id.strip(), public_key, now_utc_text()],
        )


def agency_keys(db: Database, agency_id: str) -> dict[str, bytes]:
    rows = db.execute("SELECT key_id, public_key FROM agency_keys WHERE agency_id = ?", [agency_id])
    return {str(r[0]): bytes(r[1]) for r in rows}


def get_agency(db: Database, agency_id: str) -> Agency:
    row = db.execute(
        "SELECT id, name, jurisdiction, contact FROM agencies WHERE id = ?", [agency_id]
    ).fetchone()
    if row is None:
        raise AgencyError(f"no agency with id {agency_id!r}")
    keys = tuple(sorted(agency_keys(db, agency_id)))
    return Agency(row[0], row[1], row[2], row[3], keys)


def list_agencies(db: Database) -> list[Agency]:
    ids = [r[0] for r in db.execute("SELECT id FROM agencies ORDER BY name COLLATE NOCASE")]
    return [get_agency(db, i) for i in ids]
