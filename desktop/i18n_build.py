"""The window's catalogues on disk: ``resources/i18n/doorstep_<area>_<lang>.ts``
(Qt Linguist files, committed) and the ``.qm`` files Qt loads, built from them by
PySide6's ``lrelease`` (never committed: ``make translations`` builds them, and so does
the window's start or a test when one is missing or older than its ``.ts``).

Each area's ``.ts`` holds the strings of its own source files, so the helpers who
translate different parts of the window never edit the same file. Run
``python -m desktop.i18n_build update`` after changing strings (lupdate, every area)
and ``python -m desktop.i18n_build release`` to build the ``.qm`` files; see
docs/translating.md."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

DESKTOP = Path(__file__).resolve().parent
ROOT = DESKTOP.parent
# The languages the window is translated into (English is the source).
TARGET_LANGUAGES = ("es",)
# English's own catalogue of an area, where it has one, holds only the messages with
# plural forms: their source is the plural ("%n clips"), and English needs the form
# for one too ("1 clip"). lupdate keeps it to exactly those messages.
PLURALS_ONLY = "en"

# Which source files feed which catalogue, most specific first: a file belongs to the
# first area whose folder or file holds it. "app" is the rest of desktop/, except the
# command line (its text stays English) and this tool.
AREAS: dict[str, tuple[str, ...]] = {
    "core": ("desktop/i18n.py", "desktop/language_dialog.py"),
    "widgets": ("desktop/widgets", "desktop/map"),
    "workspace": ("desktop/workspace",),  # before "app", which takes the rest of desktop/
    "app": ("desktop",),
}
NOT_TRANSLATED = re.compile(r"^(cli|cli_\w+|i18n_build|__init__)\.py$")

_NAME = re.compile(r"^doorstep_(?P<area>[a-z0-9]+)_(?P<lang>[a-z]{2}(?:_[A-Z]{2})?)\.ts$")


def catalogue_dir() -> Path:
    """``resources/i18n`` beside ``desktop/`` in a checkout, ``db/resources/i18n`` in an
    installed wheel."""
    for candidate in (ROOT / "resources" / "i18n", ROOT / "db" / "resources" / "i18n"):
        if candidate.is_dir():
            return candidate
    return ROOT / "resources" / "i18n"


def ts_path(area: str, lang: str) -> Path:
    return catalogue_dir() / f"doorstep_{area}_{lang}.ts"


def catalogues(lang: str | None = None) -> list[Path]:
    """The ``.ts`` files present, of one language or all."""
    folder = catalogue_dir()
    found = sorted(folder.glob("doorstep_*_*.ts")) if folder.is_dir() else []
    return [p for p in found if (m := _NAME.match(p.name)) and (lang is None or m["lang"] == lang)]


def catalogue_languages() -> tuple[str, ...]:
    return tuple(sorted({m["lang"] for p in catalogues() if (m := _NAME.match(p.name))}))


def area_files(area: str) -> list[Path]:
    """The Python files whose strings go into ``area``'s catalogue."""
    claimed: dict[Path, str] = {}
    for name, roots in AREAS.items():
        for root in roots:
            path = ROOT / root
            files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
            for file in files:
                if file.is_file() and not NOT_TRANSLATED.match(file.name):
                    claimed.setdefault(file, name)
    return [file for file, name in sorted(claimed.items()) if name == area]


def tool(name: str) -> str:
    """PySide6's ``lupdate`` or ``lrelease`` (in the wheel)."""
    import PySide6

    path = Path(PySide6.__file__).parent / name
    if path.is_file():
        return str(path)
    script = Path(sys.executable).parent / f"pyside6-{name}"
    return str(script) if script.is_file() else f"pyside6-{name}"


def lupdate(area: str, lang: str, ts: Path | None = None) -> Path:
    """Extract ``area``'s strings into its ``.ts`` (or ``ts``): new strings are added
    unfinished, strings gone from the code are dropped, translations kept."""
    target = ts or ts_path(area, lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    files = [str(f) for f in area_files(area)]
    options = ["-silent", "-no-obsolete", "-locations", "none", "-source-language", "en"]
    subprocess.run(
        [tool("lupdate"), *options, "-target-language", lang, *files, "-ts", str(target)],
        check=True,
        capture_output=True,
    )
    if lang == PLURALS_ONLY:
        _keep_plurals(target)
    return target


def _keep_plurals(ts: Path) -> None:
    """Drop every message without plural forms (and contexts left empty) from ``ts``."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(ts)
    root = tree.getroot()
    for context in list(root.iter("context")):
        for message in list(context.iter("message")):
            if message.get("numerus") != "yes":
                context.remove(message)
        if context.find("message") is None:
            root.remove(context)
    ET.indent(tree, "    ")
    body = ET.tostring(root, encoding="unicode")
    text = f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n'
    fd, tmp = tempfile.mkstemp(prefix=f".{ts.stem}-", suffix=".ts", dir=ts.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, ts)


def lrelease(ts: Path, qm: Path | None = None) -> Path:
    """Build ``ts``'s ``.qm`` beside it (or at ``qm``), under a temporary name renamed
    into place, so a reader never sees half a file."""
    target = qm or ts.with_suffix(".qm")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".qm", dir=target.parent)
    os.close(fd)
    try:
        subprocess.run(
            [tool("lrelease"), "-silent", str(ts), "-qm", tmp], check=True, capture_output=True
        )
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def ensure_built(lang: str) -> list[Path]:
    """The ``.qm`` files of ``lang``, each built first when missing or older than its
    ``.ts``; a catalogue that cannot be built is left out (logged)."""
    built = []
    for ts in catalogues(lang):
        qm = ts.with_suffix(".qm")
        try:
            if not qm.is_file() or qm.stat().st_mtime < ts.stat().st_mtime:
                lrelease(ts)
            built.append(qm)
        except (OSError, subprocess.CalledProcessError) as exc:
            log.warning("could not build %s: %s", qm.name, exc)
    return built


def main(argv: list[str]) -> int:
    """``update [AREA...]``: lupdate those areas (all by default); ``release``: build
    every ``.qm``."""
    if argv[:1] == ["release"] and len(argv) == 1:
        paths = [lrelease(ts) for ts in catalogues()]
    elif argv[:1] == ["update"] and all(area in AREAS for area in argv[1:]):
        chosen = argv[1:] or list(AREAS)
        paths = [lupdate(a, lang) for a in chosen for lang in TARGET_LANGUAGES]
        # English plural forms, for the areas that keep them.
        paths += [lupdate(a, PLURALS_ONLY) for a in chosen if ts_path(a, PLURALS_ONLY).is_file()]
    else:
        areas = "|".join(AREAS)
        print(f"usage: python -m desktop.i18n_build update [{areas}...] | release", file=sys.stderr)
        return 1
    for path in paths:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
