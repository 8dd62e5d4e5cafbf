"""Names of share packages on disk (docs/packages.md, "Layout").

A package is named after its request, whose id comes from an agency (a feed or a
file) and may hold anything: path separators, ``..``, control characters, any length.
Only a slug of it goes into a file name, with a short hash of the whole id so that two
ids with the same slug still get different names, and the name never leaves the folder
it is made for.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

MAX_SLUG_CHARS = 40
ID_HASH_CHARS = 8
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_LONE_DOT = re.compile(r"(?<![A-Za-z0-9])\.|\.(?![A-Za-z0-9])")


def request_slug(request_id: str) -> str:
    """The id in letters, digits, ``.``, ``_`` and ``-`` only (accents dropped, other
    characters as ``-``), dots only between letters or digits (no ``..``), nothing but
    a letter or digit at either end, at most ``MAX_SLUG_CHARS``; ``request`` when
    nothing is left."""
    text = unicodedata.normalize("NFKD", request_id).encode("ascii", "ignore").decode("ascii")
    text = _UNSAFE.sub("-", text)
    text = _LONE_DOT.sub("-", text)  # "..", "./" and the like go; "v1.2" stays
    text = re.sub(r"-{2,}", "-", text)
    text = text[:MAX_SLUG_CHARS].strip("._-")
    return text or "request"


def id_hash(request_id: str) -> str:
    """A short hash of the whole id (ids of any text, lone surrogates included)."""
    data = request_id.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:ID_HASH_CHARS]


def package_name(request_id: str, stamp: str, *, as_zip: bool) -> str:
    """``doorstep-<slug>-<hash>-<stamp>`` (``.zip`` for a zip file)."""
    name = f"doorstep-{request_slug(request_id)}-{id_hash(request_id)}-{request_slug(stamp)}"
    return name + (".zip" if as_zip else "")


def package_path(folder: Path, request_id: str, stamp: str, *, as_zip: bool) -> Path:
    """Where the package of this request goes: always directly inside ``folder``."""
    path = folder / package_name(request_id, stamp, as_zip=as_zip)
    if path.parent != folder:  # the slug holds no separator, so this cannot happen
        raise ValueError(f"a package name left its folder: {path}")
    return path
