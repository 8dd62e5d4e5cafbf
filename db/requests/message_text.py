"""Reading the obvious fields out of a request the resident received as text: an
email, a text message, an app post, a letter typed up (docs/requests.md, "Filling the
form from a message").

``extract_fields`` only reads: it finds case numbers, the time window with the sender's
zone (db.requests.message_times), links and the agency's portal, agency names, the
investigator's name, email and phone, street addresses, the kind of incident and how
the message probably came. Each value comes with the text it was read from and where
(``Found``), so the form can show it for review; nothing is stored until the resident
confirms the form (db.requests.manual).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from email.parser import HeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from typing import Generic, TypeVar

from db.requests.message_times import find_window

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    """A value read from the message: ``snippet`` is ``text[start:end]``."""

    value: T
    snippet: str
    start: int
    end: int


@dataclass
class Extracted:
    case_number: Found[str] | None = None
    case_alternatives: list[Found[str]] = field(default_factory=list)  # other case-like numbers
    agency_name: Found[str] | None = None
    contact_name: Found[str] | None = None
    contact_email: Found[str] | None = None
    contact_phone: Found[str] | None = None
    window_start: Found[datetime] | None = None
    window_end: Found[datetime] | None = None
    zone: Found[str] | None = None  # the zone the message named (IANA name)
    zone_assumed: bool = False  # the message named no zone: ``notes`` says which was used
    links: list[Found[str]] = field(default_factory=list)
    portal_url: Found[str] | None = None
    addresses: list[Found[str]] = field(default_factory=list)
    incident: Found[str] | None = None
    received_via: Found[str] | None = None  # a guess: "email", "text", "app" or "letter"
    notes: list[str] = field(default_factory=list)  # what was assumed, in words


def _found(text: str, start: int, end: int, value: T) -> Found[T]:
    return Found(value, text[start:end], start, end)


def _one_line(text: str) -> str:
    """Words of a match that an OCR line break split, joined by single spaces."""
    return " ".join(text.split())


# --- email headers -------------------------------------------------------------------

_HEADER = re.compile(r"(?m)^(From|To|Cc|Date|Subject|Sent|Message-ID|Reply-To):[ \t]")
_BLANK = re.compile(r"\r?\n[ \t]*\r?\n")


@dataclass(frozen=True)
class _Headers:
    end: int  # where the body starts (0: no headers)
    sent: datetime | None
    sender: tuple[str, str] | None  # (display name, address)
    recipients: frozenset[str]


def _headers(text: str) -> _Headers:
    """The email headers a pasted message starts with (at least From and one of Date,
    Subject, To, Sent, up to the first blank line), and where its body starts."""
    first = len(text) - len(text.lstrip())
    blank = _BLANK.search(text, first)
    if blank is None:
        return _Headers(0, None, None, frozenset())
    names = {m[1] for m in _HEADER.finditer(text, first, blank.start())}
    if "From" not in names or not names & {"Date", "Subject", "To", "Sent"}:
        return _Headers(0, None, None, frozenset())
    head = text[first : blank.start()].replace("\r\n", "\n")
    message = HeaderParser().parsestr(head + "\n\n")
    sent = None
    if message["Date"]:
        try:
            sent = parsedate_to_datetime(str(message["Date"]))
        except (TypeError, ValueError):
            sent = None
        if sent is not None and sent.tzinfo is None:
            sent = None
    senders = getaddresses([str(message["From"] or "")])
    sender = (senders[0][0], senders[0][1]) if senders and senders[0][1] else None
    others = getaddresses([str(v) for k in ("To", "Cc") for v in message.get_all(k) or []])
    return _Headers(blank.end(), sent, sender, frozenset(a.lower() for _, a in others if a))


# --- case numbers --------------------------------------------------------------------

_LABEL = (
    r"(?P<label>\b(?i:case|incident|report|investigation|file|reference|ref|event|dr|cad|cr)\b)"
    r"(?:[ \t]*(?i:number|num\.?|no\.?|nr\.?|#))?[ \t]*[:#]?[ \t]*"
)
_NUMBER = r"(?P<num>(?=[A-Z0-9-]{5,})[A-Z]{0,3}\d{2,}(?:-[A-Z0-9]+)*)\b"
_LABELLED = re.compile(_LABEL + _NUMBER)
_UNLABELLED = re.compile(r"\b(?P<num>[A-Z]{0,3}\d{2,4}-\d{4,7})\b")


def _case_numbers(
    text: str, start: int, taken: list[tuple[int, int]]
) -> tuple[Found[str] | None, list[Found[str]]]:
    """The labelled number (a "case" label first), and the other case-like numbers."""

    def free(a: int, b: int) -> bool:
        return not any(a < e and s < b for s, e in taken)

    labelled = [m for m in _LABELLED.finditer(text, start) if free(m.start("num"), m.end("num"))]
    plain = [m for m in _UNLABELLED.finditer(text, start) if free(m.start("num"), m.end("num"))]
    chosen = next((m for m in labelled if m["label"].lower() == "case"), None)
    chosen = chosen or (labelled[0] if labelled else None)
    best = _found(text, chosen.start(), chosen.end(), chosen["num"]) if chosen else None
    others: list[Found[str]] = []
    seen = {best.value} if best else set()
    for m in sorted([*labelled, *plain], key=lambda m: m.start("num")):
        if m["num"] not in seen:
            seen.add(m["num"])
            others.append(_found(text, m.start("num"), m.end("num"), m["num"]))
    if best is None and others:
        return others[0], others[1:]
    return best, others


# --- agencies, people, contacts ------------------------------------------------------

# Apostrophes as typed and as word processors make them.
Q = "'\u2019"
_AGENCY = re.compile(
    rf"(?P<name>(?:(?:[A-Z][A-Za-z{Q}.-]*|of|the|and)[ \t]+){{0,4}}?(?:[A-Z][A-Za-z{Q}-]*)"
    rf"[ \t\n]+(?i:police[ \t\n]+department|police[ \t\n]+dept\.?|sheriff[{Q}]s[ \t\n]+office"
    rf"|sheriff[{Q}]s[ \t\n]+department|fire[ \t\n]+rescue|fire[ \t\n]+department"
    rf"|fire[ \t\n]+district|fire[ \t\n]+marshal[{Q}]s[ \t\n]+office|state[ \t\n]+patrol"
    rf"|highway[ \t\n]+patrol|department[ \t\n]+of[ \t\n]+public[ \t\n]+safety"
    rf"|public[ \t\n]+safety[ \t\n]+department|marshal[{Q}]s[ \t\n]+office"
    rf"|district[ \t\n]+attorney[{Q}]s[ \t\n]+office)"
    rf"|(?:[A-Z][a-z]+[ \t]+){{1,3}}PD)\b"
)
_NOT_NAME = {"the", "dear", "from", "hello", "hi", "regarding", "with", "and", "of", "a", "by"}


def _agency(text: str) -> Found[str] | None:
    """The agency named most often (a name in capitals counts with its other spellings;
    the first spelling not in capitals is shown)."""
    found: list[Found[str]] = []
    for m in _AGENCY.finditer(text):
        words = _one_line(m["name"]).split()
        skip = 0
        while skip < len(words) - 2 and words[skip].lower() in _NOT_NAME:
            skip += 1
        start = m.start()
        for word in words[:skip]:
            start = text.index(word, start) + len(word)
        start = text.index(words[skip], start)
        found.append(_found(text, start, m.end(), " ".join(words[skip:])))
    if not found:
        return None
    counts = Counter(f.value.casefold() for f in found)
    top = max(counts.values())
    best = next(f for f in found if counts[f.value.casefold()] == top)
    readable = [f for f in found if f.value.casefold() == best.value.casefold()]
    return next((f for f in readable if not f.value.isupper()), best)


_TITLE = (
    r"(?:Det\.|Detective|Officer|Ofc\.|Sgt\.|Sergeant|Lt\.|Lieutenant|Deputy|Dep\.|Cpl\."
    r"|Corporal|Capt\.|Captain|Investigator|Inv\.|Inspector|Agent|Trooper|Marshal)"
)
_PERSON = re.compile(
    rf"\b(?P<person>{_TITLE}[ \t]+(?:[A-Z]\.[ \t]*)?[A-Z][a-z{Q}-]+"
    rf"(?:[ \t]+[A-Z][a-z{Q}-]+)?)\b"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(
    r"(?<![\w-])(?:\+?1[ .-]?)?(?:\(\d{3}\)[ ]?|\d{3}[ .-])\d{3}[ .-]\d{4}"
    r"(?:[ \t]*(?:x|ext\.?)[ \t]*\d{1,5})?(?![\w-])"
)


def _person(text: str, headers: _Headers) -> Found[str] | None:
    """A titled name ("Det. Ana Rivera"), one with a first and last name first; else
    the email sender's name."""
    people = [_found(text, m.start(), m.end(), m["person"]) for m in _PERSON.finditer(text)]
    full = [p for p in people if len(p.value.split()) >= 3]
    if full or people:
        return (full or people)[0]
    if headers.sender and headers.sender[0]:
        name = headers.sender[0]
        at = text.find(name)
        return Found(name, name, at, at + len(name)) if at >= 0 else None
    return None


def _email(text: str, headers: _Headers) -> Found[str] | None:
    """The sender's address, or the first one in the message that is not the resident's."""
    for m in _EMAIL.finditer(text):
        address = m.group().lower()
        if headers.sender and address == headers.sender[1].lower():
            return _found(text, m.start(), m.end(), m.group())
    for m in _EMAIL.finditer(text, headers.end):
        if m.group().lower() not in headers.recipients:
            return _found(text, m.start(), m.end(), m.group())
    return None


# --- links, addresses, incidents -----------------------------------------------------

_LINK = re.compile(r"https?://[^\s<>\"'()\[\]]+")
_PORTAL_HOST = re.compile(r"(?i)(^|\.)(axon\.com|evidence\.com)$")
_PORTAL_PATH = re.compile(r"(?i)community-request|portal|upload|submit|share|request")
_PORTAL_WORDS = re.compile(r"(?i)(upload|portal|submit|share)[^\n]{0,40}$")


def _links(text: str) -> tuple[list[Found[str]], Found[str] | None]:
    from urllib.parse import urlsplit

    links = []
    for m in _LINK.finditer(text):
        url = m.group().rstrip(".,;:!?")
        links.append(Found(url, url, m.start(), m.start() + len(url)))
    portal = None
    for link in links:
        parts = urlsplit(link.value)
        if parts.scheme != "https" or not parts.hostname:
            continue
        if _PORTAL_HOST.search(parts.hostname):
            return links, link
        before = text[max(0, link.start - 60) : link.start]
        if portal is None and (_PORTAL_PATH.search(parts.path) or _PORTAL_WORDS.search(before)):
            portal = link
    return links, portal


_STREET = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place"
    r"|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy)\b"
)
_ADDRESS = re.compile(
    r"(?<![\d,.])\b(?P<address>\d{1,6}\s+(?:block\s+of\s+)?"
    r"(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)?"
    r"(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th))(?:\s+[A-Z][a-z]+){0,2}\s+" + _STREET + ")"
)

# Incident kinds as agencies name them, the more specific before the general.
INCIDENTS = (
    "package theft",
    "porch piracy",
    "mail theft",
    "catalytic converter theft",
    "vehicle theft",
    "auto theft",
    "stolen vehicle",
    "car prowl",
    "vehicle prowl",
    "vehicle break-in",
    "residential burglary",
    "commercial burglary",
    "burglary",
    "break-in",
    "hit and run",
    "hit-and-run",
    "vehicle fire",
    "house fire",
    "structure fire",
    "arson",
    "vandalism",
    "graffiti",
    "robbery",
    "assault",
    "shooting",
    "missing person",
    "trespassing",
    "theft",
)
_INCIDENT = re.compile(
    r"(?i)\b(" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in INCIDENTS) + r")\b"
)


def _incident(text: str, start: int) -> Found[str] | None:
    m = _INCIDENT.search(text, start) or _INCIDENT.search(text)
    if m is None:
        return None
    value = _one_line(m.group()).lower().replace("hit-and-run", "hit and run")
    return _found(text, m.start(), m.end(), value)


_APP = re.compile(r"\b(Neighbors|Ring app|Nextdoor|Citizen app)\b")
_LETTER = re.compile(r"(?i)\b(dear resident|dear homeowner|sincerely|respectfully)\b")


def _received_via(text: str, headers: _Headers, links: list[Found[str]]) -> Found[str] | None:
    header = _HEADER.search(text) if headers.end else None
    if header is not None:
        line = text[header.start() :].splitlines()[0]
        return Found("email", line, header.start(), header.start() + len(line))
    app = _APP.search(text)
    if app is not None:
        return _found(text, app.start(), app.end(), "app")
    letter = _LETTER.search(text)
    if letter is not None:
        return _found(text, letter.start(), letter.end(), "letter")
    body = text.strip()
    if len(body) <= 480 and "\n\n" not in body:
        at = text.find(body)
        return Found("text", body[:40], at, at + min(40, len(body)))
    return None


# --- everything ----------------------------------------------------------------------


def _zone_name(zone: tzinfo, moment: datetime) -> str:
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return key
    offset = moment.utcoffset()
    if offset is None:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def extract_fields(
    text: str, *, default_tz: tzinfo | None = None, now: datetime | None = None
) -> Extracted:
    """The obvious fields of a request received as text, for the resident to review.
    ``default_tz``: the zone for times when the message names none and has no email
    Date header (None: this computer's); ``now``: the date a year-less date is taken
    before, when there is no Date header (None: the clock). Stores nothing."""
    headers = _headers(text)
    out = Extracted()
    reference = headers.sent or now or datetime.now(UTC)
    out.links, out.portal_url = _links(text)
    taken = [(f.start, f.end) for f in out.links]
    emails = [(m.start(), m.end()) for m in _EMAIL.finditer(text)]
    phones = [m for m in _PHONE.finditer(text)]
    out.case_number, out.case_alternatives = _case_numbers(
        text, 0, taken + emails + [(m.start(), m.end()) for m in phones]
    )
    out.agency_name = _agency(text)
    out.contact_name = _person(text, headers)
    out.contact_email = _email(text, headers)
    if phones:
        out.contact_phone = _found(text, phones[0].start(), phones[0].end(), phones[0].group())
    out.addresses = [
        _found(text, m.start(), m.end(), _one_line(m["address"]))
        for m in _ADDRESS.finditer(text, headers.end)
    ]
    out.incident = _incident(text, headers.end)
    out.received_via = _received_via(text, headers, out.links)
    _window(out, text, headers, reference, default_tz)
    return out


def _window(
    out: Extracted, text: str, headers: _Headers, reference: datetime, default: tzinfo | None
) -> None:
    if headers.sent is not None:
        fallback: tzinfo = headers.sent.tzinfo  # type: ignore[assignment]
        whence = "the offset of the email's Date header"
    elif default is not None:
        fallback, whence = default, "the default zone"
    else:
        fallback = datetime.now().astimezone().tzinfo or UTC
        whence = "this computer's zone"
    day: date = reference.astimezone(fallback).date()
    body = text[headers.end :]
    window = find_window(body, day, fallback)
    if window is None:
        return
    shift = headers.end
    snippet_start, snippet_end = window.start_pos + shift, window.end_pos + shift
    out.window_start = _found(text, snippet_start, snippet_end, window.start)
    out.window_end = _found(text, snippet_start, snippet_end, window.end)
    if window.zone is not None:
        out.zone = _found(text, window.zone_start + shift, window.zone_end + shift, window.zone)
    elif not window.offsets_given:
        out.zone_assumed = True
        name = _zone_name(fallback, window.start)
        out.notes.append(
            f"The message names no time zone: the times were read in {whence} ({name})."
        )
    if window.year_assumed:
        out.notes.append(
            f"The date has no year: taken as {window.start.year}, the latest such day up to "
            f"{day.isoformat()}."
        )
