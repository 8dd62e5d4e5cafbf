"""The resident's statement and content credentials asked for on the command line:
`export`/`deliver` --statement, --statement-file, --content-credentials; bad input
ends in one line naming the option, and nothing is built."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.demo.synth import make_clip
from db.sharing.content_credentials import UNTRUSTED, read_credentials
from db.sharing.statement import MAX_STATEMENT_CHARS
from db.store.database import open_database
from desktop.cli import main
from tests.requests_helpers import PORCH, make_doc, window_base, write_doc
from tests.test_delivery_rerun import BusyService, deliver, resident

__all__ = ["resident"]  # a fixture, used by name


@pytest.fixture
def approved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """One clip with sound in a request's window, approved."""
    folder = tmp_path / "porch"
    folder.mkdir()
    make_clip(
        folder / "a.mp4", seconds=3, audio=True, creation_time=window_base() + timedelta(minutes=5)
    )
    path = str(tmp_path / "d.sqlite3")
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0], tz="America/Chicago"))
    assert import_folder(db, folder, cam).added == 1
    [(clip,)] = db.execute("SELECT id FROM clips").fetchall()
    db.close()
    doc = make_doc()
    assert main(["--db", path, "import-request", str(write_doc(tmp_path, doc))]) == 0
    assert main(["--db", path, "decide", doc["id"], str(clip), "approve"]) == 0
    out = tmp_path / "out"
    out.mkdir()
    capsys.readouterr()
    return {"db": path, "id": doc["id"], "out": out, "tmp": tmp_path}


def export(r: dict[str, Any], capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    code = main(
        ["--db", r["db"], "export", r["id"], "--out", str(r["out"]), "--redact", "none", *options]
    )
    return code, capsys.readouterr().err


def test_export_with_a_statement_file_and_content_credentials(
    approved: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    statement = approved["tmp"] / "statement.txt"
    statement.write_bytes("I saw him take the parcel.\r\nZoë saw it too.  \r\n\r\n".encode())
    code, err = export(
        approved, capsys, "--statement-file", str(statement), "--content-credentials"
    )
    assert code == 0, err
    [package] = list(approved["out"].iterdir())
    manifest = json.loads((package / "manifest.json").read_bytes())
    assert manifest["statement"] == "I saw him take the parcel.\nZoë saw it too."
    [entry] = manifest["files"]
    assert entry["camera_time_zone"] == "America/Chicago"
    assert entry["time_source"]["start_source"] == "container"
    found = read_credentials(package / entry["name"])
    assert (found["state"], found["failures"]) == ("Valid", [UNTRUSTED])
    assert "c2pa.deleted" in [a["action"] for a in found["actions"]]  # the sound removed


def test_export_without_them_holds_neither(
    approved: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert export(approved, capsys)[0] == 0
    [package] = list(approved["out"].iterdir())
    manifest = json.loads((package / "manifest.json").read_bytes())
    assert manifest["statement"] is None
    assert "content_credentials" not in manifest["files"][0]


LONG = MAX_STATEMENT_CHARS + 1
MESSAGES = {
    "missing": "--statement-file: {tmp}/missing.txt: no such file or folder",
    "latin1": "--statement-file: {tmp}/latin1.txt is not UTF-8 text",
    "control": "--statement: the statement holds a control character (U+001B) on line 2",
    "long": f"--statement: the statement is {LONG} characters; at most {LONG - 1} fit",
}


@pytest.mark.parametrize(("how", "message"), MESSAGES.items())
def test_a_bad_statement_is_named_in_one_line_and_nothing_is_built(
    approved: dict[str, Any], capsys: pytest.CaptureFixture[str], how: str, message: str
) -> None:
    tmp = approved["tmp"]
    (tmp / "latin1.txt").write_bytes("Zoë".encode("latin-1"))
    options = {
        "missing": ["--statement-file", str(tmp / "missing.txt")],
        "latin1": ["--statement-file", str(tmp / "latin1.txt")],
        "control": ["--statement", "first line\nsecond \x1b[31mred"],
        "long": ["--statement", "x" * (MAX_STATEMENT_CHARS + 1)],
    }[how]
    code, err = export(approved, capsys, *options)
    assert (code, err) == (1, "doorstep: " + message.format(tmp=tmp) + "\n")
    assert list(approved["out"].iterdir()) == []


def test_statement_and_statement_file_together_are_refused(
    approved: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        export(approved, capsys, "--statement", "a", "--statement-file", "b")
    assert stop.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_deliver_sends_the_statement_signed_in_the_manifest(resident, capsys) -> None:
    service: BusyService = resident["service"]
    code, _, err = deliver(capsys, resident, "--statement", "Seen from my porch.")
    assert code == 0, err
    [manifest] = service.manifests
    assert json.loads(manifest)["statement"] == "Seen from my porch."


def test_deliver_continuing_a_package_says_it_goes_as_built(resident, capsys) -> None:
    service: BusyService = resident["service"]
    service.busy_from = 1
    assert deliver(capsys, resident)[0] == 1
    service.busy_from = None
    code, _, err = deliver(capsys, resident, "--statement", "Late words.")
    assert code == 0, err
    assert err == (
        "note: the package built before is sent as it is, without the statement "
        "or content credentials asked for now\n"
    )
    assert json.loads(service.manifests[-1])["statement"] is None
