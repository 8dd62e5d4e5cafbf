"""`cameras mask`: a camera's privacy masks, polygons hidden in every excerpt of it
(docs/redaction.md, docs/cli.md)."""

from __future__ import annotations

import argparse
import re
from typing import Any

from db.clips.cameras import find_camera
from db.redaction.masks import (
    MaskError,
    add_mask,
    get_mask,
    masks_for_camera,
    newest_picture,
    parse_points,
    remove_mask,
)
from db.words.i18n import _
from desktop.cli_output import print_json

_SIZE = re.compile(r"^\s*(\d+)\s*[x×X]\s*(\d+)\s*$")


def register(cams_sub: Any) -> None:
    mask = cams_sub.add_parser(
        "mask",
        help=_("a camera's privacy masks: polygons hidden in every excerpt of it"),
    )
    mask_sub = mask.add_subparsers(dest="mask_action", metavar="ACTION", required=True)
    add = mask_sub.add_parser("add", help=_("add a privacy mask to the camera"))
    add.add_argument("camera", help=_("the camera's name"))
    add.add_argument("--name", required=True, help='what it hides, e.g. "Neighbour\'s window"')
    add.add_argument(
        "--points",
        required=True,
        help='its corners in order around it, pixels of the picture: "x,y x,y x,y ..."',
    )
    add.add_argument(
        "--size",
        help=_(
            "the picture the points refer to, WIDTHxHEIGHT (default: the camera's newest clip's)"
        ),
    )
    lst = mask_sub.add_parser("list", help=_("list the camera's privacy masks"))
    lst.add_argument("camera", help=_("the camera's name"))
    lst.add_argument("--json", action="store_true")
    rm = mask_sub.add_parser("remove", help=_("remove a privacy mask"))
    rm.add_argument("id", type=int, help=_("the mask's id (cameras mask list)"))


def run(db: Any, args: argparse.Namespace) -> int:
    if args.mask_action == "add":
        return _add(db, args)
    if args.mask_action == "list":
        return _list(db, args)
    camera, mask = get_mask(db, args.id)
    remove_mask(db, args.id)
    print(
        _("Removed privacy mask {id} {name} of camera {camera}.").format(
            id=mask.mask_id, name=repr(mask.name), camera=repr(camera.name)
        )
    )
    return 0


def _add(db: Any, args: argparse.Namespace) -> int:
    camera = find_camera(db, args.camera)
    assert camera.id is not None
    points = parse_points(args.points)
    if args.size is not None:
        found = _SIZE.match(args.size)
        if found is None:
            raise MaskError(f"size: {args.size!r} is not WIDTHxHEIGHT in pixels, e.g. 1920x1080")
        width, height = int(found.group(1)), int(found.group(2))
    else:
        picture = newest_picture(db, camera.id)
        if picture is None:
            raise MaskError(
                f"size: {camera.name!r} has no clips to take the picture's size from; "
                "give --size WIDTHxHEIGHT"
            )
        width, height = picture.width, picture.height
    mask_id = add_mask(db, camera.id, args.name, points, width, height)
    _camera, mask = get_mask(db, mask_id)
    print(
        _(
            "Added privacy mask {id} {name} to camera {camera} ({points} points on the "
            "{width}×{height} picture)."
        ).format(
            id=mask_id,
            name=repr(mask.name),
            camera=repr(camera.name),
            points=len(mask.points),
            width=width,
            height=height,
        )
    )
    return 0


def _list(db: Any, args: argparse.Namespace) -> int:
    camera = find_camera(db, args.camera, include_retired=True)
    assert camera.id is not None
    masks = masks_for_camera(db, camera.id)
    if args.json:
        print_json([m.to_json() for m in masks])
        return 0
    if not masks:
        print(
            _("{camera} has no privacy masks. Add one: {command}").format(
                camera=camera.name,
                command=f"doorstep cameras mask add {camera.name!r} --name NAME "
                '--points "x,y x,y x,y"',
            )
        )
        return 0
    name_w = max(len(m.name) for m in masks)
    for m in masks:
        points = " ".join(f"{x},{y}" for x, y in m.points)
        size = f"{m.width}×{m.height}"
        print(f"{m.mask_id:>4}  {m.name:<{name_w}}  {size:>9}  {points}")
    return 0
