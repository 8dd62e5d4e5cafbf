"""Every file location Doorstep uses, in one place (docs/platforms.md).

Five folders, each where the computer's platform keeps them (platformdirs): data (the
database, the demo database, the evidence store, delivery packages), config
(``settings.ini``: the typed preferences), state (``window-state.ini``), cache (the
map's tiles) and logs. ``DOORSTEP_DATA_DIR`` redirects every one of them (a portable
install, and the tests): the data folder is that folder and the other four are
subfolders of it, so nothing is read or written anywhere else.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from db.store.words import N_, _

if TYPE_CHECKING:
    from platformdirs.api import PlatformDirsABC

# On Linux (and the other XDG systems) folders are named in lower case, as the data
# folder always was there: a resident who updates keeps the same folder and its data.
APP_NAME = "doorstep"
# macOS and Windows show folder names to the user as an application's name.
APP_TITLE = "Doorstep"
SETTINGS_FILE = "settings.ini"
WINDOW_STATE_FILE = "window-state.ini"
# The folders under DOORSTEP_DATA_DIR.
_REDIRECTED = {"config": "config", "state": "state", "cache": "cache", "logs": "logs"}
# Why a folder cannot be made, one whole message per folder: a translation names each
# folder in its own words (and its own grammar), not an English name put in.
_A_FILE_ON_THE_WAY = {
    "data": N_("cannot make the data folder {folder}: {file} is a file, not a folder"),
    "config": N_("cannot make the settings folder {folder}: {file} is a file, not a folder"),
    "state": N_("cannot make the window state folder {folder}: {file} is a file, not a folder"),
    "cache": N_("cannot make the cache folder {folder}: {file} is a file, not a folder"),
    "logs": N_("cannot make the log folder {folder}: {file} is a file, not a folder"),
}


@dataclass(frozen=True)
class Folders:
    """A platform's five folders for Doorstep."""

    data: Path
    config: Path
    state: Path
    cache: Path
    logs: Path


def platform_dirs(platform: str | None = None) -> PlatformDirsABC:
    """platformdirs' folders for ``platform`` (``sys.platform``'s names; this computer's
    by default). No author folder on Windows (``%LOCALAPPDATA%\\Doorstep``, not
    ``...\\Doorstep\\Doorstep``): Doorstep has no publisher to group it under. Not
    roaming: the database and the evidence store are large, and a roaming profile copies
    its folder to a server at every sign-in and sign-out; SQLite is not to be used on a
    folder synchronised behind its back either. Settings stay beside the data on Windows
    (platformdirs' config folder is the data folder there), so they do not roam either,
    which keeps a base map's local .mbtiles path from following the resident to a
    computer that lacks the file."""
    platform = platform or sys.platform
    if platform == "darwin":
        from platformdirs.macos import MacOS

        return MacOS(appname=APP_TITLE, appauthor=False, roaming=False, opinion=True)
    if platform == "win32":
        from platformdirs.windows import Windows

        return Windows(appname=APP_TITLE, appauthor=False, roaming=False, opinion=True)
    from platformdirs.unix import Unix

    return Unix(appname=APP_NAME, appauthor=False, roaming=False, opinion=True)


def layout(platform: str | None = None) -> Folders:
    """The five folders on ``platform`` (this computer's by default), or under
    ``DOORSTEP_DATA_DIR`` when it is set. Nothing is created."""
    override = os.environ.get("DOORSTEP_DATA_DIR")
    if override:
        base = Path(override)
        return Folders(base, *(base / name for name in _REDIRECTED.values()))
    dirs = platform_dirs(platform)
    return Folders(
        data=Path(dirs.user_data_dir),
        config=Path(dirs.user_config_dir),
        state=Path(dirs.user_state_dir),
        cache=Path(dirs.user_cache_dir),
        logs=Path(dirs.user_log_dir),
    )


def data_dir(*, create: bool = True) -> Path:
    """The folder that holds the database and the demo database; created private
    (0700) when it does not exist yet, unless ``create`` is false (for a look that must
    leave nothing behind)."""
    return _made(layout().data, "data", create)


def config_dir(*, create: bool = True) -> Path:
    """The folder of ``settings.ini``, the resident's preferences on this computer."""
    return _made(layout().config, "config", create)


def state_dir(*, create: bool = True) -> Path:
    """The folder of what the window remembers between starts (its size, splitters)."""
    return _made(layout().state, "state", create)


def cache_dir(*, create: bool = True) -> Path:
    """The folder of what can be fetched again (the map's tiles): a backup may skip it."""
    return _made(layout().cache, "cache", create)


def log_dir(*, create: bool = True) -> Path:
    """The folder of the window's log file (desktop/logfile.py)."""
    return _made(layout().logs, "logs", create)


def _made(base: Path, what: str, create: bool) -> Path:
    if create and not base.is_dir():
        _refuse_a_file_on_the_way(base, what)
        base.parent.mkdir(parents=True, exist_ok=True)
        # Private on POSIX; on Windows the mode is ignored and the folder is private
        # because the user's profile folder it is in is.
        base.mkdir(mode=0o700, exist_ok=True)
    return base


def _refuse_a_file_on_the_way(base: Path, what: str) -> None:
    """Making the folder where a file is fails with "it already exists", which does
    not tell the resident that DOORSTEP_DATA_DIR (or a folder on its way) is a file."""
    from db.store.fileio import WriteError

    for place in (base, *base.parents):
        if place.exists():
            if not place.is_dir():
                message = _(_A_FILE_ON_THE_WAY[what]).format(folder=base, file=place)
                raise WriteError(errno.ENOTDIR, message)
            return


def settings_file(*, create: bool = False) -> Path:
    """``settings.ini``. Earlier versions kept it in the data folder: there it is read
    until the first write (``create``), which moves it to the settings folder first. A
    read never creates a folder."""
    return _moved(SETTINGS_FILE, config_dir, create)


def window_state_file() -> Path:
    """``window-state.ini`` (moved from the data folder on first use, as settings are)."""
    return _moved(WINDOW_STATE_FILE, state_dir, True)


def move_old_files() -> None:
    """Move the files earlier versions kept in the data folder to their own folders
    (at the window's start: once, as the next start finds them moved)."""
    settings_file(create=True)
    window_state_file()


def _moved(name: str, folder: Callable[..., Path], create: bool) -> Path:
    new = folder(create=False) / name
    old = data_dir(create=False) / name
    if old == new or new.exists() or not old.is_file():
        if create:
            folder(create=True)
        return new
    if not create:
        return old  # read where it is; the first write moves it
    folder(create=True)
    move_once(old, new)
    return new


def move_once(old: Path, new: Path) -> bool:
    """Move the file ``old`` to ``new`` unless ``new`` exists (then both are left as
    they are: what is at ``new`` is newer). True when it was moved. A hard link makes
    the new name only where none is (two starts at once cannot overwrite each other's
    file); where the file system has none, a rename after a look; to another file
    system, a copy written whole, then the old one removed."""
    try:
        os.link(old, new)
    except FileExistsError:
        return False
    except FileNotFoundError:
        return False  # another start moved it first
    except OSError:
        if new.exists():
            return False
        try:
            os.rename(old, new)
        except FileNotFoundError:
            return False
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            from db.store.fileio import write_atomically

            write_atomically(new, old.read_bytes())
            old.unlink()
        return True
    old.unlink()
    return True


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
