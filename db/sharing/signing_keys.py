"""The resident's signing key: the one service every path uses to read, make, rotate
or export it (the window, the command line, package export and delivery), so that a
key made anywhere is recorded the same way: one "credential changed" entry in the
audit trail, ``{"kind": "signing key", "target": <key id>, "change": "created"}``
("rotated" when a key replaced another; see docs/audit.md).

Each change has two halves, so the window can run them on different threads:
- the keyring half (``stage``, ``stage_rotation``) may block on the keyring: the window
  runs it on a worker. It reads the key, or writes a new one to the keyring, and
  returns a ``Staged`` saying what it did;
- the database half (``record``) writes the audit entry in one transaction, on the
  database thread. When it fails the keyring write is taken back (the window does
  that on a worker again), so no key is kept without its entry.
The command line runs both in a row: ``ensure``, ``rotate``, ``export_public_key``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from sqlite_utils import Database

from db.audit import trail as audit
from db.keys import credentials

Made = Literal["created", "rotated"]


@dataclass(frozen=True)
class Staged:
    """The key after its keyring half: its PEM and key id; ``made`` says whether this
    call wrote it to the keyring (None: it was there already), and ``change`` takes
    that write back."""

    pem: bytes = field(repr=False)
    key_id: str
    made: Made | None = None
    change: credentials.Change | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Exported:
    """A public key written for others: where, and the key (``key.made`` when it had
    to be made for this export)."""

    path: Path
    key: Staged


def current() -> tuple[bytes, str] | None:
    """The resident's private key (PEM) and key id, or None when there is none yet.
    Reads only: never makes one."""
    return credentials.signing_key()


def public_key_pem() -> bytes | None:
    """The resident's public key (PEM), or None when there is no key yet."""
    from db.keys import signing

    found = current()
    if found is None:
        return None
    return signing.public_key_pem(signing.public_key_of_private(found[0]))


# --- keyring halves (a worker thread in the window) -------------------------------------


def stage() -> Staged:
    """The key, made and written to the keyring when there is none (then ``made`` is
    "created": call ``record`` next)."""
    found = credentials.signing_key(action="cannot read or make your signing key")
    if found is not None:
        return Staged(*found)
    return stage_rotation()


def stage_rotation() -> Staged:
    """A new key in the keyring, replacing the old one (packages signed with the old
    key still verify with the public key they carry): call ``record`` next."""
    pem, key_id, change = credentials.store_new_signing_key()
    return Staged(pem, key_id, "rotated" if change.existed else "created", change)


def certificate(key_pem: bytes, key_id: str, *, now: datetime) -> bytes:
    """The X.509 certificate of the signing key for content credentials
    (db.sharing.content_credentials): the one kept beside the key in the keyring, or,
    when there is none or it belongs to another key (rotated since), a new one made
    and kept there. It holds nothing secret and says nothing the key's own audit entry
    does not, so it has no audit entry of its own. Keyring half: a worker thread."""
    from db.sharing.content_credentials import certificate_fits, make_certificate

    kept = credentials.signing_certificate()
    if kept is not None and certificate_fits(kept, key_pem):
        return kept
    made = make_certificate(key_pem, key_id, now=now)
    credentials.store_signing_certificate(made)
    return made


# --- database half (the database thread in the window) ----------------------------------


def record(db: Database, key: Staged, *, now: datetime) -> Staged:
    """The audit entry for a key this call made (nothing when it was there), in one
    transaction. The caller takes ``key.change`` back if this raises."""
    if key.made is not None:
        audit.credential_changed(db, "signing key", key.key_id, key.made, now=now)
    return key


def write_public_key(path: Path, key: Staged) -> Path:
    """The public half of ``key`` at ``path`` (temp file, then rename)."""
    from db.keys import signing
    from db.store.fileio import write_atomically

    pem = signing.public_key_pem(signing.public_key_of_private(key.pem))
    write_atomically(path, pem, mode=0o644)  # a public key: others may read it
    return path


# --- both halves in a row (the command line) --------------------------------------------


def _kept(db: Database, key: Staged, now: datetime) -> Staged:
    with credentials.undone_on_error(key.change):
        return record(db, key, now=now)


def ensure(db: Database, *, now: datetime) -> Staged:
    """The key, made and recorded when there is none."""
    return _kept(db, stage(), now)


def rotate(db: Database, *, now: datetime) -> Staged:
    """A new key, recorded."""
    return _kept(db, stage_rotation(), now)


def export_public_key(db: Database, path: Path, *, now: datetime) -> Exported:
    """The public key written to ``path``; the key made and recorded first when there
    is none."""
    key = ensure(db, now=now)
    return Exported(write_public_key(path, key), key)
