"""The real window on a real (virtual) X screen: the xcb platform plugin, its Debian
libraries and the whole start-up path, as a resident's machine runs them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.store.database import open_database

pytestmark = pytest.mark.xvfb
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is missing: scripts/system-deps.sh installs it")
    # -displayfd lets Xvfb pick a free display and tell us its number when ready.
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        assert number, "Xvfb did not report a display"
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _run_app(display: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
    env.update(
        QT_QPA_PLATFORM="xcb",
        DISPLAY=display,
        DOORSTEP_DATA_DIR=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        DOORSTEP_EXIT_WHEN_READY="1",
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )


def test_window_opens_on_x_screen_with_clips(display: str, tmp_path: Path, library) -> None:
    path = tmp_path / "doorstep.sqlite3"
    db = open_database(path)
    camera = add_camera(db, Camera(name="Porch", lat=47.6, lon=-122.33))
    summary = import_folder(db, library.root, camera)
    assert summary.added >= 3
    db.close()

    started = time.monotonic()
    result = _run_app(display, tmp_path, "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 60
    # The window did not fall back to another platform plugin.
    assert "Could not load the Qt platform plugin" not in result.stderr


def test_first_launch_on_x_screen(display: str, tmp_path: Path) -> None:
    result = _run_app(display, tmp_path, "--db", str(tmp_path / "new.sqlite3"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "new.sqlite3").exists()
