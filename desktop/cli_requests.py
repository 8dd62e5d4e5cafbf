"""Command-line commands for requests, agencies, feeds and rules (docs/cli.md).
Headless: no Qt imports."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from db.requests.request_file import read_request_file
from db.requests.request_types import RequestError
from db.requests.short_ids import id_column
from db.words.i18n import N_, _, ngettext
from desktop import (
    cli_agency,
    cli_candidates,
    cli_holds,
    cli_redact,
    cli_requests_add,
    cli_statement,
)
from desktop.cli_output import clean, print_block
from desktop.cli_output import print_json as _print_json
from desktop.cli_words import state_words, status_words


class Failure(Exception):
    """The operation failed; the message is the one line for stderr."""


BURN_IN_HELP = N_("draw the UTC time into the pictures (re-encodes every excerpt)")


def register(sub: Any) -> None:
    """Add the subcommands to ``sub``; ``HANDLERS`` runs them."""
    imp = sub.add_parser("import-request", help=_("import a request document (JSON file)"))
    imp.add_argument("file", type=Path)

    req = sub.add_parser("requests", help=_("list requests or show one"))
    req_sub = req.add_subparsers(dest="action", metavar="ACTION", required=True)
    rl = req_sub.add_parser("list", help=_("list requests, newest first"))
    rl.add_argument("--json", action="store_true")
    rs = req_sub.add_parser("show", help=_("show one request with its rule results"))
    rs.add_argument("id")
    rs.add_argument("--json", action="store_true")
    cli_requests_add.register(req_sub)

    m = sub.add_parser("match", help=_("list the clips a request covers"))
    m.add_argument("id")
    m.add_argument("--json", action="store_true")

    de = sub.add_parser("decide", help=_("approve, decline or reset a candidate clip"))
    de.add_argument("id", help=_("the request's id"))
    de.add_argument("clip_id", type=int)
    de.add_argument("decision", choices=["approve", "decline", "pending"])
    de.add_argument("--note")
    de.add_argument(
        "--confirm",
        action="store_true",
        help=_(
            "confirm sharing a clip flagged 'shows children' or 'private', or whose "
            "recording time is uncertain"
        ),
    )

    ex = sub.add_parser("export", help=_("build the share package of a request's approved clips"))
    ex.add_argument("id")
    ex.add_argument("--out", type=Path, required=True, help=_("folder to write the package in"))
    ex.add_argument("--zip", action="store_true", help=_("one .zip file instead of a folder"))
    ex.add_argument(
        "--encrypt",
        action="store_true",
        help=_("also write an AES-256 encrypted zip of it for a hand-over (password printed once)"),
    )
    ex.add_argument("--keep-audio", action="store_true", help=_("keep the clips' sound"))
    ex.add_argument("--subtitles", action="store_true", help=_("add the UTC time as subtitles"))
    ex.add_argument("--burn-in-utc", action="store_true", help=_(BURN_IN_HELP))
    ex.add_argument("--redact", metavar="LIST", default="faces,masks", help=_(cli_redact.HELP))
    cli_statement.add_options(ex)

    dl = sub.add_parser("deliver", help=_("upload the share package to the request's address"))
    dl.add_argument("id")
    dl.add_argument("--ca-file", type=Path, help=_("also trust this CA certificate (PEM)"))
    dl.add_argument("--keep-audio", action="store_true", help=_("keep the clips' sound"))
    dl.add_argument("--subtitles", action="store_true", help=_("add the UTC time as subtitles"))
    dl.add_argument("--burn-in-utc", action="store_true", help=_(BURN_IN_HELP))
    dl.add_argument("--redact", metavar="LIST", default="faces,masks", help=_(cli_redact.HELP))
    cli_statement.add_options(dl)
    dl.add_argument(
        "--again", action="store_true", help=_("send a package the service confirmed once more")
    )
    dl.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help=_("give up after this long in total (default: from the package's size)"),
    )

    au = sub.add_parser("audit", help=_("check or export the audit trail"))
    au_sub = au.add_subparsers(dest="action", metavar="ACTION", required=True)
    av = au_sub.add_parser(
        "verify", help=_("check the hash chain; exit 1 naming the first bad entry")
    )
    av.add_argument(
        "--anchor",
        action="append",
        default=[],
        help=_("SEQ:HASH from a package's manifest (audit_seq:audit_head) to check against"),
    )
    ae = au_sub.add_parser("export", help=_("write the audit trail as CSV or JSON"))
    ae.add_argument("--format", choices=["csv", "json"], required=True)
    ae.add_argument("--out", type=Path, help=_("file to write (default: standard output)"))
    ae.add_argument("--request", help=_("only this request's entries"))
    ae.add_argument("--agency", help=_("only this agency's entries"))
    ae.add_argument("--action", dest="kind", help=_("only this kind of entry, e.g. decision"))

    cli_candidates.register(sub)
    cli_agency.register(sub)

    from desktop import cli_feeds

    cli_feeds.register(sub)

    rules = sub.add_parser("rules", help=_("show or change the resident's rules"))
    rules_sub = rules.add_subparsers(dest="action", metavar="ACTION", required=True)
    rsh = rules_sub.add_parser("show", help=_("show the rule settings"))
    rsh.add_argument("--json", action="store_true")
    rset = rules_sub.add_parser("set", help=_("change one setting (see 'rules show')"))
    rset.add_argument("name")
    rset.add_argument("value")


def _now() -> datetime:
    return datetime.now(UTC)


def _open(args: argparse.Namespace) -> Any:
    from desktop.cli import open_for

    return open_for(args)


def cmd_import_request(args: argparse.Namespace) -> int:
    from db.requests.intake import import_request_bytes

    raw = read_request_file(args.file)
    db = _open(args)
    try:
        received = import_request_bytes(db, raw, now=_now())
    except RequestError as exc:
        raise Failure(_("{path}: refused: {why}").format(path=args.file, why=exc)) from None
    print(received.text())
    if received.action != "unchanged":
        from db.requests.inbox import request_summaries
        from db.requests.request_checks import stored_rules

        s = request_summaries(db, [received.row_id], now=_now())[0]
        print(
            _("Rules: {rules}. Status: {status}.").format(
                rules=s.rule_summary, status=status_words(s.status)
            )
        )
        for r in stored_rules(db, received.row_id):  # name what blocks or warns, and why
            if r.outcome != "ok":
                print(f"  {r.outcome.upper():5}  {r.rule}: {r.reason}")
    cli_holds.sync(db)  # its candidates are held (or an older version's released)
    return 0


def _find(db: Any, request_id: str) -> int:
    from db.requests.inbox import find_row

    try:
        return find_row(db, request_id)
    except LookupError as exc:
        raise Failure(str(exc)) from None


def _cell(text: str, width: int, *, cut: bool = True) -> str:
    """A column of a listing: escaped first (clean), then cut and padded, so that an
    agency's control characters neither act on the terminal nor shift the columns."""
    shown = clean(text)
    return f"{shown[:width] if cut else shown:{width}}"


def cmd_requests(args: argparse.Namespace) -> int:
    from db.requests.inbox import list_requests

    if args.action == "add":
        return cli_requests_add.cmd_add(args)
    db = _open(args)
    if args.action == "list":
        rows = list_requests(db, now=_now())
        if args.json:
            _print_json([r.to_json() for r in rows])
            return 0
        if not rows:
            print(
                _(
                    "No requests yet. Import one: doorstep import-request FILE; or record "
                    "one you received: doorstep requests add"
                )
            )
        ids, w = id_column(db, (r.request_id for r in rows))  # each names one request
        w = max((len(clean(ids[r.request_id])) for r in rows), default=w)
        for r in rows:
            print(
                f"{_cell(ids[r.request_id], w, cut=False)}  {status_words(r.status):14}  "
                f"{_cell(r.agency, 28)}  {_cell(r.case_number or _('(no case number)'), 16)}  "
                f"{r.window_start_utc[:16]}  {r.rule_summary}"
            )
        return 0
    show_request(db, _find(db, args.id), as_json=args.json)
    return 0


def show_request(
    db: Any, row_id: int, *, as_json: bool, extra: dict[str, Any] | None = None
) -> None:
    """What `requests show` prints (``extra``: more keys for the JSON)."""
    from db.requests.inbox import request_detail
    from db.sharing.candidate_states import candidate_states
    from db.words.units import area_text

    detail = request_detail(db, row_id, now=_now())
    held = cli_holds.candidate_json(db, [c.clip_id for c in detail.candidates])
    states = candidate_states(db, row_id, detail.candidates)
    if as_json:
        clips = [s.to_json() for s in states]
        _print_json(
            {**detail.to_json(), "candidate_holds": held, "candidate_clips": clips, **(extra or {})}
        )
        return
    s = detail.summary
    print(
        _("Request {id} (version {version}, {state})").format(
            id=s.request_id, version=s.version, state=state_words(s.state)
        )
    )
    print("  " + _("Agency:   {agency} ({id})").format(agency=s.agency, id=s.agency_id))
    print(
        "  "
        + _("Case:     {case}").format(case=s.case_number or _("(none)"))
        + f"  {s.incident or ''}"
    )
    print("  " + _("Status:   {status}").format(status=status_words(s.status)))
    print(
        "  "
        + _("Window:   {start} to {end}").format(start=s.window_start_utc, end=s.window_end_utc)
    )
    print(
        "  " + _("Area:     {area}").format(area=area_text(s.area_sq_m))
    )  # as the window writes it
    print("  " + _("Expires:  {time}").format(time=s.expires_at_utc))
    print("  " + _("Signature: {detail}").format(detail=detail.signature_detail))
    delivery = detail.doc.delivery or {}
    if delivery.get("method") == "portal":
        print("  " + _("Portal:   {url}").format(url=delivery.get("url")))
    print("  " + _("Candidate clips: {n}").format(n=len(detail.candidates)))
    for line in cli_candidates.candidate_lines(states):
        print(line)
    uncertain = [c for c in detail.candidates if not c.start_certain]
    for c in uncertain:
        print(
            "    "
            + _("clip {id} ({camera}): {warning}").format(
                id=c.clip_id, camera=c.camera, warning=c.warning
            )
        )
    for line in cli_holds.candidate_lines(db, [c.clip_id for c in detail.candidates]):
        print(line)
    print("  " + _("Rules:"))
    for rule in detail.rules:
        print(f"    {rule.outcome.upper():5}  {rule.rule}: {rule.reason}")


def cmd_match(args: argparse.Namespace) -> int:
    from db.requests.inbox import match

    db = _open(args)
    found = match(db, _find(db, args.id))
    if args.json:
        _print_json(
            [
                {
                    "clip_id": c.clip_id,
                    "camera": c.camera,
                    "start": c.start_utc,
                    "end": c.end_utc,
                    "start_certain": c.start_certain,
                    "start_note": c.start_note,
                }
                for c in found
            ]
        )
        return 0
    if not found:
        print(_("No clips of yours match this request."))
    for c in found:
        warning = f"  ({c.warning})" if c.warning else ""
        print(f"{c.clip_id:>6}  {c.camera:20}  {c.start_utc}  {c.end_utc}  {c.path}{warning}")
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    from db.sharing.decisions import DecisionError, NeedsConfirmation, State, decide

    db = _open(args)
    row_id = _find(db, args.id)
    states: dict[str, State] = {"approve": "approved", "decline": "declined", "pending": "pending"}
    state = states[args.decision]
    try:
        decide(
            db,
            row_id,
            [args.clip_id],
            state,
            now=_now(),
            note=args.note,
            confirm_sensitive=args.confirm,
        )
    except NeedsConfirmation as exc:
        raise Failure(_("{why}; run again with --confirm to share it").format(why=exc)) from None
    except DecisionError as exc:
        raise Failure(str(exc)) from None
    done = {
        "approved": N_("Clip {clip} approved for request {request}."),
        "declined": N_("Clip {clip} declined (nothing is sent) for request {request}."),
        "pending": N_("Clip {clip} back to pending for request {request}."),
    }[state]
    print(_(done).format(clip=args.clip_id, request=args.id))
    cli_holds.sync(db)  # a request declined in full releases its holds
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from db.audit import trail as audit

    db = _open(args)
    if args.action == "verify":
        extra = []
        for text in args.anchor:
            seq, _colon, digest = text.partition(":")
            if not seq.isdigit() or len(digest) != 64:
                raise Failure(
                    "--anchor: "
                    + _("{text} is not SEQ:HASH (a manifest's audit_seq:audit_head)").format(
                        text=repr(text)
                    )
                )
            extra.append((int(seq), digest, "the anchor given on the command line"))
        verdict = audit.verify(db, extra)
        if not verdict.ok:
            raise Failure(verdict.text())
        print(verdict.text())
        return 0
    filt = audit.AuditFilter(request_id=args.request, agency_id=args.agency, action=args.kind)
    text = audit.export_json(db, filt) if args.format == "json" else audit.export_csv(db, filt)
    if args.out is None:
        print_block(text if text.endswith("\n") else text + "\n")
        return 0
    from db.store.fileio import write_atomically

    write_atomically(args.out, text.encode("utf-8"))
    print(_("Audit trail written to {path}").format(path=args.out))
    return 0


def _progress_printer() -> Any:
    tty = sys.stderr.isatty()

    def progress(done: int, total: int, text: str) -> None:
        if tty and total:
            sys.stderr.write(f"\r{100 * done // total:3d}%  {text[:60]:60}")
            sys.stderr.flush()

    return progress


def signing_key_for_package(db: Any, then: str = "") -> tuple[bytes, str]:
    """The resident's signing key (PEM, key id), made and recorded if there is none
    (db.sharing.signing_keys). ``then`` ends the message of a failure."""
    from db.keys import credentials
    from db.sharing import signing_keys

    try:
        key = signing_keys.ensure(db, now=_now())
    except credentials.CredentialError as exc:
        raise Failure(f"{exc}{then}") from None
    return key.pem, key.key_id


def build_for(
    db: Any,
    row_id: int,
    out: Path,
    *,
    as_zip: bool,
    keep_audio: bool,
    subtitles: bool,
    burn_in_utc: bool = False,
    redact: frozenset[str] = frozenset({"masks"}),
    statement: str | None = None,
    content_credentials: bool = False,
) -> tuple[Path, int]:
    """Prepare, build and record a package (the command line runs it all in a row)."""
    from dataclasses import replace

    from db.sharing.package_names import package_path
    from db.sharing.package_spec import PackageError
    from db.sharing.packaging import build_package
    from db.sharing.shares import SharingError, prepare, record_package

    try:
        prepared = prepare(
            db,
            row_id,
            now=_now(),
            keep_audio=keep_audio,
            utc_subtitles=subtitles,
            burn_in_utc=burn_in_utc,
            redact=redact,
            accepted_by="command line",
            progress=cli_redact.face_progress(),
        )
    except SharingError as exc:
        raise Failure(str(exc)) from None
    finally:
        if "faces" in redact and sys.stderr.isatty():
            sys.stderr.write("\n")
    cli_redact.say_redactions(prepared.spec)
    key, key_id = signing_key_for_package(db)
    stamp = _now().strftime("%Y%m%dT%H%M%SZ")
    target = package_path(out, prepared.request_id, stamp, as_zip=as_zip)
    spec = replace(prepared.spec, statement=statement, content_credentials=content_credentials)
    try:
        path = build_package(
            spec,
            target,
            signing_key_pem=key,
            key_id=key_id,
            as_zip=as_zip,
            progress=_progress_printer(),
        )
    except PackageError as exc:
        raise Failure(str(exc)) from None
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    return path, record_package(db, row_id, path, now=_now())


def statement_option(args: argparse.Namespace) -> str | None:
    """The statement the options give; Failure naming the option otherwise."""
    try:
        return cli_statement.statement_of(args)
    except ValueError as exc:
        raise Failure(str(exc)) from None


def cmd_export(args: argparse.Namespace) -> int:
    redact = cli_redact.redact_choice(args.redact)
    statement = statement_option(args)
    db = _open(args)
    row_id = _find(db, args.id)
    if not args.out.exists():
        raise Failure(_("{path}: the folder does not exist").format(path=args.out))
    if not args.out.is_dir():
        raise Failure(_("{path}: not a folder").format(path=args.out))
    path, _package_id = build_for(
        db,
        row_id,
        args.out,
        as_zip=args.zip,
        keep_audio=args.keep_audio,
        subtitles=args.subtitles,
        burn_in_utc=args.burn_in_utc,
        redact=redact,
        statement=statement,
        content_credentials=args.content_credentials,
    )
    print(_("Package written to {path}").format(path=path))
    if args.encrypt:
        from desktop.cli_handover import encrypt_export

        encrypt_export(db, _package_id, path, args.out)
    return 0


def cmd_deliver(args: argparse.Namespace) -> int:
    from desktop.cli_deliver import deliver_command

    return deliver_command(args)


def _ssl_context(ca_file: Path | None) -> Any:
    if ca_file is None:
        return None
    import ssl

    ctx = ssl.create_default_context()
    try:
        ctx.load_verify_locations(cafile=str(ca_file))
    except ssl.SSLError as exc:  # OpenSSL's words, e.g. "[X509: ...] ... (_ssl.c:4154)"
        why = _("it holds no PEM certificate") if "NO_CERTIFICATE" in str(exc) else exc.reason
        raise Failure(
            _("{path}: cannot read the CA certificate: {why}").format(path=ca_file, why=why)
        ) from None
    except OSError as exc:
        from db.store.fileio import reason

        raise Failure(
            _("{path}: cannot read the CA certificate: {why}").format(path=ca_file, why=reason(exc))
        ) from None
    return ctx


def cmd_feeds(args: argparse.Namespace) -> int:
    from desktop.cli_feeds import cmd_feeds

    return cmd_feeds(args)


def cmd_rules(args: argparse.Namespace) -> int:
    from dataclasses import fields, replace

    from db.requests import rules
    from db.requests.intake import load_rule_settings, save_rule_settings
    from db.requests.request_types import RuleSettings

    db = _open(args)
    settings = load_rule_settings(db)
    if args.action == "show":
        data = rules.settings_to_json(settings)
        if args.json:
            _print_json(data)
        else:
            for k, v in data.items():
                print(f"{k} = {json.dumps(v)}")
        return 0
    names = {f.name for f in fields(RuleSettings)}
    if args.name not in names:
        raise Failure(
            "rules: "
            + _("unknown setting {name} (known: {known})").format(
                name=repr(args.name), known=", ".join(sorted(names))
            )
        )
    value: Any
    if isinstance(getattr(RuleSettings(), args.name), bool):
        if args.value.lower() not in ("true", "false", "yes", "no", "1", "0", "on", "off"):
            raise Failure(
                "rules: "
                + _("{name} is true or false, not {value}").format(
                    name=args.name, value=repr(args.value)
                )
            )
        value = args.value.lower() in ("true", "yes", "1", "on")
    else:
        try:
            number = float(args.value)
        except ValueError:
            raise Failure(
                "rules: "
                + _("{name} needs a number, not {value}").format(
                    name=args.name, value=repr(args.value)
                )
            ) from None
        # Whole numbers stay whole; settings_from_json refuses a fraction where a
        # count of days is needed.
        value = int(number) if number.is_integer() else number
    new = rules.settings_from_json(rules.settings_to_json(replace(settings, **{args.name: value})))
    n = save_rule_settings(db, new, now=_now())
    print(
        f"{args.name} = {json.dumps(value)}; "
        + ngettext("%(n)d request checked again.", "%(n)d requests checked again.", n) % {"n": n}
    )
    return 0


HANDLERS = {
    "import-request": cmd_import_request,
    "requests": cmd_requests,
    "match": cmd_match,
    "decide": cmd_decide,
    "export": cmd_export,
    "audit": cmd_audit,
    "deliver": cmd_deliver,
    "flag": cli_candidates.cmd_flag,
    "agency": cli_agency.cmd_agency,
    "feeds": cmd_feeds,
    "rules": cmd_rules,
}
