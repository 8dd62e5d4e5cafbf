"""The command line (docs/cli.md). Without a command it opens the window.

Headless commands never import Qt, except ``snapshot``, which renders offscreen.
Exit status: 0 success, 1 the operation failed (one line on stderr says why), 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from db.clips.cameras import Camera, CameraError, add_camera, find_camera, list_cameras
from db.clips.library import ClipFilter, list_clips
from db.store import paths
from db.store.database import DatabaseError, open_database
from db.words.i18n import _, ngettext
from db.words.time_notes import uncertain_words
from desktop import (
    cli_clock,
    cli_handover,
    cli_holds,
    cli_import,
    cli_language,
    cli_masks,
    cli_requests,
    cli_verify,
)
from desktop.cli_output import ArgumentParser, terminal_safe
from desktop.cli_output import print_json as _print_json
from desktop.cli_version import VersionAction

Failure = cli_requests.Failure


def build_parser() -> argparse.ArgumentParser:
    p = ArgumentParser(  # help and error messages escaped as all output is
        prog="doorstep",
        description=_("Doorstep: answer agency requests for your camera footage, on your terms."),
    )
    p.add_argument("--db", type=Path, help=_("database file (default: in your data folder)"))
    p.add_argument("--demo", action="store_true", help=_("open the demo neighbourhood database"))
    p.add_argument("--version", action=VersionAction, help=_("show the version and exit"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    cams = sub.add_parser("cameras", help=_("add, change, remove or list cameras"))
    cams_sub = cams.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = cams_sub.add_parser("add", help=_("add a camera"))
    add.add_argument("name")
    add.add_argument("--lat", type=float, required=True)
    add.add_argument("--lon", type=float, required=True)
    add.add_argument("--heading", type=float, help=_("degrees clockwise from north"))
    add.add_argument("--fov", type=float, help=_("field of view in degrees"))
    add.add_argument("--range", type=float, dest="range_m", help=_("view range in metres"))
    add.add_argument(
        "--tz",
        help=_(
            "IANA time zone of the camera's clock, e.g. America/Los_Angeles "
            "(default: this computer's)"
        ),
    )
    add.add_argument(
        "--clock-offset",
        type=float,
        default=0.0,
        help=_("seconds the camera clock is ahead of true time (negative: behind)"),
    )
    edit = cams_sub.add_parser(
        "edit",
        help=_("change a camera (a new time zone or clock offset recalculates its clips' times)"),
    )
    edit.add_argument("name")
    edit.add_argument("--name", dest="new_name", help=_("a new name"))
    edit.add_argument("--lat", type=float)
    edit.add_argument("--lon", type=float)
    edit.add_argument("--heading", type=float, help=_("degrees clockwise from north"))
    edit.add_argument("--fov", type=float, help=_("field of view in degrees"))
    edit.add_argument("--range", type=float, dest="range_m", help=_("view range in metres"))
    edit.add_argument("--tz", help=_("IANA time zone, e.g. America/Los_Angeles"))
    edit.add_argument(
        "--clock-offset",
        type=float,
        help=_("seconds the camera clock is ahead of true time (negative: behind)"),
    )
    edit.add_argument(
        "--profile",
        help=_(
            "how its clips' folders and names give their time (docs/clip-times.md), "
            "or 'auto': each file by the layout it follows"
        ),
    )
    rm = cams_sub.add_parser(
        "remove",
        help=_(
            "remove a camera and its clip records (the video files stay); a camera whose "
            "clips were decided on is retired instead (hidden, its record kept)"
        ),
    )
    rm.add_argument("name")
    rm.add_argument(
        "--yes", action="store_true", help=_("confirm: its clip records go with it (or it retires)")
    )
    lst = cams_sub.add_parser("list", help=_("list cameras"))
    lst.add_argument("--json", action="store_true")
    lst.add_argument("--all", action="store_true", help=_("retired cameras too"))
    cli_clock.register(cams_sub)
    cli_masks.register(cams_sub)

    imp = sub.add_parser("import-clips", help=_("import a folder of clips for a camera"))
    imp.add_argument("dir", type=Path)
    imp.add_argument("--camera", required=True)
    imp.add_argument("--watch", action="store_true", help=_("remember the folder and watch it"))
    imp.add_argument(
        "--profile",
        help=_(
            "the naming profile of the folder (stored on the camera; 'auto': each file "
            "by the layout it follows; docs/clip-times.md)"
        ),
    )
    imp.add_argument(
        "--preview",
        action="store_true",
        help=_("print the detected profile and the first files' times; import nothing"),
    )
    imp.add_argument(
        "--no-thumbnails",
        action="store_true",
        help=_(
            "finish once the clips are stored; their thumbnails are made later (by the "
            "window, or the next import-clips)"
        ),
    )

    clips = sub.add_parser("clips", help=_("list clips"))
    clips_sub = clips.add_subparsers(dest="action", metavar="ACTION", required=True)
    cl = clips_sub.add_parser("list", help=_("list clips"))
    cl.add_argument("--json", action="store_true")
    cl.add_argument("--camera", help=_("only this camera's clips"))
    cli_holds.register_clips(clips_sub)

    sub.add_parser("demo", help=_("create the demo neighbourhood (a separate database)"))

    cli_requests.register(sub)
    cli_holds.register(sub)
    cli_handover.register(sub)
    cli_verify.register(sub)

    snap = sub.add_parser("snapshot", help=_("render the window or one view to a PNG"))
    snap.add_argument("out", type=Path)
    snap.add_argument(
        "--view", choices=["window", "clips", "requests", "map", "audit", "workspace"]
    )
    snap.add_argument(
        "--width", type=int, default=1280, help=_("the window's width in pixels (default 1280)")
    )
    snap.add_argument(
        "--height",
        type=int,
        default=800,
        help=_(
            "the window's height in pixels (default 800); a --view is the part of it "
            "that view takes"
        ),
    )
    snap.add_argument(
        "--scheme",
        choices=["light", "dark"],
        help=_("light or dark colours (default: as the system says; DOORSTEP_COLOR_SCHEME)"),
    )
    return p


def resolve_db_path(args: argparse.Namespace) -> tuple[Path, str]:
    if args.demo:
        return (args.db or paths.demo_db_path()), "demo"
    return (args.db or paths.default_db_path()), "resident"


def window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments when ``argv`` only opens the window (``[--db PATH] [--demo]``),
    read without building the whole command line's parser (a few milliseconds of
    every start); None for anything else, which the full parser reads."""
    db: Path | None = None
    demo = False
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--demo" and not demo:
            demo = True
        elif arg == "--db" and db is None and rest and not rest[0].startswith("-"):
            db = Path(rest.pop(0))
        elif arg.startswith("--db=") and db is None and len(arg) > 5:
            db = Path(arg[5:])
        else:
            return None
    return argparse.Namespace(db=db, demo=demo, command=None)


def main(argv: Sequence[str] | None = None, gc_paused: bool = False) -> int:
    """Run the command ``argv`` names, or open the window. ``gc_paused``: the caller
    (desktop.launch) turned Python's cyclic collector off for the start-up imports;
    a command without a window turns it back on."""
    args = window_args(sys.argv[1:] if argv is None else argv)
    if args is None:
        cli_language.start()  # before the parser: its help is in that language too
        with terminal_safe():  # what the command prints cannot drive the terminal
            args = build_parser().parse_args(argv)
            if args.command is not None:
                return run_command(args, gc_paused)
    from desktop.app import run_gui

    return run_gui(*resolve_db_path(args))


def run_command(args: argparse.Namespace, gc_paused: bool = False) -> int:
    """Run a command; a failure ends in one line on stderr and exit status 1."""
    if gc_paused:
        import gc

        gc.enable()
    try:
        return int(COMMANDS[args.command](args))
    except (Failure, CameraError, DatabaseError, ValueError, LookupError) as exc:
        print(f"doorstep: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("doorstep: " + _("interrupted"), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; that is not our failure.
        sys.stderr.close()
        return 0
    except OSError as exc:  # a file that cannot be read or written: which, and why
        from db.store.fileio import describe

        print(f"doorstep: {describe(exc)}", file=sys.stderr)
        return 1
    except sqlite3.Error as exc:
        why = str(exc)
        if "locked" in why or "busy" in why:
            from db.store.database import BUSY_TIMEOUT_MS

            why = _("another program kept it locked for over {seconds} s; try again").format(
                seconds=BUSY_TIMEOUT_MS // 1000
            )
        elif why.startswith("no such table: audit_"):
            why = _(
                "its audit trail is gone ({why}); a change is kept only with its audit "
                "entry, so nothing was changed"
            ).format(why=why)
        print("doorstep: " + _("the database: {why}").format(why=why), file=sys.stderr)
        return 1


def open_for(args: argparse.Namespace) -> Any:
    """The database the command line names (``--db``, ``--demo``), opened and migrated."""
    path, kind = resolve_db_path(args)
    return open_database(path, kind=kind)


_open = open_for


def cmd_cameras(args: argparse.Namespace) -> int:
    db = _open(args)
    if args.action == "add":
        return _add_camera(db, args)
    if args.action == "edit":
        return _edit_camera(db, args)
    if args.action == "remove":
        return _remove_camera(db, args)
    if args.action == "clock":
        return cli_clock.run(db, args)
    if args.action == "mask":
        return cli_masks.run(db, args)
    cams = list_cameras(db, include_retired=args.all)
    if args.json:
        _print_json([c.to_json() for c in cams])
    elif not cams:
        print(_("No cameras yet. Add one: doorstep cameras add NAME --lat F --lon F"))
    else:
        name_w = max(len(c.name) for c in cams)
        tz_w = max(len(c.tz) for c in cams)
        for c in cams:
            cone = ""
            if c.heading_deg is not None:
                cone = "  " + _("heading {deg}°").format(deg=f"{c.heading_deg:g}")
                if c.fov_deg is not None:
                    cone += ", " + _("fov {deg}°").format(deg=f"{c.fov_deg:g}")
                if c.range_m is not None:
                    cone += ", " + _("range {m} m").format(m=f"{c.range_m:g}")
            offset = f"{c.clock_offset_s:+g}"
            offset = "  " + _("clock {s} s").format(s=offset) if c.clock_offset_s else ""
            retired = "  " + _("retired {when}").format(when=c.retired_at) if c.retired_at else ""
            place = f"({c.lat:.6f}, {c.lon:.6f})"
            line = (
                f"{c.id:>4}  {c.name:<{name_w}}  {place:<25}  {c.tz:<{tz_w}}{cone}{offset}{retired}"
            )
            print(line.rstrip())
    return 0


def _add_camera(db: Any, args: argparse.Namespace) -> int:
    from db.clips.cameras import local_zone_name

    tz = args.tz
    if tz is None:
        tz = local_zone_name()
        if tz is None:
            raise Failure(
                "cameras add: "
                + _(
                    "this computer's time zone cannot be read; give the camera's "
                    "with --tz (e.g. --tz America/Los_Angeles)"
                )
            )
    cam = add_camera(
        db,
        Camera(
            args.name,
            args.lat,
            args.lon,
            args.heading,
            args.fov,
            args.range_m,
            tz,
            args.clock_offset,
        ),
    )
    print(_("Added camera {name} (id {id}).").format(name=repr(cam.name), id=cam.id))
    if args.tz is None:
        print(
            _(
                "Time zone: {tz}, this computer's (if the camera's differs: cameras edit --tz)."
            ).format(tz=cam.tz)
        )
    return 0


def _edit_camera(db: Any, args: argparse.Namespace) -> int:
    from dataclasses import replace

    from db.clips.cameras import edit_camera

    cam = find_camera(db, args.name)
    given = {
        "name": args.new_name,
        "lat": args.lat,
        "lon": args.lon,
        "heading_deg": args.heading,
        "fov_deg": args.fov,
        "range_m": args.range_m,
        "tz": args.tz,
        "clock_offset_s": args.clock_offset,
    }
    changes: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
    if args.profile is not None:
        changes["naming_profile"] = cli_import.profile_arg(args.profile)
    if not changes:
        raise Failure("cameras edit: " + _("nothing to change (give at least one of the options)"))
    edit = edit_camera(db, replace(cam, **changes))
    print(
        _("Changed camera {name} (id {id}).").format(name=repr(edit.camera.name), id=edit.camera.id)
    )
    if edit.clips_retimed:
        print(
            ngettext(
                "Start times of %(n)d clip recalculated for the new time zone, clock offset "
                "or naming profile.",
                "Start times of %(n)d clips recalculated for the new time zone, clock offset "
                "or naming profile.",
                edit.clips_retimed,
            )
            % {"n": edit.clips_retimed}
        )
    return 0


def _remove_camera(db: Any, args: argparse.Namespace) -> int:
    from db.clips.cameras import clip_count, decided_counts, remove_camera

    cam = find_camera(db, args.name)
    assert cam.id is not None
    n = clip_count(db, cam.id)
    if n and not args.yes:
        decided, _shared = decided_counts(db, cam.id)
        if decided:
            raise Failure(
                "cameras remove: "
                + _(
                    "{name} has {decided} decided clip(s), so it would be retired (hidden, "
                    "with its clips and decisions kept as the record of what was shared), "
                    "not deleted; run again with --yes to retire it"
                ).format(name=repr(cam.name), decided=decided)
            )
        raise Failure(
            "cameras remove: "
            + _(
                "{name} has {n} clip record(s), which would go with it (the video files "
                "stay); run again with --yes to remove it"
            ).format(name=repr(cam.name), n=n)
        )
    print(remove_camera(db, cam.id).text())
    return 0


def cmd_import_clips(args: argparse.Namespace) -> int:
    from db.clips.cameras import add_folder
    from db.clips.importer import Progress, import_folder

    folder: Path = args.dir
    if not folder.exists():
        raise Failure("import-clips: " + _("folder not found: {path}").format(path=folder))
    if not folder.is_dir():
        raise Failure("import-clips: " + _("not a folder: {path}").format(path=folder))
    db = _open(args)
    camera = find_camera(db, args.camera)
    if args.preview:
        return cli_import.print_preview(folder, camera, args.profile)
    camera = cli_import.store_profile(db, camera, args.profile)
    tty = sys.stderr.isatty()

    def progress(p: Progress) -> None:
        if tty and p.files_total:
            sys.stderr.write(
                "\r" + _("{done}/{total} files").format(done=p.files_done, total=p.files_total)
            )
            sys.stderr.flush()

    summary = import_folder(
        db, folder, camera, on_progress=progress, thumbnails=not args.no_thumbnails
    )
    if tty:
        sys.stderr.write("\n")
    add_folder(db, camera.id or 0, str(folder.resolve()), args.watch)
    print(f"{camera.name}: {summary.text()}.")
    for s in summary.skipped:
        print("  " + _("skipped {path}: {reason}").format(path=s.path, reason=s.reason))
    for s in summary.no_picture:
        print("  " + _("stored, but its {reason}: {path}").format(reason=s.reason, path=s.path))
    cli_holds.sync(db)  # new clips may be candidates of open requests
    return 0


def cmd_clips(args: argparse.Namespace) -> int:
    db = _open(args)
    if args.action in ("hold", "release"):
        run = cli_holds.cmd_clip_hold if args.action == "hold" else cli_holds.cmd_clip_release
        return run(db, args)
    filt = ClipFilter()
    if args.camera:
        filt = ClipFilter(camera_id=find_camera(db, args.camera, include_retired=True).id)
    rows = list_clips(db, filt)
    if args.json:
        _print_json(cli_holds.clip_json(db, [r.to_json() for r in rows]))
        return 0
    if not rows:
        print(_("No clips yet. Import a folder: doorstep import-clips DIR --camera NAME"))
        return 0
    cam_w = max(len(r.camera) for r in rows)
    res_w = max(len(f"{r.width}x{r.height}") for r in rows)
    sound = {True: _("audio"), False: _("no audio")}
    audio_w = max(len(word) for word in sound.values())
    for r in rows:
        res = f"{r.width}x{r.height}"
        doubt = "" if r.start_certain else f"  ({uncertain_words(r.start_note)})"
        print(
            f"{r.id:>6}  {r.start_utc}  {r.duration_s:7.1f} s  {res:<{res_w}}  "
            f"{sound[r.has_audio]:{audio_w}}  {r.camera:<{cam_w}}  {r.path}{doubt}"
        )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from db.demo.neighbourhood import build_demo

    target = args.db or paths.demo_db_path()
    media = target.parent / (target.stem + "-clips") if args.db else paths.demo_media_dir()
    summary = build_demo(target, media)
    print(
        _("Demo neighbourhood ready in {path} ({summary}).").format(
            path=target, summary=summary.text()
        )
    )
    print(
        _("Open it with: {command}").format(
            # The bundle's executable is run by name (docs/install.md); a checkout's main.py.
            command=("doorstep" if getattr(sys, "frozen", False) else "python main.py")
            + " --demo"
            + (f" --db {target}" if args.db else "")
        )
    )
    return 0


def cmd_snapshot(args: argparse.Namespace) -> int:
    from desktop.snapshot import snapshot

    if args.scheme:
        os.environ["DOORSTEP_COLOR_SCHEME"] = args.scheme  # read as the application starts
    path, kind = resolve_db_path(args)
    shot = snapshot(path, kind, args.out, args.view or "window", args.width, args.height)
    print(
        _("Saved {path} ({width}×{height} pixels)").format(
            path=args.out, width=shot.width, height=shot.height
        )
    )
    if shot.window != (args.width, args.height):
        print(
            "doorstep: snapshot: "
            + _(
                "the window cannot be {width}×{height}; it was {got_width}×{got_height}, "
                "its smallest size for this content"
            ).format(
                width=args.width,
                height=args.height,
                got_width=shot.window[0],
                got_height=shot.window[1],
            ),
            file=sys.stderr,
        )
    return 0


COMMANDS = {
    "cameras": cmd_cameras,
    "import-clips": cmd_import_clips,
    "clips": cmd_clips,
    "demo": cmd_demo,
    "snapshot": cmd_snapshot,
    "holds": cli_holds.cmd_holds,
    "handover": cli_handover.cmd_handover,
    "verify": cli_verify.cmd_verify,
    **cli_requests.HANDLERS,
}
