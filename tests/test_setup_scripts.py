"""The fresh-machine set-up script, run for real with stand-in apt tools on PATH (the
test never installs anything): it must wait its turn when another apt run holds the
dpkg lock, and still stop on any other failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "system-deps.sh"

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Debian set-up script")


def _tool(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/usr/bin/env bash\n" + body)
    path.chmod(0o755)


def _run(tmp_path: Path, apt_body: str) -> subprocess.CompletedProcess[str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # Every package reads as missing, so the script goes on to apt-get.
    _tool(bin_dir, "dpkg-query", "exit 1\n")
    _tool(bin_dir, "sudo", 'exec "$@"\n')
    _tool(bin_dir, "apt-get", apt_body)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "DOORSTEP_APT_RETRY_PAUSE": "0",
        "DOORSTEP_APT_RETRIES": "5",
        "CALLS": str(tmp_path / "calls"),
    }
    return subprocess.run(
        ["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60
    )


def test_waits_while_another_apt_run_holds_the_dpkg_lock(tmp_path: Path) -> None:
    # Held for the first two calls, as when unattended-upgrades runs on a fresh machine.
    apt = (
        'echo "$*" >> "$CALLS"\n'
        'n=$(wc -l < "$CALLS")\n'
        'if [ "$n" -le 2 ]; then\n'
        '  echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by '
        'process 4242 (unattended-upgr)" >&2\n'
        "  exit 100\n"
        "fi\n"
    )
    result = _run(tmp_path, apt)
    assert result.returncode == 0, result.stderr
    calls = (tmp_path / "calls").read_text().splitlines()
    # Two refusals, then update and install each ran once.
    assert len(calls) == 4
    assert all("DPkg::Lock::Timeout=" in c for c in calls)
    assert "update" in calls[2] and "install" in calls[3] and "xvfb" in calls[3]
    assert "waiting" in result.stderr


def test_any_other_apt_failure_stops_the_set_up_at_once(tmp_path: Path) -> None:
    apt = 'echo "$*" >> "$CALLS"\necho "E: Unable to locate package xvfb" >&2\nexit 100\n'
    result = _run(tmp_path, apt)
    assert result.returncode != 0
    assert len((tmp_path / "calls").read_text().splitlines()) == 1
    assert "Unable to locate package xvfb" in result.stderr


def test_a_lock_held_for_good_gives_up_after_the_retries(tmp_path: Path) -> None:
    apt = (
        'echo "$*" >> "$CALLS"\n'
        'echo "E: Could not get lock /var/lib/dpkg/lock-frontend" >&2\nexit 100\n'
    )
    result = _run(tmp_path, apt)
    assert result.returncode != 0
    assert len((tmp_path / "calls").read_text().splitlines()) == 6


def test_the_package_metadata_builds_without_deprecation_warnings(tmp_path: Path) -> None:
    """setuptools reads pyproject.toml; a deprecated form (the old ``license`` table) is
    a warning on every set-up today and an error in a later release."""
    code = (
        "import sys, warnings\n"
        "from setuptools import build_meta\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    build_meta.prepare_metadata_for_build_wheel(sys.argv[1])\n"
        "for w in caught:\n"
        "    if 'eprecat' in w.category.__name__ + str(w.message):\n"
        "        print('DEPRECATED:', str(w.message).splitlines()[0], file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        cwd=SCRIPT.parent.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "DEPRECATED:" not in proc.stderr, proc.stderr
    metadata = next(tmp_path.glob("*.dist-info")) / "METADATA"
    assert "License-Expression: MIT" in metadata.read_text()
