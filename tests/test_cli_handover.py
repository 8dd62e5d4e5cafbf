"""`handover` and `export --encrypt` from the command line (desktop/cli_handover.py):
a real request, real clips, a real package; the portal's files, the encrypted zip and
its password shown once, the record, and one-line refusals."""

from __future__ import annotations

import json
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
import pyzipper  # type: ignore[import-untyped]

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.demo.synth import make_clip
from db.sharing.package_format import verify_package
from db.store.database import open_database
from desktop.cli import main
from desktop.cli_handover import PASSWORD_LABEL
from tests.requests_helpers import PORCH, make_doc, window_base, write_doc


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def request_ready(tmp_path: Path, capsys) -> dict:
    """A request with one approved clip inside its window."""
    folder = tmp_path / "porch"
    folder.mkdir()
    make_clip(folder / "a.mp4", seconds=4, creation_time=window_base() + timedelta(minutes=5))
    path = str(tmp_path / "d.sqlite3")
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    assert import_folder(db, folder, cam).added == 1
    clip = db.execute("SELECT id FROM clips").fetchone()[0]
    db.close()
    doc = make_doc(retention_days=30)
    assert run(capsys, "--db", path, "import-request", str(write_doc(tmp_path, doc)))[0] == 0
    assert run(capsys, "--db", path, "decide", doc["id"], str(clip), "approve")[0] == 0
    return {"db": path, "id": doc["id"], "tmp": tmp_path}


def _export(capsys, r: dict, *extra: str) -> tuple[Path, str]:
    out = r["tmp"] / "out"
    out.mkdir(exist_ok=True)
    code, stdout, err = run(capsys, "--db", r["db"], "export", r["id"], "--out", str(out), *extra)
    assert code == 0, err
    package = next(p for p in out.iterdir() if not p.name.endswith("-encrypted.zip"))
    return package, stdout


def _password(stdout: str) -> str:
    lines = stdout.splitlines()
    return lines[lines.index(PASSWORD_LABEL) + 1].strip()


def _one_line_failure(code: int, stdout: str, err: str, text: str) -> None:
    assert code == 1 and stdout == ""
    assert err.count("\n") == 1 and err.startswith("doorstep: ") and text in err, err


def test_nothing_to_hand_over_before_export(request_ready, capsys) -> None:
    r = request_ready
    code, out, err = run(capsys, "--db", r["db"], "handover", "record", r["id"], "--method", "usb")
    _one_line_failure(code, out, err, "no package was built for request")
    code, out, err = run(capsys, "--db", r["db"], "handover", "record", "nope", "--method", "usb")
    assert code == 1 and "nope" in err


def test_export_encrypt_shows_the_password_once_and_audits_the_zip(request_ready, capsys) -> None:
    r = request_ready
    package, stdout = _export(capsys, r, "--encrypt")
    encrypted = package.parent / f"{package.name}-encrypted.zip"
    assert f"Encrypted zip written to {encrypted}" in stdout
    password = _password(stdout)
    assert stdout.count(password) == 1
    with pyzipper.AESZipFile(encrypted) as zf:
        zf.setpassword(password.encode())
        zf.extractall(r["tmp"] / "opened")
    assert verify_package(r["tmp"] / "opened" / package.name) == []
    with zipfile.ZipFile(encrypted) as zf, pytest.raises(RuntimeError, match="encrypted"):
        zf.read(f"{package.name}/manifest.json")
    db = open_database(r["db"])
    (details,) = db.execute(
        "SELECT details FROM audit_log WHERE action = 'encrypted zip made'"
    ).fetchone()
    db.close()
    assert json.loads(details)["path"] == str(encrypted)
    assert password not in Path(r["db"]).read_bytes().decode("latin-1")


def test_portal_files_then_the_record(request_ready, capsys) -> None:
    r = request_ready
    package, _ = _export(capsys, r)
    upload = r["tmp"] / "upload"
    code, out, err = run(
        capsys, "--db", r["db"], "handover", "portal", r["id"], "--out", str(upload)
    )
    assert code == 0, err
    assert f"  {package.name}.zip  " in out
    assert "through the link the agency sent you" in out
    assert [p.name for p in upload.iterdir()] == [f"{package.name}.zip"]
    code, out, err = run(capsys, "verify", str(upload / f"{package.name}.zip"))
    assert code == 0 and "verifies" in out, err

    code, out, err = run(
        capsys,
        "--db",
        r["db"],
        "handover",
        "record",
        r["id"],
        "--method",
        "portal",
        "--date",
        "2999-01-01",
    )
    _one_line_failure(code, out, err, "the hand-over date 2999-")
    code, out, err = run(
        capsys, "--db", r["db"], "handover", "record", r["id"], "--method", "portal",
        "--date", "2026-11-21T15:00:00Z", "--note", "Axon upload, reference 7731",
    )  # fmt: skip
    assert code == 0, err
    assert out.strip() == (
        f"Recorded: the package {package.name} uploaded through the agency's portal on "
        "21 November 2026 at 15:00 UTC."
    )
    code, out, err = run(capsys, "--db", r["db"], "handover", "show", r["id"], "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert (shown["method"], shown["handed_at"]) == ("portal", "2026-11-21T15:00:00.000Z")
    code, out, err = run(capsys, "--db", r["db"], "handover", "record", r["id"], "--method", "usb")
    _one_line_failure(code, out, err, "was recorded as uploaded through the agency's portal")
    code, out, _ = run(capsys, "--db", r["db"], "handover", "show", r["id"])
    assert "Uploaded through the agency's portal on 2026-11-21T15:00:00.000Z." in out


def test_encrypt_then_record_usb_keeps_the_zips_hash(request_ready, capsys) -> None:
    r = request_ready
    _export(capsys, r)
    drive = r["tmp"] / "drive"
    drive.mkdir()
    code, out, err = run(
        capsys, "--db", r["db"], "handover", "encrypt", r["id"], "--out", str(drive)
    )
    assert code == 0, err
    (encrypted,) = drive.iterdir()
    assert _password(out)
    code, out, err = run(
        capsys, "--db", r["db"], "handover", "record", r["id"], "--method", "in-person",
        "--recipient", "Det. A. Rivera", "--encrypted-zip", str(encrypted), "--date", "today",
    )  # fmt: skip
    assert code == 0, err
    assert "handed over in person to Det. A. Rivera on" in out
    import hashlib

    db = open_database(r["db"])
    row = db.execute("SELECT method, recipient, encrypted_sha256 FROM handovers").fetchone()
    db.close()
    assert row == (
        "in_person",
        "Det. A. Rivera",
        hashlib.sha256(encrypted.read_bytes()).hexdigest(),
    )
    code, out, err = run(
        capsys, "--db", r["db"], "handover", "encrypt", r["id"], "--out", str(drive)
    )
    _one_line_failure(code, out, err, "already exists; not replacing it")
