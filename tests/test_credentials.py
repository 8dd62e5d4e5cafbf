"""Credentials live in the OS keyring and nowhere else. Unit tests use the throwaway
in-memory backend from conftest; one test talks to a real Secret Service
(gnome-keyring in a private D-Bus session)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, null

from db.keys import credentials, signing
from db.keys.credentials import CredentialError
from db.sharing import signing_keys
from tests.conftest import MemoryKeyring
from tests.keyrings import EmptyChain, LockedKeyring, PlaintextKeyring
from tests.test_sharing import resident  # noqa: F401 - a camera with clips, for export

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def test_feed_and_upload_tokens_round_trip() -> None:
    credentials.set_feed_token("https://feeds.example.gov/pd", "feed-secret-1")
    credentials.set_upload_token("https://evidence.example.gov/u/abc?x=1", "upload-secret-1")
    assert credentials.get_feed_token("https://feeds.example.gov/pd") == "feed-secret-1"
    # One token per upload service, whatever the path of a request's delivery URL.
    assert credentials.get_upload_token("https://EVIDENCE.example.gov/u/other") == "upload-secret-1"
    credentials.set_upload_token("https://evidence.example.gov/", "upload-secret-2")
    assert credentials.get_upload_token("https://evidence.example.gov/x") == "upload-secret-2"
    assert credentials.delete_upload_token("https://evidence.example.gov/").existed
    assert credentials.get_upload_token("https://evidence.example.gov/") is None
    assert not credentials.delete_upload_token("https://evidence.example.gov/").existed


def test_bad_input_names_the_credential_not_the_secret() -> None:
    with pytest.raises(CredentialError, match="empty"):
        credentials.set_feed_token("https://f.example/x", "  ")
    with pytest.raises(CredentialError, match="not an https"):
        credentials.set_upload_token("http://evidence.example.gov/u", "tok")


def test_signing_key_is_made_once_rotated_and_public_part_exported(db) -> None:
    assert signing_keys.current() is None
    made = signing_keys.ensure(db, now=NOW)
    again = signing_keys.ensure(db, now=NOW)
    assert made.made == "created" and again.made is None
    private, key_id = made.pem, made.key_id
    assert again.pem == private and again.key_id == key_id and key_id.startswith("resident-")
    public = signing_keys.public_key_pem()
    assert public is not None and b"PUBLIC KEY" in public and b"PRIVATE" not in public
    data = b"manifest bytes"
    sig = signing.sign_bytes(data, private)
    assert signing.verify_bytes(data, sig, signing.load_public_key(public))
    new = signing_keys.rotate(db, now=NOW)
    assert new.made == "rotated" and new.pem != private and new.key_id != key_id
    assert signing_keys.current() == (new.pem, new.key_id)


def _no_secret_service() -> KeyringBackend:
    """What keyring picks on a Linux box with no Secret Service: a backend that raises
    NoKeyringError from every call."""
    from keyring.backends import fail

    return fail.Keyring()


class _MixedChain(chainer.ChainerBackend):
    backends = (MemoryKeyring(), PlaintextKeyring())


class _CannotWork:
    """A backend that tells it cannot work by raising from ``priority``, in words
    that run over two lines (not a KeyringBackend subclass: keyring would ask each of
    those for its priority when it looks for backends)."""

    @property
    def priority(self) -> float:
        raise RuntimeError("no D-Bus session:\nstart one first")


def test_a_backend_that_cannot_work_is_named_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring, "get_keyring", _CannotWork)
    problem = credentials.problem()
    assert problem is not None and "\n" not in problem
    assert "_CannotWork cannot be used (no D-Bus session: start one first)" in problem


@pytest.mark.parametrize(
    ("backend", "reason"),
    [
        (_no_secret_service, "no keyring is available"),
        (EmptyChain, "no keyring is available"),
        (null.Keyring, "its null backend, which keeps nothing"),
        (PlaintextKeyring, "tests.keyrings.PlaintextKeyring does not protect secrets"),
        (_MixedChain, "tests.keyrings.PlaintextKeyring does not protect secrets"),
    ],
)
def test_no_usable_keyring_is_refused_with_the_next_step(
    backend: type[KeyringBackend], reason: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No silent fallback: without a keyring that protects secrets, every call says so
    in one line with what to do, and nothing is written anywhere."""
    monkeypatch.setenv("PLAINTEXT_KEYRING", str(tmp_path / "plain.json"))
    keyring.set_keyring(backend())
    problem = credentials.problem()
    assert problem is not None and reason in problem and "gnome-keyring or KWallet" in problem
    calls = [
        lambda: credentials.set_feed_token("https://f.example/x", "feed-secret"),
        lambda: credentials.get_feed_token("https://f.example/x"),
        lambda: credentials.delete_feed_token("https://f.example/x"),
        lambda: credentials.set_upload_token("https://u.example/x", "upload-secret"),
        lambda: credentials.get_upload_token("https://u.example/x"),
        signing_keys.stage,
        signing_keys.stage_rotation,
        signing_keys.public_key_pem,
    ]
    for call in calls:
        with pytest.raises(CredentialError, match=reason) as caught:
            call()
        message = str(caught.value)
        assert caught.value.unavailable and "\n" not in message
        assert "then try again" in message and "README" in message
        assert "keyrings.alt" not in message  # keyring's own advice: plaintext files
    assert not (tmp_path / "plain.json").exists()


def test_a_keyring_that_refuses_a_write_leaves_the_old_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Secret Service that is there but will not unlock: one line naming the
    credential, the stored secret untouched."""
    url = "https://f.example/x"
    keyring.set_keyring(LockedKeyring({(credentials.SERVICE, f"feed-token:{url}"): "old"}))
    assert credentials.problem() is None
    with pytest.raises(CredentialError, match=f"cannot store the token for {url}: the keyring"):
        credentials.set_feed_token(url, "new")
    with pytest.raises(CredentialError, match=f"cannot remove the token for {url}"):
        credentials.delete_feed_token(url)
    assert credentials.get_feed_token(url) == "old"


def test_a_change_is_taken_back_when_its_database_write_fails() -> None:
    url = "https://f.example/x"
    credentials.set_feed_token(url, "old")
    with (
        pytest.raises(sqlite3.OperationalError),
        credentials.undone_on_error(credentials.set_feed_token(url, "new")),
    ):
        raise sqlite3.OperationalError("disk I/O error")
    assert credentials.get_feed_token(url) == "old"
    with (
        pytest.raises(sqlite3.OperationalError),
        credentials.undone_on_error(credentials.delete_feed_token(url)),
    ):
        raise sqlite3.OperationalError("disk I/O error")
    assert credentials.get_feed_token(url) == "old"
    with (
        pytest.raises(sqlite3.OperationalError),
        credentials.undone_on_error(signing_keys.stage().change),
    ):
        raise sqlite3.OperationalError("disk I/O error")
    assert signing_keys.current() is None


@pytest.mark.secret_service
def test_real_secret_service_stores_and_reads_a_secret(tmp_path: Path) -> None:
    """gnome-keyring in a private D-Bus session, started as README ("Credentials")
    tells a headless user: the same calls Doorstep makes on a Linux desktop, against a
    real Secret Service, and `feeds add --token-stdin` / `feeds remove` round trips."""
    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: scripts/system-deps.sh installs it")
    script = textwrap.dedent(
        """
        import keyring
        from keyring.backends import SecretService
        keyring.set_keyring(SecretService.Keyring())
        from db.keys import credentials
        credentials.set_upload_token("https://evidence.example.gov/u", "real-secret-42")
        print("read:", credentials.get_upload_token("https://evidence.example.gov/other"))
        from db.sharing import signing_keys
        key_id = signing_keys.stage().key_id
        print("key:", key_id, signing_keys.current()[1] == key_id)
        print("deleted:", credentials.delete_upload_token("https://evidence.example.gov/").existed)
        print("after:", credentials.get_upload_token("https://evidence.example.gov/"))
        # The command line, which finds the Secret Service by itself.
        import subprocess, sys
        feed = "https://feeds.example.gov/pd"
        cli = [sys.executable, "main.py", "--db", sys.argv[1], "feeds"]
        add = subprocess.run(
            cli + ["add", feed, "--token-stdin"],
            input="feed-secret-7\\n",
            capture_output=True,
            text=True,
        )
        print("add:", add.returncode, *filter(None, [add.stderr.strip()]))
        print("feed token:", credentials.get_feed_token(feed))
        rm = subprocess.run(cli + ["remove", feed], capture_output=True, text=True)
        print("remove:", rm.returncode, *filter(None, [rm.stderr.strip()]))
        print("feed token after:", credentials.get_feed_token(feed))
        """
    )
    (tmp_path / "check.py").write_text(script)
    home = tmp_path / "home"
    (home / ".local/share/keyrings").mkdir(parents=True)
    inner = (
        "printf 'test-password' | gnome-keyring-daemon --unlock --components=secrets "
        "--daemonize > /dev/null && "
        f"{sys.executable} {tmp_path / 'check.py'} {tmp_path / 'd.sqlite3'}"
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
    assert "add: 0" in lines and "feed token: feed-secret-7" in lines
    assert "remove: 0" in lines and "feed token after: None" in lines
    # The secret went to the keyring's own store, not to a file of Doorstep's.
    stored = list((home / ".local/share/keyrings").iterdir())
    assert stored and all(b"real-secret-42" not in p.read_bytes() for p in stored)


def test_export_without_a_keyring_is_one_line_and_leaves_nothing(resident, capsys) -> None:  # noqa: F811
    """A package is signed with the resident's key: without a keyring the export stops
    before anything is built, and no key is half made (none stored, no audit entry)."""
    from keyring.backends import fail

    from db.store.database import open_database
    from tests.requests_helpers import make_doc, write_doc
    from tests.test_sharing import approve_all, run

    doc = make_doc()
    db = resident["db"]
    run(capsys, "--db", db, "import-request", str(write_doc(resident["tmp"], doc)))
    approve_all(capsys, db, doc["id"], resident["clips"])
    out = resident["tmp"] / "out"
    out.mkdir()
    keyring.set_keyring(fail.Keyring())
    code, stdout, err = run(capsys, "--db", db, "export", doc["id"], "--out", str(out))
    assert code == 1 and stdout == ""
    [line] = err.splitlines()
    assert line.startswith("doorstep: cannot read or make your signing key: no keyring")
    assert "gnome-keyring or KWallet" in line
    assert list(out.iterdir()) == []
    opened = open_database(db)
    actions = {r[0] for r in opened.execute("SELECT action FROM audit_log")}
    opened.close()
    assert "credential changed" not in actions and "package built" not in actions


def test_a_keyring_failing_with_its_own_exceptions_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """secretstorage raises its own exceptions, which keyring passes on unchanged: each
    credential step still ends in one line naming it, and the feed is not added."""
    from desktop.cli import main
    from tests.keyrings import BrokenSecretService

    keyring.set_keyring(BrokenSecretService())
    db = str(tmp_path / "d.sqlite3")
    url = "https://f.example/feed"
    for message, secret in [
        (f"cannot read the token for {url}", None),
        (f"cannot store the token for {url}", "new"),
    ]:
        with pytest.raises(CredentialError) as caught:
            if secret is None:
                credentials.get_feed_token(url)
            else:
                credentials.set_feed_token(url, secret)
        assert str(caught.value).startswith(f"{message}: the keyring refused: ")
        assert "\n" not in str(caught.value)
    import io

    sys.stdin, stdin = io.StringIO("tok\n"), sys.stdin
    try:
        code = main(["--db", db, "feeds", "add", url, "--token-stdin"])
    finally:
        sys.stdin = stdin
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err == (
        f"doorstep: feed not added: cannot store the token for {url}: the keyring refused: "
        f"Item is locked! Unlock it first.; {credentials.next_step()}\n"
    )
    assert main(["--db", db, "feeds", "list", "--json"]) == 0
    assert capsys.readouterr().out == "[]\n"
