"""Agency feeds end to end: the command line polls a real HTTPS server on 127.0.0.1
(certificates from a test CA), stores what it sends, and keeps originals when the
feed edits or drops a request. The feed's token comes from the keyring."""

from __future__ import annotations

import json
import ssl
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
import trustme
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from db.cameras import Camera, add_camera
from db.credentials import SERVICE
from db.database import open_database
from desktop.cli import main
from tests.requests_helpers import PORCH, make_doc


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
) -> None:  # noqa: ANN001
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
) -> None:  # noqa: ANN001
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
) -> None:  # noqa: ANN001
    url = server.url_for("/feed")
    run(capsys, "--db", dbfile, "feeds", "add", url)
    respond(server.expect_request("/feed"))
    code, out, err = run(capsys, "--db", dbfile, "feeds", "poll", "--ca-file", ca_file)
    assert code == 1 and message in err and url in err
    assert table(dbfile, "SELECT count(*) FROM requests") == [(0,)]
    failures, next_poll, last_error = table(
        dbfile, "SELECT failures, next_poll_at, last_polled_at || ' ' || last_error FROM feeds"
    )[0]
    assert failures == 1 and next_poll and message in last_error


def test_one_bad_request_in_a_feed_does_not_hide_the_others(
    server: HTTPServer, dbfile: str, ca_file: str, capsys
) -> None:  # noqa: ANN001
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


def test_untrusted_certificate_is_refused(server: HTTPServer, dbfile: str, capsys) -> None:  # noqa: ANN001
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


def test_only_https_feeds(dbfile: str, capsys) -> None:  # noqa: ANN001
    code, _, err = run(capsys, "--db", dbfile, "feeds", "add", "http://127.0.0.1/feed")
    assert code == 1 and "https" in err
