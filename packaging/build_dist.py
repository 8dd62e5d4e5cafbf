"""``make dist``: the onedir bundle ``dist/doorstep/`` (PyInstaller, packaging/doorstep.spec)
and the tarball ``dist/doorstep-<version>-linux-<machine>.tar.gz`` that installs it for one
user (docs/install.md).

Each result is made under a temporary name beside its target and renamed into place, so
a build that fails or is stopped leaves the previous bundle and tarball as they were,
never half of one.

    .venv/bin/python packaging/build_dist.py [--no-tarball]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.redaction.model_file import MODEL_FILE, MODEL_SHA256  # noqa: E402
from db.store.paths import models_dir  # noqa: E402

DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
LINUX = ROOT / "packaging" / "linux"
APP_ID = "org.doorstep.Doorstep"


class BuildError(Exception):
    pass


def version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def tarball_name() -> str:
    return f"doorstep-{version()}-linux-{platform.machine()}.tar.gz"


def _check_inputs() -> Path:
    """The model and the compiled catalogues the bundle ships, present and current:
    a bundle without them would only fail on the resident's machine."""
    models = models_dir()
    model = models / MODEL_FILE
    if not model.is_file():
        raise BuildError(f"the face model {model} is missing: run `make models`")
    if hashlib.sha256(model.read_bytes()).hexdigest() != MODEL_SHA256:
        raise BuildError(f"the face model {model} is not the pinned file: run `make models`")
    for source, compiled in _catalogues(ROOT / "resources"):
        if not compiled.is_file() or compiled.stat().st_mtime < source.stat().st_mtime:
            raise BuildError(
                f"{compiled} is missing or older than {source.name}: run `make translations`"
            )
    return models


def _catalogues(resources: Path) -> list[tuple[Path, Path]]:
    """Each catalogue's source with its compiled form: .ts with .qm, .po with .mo."""
    pairs = [(ts, ts.with_suffix(".qm")) for ts in sorted((resources / "i18n").glob("*.ts"))]
    pairs += [(po, po.with_suffix(".mo")) for po in sorted((resources / "locale").rglob("*.po"))]
    return pairs


def _needed(binary: Path) -> set[str]:
    out = subprocess.run(
        ["objdump", "-p", str(binary)], capture_output=True, text=True, check=False
    ).stdout
    return set(re.findall(r"^\s*NEEDED\s+(\S+)$", out, re.MULTILINE))


def _check_libraries(bundle: Path) -> None:
    """Every shared library a kept binary names must be in the bundle or the system's:
    the spec drops plugins and the libraries only they need, and this proves that list
    right for the Qt build in use."""
    internal = bundle / "_internal"
    present = {p.name for p in internal.rglob("*.so*")}
    spec = (ROOT / "packaging" / "doorstep.spec").read_text(encoding="utf-8")
    block = re.search(r"^DROP_LIBS = \{(.*?)^\}", spec, re.MULTILINE | re.DOTALL)
    if block is None:
        raise BuildError("packaging/doorstep.spec has no DROP_LIBS set")
    dropped = set(re.findall(r'"(lib[^"]+\.so[.\d]*)"', block.group(1)))
    for binary in internal.rglob("*.so*"):
        if binary.is_symlink() or not binary.is_file():
            continue
        missing = (_needed(binary) & dropped) - present
        if missing:
            raise BuildError(
                f"{binary.relative_to(bundle)} needs {', '.join(sorted(missing))}, which "
                "packaging/doorstep.spec leaves out (DROP_LIBS)"
            )


def build_bundle() -> Path:
    if shutil.which("objdump") is None:
        raise BuildError("objdump is missing: install binutils (scripts/system-deps.sh)")
    models = _check_inputs()
    (ROOT / "build").mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".bundle-", dir=ROOT / "build"))
    try:
        env = {**os.environ, "DOORSTEP_BUNDLE_MODELS": str(models)}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--log-level",
                "WARN",
                "--workpath",
                str(WORK),
                "--distpath",
                str(staging),
                str(ROOT / "packaging" / "doorstep.spec"),
            ],
            cwd=ROOT,
            env=env,
            check=True,
        )
        built = staging / "doorstep"
        # PyInstaller copies files in no particular order with new times: a .ts newer than
        # its .qm would send the window to rebuild it (no lrelease in a bundle) and drop
        # the language; the compiled forms are made newer than their sources.
        now = time.time() + 1
        for _source, compiled in _catalogues(built / "_internal" / "resources"):
            os.utime(compiled, (now, now))
        _check_libraries(built)
        DIST.mkdir(exist_ok=True)
        target = DIST / "doorstep"
        old = DIST / ".doorstep-old"
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        built.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        return target
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _add(tar: tarfile.TarFile, path: Path, name: str, mode: int | None = None) -> None:
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if mode is not None:
        info.mode = mode
    if info.isfile():
        with open(path, "rb") as f:
            tar.addfile(info, f)
    else:
        tar.addfile(info)


def build_tarball(bundle: Path) -> Path:
    """The bundle with the desktop integration and install.sh, under one top folder."""
    top = tarball_name().removesuffix(".tar.gz")
    target = DIST / tarball_name()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}-", dir=DIST)
    os.close(fd)
    try:
        with tarfile.open(tmp, "w:gz", compresslevel=6) as tar:
            _add(tar, LINUX / "install.sh", f"{top}/install.sh", 0o755)
            _add(tar, LINUX / "INSTALL.md", f"{top}/INSTALL.md")
            _add(tar, LINUX / f"{APP_ID}.desktop", f"{top}/{APP_ID}.desktop")
            _add(tar, LINUX / f"{APP_ID}.metainfo.xml", f"{top}/{APP_ID}.metainfo.xml")
            _add(tar, ROOT / "resources" / "doorstep.svg", f"{top}/{APP_ID}.svg")
            _add(tar, bundle, f"{top}/doorstep")
            for path in sorted(bundle.rglob("*")):
                _add(tar, path, f"{top}/doorstep/{path.relative_to(bundle)}")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    for stale in DIST.glob("doorstep-*-linux-*.tar.gz"):
        if stale != target:
            stale.unlink()
    return target


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--no-tarball", action="store_true", help="build the bundle folder only")
    args = p.parse_args()
    try:
        bundle = build_bundle()
        print(f"bundle: {bundle.relative_to(ROOT)}")
        if not args.no_tarball:
            print(f"tarball: {build_tarball(bundle).relative_to(ROOT)}")
    except BuildError as exc:
        print(f"make dist: {exc}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"make dist: PyInstaller failed (exit status {exc.returncode})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
