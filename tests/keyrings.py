"""Throwaway keyring backends that fail the ways a real keyring does, for the tests of
"no keyring" (conftest installs a working in-memory one for every other test).

``PlaintextKeyring`` is also loaded by name in a subprocess
(``PYTHON_KEYRING_BACKEND=tests.keyrings.PlaintextKeyring``): a backend keyring does
not recommend, like keyrings.alt's files, that Doorstep must refuse."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.backends import chainer
from keyring.errors import KeyringLocked, PasswordSetError


class PlaintextKeyring(KeyringBackend):
    """Secrets in a readable file, as keyrings.alt.file.PlaintextKeyring keeps them."""

    priority = 0.5  # keyrings.alt's: "not recommended"

    def __init__(self) -> None:
        super().__init__()
        self.path = Path(os.environ.get("PLAINTEXT_KEYRING", "plaintext-keyring.json"))

    def _all(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._all().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self.path.write_text(json.dumps({**self._all(), f"{service}/{username}": password}))

    def delete_password(self, service: str, username: str) -> None:
        data = self._all()
        data.pop(f"{service}/{username}", None)
        self.path.write_text(json.dumps(data))


class EmptyChain(chainer.ChainerBackend):
    """keyring's chainer when it found nothing to chain."""

    backends = ()


class LockedKeyring(KeyringBackend):
    """A Secret Service that is there but refuses: reads work (nothing stored), writes
    and deletions raise, as when the resident dismisses the unlock prompt."""

    priority = 5

    def __init__(self, secrets: dict[tuple[str, str], str] | None = None) -> None:
        super().__init__()
        self.secrets = dict(secrets or {})

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("Failed to unlock the collection!")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("Failed to unlock the item!")


class BrokenSecretService(KeyringBackend):
    """A Secret Service that answers the first question and then fails the way
    secretstorage does (its own exceptions, not keyring's), as when the item stays
    locked or the daemon goes away: the text can run over several lines."""

    priority = 5

    def get_password(self, service: str, username: str) -> str | None:
        from secretstorage.exceptions import LockedException

        raise LockedException("Item is locked!\nUnlock it first.")

    def set_password(self, service: str, username: str, password: str) -> None:
        from secretstorage.exceptions import SecretServiceNotAvailableException

        raise SecretServiceNotAvailableException("The name is not activatable\n(D-Bus)")

    def delete_password(self, service: str, username: str) -> None:
        self.set_password(service, username, "")
