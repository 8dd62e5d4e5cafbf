"""Hostile requests: a feed (or a file) that tries to replace another agency's request,
an unsigned edit of a signed request, an area straddling longitude 180; and what
import-request says about the rules. Feeds come from a real HTTPS server on 127.0.0.1;
the command line and the app's checker process are both exercised."""

from __future__ import annotations

import json
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import trustme
from pytest_httpserver import HTTPServer

from db.audit import trail as audit
from db.clips.cameras import Camera, add_camera
from db.keys.signing import generate_keypair, sign_document
from db.requests.feed_check import check_feed, read_context, store_checked
from db.store.database import open_database
from desktop.cli import main
from tests.requests_helpers import PORCH, make_doc, write_doc


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


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def table(path: str, sql: str) -> list[tuple]:
    db = open_database(path)
    rows = [tuple(r) for r in db.execute(sql).fetchall()]
    db.close()
    return rows


def feed(*docs: dict) -> str:
    return json.dumps({"format": "doorstep.feed/1", "requests": list(docs)})


class Agency:
    def __init__(self, agency_id: str, name: str) -> None:
        self.id = agency_id
        self.name = name
        self.key_id = f"{agency_id}-2026"
        self.private, self.public = generate_keypair()

    def doc(self, **overrides: Any) -> dict:
        return make_doc(agency={"id": self.id, "name": self.name}, **overrides)

    def sign(self, doc: dict) -> dict:
        return sign_document(doc, self.private, self.key_id)


@pytest.fixture
def agencies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, Agency, Agency]:
    """A database with two agencies whose public keys are registered."""
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    db.close()
    a, b = Agency("pd-a", "Police A"), Agency("pd-b", "Police B")
    for agency in (a, b):
        pub = tmp_path / f"{agency.id}.pub"
        pub.write_bytes(agency.public)
        code, _, err = run(
            capsys,
            "--db",
            str(path),
            "agency",
            "add",
            agency.id,
            "--name",
            agency.name,
            "--public-key",
            str(pub),
            "--key-id",
            agency.key_id,
        )
        assert code == 0, err
    return str(path), a, b


def add_feed(capsys: pytest.CaptureFixture[str], dbfile: str, url: str, agency: Agency) -> None:
    code, _, err = run(capsys, "--db", dbfile, "feeds", "add", url, "--agency", agency.id)
    assert code == 0, err


def poll(capsys: pytest.CaptureFixture[str], dbfile: str, ca_file: str) -> list[dict]:
    code, out, err = run(capsys, "--db", dbfile, "feeds", "poll", "--ca-file", ca_file, "--json")
    assert code == 0, err
    return json.loads(out)


def versions(dbfile: str, request_id: str) -> list[tuple]:
    return table(
        dbfile,
        "SELECT version, state, agency_id, sha256, signature_outcome, description FROM requests "
        f"WHERE request_id = '{request_id}' ORDER BY version",
    )


# --- a request id belongs to the agency that first sent it ---------------------------


def test_a_feed_cannot_replace_another_agencys_request(
    server: HTTPServer, agencies: tuple[str, Agency, Agency], ca_file: str, capsys
) -> None:
    dbfile, a, b = agencies
    url_a, url_b = server.url_for("/a"), server.url_for("/b")
    add_feed(capsys, dbfile, url_b, b)
    original = b.sign(b.doc())
    server.expect_request("/b").respond_with_data(feed(original), content_type="application/json")
    [result] = poll(capsys, dbfile, ca_file)
    assert result["added"] == 1
    add_feed(capsys, dbfile, url_a, a)
    before = versions(dbfile, original["id"])
    assert [(v[1], v[2], v[4]) for v in before] == [("current", "pd-b", "verified")]
    entries_before = table(dbfile, "SELECT count(*) FROM audit_log")

    # Feed A lists B's id: once signed by A (as A), once as an unsigned copy claiming B.
    hijack = a.sign(a.doc(id=original["id"], description="Send everything to us."))
    copy = dict(original, description="Send everything to us.")
    copy.pop("signature")
    for attempt in (hijack, copy):
        server.expect_oneshot_request("/a").respond_with_data(
            feed(attempt), content_type="application/json"
        )
        [result] = [r for r in poll(capsys, dbfile, ca_file) if r["feed"] == url_a]
        assert result["added"] == result["edited"] == 0
        [refused] = result["refused"]
        assert refused["index"] == 0 and refused["id"] == original["id"]
        expected = "belongs to agency pd-b" if attempt is hijack else "is not signed"
        assert expected in refused["reason"]
        assert versions(dbfile, original["id"]) == before  # kept nowhere, B's unchanged
    # Nothing recorded for the refused versions (the two polls' own entries only).
    assert table(dbfile, "SELECT count(*) FROM audit_log") == entries_before
    # The one-line form names the refusal too.
    server.expect_oneshot_request("/a").respond_with_data(
        feed(hijack), content_type="application/json"
    )
    code, out, _ = run(capsys, "--db", dbfile, "feeds", "poll", "--ca-file", ca_file)
    assert code == 0
    assert f"refused item 0 ({original['id']}): agency.id: request {original['id']}" in out
    assert versions(dbfile, original["id"]) == before


def test_an_unsigned_edit_of_a_signed_request_is_refused_a_signed_one_stored(
    server: HTTPServer, agencies: tuple[str, Agency, Agency], ca_file: str, capsys
) -> None:
    dbfile, _a, b = agencies
    url = server.url_for("/b")
    add_feed(capsys, dbfile, url, b)
    v1 = b.sign(b.doc())
    unsigned = {k: v for k, v in v1.items() if k != "signature"}
    unsigned["description"] = "Changed without a signature."
    v2 = b.sign(dict(unsigned, description="Also the side gate."))
    server.expect_oneshot_request("/b").respond_with_data(feed(v1), content_type="application/json")
    assert poll(capsys, dbfile, ca_file)[0]["added"] == 1
    server.expect_oneshot_request("/b").respond_with_data(
        feed(unsigned), content_type="application/json"
    )
    [result] = poll(capsys, dbfile, ca_file)
    assert result["edited"] == 0 and result["withdrawn"] == 0
    assert "is not signed, but the version stored is verified" in result["refused"][0]["reason"]
    assert [(v[0], v[1], v[5]) for v in versions(dbfile, v1["id"])] == [
        (1, "current", v1["description"])
    ]
    # The agency's own signed update still goes through, both versions kept.
    server.expect_oneshot_request("/b").respond_with_data(feed(v2), content_type="application/json")
    [result] = poll(capsys, dbfile, ca_file)
    assert result["edited"] == 1 and not result["refused"]
    assert [(v[0], v[1], v[4]) for v in versions(dbfile, v1["id"])] == [
        (1, "edited", "verified"),
        (2, "current", "verified"),
    ]


def test_the_apps_checker_refuses_another_agencys_version(
    agencies: tuple[str, Agency, Agency],
) -> None:
    dbfile, a, b = agencies
    db = open_database(dbfile)
    feed_a = db.execute(
        "INSERT INTO feeds (url, agency_id, created_at) VALUES ('https://a.test/f', 'pd-a', 'x')"
    ).lastrowid
    feed_b = db.execute(
        "INSERT INTO feeds (url, agency_id, created_at) VALUES ('https://b.test/f', 'pd-b', 'x')"
    ).lastrowid
    db.conn.commit()
    assert feed_a is not None and feed_b is not None
    now = datetime.now(UTC)
    original = b.sign(b.doc())

    def check_and_store(feed_id: int, *docs: dict):
        context = read_context(db)
        messages = list(
            check_feed(
                json.dumps({"format": "doorstep.feed/1", "requests": list(docs)}).encode(),
                context,
                now,
            )
        )
        refused = []
        for part in messages[1:-1]:
            assert isinstance(part, list)
            refused += store_checked(db, feed_id, part, context, now=now).refused
        return refused

    assert check_and_store(feed_b, original) == []
    rows = db.execute("SELECT * FROM requests").fetchall()
    hijack = a.sign(a.doc(id=original["id"]))
    stranger = dict(original, agency={"id": "pd-evil", "name": "Evil"})
    stranger.pop("signature")
    refused = check_and_store(feed_a, make_doc(), hijack)
    assert [(i, rid) for i, rid, _ in refused] == [(1, original["id"])]
    assert "belongs to agency pd-b" in str(refused[0][2])
    refused = check_and_store(feed_a, stranger)
    assert [(i, rid) for i, rid, _ in refused] == [(0, original["id"])]
    assert (
        db.execute("SELECT * FROM requests WHERE request_id = ?", [original["id"]]).fetchall()
        == rows
    )
    # The agency a refused version names is not recorded either.
    agencies_now = [r[0] for r in db.execute("SELECT id FROM agencies ORDER BY id")]
    assert agencies_now == ["ex-pd", "pd-a", "pd-b"]  # ex-pd sent the new request
    assert audit.verify(db).ok
    db.close()


def test_a_file_cannot_replace_another_agencys_request(
    tmp_path: Path, agencies: tuple[str, Agency, Agency], capsys
) -> None:
    dbfile, a, b = agencies
    original = b.sign(b.doc())
    assert run(capsys, "--db", dbfile, "import-request", str(write_doc(tmp_path, original)))[0] == 0
    before = versions(dbfile, original["id"])
    hijack = a.sign(a.doc(id=original["id"]))
    path = write_doc(tmp_path, hijack, "hijack.json")
    code, out, err = run(capsys, "--db", dbfile, "import-request", str(path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "belongs to agency pd-b, which sent it first" in err
    assert versions(dbfile, original["id"]) == before


# --- areas across longitude 180 ------------------------------------------------------

ACROSS = {
    "type": "Polygon",
    "coordinates": [
        [[179.995, 10.0], [-179.995, 10.0], [-179.995, 10.01], [179.995, 10.01], [179.995, 10.0]]
    ],
}
BESIDE = {
    "type": "Polygon",
    "coordinates": [
        [[179.98, 10.0], [179.999, 10.0], [179.999, 10.01], [179.98, 10.01], [179.98, 10.0]]
    ],
}


@pytest.fixture
def far_cameras(tmp_path: Path) -> str:
    path = tmp_path / "far.sqlite3"
    db = open_database(path)
    add_camera(db, Camera("Greenwich", 10.005, 0.0))
    add_camera(db, Camera("Dateline", 10.005, 179.99))
    db.close()
    return str(path)


@pytest.mark.parametrize(
    "area",
    [ACROSS, {"type": "Point", "coordinates": [179.999, 10.005], "radius_m": 400}],
    ids=["polygon", "circle"],
)
def test_an_area_across_longitude_180_is_refused(
    tmp_path: Path, far_cameras: str, capsys, area: dict
) -> None:
    doc = make_doc(area=area)
    code, out, err = run(
        capsys, "--db", far_cameras, "import-request", str(write_doc(tmp_path, doc))
    )
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "area: crosses longitude 180° (the antimeridian)" in err
    assert table(far_cameras, "SELECT count(*) FROM requests") == [(0,)]


def test_an_area_across_longitude_180_in_a_feed_is_refused_alone(
    server: HTTPServer, far_cameras: str, ca_file: str, capsys
) -> None:
    url = server.url_for("/f")
    assert run(capsys, "--db", far_cameras, "feeds", "add", url)[0] == 0
    across, beside = make_doc(area=ACROSS), make_doc(area=BESIDE)
    server.expect_request("/f").respond_with_data(
        feed(across, beside), content_type="application/json"
    )
    [result] = poll(capsys, far_cameras, ca_file)
    assert result["added"] == 1
    assert [(r["id"], "antimeridian" in r["reason"]) for r in result["refused"]] == [
        (across["id"], True)
    ]
    # The area just west of the line matches the camera there, not the one at lon 0.
    assert table(far_cameras, "SELECT request_id, cameras_in_area FROM requests") == [
        (beside["id"], 1)
    ]


def test_the_area_rule_blocks_an_area_across_longitude_180() -> None:
    from db.requests.request_doc import parse_request
    from db.requests.request_types import RuleSettings, SignatureCheck
    from db.requests.rules import evaluate

    doc = make_doc(area=BESIDE)
    doc["area"]["coordinates"][0][1][0] = -179.999  # as an old version stored it
    doc["area"]["coordinates"][0][2][0] = -179.999
    parsed = parse_request(json.dumps(doc).encode())
    results = evaluate(parsed, RuleSettings(), datetime.now(UTC), SignatureCheck("unsigned", ""))
    area = {r.rule: r for r in results}["area"]
    assert area.outcome == "block" and "longitude 180" in area.reason


# --- what import-request says ---------------------------------------------------------


def test_import_request_names_the_rules_that_block_and_warn(
    tmp_path: Path, agencies: tuple[str, Agency, Agency], capsys
) -> None:
    dbfile, _a, b = agencies
    doc = b.doc(
        case_number=None, area={"type": "Point", "coordinates": list(PORCH), "radius_m": 2000}
    )
    doc["signature"] = {"alg": "Ed25519", "key_id": "pd-b-old", "value": "A" * 86 + "=="}
    code, out, err = run(capsys, "--db", dbfile, "import-request", str(write_doc(tmp_path, doc)))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1].startswith("Rules: 2 blocks, 1 warning.")
    named = {line.split()[1].rstrip(":"): line.split()[0] for line in lines[2:]}
    assert named == {"case_number": "BLOCK", "area": "BLOCK", "signature": "WARN"}
    [signature] = [line for line in lines if "signature:" in line]
    # The reason says once that the key is not accepted, and names it.
    assert signature.count("signed with") == 1 and signature.count("pd-b-old") == 1
    assert signature.count("Police B") == 1
    assert "not a key of Police B" in signature and "could be a fake request" in signature


def test_a_bad_signature_is_explained_once(
    tmp_path: Path, agencies: tuple[str, Agency, Agency], capsys
) -> None:
    dbfile, _a, b = agencies
    doc = b.sign(b.doc())
    doc["description"] = "Changed after signing."
    code, out, _ = run(capsys, "--db", dbfile, "import-request", str(write_doc(tmp_path, doc)))
    assert code == 0
    [signature] = [line for line in out.splitlines() if "signature:" in line]
    assert signature.strip().startswith("BLOCK")
    assert signature.count("does not match") == 1 and signature.count("signature") == 2
