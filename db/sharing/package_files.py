"""A built package's files as the hand-over writers read them (the encrypted zip, the
portal's zips): through db.sharing.package_verify's tree, the format's reader, so that a
folder and a zip of a package read alike. No database, no Qt."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from db.sharing.package_verify import PackageTree


def package_name(package: Path) -> str:
    """The package's name: its folder's, or its zip file's without ``.zip``."""
    name = package.name
    return name[:-4] if package.is_file() and name.lower().endswith(".zip") else name


def open_tree(package: Path) -> PackageTree:
    """The package folder or zip's files by their names in the package. OSError (a
    missing path: FileNotFoundError) or ValueError (not a zip) when it cannot be read."""
    if not package.exists():
        raise FileNotFoundError(2, "No such file or directory", str(package))
    tree = PackageTree()
    try:
        tree.add(package)
    except BaseException:
        tree.close()
        raise
    return tree


def member_size(tree: PackageTree, name: str) -> int:
    holder, member = tree.members[name]
    if holder is not None:
        return holder.getinfo(member).file_size
    return os.path.getsize(member)


class CopyCancelled(Exception):
    """A copy was cancelled; nothing was kept."""


def copy_package(
    package: Path,
    folder: Path,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Copy the package as it is (a folder, or its zip file) into ``folder`` (a USB
    drive, for an unencrypted hand-over), under a partial name renamed when complete and
    flushed; on error or cancel nothing is left. FileExistsError when the folder holds
    one of that name already. Returns the copy."""
    from db.sharing.package_partials import clean_partials, make_work_folder

    target = folder / package.name
    if target.exists() or target.is_symlink():
        raise FileExistsError(17, "already exists; not replacing it", str(target))
    files = [package] if package.is_file() else sorted(p for p in package.rglob("*") if p.is_file())
    total = max(1, sum(p.stat().st_size for p in files))
    clean_partials(folder)
    work = make_work_folder(folder)
    done = 0
    try:
        for source in files:
            rel = source.name if package.is_file() else source.relative_to(package).as_posix()
            dest = work / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            with open(source, "rb") as src, open(dest, "wb") as out:
                while chunk := src.read(1 << 20):
                    if cancel is not None and cancel.is_set():
                        raise CopyCancelled("cancelled: nothing was copied")
                    out.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(min(done, total), total, f"copying {rel}")
                out.flush()
                os.fsync(out.fileno())
        os.rename(work / package.name if package.is_file() else work, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target
