"""Verifying a share package, format 2 (a signed BagIt bag) or 1, as a folder, a zip or
the zip parts of one package (docs/packages.md, "Checking a package"). Called through
:func:`db.sharing.package_format.verify_package` and ``verify_parts``. Every problem is
one line naming the file. No database, Qt or PyAV."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import zipfile
import zlib
from collections.abc import Generator, Iterator
from pathlib import Path, PurePosixPath
from typing import IO

from db.sharing.package_bag import bagit_problem, payload_oxum
from db.sharing.package_format import (
    BAG_INFO,
    BAG_SUMS,
    BAG_SUMS_SIGNATURE,
    BAGIT,
    EXCERPTS,
    MANIFEST,
    PAYLOAD,
    PUBLIC_KEY,
    SIGNATURE,
    SUMS,
    TAG_FILES,
    TAG_SUMS,
    PackageFormatError,
    manifest_files,
    manifest_version,
    parse_sums_line,
    read_sums,
    sums_lines,
)

_HASH_CHUNK = 1 << 20
# What reading a damaged zip member (or a file) raises.
_READ_ERRORS = (OSError, zipfile.BadZipFile, EOFError, zlib.error, ValueError, RuntimeError)


class PackageTree:
    """Read access to a package folder, zip, or zip parts by package-relative names."""

    def __init__(self) -> None:
        self.zips: list[zipfile.ZipFile] = []
        # name -> (the zip holding it or None for a file, its member name or path)
        self.members: dict[str, tuple[zipfile.ZipFile | None, str]] = {}

    def add(self, path: Path) -> dict[str, tuple[zipfile.ZipFile | None, str]]:
        """Read one folder or zip's listing; returns its members (also kept, the last
        one read winning for names two hold)."""
        found: dict[str, tuple[zipfile.ZipFile | None, str]] = {}
        if path.is_dir():
            for p in path.rglob("*"):
                if p.is_file():
                    found[p.relative_to(path).as_posix()] = (None, str(p))
        else:
            zf = zipfile.ZipFile(path)
            self.zips.append(zf)
            names = [n for n in zf.namelist() if not n.endswith("/")]
            tops = {n.split("/", 1)[0] for n in names}
            prefix = ""
            if len(tops) == 1 and all("/" in n for n in names):
                prefix = next(iter(tops)) + "/"
            for n in names:
                found[n[len(prefix) :]] = (zf, n)
        self.members.update(found)
        return found

    def has(self, name: str) -> bool:
        return name in self.members

    def open(self, name: str) -> IO[bytes]:
        zf, member = self.members[name]
        return zf.open(member) if zf is not None else open(member, "rb")

    def read(self, name: str) -> bytes:
        with self.open(name) as handle:
            return handle.read()

    def close(self) -> None:
        for zf in self.zips:
            zf.close()


def _why(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return str(text).strip().rstrip(".") or type(exc).__name__


def verify_paths(paths: list[Path], public_key: bytes | None) -> list[str]:
    """The problems of the package that ``paths`` (one folder or zip, or zip parts)
    hold together; empty when it verifies."""
    if not paths:
        return ["no package given"]
    for path in paths:
        if not path.exists():
            return [f"{path} does not exist"]
    tree = PackageTree()
    problems: list[str] = []
    try:
        tag_bytes: dict[str, tuple[Path, bytes]] = {}
        seen: dict[str, Path] = {}
        for path in paths:
            try:
                found = tree.add(path)
            except (zipfile.BadZipFile, OSError) as exc:
                return [f"{path} is not a package folder or zip file ({_why(exc)})"]
            if len(paths) > 1:
                problems += _part_problems(tree, path, found, tag_bytes, seen)
        if problems:
            return problems
        try:
            return list(_verify(tree, public_key))
        except _READ_ERRORS as exc:
            return [f"{paths[0]} cannot be read ({_why(exc)})"]
    finally:
        tree.close()


def _part_problems(
    tree: PackageTree,
    path: Path,
    found: dict[str, tuple[zipfile.ZipFile | None, str]],
    tag_bytes: dict[str, tuple[Path, bytes]],
    seen: dict[str, Path],
) -> Iterator[str]:
    """One part against the parts read before: its files outside data/ the same as
    theirs, and no payload file that another part holds too."""
    for name in sorted(found):
        if name.startswith(PAYLOAD + "/"):
            if name in seen:
                yield f"{name} is in both {seen[name]} and {path}"
            seen[name] = path
            continue
        try:
            data = tree.read(name)  # (this part's copy: added last)
        except _READ_ERRORS as exc:
            yield f"{path}: {name} cannot be read ({_why(exc)})"
            continue
        first = tag_bytes.setdefault(name, (path, data))
        if first[1] != data:
            yield f"{path}: {name} differs from the one in {first[0]}"
    for name, (first_path, _) in sorted(tag_bytes.items()):
        if name not in found:
            yield f"{path} has no {name} (the part {first_path} has)"


def _hash(tree: PackageTree, name: str) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with tree.open(name) as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _verify(tree: PackageTree, public_key: bytes | None) -> Iterator[str]:
    manifest = tree.read(MANIFEST) if tree.has(MANIFEST) else None
    version = manifest_version(manifest) if manifest is not None else None
    if version == 1 or (version is None and not tree.has(BAGIT)):
        yield from _verify_v1(tree, public_key)
    else:
        yield from _verify_v2(tree, public_key, manifest)


# -- format 2 ---------------------------------------------------------------------------
def _verify_v2(
    tree: PackageTree, public_key: bytes | None, manifest: bytes | None
) -> Iterator[str]:
    for name in (BAGIT, *TAG_FILES[1:], TAG_SUMS):
        if not tree.has(name):
            yield f"{name} is missing"
    if tree.has(BAGIT) and (problem := bagit_problem(tree.read(BAGIT))):
        yield problem
    key = yield from _signing_key(tree, public_key)
    if manifest is not None:
        yield from _signature(tree, key, MANIFEST, SIGNATURE)
    if tree.has(BAG_SUMS):
        yield from _signature(tree, key, BAG_SUMS, BAG_SUMS_SIGNATURE)

    # every file the manifest lists, as the manifest says
    files: dict[str, str] = {}
    sizes: dict[str, int] = {}
    if manifest is not None:
        try:
            entries = manifest_files(manifest)
        except PackageFormatError as exc:
            yield str(exc)
            entries = []
        for name, size, digest in entries:
            if not name.startswith(PAYLOAD + "/"):
                yield f"{MANIFEST} lists {name}, which is not under {PAYLOAD}/"
                continue
            files[name] = digest
            if not tree.has(name):
                yield f"{name} is missing"
                continue
            try:
                actual, sizes[name] = _hash(tree, name)
            except _READ_ERRORS as exc:
                yield f"{name} cannot be read ({_why(exc)})"
                continue
            if sizes[name] != size:
                yield f"{name}: {sizes[name]} bytes; {MANIFEST} says {size}"
            if actual != digest:
                yield f"{name}: SHA-256 does not match {MANIFEST}"

    # the payload sums: exactly the manifest's files, with the manifest's hashes
    if tree.has(BAG_SUMS):
        try:
            sums = read_sums(tree.read(BAG_SUMS), BAG_SUMS)
        except PackageFormatError as exc:
            yield str(exc)
            sums = None
        if sums is not None and manifest is not None:
            for name, digest in files.items():
                if name not in sums:
                    yield f"{name} is not in {BAG_SUMS}"
                elif sums[name] != digest:
                    yield f"{BAG_SUMS} and {MANIFEST} give different SHA-256 for {name}"
            for name in sorted(set(sums) - set(files)):
                yield f"{BAG_SUMS} lists {name}, which {MANIFEST} does not"

    # nothing in data/ that the manifest does not list; Payload-Oxum
    payload = sorted(n for n in tree.members if n.startswith(PAYLOAD + "/"))
    for name in payload:
        if name not in files:
            yield f"{name} is not listed in {MANIFEST} (an extra file)"
    if tree.has(BAG_INFO):
        yield from _check_oxum(tree, payload, sizes)
    yield from _check_tags(tree)


def _check_oxum(tree: PackageTree, payload: list[str], sizes: dict[str, int]) -> Iterator[str]:
    try:
        want_bytes, want_files = payload_oxum(tree.read(BAG_INFO))
    except PackageFormatError as exc:
        yield str(exc)
        return
    total = 0
    for name in payload:
        if name not in sizes:
            try:
                sizes[name] = _hash(tree, name)[1]
            except _READ_ERRORS as exc:
                yield f"{name} cannot be read ({_why(exc)})"
                continue
        total += sizes[name]
    if (want_bytes, want_files) != (total, len(payload)):
        yield (
            f"{BAG_INFO}: Payload-Oxum says {want_files} files of {want_bytes} bytes in "
            f"{PAYLOAD}/; there are {len(payload)} of {total} bytes"
        )


def _check_tags(tree: PackageTree) -> Iterator[str]:
    if not tree.has(TAG_SUMS):
        return
    try:
        tags = read_sums(tree.read(TAG_SUMS), TAG_SUMS)
    except PackageFormatError as exc:
        yield str(exc)
        return
    for name, digest in sorted(tags.items()):
        if name.startswith(PAYLOAD + "/"):
            yield f"{TAG_SUMS} lists {name}, a payload file"
        elif not tree.has(name):
            yield f"{TAG_SUMS} lists {name}, which is missing"
        elif hashlib.sha256(tree.read(name)).hexdigest() != digest:
            yield f"{name}: SHA-256 does not match {TAG_SUMS}"
    for name in TAG_FILES:
        if name not in tags and tree.has(name):
            yield f"{name} is not in {TAG_SUMS}"
    for name in sorted(tree.members):
        known = name in tags or name in TAG_FILES or name == TAG_SUMS
        if not name.startswith(PAYLOAD + "/") and not known:
            yield f"{name} is not part of the package (not in {TAG_SUMS})"


# -- format 1 ---------------------------------------------------------------------------
def _verify_v1(tree: PackageTree, public_key: bytes | None) -> Iterator[str]:
    for name in (MANIFEST, SIGNATURE, SUMS):
        if not tree.has(name):
            yield f"{name} is missing"
    if not tree.has(MANIFEST):
        return
    manifest_bytes = tree.read(MANIFEST)
    key = yield from _signing_key(tree, public_key)
    yield from _signature(tree, key, MANIFEST, SIGNATURE)

    try:
        manifest = json.loads(manifest_bytes)
        files = manifest["files"]
        if not isinstance(files, list):
            raise TypeError("files is not a list")
    except (ValueError, KeyError, TypeError) as exc:
        yield f"{MANIFEST} cannot be read ({exc})"
        return

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
        digest, size = _hash(tree, name)
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
                hashes[name] = _hash(tree, name)[0]
            if hashes[name] != digest:
                yield f"{SUMS}: {name} does not match"
        for name in sorted(listed - in_sums):
            yield f"{name} is not in {SUMS}"


# -- signatures -------------------------------------------------------------------------
def _raw_public_key(key: bytes) -> bytes:
    from db.keys import signing

    if b"-----BEGIN" in key:
        return signing.load_public_key(key)
    if len(key) != signing.PUBLIC_KEY_BYTES:
        raise signing.KeyFileError(f"a public key of {len(key)} bytes is not an Ed25519 key")
    return bytes(key)


def _signing_key(tree: PackageTree, public_key: bytes | None) -> Generator[str, None, bytes | None]:
    """Yields the problems with the key to check with and returns it (raw 32 bytes),
    or None: the key given, else the package's own."""
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
    return raw


def _signature(tree: PackageTree, key: bytes | None, signed: str, signature: str) -> Iterator[str]:
    """The problem with ``signature``, a base64 Ed25519 signature over ``signed``."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if key is None or not tree.has(signature) or not tree.has(signed):
        return
    try:
        sig = base64.b64decode(tree.read(signature).strip(), validate=True)
        Ed25519PublicKey.from_public_bytes(key).verify(sig, tree.read(signed))
    except (binascii.Error, ValueError):
        yield f"{signature} is not a base64 Ed25519 signature"
    except InvalidSignature:
        yield (
            f"{signature}: the signature does not match {signed} (changed after signing, "
            "or signed by another key)"
        )
