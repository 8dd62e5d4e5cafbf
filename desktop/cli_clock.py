"""`cameras clock`: measure a camera's clock offset on one frame of one of its clips
(docs/clock.md, docs/cli.md)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

from db.clips.cameras import find_camera
from db.clips.clock import measure_offset
from db.words.clockwords import METHODS, offset_words
from db.words.i18n import _, ngettext


def register(cams_sub: Any) -> None:
    clock = cams_sub.add_parser(
        "clock",
        help=_(
            "measure the camera's clock offset: what its on-screen clock shows in a frame "
            "against the true time of that frame (its clips are retimed)"
        ),
    )
    clock.add_argument("name")
    clock.add_argument("--clip", type=int, required=True, help=_("the clip's id (clips list)"))
    clock.add_argument(
        "--at", type=float, required=True, help=_("the frame: seconds from the clip's start")
    )
    clock.add_argument(
        "--shows", required=True, help=_("what the camera's clock shows in that frame, as typed")
    )
    clock.add_argument(
        "--true",
        dest="true_time",
        required=True,
        help=_("the true time of that frame (in the camera's zone unless it says its own)"),
    )
    clock.add_argument(
        "--method",
        required=True,
        help=_(
            "how the true time is known: reference-clock (a clock in the frame) or "
            "known-event; the file's time is not a reference"
        ),
    )
    clock.add_argument("--note", help=_("a note kept with the measurement"))


def run(db: Any, args: argparse.Namespace) -> int:
    camera = find_camera(db, args.name)
    assert camera.id is not None
    done = measure_offset(
        db,
        camera.id,
        args.clip,
        args.at,
        args.shows,
        args.true_time,
        args.method,
        args.note,
        now=datetime.now(UTC),
    )
    new, old = done.camera.clock_offset_s, done.previous_offset_s
    print(
        _(
            "{camera}: the camera's clock is {offset} (offset {new} s, was {old} s), "
            "measured by {method}."
        ).format(
            camera=done.camera.name,
            offset=offset_words(new),
            new=f"{new:+g}",
            old=f"{old:+g}",
            method=_(METHODS[done.method]),
        )
    )
    if done.clips_retimed:
        print(
            ngettext(
                "Start times of %(n)d clip recalculated for the new clock offset.",
                "Start times of %(n)d clips recalculated for the new clock offset.",
                done.clips_retimed,
            )
            % {"n": done.clips_retimed}
        )
    return 0
