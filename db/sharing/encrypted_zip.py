"""An encrypted zip of a package, for a hand-over on a USB drive or in person
(docs/packages.md, "An encrypted zip").

AES-256 in the WinZip AE-2 form (pyzipper), which 7-Zip, WinZip, Keka and pyzipper open
(the unzip built into some systems does not). Each file
of the package is encrypted; the names and sizes of the files are not (the zip format
keeps them in the clear). The password is made here with ``secrets`` unless given,
returned once and never stored, logged or written to the audit trail: the caller shows it
to the resident, who passes it to the receiver by another way than the drive.

No database, no Qt.
"""

from __future__ import annotations

import math
import os
import secrets
import shutil
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

from db.sharing.package_files import member_size, open_tree, package_name
from db.sharing.package_partials import clean_partials, partial_prefix

Progress = Callable[[int, int, str], None]

# Lower-case letters and digits a reader cannot mistake for one another (no i, l, o, 0,
# 1), in groups of four joined by "-" so that it can be read out and typed.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_CHARS = 24
GROUP = 4
_CHUNK = 1 << 20


class EncryptedZipError(ValueError):
    """No encrypted zip was written, and why, in one line."""


class EncryptedZipCancelled(EncryptedZipError):
    """Cancelled; nothing was kept."""


def new_password() -> str:
    """24 random characters of ``ALPHABET`` in groups of four: about 119 bits."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(PASSWORD_CHARS))
    return "-".join(chars[i : i + GROUP] for i in range(0, PASSWORD_CHARS, GROUP))


def password_bits() -> float:
    """The strength of a password from :func:`new_password`, in bits."""
    return PASSWORD_CHARS * math.log2(len(ALPHABET))


def write_encrypted_zip(
    package: Path,
    dest: Path,
    *,
    password: str | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> tuple[Path, str]:
    """Write the package (a folder or zip) to ``dest`` as a zip whose every file is
    AES-256 encrypted, under the package's name as its one top folder (unzipped, it is
    the package folder). Written under a partial name beside ``dest`` and renamed when
    complete; on error or cancel nothing is left. Returns (``dest`` resolved, the
    password). ``progress`` gets (bytes done, bytes in all, what)."""
    import pyzipper  # type: ignore[import-untyped]

    package = Path(package)
    if password is not None and not password:
        raise EncryptedZipError("the password is empty")
    secret = password if password is not None else new_password()
    dest = Path(dest)
    if dest.exists() or dest.is_symlink():
        raise EncryptedZipError(f"{dest} already exists; not replacing it")
    folder = dest.parent
    if not folder.is_dir():
        raise EncryptedZipError(f"folder {folder} does not exist")
    dest = folder.resolve() / dest.name
    try:
        tree = open_tree(package)
    except FileNotFoundError:
        raise EncryptedZipError(f"{package} does not exist") from None
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise EncryptedZipError(f"{package} cannot be read as a package ({exc})") from None
    clean_partials(folder)
    top = package_name(package)
    tmp = folder / f"{partial_prefix()}{secrets.token_hex(4)}.zip"
    try:
        names = sorted(tree.members)
        total = max(1, sum(member_size(tree, name) for name in names))
        done = 0
        with pyzipper.AESZipFile(
            tmp, "w", compression=pyzipper.ZIP_STORED, encryption=pyzipper.WZ_AES
        ) as zf:
            zf.setpassword(secret.encode("utf-8"))
            zf.setencryption(pyzipper.WZ_AES, nbits=256)
            for name in names:
                with tree.open(name) as src, zf.open(f"{top}/{name}", "w", force_zip64=True) as out:
                    while chunk := src.read(_CHUNK):
                        if cancel is not None and cancel.is_set():
                            raise EncryptedZipCancelled("cancelled: no encrypted zip was kept")
                        out.write(chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress(min(done, total), total, f"encrypting {name}")
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.rename(tmp, dest)
    except EncryptedZipError:
        _remove(tmp)
        raise
    except OSError as exc:
        _remove(tmp)
        where = exc.filename or dest
        raise EncryptedZipError(
            f"{where}: cannot write the encrypted zip ({exc.strerror or exc})"
        ) from None
    except BaseException:
        _remove(tmp)
        raise
    finally:
        tree.close()
    return dest, secret


def _remove(path: Path) -> None:
    try:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def sha256_file(path: Path) -> tuple[str, int]:
    """(SHA-256, size) of a file, for the audit entry of what was handed over."""
    import hashlib

    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size
