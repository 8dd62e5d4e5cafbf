"""Ed25519 keys and signatures over canonical JSON: request documents and share
packages (docs/requests.md, "Signatures"; docs/cli.md, "Agencies": ``agency keygen``
and ``agency sign``).

A signature covers the RFC 8785 canonical form of the document without its
``signature`` field, so key order and whitespace do not matter, but any change of a
value does. Keys are PEM files: PKCS#8 for the private key, SubjectPublicKeyInfo for
the public one. Agencies' public keys are held as their raw 32 bytes, by key id.
"""

from __future__ import annotations

import base64
import os
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import rfc8785

from db.store.fileio import write_atomically

if TYPE_CHECKING:
    # cryptography is imported by the functions that use it, not with this module
    # (which db.requests.intake imports): the window's start-up does not need it.
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

ALGORITHM = "Ed25519"
PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64


class KeyFileError(ValueError):
    """A key file or key text that cannot be used; the message says why, in words."""


def generate_keypair() -> tuple[bytes, bytes]:
    """A new Ed25519 key pair as (private PEM, public PEM)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return private_pem, _public_pem(key.public_key())


def _public_pem(key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def public_key_path(path: str | os.PathLike[str]) -> Path:
    """Where the public key of KEYFILE goes: KEYFILE.pub."""
    path = Path(path)
    return path.with_name(path.name + ".pub")


def write_keypair(path: str | os.PathLike[str], *, overwrite: bool = False) -> tuple[Path, Path]:
    """Generate a key pair and write the private key to ``path`` (mode 0600) and the
    public key to ``path.pub``. Returns both paths. Raises KeyFileError rather than
    replace an existing key (unless ``overwrite``: a lost private key cannot be
    recovered) or when the folder does not exist, WriteError when a file cannot be
    written (then neither is left behind)."""
    private_path = Path(path)
    public_path = public_key_path(private_path)
    if not overwrite:
        for existing in (private_path, public_path):
            if existing.exists():
                raise KeyFileError(f"{existing} already exists; not replacing a key")
    if not private_path.parent.is_dir():
        folder = private_path.parent
        if folder.exists():
            raise KeyFileError(f"{folder} is not a folder")
        raise KeyFileError(f"folder {folder} does not exist")
    private_pem, public_pem = generate_keypair()
    write_atomically(private_path, private_pem, mode=0o600)
    try:
        write_atomically(public_path, public_pem, mode=0o644)
    except BaseException:
        private_path.unlink(missing_ok=True)  # no private key without its public key
        raise
    return private_path, public_path


def _private_key(private_pem: bytes, source: str) -> Ed25519PrivateKey:
    """An Ed25519 private key from PEM text, or KeyFileError naming ``source``."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if b"PUBLIC KEY-----" in private_pem:
        raise KeyFileError(f"{source} holds a public key; signing needs the private key")
    if b"ENCRYPTED PRIVATE KEY-----" in private_pem:
        raise KeyFileError(
            f"{source} is protected by a password; Doorstep needs an unencrypted key"
        )
    try:
        key = _load_pem(
            lambda pem: serialization.load_pem_private_key(pem, password=None),
            private_pem,
            f"{source} holds",
        )
    except KeyFileError:
        raise
    except TypeError:
        raise KeyFileError(
            f"{source} is protected by a password; Doorstep needs an unencrypted key"
        ) from None
    except (ValueError, UnsupportedAlgorithm):
        raise KeyFileError(f"{source} is not a PEM private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{source} holds {_key_kind(key)} key, not an Ed25519 key")
    return key


def _key_kind(key: object) -> str:
    """'an RSA', 'an EC', ... for messages about a key of the wrong kind."""
    from cryptography.hazmat.primitives.asymmetric import ec, ed448, rsa, x25519

    kinds = (
        (rsa.RSAPrivateKey, rsa.RSAPublicKey, "an RSA"),
        (ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey, "an EC"),
        (ed448.Ed448PrivateKey, ed448.Ed448PublicKey, "an Ed448"),
        (x25519.X25519PrivateKey, x25519.X25519PublicKey, "an X25519"),
    )
    for private, public, words in kinds:
        if isinstance(key, private | public):
            return words
    return "another kind of"


def _load_pem(load: Callable[[bytes], object], pem: bytes, what: str) -> object:
    """``load(pem)``, except that a DSA key is refused here: cryptography deprecates DSA
    and warns when it loads one (and when its DSA names are touched), so the warning is
    how a DSA key is recognised, and it never reaches the resident's terminal."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        key = load(pem)
    if any("DSA" in str(w.message) for w in caught):
        raise KeyFileError(f"{what} a DSA key, not an Ed25519 key")
    for w in caught:
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return key


def load_private_key(path: str | os.PathLike[str]) -> bytes:
    """Read and check an Ed25519 private key file; returns its PEM bytes, ready for
    ``sign_document``. Raises KeyFileError saying what is wrong with the file."""
    path = Path(path)
    try:
        pem = path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(f"{path}: no such key file") from None
    except IsADirectoryError:
        raise KeyFileError(f"{path} is a folder, not a key file") from None
    except OSError as exc:
        raise KeyFileError(f"{path} cannot be read: {exc.strerror}") from None
    _private_key(pem, str(path))
    return pem


def load_public_key(pem: bytes) -> bytes:
    """The raw 32 bytes of an Ed25519 public key given as PEM (SubjectPublicKeyInfo).
    Raises KeyFileError saying what is wrong."""
    if b"PRIVATE KEY-----" in pem:
        raise KeyFileError("this is a private key; give the public key (the .pub file)")
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = _load_pem(serialization.load_pem_public_key, pem, "this is")
    except KeyFileError:
        raise
    except (ValueError, UnsupportedAlgorithm):
        raise KeyFileError("this is not a PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFileError(f"this is {_key_kind(key)} public key, not an Ed25519 key")
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_pem(raw: bytes) -> bytes:
    """PEM text for a raw 32-byte Ed25519 public key (the inverse of load_public_key)."""
    if len(raw) != PUBLIC_KEY_BYTES:
        raise KeyFileError(f"an Ed25519 public key is {PUBLIC_KEY_BYTES} bytes, not {len(raw)}")
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    return _public_pem(Ed25519PublicKey.from_public_bytes(raw))


def public_key_of_private(private_pem: bytes) -> bytes:
    """The raw 32-byte public key that goes with a private key (PEM)."""
    from cryptography.hazmat.primitives import serialization

    key = _private_key(private_pem, "the key")
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def sign_bytes(data: bytes, private_pem: bytes) -> bytes:
    """The 64-byte Ed25519 signature of ``data``."""
    return _private_key(private_pem, "the key").sign(data)


def verify_bytes(data: bytes, signature: bytes, public_raw: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def canonical_bytes(data: Mapping[str, Any]) -> bytes:
    """The bytes a signature covers: RFC 8785 form of the document without "signature".

    Raises ValueError (rfc8785.CanonicalizationError) for values JSON cannot carry
    exactly, such as integers beyond 2^53."""
    return rfc8785.dumps({key: value for key, value in data.items() if key != "signature"})


def sign_document(data: Mapping[str, Any], private_pem: bytes, key_id: str) -> dict[str, Any]:
    """A copy of the document with a fresh ``signature`` by the given key (any earlier
    signature is replaced)."""
    if not isinstance(key_id, str) or not key_id.strip():
        raise ValueError("a signature needs a key id")
    key = _private_key(private_pem, "the key")
    signed = {k: v for k, v in data.items() if k != "signature"}
    value = key.sign(canonical_bytes(signed))
    signed["signature"] = {
        "alg": ALGORITHM,
        "key_id": key_id,
        "value": base64.b64encode(value).decode("ascii"),
    }
    return signed
