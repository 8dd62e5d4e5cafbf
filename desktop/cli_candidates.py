"""A request's candidate clips on the command line: listed with their decisions and
flags (`requests show`), and flagged as showing children or private (`flag`).
Headless: no Qt imports."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

from db.sharing.candidate_states import CandidateState
from db.words.i18n import N_, _
from desktop.cli_output import clean

# The flag's name on the command line -> its column (db.clips.library.FLAGS).
FLAG_NAMES = {"children": "shows_children", "private": "private"}


def register(sub: Any) -> None:
    fl = sub.add_parser(
        "flag", help=_("flag a candidate clip as showing children or private (or clear it)")
    )
    fl.add_argument("id", help=_("the request's id"))
    fl.add_argument("clip_id", type=int)
    fl.add_argument("flag", choices=sorted(FLAG_NAMES))
    fl.add_argument("--off", action="store_true", help=_("clear the flag instead"))


# A decision as `requests show` prints it (the JSON keeps the state's own name).
DECISION_WORDS = {"approved": N_("approved"), "declined": N_("declined"), "pending": N_("pending")}


def candidate_lines(states: list[CandidateState]) -> list[str]:
    """One line per candidate: id, camera, times, decision, flags and note."""
    lines = []
    for s in states:
        c = s.candidate
        flags = f"  [{s.flag_words}]" if s.flags else ""
        note = "  " + _("note: {note}").format(note=clean(s.note)) if s.note else ""
        decision = _(DECISION_WORDS.get(s.decision, s.decision))
        lines.append(
            "    "
            + _("clip {id} {camera}  {start} to {end}  {decision}").format(
                id=f"{c.clip_id:<5}",
                camera=f"{clean(c.camera):20}",
                start=c.start_utc,
                end=c.end_utc,
                decision=decision,
            )
            + flags
            + note
        )
    return lines


def cmd_flag(args: argparse.Namespace) -> int:
    from db.clips.library import FLAG_WORDS, set_flag
    from db.requests.inbox import match
    from desktop.cli_requests import Failure, _find, _open

    db = _open(args)
    row_id = _find(db, args.id)
    if args.clip_id not in {c.clip_id for c in match(db, row_id)}:
        raise Failure(
            "flag: "
            + _("clip {id} is not among this request's candidate clips").format(id=args.clip_id)
        )
    request_id, agency_id = db.execute(
        "SELECT request_id, agency_id FROM requests WHERE id = ?", [row_id]
    ).fetchone()
    flag = FLAG_NAMES[args.flag]
    on = not args.off
    changed = set_flag(
        db,
        args.clip_id,
        flag,
        on,
        now=datetime.now(UTC),
        request_id=request_id,
        agency_id=agency_id,
    )
    if changed:
        done = (
            N_("Clip {clip} is now flagged '{flag}'.")
            if on
            else N_("Clip {clip} is now not flagged '{flag}'.")
        )
    else:
        done = (
            N_("Clip {clip} was already flagged '{flag}'; nothing changed.")
            if on
            else N_("Clip {clip} was already not flagged '{flag}'; nothing changed.")
        )
    print(_(done).format(clip=args.clip_id, flag=_(FLAG_WORDS[flag])))
    return 0
