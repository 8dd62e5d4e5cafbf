"""Requests the resident records from what an agency sent by email, text message, an
app, a letter or in person (docs/requests.md, "Requests you record yourself").

The resident's entry becomes an ordinary ``doorstep.request/1`` document (a new id, no
signature) stored through db.requests.intake.receive with source "resident": the same
checks, rules, matching and audit entry as a request that came as a file, in one
transaction. Only the stored source marks it as the resident's, so the signature rule
says it was entered by the resident instead of warning that it is unsigned.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlite_utils import Database

from db.requests.intake import Received, receive
from db.requests.request_types import REQUEST_FORMAT, THIRD_PARTY_VALUES, RequestError
from db.words.i18n import _

RECEIVED_VIA = ("email", "text", "app", "letter", "in_person", "phone", "other")
# A request that does not say when it expires is taken to expire this long after it
# was issued (docs/requests.md); the resident can give the date the agency stated.
DEFAULT_VALIDITY = timedelta(days=30)

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class ManualRequest:
    """What the resident read in the request they received. Times are aware."""

    agency_name: str
    window_start: datetime
    window_end: datetime
    area: dict[str, Any]  # GeoJSON Polygon, or {"type": "Point", "coordinates", "radius_m"}
    received_via: str
    agency_id: str | None = None  # None: a slug of the name
    case_number: str | None = None
    incident: str | None = None
    description: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    issued_at: datetime | None = None  # None: when it is recorded
    expires_at: datetime | None = None  # None: issued + DEFAULT_VALIDITY
    retention_days: int | None = None
    third_party_sharing: str | None = None  # one of THIRD_PARTY_VALUES, None = not stated
    portal_url: str | None = None  # https: where the agency takes the footage


def agency_slug(name: str) -> str:
    """ "King County Sheriff's Office" -> "king-county-sheriffs-office"; a name with no
    letters or digits in the Latin alphabet gets one from its hash."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower().replace("'", "")).strip("-")[:80]
    if slug:
        return slug
    return "agency-" + hashlib.sha256(name.strip().encode()).hexdigest()[:12]


def _text(value: str | None) -> str | None:
    """A field's text without surrounding blanks; blank is not given."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def _aware(name: str, moment: datetime | None) -> None:
    if moment is not None and (moment.tzinfo is None or moment.utcoffset() is None):
        raise RequestError(name, _("has no time zone; say which zone the time is in"))


def _rfc3339(moment: datetime) -> str:
    """The time with the offset it was given in (the sender's zone stays readable)."""
    return moment.replace(microsecond=0).isoformat()


def _check(m: ManualRequest) -> None:
    """Refusals named by ManualRequest field, before the document is built."""
    if _text(m.agency_name) is None:
        raise RequestError("agency_name", _("is missing: say which agency sent the request"))
    if m.agency_id is not None and _text(m.agency_id) is None:
        raise RequestError("agency_id", _("is blank; leave it out to make one from the name"))
    if m.agency_id is not None and len(m.agency_id.strip()) > 200:
        raise RequestError("agency_id", _("is longer than 200 characters"))
    for name in ("window_start", "window_end", "issued_at", "expires_at"):
        _aware(name, getattr(m, name))
    if m.window_end <= m.window_start:
        same = m.window_end == m.window_start
        relation = _("the same time as") if same else _("before")
        raise RequestError(
            "window_end",
            _("is %(relation)s the window's start; the window must end after it starts")
            % {"relation": relation},
        )
    if m.received_via not in RECEIVED_VIA:
        raise RequestError(
            "received_via",
            _("must be one of %(value)s; not %(received_via)s")
            % {"value": ", ".join(RECEIVED_VIA), "received_via": repr(m.received_via)},
        )
    if m.third_party_sharing is not None and m.third_party_sharing not in THIRD_PARTY_VALUES:
        raise RequestError(
            "third_party_sharing",
            _("must be one of %(value)s; not %(third_party_sharing)s")
            % {
                "value": ", ".join(THIRD_PARTY_VALUES),
                "third_party_sharing": repr(m.third_party_sharing),
            },
        )
    if m.retention_days is not None and (
        isinstance(m.retention_days, bool) or int(m.retention_days) != m.retention_days
    ):
        raise RequestError("retention_days", _("must be a whole number of days"))
    if m.retention_days is not None and m.retention_days < 0:
        raise RequestError("retention_days", _("must be 0 or more days"))
    email = _text(m.contact_email)
    if email is not None and not _EMAIL.fullmatch(email):
        raise RequestError(
            "contact_email", _("%(email)s is not an email address") % {"email": repr(email)}
        )
    _check_portal(m.portal_url)
    if not isinstance(m.area, dict) or m.area.get("type") not in ("Polygon", "Point"):
        raise RequestError(
            "area", _("must be a GeoJSON Polygon or a Point with radius_m (a circle)")
        )


def _check_portal(url: str | None) -> None:
    if url is None:
        return
    if url != url.strip() or any(char.isspace() for char in url):
        raise RequestError("portal_url", _("must not contain spaces or line breaks"))
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise RequestError(
            "portal_url", _("is not a usable link: %(exc)s") % {"exc": exc}
        ) from None
    if parts.scheme.lower() != "https" or not host:
        raise RequestError(
            "portal_url", _("must be an https:// link with a host name (the agency's portal)")
        )


def build_document(m: ManualRequest, *, now: datetime) -> dict[str, Any]:
    """The ``doorstep.request/1`` document for the resident's entry: a new id, no
    signature. ``now`` stands in for the issue time when none is given. Raises
    RequestError naming the ManualRequest field for what the document could not say;
    the full check is parse_request's, in record_request."""
    _check(m)
    name = str(_text(m.agency_name))
    agency_id = _text(m.agency_id) or agency_slug(name)
    issued = m.issued_at or now
    expires = m.expires_at or issued + DEFAULT_VALIDITY
    doc: dict[str, Any] = {
        "format": REQUEST_FORMAT,
        "id": str(uuid.uuid4()),
        "agency": {"id": agency_id, "name": name},
    }
    for key in ("case_number", "incident", "description"):
        value = _text(getattr(m, key))
        if value is not None:
            doc[key] = value
    contact = {
        key: value
        for key in ("name", "email", "phone")
        if (value := _text(getattr(m, f"contact_{key}"))) is not None
    }
    if contact:
        doc["contact"] = contact
    doc["window"] = {"start": _rfc3339(m.window_start), "end": _rfc3339(m.window_end)}
    doc["area"] = m.area
    doc["issued_at"] = _rfc3339(issued)
    doc["expires_at"] = _rfc3339(expires)
    if m.retention_days is not None:
        doc["retention_days"] = int(m.retention_days)
    if m.third_party_sharing is not None:
        doc["third_party_sharing"] = m.third_party_sharing
    if m.portal_url is not None:
        doc["delivery"] = {"method": "portal", "url": m.portal_url}
    return doc


# Where parse_request's refusals point in the document -> the ManualRequest field.
_FIELDS = {
    "agency.name": "agency_name",
    "agency.id": "agency_id",
    "window.start": "window_start",
    "window.end": "window_end",
    "delivery.url": "portal_url",
    "delivery": "portal_url",
    "contact.name": "contact_name",
    "contact.email": "contact_email",
    "contact.phone": "contact_phone",
}


def _named(error: RequestError) -> RequestError:
    """A document refusal named by the ManualRequest field it comes from."""
    path = error.field
    if path == "area" or path.startswith("area.") or path.startswith("area["):
        inner = path[len("area") :].lstrip(".")
        return RequestError("area", f"{inner} {error.problem}" if inner else error.problem)
    if path in _FIELDS:
        return RequestError(_FIELDS[path], error.problem)
    return error


def record_request(db: Database, m: ManualRequest, *, now: datetime) -> Received:
    """Store the resident's entry like any request (rules, matching, audit) with source
    "resident", in one transaction. Raises RequestError naming the field."""
    from db.requests.request_doc import parse_request

    raw = json.dumps(build_document(m, now=now), indent=2, ensure_ascii=False).encode()
    try:
        doc = parse_request(raw)
    except RequestError as exc:
        raise _named(exc) from None
    try:
        return receive(db, doc, source="resident", received_via=m.received_via, now=now)
    except RequestError as exc:
        raise _named(exc) from None
