"""The catalogues are complete (docs/translating.md): every message of the Spanish
gettext catalogue (db/) and of every Qt Linguist file (desktop/) is translated, none is
unfinished or fuzzy, each keeps its source's placeholders; and each catalogue holds
exactly the strings the code has now, extracted anew here (a string added to the code
and not to the catalogue fails, as does one left in the catalogue after the code lost
it)."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from db.words import i18n as db_i18n
from desktop import i18n_build

ROOT = Path(__file__).resolve().parent.parent
PO_FILES = sorted((ROOT / "resources" / "locale").glob("*/LC_MESSAGES/doorstep.po"))
# gettext's: %s, %d, %(name)s, %(n)d (not %%); str.format's {name}; Qt's %n, %1..%99.
PY_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxX]|\{\w*\}")
QT_PLACEHOLDER = re.compile(r"%(?:n|L?\d{1,2})|\{\w*\}")


def placeholders(text: str, pattern: re.Pattern[str]) -> Counter[str]:
    return Counter(pattern.findall(text.replace("%%", "")))


def test_there_is_a_spanish_catalogue_for_db_and_for_the_window() -> None:
    assert [p.parent.parent.name for p in PO_FILES] == ["es"]
    assert i18n_build.catalogues("es"), "no Qt Linguist file for Spanish"
    assert "es" in db_i18n.available()


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parent.parent.name)
def test_every_message_made_in_db_is_translated_with_its_placeholders(po: Path) -> None:
    with po.open("rb") as fh:
        catalog = read_po(fh)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        string = message.string or ""
        forms = [string] if isinstance(string, str) else list(string)
        if message.fuzzy:
            problems.append(f"fuzzy: {ids[0]!r}")
        if not all(forms):
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        # The first form (one, in English and Spanish) has the singular's placeholders:
        # pybabel compile refuses one the singular lacks ("Upload this file").
        for k, form in enumerate(forms):
            source = ids[0] if k == 0 else ids[-1]
            if placeholders(form, PY_PLACEHOLDER) != placeholders(source, PY_PLACEHOLDER):
                problems.append(f"placeholders differ: {source!r} -> {form!r}")
    assert not problems, "\n".join(problems)


def extracted_from_db() -> set[str | tuple[str, ...]]:
    """The messages made in db/ and the command line's, as babel.cfg names them."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    assert ("db/**.py", "python") in method_map
    assert ("desktop/cli_*.py", "python") in method_map
    found: set[str | tuple[str, ...]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, options_map=options_map
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parent.parent.name)
def test_the_db_catalogue_holds_exactly_the_messages_in_the_code(po: Path) -> None:
    with po.open("rb") as fh:
        catalog = read_po(fh)
    listed = {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}
    code = extracted_from_db()
    assert not code - listed, f"not in {po.name} (make translations-update): {code - listed}"
    assert not listed - code, f"gone from the code, still in {po.name}: {listed - code}"


def ts_messages(path: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


@pytest.mark.parametrize("ts", i18n_build.catalogues(), ids=lambda p: p.name)
def test_every_window_string_is_translated_with_its_placeholders(ts: Path) -> None:
    problems = []
    for context, message in ts_messages(ts):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        where = f"{context}: {source!r}"
        if translation is None or translation.get("type") in ("unfinished", "obsolete"):
            problems.append(f"unfinished: {where}")
            continue
        if translation.get("type") == "vanished":
            problems.append(f"gone from the code: {where}")
            continue
        forms = [f.text or "" for f in translation.iter("numerusform")]
        if message.get("numerus") != "yes":
            forms = [translation.text or ""]
        if not all(forms):
            problems.append(f"untranslated: {where}")
            continue
        wanted = placeholders(source, QT_PLACEHOLDER)
        for form in forms:
            # A plural form for one may say the number in words ("un clip"), not %n.
            got = placeholders(form, QT_PLACEHOLDER)
            if message.get("numerus") == "yes":
                got["%n"], wanted["%n"] = 0, 0
            if +got != +wanted:
                problems.append(f"placeholders differ: {where} -> {form!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("area", list(i18n_build.AREAS))
@pytest.mark.parametrize("lang", i18n_build.TARGET_LANGUAGES)
def test_each_window_catalogue_holds_exactly_the_strings_in_the_code(
    area: str, lang: str, tmp_path: Path
) -> None:
    """lupdate run anew on a copy of the committed file: it must add nothing (a new string
    would come in unfinished) and drop nothing (a string the code lost)."""
    committed = i18n_build.ts_path(area, lang)
    fresh = tmp_path / committed.name
    if committed.is_file():
        shutil.copyfile(committed, fresh)
    i18n_build.lupdate(area, lang, fresh)
    before = (
        {(c, m.findtext("source"), m.findtext("comment")) for c, m in ts_messages(committed)}
        if committed.is_file()
        else set()
    )
    after = {(c, m.findtext("source"), m.findtext("comment")) for c, m in ts_messages(fresh)}
    added, dropped = after - before, before - after
    assert not added, f"not in {committed.name} (make translations-update): {sorted(added)}"
    assert not dropped, f"gone from the code, still in {committed.name}: {sorted(dropped)}"


def test_every_window_module_is_in_one_catalogue_and_the_command_line_in_none() -> None:
    desktop = ROOT / "desktop"
    files = {p for p in desktop.rglob("*.py") if p.name != "__init__.py"}
    command_line = {p for p in files if p.parent == desktop and p.name.startswith("cli")}
    command_line = {p for p in command_line if p.stem == "cli" or p.stem.startswith("cli_")}
    areas = {area: set(i18n_build.area_files(area)) for area in i18n_build.AREAS}
    covered = [p for found in areas.values() for p in found]
    assert len(covered) == len(set(covered)), "a module is in two catalogues"
    assert not command_line & set(covered), "the command line's text stays English"
    tool = desktop / "i18n_build.py"
    assert files - command_line - {tool} == set(covered)
    assert desktop / "models" / "clips.py" in areas["app"]
    assert desktop / "widgets" / "clip_detail.py" in areas["widgets"]


def test_the_build_step_makes_a_qm_for_every_ts_and_refuses_an_unknown_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert i18n_build.main(["release"]) == 0
    built = capsys.readouterr().out.split()
    assert built == [str(ts.with_suffix(".qm").relative_to(ROOT)) for ts in i18n_build.catalogues()]
    assert all((ROOT / name).stat().st_size > 0 for name in built)
    assert i18n_build.main(["update", "nowhere"]) == 1
    assert "usage: python -m desktop.i18n_build" in capsys.readouterr().err


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parent.parent.name)
def test_each_po_compiles_as_the_set_up_compiles_it(po: Path, tmp_path: Path) -> None:
    """`make translations` runs `pybabel compile`, whose checks (a placeholder in a
    translation that its message does not have, say) fail the set-up: run them here."""
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "compile",
            "-D",
            "doorstep",
            "-i",
            str(po),
            "-o",
            str(tmp_path / "doorstep.mo"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "error" not in done.stderr, done.stderr
