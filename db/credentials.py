"""The one module that touches the OS keyring (Keychain, Windows Credential Locker,
Secret Service). Secrets never go to the database, settings, logs or exports: other
modules ask here by name and get the value back, and messages name the credential,
never its value.

Entries, all under the service name ``Doorstep``:
- ``feed-token:<feed URL>``: an agency feed's access token;
- ``upload-token:<scheme://host[:port]>``: the token for an agency's upload service;
- ``signing-key``: the resident's Ed25519 private key (PEM), which signs every share
  package's manifest.

These calls can block (a keyring may ask to be unlocked): the GUI makes them on a
worker thread.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

# keyring is imported where a secret is read or written, not with this module: with its
# backends it costs about 0.1 s, which the window's start-up does not need to pay.

SERVICE = "Doorstep"
SIGNING_KEY = "signing-key"


class CredentialError(RuntimeError):
    """The keyring could not be used; the message says which credential and why
    (never the secret itself)."""


def _get(user: str, what: str) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, user)
    except KeyringError as exc:
        raise CredentialError(f"the keyring could not be read for {what}: {exc}") from exc


def _set(user: str, secret: str, what: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    if not secret or not secret.strip():
        raise CredentialError(f"the {what} is empty")
    try:
        keyring.set_password(SERVICE, user, secret)
    except KeyringError as exc:
        raise CredentialError(f"the keyring refused to store the {what}: {exc}") from exc


def _delete(user: str, what: str) -> bool:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        if keyring.get_password(SERVICE, user) is None:
            return False
        keyring.delete_password(SERVICE, user)
        return True
    except PasswordDeleteError:
        return False
    except KeyringError as exc:
        raise CredentialError(f"the keyring could not remove the {what}: {exc}") from exc


# --- feed tokens ------------------------------------------------------------------------


def set_feed_token(url: str, token: str) -> None:
    _set(f"feed-token:{url}", token, f"token for {url}")


def get_feed_token(url: str) -> str | None:
    return _get(f"feed-token:{url}", url)


def delete_feed_token(url: str) -> bool:
    """Remove the feed's token; False when there was none."""
    return _delete(f"feed-token:{url}", f"token for {url}")


# --- upload tokens ----------------------------------------------------------------------


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a delivery URL: one token per upload service."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "https" or not parts.hostname:
        raise CredentialError(f"{url!r} is not an https:// address")
    port = f":{parts.port}" if parts.port else ""
    return f"https://{parts.hostname.lower()}{port}"


def set_upload_token(url: str, token: str) -> None:
    _set(f"upload-token:{origin(url)}", token, f"upload token for {origin(url)}")


def get_upload_token(url: str) -> str | None:
    return _get(f"upload-token:{origin(url)}", f"the upload service {origin(url)}")


def delete_upload_token(url: str) -> bool:
    return _delete(f"upload-token:{origin(url)}", f"upload token for {origin(url)}")


# --- the resident's signing key ---------------------------------------------------------


def key_id_of(public_raw: bytes) -> str:
    """A short, stable name for a public key: ``resident-`` and 16 hex digits of its
    SHA-256."""
    return "resident-" + hashlib.sha256(public_raw).hexdigest()[:16]


def signing_key(create: bool = True) -> tuple[bytes, str] | None:
    """The resident's private key (PEM) and its key id; made and stored on first use
    when ``create``."""
    from db import signing

    pem = _get(SIGNING_KEY, "your signing key")
    if pem is None:
        if not create:
            return None
        return rotate_signing_key()
    public = signing.public_key_of_private(pem.encode())
    return pem.encode(), key_id_of(public)


def rotate_signing_key() -> tuple[bytes, str]:
    """Make a new signing key and keep it in the keyring (the old one is replaced:
    packages signed with it still verify with the public key they carry)."""
    from db import signing

    private_pem, public_pem = signing.generate_keypair()
    _set(SIGNING_KEY, private_pem.decode(), "signing key")
    return private_pem, key_id_of(signing.load_public_key(public_pem))


def public_key_pem() -> bytes | None:
    """The resident's public key (PEM), to hand to anyone who wants to check a package."""
    from db import signing

    found = signing_key(create=False)
    if found is None:
        return None
    return signing.public_key_pem(signing.public_key_of_private(found[0]))


def delete_signing_key() -> bool:
    return _delete(SIGNING_KEY, "signing key")
