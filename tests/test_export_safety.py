"""`export` as a resident runs it, against what goes wrong on a real computer: a
relative --out, exports killed half way, hostile request ids, folders that cannot be
written, and the manifest's audit head as docs/packages.md gives it."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.demo.synth import make_clip
from db.sharing.package_format import verify_package
from db.sharing.package_names import MAX_SLUG_CHARS, package_name, package_path
from db.sharing.package_partials import PARTIAL_PREFIX, STALE_S, partial_prefix
from db.store.database import open_database
from desktop.cli import main
from tests.requests_helpers import PORCH, make_doc, window_base, write_doc

ROOT = Path(__file__).resolve().parent.parent
NAME = re.compile(r"doorstep-[A-Za-z0-9._-]{1,40}-[0-9a-f]{8}-[0-9]{8}T[0-9]{6}Z")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def resident(tmp_path: Path) -> dict:
    """One camera with one short clip inside yesterday's 14:00-16:00 UTC window."""
    folder = tmp_path / "porch"
    make_clip(folder / "a.mp4", seconds=3, creation_time=window_base() + timedelta(minutes=5))
    path = str(tmp_path / "d.sqlite3")
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    assert import_folder(db, folder, cam).added == 1
    db.close()
    (tmp_path / "docs").mkdir()
    return {"db": path, "tmp": tmp_path}


def approved_request(resident: dict, capsys, **doc_fields: object) -> str:
    """A request covering the clip, imported, with the clip approved; its id."""
    doc = make_doc(**doc_fields)
    db = resident["db"]
    docs = resident["tmp"] / "docs"
    docs.mkdir(exist_ok=True)
    path = write_doc(docs, doc, name=f"request-{len(list(docs.iterdir()))}.json")
    code, _, err = run(capsys, "--db", db, "import-request", str(path))
    assert code == 0, err
    conn = open_database(db)
    [(clip,)] = conn.execute("SELECT id FROM clips").fetchall()
    conn.close()
    code, _, err = run(capsys, "--db", db, "decide", doc["id"], str(clip), "approve")
    assert code == 0, err
    return str(doc["id"])


def export(capsys, resident: dict, request_id: str, out: Path) -> tuple[int, str, str]:
    return run(capsys, "--db", resident["db"], "export", request_id, "--out", str(out))


def stored_paths(db: str) -> list[str]:
    conn = open_database(db)
    rows = [r[0] for r in conn.execute("SELECT path FROM packages ORDER BY id")]
    conn.close()
    return rows


# -- packages.path -----------------------------------------------------------------------
def test_a_relative_out_is_stored_as_an_absolute_path(
    resident: dict,
    capsys,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    request_id = approved_request(resident, capsys)
    work = resident["tmp"] / "work"
    (work / "out").mkdir(parents=True)
    monkeypatch.chdir(work)
    code, out, err = run(capsys, "--db", resident["db"], "export", request_id, "--out", "out")
    assert code == 0, err
    elsewhere = resident["tmp"] / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the path must mean the same from any working folder
    [stored] = stored_paths(resident["db"])
    package = Path(stored)
    assert package.is_absolute()
    assert package.parent == (work / "out").resolve()
    assert package.is_dir() and verify_package(package) == []
    assert out.strip() == f"Package written to {package}"


# -- partial folders of killed exports ----------------------------------------------------
KILLABLE = """
import sys
sys.path.insert(0, {root!r})
import keyring
from keyring.backend import KeyringBackend

class Memory(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.secrets = {{}}

    def get_password(self, service, user):
        return self.secrets.get((service, user))

    def set_password(self, service, user, password):
        self.secrets[(service, user)] = password

    def delete_password(self, service, user):
        self.secrets.pop((service, user), None)

keyring.set_keyring(Memory())
from desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def partials(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(PARTIAL_PREFIX))


def cutting(out: Path) -> bool:
    """Whether an export is half way: writing an excerpt in its partial folder."""
    try:
        return any(f.stat().st_size for p in partials(out) for f in p.glob("data/excerpts/*"))
    except OSError:  # renamed or removed meanwhile
        return False


def test_an_export_killed_half_way_is_cleaned_up_by_the_next(
    tmp_path: Path,
    capsys,
) -> None:
    """A real `export` subprocess, SIGKILLed while it re-encodes an excerpt: its partial
    folder stays behind; the next export in that folder removes it."""
    folder = tmp_path / "porch"
    # MJPEG is re-encoded, which takes long enough to be caught half way.
    make_clip(
        folder / "long.mkv",
        seconds=30,
        codec="mjpeg",
        width=640,
        height=480,
        creation_time=window_base() + timedelta(minutes=5),
    )
    db = str(tmp_path / "d.sqlite3")
    conn = open_database(db)
    cam = add_camera(conn, Camera("Porch", PORCH[1], PORCH[0]))
    assert import_folder(conn, folder, cam).added == 1
    conn.close()
    request_id = approved_request({"db": db, "tmp": tmp_path}, capsys)
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            KILLABLE.format(root=str(ROOT)),
            "--db",
            db,
            "export",
            request_id,
            "--out",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    caught = False
    while time.monotonic() < deadline and proc.poll() is None:
        if cutting(out):
            os.kill(proc.pid, signal.SIGKILL)
            caught = True
            break
        time.sleep(0.01)
    proc.wait()
    stderr = proc.stderr.read() if proc.stderr else b""
    if proc.stderr:
        proc.stderr.close()
    assert caught, f"the export ended before it could be killed: {stderr!r}"
    [left] = partials(out)
    assert sum(f.stat().st_size for f in left.rglob("*") if f.is_file()) > 0
    code, _, err = run(capsys, "--db", db, "export", request_id, "--out", str(out))
    assert code == 0, err
    assert partials(out) == []
    [package] = out.iterdir()
    assert NAME.fullmatch(package.name) and verify_package(package) == []


def a_dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def leftover(folder: Path, prefix: str, *, age_s: float = 0.0) -> Path:
    """A partial as a build leaves it: a folder with an excerpt being written."""
    path = folder / (prefix + "k3x9q2w1")
    (path / "excerpts").mkdir(parents=True)
    (path / "excerpts" / ".cut-0.mp4").write_bytes(b"\0" * 100_000)
    if age_s:
        then = time.time() - age_s
        for p in (path / "excerpts" / ".cut-0.mp4", path / "excerpts", path):
            os.utime(p, (then, then))
    return path


def test_the_next_export_removes_only_what_no_live_process_writes(
    resident: dict,
    capsys,
) -> None:
    request_id = approved_request(resident, capsys)
    out = resident["tmp"] / "out"
    out.mkdir()
    writer = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    try:
        dead = leftover(out, partial_prefix(a_dead_pid()))
        dead_zip = out / (partial_prefix(a_dead_pid()) + "abcdefgh.zip")
        dead_zip.write_bytes(b"PK")
        live = leftover(out, partial_prefix(writer.pid))  # another export, still running
        ours = leftover(out, partial_prefix())  # this process's own (the window's build)
        # From another computer sharing the folder, or from an older version (no pid):
        # removed only when nothing in them changed for a day.
        other_host = leftover(out, f"{PARTIAL_PREFIX}00000000-{a_dead_pid()}-")
        old_form_fresh = leftover(out, PARTIAL_PREFIX + "fresh")
        old_form_stale = leftover(out, PARTIAL_PREFIX + "stale", age_s=STALE_S + 60)
        code, _, err = run(capsys, "--db", resident["db"], "export", request_id, "--out", str(out))
        assert code == 0, err
        assert partials(out) == sorted([live, ours, other_host, old_form_fresh])
        for gone in (dead, dead_zip, old_form_stale):
            assert not gone.exists()
        assert (live / "excerpts" / ".cut-0.mp4").stat().st_size == 100_000
    finally:
        assert writer.stdin is not None
        writer.stdin.close()
        writer.wait()


def test_the_window_removes_leftovers_in_the_data_folder_at_start(
    qtbot,
    isolated: Path,
    tmp_path: Path,
) -> None:
    from PySide6.QtCore import QSettings

    from desktop.main_window import MainWindow
    from desktop.services import build_services

    packages = isolated / "packages"  # where `deliver` builds
    packages.mkdir(parents=True)
    dead = leftover(packages, partial_prefix(a_dead_pid()))
    ours = leftover(packages, partial_prefix())
    services = build_services(tmp_path / "doorstep.sqlite3", "resident")
    window = MainWindow(services, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(services.sharing.leftovers_cleaned, timeout=10000) as blocker:
            window.show()
            window.start()
        assert blocker.args == [[dead]]
        assert not dead.exists() and ours.exists()
    finally:
        services.shutdown()


# -- hostile request ids -----------------------------------------------------------------
HOSTILE = [
    "a/../../b",
    "../x",
    "..",
    "/../../etc/evil",
    ".hidden",
    "a\\..\\..\\b",
    "x" * 200,
    "заявка №7/../..",
    "tab\there\x01\x1b[2J\x7f",
]


@pytest.mark.parametrize("request_id", HOSTILE)
def test_package_names_stay_inside_the_folder(request_id: str, tmp_path: Path) -> None:
    for as_zip in (False, True):
        name = package_name(request_id, "20261101T120000Z", as_zip=as_zip)
        assert NAME.fullmatch(name.removesuffix(".zip")), name
        assert len(name) <= len("doorstep---20261101T120000Z.zip") + MAX_SLUG_CHARS + 8
        assert package_path(tmp_path, request_id, "20261101T120000Z", as_zip=as_zip).parent == (
            tmp_path
        )


def test_ids_with_the_same_slug_get_different_names() -> None:
    names = {package_name(i, "s", as_zip=False) for i in ("a/b", "a-b", "a\\b", "a b", "a..b")}
    assert len(names) == 5


def test_export_of_hostile_ids_writes_only_inside_out(
    resident: dict,
    capsys,
) -> None:
    box = resident["tmp"] / "box"
    out = box / "out"
    out.mkdir(parents=True)
    # Something already in --out that an id could climb through ("doorstep-a/../../b"
    # was box/b before).
    (out / "doorstep-a").mkdir()
    before = {p.name for p in resident["tmp"].iterdir() if not p.name.startswith("d.sqlite3")}
    for request_id in HOSTILE:
        approved_request(resident, capsys, id=request_id)
        code, stdout, err = run(
            capsys, "--db", resident["db"], "export", request_id, "--out", str(out)
        )
        assert code == 0, (request_id, err)
        assert Path(stdout.strip().removeprefix("Package written to ")).parent == out
    assert sorted(p.name for p in box.iterdir()) == ["out"]
    made = sorted(p for p in out.iterdir() if p.name != "doorstep-a")
    assert len(made) == len(HOSTILE)
    for package in made:
        assert NAME.fullmatch(package.name), package.name
        assert verify_package(package) == []
    assert [p.parent for p in map(Path, stored_paths(resident["db"]))] == [out] * len(HOSTILE)
    # The data folder ("data" here) gets the evidence store's held copies.
    after = {
        p.name
        for p in resident["tmp"].iterdir()
        if not p.name.startswith("d.sqlite3") and p.name != "data"
    }
    assert after == before


# -- one line for an --out that cannot be used -------------------------------------------
def unwritable_folders(tmp_path: Path) -> list[tuple[str, Path]]:
    """Folders that exist but cannot be written in: a read-only one (any user but
    root, whom permissions do not stop) and /sys (the kernel refuses new folders there,
    to root as well)."""
    places = []
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        places.append(("read-only folder", locked))
    sys_fs = Path("/sys")
    if sys_fs.is_dir():
        try:
            (sys_fs / ".doorstep-probe").mkdir()
        except OSError:
            places.append(("/sys", sys_fs))
        else:  # pragma: no cover - a /sys that takes folders is not a kernel's
            (sys_fs / ".doorstep-probe").rmdir()
    return places


def test_an_unwritable_out_is_one_line(resident: dict, capsys) -> None:
    request_id = approved_request(resident, capsys)
    places = unwritable_folders(resident["tmp"])
    if not places:
        pytest.skip("no folder here refuses writes to this user")
    for what, folder in places:
        code, out, err = run(
            capsys, "--db", resident["db"], "export", request_id, "--out", str(folder)
        )
        assert (code, out) == (1, ""), what
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert err.startswith(f"doorstep: cannot write in {folder} ("), err
    assert stored_paths(resident["db"]) == []


def test_a_missing_or_file_out_is_named(resident: dict, capsys) -> None:
    request_id = approved_request(resident, capsys)
    missing = resident["tmp"] / "nowhere"
    code, out, err = run(
        capsys, "--db", resident["db"], "export", request_id, "--out", str(missing)
    )
    assert (code, out, err) == (1, "", f"doorstep: {missing}: the folder does not exist\n")
    assert not missing.exists()
    a_file = resident["tmp"] / "notes.txt"
    a_file.write_text("x")
    code, out, err = run(capsys, "--db", resident["db"], "export", request_id, "--out", str(a_file))
    assert (code, out, err) == (1, "", f"doorstep: {a_file}: not a folder\n")


# -- the manifest's audit head -----------------------------------------------------------
def test_manifest_audit_head_is_a_hash_with_its_sequence_beside_it(
    resident: dict,
    capsys,
) -> None:
    request_id = approved_request(resident, capsys)
    out = resident["tmp"] / "out"
    out.mkdir()
    assert run(capsys, "--db", resident["db"], "export", request_id, "--out", str(out))[0] == 0
    [package] = out.iterdir()
    manifest = json.loads((package / "manifest.json").read_bytes())
    assert re.fullmatch(r"[0-9a-f]{64}", manifest["audit_head"])
    assert isinstance(manifest["audit_seq"], int) and manifest["audit_seq"] > 0
    conn = open_database(resident["db"])
    # The entry it names is in the resident's trail with that hash, and kept as an anchor.
    assert conn.execute(
        "SELECT hash FROM audit_log WHERE seq = ?", [manifest["audit_seq"]]
    ).fetchone() == (manifest["audit_head"],)
    assert conn.execute("SELECT seq, hash FROM audit_anchors").fetchall() == [
        (manifest["audit_seq"], manifest["audit_head"])
    ]
    conn.close()
    anchor = f"{manifest['audit_seq']}:{manifest['audit_head']}"
    code, _, err = run(capsys, "--db", resident["db"], "audit", "verify", "--anchor", anchor)
    assert code == 0, err


def test_a_package_with_the_old_seq_hash_form_is_still_read(
    resident: dict,
    capsys,
) -> None:
    from datetime import UTC, datetime

    from db.audit import trail as audit
    from db.sharing.shares import package_audit_head, record_package

    request_id = approved_request(resident, capsys)
    out = resident["tmp"] / "out"
    out.mkdir()
    assert run(capsys, "--db", resident["db"], "export", request_id, "--out", str(out))[0] == 0
    [package] = out.iterdir()
    manifest = json.loads((package / "manifest.json").read_bytes())
    seq, digest = manifest.pop("audit_seq"), manifest["audit_head"]
    manifest["audit_head"] = f"{seq}:{digest}"  # as packages made before audit_seq say it
    (package / "manifest.json").write_text(json.dumps(manifest, indent=2))
    assert package_audit_head(package) == (seq, digest)
    conn = open_database(resident["db"])
    row = conn.execute("SELECT id FROM requests").fetchone()[0]
    record_package(conn, row, package, now=datetime.now(UTC))
    assert conn.execute("SELECT seq, hash FROM audit_anchors").fetchall() == [(seq, digest)] * 2
    assert audit.verify(conn).ok
    conn.close()
