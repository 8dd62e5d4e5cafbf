"""The temporary folders a package is built in, and cleaning up after builds that
never finished (docs/packages.md, "Layout").

A package is built in ``.doorstep-partial-<host>-<pid>-<random>`` beside its target
and renamed when complete; a build that fails removes its own. A process that is
killed cannot, so each build first removes the partials in its folder that no running
process owns: on this computer (``<host>``, a hash of its name), one whose process
``<pid>`` has ended is removed at once. One from another computer (a shared folder),
or whose owner cannot be checked, or in the form of older versions (no pid), is
removed only when nothing in it has changed for ``STALE_S``: a build writes to its
partial all the time. No database, no Qt.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import tempfile
import time
from pathlib import Path

from db.store.processes import process_alive

PARTIAL_PREFIX = ".doorstep-partial-"
STALE_S = 24 * 3600.0
_OWNED = re.compile(re.escape(PARTIAL_PREFIX) + r"([0-9a-f]{8})-([0-9]+)-")


def host_tag() -> str:
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def partial_prefix(pid: int | None = None) -> str:
    """The name a partial of process ``pid`` (this one by default) starts with."""
    return f"{PARTIAL_PREFIX}{host_tag()}-{os.getpid() if pid is None else pid}-"


def make_work_folder(parent: Path) -> Path:
    """A new private (0700) partial folder in ``parent``; OSError when it cannot be
    made there."""
    return Path(tempfile.mkdtemp(prefix=partial_prefix(), dir=parent))


def _newest_change(path: Path) -> float:
    """The latest modification time of ``path`` or anything in it (links not followed)."""
    newest = path.lstat().st_mtime
    if path.is_dir() and not path.is_symlink():
        for root, dirs, files in os.walk(path):
            for name in dirs + files:
                try:
                    newest = max(newest, os.lstat(os.path.join(root, name)).st_mtime)
                except OSError:
                    continue
    return newest


def abandoned(path: Path, *, now: float | None = None) -> bool:
    """Whether the partial ``path`` is one no running process is writing."""
    owned = _OWNED.match(path.name)
    if owned is not None and owned.group(1) == host_tag():
        alive = process_alive(int(owned.group(2)))
        if alive is not None:
            return not alive
    try:
        newest = _newest_change(path)
    except OSError:
        return False
    return (time.time() if now is None else now) - newest > STALE_S


def clean_partials(folder: Path) -> list[Path]:
    """Remove the abandoned partials (folders and zip files) directly in ``folder``;
    what was removed. Never raises: a partial that cannot be removed stays."""
    removed: list[Path] = []
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return removed
    for name in names:
        if not name.startswith(PARTIAL_PREFIX):
            continue
        path = folder / name
        if not abandoned(path):
            continue
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed
