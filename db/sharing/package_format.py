"""The share package format on disk (docs/packages.md): the names of its files,
``SHA256SUMS`` written and read exactly as GNU ``sha256sum`` does, the manifest, and
verifying a package folder or zip. Every module that writes or reads a package
(building, delivery, retention, sharing) takes these from here, so that they agree.

A package is a folder (or a zip of the same folder)::

    excerpts/<camera>-<start>.mp4   one excerpt per approved clip
    manifest.json                   request, terms and, per file, where it came from
    manifest.json.sig               base64 Ed25519 signature over manifest.json's bytes
    SHA256SUMS                      what ``sha256sum -c SHA256SUMS`` checks
    public-key.pem                  the signer's public key (the manifest names key_id)

Nothing here touches the database, Qt or PyAV.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO

PACKAGE_FORMAT = "doorstep-share-package"
PACKAGE_FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.sig"
SUMS = "SHA256SUMS"
PUBLIC_KEY = "public-key.pem"
EXCERPTS = "excerpts"

_HASH_CHUNK = 1 << 20
_HEX64 = re.compile(r"[0-9a-f]{64}")
# One line of SHA256SUMS: an optional backslash (the name is escaped), 64 hex digits,
# a space, then " " (text) or "*" (binary mode) and the name.
_SUMS_LINE = re.compile(r"(\\?)([0-9a-fA-F]{64}) [ *](.+)", re.DOTALL)
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


def read_sums(raw: bytes) -> dict[str, str]:
    """SHA256SUMS as {name: SHA-256}, read strictly: every line readable, every name
    plain and listed once; PackageFormatError says what is wrong."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PackageFormatError(f"{SUMS} is not text") from None
    sums: dict[str, str] = {}
    for number, line in sums_lines(text):
        parsed = parse_sums_line(line)
        if parsed is None:
            raise PackageFormatError(f"{SUMS} line {number} is not '<sha256>  <name>'")
        digest, name = parsed
        name = name.removeprefix("./")
        if unusable_name(name):
            raise PackageFormatError(f"{SUMS} line {number} names an unusable path")
        if name in sums:
            raise PackageFormatError(f"{SUMS} lists {name} twice")
        sums[name] = digest
    return sums


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
    """The manifest's files as (name, size, SHA-256), read strictly: plain names, each
    once, with a size and a SHA-256; PackageFormatError says what is wrong."""

    def wrong(problem: str) -> PackageFormatError:
        return PackageFormatError(f"{MANIFEST}: {problem}")

    try:
        manifest = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise wrong("not valid JSON") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
        raise wrong('no "files" list')
    files: list[tuple[str, int, str]] = []
    seen: set[str] = set()
    for index, entry in enumerate(manifest["files"]):
        if not isinstance(entry, dict):
            raise wrong(f"files[{index}] is not an object")
        name, size, digest = entry.get("name"), entry.get("size"), entry.get("sha256")
        if not isinstance(name, str) or unusable_name(name):
            raise wrong(f"files[{index}] has no usable name")
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


# -- verifying ------------------------------------------------------------------------
class PackageTree:
    """Read access to a package folder or zip by package-relative names."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip: zipfile.ZipFile | None = None
        self.prefix = ""
        self.members: dict[str, str] = {}
        if path.is_dir():
            for p in path.rglob("*"):
                if p.is_file():
                    self.members[p.relative_to(path).as_posix()] = str(p)
        else:
            self.zip = zipfile.ZipFile(path)
            names = [n for n in self.zip.namelist() if not n.endswith("/")]
            tops = {n.split("/", 1)[0] for n in names}
            if len(tops) == 1 and all("/" in n for n in names):
                self.prefix = next(iter(tops)) + "/"
            for n in names:
                self.members[n[len(self.prefix) :]] = n

    def has(self, name: str) -> bool:
        return name in self.members

    def open(self, name: str) -> IO[bytes]:
        if self.zip is not None:
            return self.zip.open(self.members[name])
        return open(self.members[name], "rb")

    def read(self, name: str) -> bytes:
        with self.open(name) as handle:
            return handle.read()

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()


def _sha256(handle: IO[bytes]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := handle.read(_HASH_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _why(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return str(text).strip().rstrip(".") or type(exc).__name__


def _raw_public_key(key: bytes) -> bytes:
    from db.keys import signing

    if b"-----BEGIN" in key:
        return signing.load_public_key(key)
    if len(key) != signing.PUBLIC_KEY_BYTES:
        raise signing.KeyFileError(f"a public key of {len(key)} bytes is not an Ed25519 key")
    return bytes(key)


def verify_package(path: Path, public_key: bytes | None = None) -> list[str]:
    """Check a package folder or zip: the manifest's signature (with ``public_key``, PEM
    or raw 32 bytes; else with the package's own public-key.pem, which proves only that
    nothing changed since signing), every file's size and SHA-256, SHA256SUMS, and that
    nothing is missing or extra. Returns the problems found; empty means it verifies."""
    path = Path(path)
    if not path.exists():
        return [f"{path} does not exist"]
    try:
        tree = PackageTree(path)
    except (zipfile.BadZipFile, OSError) as exc:
        return [f"{path} is not a package folder or zip file ({_why(exc)})"]
    try:
        return list(_verify(tree, public_key))
    finally:
        tree.close()


def _verify(tree: PackageTree, public_key: bytes | None) -> Iterator[str]:
    for name in (MANIFEST, SIGNATURE, SUMS):
        if not tree.has(name):
            yield f"{name} is missing"
    if not tree.has(MANIFEST):
        return
    manifest_bytes = tree.read(MANIFEST)
    yield from _verify_signature(tree, public_key, manifest_bytes)

    try:
        manifest = json.loads(manifest_bytes)
        files = manifest["files"]
        if not isinstance(files, list):
            raise TypeError("files is not a list")
    except (ValueError, KeyError, TypeError) as exc:
        yield f"{MANIFEST} cannot be read ({exc})"
        return

    # files named in the manifest
    hashes: dict[str, str] = {}
    listed: set[str] = set()
    for entry in files:
        name = str(entry.get("name", "")) if isinstance(entry, dict) else ""
        pure = PurePosixPath(name)
        if not name or pure.is_absolute() or ".." in pure.parts:
            yield f"{MANIFEST} names an unsafe file path: {name!r}"
            continue
        listed.add(name)
        if not tree.has(name):
            yield f"{name} is missing"
            continue
        with tree.open(name) as handle:
            digest, size = _sha256(handle)
        hashes[name] = digest
        if size != entry.get("size"):
            yield f"{name}: {size} bytes; the manifest says {entry.get('size')}"
        if digest != entry.get("sha256"):
            yield f"{name}: SHA-256 does not match the manifest"
    for name in sorted(tree.members):
        if name.startswith(EXCERPTS + "/") and name not in listed:
            yield f"{name} is not named in the manifest"

    if tree.has(SUMS):
        hashes[MANIFEST] = hashlib.sha256(manifest_bytes).hexdigest()
        in_sums: set[str] = set()
        for _, line in sums_lines(tree.read(SUMS).decode("utf-8", "replace")):
            parsed = parse_sums_line(line)
            if parsed is None:
                yield f"{SUMS}: cannot read the line {line[:80]!r}"
                continue
            digest, name = parsed
            name = name.removeprefix("./")
            in_sums.add(name)
            if name not in hashes:
                if not tree.has(name):
                    yield f"{SUMS} names {name}, which is missing"
                    continue
                with tree.open(name) as handle:
                    hashes[name] = _sha256(handle)[0]
            if hashes[name] != digest:
                yield f"{SUMS}: {name} does not match"
        for name in sorted(listed - in_sums):
            yield f"{name} is not in {SUMS}"


def _verify_signature(
    tree: PackageTree, public_key: bytes | None, manifest_bytes: bytes
) -> Iterator[str]:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from db.keys import signing

    raw: bytes | None = None
    try:
        if public_key is not None:
            raw = _raw_public_key(public_key)
            if tree.has(PUBLIC_KEY):
                try:
                    if signing.load_public_key(tree.read(PUBLIC_KEY)) != raw:
                        yield f"{PUBLIC_KEY} is not the key given for checking"
                except signing.KeyFileError as exc:
                    yield f"{PUBLIC_KEY}: {exc}"
        elif tree.has(PUBLIC_KEY):
            raw = signing.load_public_key(tree.read(PUBLIC_KEY))
        else:
            yield f"{PUBLIC_KEY} is missing and no public key was given"
    except signing.KeyFileError as exc:
        yield f"public key: {exc}"
    if raw is not None and tree.has(SIGNATURE):
        try:
            sig = base64.b64decode(tree.read(SIGNATURE).strip(), validate=True)
            Ed25519PublicKey.from_public_bytes(raw).verify(sig, manifest_bytes)
        except (binascii.Error, ValueError):
            yield f"{SIGNATURE} is not a base64 Ed25519 signature"
        except InvalidSignature:
            yield f"the signature does not match {MANIFEST} (changed after signing, or signed "
            "by another key)"
