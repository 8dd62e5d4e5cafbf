"""What a screen reader on Linux sees: the app started on a virtual X screen in a private
D-Bus session with Qt's AT-SPI bridge on, its main window's tree read from the
at-spi2-core registry (tests/atspi_reader.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from db.demo.neighbourhood import build_demo
from tests.atspi_reader import MARK
from tests.test_xvfb import display

__all__ = ["display"]  # the fixture, used by name
pytestmark = [pytest.mark.atspi, pytest.mark.xvfb, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent
AGENCY = "Demo City Police Department"  # the demo's requests come from it
TABS = ["Requests", "Clips", "Audit trail"]


def nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node, *(n for child in node["children"] for n in nodes(child))]


def roles(node: dict[str, Any], role: str) -> list[dict[str, Any]]:
    return [n for n in nodes(node) if n["role"] == role]


@pytest.fixture
def tools() -> None:
    for tool in ("Xvfb", "dbus-run-session"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is missing: scripts/system-deps.sh installs it")
    if shutil.which("gdbus") is None:
        pytest.fail("gdbus is missing: scripts/system-deps.sh installs libglib2.0-bin")
    if not any(
        Path(d, "at-spi-bus-launcher").exists()
        for d in ("/usr/libexec", "/usr/lib/at-spi2-core", "/usr/lib/x86_64-linux-gnu")
    ):
        pytest.fail("at-spi2-core is missing: scripts/system-deps.sh installs it")


def test_the_main_window_is_read_over_at_spi(tools, display: str, tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    build_demo(db, tmp_path / "demo-clips")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DBUS_SESSION_BUS_ADDRESS", "WAYLAND_DISPLAY", "AT_SPI_BUS_ADDRESS")
    }
    home = tmp_path / "home"
    home.mkdir()
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    for name in ("LC_ALL", "LC_MESSAGES"):
        env.pop(name, None)
    env.update(
        LANG="C.UTF-8",  # present on every machine; the names asserted are English
        LANGUAGE="en",
        DISPLAY=display,
        HOME=str(home),
        XDG_RUNTIME_DIR=str(runtime),
        PYTHONPATH=str(ROOT),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    result = subprocess.run(
        [
            "dbus-run-session",
            "--",
            sys.executable,
            str(ROOT / "tests" / "atspi_reader.py"),
            str(db),
            AGENCY,
            *TABS,
        ],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith(MARK)]
    assert lines, result.stdout + result.stderr
    found = json.loads(lines[-1][len(MARK) :])
    # The registry lists the app by its name.
    assert "Doorstep" in found["applications"], found["applications"]
    app = found["tree"]
    assert (app["name"], app["role"]) == ("Doorstep", "application")
    [frame] = [c for c in app["children"] if c["role"] == "frame"]
    assert frame["name"] == "Doorstep — Demo neighbourhood"
    # The tabs, by name, in their tab list.
    [tab_list] = roles(frame, "page tab list")
    assert [t["name"] for t in roles(tab_list, "page tab")] == TABS
    # The menus, each a menu item of the menu bar with its commands under it.
    [menu_bar] = roles(frame, "menu bar")
    menus = [c["name"] for c in menu_bar["children"]]
    assert menus[:4] == ["File", "Cameras", "View", "Requests"], menus
    commands = {n["name"] for n in roles(menu_bar, "menu item")}
    assert {"Import request…", "Record a request I received…", "Quit"} <= commands
    # The requests list: a table by its name, with its column headers and the demo's
    # requests in it.
    [requests] = [t for t in roles(frame, "table") if t["name"] == "Requests"]
    assert "Case" in {h["name"] for h in roles(requests, "column header")}
    assert AGENCY in {c["name"] for c in roles(requests, "cell")}
    assert roles(frame, "status bar")
