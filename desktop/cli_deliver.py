"""`deliver REQUEST_ID`: upload the request's share package to the address it names
(docs/delivery.md). Which package goes is decided by db.sharing.delivery_state, as in the window:
the one being delivered is continued, a confirmed one is sent again only with --again."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.store.fileio import reason
from db.words.i18n import _
from desktop.cli_redact import redact_choice, say_redactions
from desktop.cli_requests import (
    Failure,
    _find,
    _now,
    _open,
    _progress_printer,
    _ssl_context,
    signing_key_for_package,
    statement_option,
)

if TYPE_CHECKING:
    from db.sharing.delivery_state import Plan


def deliver_command(args: argparse.Namespace) -> int:
    from db.keys import credentials
    from db.sharing import delivery_state as state
    from db.sharing.delivery import deliver
    from db.sharing.delivery_types import DeliveryError
    from db.sharing.shares import SharingError

    if args.timeout is not None and not args.timeout > 0:
        raise Failure(_("--timeout must be a positive number of seconds"))
    redact = redact_choice(args.redact)
    statement = statement_option(args)
    try:  # first: the default database lives in the same data folder
        state.packages_dir()
    except SharingError as exc:
        raise Failure(str(exc)) from None
    db = _open(args)
    row_id = _find(db, args.id)
    try:
        plan = state.plan_delivery(
            db,
            row_id,
            now=_now(),
            again=args.again,
            keep_audio=args.keep_audio,
            subtitles=args.subtitles,
            burn_in_utc=args.burn_in_utc,
            redact=redact,
            accepted_by="command line",
        )
    except state.AlreadyDelivered as exc:
        raise Failure(
            _("{why}; `deliver --again` sends the same package again").format(why=exc)
        ) from None
    except SharingError as exc:
        raise Failure(str(exc)) from None
    context = _ssl_context(args.ca_file)
    try:
        token = credentials.get_upload_token(plan.url)
    except credentials.CredentialError as exc:
        raise Failure(_("{why}; nothing was sent").format(why=exc)) from None
    if plan.note:
        print(plan.note, flush=True)
    if plan.package is None:
        assert plan.prepared is not None
        say_redactions(plan.prepared.spec)
        path, package_row = _build(db, plan, statement, args.content_credentials)
    else:
        if statement is not None or args.content_credentials:
            print(
                _(
                    "note: the package built before is sent as it is, without the statement "
                    "or content credentials asked for now"
                ),
                file=sys.stderr,
            )
        path, package_row = plan.package.path, plan.package.row
    try:
        receipt = deliver(
            path,
            plan.url,
            token=token,
            ssl_context=context,
            progress=_progress_printer(),
            total_timeout=args.timeout,
        )
    except DeliveryError as exc:
        raise Failure(_("not delivered: {why}").format(why=exc)) from None
    finally:
        if sys.stderr.isatty():
            sys.stderr.write("\n")
    print(state.record_sent(db, plan, package_row, receipt, now=_now()))
    return 0


def _build(
    db: Any, plan: Plan, statement: str | None = None, content_credentials: bool = False
) -> tuple[Path, int]:
    """Build the plan's package in the packages folder and record it before sending, so
    that a delivery run again finds it."""
    from dataclasses import replace

    from db.sharing import delivery_state as state
    from db.sharing.package_spec import PackageError
    from db.sharing.packaging import build_package
    from db.sharing.shares import record_package

    assert plan.prepared is not None
    key, key_id = signing_key_for_package(db, "; nothing was sent")
    target = state.package_target(plan.folder, plan.request_id, _now())
    try:
        path = build_package(
            replace(
                plan.prepared.spec, statement=statement, content_credentials=content_credentials
            ),
            target,
            signing_key_pem=key,
            key_id=key_id,
            progress=_progress_printer(),
        )
    except PackageError as exc:
        raise Failure(_("{why}; nothing was sent").format(why=exc)) from None
    except OSError as exc:
        raise Failure(
            _("{path}: cannot write the package ({why}); nothing was sent").format(
                path=target, why=reason(exc)
            )
        ) from None
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    return path, record_package(db, plan.row_id, path, now=_now())
