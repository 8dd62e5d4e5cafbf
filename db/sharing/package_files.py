"""A built package's files as the hand-over writers read them (the encrypted zip, the
portal's zips): through db.sharing.package_verify's tree, the format's reader, so that a
folder and a zip of a package read alike. No database, no Qt."""

from __future__ import annotations

import os
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
    return PackageTree.open_path(package)


def member_size(tree: PackageTree, name: str) -> int:
    holder, member = tree.members[name]
    if holder is not None:
        return holder.getinfo(member).file_size
    return os.path.getsize(member)
