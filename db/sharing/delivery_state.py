"""Which package ``deliver`` sends for a request, so that a request's footage reaches the
agency once (docs/delivery.md, "Running deliver again").

A package for delivery is built into the data folder's ``packages`` folder and recorded
(a ``packages`` row and "package built" in the audit trail) before anything is sent.
Until the service confirms it, it is the package *being delivered*: ``deliver`` run again
(after a failure, a cancel, a crash) sends that same folder, byte for byte, and the
service, which knows a package by its manifest's SHA-256, continues the same package. A
new package is built only when the resident's decisions no longer match it (a clip in it
declined, or another approved) or its folder is gone or damaged. Once confirmed, the
package is *delivered*: ``deliver`` sends nothing unless asked to send the same package
again, which the audit trail records as "package delivered again".

The command line and the window both go through :func:`plan_delivery` (database thread),
build when the plan says so, send with :func:`db.sharing.delivery.deliver` (a worker thread) and
record with :func:`record_sent` (database thread).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from db.audit import trail as audit
from db.sharing.package_format import payload_entries, read_manifest
from db.sharing.package_names import package_path
from db.sharing.shares import Prepared, SharingError, delivery_url, prepare, record_delivery
from db.store import paths
from db.words.i18n import _

if TYPE_CHECKING:
    from db.sharing.delivery_types import DeliveryReceipt

PACKAGES = "packages"  # under the data folder


class AlreadyDelivered(SharingError):
    """The request's package was confirmed by the service; nothing was sent."""


@dataclass(frozen=True)
class Built:
    """A package recorded in ``packages``."""

    row: int
    path: Path
    manifest_sha256: str
    created_at: str


@dataclass(frozen=True)
class Delivered:
    at: str
    url: str
    server_package_id: str


@dataclass(frozen=True)
class Plan:
    """What ``deliver`` does for a request: send ``package`` (built before), or build
    ``prepared`` into ``folder`` first; ``delivered`` is set when the package was
    confirmed before and is sent again on purpose."""

    row_id: int
    request_id: str
    agency_id: str
    url: str
    folder: Path
    package: Built | None
    prepared: Prepared | None
    delivered: Delivered | None = None
    superseded: Built | None = None  # an unconfirmed package the decisions left behind

    @property
    def note(self) -> str | None:
        """What to tell the resident before sending, if anything."""
        if self.delivered is not None:
            return (
                f"Already delivered on {self.delivered.at} to {self.delivered.url}; "
                "sending the same package again, as asked."
            )
        if self.package is not None:
            return (
                f"Continuing the delivery of the package built on {self.package.created_at} "
                f"({self.package.path}); the service is sent only what it does not have."
            )
        if self.superseded is not None:
            return (
                f"Building a new package: your decisions changed since the one built on "
                f"{self.superseded.created_at}, which the service never confirmed."
            )
        return None


def packages_dir() -> Path:
    """The folder delivery packages are built in, made if needed and checked writable
    (a file is made and removed there), so that nothing is built where it cannot be
    kept. SharingError in one line otherwise."""
    from db.store.fileio import WriteError

    folder: Path | None = None
    try:
        base = paths.data_dir()
    except WriteError as exc:  # already names the data folder and what is wrong
        raise SharingError(f"cannot keep delivery packages: {exc}; nothing was sent") from None
    try:
        folder = (base / PACKAGES).resolve()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".doorstep-probe-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        where = exc.filename or folder or "the data folder"
        raise SharingError(
            f"{where}: cannot keep delivery packages there ({_reason(exc)}); nothing was sent"
        ) from None
    return folder


def _reason(exc: OSError) -> str:
    if isinstance(exc, FileExistsError | NotADirectoryError):
        return "it is not a folder"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "not allowed to write there"
    return exc.strerror or type(exc).__name__


def package_target(folder: Path, request_id: str, now: datetime) -> Path:
    """A new package's path in ``folder``, named as every package is
    (:func:`db.sharing.package_names.package_path`: always inside ``folder``), with a number
    added should two be built in the same second."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    target, number = package_path(folder, request_id, stamp, as_zip=False), 1
    while target.exists():
        number += 1
        target = package_path(folder, request_id, f"{stamp}-{number}", as_zip=False)
    return target


def plan_delivery(
    db: Database,
    row_id: int,
    *,
    now: datetime,
    again: bool = False,
    keep_audio: bool = False,
    subtitles: bool = False,
    burn_in_utc: bool = False,
    redact: frozenset[str] = frozenset({"masks"}),
    accepted_by: str | None = None,
) -> Plan:
    """What ``deliver`` does for this request now (database thread). Raises
    :class:`AlreadyDelivered` for a confirmed package unless ``again``, and SharingError
    when nothing can be sent (a rule blocks the request, nothing approved, no upload
    address, the data folder cannot hold the package)."""
    request_id, agency_id = db.execute(
        "SELECT request_id, agency_id FROM requests WHERE id = ?", [row_id]
    ).fetchone()
    done = _delivered(db, row_id)
    if done is not None and not again:
        delivered = done[1]
        raise AlreadyDelivered(
            f"already delivered on {delivered.at} to {delivered.url} (the service's package "
            f"{delivered.server_package_id}); nothing was sent"
        )
    folder = packages_dir()
    if done is not None:
        built, delivered = done
        from db.requests.request_doc import parse_request
        from db.sharing.decisions import blocking_reasons

        blocked = blocking_reasons(db, row_id, now)
        if blocked:
            raise SharingError(_("nothing can be shared for this request: ") + " ".join(blocked))
        raw = db.execute("SELECT raw FROM requests WHERE id = ?", [row_id]).fetchone()[0]
        url = delivery_url(parse_request(bytes(raw)).delivery)
        problem = _unusable(built)
        if problem is not None:
            raise SharingError(
                f"{built.path}: the package delivered on {delivered.at} {problem}; it cannot "
                "be sent again as it was; nothing was sent"
            )
        return Plan(row_id, request_id, agency_id, url, folder, built, None, delivered)
    prepared = prepare(
        db,
        row_id,
        now=now,
        keep_audio=keep_audio,
        utc_subtitles=subtitles,
        burn_in_utc=burn_in_utc,
        redact=redact,
        accepted_by=accepted_by,
    )
    url = delivery_url(prepared.delivery)
    superseded = None
    for built in _built_for_delivery(db, row_id, folder):
        if _unusable(built) is not None:
            continue
        wanted = Counter(
            (e.source_sha256.lower(), e.redaction.digest() if e.redaction else "")
            for e in prepared.spec.excerpts
        )
        if _sources(built) == wanted:
            return Plan(row_id, request_id, agency_id, url, folder, built, None)
        superseded = superseded or built
    return Plan(row_id, request_id, agency_id, url, folder, None, prepared, None, superseded)


def record_sent(
    db: Database, plan: Plan, package_row: int, receipt: DeliveryReceipt, *, now: datetime
) -> str:
    """Record a confirmed delivery (a package sent again: its own audit entry, the first
    delivery stays the record); what happened, in words. Database thread."""
    confirmed = len(receipt.confirmed)
    if plan.delivered is None:
        record_delivery(
            db,
            package_row,
            receipt.url,
            receipt.package_id,
            confirmed,
            receipt.bytes_sent,
            now=now,
        )
        return f"Delivered {confirmed} file(s) to {receipt.url}; the service confirmed each one."
    assert plan.package is not None
    audit.append(
        db,
        "package delivered again",
        now=now,
        request_id=plan.request_id,
        agency_id=plan.agency_id,
        details={
            "url": receipt.url,
            "server_package_id": receipt.package_id,
            "confirmed_files": confirmed,
            "bytes_sent": receipt.bytes_sent,
            "manifest_sha256": plan.package.manifest_sha256,
            "first_delivered_at": plan.delivered.at,
        },
    )
    return (
        f"Delivered {confirmed} file(s) to {receipt.url} again; the service confirmed each "
        "one. The audit trail records this second delivery."
    )


def _delivered(db: Database, row_id: int) -> tuple[Built, Delivered] | None:
    """The request's confirmed package (the first, should there be more)."""
    row = db.execute(
        "SELECT p.id, p.path, p.manifest_sha256, p.created_at, d.delivered_at, d.url, "
        "d.server_package_id FROM deliveries d JOIN packages p ON p.id = d.package_id "
        "WHERE p.request_row = ? ORDER BY d.delivered_at, d.id LIMIT 1",
        [row_id],
    ).fetchone()
    if row is None:
        return None
    built = Built(int(row[0]), Path(row[1]), str(row[2]), str(row[3]))
    return built, Delivered(str(row[4]), str(row[5]), str(row[6]))


def _built_for_delivery(db: Database, row_id: int, folder: Path) -> list[Built]:
    """The request's packages built in the packages folder (not exports), newest first."""
    found = []
    for pid, path, digest, created in db.execute(
        "SELECT id, path, manifest_sha256, created_at FROM packages WHERE request_row = ? "
        "ORDER BY id DESC",
        [row_id],
    ):
        if Path(path).resolve().parent == folder:
            found.append(Built(int(pid), Path(path), str(digest), str(created)))
    return found


def _unusable(built: Built) -> str | None:
    """Why a recorded package folder cannot be sent as it was built, or None. Cheap: the
    manifest's hash and every file's size (deliver hashes every byte before sending)."""
    manifest = read_manifest(built.path) if built.path.is_dir() else None
    if manifest is None:
        return "is gone or unreadable"
    if hashlib.sha256(manifest).hexdigest() != built.manifest_sha256:
        return "has another manifest than was built"
    try:
        for entry in payload_entries(json.loads(manifest)):
            if (built.path / entry["name"]).stat().st_size != entry["size"]:
                return f"has a changed {entry['name']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "is missing files"
    return None


def _sources(built: Built) -> Counter[tuple[str, str]]:
    """The original clips (by SHA-256) a package holds excerpts of, each with the
    SHA-256 of the redaction plan it was cut with ("" for none): a package redacted
    otherwise than asked now is not the one to send."""
    manifest = json.loads(read_manifest(built.path) or b"{}")
    return Counter(
        (
            str(f.get("source", {}).get("sha256", "")).lower(),
            str((f.get("redaction") or {}).get("plan_sha256") or ""),
        )
        for f in manifest.get("files", [])
    )
