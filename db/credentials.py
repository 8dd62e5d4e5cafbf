"""The one module that touches the OS keyring. Secrets never go to the database,
settings, logs or exports: other modules ask here by name and get the value back."""

from __future__ import annotations

# keyring is imported where a secret is read or written, not with this module: with its
# backends it costs about 0.1 s, which the window's start-up does not need to pay.

SERVICE = "Doorstep"


class CredentialError(RuntimeError):
    """The keyring could not be used; the message says which credential and why
    (never the secret itself)."""


def _feed_user(url: str) -> str:
    return f"feed-token:{url}"


def set_feed_token(url: str, token: str) -> None:
    if not token:
        raise CredentialError("the feed token is empty")
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, _feed_user(url), token)
    except KeyringError as exc:
        raise CredentialError(f"the keyring refused to store the token for {url}: {exc}") from exc


def get_feed_token(url: str) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, _feed_user(url))
    except KeyringError as exc:
        raise CredentialError(f"the keyring could not be read for {url}: {exc}") from exc


def delete_feed_token(url: str) -> bool:
    """Remove the feed's token; False when there was none."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        if keyring.get_password(SERVICE, _feed_user(url)) is None:
            return False
        keyring.delete_password(SERVICE, _feed_user(url))
        return True
    except PasswordDeleteError:
        return False
    except KeyringError as exc:
        raise CredentialError(f"the keyring could not remove the token for {url}: {exc}") from exc
