"""Command-line commands for agency feeds and their tokens (docs/cli.md, "Feeds").
Headless: no Qt imports.

Every keyring failure ends as one line (``Failure``) with nothing half done: the
keyring is changed first and the database after, and db.keys.credentials takes the keyring
change back when the database write fails."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from db.words.i18n import N_, _
from desktop.cli_requests import Failure, _now, _open, _print_json, _ssl_context


def register(sub: Any) -> None:
    fd = sub.add_parser("feeds", help=_("agency feeds: add, list, poll, remove, change a token"))
    fd_sub = fd.add_subparsers(dest="action", metavar="ACTION", required=True)
    fa = fd_sub.add_parser("add", help=_("add a feed URL (https)"))
    fa.add_argument("url")
    fa.add_argument("--agency", help=_("the agency id the feed belongs to"))
    fa.add_argument(
        "--token-stdin",
        action="store_true",
        help=_("read the feed's access token from stdin (kept in the system keyring)"),
    )
    fl = fd_sub.add_parser("list", help=_("list feeds and their state"))
    fl.add_argument("--json", action="store_true")
    fp = fd_sub.add_parser("poll", help=_("poll every feed now"))
    fp.add_argument("--ca-file", type=Path, help=_("also trust this CA certificate (PEM)"))
    fp.add_argument("--json", action="store_true")
    fr = fd_sub.add_parser("remove", help=_("remove a feed and its token"))
    fr.add_argument("feed", help=_("the feed's id or URL (see 'feeds list')"))
    ft = fd_sub.add_parser("token", help=_("set or remove a feed's access token"))
    ft.add_argument("feed", help=_("the feed's id or URL (see 'feeds list')"))
    how = ft.add_mutually_exclusive_group(required=True)
    how.add_argument("--token-stdin", action="store_true", help=_("read the new token from stdin"))
    how.add_argument("--remove", action="store_true", help=_("remove the token"))


def cmd_feeds(args: argparse.Namespace) -> int:
    from db.keys import credentials

    try:
        return _run(args)
    except credentials.CredentialError as exc:
        done = {"add": N_("feed not added"), "remove": N_("feed not removed")}
        what = _(done.get(args.action, N_("token not changed")))
        raise Failure(f"{what}: {exc}") from None


def _run(args: argparse.Namespace) -> int:
    from db.requests import feeds

    db = _open(args)
    if args.action == "add":
        token = sys.stdin.readline().strip() if args.token_stdin else None
        feed = feeds.add_feed(db, args.url, args.agency, token=token)
        added = (
            N_("Feed {id} added: {url} (token kept in the keyring)")
            if token is not None
            else N_("Feed {id} added: {url}")
        )
        print(_(added).format(id=feed.id, url=feed.url))
        return 0
    if args.action == "remove":
        feed = feeds.remove_feed(db, feeds.find_feed(db, args.feed).id)
        print(
            _("Feed {id} removed: {url} (and its token, if it had one)").format(
                id=feed.id, url=feed.url
            )
        )
        return 0
    if args.action == "token":
        return _token(db, feeds.find_feed(db, args.feed), args.remove)
    if args.action == "list":
        rows = feeds.list_feeds(db)
        if args.json:
            _print_json([f.to_json() for f in rows])
            return 0
        if not rows:
            print(_("No feeds yet. Add one: doorstep feeds add URL"))
        for f in rows:
            state = (
                _("error: {why}").format(why=f.last_error)
                if f.last_error
                else _("ok {when}").format(when=f.last_ok_at)
                if f.last_ok_at
                else _("ok never")
            )
            print(f"{f.id:>3}  {f.url}  {state}")
        return 0
    return _poll(db, args)


def _token(db: Any, feed: Any, remove: bool) -> int:
    from db.audit import trail as audit
    from db.keys import credentials

    if remove:
        change = credentials.delete_feed_token(feed.url)
        what = "removed" if change.existed else None
    else:
        change = credentials.set_feed_token(feed.url, sys.stdin.readline().strip())
        what = "set"
    if what is None:
        print(_("Feed {id} had no token: nothing changed.").format(id=feed.id))
        return 0
    with credentials.undone_on_error(change):
        audit.credential_changed(db, "feed token", feed.url, what, now=_now())
    done = (
        N_("Token for feed {id} set ({url}).")
        if what == "set"
        else N_("Token for feed {id} removed ({url}).")
    )
    print(_(done).format(id=feed.id, url=feed.url))
    return 0


def _poll(db: Any, args: argparse.Namespace) -> int:
    from db.requests import feeds

    ctx = _ssl_context(args.ca_file)
    results = []
    failed = False
    for feed in feeds.list_feeds(db):
        fetched, applied = feeds.poll_feed(db, feed, now=_now(), ssl_context=ctx)
        refused = [{"index": i, "id": rid, "reason": str(err)} for i, rid, err in applied.refused]
        entry = {
            "feed": feed.url,
            "status": fetched.status,
            "error": fetched.error,
            "added": applied.count("added"),
            "edited": applied.count("edited"),
            "withdrawn": applied.count("withdrawn"),
            "unchanged": applied.count("unchanged"),
            "refused": refused,
        }
        results.append(entry)
        failed = failed or fetched.status == "error"
        if not args.json:
            if fetched.status == "error":
                print(f"doorstep: {fetched.error}", file=sys.stderr)
            else:
                status = N_("new") if fetched.status == "new" else N_("not modified")
                print(
                    _(
                        "{url}: {status}; {added} new, {edited} edited, {withdrawn} withdrawn, "
                        "{refused} refused"
                    ).format(
                        url=feed.url,
                        status=_(status),
                        added=entry["added"],
                        edited=entry["edited"],
                        withdrawn=entry["withdrawn"],
                        refused=len(refused),
                    )
                )
                for r in refused:
                    print(
                        "  "
                        + _("refused item {index} ({id}): {why}").format(
                            index=r["index"], id=r["id"] or _("no id"), why=r["reason"]
                        )
                    )
    if args.json:
        _print_json(results)
    return 1 if failed else 0
