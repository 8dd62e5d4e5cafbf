"""The Linux desktop integration the bundle installs (packaging/linux): the menu entry
and the AppStream metadata software centres read, checked by the tools distributions
check them with, and matched to what the app says about itself."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "org.doorstep.Doorstep"
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
# The Desktop Menu Specification's main categories: an entry needs at least one.
MAIN_CATEGORIES = {
    "AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics",
    "Network", "Office", "Science", "Settings", "System", "Utility",
}  # fmt: skip


def _version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def _entry() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    assert parser.sections() == ["Desktop Entry"]
    return dict(parser["Desktop Entry"])


def test_the_desktop_entry_launches_doorstep_with_its_icon() -> None:
    entry = _entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Doorstep"
    assert entry["Exec"].split()[0] == "doorstep" == entry["TryExec"]
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    categories = entry["Categories"]
    assert categories.endswith(";")
    assert MAIN_CATEGORIES & set(categories.split(";"))
    # The icon the entry names is the one the bundle ships (as APP_ID.svg).
    assert ET.parse(ROOT / "resources" / "doorstep.svg").getroot().tag.endswith("svg")
    if shutil.which("desktop-file-validate"):  # desktop-file-utils, where installed
        result = subprocess.run(
            ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True
        )
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_the_appstream_metadata_is_valid_and_names_this_release() -> None:
    if shutil.which("appstreamcli") is None:
        pytest.fail("appstreamcli is missing: scripts/system-deps.sh installs appstream")
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--explain", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "W:" not in result.stdout and "E:" not in result.stdout, result.stdout

    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "MIT"
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert root.find("content_rating") is not None
    releases = root.findall("releases/release")
    assert releases and releases[0].get("version") == _version()
    images = [i.text or "" for i in root.findall("screenshots/screenshot/image")]
    assert images
    for url in images:
        assert url.startswith("https://")
        assert (ROOT / "docs" / "images" / url.rsplit("/", 1)[1]).is_file(), url


def test_the_window_names_the_desktop_entry(qapp) -> None:
    """On Wayland the compositor finds the window's icon and name through the desktop
    file name; on X11 the desktop matches the window's WM_CLASS, whose class Qt takes
    from the application's name, to the entry's StartupWMClass."""
    from desktop.app import make_application

    app = make_application()
    assert app.desktopFileName() == DESKTOP.stem
    assert _entry()["StartupWMClass"] == app.applicationName()


def test_make_dist_refuses_without_the_face_model_and_touches_nothing(tmp_path) -> None:
    """A bundle without the model would only fail on the resident's machine, when
    faces are first searched: the build stops first, with one line, before PyInstaller."""
    dist = ROOT / "dist"
    before = sorted(p.name for p in dist.iterdir()) if dist.is_dir() else None
    env = {**os.environ, "DOORSTEP_MODELS_DIR": str(tmp_path / "no-models")}
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build_dist.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"make dist: the face model {tmp_path / 'no-models' / 'centerface_int8.onnx'} is "
        "missing: run `make models`"
    ]
    assert (sorted(p.name for p in dist.iterdir()) if dist.is_dir() else None) == before


def test_the_command_line_prints_the_version_the_metainfo_releases(capsys) -> None:
    from desktop.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"doorstep {_version()}\n"
