"""Retention follow-up: footage the resident delivered whose stated retention has ended
(docs/retention.md).

A request may state how many days the agency keeps what it receives
(``requests.retention_days``). For each delivered package of such a request the period
runs from the delivery (``deliveries.delivered_at``), or for a package the resident handed
over through the agency's portal, on a USB drive or in person, from the hand-over
(``handovers.handed_at``, db.sharing.handover); once it has passed, the app reminds
the resident and drafts a letter asking the agency to delete every copy, naming the case
number and the hashes of what was delivered.

Reading the items runs on the database thread (it also reads each package's
``manifest.json`` when the package is still on disk). Drafting the letter is a pure
function. No Qt here.
"""

from __future__ import annotations

import hashlib
import json
import textwrap
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from db.sharing.package_format import payload_entries, read_manifest
from db.store.timeutil import parse_utc_text
from db.words.i18n import N_, _, ngettext
from db.words.timewords import month_name

LETTER_WIDTH = 72
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_THIRD_PARTY_WORDS = {
    "none": "that it would not be passed to third parties",
    "prosecution": "that it would be passed on only for prosecution",
    "other_agencies": "that it could be passed to other agencies",
    "unrestricted": "that it could be passed to third parties without restriction",
}


@dataclass(frozen=True)
class RetentionItem:
    """One delivered package of a request that stated a retention period."""

    request_id: str  # the request document's own id
    agency_id: str
    agency_name: str
    case_number: str | None
    incident: str | None
    delivered_at: str  # UTC text, as stored (2026-11-20T22:00:00.000Z)
    retention_days: int
    ends_at: datetime  # aware, UTC: delivered_at + retention_days
    due: bool  # ends_at <= now
    package_path: str
    manifest_sha256: str
    # (name, SHA-256) of each excerpt, from the package's manifest.json when the package
    # is still on disk and its manifest is the one delivered; empty otherwise.
    files: list[tuple[str, str]]
    delivery_url: str
    package_id: int = 0
    agency_jurisdiction: str | None = None
    agency_contact: str | None = None  # the agency's contact as the resident recorded it
    contact_name: str | None = None  # the investigator named in the request
    contact_email: str | None = None
    third_party_sharing: str | None = None  # as stated in the request; None = not stated
    request_version: int = 1
    handover_method: str | None = None  # "portal", "usb", "in_person"; None: an upload
    recipient: str | None = None  # who took it, as the resident recorded it

    @property
    def delivered(self) -> datetime:
        return parse_utc_text(self.delivered_at)

    @property
    def how(self) -> str:
        """How it reached the agency, in words: "uploaded to URL", "handed over in
        person"."""
        words = {
            "portal": N_("uploaded through the agency's portal"),
            "usb": N_("handed over on a USB drive"),
            "in_person": N_("handed over in person"),
        }
        if self.handover_method in words:
            return _(words[self.handover_method])
        return _("uploaded to %(url)s") % {"url": self.delivery_url}


# Uploads and hand-overs alike: the period runs from when the agency got the package.
_QUERY = """
SELECT r.request_id, r.version, r.agency_id, a.name, a.jurisdiction, a.contact,
    r.case_number, r.incident, r.contact, r.retention_days, r.third_party_sharing,
    d.delivered_at, d.url, p.id, p.path, p.manifest_sha256, NULL, NULL
FROM deliveries d
JOIN packages p ON p.id = d.package_id
JOIN requests r ON r.id = p.request_row
JOIN agencies a ON a.id = r.agency_id
WHERE r.retention_days IS NOT NULL
UNION ALL
SELECT r.request_id, r.version, r.agency_id, a.name, a.jurisdiction, a.contact,
    r.case_number, r.incident, r.contact, r.retention_days, r.third_party_sharing,
    h.handed_at, coalesce(json_extract(r.delivery, '$.url'), ''), p.id, p.path,
    p.manifest_sha256, h.method, h.recipient
FROM handovers h
JOIN packages p ON p.id = h.package_id
JOIN requests r ON r.id = p.request_row
JOIN agencies a ON a.id = r.agency_id
WHERE r.retention_days IS NOT NULL
"""


def retention_items(db: Database, now: datetime) -> list[RetentionItem]:
    """Every delivered package whose request states a retention period, soonest end
    first (database thread). ``now`` is an aware datetime."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    items = []
    for row in db.execute(_QUERY).fetchall():
        (
            request_id,
            version,
            agency_id,
            agency_name,
            jurisdiction,
            agency_contact,
            case_number,
            incident,
            contact_json,
            retention_days,
            third_party,
            delivered_at,
            url,
            package_id,
            path,
            manifest_sha256,
            method,
            recipient,
        ) = row
        ends_at = parse_utc_text(delivered_at) + timedelta(days=int(retention_days))
        contact = _contact(contact_json)
        items.append(
            RetentionItem(
                request_id=str(request_id),
                agency_id=str(agency_id),
                agency_name=str(agency_name),
                case_number=_text(case_number),
                incident=_text(incident),
                delivered_at=str(delivered_at),
                retention_days=int(retention_days),
                ends_at=ends_at,
                due=ends_at <= now,
                package_path=str(path),
                manifest_sha256=str(manifest_sha256),
                files=package_files(Path(path), str(manifest_sha256)),
                delivery_url=str(url),
                package_id=int(package_id),
                agency_jurisdiction=_text(jurisdiction),
                agency_contact=_text(agency_contact),
                contact_name=_text(contact.get("name")),
                contact_email=_text(contact.get("email")),
                third_party_sharing=_text(third_party),
                request_version=int(version),
                handover_method=_text(method),
                recipient=_text(recipient),
            )
        )
    items.sort(key=lambda item: (item.ends_at, item.package_id))
    return items


def due_items(db: Database, now: datetime) -> list[RetentionItem]:
    """The items whose retention period has ended by ``now`` (database thread)."""
    return [item for item in retention_items(db, now) if item.due]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _contact(raw: Any) -> dict[str, Any]:
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# -- the package on disk --------------------------------------------------------------
def package_files(path: Path, manifest_sha256: str) -> list[tuple[str, str]]:
    """(name, SHA-256) of each payload file the package's manifest lists (excerpts and
    the exhibit summary), when the package is still on disk and its manifest is the one
    recorded (same SHA-256); else []."""
    data = read_manifest(path)
    if data is None or hashlib.sha256(data).hexdigest() != manifest_sha256.lower():
        return []
    try:
        manifest = json.loads(data)
    except ValueError:
        return []
    out: list[tuple[str, str]] = []
    for entry in payload_entries(manifest):
        name, digest = entry.get("name"), entry.get("sha256")
        if isinstance(name, str) and isinstance(digest, str):
            out.append((name, digest.lower()))
    return out


# -- words ----------------------------------------------------------------------------
def format_day(moment: datetime | date) -> str:
    """20 November 2026 (English month names whatever the process locale is). A
    datetime is taken in UTC."""
    if isinstance(moment, datetime):
        moment = moment.astimezone(UTC).date()
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def format_moment(moment: datetime) -> str:
    """20 November 2026 at 22:00 UTC."""
    moment = moment.astimezone(UTC)
    return f"{format_day(moment)} at {moment:%H:%M} UTC"


def case_text(item: RetentionItem) -> str:
    return item.case_number or "no case number given"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _para(text: str, indent: str = "") -> str:
    return textwrap.fill(
        text,
        width=LETTER_WIDTH,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _how(item: RetentionItem) -> str:
    """How the footage reached the agency, as a sentence."""
    to = f" to {item.recipient}" if item.recipient else ""
    if item.handover_method == "portal":
        where = f" ({item.delivery_url})" if item.delivery_url else ""
        return f"I uploaded it through your evidence portal{where}."
    if item.handover_method == "usb":
        return f"I handed it over{to} on a USB drive."
    if item.handover_method == "in_person":
        return f"I handed it over{to} in person."
    return f"It was uploaded to {item.delivery_url}."


def draft_deletion_request(
    item: RetentionItem, resident_name: str | None = None, *, today: date
) -> str:
    """A plain-text letter asking the agency to delete the footage of ``item``, dated
    ``today``. Lines are at most 72 characters except long addresses and names."""
    name = (resident_name or "").strip() or None
    case = case_text(item)
    if item.case_number:
        about = f"for case {item.case_number}" + (f" ({item.incident})" if item.incident else "")
    else:
        about = (f"about {item.incident} " if item.incident else "") + "(no case number given)"

    recipient = [item.agency_name]
    if item.agency_jurisdiction:
        recipient.append(item.agency_jurisdiction)
    address = ["To: " + ", ".join(recipient)]
    if item.contact_name or item.contact_email:
        attn = item.contact_name or ""
        if item.contact_email:
            attn = f"{attn} <{item.contact_email}>" if attn else item.contact_email
        address.append(f"Attn: {attn}")
    elif item.agency_contact:
        address.append(f"Contact: {item.agency_contact}")

    greeting = f"Dear {item.contact_name}," if item.contact_name else "Dear Sir or Madam,"
    subject = f"Subject: Deletion of shared camera footage, case number: {case}"

    shared = (
        f"On {format_moment(item.delivered)} I shared footage from my home cameras "
        f"with {item.agency_name} in answer to your request for footage {about}. " + _how(item)
    )
    period = (
        f"Your request stated that footage would be kept for "
        f"{_days(item.retention_days)}. That period "
        + ("ended" if item.due else "ends")
        + f" on {format_moment(item.ends_at)}."
    )
    third = _THIRD_PARTY_WORDS.get(item.third_party_sharing or "")
    stated = f" (your request stated {third})" if third else ""
    ask = (
        ("I therefore ask you to delete" if item.due else "When it ends, please delete")
        + " all copies of this footage that you or anyone acting for you hold, including "
        f"any copies passed to third parties{stated}, and any copies, extracts or still "
        "images made from it, and confirm to me in writing that this has been done."
    )

    lines = [format_day(today), "", *address, "", subject, "", greeting, ""]
    lines += [_para(shared), "", _para(period), "", _para(ask), ""]
    if item.files:
        lines.append(
            _para("The footage consisted of these files, identified by their SHA-256 checksums:")
        )
        lines.append("")
        for file_name, digest in item.files:
            lines.append(f"  {file_name}, SHA-256:")
            lines.append(f"    {digest}")
        lines.append("")
        lines.append(
            _para(
                "The package's manifest (manifest.json), which lists every file with "
                "its checksum, has the SHA-256:"
            )
        )
    else:
        lines.append(
            _para(
                "The footage was delivered as one package. Its manifest "
                "(manifest.json), which lists every file with its SHA-256 checksum, "
                "has the SHA-256:"
            )
        )
    lines += ["", f"    {item.manifest_sha256}", ""]
    lines.append(_para(f"Request reference: {item.request_id}"))
    lines += ["", "Thank you for your help.", "", "Yours sincerely,", "", ""]
    lines.append(name if name else "______________________________")
    return "\n".join(lines) + "\n"


def reminder_text(items: list[RetentionItem]) -> str:
    """One or two sentences for a notification about due items."""
    due = [item for item in items if item.due]
    if not due:
        return ""
    if len(due) == 1:
        item = due[0]
        return _(
            "The retention period %(agency)s stated for the footage you delivered "
            "(case number: %(case)s) ended on %(day)s. Doorstep can draft a request to "
            "delete it."
        ) % {
            "agency": item.agency_name,
            "case": item.case_number or _("no case number given"),
            "day": _day_words(item.ends_at),
        }
    agencies = sorted({item.agency_name for item in due})
    named = (
        agencies[0]
        if len(agencies) == 1
        else ngettext("%(n)d agency", "%(n)d agencies", len(agencies)) % {"n": len(agencies)}
    )
    # Always two or more deliveries here; the plural form still follows the language.
    return ngettext(
        "The retention period has ended for %(n)d delivery of footage to %(named)s. "
        "Doorstep can draft a request to delete each.",
        "The retention period has ended for %(n)d deliveries of footage to %(named)s. "
        "Doorstep can draft a request to delete each.",
        len(due),
    ) % {"n": len(due), "named": named}


def _day_words(moment: datetime) -> str:
    """ "20 November 2026" in the current language (UTC, as format_day)."""
    day = moment.astimezone(UTC).date()
    month = month_name(day.month)
    return _("%(day)d %(month)s %(year)d") % {"day": day.day, "month": month, "year": day.year}
