"""Every file location Doorstep uses, in one place.

Tests (and a user who wants a portable install) redirect everything by setting
``DOORSTEP_DATA_DIR``; otherwise the XDG data folder is used.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

APP_NAME = "doorstep"


def data_dir(*, create: bool = True) -> Path:
    """The folder that holds the database and the demo database; created private
    (0700) when it does not exist yet, unless ``create`` is false (for a look that must
    leave nothing behind)."""
    override = os.environ.get("DOORSTEP_DATA_DIR")
    if override:
        base = Path(override)
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".local" / "share") / APP_NAME
    if create and not base.is_dir():
        _refuse_a_file_on_the_way(base)
        base.parent.mkdir(parents=True, exist_ok=True)
        base.mkdir(mode=0o700, exist_ok=True)
    return base


def _refuse_a_file_on_the_way(base: Path) -> None:
    """Making the folder where a file is fails with "it already exists", which does
    not tell the resident that DOORSTEP_DATA_DIR (or a folder on its way) is a file."""
    from db.store.fileio import WriteError

    for place in (base, *base.parents):
        if place.exists():
            if not place.is_dir():
                raise WriteError(
                    errno.ENOTDIR,
                    f"cannot make the data folder {base}: {place} is a file, not a folder",
                )
            return


def default_db_path() -> Path:
    return data_dir() / "doorstep.sqlite3"


def demo_db_path() -> Path:
    return data_dir() / "demo.sqlite3"


def demo_media_dir() -> Path:
    return data_dir() / "demo-clips"


def evidence_dir() -> Path:
    """The evidence store: held copies of the clips requests ask for, by SHA-256
    (docs/holds.md). Inside the data folder, so the resident's backup of it keeps them;
    the store itself creates the folder when it first holds a clip."""
    return data_dir() / "evidence"


def models_dir() -> Path:
    """The folder the set-up (``make``) puts downloaded model files in: the face
    detector's. Beside the installed packages, so that every checkout using the same
    environment shares it; ``DOORSTEP_MODELS_DIR`` points elsewhere (tests, a portable
    install). Never created here: a missing folder means the set-up has not run."""
    override = os.environ.get("DOORSTEP_MODELS_DIR")
    if override:
        return Path(override)
    return Path(sys.prefix) / "share" / APP_NAME / "models"
