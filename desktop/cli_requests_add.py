"""`requests add`: record a request received by email, text, app, letter or in person
(docs/cli.md; docs/requests.md, "Requests you record yourself"). With
``--from-message FILE`` the obvious fields are read from the message first; the
options given win. Headless: no Qt imports."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from db.requests.request_types import THIRD_PARTY_VALUES, RequestError
from db.words.i18n import _
from desktop.cli_output import clean

RECEIVED_VIA = ("email", "text", "app", "letter", "in_person", "phone", "other")
AREA_FILE_LIMIT = 1_000_000  # bytes: an area is a small GeoJSON document
MESSAGE_LIMIT = 1_000_000  # bytes: a pasted message

# ManualRequest fields -> the option that gives them, for refusals.
OPTIONS = {
    "agency_name": "--agency",
    "agency_id": "--agency-id",
    "case_number": "--case",
    "incident": "--incident",
    "description": "--description",
    "contact_name": "--contact-name",
    "contact_email": "--contact-email",
    "contact_phone": "--contact-phone",
    "window_start": "--start",
    "window_end": "--end",
    "area": "the area",
    "issued_at": "issued",
    "expires_at": "--expires",
    "retention_days": "--retention-days",
    "third_party_sharing": "--third-party",
    "portal_url": "--portal",
    "received_via": "--received-via",
}


class AddFailure(ValueError):
    """One line for stderr (the command line prints it and exits 1)."""


def register(req_sub: Any) -> None:
    add = req_sub.add_parser(
        "add",
        help=_("record a request you received by email, text, app, letter or in person"),
        description=_(
            "Record a request you received by other means than a request file or "
            "feed. Times are RFC 3339 with an offset, e.g. 2026-11-20T14:00:00-08:00."
        ),
    )
    add.add_argument("--agency", help=_("the agency's name"))
    add.add_argument("--agency-id", help=_("the agency's id (default: made from the name)"))
    add.add_argument("--case", help=_("the case number"))
    add.add_argument("--incident", help=_("what happened, e.g. 'package theft'"))
    add.add_argument("--description", help=_("what the footage is wanted for"))
    add.add_argument("--contact-name", help=_("the investigator's name"))
    add.add_argument("--contact-email")
    add.add_argument("--contact-phone")
    add.add_argument("--start", help=_("the window's start (RFC 3339 with an offset)"))
    add.add_argument("--end", help=_("the window's end (RFC 3339 with an offset)"))
    add.add_argument("--point", metavar="LAT,LON", help=_("the centre of a circular area"))
    add.add_argument("--radius-m", type=float, metavar="N", help=_("the circle's radius in metres"))
    add.add_argument(
        "--area", type=Path, metavar="FILE", help=_("a GeoJSON Polygon (or a Feature of one)")
    )
    add.add_argument("--expires", help=_("when the request expires (default: 30 days after now)"))
    add.add_argument("--retention-days", type=int, help=_("how long the agency keeps the footage"))
    add.add_argument(
        "--third-party", choices=THIRD_PARTY_VALUES, help=_("with whom the agency may share it")
    )
    add.add_argument("--portal", metavar="URL", help=_("the agency's upload portal (https)"))
    add.add_argument("--received-via", choices=RECEIVED_VIA, help=_("how you received it"))
    add.add_argument(
        "--from-message",
        type=Path,
        metavar="FILE",
        help=_("read what it can from the message's text (the options given win)"),
    )
    add.add_argument("--json", action="store_true")


def _time(option: str, text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise AddFailure(
            f"{option}: "
            + _(
                "{text} is not a time; give RFC 3339 with an offset, e.g. 2026-11-20T14:00:00-08:00"
            ).format(text=repr(text))
        ) from None
    if moment.utcoffset() is None:
        raise AddFailure(
            f"{option}: "
            + _("{text} has no UTC offset; give one, e.g. 2026-11-20T14:00:00-08:00").format(
                text=repr(text)
            )
        )
    return moment


def _point(args: argparse.Namespace) -> dict[str, Any]:
    try:
        lat_text, lon_text = args.point.split(",")
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        raise AddFailure(
            "--point: "
            + _("{text} is not LAT,LON (e.g. 47.6062,-122.3321)").format(text=repr(args.point))
        ) from None
    if args.radius_m is None:
        raise AddFailure(_("--point needs --radius-m N, the circle's radius in metres"))
    return {"type": "Point", "coordinates": [lon, lat], "radius_m": args.radius_m}


def _area_file(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        raw = f.read(AREA_FILE_LIMIT + 1)
    if len(raw) > AREA_FILE_LIMIT:
        raise AddFailure(
            "--area: "
            + _("{path} is larger than {limit} bytes").format(
                path=path, limit=f"{AREA_FILE_LIMIT:,}"
            )
        )
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise AddFailure(
            "--area: " + _("{path} is not JSON ({why})").format(path=path, why=exc)
        ) from None
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") not in ("Polygon", "Point"):
        raise AddFailure(
            "--area: "
            + _("{path} must hold a GeoJSON Polygon, or a Feature whose geometry is one").format(
                path=path
            )
        )
    return data


def _area(args: argparse.Namespace) -> dict[str, Any]:
    if args.point is not None and args.area is not None:
        raise AddFailure(_("give the area once: --point LAT,LON --radius-m N, or --area FILE"))
    if args.point is not None:
        return _point(args)
    if args.area is not None:
        return _area_file(args.area)
    if args.radius_m is not None:
        raise AddFailure(_("--radius-m goes with --point LAT,LON"))
    raise AddFailure(
        _("the area is missing: give --point LAT,LON --radius-m N, or --area FILE (GeoJSON)")
    )


def _message(path: Path) -> Any:
    from db.requests.message_text import extract_fields

    with path.open("rb") as f:
        raw = f.read(MESSAGE_LIMIT + 1)
    if len(raw) > MESSAGE_LIMIT:
        raise AddFailure(
            "--from-message: "
            + _("{path} is larger than {limit} bytes").format(path=path, limit=f"{MESSAGE_LIMIT:,}")
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AddFailure(
            "--from-message: " + _("{path} is not UTF-8 text").format(path=path)
        ) from None
    return extract_fields(text, now=datetime.now(UTC))


def _read(
    args: argparse.Namespace,
) -> tuple[dict[str, Any], dict[str, dict[str, str]], list[str]]:
    """The fields from the options, those the message gave where an option is missing,
    what was read (option -> the value and the text it came from) and the message's
    notes."""
    given: dict[str, Any] = {
        "agency_name": args.agency,
        "agency_id": args.agency_id,
        "case_number": args.case,
        "incident": args.incident,
        "description": args.description,
        "contact_name": args.contact_name,
        "contact_email": args.contact_email,
        "contact_phone": args.contact_phone,
        "window_start": _time("--start", args.start) if args.start else None,
        "window_end": _time("--end", args.end) if args.end else None,
        "expires_at": _time("--expires", args.expires) if args.expires else None,
        "retention_days": args.retention_days,
        "third_party_sharing": args.third_party,
        "portal_url": args.portal,
        "received_via": args.received_via,
    }
    read: dict[str, dict[str, str]] = {}
    notes: list[str] = []
    if args.from_message is not None:
        found = _message(args.from_message)
        for name in (
            "agency_name",
            "case_number",
            "incident",
            "contact_name",
            "contact_email",
            "contact_phone",
            "window_start",
            "window_end",
            "portal_url",
            "received_via",
        ):
            item = getattr(found, name)
            if given[name] is None and item is not None:
                given[name] = item.value
                shown = item.value.isoformat() if isinstance(item.value, datetime) else item.value
                read[OPTIONS[name]] = {"value": shown, "text": " ".join(item.snippet.split())}
        notes = list(found.notes)
    return given, read, notes


def cmd_add(args: argparse.Namespace) -> int:
    try:
        return _add(args)
    except AddFailure as exc:
        raise AddFailure(f"requests add: {exc}") from None


def _add(args: argparse.Namespace) -> int:
    from db.requests.manual import ManualRequest, record_request
    from desktop import cli_holds
    from desktop.cli_requests import _open, show_request

    area = _area(args)
    given, read, notes = _read(args)
    for name, what in (
        ("agency_name", "--agency NAME: " + _("which agency sent the request")),
        ("window_start", "--start TIME: " + _("when the footage asked for starts")),
        ("window_end", "--end TIME: " + _("when it ends")),
        (
            "received_via",
            f"--received-via ({', '.join(RECEIVED_VIA)}): " + _("how you received it"),
        ),
    ):
        if given[name] is None:
            raise AddFailure(_("give {what}").format(what=what))
    entry = ManualRequest(area=area, **given)
    db = _open(args)
    try:
        received = record_request(db, entry, now=datetime.now(UTC))
    except RequestError as exc:
        raise AddFailure(f"{OPTIONS.get(exc.field, exc.field)}: {exc.problem}") from None
    if not args.json:
        print(received.text())
        if read:
            print(_("Read from the message:"))
            for option, item in read.items():
                said = "" if item["text"] == item["value"] else f'  (from "{item["text"]}")'
                print(f"  {option} {clean(item['value'])}{clean(said)}")
        for note in notes:
            print(f"  {note}")
    # Its candidates are held first, so that what is shown says so; with --json the
    # sync's lines go to stderr, leaving stdout one JSON document.
    with contextlib.redirect_stdout(sys.stderr) if args.json else contextlib.nullcontext():
        cli_holds.sync(db)
    show_request(
        db,
        received.row_id,
        as_json=args.json,
        extra={"read_from_message": read, "notes": notes} if args.json else None,
    )
    return 0
