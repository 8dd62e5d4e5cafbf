"""Agency feeds end to end: the command line polls a real HTTPS server on 127.0.0.1
(certificates from a test CA), stores what it sends, and keeps originals when the
feed edits or drops a request. The feed's token comes from the keyring."""

from __future__ import annotations

import json
import os
import sqlite3
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
import trustme
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from db.clips.cameras import Camera, add_camera
from db.keys.credentials import SERVICE
from db.store.database import open_database
from desktop.cli import main
from tests.requests_helpers import PORCH, make_doc

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def https(ca: trustme.CA) -> Iterator[HTTPServer]:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(ctx)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=ctx)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def server(https: HTTPServer) -> Iterator[HTTPServer]:
    https.clear()
    yield https
    https.check_handler_errors()
    https.clear()


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> str:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


@pytest.fixture
def dbfile(tmp_path: Path) -> str:
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    db.close()
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def feed(*docs: dict) -> str:
    return json.dumps({"format": "doorstep.feed/1", "requests": list(docs)})


def table(path: str, sql: str) -> list[tuple]:
    db = open_database(path)
    rows = [tuple(r) for r in db.execute(sql).fetchall()]
    db.close()
    return rows


def test_poll_stores_then_uses_etag_and_token(
    server: HTTPServer, dbfile: str, ca_file: str, capsys, monkeypatch
) -> None:
    url = server.url_for("/feed")
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("s3cret-token\n"))
    code, out, _ = run(capsys, "--db", dbfile, "feeds", "add", url, "--token-stdin")
    assert code == 0 and "keyring" in out
    assert keyring.get_password(SERVICE, f"feed-token:{url}") == "s3cret-token"
    a, b = make_doc(), make_doc()
    seen: list[dict] = []

    def handler(request: Request) -> Response:
        seen.append(dict(request.headers))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(feed(a, b), content_type="application/json", headers={"ETag": '"v1"'})

    server.expect_request("/feed").respond_with_handler(handler)
    code, out, err = run(capsys, "--db", dbfile, "feeds", "poll", "--ca-file", ca_file)
    assert code == 0, err
    assert "2 new" in out
    code, out, err = run(capsys, "--db", dbfile, "feeds", "poll", "--ca-file", ca_file)
    assert code == 0 and "not modified" in out
    assert seen[0]["Authorization"] == "Bearer s3cret-token"
    assert seen[1]["If-None-Match"] == '"v1"'
    assert len(table(dbfile, "SELECT id FROM requests")) == 2
    # The token lives in the keyring only.
    raw = Path(dbfile).read_bytes() + Path(dbfile + "-wal").read_bytes()
    assert b"s3cret-token" not in raw


def test_edits_and_withdrawals_keep_originals(
    server: HTTPServer, dbfile: str, ca_file: str, capsys
) -> None:
    url = server.url_for("/feed")
    run(capsys, "--db", dbfile, "feeds", "add", url)
    a, b = make_doc(), make_doc()
    server.expect_oneshot_request("/feed").respond_with_data(
        feed(a, b), content_type="application/json"
    )
    assert run(capsys, "--db", dbfile, "feeds", "poll", "--ca-file", ca_file)[0] == 0
    edited = dict(
        a,
        window={"start": a["window"]["start"], "end": a["window"]["start"][:11] + "15:30:00+00:00"},
    )
    server.expect_oneshot_request("/feed").respond_with_data(
        feed(edited), content_type="application/json"
    )
    code, out, _ = run(capsys, "--db", dbfile, "feeds", "poll", "--ca-file", ca_file)
    assert code == 0 and "1 edited, 1 withdrawn" in out
    rows = table(dbfile, "SELECT request_id, version, state FROM requests ORDER BY id")
    assert rows == [(a["id"], 1, "edited"), (b["id"], 1, "withdrawn"), (a["id"], 2, "current")]
    shown = json.loads(run(capsys, "--db", dbfile, "requests", "show", a["id"], "--json")[1])
    assert [v["state"] for v in shown["versions"]] == ["edited", "current"]
    listed = {
        r["id"]: r["status"]
        for r in json.loads(run(capsys, "--db", dbfile, "requests", "list", "--json")[1])
    }
    assert listed == {a["id"]: "new", b["id"]: "withdrawn"}


@pytest.mark.parametrize(
    ("respond", "message"),
    [
        (lambda s: s.respond_with_data("<html>Login</html>", content_type="text/html"), "HTML"),
        (lambda s: s.respond_with_data("oops", status=500), "500"),
        (
            lambda s: s.respond_with_data(
                '{"format": "doorstep.feed/1", "requ', content_type="application/json"
            ),
            "cut off",
        ),
    ],
)
def test_a_bad_feed_changes_nothing_and_backs_off(
    server: HTTPServer, dbfile: str, ca_file: str, capsys, respond, message: str
) -> None:
    url = server.url_for("/feed")
    run(capsys, "--db", dbfile, "feeds", "add", url)
    respond(server.expect_request("/feed"))
    code, _out, err = run(capsys, "--db", dbfile, "feeds", "poll", "--ca-file", ca_file)
    assert code == 1 and message in err
    # One line, as every failure of the command line is said.
    [line] = err.splitlines()
    assert line.startswith(f"doorstep: {url}: ")
    assert table(dbfile, "SELECT count(*) FROM requests") == [(0,)]
    failures, next_poll, last_error = table(
        dbfile, "SELECT failures, next_poll_at, last_polled_at || ' ' || last_error FROM feeds"
    )[0]
    assert failures == 1 and next_poll and message in last_error


def test_one_bad_request_in_a_feed_does_not_hide_the_others(
    server: HTTPServer, dbfile: str, ca_file: str, capsys
) -> None:
    url = server.url_for("/feed")
    run(capsys, "--db", dbfile, "feeds", "add", url)
    good = make_doc()
    bad = make_doc(
        window={"start": "2026-11-20T16:00:00+00:00", "end": "2026-11-20T14:00:00+00:00"}
    )
    server.expect_request("/feed").respond_with_data(
        feed(good, bad), content_type="application/json"
    )
    code, out, _ = run(capsys, "--db", dbfile, "feeds", "poll", "--ca-file", ca_file, "--json")
    assert code == 0
    result = json.loads(out)[0]
    assert result["added"] == 1 and len(result["refused"]) == 1
    assert result["refused"][0]["id"] == bad["id"] and "window" in result["refused"][0]["reason"]
    assert table(dbfile, "SELECT request_id FROM requests") == [(good["id"],)]


def test_untrusted_certificate_is_refused(server: HTTPServer, dbfile: str, capsys) -> None:
    url = server.url_for("/feed")
    run(capsys, "--db", dbfile, "feeds", "add", url)
    server.expect_request("/feed").respond_with_data(
        feed(make_doc()), content_type="application/json"
    )
    # No --ca-file: the system's trust store does not know the test CA.
    code, _, err = run(capsys, "--db", dbfile, "feeds", "poll")
    assert code == 1 and "certificate" in err
    assert table(dbfile, "SELECT count(*) FROM requests") == [(0,)]
    assert len(server.log) == 0  # the request never reached the server


def test_only_https_feeds(dbfile: str, capsys) -> None:
    code, _, err = run(capsys, "--db", dbfile, "feeds", "add", "http://127.0.0.1/feed")
    assert code == 1 and "https" in err


# --- credentials without a keyring ------------------------------------------------------

FEED = "https://feeds.example.gov/pd"


def audit_actions(path: str) -> list[str]:
    return [r[0] for r in table(path, "SELECT action FROM audit_log ORDER BY seq")]


def add_with_token(capsys, dbfile: str, monkeypatch, token: str = "s3cret") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(token + "\n"))
    return run(capsys, "--db", dbfile, "feeds", "add", FEED, "--token-stdin")


def test_no_keyring_no_feed_one_line(dbfile: str, capsys, monkeypatch) -> None:
    """keyring's backend when no Secret Service runs: the feed is not added, one line
    says why and what to do."""
    from keyring.backends import fail

    before = audit_actions(dbfile)
    keyring.set_keyring(fail.Keyring())
    code, out, err = add_with_token(capsys, dbfile, monkeypatch)
    assert code == 1 and out == ""
    [line] = err.splitlines()
    assert line.startswith(f"doorstep: feed not added: cannot store the token for {FEED}")
    assert "no Secret Service is running" in line and "gnome-keyring or KWallet" in line
    assert table(dbfile, "SELECT count(*) FROM feeds") == [(0,)]
    assert audit_actions(dbfile) == before


def test_a_feed_is_stored_with_its_token_or_not_at_all(dbfile: str, capsys, monkeypatch) -> None:
    """Keyring first, then the database: when the database write fails the token is
    taken back out (or the previous one put back)."""
    db = open_database(dbfile)
    db.execute(
        "CREATE TEMP TRIGGER no_feeds BEFORE INSERT ON feeds "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    from db.keys import credentials
    from db.requests import feeds

    with pytest.raises(sqlite3.IntegrityError, match="disk full"):
        feeds.add_feed(db, FEED, token="new-token")
    assert keyring.get_password(SERVICE, f"feed-token:{FEED}") is None
    credentials.set_feed_token(FEED, "old-token")
    with pytest.raises(sqlite3.IntegrityError, match="disk full"):
        feeds.add_feed(db, FEED, token="new-token")
    assert keyring.get_password(SERVICE, f"feed-token:{FEED}") == "old-token"
    assert db.execute("SELECT count(*) FROM feeds").fetchone() == (0,)
    db.execute("DROP TRIGGER no_feeds")
    feed = feeds.add_feed(db, FEED, token="new-token")
    assert keyring.get_password(SERVICE, f"feed-token:{FEED}") == "new-token"
    # Removing: the token goes first and comes back when the feed cannot go.
    db.execute(
        "CREATE TEMP TRIGGER keep_feeds BEFORE DELETE ON feeds "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="disk full"):
        feeds.remove_feed(db, feed.id)
    assert keyring.get_password(SERVICE, f"feed-token:{FEED}") == "new-token"
    assert [f.url for f in feeds.list_feeds(db)] == [FEED]
    db.close()


def test_remove_and_token_commands_need_the_keyring(dbfile: str, capsys, monkeypatch) -> None:
    """A keyring that refuses (locked) or is missing stops `feeds remove` and `feeds
    token` with one line and nothing changed; with one that works they change both
    the keyring and the audit trail."""
    from keyring.backends import fail

    from tests.keyrings import LockedKeyring

    assert add_with_token(capsys, dbfile, monkeypatch, "tok-1")[0] == 0
    stored = {(SERVICE, f"feed-token:{FEED}"): "tok-1"}
    working = keyring.get_keyring()
    before = audit_actions(dbfile)
    for backend in (LockedKeyring(stored), fail.Keyring()):
        keyring.set_keyring(backend)
        code, _, err = run(capsys, "--db", dbfile, "feeds", "remove", FEED)
        assert code == 1 and len(err.splitlines()) == 1
        assert err.startswith(f"doorstep: feed not removed: cannot remove the token for {FEED}")
        monkeypatch.setattr("sys.stdin", __import__("io").StringIO("tok-2\n"))
        code, _, err = run(capsys, "--db", dbfile, "feeds", "token", "1", "--token-stdin")
        assert code == 1 and len(err.splitlines()) == 1 and "token not changed" in err
        assert table(dbfile, "SELECT url FROM feeds") == [(FEED,)]
        assert audit_actions(dbfile) == before
    keyring.set_keyring(working)
    assert keyring.get_password(SERVICE, f"feed-token:{FEED}") == "tok-1"
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("tok-2\n"))
    assert run(capsys, "--db", dbfile, "feeds", "token", "1", "--token-stdin")[0] == 0
    assert keyring.get_password(SERVICE, f"feed-token:{FEED}") == "tok-2"
    assert run(capsys, "--db", dbfile, "feeds", "token", FEED, "--remove")[0] == 0
    assert keyring.get_password(SERVICE, f"feed-token:{FEED}") is None
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("tok-3\n"))
    assert run(capsys, "--db", dbfile, "feeds", "token", "1", "--token-stdin")[0] == 0
    code, out, _ = run(capsys, "--db", dbfile, "feeds", "remove", "1")
    assert code == 0 and "removed" in out
    assert keyring.get_password(SERVICE, f"feed-token:{FEED}") is None
    assert table(dbfile, "SELECT count(*) FROM feeds") == [(0,)]
    changes = [
        json.loads(d)["change"]
        for (d,) in table(
            dbfile, "SELECT details FROM audit_log WHERE action = 'credential changed'"
        )
    ]
    assert changes == ["set", "set", "removed", "set", "removed"]
    assert audit_actions(dbfile)[-2:] == ["feed removed", "credential changed"]


def _cli(tmp_path: Path, dbfile: str, *argv: str, stdin: str = "", **env: str) -> Any:
    """The real command line in a process of its own, without the tests' keyring."""
    base = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    base.update(HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT), **env)
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", dbfile, *argv],
        input=stdin,
        capture_output=True,
        text=True,
        env=base,
        cwd=tmp_path,
        timeout=60,
    )


def test_real_cli_without_a_dbus_session(tmp_path: Path, dbfile: str) -> None:
    """A fresh Linux box: no D-Bus session, so no Secret Service."""
    result = _cli(
        tmp_path,
        dbfile,
        "feeds",
        "add",
        FEED,
        "--token-stdin",
        stdin="s3cret\n",
        DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent",
    )
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("doorstep: feed not added: cannot store the token for")
    assert "no Secret Service is running" in line
    assert "start a Secret Service such as gnome-keyring or KWallet" in line
    listed = _cli(tmp_path, dbfile, "feeds", "list", "--json")
    assert listed.returncode == 0 and json.loads(listed.stdout) == []


def test_no_plaintext_fallback(tmp_path: Path, dbfile: str) -> None:
    """A keyring backend that keeps secrets in a readable file (keyrings.alt's kind) is
    refused, even when chosen by name: nothing is written to it."""
    plain = tmp_path / "plain.json"
    result = _cli(
        tmp_path,
        dbfile,
        "feeds",
        "add",
        FEED,
        "--token-stdin",
        stdin="s3cret\n",
        PYTHON_KEYRING_BACKEND="tests.keyrings.PlaintextKeyring",
        PLAINTEXT_KEYRING=str(plain),
    )
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert "PlaintextKeyring does not protect secrets, so Doorstep does not use it" in line
    assert not plain.exists()
    assert table(dbfile, "SELECT count(*) FROM feeds") == [(0,)]
