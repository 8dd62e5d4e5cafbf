"""Credentials live in the OS keyring and nowhere else. Unit tests use the throwaway
in-memory backend from conftest; one test talks to a real Secret Service
(gnome-keyring in a private D-Bus session)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import keyring
import pytest

from db import credentials, signing
from db.credentials import CredentialError

ROOT = Path(__file__).resolve().parent.parent


def test_feed_and_upload_tokens_round_trip() -> None:
    credentials.set_feed_token("https://feeds.example.gov/pd", "feed-secret-1")
    credentials.set_upload_token("https://evidence.example.gov/u/abc?x=1", "upload-secret-1")
    assert credentials.get_feed_token("https://feeds.example.gov/pd") == "feed-secret-1"
    # One token per upload service, whatever the path of a request's delivery URL.
    assert credentials.get_upload_token("https://EVIDENCE.example.gov/u/other") == "upload-secret-1"
    credentials.set_upload_token("https://evidence.example.gov/", "upload-secret-2")
    assert credentials.get_upload_token("https://evidence.example.gov/x") == "upload-secret-2"
    assert credentials.delete_upload_token("https://evidence.example.gov/")
    assert credentials.get_upload_token("https://evidence.example.gov/") is None
    assert not credentials.delete_upload_token("https://evidence.example.gov/")


def test_bad_input_names_the_credential_not_the_secret() -> None:
    with pytest.raises(CredentialError, match="empty"):
        credentials.set_feed_token("https://f.example/x", "  ")
    with pytest.raises(CredentialError, match="not an https"):
        credentials.set_upload_token("http://evidence.example.gov/u", "tok")


def test_signing_key_is_made_once_rotated_and_public_part_exported() -> None:
    assert credentials.signing_key(create=False) is None
    private, key_id = credentials.signing_key()
    again, same_id = credentials.signing_key()
    assert again == private and same_id == key_id and key_id.startswith("resident-")
    public = credentials.public_key_pem()
    assert public is not None and b"PUBLIC KEY" in public and b"PRIVATE" not in public
    data = b"manifest bytes"
    sig = signing.sign_bytes(data, private)
    assert signing.verify_bytes(data, sig, signing.load_public_key(public))
    new_private, new_id = credentials.rotate_signing_key()
    assert new_private != private and new_id != key_id
    assert credentials.signing_key() == (new_private, new_id)


def test_a_broken_keyring_gives_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    with pytest.raises(CredentialError, match="keyring could not be read for https://f.example"):
        credentials.get_feed_token("https://f.example/x")


@pytest.mark.secret_service
def test_real_secret_service_stores_and_reads_a_secret(tmp_path: Path) -> None:
    """gnome-keyring in a private D-Bus session: the same calls Doorstep makes on a
    Linux desktop, against a real Secret Service."""
    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: scripts/system-deps.sh installs it")
    script = textwrap.dedent(
        """
        import keyring
        from keyring.backends import SecretService
        keyring.set_keyring(SecretService.Keyring())
        from db import credentials
        credentials.set_upload_token("https://evidence.example.gov/u", "real-secret-42")
        print("read:", credentials.get_upload_token("https://evidence.example.gov/other"))
        private, key_id = credentials.signing_key()
        print("key:", key_id, credentials.signing_key()[1] == key_id)
        print("deleted:", credentials.delete_upload_token("https://evidence.example.gov/"))
        print("after:", credentials.get_upload_token("https://evidence.example.gov/"))
        """
    )
    (tmp_path / "check.py").write_text(script)
    home = tmp_path / "home"
    (home / ".local/share/keyrings").mkdir(parents=True)
    inner = (
        "printf 'test-password' | gnome-keyring-daemon --unlock --components=secrets "
        "--daemonize > /dev/null && "
        f"{sys.executable} {tmp_path / 'check.py'}"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND")
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_RUNTIME_DIR=str(tmp_path),
        PYTHONPATH=str(ROOT),
    )
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", inner],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "read: real-secret-42" in lines
    assert any(line.startswith("key: resident-") and line.endswith("True") for line in lines)
    assert "deleted: True" in lines and "after: None" in lines
    # The secret went to the keyring's own store, not to a file of Doorstep's.
    stored = list((home / ".local/share/keyrings").iterdir())
    assert stored and all(b"real-secret-42" not in p.read_bytes() for p in stored)
