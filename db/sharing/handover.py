"""Hand-overs: a package the resident gave the agency outside Doorstep, through the
agency's web portal, on a USB drive or in person, recorded afterwards (docs/packages.md,
"Handing a package over").

Only the request's current package can be recorded as handed over: the newest one built
for the version of the request in force. A hand-over is recorded once per package, with
its audit entry in the same transaction; the retention follow-up (db.sharing.retention)
counts the request's stated retention from the hand-over date as from an upload.
Database thread; no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from db.audit import trail as audit
from db.sharing.shares import SharingError
from db.store.timeutil import to_utc_text
from db.words.i18n import N_, _

METHODS = ("portal", "usb", "in_person")
METHOD_WORDS = {
    "portal": N_("uploaded through the agency's portal"),
    "usb": N_("handed over on a USB drive"),
    "in_person": N_("handed over in person"),
}
MAX_RECIPIENT = 200
MAX_NOTE = 2000
_HEX64 = re.compile(r"[0-9a-f]{64}")


class HandoverError(SharingError):
    """A hand-over that cannot be recorded, and why, in words."""


@dataclass(frozen=True)
class CurrentPackage:
    """The package a hand-over of a request would record."""

    package_id: int
    request_row: int
    request_id: str
    path: Path
    manifest_sha256: str
    created_at: str
    handed_at: str | None  # when it was recorded as handed over, if it was
    method: str | None


def current_package(db: Database, row_id: int) -> CurrentPackage | None:
    """The newest package built for the version in force of the request whose version
    row is ``row_id`` (any version of it), with its hand-over if recorded; None when no
    package was built for that version."""
    row = db.execute(
        "SELECT cur.id FROM requests r JOIN requests cur ON cur.request_id = r.request_id "
        "AND cur.state = 'current' WHERE r.id = ?",
        [row_id],
    ).fetchone()
    if row is None:
        return None
    found = db.execute(
        "SELECT p.id, p.request_row, r.request_id, p.path, p.manifest_sha256, p.created_at, "
        "h.handed_at, h.method FROM packages p JOIN requests r ON r.id = p.request_row "
        "LEFT JOIN handovers h ON h.package_id = p.id WHERE p.request_row = ? "
        "ORDER BY p.id DESC LIMIT 1",
        [row[0]],
    ).fetchone()
    if found is None:
        return None
    pid, request_row, request_id, path, digest, created, handed_at, method = found
    return CurrentPackage(
        int(pid), int(request_row), str(request_id), Path(path), str(digest), str(created),
        handed_at, method,
    )  # fmt: skip


def _clean(value: str | None, limit: int, what: str) -> str | None:
    text = (value or "").strip()
    if len(text) > limit:
        raise HandoverError(
            _("%(what)s is %(n)d characters long; at most %(limit)d")
            % {"what": _(what), "n": len(text), "limit": limit}
        )
    return text or None


def _refusal(db: Database, package_id: int) -> tuple[str, str, str, int, str]:
    """(request id, agency id, manifest SHA-256, request row, path) of a package that can
    be recorded as handed over; HandoverError naming the problem otherwise."""
    row = db.execute(
        "SELECT r.request_id, r.agency_id, p.manifest_sha256, p.request_row, p.path, r.state "
        "FROM packages p JOIN requests r ON r.id = p.request_row WHERE p.id = ?",
        [package_id],
    ).fetchone()
    if row is None:
        raise HandoverError(_("there is no package %(id)s") % {"id": package_id})
    request_id, agency_id, digest, request_row, path, state = row
    if state == "withdrawn":
        raise HandoverError(
            _("package %(id)s is for request %(request)s, which the agency withdrew")
            % {"id": package_id, "request": request_id}
        )
    current = current_package(db, int(request_row))
    if current is None or current.package_id != package_id:
        if state != "current":
            why = _("a newer version of the request arrived since it was built")
        else:
            assert current is not None
            why = _("package %(id)s was built after it (%(at)s)") % {
                "id": current.package_id,
                "at": current.created_at,
            }
        raise HandoverError(
            _("package %(id)s is not the current package of request %(request)s: %(why)s")
            % {"id": package_id, "request": request_id, "why": why}
        )
    done = db.execute(
        "SELECT h.handed_at, h.method FROM handovers h WHERE h.package_id = ?", [package_id]
    ).fetchone()
    if done is not None:
        raise HandoverError(
            _("package %(id)s was recorded as %(how)s on %(at)s already")
            % {"id": package_id, "how": _(METHOD_WORDS[done[1]]), "at": done[0]}
        )
    sent = db.execute(
        "SELECT delivered_at, url FROM deliveries WHERE package_id = ?", [package_id]
    ).fetchone()
    if sent is not None:
        raise HandoverError(
            _("package %(id)s was delivered to %(url)s on %(at)s")
            % {"id": package_id, "url": sent[1], "at": sent[0]}
        )
    return str(request_id), str(agency_id), str(digest), int(request_row), str(path)


def record_handover(
    db: Database,
    package_id: int,
    *,
    method: str,
    handed_at: datetime,
    recipient: str | None,
    note: str | None,
    encrypted_sha256: str | None,
    now: datetime,
) -> int:
    """Record that the package was handed over (``method``: "portal", "usb" or
    "in_person") at ``handed_at`` (aware, not after ``now``), with its audit entry, in
    one transaction (database thread). Returns the hand-over's row id. HandoverError
    names what is wrong: an unknown method, a date in the future, a package that is not
    the request's current one or was handed over or delivered already."""
    if method not in METHODS:
        raise HandoverError(f"unknown hand-over method {method!r}: one of {', '.join(METHODS)}")
    if handed_at.tzinfo is None:
        raise HandoverError("the hand-over time has no time zone")
    if handed_at > now:
        raise HandoverError(
            _("the hand-over date %(at)s is in the future (now is %(now)s)")
            % {"at": to_utc_text(handed_at), "now": to_utc_text(now)}
        )
    recipient = _clean(recipient, MAX_RECIPIENT, N_("the recipient"))
    note = _clean(note, MAX_NOTE, N_("the note"))
    if encrypted_sha256 is not None:
        encrypted_sha256 = encrypted_sha256.strip().lower()
        if not _HEX64.fullmatch(encrypted_sha256):
            raise HandoverError("the encrypted zip's SHA-256 is not 64 hexadecimal digits")
    with db.atomic():
        request_id, agency_id, digest, _row, path = _refusal(db, package_id)
        cur = db.execute(
            "INSERT INTO handovers (package_id, method, handed_at, recipient, note, "
            "encrypted_sha256, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                package_id,
                method,
                to_utc_text(handed_at),
                recipient,
                note,
                encrypted_sha256,
                to_utc_text(now),
            ],
        )
        details: dict[str, object] = {
            "method": method,
            "handed_at": to_utc_text(handed_at),
            "manifest_sha256": digest,
            "path": path,
        }
        if recipient:
            details["recipient"] = recipient
        if note:
            details["note"] = note
        if encrypted_sha256:
            details["encrypted_sha256"] = encrypted_sha256
        audit.append(
            db,
            "package handed over",
            now=now,
            request_id=request_id,
            agency_id=agency_id,
            details=details,
        )
    return int(cur.lastrowid or 0)


def record_encrypted_zip(
    db: Database, package_id: int, path: Path, sha256: str, size: int, *, now: datetime
) -> None:
    """Audit that an encrypted zip of the package was made: where, its SHA-256 and size
    (never its password, which nothing keeps). Database thread."""
    row = db.execute(
        "SELECT r.request_id, r.agency_id, p.manifest_sha256 FROM packages p "
        "JOIN requests r ON r.id = p.request_row WHERE p.id = ?",
        [package_id],
    ).fetchone()
    if row is None:
        raise HandoverError(_("there is no package %(id)s") % {"id": package_id})
    with db.atomic():
        audit.append(
            db,
            "encrypted zip made",
            now=now,
            request_id=row[0],
            agency_id=row[1],
            details={
                "manifest_sha256": row[2],
                "encrypted_sha256": sha256.lower(),
                "bytes": size,
                "path": str(Path(path).resolve()),
            },
        )


def parse_handed_at(text: str, *, now: datetime) -> datetime:
    """When a hand-over happened, as typed: ``today``, a date (``2026-11-21``: the start
    of that day on this computer's clock, so that a retention period counted from it
    ends no later than the agency's), a date and time on this computer's clock
    (``2026-11-21 15:30``), or RFC 3339 with an offset. HandoverError names the text."""
    typed = text.strip()
    if typed.lower() == "today":
        return now.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    try:
        moment = datetime.fromisoformat(typed.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise HandoverError(
            f"cannot read {typed!r} as a date: give 2026-11-21, 2026-11-21 15:30 or today"
        ) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # this computer's clock
    return moment


def portal_link(db: Database, row_id: int) -> str | None:
    """The portal link the request names (its delivery method "portal"), or None."""
    import json

    raw = db.execute("SELECT delivery FROM requests WHERE id = ?", [row_id]).fetchone()
    try:
        delivery = json.loads(raw[0]) if raw and raw[0] else None
    except ValueError:
        return None
    if isinstance(delivery, dict) and delivery.get("method") == "portal":
        url = delivery.get("url")
        return url if isinstance(url, str) and url.startswith("https://") else None
    return None


def package_for_path(db: Database, path: Path) -> int | None:
    """The newest recorded package at ``path`` (as recorded: resolved), or None."""
    row = db.execute(
        "SELECT id FROM packages WHERE path = ? ORDER BY id DESC LIMIT 1",
        [str(Path(path).resolve())],
    ).fetchone()
    return None if row is None else int(row[0])
