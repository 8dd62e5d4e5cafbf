"""``import-clips --profile/--preview`` and ``cameras edit --profile`` (docs/cli.md)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from db.clips.cameras import Camera, edit_camera
from db.clips.name_times import PROFILES
from db.words.i18n import _, ngettext
from desktop.cli_requests import Failure

AUTO = "auto"


def profile_arg(text: str) -> str | None:
    """A profile named on the command line: one of PROFILES, or 'auto' (None: each
    file by the layout it follows)."""
    if text == AUTO:
        return None
    if text not in PROFILES:
        raise Failure(
            _("unknown naming profile {name} (known: {known})").format(
                name=repr(text), known=", ".join((AUTO, *PROFILES))
            )
        )
    return text


def print_preview(folder: Path, camera: Camera, profile: str | None) -> int:
    from db.clips.import_preview import preview_folder, preview_lines

    chosen = camera.naming_profile if profile is None else profile_arg(profile)
    preview = preview_folder(folder, replace(camera, naming_profile=chosen))
    for line in preview_lines(preview, camera):
        print(line)
    if preview.uncertain:
        print(
            ngettext(
                "%(n)d of these would be flagged: their time is uncertain.",
                "%(n)d of these would be flagged: their time is uncertain.",
                preview.uncertain,
            )
            % {"n": preview.uncertain}
        )
    print(_("Nothing was imported (--preview)."))
    return 0


def store_profile(db: Any, camera: Camera, profile: str | None) -> Camera:
    """The camera with the profile given stored on it (a camera change, audited, which
    recalculates its clips' times); the camera as it is when none was given."""
    if profile is None:
        return camera
    chosen = profile_arg(profile)
    if chosen == camera.naming_profile:
        return camera
    edit = edit_camera(db, replace(camera, naming_profile=chosen))
    shown = chosen or AUTO
    print(
        _("Naming profile of {name} set to {profile}.").format(
            name=repr(camera.name), profile=shown
        )
    )
    return edit.camera
