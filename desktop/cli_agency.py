"""The command line's ``agency`` commands: key pairs, signing a request document,
registering an agency (and its key and feed), listing them, and one agency's history."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from db.requests.request_file import read_request_file
from db.requests.short_ids import id_column
from db.words.counts import stored_summary_words
from db.words.i18n import _, ngettext
from desktop.cli_output import clean
from desktop.cli_output import print_json as _print_json
from desktop.cli_words import state_words


def register(sub: Any) -> None:
    ag = sub.add_parser("agency", help=_("agencies and their signing keys"))
    ag_sub = ag.add_subparsers(dest="action", metavar="ACTION", required=True)
    kg = ag_sub.add_parser("keygen", help=_("create an Ed25519 key pair (KEYFILE, KEYFILE.pub)"))
    kg.add_argument("--out", type=Path, required=True)
    aa = ag_sub.add_parser("add", help=_("register an agency (and its public key)"))
    aa.add_argument("id")
    aa.add_argument("--name", required=True)
    aa.add_argument("--jurisdiction")
    aa.add_argument("--public-key", type=Path, help=_("PEM file from 'agency keygen'"))
    aa.add_argument("--key-id", help=_("the key_id signatures name (default: the agency id)"))
    aa.add_argument("--feed", help=_("HTTPS URL of the agency's feed"))
    sg = ag_sub.add_parser("sign", help=_("print a request document signed with KEYFILE"))
    sg.add_argument("file", type=Path)
    sg.add_argument("--key", type=Path, required=True)
    sg.add_argument("--key-id", help=_("the key_id to put in the signature (default: agency id)"))
    al = ag_sub.add_parser("list", help=_("list agencies"))
    al.add_argument("--json", action="store_true")
    ah = ag_sub.add_parser(
        "history", help=_("an agency's requests (all versions) and local figures")
    )
    ah.add_argument("id")
    ah.add_argument("--json", action="store_true")


def cmd_agency(args: argparse.Namespace) -> int:
    from db.keys import signing
    from desktop.cli_requests import Failure, _cell, _now, _open

    if args.action == "keygen":
        signing.write_keypair(args.out)
        print(_("Wrote private key {path} and public key {path}.pub").format(path=args.out))
        return 0
    if args.action == "sign":
        try:
            data = json.loads(read_request_file(args.file))
        except json.JSONDecodeError as exc:
            raise Failure(_("{path}: not JSON: {why}").format(path=args.file, why=exc)) from None
        if not isinstance(data, dict):
            raise Failure(_("{path}: a request document is a JSON object").format(path=args.file))
        key_id = args.key_id or str((data.get("agency") or {}).get("id") or "")
        if not key_id:
            raise Failure(_("--key-id is needed: the document names no agency id"))
        private = args.key.read_bytes() if args.key.exists() else None
        if private is None:
            raise Failure(_("{path}: key file not found").format(path=args.key))
        _print_json(signing.sign_document(data, private, key_id))
        return 0
    from db.requests.agencies import add_key, list_agencies, upsert_agency

    db = _open(args)
    if args.action == "history":
        from db.audit.history import agency_figures, agency_history

        figures = next((f for f in agency_figures(db) if f.agency_id == args.id), None)
        if figures is None:
            raise Failure(_("no agency with id {id}").format(id=repr(args.id)))
        entries = agency_history(db, args.id)
        if args.json:
            _print_json({"figures": figures.to_json(), "requests": [e.to_json() for e in entries]})
            return 0
        f = figures
        print(
            ngettext(
                "%(name)s (%(id)s): %(n)d request, %(edited)d edited, %(withdrawn)d "
                "withdrawn; %(broke)d broke your rules; you answered %(answered)d and "
                "declined %(declined)d. (These figures stay on this computer.)",
                "%(name)s (%(id)s): %(n)d requests, %(edited)d edited, %(withdrawn)d "
                "withdrawn; %(broke)d broke your rules; you answered %(answered)d and "
                "declined %(declined)d. (These figures stay on this computer.)",
                f.requests,
            )
            % {
                "name": f.name,
                "id": f.agency_id,
                "n": f.requests,
                "edited": f.edited,
                "withdrawn": f.withdrawn,
                "broke": f.broke_rules,
                "answered": f.answered,
                "declined": f.declined,
            }
        )
        ids, w = id_column(db, (e.request_id for e in entries))  # each names one request
        w = max((len(clean(ids[e.request_id])) for e in entries), default=w)
        by_you = "  " + _("(entered by you)")
        for e in entries:
            case = e.case_number or _("(no case number)")
            print(
                f"  {e.received_at[:16]}  {_cell(ids[e.request_id], w, cut=False)} "
                f"v{e.version} {state_words(e.state):9} {_cell(case, 16)} "
                f"{stored_summary_words(e.rule_summary)}"
                + (by_you if e.source == "resident" else "")
            )
        return 0
    if args.action == "list":
        agencies = list_agencies(db)
        if args.json:
            _print_json([a.to_json() for a in agencies])
            return 0
        if not agencies:
            print(_("No agencies yet."))
        for a in agencies:
            keys = ", ".join(a.key_ids) or _("no keys")
            where = a.jurisdiction or _("jurisdiction not given")
            print(f"{a.id:16}  {a.name}  ({where}; {keys})")
        return 0
    public = None
    if args.public_key is not None:
        try:
            public = signing.load_public_key(args.public_key.read_bytes())
        except FileNotFoundError:
            raise Failure(_("{path}: file not found").format(path=args.public_key)) from None
    with db.atomic():
        agency = upsert_agency(db, args.id, args.name, args.jurisdiction)
        if public is not None:
            add_key(db, agency.id, args.key_id or agency.id, public)
        if args.feed:
            from db.requests.feeds import add_feed

            add_feed(db, args.feed, agency.id)
    from db.requests.intake import reevaluate

    reevaluate(db, now=_now())
    print(_("Agency {id} ({name}) saved.").format(id=repr(agency.id), name=agency.name))
    return 0
