"""`handover`: a package handed over outside Doorstep, through the agency's web portal,
on a USB drive or in person (docs/packages.md, "Handing a package over"; docs/cli.md).

    handover portal REQUEST --out DIR [--limits axon]   the files to upload to the portal
    handover encrypt REQUEST --out DIR                  an AES-256 zip; the password once
    handover record REQUEST --method portal|usb|in-person [--date D] [--recipient R]
                                     [--note N] [--encrypted-zip FILE]
    handover show REQUEST                               the current package and its record

Each works on the request's current package (the newest built for the version in
force: ``export`` builds it). Headless: no Qt.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.words.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from db.sharing.handover import CurrentPackage

METHOD_ARGS = {"portal": "portal", "usb": "usb", "in-person": "in_person"}
PASSWORD_LABEL = N_("Password (shown only now; Doorstep keeps no copy):")


class HandoverFailure(ValueError):
    """One line for stderr."""


def register(sub: Any) -> None:
    ho = sub.add_parser(
        "handover",
        help=_("hand a request's package over by the agency's portal, a USB drive or in person"),
    )
    ho_sub = ho.add_subparsers(dest="action", metavar="ACTION", required=True)
    po = ho_sub.add_parser(
        "portal", help=_("write the files to upload to the agency's portal, within its limits")
    )
    po.add_argument("id", help=_("the request's id"))
    po.add_argument("--out", type=Path, required=True, help=_("folder to write the files in"))
    po.add_argument(
        "--limits", choices=["axon"], default="axon", help=_("the portal's limits (default: axon)")
    )
    en = ho_sub.add_parser(
        "encrypt", help=_("write the package as an AES-256 encrypted zip; prints its password once")
    )
    en.add_argument("id", help=_("the request's id"))
    en.add_argument("--out", type=Path, required=True, help=_("folder to write the zip in"))
    rec = ho_sub.add_parser("record", help=_("record that you handed the package over"))
    rec.add_argument("id", help=_("the request's id"))
    rec.add_argument("--method", required=True, choices=list(METHOD_ARGS))
    rec.add_argument(
        "--date",
        default="now",
        help=_(
            "when: 2026-11-21, '2026-11-21 15:30' (this computer's clock), RFC 3339, "
            "today (default: now)"
        ),
    )
    rec.add_argument("--recipient", help=_("who took it (name, badge number)"))
    rec.add_argument("--note", help=_("anything worth keeping with the record"))
    rec.add_argument(
        "--encrypted-zip",
        type=Path,
        metavar="FILE",
        help=_("the encrypted zip handed over (its SHA-256 is recorded)"),
    )
    sh = ho_sub.add_parser("show", help=_("the request's current package and its hand-over"))
    sh.add_argument("id", help=_("the request's id"))
    sh.add_argument("--json", action="store_true")


def _now() -> datetime:
    return datetime.now(UTC)


def _current(db: Any, request_id: str) -> CurrentPackage:
    from db.sharing.handover import current_package
    from desktop.cli_requests import _find

    row_id = _find(db, request_id)
    found = current_package(db, row_id)
    if found is None:
        raise HandoverFailure(
            _(
                "no package was built for request {id}'s current version: build it "
                "with export first"
            ).format(id=request_id)
        )
    return found


def cmd_handover(args: argparse.Namespace) -> int:
    from desktop.cli_requests import _open

    db = _open(args)
    package = _current(db, args.id)
    return int(
        {"portal": _portal, "encrypt": _encrypt, "record": _record, "show": _show}[args.action](
            db, package, args
        )
    )


def _portal(db: Any, package: CurrentPackage, args: argparse.Namespace) -> int:
    from db.sharing.portal_upload import LIMITS, PortalUploadError, prepare_portal_upload
    from db.words.units import file_size
    from desktop.cli_requests import _progress_printer

    try:
        upload = prepare_portal_upload(
            package.path, args.out, LIMITS[args.limits], progress=_progress_printer()
        )
    except PortalUploadError as exc:
        raise HandoverFailure(str(exc)) from None
    finally:
        if sys.stderr.isatty():
            sys.stderr.write("\n")
    count = len(upload.files)
    print(
        ngettext("Upload this file (%(folder)s):", "Upload these %(n)d files (%(folder)s):", count)
        % {"n": count, "folder": upload.folder}
    )
    for path in upload.files:
        print(f"  {path.name}  {file_size(path.stat().st_size)}")
    from db.sharing.handover import portal_link

    url = portal_link(db, package.request_row)
    where = _("at {url}").format(url=url) if url else _("through the link the agency sent you")
    print(
        _("Then record it: {command} ({where}).").format(
            command=f"doorstep handover record {args.id} --method portal", where=where
        )
    )
    return 0


def _encrypt(db: Any, package: CurrentPackage, args: argparse.Namespace) -> int:
    path = encrypt_export(db, package.package_id, package.path, args.out)
    print(
        _("Record the hand-over with: {command}").format(
            command=f"doorstep handover record {args.id} --method usb --encrypted-zip {path}"
        )
    )
    return 0


def encrypt_export(db: Any, package_id: int, package: Path, out: Path) -> Path:
    """The encrypted zip of a recorded package in ``out`` (``handover encrypt``, and
    ``export --encrypt`` beside the package just built), audited, and its password
    printed once."""
    from db.sharing.encrypted_zip import (
        EncryptedZipError,
        package_name,
        sha256_file,
        write_encrypted_zip,
    )
    from db.sharing.handover import record_encrypted_zip
    from desktop.cli_requests import _progress_printer

    dest = out / f"{package_name(package)}-encrypted.zip"
    try:
        path, password = write_encrypted_zip(package, dest, progress=_progress_printer())
    except EncryptedZipError as exc:
        raise HandoverFailure(str(exc)) from None
    finally:
        if sys.stderr.isatty():
            sys.stderr.write("\n")
    digest, size = sha256_file(path)
    record_encrypted_zip(db, package_id, path, digest, size, now=_now())
    say_encrypted(path, digest, password)
    return path


def say_encrypted(path: Path, digest: str, password: str) -> None:
    """The encrypted zip, its SHA-256 and its password, once, labelled."""
    print(_("Encrypted zip written to {path}").format(path=path))
    print(f"SHA-256: {digest}")
    print(_(PASSWORD_LABEL))
    print(f"  {password}")
    print(
        _(
            "Give the password to the receiver separately from the drive (read it out, or "
            "send it by another way). Without it the footage cannot be opened, and it "
            "cannot be shown again."
        )
    )


def _record(db: Any, package: CurrentPackage, args: argparse.Namespace) -> int:
    from db.sharing.encrypted_zip import sha256_file
    from db.sharing.handover import METHOD_WORDS, parse_handed_at, record_handover
    from db.sharing.retention import format_moment

    now = _now()
    handed_at = now if args.date == "now" else parse_handed_at(args.date, now=now)
    digest = None
    if args.encrypted_zip is not None:
        digest = sha256_file(args.encrypted_zip)[0]
    method = METHOD_ARGS[args.method]
    record_handover(
        db,
        package.package_id,
        method=method,
        handed_at=handed_at,
        recipient=args.recipient,
        note=args.note,
        encrypted_sha256=digest,
        now=now,
    )
    recipient = (args.recipient or "").strip()
    done = (
        _("Recorded: the package {name} {how} to {recipient} on {when}.")
        if recipient
        else _("Recorded: the package {name} {how} on {when}.")
    )
    print(
        done.format(
            name=package.path.name,
            how=_(METHOD_WORDS[method]),
            recipient=recipient,
            when=format_moment(handed_at),
        )
    )
    return 0


def _show(db: Any, package: CurrentPackage, args: argparse.Namespace) -> int:
    from db.sharing.handover import METHOD_WORDS
    from desktop.cli_output import print_json

    if args.json:
        print_json(
            {
                "package_id": package.package_id,
                "path": str(package.path),
                "manifest_sha256": package.manifest_sha256,
                "built_at": package.created_at,
                "handed_at": package.handed_at,
                "method": package.method,
            }
        )
        return 0
    print(_("Package {path} (built {time})").format(path=package.path, time=package.created_at))
    if package.method is None:
        print(_("Not recorded as handed over."))
    else:
        how = _(METHOD_WORDS[package.method])
        print(_("{how} on {when}.").format(how=how[:1].upper() + how[1:], when=package.handed_at))
    return 0
