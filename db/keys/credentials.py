"""The one module that touches the OS keyring (Keychain, Windows Credential Locker,
Secret Service). Secrets never go to the database, settings, logs or exports: other
modules ask here by name and get the value back, and messages name the credential,
never its value.

Entries, all under the service name ``Doorstep``:
- ``feed-token:<feed URL>``: an agency feed's access token;
- ``upload-token:<scheme://host[:port]>``: the token for an agency's upload service;
- ``signing-key``: the resident's Ed25519 private key (PEM), which signs every share
  package's manifest; made, rotated and exported through db.sharing.signing_keys, which
  records each new key in the audit trail.

These calls can block (a keyring may ask to be unlocked, D-Bus may be slow): the GUI
makes them on a worker thread.

There is no fallback: when keyring finds no Secret Service (it then picks a backend
that fails every call), or only a backend that does not protect secrets (keyrings.alt's
files), every call raises CredentialError saying so and what to do, and ``problem()``
says it before anything is tried. A change to the keyring that goes with a database
write is made first and undone if the write fails (``undone_on_error``), so a feed is
never stored without the token it was given, nor a token kept for a feed that is not.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

# keyring is imported where a secret is read or written, not with this module: with its
# backends it is slow to import, which the window's start-up does not need to pay.

SERVICE = "Doorstep"
SIGNING_KEY = "signing-key"
SIGNING_CERTIFICATE = "signing-key-certificate"  # public: the X.509 certificate of the key


def next_step(then: str = "try again") -> str:
    """What a resident does when the keyring cannot be used, on this system."""
    if sys.platform == "darwin":
        return f"unlock your login keychain (Keychain Access), then {then}"
    if sys.platform == "win32":
        return f"check that Windows Credential Manager works for your account, then {then}"
    return (
        f"start a Secret Service such as gnome-keyring or KWallet, then {then} "
        '(see "Credentials" in the README)'
    )


class CredentialError(RuntimeError):
    """The keyring could not be used; the message says which credential and why
    (never the secret itself). ``unavailable``: there is no keyring Doorstep will use
    at all (rather than one that refused this one operation)."""

    def __init__(self, message: str, *, unavailable: bool = False) -> None:
        super().__init__(message)
        self.unavailable = unavailable


# The verdict on the backend keyring chose, kept per backend object: asking a Secret
# Service backend for its priority is a D-Bus round trip.
_verdict: tuple[Any, str | None] | None = None


def _distrust(backend: Any) -> str | None:
    """Why Doorstep will not keep secrets with ``backend``, or None when it will.

    keyring falls back, without a word, to a backend that raises on every call when
    no Secret Service is running, and keyrings.alt offers files it calls insecure
    itself (plaintext, or encrypted with a password kept beside them). Only backends
    keyring recommends (priority 1 or more) and that are not from keyrings.alt count.
    """
    from keyring.backends import chainer, fail, null

    if isinstance(backend, chainer.ChainerBackend):
        members = list(backend.backends)
        if not members:
            return "no keyring is available"
        return next(filter(None, map(_distrust, members)), None)
    if isinstance(backend, null.Keyring):
        return "no keyring is available (keyring is set to its null backend, which keeps nothing)"
    if isinstance(backend, fail.Keyring):
        if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
            return "no keyring is available (no Secret Service is running)"
        return "no keyring is available"
    cls = type(backend)
    name = f"{cls.__module__}.{cls.__name__}"
    try:
        recommended = backend.priority >= 1
    except Exception as exc:  # a backend tells it cannot work by raising here
        said = " ".join(str(exc).split()) or type(exc).__name__  # one line
        return f"the keyring {name} cannot be used ({said})"
    if cls.__module__.startswith("keyrings.alt") or not recommended:
        return f"the keyring {name} does not protect secrets, so Doorstep does not use it"
    return None


def _backend() -> Any:
    """keyring's backend, when Doorstep may keep secrets in it; CredentialError
    (unavailable) otherwise. Can block (D-Bus): not on the GUI thread."""
    global _verdict
    import keyring

    backend = keyring.get_keyring()
    if _verdict is None or _verdict[0] is not backend:
        _verdict = (backend, _distrust(backend))
    if _verdict[1] is not None:
        raise CredentialError(_verdict[1], unavailable=True)
    return backend


def problem(then: str = "try again") -> str | None:
    """None when secrets can be kept, else one line: what is wrong and what to do
    (``then``: after starting a keyring). Can block (D-Bus): the window asks on a
    worker thread."""
    try:
        _backend()
    except CredentialError as exc:
        return f"{exc}; {next_step(then)}"
    return None


def _fail(action: str, exc: Exception) -> CredentialError:
    """The one-line error for ``action`` (e.g. "cannot store the token for URL")."""
    if isinstance(exc, CredentialError):
        return CredentialError(f"{action}: {exc}; {next_step()}", unavailable=exc.unavailable)
    said = " ".join(str(exc).split()) or type(exc).__name__  # one line, whatever it says
    return CredentialError(f"{action}: the keyring refused: {said}; {next_step()}")


# _BACKEND_ERRORS: a backend's call is caught whatever it raises. keyring passes on
# the exceptions of the library under it unchanged (secretstorage's LockedException
# when an item stays locked, jeepney's D-Bus errors when the daemon goes away), and
# each must end as one line naming the credential, not a traceback.


def _get(user: str, action: str) -> str | None:
    """The secret, or None; ``action`` names it in the error ("cannot read ...")."""
    try:
        secret: str | None = _backend().get_password(SERVICE, user)
        return secret
    except Exception as exc:
        raise _fail(action, exc) from exc


@dataclass
class Change:
    """One change to the keyring, which ``undo`` takes back when the database write
    that goes with it fails. The secret it replaced stays in memory only."""

    user: str
    what: str
    previous: str | None = field(repr=False)
    new: str | None = field(default=None, repr=False)

    @property
    def existed(self) -> bool:
        return self.previous is not None

    def undo(self) -> None:
        if self.previous == self.new:
            return
        if self.previous is None:
            _write(self.user, None, f"take the {self.what} back out of the keyring")
        else:
            _write(self.user, self.previous, f"put the previous {self.what} back")


def _write(user: str, secret: str | None, action: str) -> None:
    from keyring.errors import PasswordDeleteError

    try:
        backend = _backend()
        if secret is not None:
            backend.set_password(SERVICE, user, secret)
        elif backend.get_password(SERVICE, user) is not None:
            try:
                backend.delete_password(SERVICE, user)
            except PasswordDeleteError:
                pass  # gone already
    except Exception as exc:
        raise _fail(f"cannot {action}", exc) from exc


def _set(user: str, secret: str, what: str) -> Change:
    if not secret or not secret.strip():
        raise CredentialError(f"the {what} is empty")
    previous = _get(user, f"cannot store the {what}")
    _write(user, secret, f"store the {what}")
    return Change(user, what, previous, secret)


def _delete(user: str, what: str) -> Change:
    previous = _get(user, f"cannot remove the {what}")
    if previous is not None:
        _write(user, None, f"remove the {what}")
    return Change(user, what, previous, None)


@contextmanager
def undone_on_error(*changes: Change | None) -> Iterator[None]:
    """Keyring first, then the database: the block writes the database (one
    transaction); if it fails, ``changes`` are taken back, so nothing is half done."""
    try:
        yield
    except BaseException as exc:
        undo_all(changes, exc)
        raise


def undo_all(
    changes: Iterator[Change | None] | tuple[Change | None, ...], exc: BaseException
) -> None:
    """Take ``changes`` back after ``exc``; if the keyring refuses, say so in one line
    that keeps the first failure."""
    for change in reversed([c for c in changes if c is not None]):
        try:
            change.undo()
        except CredentialError as undo_exc:
            raise CredentialError(f"{exc}; and {undo_exc}") from exc


# --- feed tokens ------------------------------------------------------------------------


def set_feed_token(url: str, token: str) -> Change:
    return _set(f"feed-token:{url}", token, f"token for {url}")


def get_feed_token(url: str) -> str | None:
    return _get(f"feed-token:{url}", f"cannot read the token for {url}")


def delete_feed_token(url: str) -> Change:
    """Remove the feed's token (``existed`` says whether there was one)."""
    return _delete(f"feed-token:{url}", f"token for {url}")


# --- upload tokens ----------------------------------------------------------------------


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a delivery URL: one token per upload service."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "https" or not parts.hostname:
        raise CredentialError(f"{url!r} is not an https:// address")
    port = f":{parts.port}" if parts.port else ""
    return f"https://{parts.hostname.lower()}{port}"


def set_upload_token(url: str, token: str) -> Change:
    return _set(f"upload-token:{origin(url)}", token, f"upload token for {origin(url)}")


def get_upload_token(url: str) -> str | None:
    return _get(f"upload-token:{origin(url)}", f"cannot read the upload token for {origin(url)}")


def delete_upload_token(url: str) -> Change:
    return _delete(f"upload-token:{origin(url)}", f"upload token for {origin(url)}")


# --- the resident's signing key ---------------------------------------------------------


def key_id_of(public_raw: bytes) -> str:
    """A short, stable name for a public key: ``resident-`` and 16 hex digits of its
    SHA-256."""
    return "resident-" + hashlib.sha256(public_raw).hexdigest()[:16]


def signing_key(action: str = "cannot read your signing key") -> tuple[bytes, str] | None:
    """The resident's private key (PEM) and its key id, or None when there is none.
    Reads only: db.sharing.signing_keys makes keys, each with its audit entry."""
    from db.keys import signing

    pem = _get(SIGNING_KEY, action)
    if pem is None:
        return None
    public = signing.public_key_of_private(pem.encode())
    return pem.encode(), key_id_of(public)


def store_new_signing_key() -> tuple[bytes, str, Change]:
    """Make a new signing key and keep it in the keyring, replacing any old one. Only
    db.sharing.signing_keys calls this: it records the change in the audit trail."""
    from db.keys import signing

    private_pem, public_pem = signing.generate_keypair()
    change = _set(SIGNING_KEY, private_pem.decode(), "signing key")
    return private_pem, key_id_of(signing.load_public_key(public_pem)), change


def delete_signing_key() -> Change:
    return _delete(SIGNING_KEY, "signing key")


def signing_certificate(action: str = "cannot read your signing certificate") -> bytes | None:
    """The certificate (PEM) kept beside the signing key, or None."""
    pem = _get(SIGNING_CERTIFICATE, action)
    return None if pem is None else pem.encode()


def store_signing_certificate(pem: bytes) -> Change:
    """Keep ``pem`` beside the signing key, replacing the one there."""
    return _set(SIGNING_CERTIFICATE, pem.decode(), "signing certificate")
