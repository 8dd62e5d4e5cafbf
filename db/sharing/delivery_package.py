"""Reading a share package folder before delivering it (docs/delivery.md): every file
the manifest lists is checked against the manifest and the package's sums
(manifest-sha256.txt, or SHA256SUMS in a format 1 package; read with
:mod:`db.sharing.package_format`) before anything is sent."""

from __future__ import annotations

import base64
import binascii
import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from db.sharing.delivery_types import DeliveryCancelled, DeliveryError
from db.sharing.package_format import (
    MANIFEST,
    PUBLIC_KEY,
    SIGNATURE,
    PackageFormatError,
    manifest_files,
    read_sums,
    sums_file,
)

_HASH_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class PackageFile:
    name: str
    path: Path
    size: int
    sha256: str


@dataclass(frozen=True)
class DeliveryPackage:
    manifest: bytes
    signature: str
    public_key: str
    files: tuple[PackageFile, ...]

    @property
    def total(self) -> int:
        return sum(f.size for f in self.files)


def read_package(folder: Path, cancel: threading.Event | None) -> DeliveryPackage:
    """Read and check a share package: every file the manifest lists has the size and
    SHA-256 the manifest gives, the sums file agrees with the manifest, and every file
    that it lists has its hash. Reads every file once; looks at ``cancel``
    between chunks. Raises DeliveryError (retry False) for a package that does not pass."""
    where = str(folder)

    def refuse(problem: str) -> DeliveryError:
        return DeliveryError(where, problem + "; nothing was sent", retry=False)

    if not folder.is_dir():
        raise refuse("the share package folder does not exist")
    root = folder.resolve()

    def read(name: str) -> bytes:
        path = folder / name
        if not path.is_file():
            raise refuse(f"the package has no {name}")
        try:
            return path.read_bytes()
        except OSError as exc:
            raise refuse(f"cannot read {name} ({exc.strerror or type(exc).__name__})") from None

    manifest = read(MANIFEST)
    signature = _signature_text(read(SIGNATURE))
    if signature is None:
        raise refuse(f"{SIGNATURE} is empty or not a signature")
    public_key = _pem_body(read(PUBLIC_KEY))
    if public_key is None:
        raise refuse(f"{PUBLIC_KEY} is not a PEM public key")
    checksums = sums_file(manifest)
    try:
        sums = read_sums(read(checksums), checksums)
        entries = manifest_files(manifest)
    except PackageFormatError as exc:
        raise refuse(str(exc)) from None

    files: list[PackageFile] = []
    for name, size, digest in entries:
        listed = sums.get(name)
        if listed is None:
            raise refuse(f"{checksums} does not list {name}")
        if listed != digest:
            raise refuse(f"{checksums} and {MANIFEST} give different SHA-256 for {name}")
        path = folder / name
        if not _inside(path, root):
            raise refuse(f"{name} points outside the package folder")
        if not path.is_file():
            raise refuse(f"{name} is missing")
        if path.stat().st_size != size:
            raise refuse(f"{name} is not the size the manifest gives; the package was changed")
        files.append(PackageFile(name, path, size, digest))
    for name, digest in sums.items():
        path = folder / name
        if not _inside(path, root) or not path.is_file():
            raise refuse(f"{checksums} lists {name}, which is not in the package")
        if _sha256_of(path, cancel, where) != digest:
            raise refuse(f"{name} does not match its SHA-256; the package was changed")
    return DeliveryPackage(manifest, signature, public_key, tuple(files))


def _signature_text(raw: bytes) -> str | None:
    """The signature as a header value: the file's text (base64) if it is one printable
    line, else the base64 of its bytes (a raw 64-byte signature)."""
    text = raw.strip()
    if not text or len(text) > 8192:
        return None
    if all(0x21 <= byte <= 0x7E for byte in text):
        return text.decode("ascii")
    return base64.b64encode(raw).decode("ascii")


def _pem_body(raw: bytes) -> str | None:
    """The base64 of a PEM ``PUBLIC KEY`` (its DER SubjectPublicKeyInfo) on one line."""
    try:
        lines = raw.decode("ascii").strip().splitlines()
    except UnicodeDecodeError:
        return None
    if len(lines) < 3 or lines[0].strip() != "-----BEGIN PUBLIC KEY-----":
        return None
    if lines[-1].strip() != "-----END PUBLIC KEY-----":
        return None
    body = "".join(line.strip() for line in lines[1:-1])
    try:
        base64.b64decode(body, validate=True)
    except binascii.Error:
        return None
    return body or None


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):
        return False


def _sha256_of(path: Path, cancel: threading.Event | None, where: str) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as file:
            while chunk := file.read(_HASH_CHUNK):
                if cancel is not None and cancel.is_set():
                    raise DeliveryCancelled(where, "cancelled", retry=False)
                digest.update(chunk)
    except OSError as exc:
        raise DeliveryError(
            where, f"cannot read {path.name} ({exc.strerror or type(exc).__name__})", retry=False
        ) from None
    return digest.hexdigest()
