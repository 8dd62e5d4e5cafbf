"""`deliver` run again, from the command line (docs/delivery.md, "Running deliver
again"): a confirmed package is not sent a second time unless asked (--again), a
delivery that failed half way continues the same package on the service, a changed
decision makes a new package, an unwritable data folder ends in one line, and a
server that answers one byte at a time is given up at the deadline. A package's files
are its excerpts and the exhibit summary's text and PDF."""

from __future__ import annotations

import _thread
import json
import os
import shutil
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import trustme
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.demo.synth import make_clip
from db.keys import credentials
from db.sharing import signing_keys
from db.store.database import open_database
from desktop.cli import main
from tests.delivery_service import Service, json_response
from tests.requests_helpers import PORCH, make_doc, window_base, write_doc
from tests.trickle_server import TrickleServer

TOKEN = "upload-token-rerun-51c2"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class BusyService(Service):
    """The service, which answers "busy, come back in an hour" to every upload once
    ``busy_from`` files have been stored: the delivery stops half way. With
    ``interrupt``, the resident presses Ctrl-C instead while that upload waits for its
    answer (the client hangs up)."""

    def __init__(self, server: HTTPServer, token: str) -> None:
        super().__init__(server, token)
        self.busy_from: int | None = None
        self.interrupt = False
        self.released = threading.Event()
        self.manifests: list[bytes] = []  # every manifest posted, in order

    def create(self, request: Request) -> Response:
        self.manifests.append(request.get_data())
        return super().create(request)

    def put(self, request: Request) -> Response:
        stored = sum(len(p.files) for p in self.packages.values())
        if self.busy_from is not None and stored >= self.busy_from:
            self.calls.append((request.method, request.path))
            request.get_data()
            if self.interrupt:
                _thread.interrupt_main()  # Ctrl-C in the command line, waiting for this
                self.released.wait(10)
            answer = json_response({"error": "busy"}, 503)
            answer.headers["Retry-After"] = "3600"
            return answer
        return super().put(request)


@pytest.fixture
def resident(tmp_path: Path, capsys, server: HTTPServer, ca: trustme.CA) -> dict[str, Any]:
    """Two real clips in the window of a request that asks for an upload to the
    service, both approved, the upload token in the keyring."""
    folder = tmp_path / "porch"
    folder.mkdir()
    make_clip(folder / "a.mp4", seconds=3, creation_time=window_base() + timedelta(minutes=5))
    make_clip(folder / "b.mkv", seconds=3, creation_time=window_base() + timedelta(minutes=30))
    path = str(tmp_path / "d.sqlite3")
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    assert import_folder(db, folder, cam).added == 2
    clips = [r[0] for r in db.execute("SELECT id FROM clips ORDER BY id")]
    db.close()
    service = BusyService(server, TOKEN)
    credentials.set_upload_token(service.url, TOKEN)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    doc = make_doc(delivery={"method": "upload", "url": service.url})
    assert run(capsys, "--db", path, "import-request", str(write_doc(tmp_path, doc)))[0] == 0
    for clip in clips:
        assert run(capsys, "--db", path, "decide", doc["id"], str(clip), "approve")[0] == 0
    return {"db": path, "id": doc["id"], "clips": clips, "service": service, "ca": str(ca_file)}


def deliver(capsys, resident: dict[str, Any], *extra: str) -> tuple[int, str, str]:
    return run(
        capsys, "--db", resident["db"], "deliver", resident["id"], "--ca-file", resident["ca"],
        *extra,
    )  # fmt: skip


def rows(resident: dict[str, Any], sql: str) -> list[tuple[Any, ...]]:
    db = open_database(resident["db"])
    try:
        return [tuple(r) for r in db.execute(sql).fetchall()]
    finally:
        db.close()


def audit_actions(resident: dict[str, Any]) -> list[str]:
    return [a for (a,) in rows(resident, "SELECT action FROM audit_log ORDER BY seq")]


def test_a_confirmed_delivery_is_not_sent_again_unless_asked(resident, capsys) -> None:
    service: BusyService = resident["service"]
    code, out, err = deliver(capsys, resident)
    assert code == 0, err
    [first] = service.packages.values()
    calls, actions = list(service.calls), audit_actions(resident)
    packages = rows(resident, "SELECT id, manifest_sha256 FROM packages")

    code, out, err = deliver(capsys, resident)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "already delivered on " in err and "nothing was sent" in err
    assert "deliver --again" in err
    assert service.calls == calls  # not even the manifest went out
    assert audit_actions(resident) == actions
    assert rows(resident, "SELECT id, manifest_sha256 FROM packages") == packages

    # The agency lost it and asks for it again: the same package, said so, on the record.
    service.packages.clear()
    service.by_manifest.clear()
    code, out, err = deliver(capsys, resident, "--again")
    assert code == 0, err
    assert "Already delivered on " in out and "sending the same package again" in out
    assert "Delivered 4 file(s)" in out and "again" in out.splitlines()[-1]
    [second] = service.packages.values()
    assert second.manifest == first.manifest and second.files == first.files
    assert service.manifests == [first.manifest, first.manifest]
    assert rows(resident, "SELECT id, manifest_sha256 FROM packages") == packages
    assert rows(resident, "SELECT count(*) FROM deliveries") == [(1,)]
    assert audit_actions(resident) == [*actions, "package delivered again"]
    [(details,)] = rows(
        resident, "SELECT details FROM audit_log WHERE action = 'package delivered again'"
    )
    again = json.loads(details)
    assert again["manifest_sha256"] == packages[0][1]
    assert again["confirmed_files"] == 4 and again["bytes_sent"] > 0
    assert again["url"] == service.url


@pytest.mark.parametrize("how", ["service busy", "interrupted"])
def test_a_delivery_that_stopped_half_way_continues_the_same_package(
    resident,
    capsys,
    how: str,
) -> None:
    service: BusyService = resident["service"]
    service.busy_from = 1
    service.interrupt = how == "interrupted"
    try:
        code, out, err = deliver(capsys, resident)
    finally:
        service.released.set()
    assert code == 1 and err.count("\n") == 1
    if how == "interrupted":
        assert err == "doorstep: interrupted\n"
    else:
        assert "not delivered" in err and "retry after 3600 s" in err
    [partial] = service.packages.values()
    assert len(partial.files) == 1 and partial.completed == 0

    service.busy_from = None
    code, out, err = deliver(capsys, resident)
    assert code == 0, err
    assert "Continuing the delivery of the package built on" in out
    assert "Delivered 4 file(s)" in out
    # The same manifest both times: one package on the service, each file stored once.
    assert service.manifests == [partial.manifest, partial.manifest]
    [done] = service.packages.values()
    assert done is partial and len(done.files) == 4 and done.completed == 1
    assert len(set(service.puts)) == 4 and service.puts[0] not in service.puts[1:]
    assert rows(resident, "SELECT count(*) FROM packages") == [(1,)]
    assert rows(resident, "SELECT count(*) FROM deliveries") == [(1,)]
    assert audit_actions(resident).count("package built") == 1


def test_a_changed_decision_makes_a_new_package(resident, capsys) -> None:
    service: BusyService = resident["service"]
    service.busy_from = 1
    assert deliver(capsys, resident)[0] == 1
    [first] = service.packages.values()

    declined = resident["clips"][1]
    code, _, err = run(
        capsys, "--db", resident["db"], "decide", resident["id"], str(declined), "decline"
    )
    assert code == 0, err
    service.busy_from = None
    code, out, err = deliver(capsys, resident)
    assert code == 0, err
    assert "Continuing" not in out and "Delivered 3 file(s)" in out
    assert len(service.packages) == 2
    newer = service.packages["pkg-2"]
    assert newer.manifest != first.manifest and len(newer.files) == 3 and newer.completed == 1
    assert first.completed == 0  # the first, never completed, stays unfinished
    assert rows(resident, "SELECT count(*) FROM packages") == [(2,)]


def occupy_data_dir(isolated: Path, how: str) -> None:
    """Make the data folder unusable for building a package."""
    if how == "data folder is a file":
        shutil.rmtree(isolated, ignore_errors=True)  # the evidence store held the clips
        isolated.write_text("not a folder")
    elif how == "packages is a file":
        isolated.mkdir(parents=True, exist_ok=True)
        (isolated / "packages").write_text("not a folder")
    else:
        isolated.mkdir(parents=True, exist_ok=True)
        isolated.chmod(0o500)


@pytest.mark.parametrize(
    "how",
    [
        "data folder is a file",
        "packages is a file",
        pytest.param(
            "read-only",
            marks=pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere"),
        ),
    ],
)
def test_an_unusable_data_folder_is_one_line_and_nothing_is_kept(
    resident,
    capsys,
    isolated: Path,
    how: str,
) -> None:
    service: BusyService = resident["service"]
    actions = audit_actions(resident)
    occupy_data_dir(isolated, how)
    try:
        code, out, err = deliver(capsys, resident)
    finally:
        if isolated.is_dir():
            isolated.chmod(0o700)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("doorstep: ") and "packages" in err and "nothing was sent" in err
    assert service.calls == []
    assert rows(resident, "SELECT count(*) FROM packages") == [(0,)]
    assert audit_actions(resident) == actions
    assert signing_keys.current() is None
    if isolated.is_dir():
        held = isolated / "evidence"  # the clips held when the request came
        leftovers = [
            p for p in isolated.rglob("*") if p.name != "packages" and not p.is_relative_to(held)
        ]
        assert leftovers == []


def test_an_unusable_data_folder_with_the_database_in_it_is_one_line(
    capsys,
    isolated: Path,
) -> None:
    """The default database lives in the data folder too: still one line."""
    isolated.parent.mkdir(parents=True, exist_ok=True)
    isolated.write_text("not a folder")
    code, out, err = run(capsys, "deliver", "any-request")
    assert code == 1 and out == ""
    assert err == (
        f"doorstep: cannot keep delivery packages: cannot make the data folder {isolated}: "
        f"{isolated} is a file, not a folder; nothing was sent\n"
    )


def test_a_server_answering_byte_by_byte_is_given_up_at_the_deadline(
    resident,
    capsys,
    ca: trustme.CA,
    tmp_path: Path,
) -> None:
    srv = TrickleServer(ca)
    try:
        doc = make_doc(delivery={"method": "upload", "url": srv.url})
        db = resident["db"]
        assert run(capsys, "--db", db, "import-request", str(write_doc(tmp_path, doc)))[0] == 0
        for clip in resident["clips"]:
            assert run(capsys, "--db", db, "decide", doc["id"], str(clip), "approve")[0] == 0
        code, out, err = run(
            capsys, "--db", resident["db"], "deliver", doc["id"], "--ca-file", resident["ca"],
            "--timeout", "1",
        )  # fmt: skip
    finally:
        srv.close()
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert "sending the manifest: the delivery took longer than 1 s in total" in err
    assert rows(resident, "SELECT count(*) FROM deliveries") == [(0,)]
