"""Files written whole or not at all, and file errors told in one line.

``write_atomically`` writes to a temporary file beside the target and renames it over
the target, so a reader never sees half a file, and a failure (a full disk, a folder
that does not accept files, Ctrl-C) leaves neither a partial target nor the temporary
file behind. Whatever fails is raised as ``WriteError``: an ``OSError`` whose text
names the file the user asked for (not the temporary one) and says why. A device or
a pipe (/dev/null, /dev/stdout, a FIFO) is written to as it is (``write_through``):
renaming a file over it would replace it.

``describe`` turns any ``OSError`` into that one line; the command line uses it for
every file error that reaches it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from db.store.words import N_, _

# The reasons the resident meets most, in the catalogue (the C library's own words
# follow the system's locale, not Doorstep's language, and may be missing in it).
_REASONS = {
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ENOENT: N_("no such file or folder"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.EROFS: N_("the file system is read-only"),
    errno.ENOSPC: N_("no space left on the disk"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.EEXIST: N_("it already exists"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.ELOOP: N_("too many symbolic links"),
}


def reason(exc: OSError) -> str:
    """Why ``exc`` happened, in words (no errno number, no file name)."""
    if exc.errno in _REASONS:
        return _(_REASONS[exc.errno])
    text = exc.strerror or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


def describe(exc: OSError) -> str:
    """One line: the file and what went wrong with it."""
    if isinstance(exc, WriteError):
        return str(exc)
    name = exc.filename
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    if isinstance(name, str | os.PathLike):
        return f"{os.fspath(name)}: {reason(exc)}"
    return reason(exc)


def no_folder(parent: Path) -> str:
    """Why nothing can be made in ``parent``: it is not a folder, or does not exist."""
    if parent.exists():
        return _("{folder} is not a folder").format(folder=parent)
    return _("the folder {folder} does not exist").format(folder=parent)


class WriteError(OSError):
    """A file that could not be written; its text is one line naming the file."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(code, message)

    def __str__(self) -> str:
        return str(self.strerror)


# A file's mode set through its open descriptor: POSIX (Windows has no os.fchmod before
# Python 3.13, and a mode there only says read-only or not: mkstemp's file is already
# the user's own, in a folder the user's profile keeps private).
CAN_FCHMOD = os.name == "posix" and hasattr(os, "fchmod")


def write_atomically(path: str | os.PathLike[str], data: bytes, *, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` whole or not at all, the file getting ``mode`` (0600
    unless given: others never read it, not even while it is being written).
    Raises WriteError naming ``path``."""
    path = Path(path)
    parent = path.parent
    if path.is_dir():
        why = _("it is a folder; give a file name")
        raise WriteError(errno.EISDIR, _("cannot write {path}: {why}").format(path=path, why=why))
    if not parent.is_dir():
        raise WriteError(
            errno.ENOENT, _("cannot write {path}: {why}").format(path=path, why=no_folder(parent))
        )
    if path.exists() and not path.is_file():
        write_through(path, data)
        return
    temp: str | None = None
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=parent)
        with os.fdopen(fd, "wb") as handle:
            if CAN_FCHMOD:
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException as exc:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        if not isinstance(exc, OSError):
            raise
        why = reason(exc)
        if temp is None and exc.errno == errno.ENOENT:  # e.g. /proc: no new files there
            why = _("no file can be made in {folder}").format(folder=parent)
        raise WriteError(
            exc.errno or 0, _("cannot write {path}: {why}").format(path=path, why=why)
        ) from exc


def write_through(path: Path, data: bytes) -> None:
    """Write ``data`` straight into ``path``, a device or a pipe (/dev/null,
    /dev/stdout, a FIFO): renaming a file over it would put a file in its place (as
    root, in place of /dev/null itself). Raises WriteError naming ``path``."""
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise WriteError(
            exc.errno or 0, _("cannot write {path}: {why}").format(path=path, why=reason(exc))
        ) from exc
