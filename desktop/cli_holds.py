"""`clips hold`, `clips release` and `holds`: the footage kept in the evidence store
until its request is settled (docs/holds.md, docs/cli.md). Headless: no Qt."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from db.words.i18n import N_, _, ngettext
from desktop.cli_output import print_json

if TYPE_CHECKING:
    from db.holds.evidence_store import EvidenceStore
    from db.holds.sync import SyncResult

BEYOND_HELP = N_("hold even beyond the evidence store's budget (holds budget)")


class HoldFailure(ValueError):
    """One line for stderr."""


def register_clips(clips_sub: Any) -> None:
    hold = clips_sub.add_parser("hold", help=_("keep a copy of a clip in the evidence store"))
    hold.add_argument("clip_id", type=int)
    hold.add_argument("--beyond-budget", action="store_true", help=_(BEYOND_HELP))
    rel = clips_sub.add_parser(
        "release",
        help=_("let go of a clip's held copy (requests that held it do not take it again)"),
    )
    rel.add_argument("clip_id", type=int)


def register(sub: Any) -> None:
    holds = sub.add_parser("holds", help=_("the evidence store: hold candidates, usage, budget"))
    holds_sub = holds.add_subparsers(dest="action", metavar="ACTION", required=True)
    sy = holds_sub.add_parser(
        "sync",
        help=_("hold every candidate clip of unsettled requests, release what settled ones held"),
    )
    sy.add_argument("--beyond-budget", action="store_true", help=_(BEYOND_HELP))
    st = holds_sub.add_parser("status", help=_("usage, budget and the clips waiting for room"))
    st.add_argument("--json", action="store_true")
    bu = holds_sub.add_parser("budget", help=_("set the evidence store's budget"))
    bu.add_argument("size", help=_("e.g. 50GB, 800MB, 1.5TB, or none for no limit"))


def _now() -> datetime:
    return datetime.now(UTC)


def store() -> EvidenceStore:
    from db.holds.evidence_store import EvidenceStore
    from db.store import paths

    return EvidenceStore(paths.evidence_dir())


def cmd_clip_hold(db: Any, args: argparse.Namespace) -> int:
    from db.holds import holds

    budget = None if args.beyond_budget else holds.budget_bytes(db)
    try:
        new = _store_call(
            holds.hold_clip, db, store(), args.clip_id, request_row=None, now=_now(), budget=budget
        )
    except holds.OverBudget as exc:
        raise HoldFailure(
            _("{why}; run again with --beyond-budget to hold it anyway").format(why=exc)
        ) from None
    done = N_("Clip {clip} held.") if new else N_("Clip {clip} was held already.")
    print(_(done).format(clip=args.clip_id))
    return 0


def cmd_clip_release(db: Any, args: argparse.Namespace) -> int:
    from db.holds import holds

    n = holds.release_all(db, store(), args.clip_id, now=_now())
    if not n:
        print(_("Clip {clip} was not held.").format(clip=args.clip_id))
    else:
        print(
            ngettext(
                "Clip %(clip)s released (%(n)d hold ended).",
                "Clip %(clip)s released (%(n)d holds ended).",
                n,
            )
            % {"clip": args.clip_id, "n": n}
        )
    return 0


def _store_call(fn: Any, *args: Any, **kwargs: Any) -> Any:
    from db.holds.evidence_store import StoreError

    try:
        return fn(*args, **kwargs)
    except StoreError as exc:
        raise HoldFailure(_("the evidence store: {why}").format(why=exc)) from None


def sync(db: Any, *, beyond_budget: bool = False) -> SyncResult:
    """Bring the holds in line with the requests and say what happened (after every
    command that imports requests or clips, or decides)."""
    from db.holds import holds

    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if tty and total:
            sys.stderr.write(
                "\r" + _("holding candidates: {percent:3d}%").format(percent=100 * done // total)
            )
            sys.stderr.flush()

    result: SyncResult = _store_call(
        holds.sync_holds,
        db,
        store(),
        _now(),
        budget_bytes=holds.budget_bytes(db),
        beyond_budget=beyond_budget,
        progress=progress,
    )
    if tty and result.held:
        sys.stderr.write("\n")
    say_sync(db, result)
    return result


def say_sync(db: Any, result: SyncResult) -> None:
    from db.words.units import file_size

    if result.held:
        clips = len({c for c, _r in result.held})
        print(
            ngettext(
                "Held %(n)d candidate clip in the evidence store.",
                "Held %(n)d candidate clips in the evidence store.",
                clips,
            )
            % {"n": clips}
        )
    if result.released:
        n = len(result.released)
        print(
            ngettext(
                "Released %(n)d hold of settled requests.",
                "Released %(n)d holds of settled requests.",
                n,
            )
            % {"n": n}
        )
    for clip_id in result.lost:
        print(
            "  "
            + _("clip {id}: {source}; it cannot be held").format(
                id=clip_id, source=_source_words(db, clip_id)
            )
        )
    for clip_id in result.changed:
        print(
            "  "
            + _("clip {id}: {source}; it is not held or used").format(
                id=clip_id, source=_source_words(db, clip_id)
            )
        )
    for clip_id, why in result.failed:
        print("  " + _("clip {id}: not held: {why}").format(id=clip_id, why=why))
    if result.waiting:
        size = sum(w.size for w in result.waiting)
        budget = file_size(result.budget_bytes or 0)
        n = len(result.waiting)
        print(
            ngettext(
                "%(n)d candidate clip (%(size)s) waits for room in the budget (%(used)s of "
                "%(budget)s used): %(ids)s. Hold it anyway: doorstep holds sync --beyond-budget",
                "%(n)d candidate clips (%(size)s) wait for room in the budget (%(used)s of "
                "%(budget)s used): %(ids)s. Hold them anyway: doorstep holds sync "
                "--beyond-budget",
                n,
            )
            % {
                "n": n,
                "size": file_size(size),
                "used": file_size(result.used_bytes),
                "budget": budget,
                "ids": ", ".join(str(w.clip_id) for w in result.waiting),
            }
        )


def _source_words(db: Any, clip_id: int) -> str:
    from db.holds.holds import hold_state

    state = hold_state(db, clip_id)
    if state.source == "lost":
        if state.last_seen_at:
            return _("the source file is gone, last seen {when}").format(when=state.last_seen_at)
        return _("the source file is gone")
    if state.source == "changed":
        return _("the source file changed (its SHA-256 differs)")
    return _("source present")


def candidate_lines(db: Any, clip_ids: list[int]) -> list[str]:
    """`requests show`: how many candidates are held, and each one lost or changed."""
    from db.holds.holds import hold_states

    states = hold_states(db, clip_ids) if clip_ids else {}
    held = sum(1 for s in states.values() if s.held)
    counted = _("Held: {held} of {n} candidate clips").format(held=held, n=len(clip_ids))
    lines = ["  " + counted] if clip_ids else []
    for cid in clip_ids:
        s = states[cid]
        if s.source != "present":
            copy = _("a copy is held") if s.held else _("not held")
            lines.append(
                "    "
                + _("clip {id}: {source}; {copy}").format(
                    id=cid, source=_source_words(db, cid), copy=copy
                )
            )
    return lines


def candidate_json(db: Any, clip_ids: list[int]) -> list[dict[str, Any]]:
    from db.holds.holds import hold_states

    states = hold_states(db, clip_ids) if clip_ids else {}
    return [{"clip_id": c, **states[c].to_json()} for c in clip_ids]


def clip_json(db: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`clips list --json`: each clip with `held`, `source` and `last_seen_at`."""
    from db.holds.holds import hold_states

    states = hold_states(db)
    for row in rows:
        s = states[int(row["id"])]
        row.update(held=s.held, source=s.source, last_seen_at=s.last_seen_at)
    return rows


def cmd_holds(args: argparse.Namespace) -> int:
    from db.holds import holds
    from db.holds.sync import status
    from db.words.units import file_size
    from desktop.cli import open_for

    db = open_for(args)
    if args.action == "sync":
        result = sync(db, beyond_budget=args.beyond_budget)
        if not (result.held or result.released or result.waiting):
            print(_("Nothing to hold or release."))
        return 0
    if args.action == "budget":
        n = holds.parse_size(args.size)
        holds.set_budget_bytes(db, n, now=_now())
        print(
            _("No budget: the store may grow.")
            if n is None
            else _("Budget: {size}.").format(size=file_size(n))
        )
        return 0
    st = status(db, _now())
    usage = store().usage()
    if args.json:
        print_json(
            {**st.to_json(), "copied_bytes": usage.copied_bytes, "linked_bytes": usage.linked_bytes}
        )
        return 0
    budget = (
        _("no budget")
        if st.budget_bytes is None
        else _("budget {size}").format(size=file_size(st.budget_bytes))
    )
    print(
        ngettext(
            "Evidence store: %(used)s used (%(budget)s); %(n)d clip held.",
            "Evidence store: %(used)s used (%(budget)s); %(n)d clips held.",
            st.held_clips,
        )
        % {"used": file_size(st.used_bytes), "budget": budget, "n": st.held_clips}
    )
    if usage.linked_bytes:
        print(
            _("{size} of it shares space with the recorders' files until they delete them.").format(
                size=file_size(usage.linked_bytes)
            )
        )
    if st.waiting:
        print(_("Waiting to be held: clips {ids}.").format(ids=", ".join(map(str, st.waiting))))
    if st.lost:
        print(
            _("Lost before they were held: clips {ids}.").format(ids=", ".join(map(str, st.lost)))
        )
    if st.changed:
        print(
            _("Changed since import, not held: clips {ids}.").format(
                ids=", ".join(map(str, st.changed))
            )
        )
    return 0
