"""The self-contained bundle (`make dist`, docs/install.md) as a resident gets it: the
tarball unpacked in a fresh folder and run with no Python environment anywhere in
sight (no venv on PATH, no PYTHONPATH, a scratch home), on a real X screen. What it
must find inside itself: Qt's plugins, the resources, the catalogues, the face model,
the keyring backends, PyAV, onnxruntime, OpenCV and the C2PA library."""

from __future__ import annotations

import configparser
import hashlib
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from PIL import Image

from db.redaction.model_file import MODEL_FILE, MODEL_SHA256
from tests.test_xvfb import display  # noqa: F401 - the X screen fixture

pytestmark = [pytest.mark.slow, pytest.mark.xvfb]
ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
APP_ID = "org.doorstep.Doorstep"


def _version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return str(tomllib.load(f)["project"]["version"])


TARBALL = DIST / f"doorstep-{_version()}-linux-{platform.machine()}.tar.gz"


@pytest.fixture(scope="session")
def tarball() -> Path:
    """The tarball `make dist` made (make test builds it first), or one built here."""
    if not (TARBALL.is_file() and (DIST / "doorstep" / "doorstep").is_file()):
        result = subprocess.run(
            [sys.executable, str(ROOT / "packaging" / "build_dist.py")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1200,
        )
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return TARBALL


@pytest.fixture(scope="session")
def unpacked(tarball: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tarball's one top folder, unpacked as a resident unpacks it."""
    dest = tmp_path_factory.mktemp("unpacked")
    subprocess.run(["tar", "-xzf", str(tarball), "-C", str(dest)], check=True, timeout=300)
    (top,) = dest.iterdir()
    assert top.name == tarball.name.removesuffix(".tar.gz")
    return top


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A login's environment with nothing of the developer's Python in it."""
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {
        "HOME": str(tmp_path / "home"),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "DOORSTEP_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "share"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "DOORSTEP_BASE_MAP": "none",  # no map tiles from the internet
        **extra,
    }
    assert not {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "DOORSTEP_MODELS_DIR"} & set(env)
    return env


def _run(
    exe: Path, tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    work = tmp_path / "cwd"  # a folder with nothing of Doorstep's in it
    work.mkdir(exist_ok=True)
    return subprocess.run(
        [str(exe), *args],
        env=env or _env(tmp_path),
        cwd=work,
        capture_output=True,
        text=True,
        timeout=180,
    )


def _demo(exe: Path, tmp_path: Path) -> Path:
    db = tmp_path / "demo.sqlite3"
    result = _run(exe, tmp_path, "--db", str(db), "demo")
    assert result.returncode == 0, result.stderr
    assert f"Open it with: doorstep --demo --db {db}" in result.stdout
    return db


def test_the_tarball_holds_the_bundle_and_its_desktop_integration(unpacked: Path) -> None:
    names = {p.name for p in unpacked.iterdir()}
    assert names == {
        "doorstep", "install.sh", "INSTALL.md",
        f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml", f"{APP_ID}.svg",
    }  # fmt: skip
    assert os.access(unpacked / "install.sh", os.X_OK)
    internal = unpacked / "doorstep" / "_internal"
    model = internal / "share" / "doorstep" / "models" / MODEL_FILE
    assert hashlib.sha256(model.read_bytes()).hexdigest() == MODEL_SHA256
    # Compiled catalogues newer than their sources, or the window would try to rebuild
    # them (with a tool the bundle does not have) and fall back to English.
    resources = internal / "resources"
    for ts in (resources / "i18n").glob("*.ts"):
        assert ts.with_suffix(".qm").stat().st_mtime >= ts.stat().st_mtime, ts.name
    for po in (resources / "locale").rglob("*.po"):
        assert po.with_suffix(".mo").stat().st_mtime >= po.stat().st_mtime, po
    for name in ("request.schema.json", "feed.schema.json", "doorstep.svg"):
        assert (resources / name).is_file()
    plugins = internal / "PySide6" / "Qt" / "plugins"
    for plugin in (
        "platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so",
        "imageformats/libqsvg.so", "iconengines/libqsvgicon.so",
        "multimedia/libffmpegmediaplugin.so", "tls/libqopensslbackend.so",
    ):  # fmt: skip
        assert (plugins / plugin).is_file(), plugin
    # Nothing of the test suite or the build tools.
    for unused in ("pytest", "_pytest", "hypothesis", "PyInstaller", "skimage", "scipy"):
        assert not (internal / unused).exists(), unused


def test_the_bundle_prints_its_version_and_speaks_spanish(unpacked: Path, tmp_path) -> None:
    exe = unpacked / "doorstep" / "doorstep"
    result = _run(exe, tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"doorstep {_version()}"
    spanish = _run(
        exe,
        tmp_path,
        "--db",
        str(tmp_path / "empty.sqlite3"),
        "requests",
        "list",
        env=_env(tmp_path, LANGUAGE="es"),
    )
    assert spanish.returncode == 0, spanish.stderr
    assert spanish.stdout.startswith("Todavía no hay solicitudes"), spanish.stdout


def test_the_bundle_snapshots_the_demo_on_an_x_screen(
    unpacked: Path,
    tmp_path: Path,
    display: str,  # noqa: F811 - the fixture imported above
) -> None:
    exe = unpacked / "doorstep" / "doorstep"
    db = _demo(exe, tmp_path)
    out = tmp_path / "window.png"
    env = _env(tmp_path, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    result = _run(exe, tmp_path, "--demo", "--db", str(db), "snapshot", str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert "Could not load the Qt platform plugin" not in result.stderr
    with Image.open(out) as picture:
        assert picture.size == (1280, 800)
        colours = picture.convert("RGB").getcolors(maxcolors=1 << 20)
    # Text, the map's cameras, the clip table: far more than a blank or flat window.
    assert colours is not None and len(colours) > 200

    # The window itself, shown on the X screen until its first page of data is in.
    shown = _run(
        exe, tmp_path, "--demo", "--db", str(db),
        env={**env, "DOORSTEP_EXIT_WHEN_READY": "1"},
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr


def test_the_bundle_reads_the_database_from_the_command_line(unpacked: Path, tmp_path) -> None:
    exe = unpacked / "doorstep" / "doorstep"
    db = _demo(exe, tmp_path)
    result = _run(exe, tmp_path, "--demo", "--db", str(db), "requests", "list", "--json")
    assert result.returncode == 0, result.stderr
    requests = json.loads(result.stdout)
    assert {r["id"] for r in requests} >= {"demo-0001", "demo-0002"}
    assert all(r["agency"] for r in requests)


def test_the_bundle_fetches_a_feed_over_https_verified_by_the_trust_store(
    unpacked: Path, tmp_path: Path, server, ca
) -> None:
    """The bundle's own OpenSSL through Python's ssl: a server signed by an
    authority the system does not trust is refused in words; once the resident's
    SSL_CERT_FILE names it (the bundle never overrides that), the feed is fetched and
    checked (in a spawned child)."""
    exe = unpacked / "doorstep" / "doorstep"
    db = tmp_path / "feeds.sqlite3"
    url = server.url_for("/feed")
    server.expect_request("/feed").respond_with_data(
        json.dumps({"format": "doorstep.feed/1", "requests": []}),
        content_type="application/json",
    )
    assert _run(exe, tmp_path, "--db", str(db), "feeds", "add", url).returncode == 0
    refused = _run(exe, tmp_path, "--db", str(db), "feeds", "poll")
    assert refused.returncode == 1
    assert refused.stderr == (
        f"doorstep: {url}: certificate not trusted (unable to get local issuer certificate)\n"
    )
    pem = tmp_path / "agency-ca.pem"
    ca.cert_pem.write_to_path(str(pem))
    env = _env(tmp_path, SSL_CERT_FILE=str(pem))
    fetched = _run(exe, tmp_path, "--db", str(db), "feeds", "poll", env=env)
    assert fetched.returncode == 0, fetched.stderr
    assert fetched.stdout == f"{url}: new; 0 new, 0 edited, 0 withdrawn, 0 refused\n"


@pytest.mark.secret_service
def test_the_bundle_exports_a_redacted_signed_package_with_the_real_keyring(
    unpacked: Path, tmp_path: Path
) -> None:
    """The export path end to end in the bundle: the signing key in a real Secret
    Service (keyring's backend through SecretStorage and jeepney), faces searched with
    the bundled model on onnxruntime, the excerpt cut with PyAV, C2PA credentials, and
    the package verified by the bundle itself."""
    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: scripts/system-deps.sh installs it")
    exe = shlex.quote(str(unpacked / "doorstep" / "doorstep"))
    db = _demo(unpacked / "doorstep" / "doorstep", tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    home = tmp_path / "home"
    (home / ".local" / "share" / "keyrings").mkdir(parents=True)
    run = f"{exe} --demo --db {shlex.quote(str(db))}"
    script = (
        "printf 'test-password' | gnome-keyring-daemon --unlock --components=secrets "
        "--daemonize > /dev/null && "
        f"{run} decide demo-0001 9 approve && "
        f"{run} export demo-0001 --content-credentials --out {shlex.quote(str(out))} && "
        f"{exe} verify {shlex.quote(str(out))}/*"
    )
    env = _env(tmp_path, XDG_DATA_HOME=str(home / ".local" / "share"))
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": verifies." in result.stdout
    (package,) = out.iterdir()
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["app"] == {"name": "Doorstep", "version": _version()}
    (excerpt,) = manifest["files"]
    detector = excerpt["redaction"]["detector"]
    assert detector["model_sha256"] == MODEL_SHA256
    assert detector["runtime"] == "onnxruntime" and detector["frames_searched"] > 0
    assert excerpt["content_credentials"]


def test_install_sh_installs_for_the_user_and_uninstalls(unpacked: Path, tmp_path) -> None:
    env = _env(tmp_path)
    home = Path(env["HOME"])
    home.mkdir()
    result = subprocess.run(
        ["sh", str(unpacked / "install.sh")], env=env, cwd=tmp_path, capture_output=True,
        text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    local = home / ".local"
    desktop = local / "share" / "applications" / f"{APP_ID}.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(desktop, encoding="utf-8")
    entry = parser["Desktop Entry"]
    (exe,) = shlex.split(entry["Exec"])
    assert Path(exe) == local / "opt" / "doorstep" / "doorstep" / "doorstep"
    assert os.access(exe, os.X_OK) and entry["TryExec"] == exe
    icon = local / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{entry['Icon']}.svg"
    assert icon.is_file()
    assert (local / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    # The command on PATH is the installed bundle, run through its link.
    link = local / "bin" / "doorstep"
    version = _run(link, tmp_path, "--version", env=env)
    assert version.stdout.strip() == f"doorstep {_version()}", version.stderr

    data = Path(env["DOORSTEP_DATA_DIR"])
    data.mkdir()
    (data / "doorstep.sqlite3").write_bytes(b"the resident's records")
    removed = subprocess.run(
        ["sh", str(local / "opt" / "doorstep" / "install.sh"), "--uninstall"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert removed.returncode == 0, removed.stderr
    for gone in (desktop, icon, link, local / "opt" / "doorstep"):
        assert not os.path.lexists(gone), gone
    assert (data / "doorstep.sqlite3").read_bytes() == b"the resident's records"


def test_install_sh_leaves_a_doorstep_command_it_did_not_make(unpacked: Path, tmp_path) -> None:
    env = _env(tmp_path)
    bin_dir = Path(env["HOME"]) / ".local" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "doorstep").write_text("#!/bin/sh\necho someone else's\n")
    result = subprocess.run(
        ["sh", str(unpacked / "install.sh")], env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"install.sh: {bin_dir / 'doorstep'} exists and is not Doorstep's link; move it away first"
    )
    assert (bin_dir / "doorstep").read_text() == "#!/bin/sh\necho someone else's\n"
    assert not (Path(env["HOME"]) / ".local" / "opt").exists()
