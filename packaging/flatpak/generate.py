"""Write ``python3-requirements.json``, the Flatpak module that installs Doorstep's
Python dependencies, from ``requirements.lock`` (docs/platforms.md, "Flatpak").

What flatpak-pip-generator would write, but pinned to the lock rather than resolved
anew: one module per package, dependencies first, each installing its wheel with
``pip --no-index --no-deps`` (the build has no network). The runtime set is what
``pyproject.toml``'s dependencies need on the Flatpak runtime (Linux, its Python),
followed through each package's own requirements as the environment installed from
the lock declares them; PySide6 and shiboken6 are left out because the PySide BaseApp
builds them against the runtime's Qt.

A wheel's address and SHA-256 can only be learnt from PyPI: ``--fetch`` asks PyPI's
JSON API for each pinned version (a machine with network) and writes them, one wheel
per architecture where the wheel is not pure Python. Without ``--fetch`` the
addresses already in the file are kept for the same versions, and a version not yet
fetched gets an empty address that flatpak-builder refuses: run ``--fetch`` after
every ``make lock``. ``--check`` fails when the file is not what the lock gives.

    python packaging/flatpak/generate.py [--fetch] [--check]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
import urllib.request
from importlib import metadata
from pathlib import Path
from typing import Any

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"
PYPROJECT = ROOT / "pyproject.toml"
OUT = Path(__file__).resolve().parent / "python3-requirements.json"
# The Python of the Flatpak runtime (org.kde.Sdk 6.11, on the freedesktop SDK 25.08):
# check with `flatpak run --command=python3 org.kde.Sdk//6.11 --version`.
RUNTIME_PYTHON = "3.13"
ARCHES = ("x86_64", "aarch64")
FROM_BASE_APP = frozenset({"pyside6-essentials", "pyside6-addons", "shiboken6"})
# Needed to build Doorstep itself (pyproject's build backend), removed afterwards.
BUILD_ONLY = ("setuptools",)
TODO = "not fetched: run packaging/flatpak/generate.py --fetch on a machine with network"


class GenerateError(Exception):
    """What is wrong, in one line."""


def read_lock(path: Path = LOCK) -> dict[str, tuple[str, str]]:
    """The lock's pins: canonical name -> (name as written, version)."""
    pins: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        if not sep:
            raise GenerateError(f"{path.name}: {line!r} is not pinned with ==")
        pins[canonicalize_name(name)] = (name.strip(), version.strip())
    return pins


def target_environment() -> dict[str, str]:
    """The markers of the Flatpak runtime (Linux, CPython RUNTIME_PYTHON)."""
    env = dict(default_environment())
    env.update(
        sys_platform="linux",
        platform_system="Linux",
        os_name="posix",
        platform_machine="x86_64",
        implementation_name="cpython",
        platform_python_implementation="CPython",
        python_version=RUNTIME_PYTHON,
        python_full_version=RUNTIME_PYTHON + ".0",
    )
    return env


def _applies(req: Requirement, env: dict[str, str], extras: set[str]) -> bool:
    if req.marker is None:
        return True
    return any(req.marker.evaluate({**env, "extra": extra}) for extra in extras or {""})


def runtime_set(
    pins: dict[str, tuple[str, str]], pyproject: Path = PYPROJECT
) -> list[tuple[str, str]]:
    """(name, version) of every package Doorstep needs at run time on the runtime,
    each after the packages it needs, without the BaseApp's. GenerateError when a
    needed package is not in the lock or the environment is not the lock's."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    env = target_environment()
    order: list[tuple[str, str]] = []
    seen: set[str] = set()

    def visit(req: Requirement, needed_by: str) -> None:
        key = canonicalize_name(req.name)
        if key in FROM_BASE_APP or key in seen:
            return
        seen.add(key)
        if key not in pins:
            raise GenerateError(f"{req.name} (needed by {needed_by}) is not in requirements.lock")
        name, version = pins[key]
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            raise GenerateError(f"{name} is not installed: run make first") from None
        if installed != version:
            raise GenerateError(f"{name} {installed} is installed, the lock has {version}")
        for text in metadata.requires(name) or []:
            sub = Requirement(text)
            if _applies(sub, env, set(req.extras)):
                visit(sub, name)
        order.append((name, version))

    for text in project["dependencies"]:
        req = Requirement(text)
        if _applies(req, env, set()):
            visit(req, "pyproject.toml")
    return order


def _install_command(name: str, version: str) -> str:
    return (
        'pip3 install --verbose --exists-action=i --no-index --find-links="file://${PWD}" '
        f'--prefix=${{FLATPAK_DEST}} --no-deps --no-build-isolation "{name}=={version}"'
    )


def module(
    name: str, version: str, sources: list[dict[str, Any]], *, build_only: bool = False
) -> dict[str, Any]:
    return {
        "name": f"python3-{canonicalize_name(name)}",
        "buildsystem": "simple",
        "build-commands": [_install_command(name, version)],
        "sources": sources,
        "cleanup": ["*"] if build_only else ["/share/man"],
    }


def unfetched(name: str) -> list[dict[str, Any]]:
    return [{"type": "file", "url": "", "sha256": "", "x-doorstep-todo": TODO}]


def pinned_version(module_: dict[str, Any]) -> tuple[str, str]:
    """(name, version) a module installs, read back from its pip command."""
    match = re.search(r'"([^"=]+)==([^"]+)"$', module_["build-commands"][0])
    if match is None:
        raise GenerateError(f"{module_['name']}: no name==version in its command")
    return match.group(1), match.group(2)


# -- wheels from PyPI (--fetch) -------------------------------------------------------
_WHEEL = re.compile(
    r"^(?P<name>.+?)-(?P<ver>[^-]+)(-\d[^-]*)?-(?P<py>[^-]+)-(?P<abi>[^-]+)-(?P<plat>.+)\.whl$"
)


def pick_wheels(files: list[dict[str, Any]], python: str = RUNTIME_PYTHON) -> list[dict[str, Any]]:
    """The sources for one release's files (PyPI JSON ``urls``): its pure-Python wheel,
    else one manylinux wheel per architecture for CPython ``python`` (its own ABI or
    abi3). GenerateError naming what is missing."""
    cp = "cp" + python.replace(".", "")
    wheels = [(f, _WHEEL.match(f["filename"])) for f in files if f["filename"].endswith(".whl")]
    for f, m in wheels:
        if m and m["abi"] == "none" and m["plat"] == "any" and "py3" in m["py"].split("."):
            return [_source(f)]
    picked: list[dict[str, Any]] = []
    for arch in ARCHES:
        fits = [
            f
            for f, m in wheels
            if m
            and "manylinux" in m["plat"]
            and arch in m["plat"]
            and (m["abi"] == cp or (m["abi"] == "abi3" and _abi3_fits(m["py"], cp)))
        ]
        if not fits:
            name = files[0]["filename"].split("-")[0] if files else "?"
            raise GenerateError(f"{name}: no {cp} manylinux wheel for {arch}")
        picked.append(
            {**_source(sorted(fits, key=lambda f: f["filename"])[0]), "only-arches": [arch]}
        )
    return picked


def _abi3_fits(py_tags: str, cp: str) -> bool:
    return any(t.startswith("cp") and int(t[2:]) <= int(cp[2:]) for t in py_tags.split("."))


def _source(f: dict[str, Any]) -> dict[str, Any]:
    return {"type": "file", "url": f["url"], "sha256": f["digests"]["sha256"]}


def fetch(name: str, version: str) -> list[dict[str, Any]]:
    url = f"https://pypi.org/pypi/{name}/{version}/json"
    with urllib.request.urlopen(url, timeout=60) as answer:
        release = json.load(answer)
    return pick_wheels(release["urls"])


# -- the file -------------------------------------------------------------------------
def generate(*, fetching: bool, previous: dict[str, Any] | None) -> dict[str, Any]:
    known: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for old in (previous or {}).get("modules", []):
        if all(s.get("url") for s in old["sources"]):
            known[pinned_version(old)] = old["sources"]
    pins = read_lock()
    wanted = [(pins[canonicalize_name(n)], True) for n in BUILD_ONLY]
    wanted += [(pin, False) for pin in runtime_set(pins)]
    modules = []
    for (name, version), build_only in wanted:
        if fetching:
            sources = fetch(name, version)
        else:
            sources = known.get((name, version)) or unfetched(name)
        modules.append(module(name, version, sources, build_only=build_only))
    return {
        "name": "python3-requirements",
        "buildsystem": "simple",
        "build-commands": [],
        "modules": modules,
    }


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=4, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--fetch", action="store_true", help="ask PyPI for the wheels")
    parser.add_argument("--check", action="store_true", help="fail when the file is stale")
    args = parser.parse_args(argv)
    previous = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else None
    try:
        text = render(generate(fetching=args.fetch, previous=previous))
    except (GenerateError, OSError) as exc:
        print(f"generate.py: {exc}", file=sys.stderr)
        return 1
    if args.check:
        if previous is None or render(previous) != text:
            print(f"generate.py: {OUT.name} is not what requirements.lock gives", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
