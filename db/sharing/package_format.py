"""The share package format on disk (docs/packages.md): the names of its files, the
sums files written and read exactly as GNU ``sha256sum`` does, the manifest, and
verifying a package folder, zip or zip parts. Every module that writes or reads a
package (building, delivery, retention, sharing) takes these from here, so that they
agree; the bag's own files are in :mod:`db.sharing.package_bag` and the checks in
:mod:`db.sharing.package_verify`, both used through this module.

Format 2 (built now) is a BagIt bag (RFC 8493)::

    bagit.txt                       BagIt-Version 1.0, UTF-8
    bag-info.txt                    who made it, for which request, Payload-Oxum
    data/excerpts/<camera>-<start>.mp4   one excerpt per approved clip
    data/exhibit-summary.txt, .pdf  the exhibit summary
    manifest-sha256.txt             the payload's sums: ``sha256sum -c`` checks them
    manifest-sha256.txt.sig         base64 Ed25519 signature over manifest-sha256.txt
    manifest.json                   request, terms and, per file, where it came from
    manifest.json.sig               base64 Ed25519 signature over manifest.json's bytes
    public-key.pem                  the signer's public key (the manifest names key_id)
    tagmanifest-sha256.txt          the sums of the files above but data/

Format 1 (read and verified still) had ``excerpts/``, ``manifest.json``, its
signature, ``SHA256SUMS`` (unsigned, listing manifest.json too) and the public key.

Nothing here touches the database, Qt or PyAV.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

PACKAGE_FORMAT = "doorstep-share-package"
PACKAGE_FORMAT_VERSION = 2
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.sig"
PUBLIC_KEY = "public-key.pem"
SUMS = "SHA256SUMS"  # format 1's sums (the excerpts and manifest.json; not signed)
EXCERPTS = "excerpts"  # format 1's excerpts folder
# format 2: a BagIt bag
PAYLOAD = "data"
PAYLOAD_EXCERPTS = "data/excerpts"
BAGIT = "bagit.txt"
BAG_INFO = "bag-info.txt"
BAG_SUMS = "manifest-sha256.txt"
BAG_SUMS_SIGNATURE = "manifest-sha256.txt.sig"
TAG_SUMS = "tagmanifest-sha256.txt"
# The files of a format 2 package outside data/, all listed in TAG_SUMS but itself.
TAG_FILES = (BAGIT, BAG_INFO, BAG_SUMS, BAG_SUMS_SIGNATURE, MANIFEST, SIGNATURE, PUBLIC_KEY)

_HASH_CHUNK = 1 << 20
_HEX64 = re.compile(r"[0-9a-f]{64}")
# One line of a sums file as GNU sha256sum reads it: an optional backslash (the name is
# escaped), 64 hex digits, a space or tab, then maybe " " (text) or "*" (binary mode)
# and the name. sha256sum writes two spaces; BagIt tools write one (RFC 8493 allows it).
_SUMS_LINE = re.compile(r"(\\?)([0-9a-fA-F]{64})[ \t][ *]?(.+)", re.DOTALL)
# GNU sha256sum escapes these three characters of a name, and only these.
_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "n": "\n", "r": "\r"}


# -- SHA256SUMS -----------------------------------------------------------------------
def sums_line(digest: str, name: str) -> str:
    """One line of SHA256SUMS, as ``sha256sum`` writes it: a name holding a backslash,
    a newline or a carriage return is escaped and the line starts with a backslash."""
    if any(char in name for char in _ESCAPES):
        escaped = "".join(_ESCAPES.get(char, char) for char in name)
        return f"\\{digest}  {escaped}\n"
    return f"{digest}  {name}\n"


def format_sums(entries: Iterable[tuple[str, str]]) -> str:
    """SHA256SUMS for (SHA-256, name) pairs, in the order given."""
    return "".join(sums_line(digest, name) for digest, name in entries)


def _unescape(name: str) -> str | None:
    out: list[str] = []
    chars = iter(name)
    for char in chars:
        if char != "\\":
            out.append(char)
            continue
        plain = _UNESCAPES.get(next(chars, ""))
        if plain is None:  # sha256sum -c calls such a line improperly formatted
            return None
        out.append(plain)
    return "".join(out)


def parse_sums_line(line: str) -> tuple[str, str] | None:
    """(SHA-256 in lower case, name) of one line of SHA256SUMS (without its line end),
    or None when ``sha256sum -c`` would not read it."""
    match = _SUMS_LINE.fullmatch(line)
    if match is None:
        return None
    escaped, digest, name = match.groups()
    if escaped:
        unescaped = _unescape(name)
        if unescaped is None:
            return None
        name = unescaped
    return digest.lower(), name


def sums_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of SHA256SUMS's non-blank lines. Lines end only at "\\n", as
    for ``sha256sum`` (a name may hold other line separators, which it does not escape)."""
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield number, line


class PackageFormatError(ValueError):
    """A package file that cannot be read strictly; the message names the file and why."""


def unusable_name(name: str) -> bool:
    """Whether a file name is not a plain relative path inside the package (a sender
    refuses these, which keeps every name as sha256sum writes it without escapes)."""
    if not name or len(name) > 500 or "\\" in name or not name.isprintable():
        return True
    parts = PurePosixPath(name).parts
    return name.startswith("/") or any(part in ("", ".", "..") for part in parts)


def read_sums(raw: bytes, file: str = SUMS) -> dict[str, str]:
    """A sums file (``file`` names it in messages: SHA256SUMS, manifest-sha256.txt,
    tagmanifest-sha256.txt) as {name: SHA-256}, read strictly: every line readable,
    every name plain and listed once. The bag's files are never escaped (names that
    sha256sum and BagIt escape differently are refused: :func:`bag_name_problem`).
    PackageFormatError says what is wrong."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PackageFormatError(f"{file} is not text") from None
    bag = file != SUMS
    sums: dict[str, str] = {}
    for number, line in sums_lines(text):
        parsed = parse_sums_line(line)
        if parsed is None or (bag and line.startswith("\\")):
            raise PackageFormatError(f"{file} line {number} is not '<sha256>  <name>'")
        digest, name = parsed
        name = name.removeprefix("./")
        if unusable_name(name) or (bag and bag_name_problem(name)):
            raise PackageFormatError(f"{file} line {number} names an unusable path")
        if name in sums:
            raise PackageFormatError(f"{file} lists {name} twice")
        sums[name] = digest
    return sums


def bag_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a file of a bag, or None. GNU sha256sum escapes a
    backslash, a newline and a carriage return with backslashes; RFC 8493 percent-encodes
    a newline, a carriage return and "%"; bagit-python strips a line's trailing spaces
    and a name's leading "*". A name holding none of these is written the same by both
    and read the same by ``sha256sum -c``, BagIt tools and this module, so the bag never
    holds any of them."""
    if unusable_name(name):
        return "not a plain relative path"
    if "%" in name:
        return 'holds "%"'
    if name != name.rstrip() or name.startswith("*"):
        return 'ends in a space or starts with "*"'
    return None


# -- the manifest ---------------------------------------------------------------------
def read_manifest(path: Path) -> bytes | None:
    """The bytes of a package's manifest.json (folder or zip), or None when the package
    is gone or cannot be read."""
    try:
        if path.is_dir():
            return (path / MANIFEST).read_bytes()
        if path.is_file():
            with zipfile.ZipFile(path) as zf:
                names = [
                    n for n in zf.namelist() if PurePosixPath(n).name == MANIFEST and n[-1] != "/"
                ]
                if not names:
                    return None
                # The package's own manifest is the one nearest the top of the zip.
                name = min(names, key=lambda n: (len(PurePosixPath(n).parts), n))
                return zf.read(name)
    except (OSError, zipfile.BadZipFile, KeyError, RuntimeError, ValueError):
        return None
    return None


def manifest_files(raw: bytes) -> list[tuple[str, int, str]]:
    """The manifest's payload files as (name, size, SHA-256): its ``files`` (the
    excerpts) and, in format 2, its ``documents`` (the exhibit summary), read strictly:
    plain names, each once, with a size and a SHA-256; PackageFormatError says what is
    wrong."""

    def wrong(problem: str) -> PackageFormatError:
        return PackageFormatError(f"{MANIFEST}: {problem}")

    try:
        manifest = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise wrong("not valid JSON") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
        raise wrong('no "files" list')
    documents = manifest.get("documents", [])
    if not isinstance(documents, list):
        raise wrong('"documents" is not a list')
    files: list[tuple[str, int, str]] = []
    seen: set[str] = set()
    listed = [("files", i, e) for i, e in enumerate(manifest["files"])]
    listed += [("documents", i, e) for i, e in enumerate(documents)]
    for key, index, entry in listed:
        if not isinstance(entry, dict):
            raise wrong(f"{key}[{index}] is not an object")
        name, size, digest = entry.get("name"), entry.get("size"), entry.get("sha256")
        if not isinstance(name, str) or unusable_name(name):
            raise wrong(f"{key}[{index}] has no usable name")
        if type(size) is not int or size < 0:
            raise wrong(f"{name} has no valid size")
        if not isinstance(digest, str) or not _HEX64.fullmatch(digest.lower()):
            raise wrong(f"{name} has no valid sha256")
        if name in seen:
            raise wrong(f"{name} is listed twice")
        seen.add(name)
        files.append((name, size, digest.lower()))
    if not files:
        raise wrong("the package holds no files")
    return files


def payload_entries(manifest: object) -> list[dict[str, Any]]:
    """The manifest's entries for every payload file, read leniently: its ``files``
    (the excerpts) then its ``documents`` (the exhibit summary; format 2), those that
    are objects; [] for a manifest that is not an object."""
    if not isinstance(manifest, dict):
        return []
    out: list[dict[str, Any]] = []
    for key in ("files", "documents"):
        entries = manifest.get(key)
        out += [e for e in (entries if isinstance(entries, list) else []) if isinstance(e, dict)]
    return out


def manifest_version(raw: bytes) -> int | None:
    """The ``format_version`` a manifest declares (1 when it names none, as the first
    packages did not), or None when it is not a JSON object."""
    try:
        manifest = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(manifest, dict):
        return None
    version = manifest.get("format_version", 1)
    return version if type(version) is int else None


def sums_file(manifest: bytes) -> str:
    """The sums file of the package this manifest belongs to: format 2's
    manifest-sha256.txt, or format 1's SHA256SUMS."""
    return BAG_SUMS if (manifest_version(manifest) or 1) >= 2 else SUMS


# -- verifying (db/sharing/package_verify.py) -----------------------------------------
def verify_package(path: Path, public_key: bytes | None = None) -> list[str]:
    """Check a package folder or zip (format 2 or 1): both signatures (with
    ``public_key``, PEM or raw 32 bytes; else with the package's own public-key.pem,
    which proves only that nothing changed since signing), every file's size and
    SHA-256, the sums, the bag's structure, and that nothing is missing, swapped or
    extra. Returns the problems found, one line each naming the file; empty means it
    verifies."""
    from db.sharing.package_verify import verify_paths

    return verify_paths([Path(path)], public_key)


def verify_parts(paths: list[Path], public_key: bytes | None = None) -> list[str]:
    """Check the zip parts of one package together (each holds the bag's tag files and
    a share of its payload): the tag files must be the same in every part, no payload
    file in two parts, and then everything :func:`verify_package` checks."""
    from db.sharing.package_verify import verify_paths

    return verify_paths([Path(p) for p in paths], public_key)
