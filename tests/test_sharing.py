"""From approved clips to a delivered package, as the resident does it from the
command line: export checked with sha256sum and the signature, delivery to a real TLS
service on 127.0.0.1, decisions final afterwards, nothing sent for a blocked request,
and no secret anywhere but in the keyring."""

from __future__ import annotations

import base64
import json
import logging
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.demo.synth import make_clip
from db.keys import credentials, signing
from db.sharing import signing_keys
from db.store.database import open_database
from desktop.cli import main
from tests.delivery_service import Service
from tests.requests_helpers import PORCH, make_doc, window_base, write_doc


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def resident(tmp_path: Path, capsys) -> dict:
    """A camera with two clips inside yesterday's 14:00-16:00 UTC window, one with
    sound and identifying tags."""
    folder = tmp_path / "porch"
    folder.mkdir()
    start = window_base()
    make_clip(
        folder / "a.mp4",
        seconds=6,
        audio=True,
        creation_time=start + timedelta(minutes=5),
        metadata={"title": "Smith family porch", "make": "ACME", "serial": "SN-99812"},
    )
    make_clip(folder / "b.mkv", seconds=4, creation_time=start + timedelta(minutes=30))
    path = str(tmp_path / "d.sqlite3")
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    assert import_folder(db, folder, cam).added == 2
    clips = [r[0] for r in db.execute("SELECT id FROM clips ORDER BY id")]
    db.close()
    return {"db": path, "clips": clips, "tmp": tmp_path}


def approve_all(capsys, db: str, request_id: str, clips: list[int]) -> None:
    for clip in clips:
        code, _, err = run(capsys, "--db", db, "decide", request_id, str(clip), "approve")
        assert code == 0, err


def test_export_is_verifiable_with_sha256sum_and_the_public_key(resident, capsys) -> None:
    doc = make_doc()
    db = resident["db"]
    run(capsys, "--db", db, "import-request", str(write_doc(resident["tmp"], doc)))
    approve_all(capsys, db, doc["id"], resident["clips"])
    out = resident["tmp"] / "out"
    out.mkdir()
    code, stdout, err = run(capsys, "--db", db, "export", doc["id"], "--out", str(out))
    assert code == 0, err
    package = next(out.iterdir())
    assert stdout.strip() == f"Package written to {package}"
    check = subprocess.run(
        ["sha256sum", "-c", "manifest-sha256.txt"], cwd=package, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    manifest = (package / "manifest.json").read_bytes()
    signature = base64.b64decode((package / "manifest.json.sig").read_text())
    public = signing_keys.public_key_pem()
    assert public is not None
    assert signing.verify_bytes(manifest, signature, signing.load_public_key(public))
    data = json.loads(manifest)
    assert data["request"]["id"] == doc["id"]
    assert data["request"]["case_number"] == "2026-004512"
    assert len(data["files"]) == 2
    text = b"".join(p.read_bytes() for p in package.rglob("*") if p.is_file())
    for secret in (b"Smith family porch", b"SN-99812"):
        assert secret not in text
    db_ = open_database(db)
    assert db_.execute("SELECT files FROM packages").fetchall() == [(2,)]
    db_.close()


def test_nothing_is_built_for_a_blocked_or_undecided_request(resident, capsys) -> None:
    db = resident["db"]
    out = resident["tmp"] / "out"
    out.mkdir()
    blocked = make_doc(case_number=None)
    run(capsys, "--db", db, "import-request", str(write_doc(resident["tmp"], blocked)))
    code, _, err = run(capsys, "--db", db, "export", blocked["id"], "--out", str(out))
    assert code == 1 and "nothing can be shared" in err and "case number" in err
    undecided = make_doc()
    run(capsys, "--db", db, "import-request", str(write_doc(resident["tmp"], undecided)))
    code, _, err = run(capsys, "--db", db, "export", undecided["id"], "--out", str(out))
    assert code == 1 and "no clip of this request is approved" in err
    assert list(out.iterdir()) == []


def test_deliver_to_the_agency_then_decisions_are_final(
    resident,
    capsys,
    server,
    ca,
    tmp_path: Path,
) -> None:
    service = Service(server, token="upload-token-7f3a")
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    doc = make_doc(delivery={"method": "upload", "url": service.url})
    db = resident["db"]
    run(capsys, "--db", db, "import-request", str(write_doc(resident["tmp"], doc)))
    approve_all(capsys, db, doc["id"], resident["clips"])
    credentials.set_upload_token(service.url, "upload-token-7f3a")
    code, out, err = run(capsys, "--db", db, "deliver", doc["id"], "--ca-file", str(ca_file))
    assert code == 0, err
    assert "confirmed each one" in out
    [stored] = service.packages.values()
    # two excerpts and the exhibit summary (text and PDF)
    assert len(stored.files) == 4 and stored.completed == 1
    db_ = open_database(db)
    assert db_.execute("SELECT confirmed_files FROM deliveries").fetchall() == [(4,)]
    db_.close()
    code, _, err = run(
        capsys, "--db", db, "decide", doc["id"], str(resident["clips"][0]), "decline"
    )
    assert code == 1 and "final" in err


def test_no_secret_outside_the_keyring(
    resident,
    capsys,
    server,
    ca,
    tmp_path: Path,
    isolated: Path,
    caplog,
) -> None:
    """Feed token, upload token and signing key: none of them appears in the database,
    the settings, the logs, the output or the package."""
    caplog.set_level(logging.DEBUG)
    service = Service(server, token="upl-SECRET-93c1")
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    db = resident["db"]
    feed_url = server.url_for("/feed")
    server.expect_request("/feed").respond_with_data(
        json.dumps({"format": "doorstep.feed/1", "requests": []}),
        content_type="application/json",
    )
    import io
    import sys as _sys

    old_stdin = _sys.stdin
    _sys.stdin = io.StringIO("feed-SECRET-55aa\n")
    try:
        assert run(capsys, "--db", db, "feeds", "add", feed_url, "--token-stdin")[0] == 0
    finally:
        _sys.stdin = old_stdin
    outputs = [run(capsys, "--db", db, "feeds", "poll", "--ca-file", str(ca_file))]
    doc = make_doc(delivery={"method": "upload", "url": service.url})
    run(capsys, "--db", db, "import-request", str(write_doc(resident["tmp"], doc)))
    approve_all(capsys, db, doc["id"], resident["clips"])
    credentials.set_upload_token(service.url, "upl-SECRET-93c1")
    out_dir = tmp_path / "export"
    out_dir.mkdir()
    outputs.append(run(capsys, "--db", db, "export", doc["id"], "--out", str(out_dir), "--zip"))
    outputs.append(run(capsys, "--db", db, "deliver", doc["id"], "--ca-file", str(ca_file)))
    assert all(code == 0 for code, _, _ in outputs), outputs
    private = signing_keys.current()
    assert private is not None
    key_body = b"".join(private[0].split(b"\n")[1:-2])  # the PEM's base64 lines
    secrets = [b"feed-SECRET-55aa", b"upl-SECRET-93c1", key_body]
    places: list[tuple[str, bytes]] = []
    for folder in (tmp_path, isolated):
        for path in folder.rglob("*"):
            if path.is_file() and "porch" not in path.parts:
                places.append((str(path), path.read_bytes()))
    places.append(("log", caplog.text.encode()))
    places += [("output", (o + e).encode()) for _, o, e in outputs]
    for name, data in places:
        for secret in secrets:
            assert secret not in data, f"a secret leaked into {name}"
    # The service did receive the token, in the Authorization header only.
    assert service.authorization == {"Bearer upl-SECRET-93c1"}
