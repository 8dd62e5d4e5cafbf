"""The documentation stands alone: docstrings, comments and docs cite pages under docs/
that exist, never the product specification kept outside the repository, and the
docs name no folder of the machine they were written on."""

from __future__ import annotations

import argparse
import dataclasses
import re
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Spelled in two parts so that this file does not name it itself.
SPEC_FILE = "SPEC" + ".md"
# Folders of the machines Doorstep is developed on; a reader has none of them.
MACHINE_PATHS = ("/" + "work/", "/" + "tmp/")
# A citation of a page: "docs/" and a file name ending in ".md".
CITED_PAGE = re.compile(r"\bdocs/([A-Za-z0-9_.-]+\.md)\b")
# A link from one page under docs/ to another: "](name.md)" or "](name.md#section)".
RELATIVE_LINK = re.compile(r"\]\(([A-Za-z0-9_.-]+\.md)(?:#[^)]*)?\)")
_SKIPPED_DIRS = {"__pycache__", "build", "node_modules"}


def _walk() -> list[str]:
    """Every file under the repository's root, outside hidden and generated folders
    (where there is no git to ask)."""
    found = []
    for path in ROOT.rglob("*"):
        parts = path.relative_to(ROOT).parts
        if any(p.startswith(".") or p in _SKIPPED_DIRS or p.endswith(".egg-info") for p in parts):
            continue
        if path.is_file():
            found.append(path.relative_to(ROOT).as_posix())
    return found


def tracked_files() -> list[str]:
    """The repository's files as git tracks them, or every file when git cannot say."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=False
        )
    except OSError:
        return _walk()
    if proc.returncode != 0:
        return _walk()
    return [name for name in proc.stdout.decode("utf-8").split("\0") if name]


def text_files() -> dict[str, str]:
    """Each tracked text file (UTF-8, no NUL byte) by its path from the root."""
    texts = {}
    for name in tracked_files():
        path = ROOT / name
        if not path.is_file():
            continue  # deleted in the working tree, not yet in git
        data = path.read_bytes()
        if b"\0" in data:
            continue
        try:
            texts[name] = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
    return texts


def _lines_with(texts: dict[str, str], needle: str) -> list[str]:
    return [
        f"{name}:{n}: {line.strip()}"
        for name, text in sorted(texts.items())
        for n, line in enumerate(text.splitlines(), start=1)
        if needle in line
    ]


def docs_pages(texts: dict[str, str]) -> dict[str, str]:
    """README.md and the pages under docs/."""
    return {
        name: text
        for name, text in texts.items()
        if name == "README.md" or (name.startswith("docs/") and name.endswith(".md"))
    }


def test_the_texts_are_found() -> None:
    texts = text_files()
    assert "README.md" in texts
    assert any(name.startswith("db/") and name.endswith(".py") for name in texts)


def test_no_file_cites_the_specification_outside_the_repository() -> None:
    found = _lines_with(text_files(), SPEC_FILE)
    assert not found, f"cite a page under docs/ instead of {SPEC_FILE}:\n" + "\n".join(found)


def test_the_docs_name_no_folder_of_this_machine() -> None:
    pages = docs_pages(text_files())
    found = [
        hit for needle in (*MACHINE_PATHS, str(ROOT) + "/") for hit in _lines_with(pages, needle)
    ]
    assert not found, "a path of this machine in the docs:\n" + "\n".join(found)


def test_every_cited_page_exists() -> None:
    texts = text_files()
    missing = [
        f"{name}: docs/{page}"
        for name, text in sorted(texts.items())
        for page in sorted(set(CITED_PAGE.findall(text)))
        if not (ROOT / "docs" / page).is_file()
    ]
    missing += [
        f"{name}: ({page})"
        for name, text in sorted(texts.items())
        if name.startswith("docs/")
        for page in sorted(set(RELATIVE_LINK.findall(text)))
        if not (ROOT / "docs" / page).is_file()
    ]
    assert not missing, "pages cited that do not exist:\n" + "\n".join(missing)


def _commands(parser: argparse.ArgumentParser, words: str = "") -> list[tuple[str, Any]]:
    """Each command as typed ("cameras add", "demo") with its own parser."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return [(words, parser)]
    return [
        leaf
        for name, sub in subs[0].choices.items()
        for leaf in _commands(sub, f"{words} {name}".strip())
    ]


def test_every_command_option_rule_and_setting_is_documented() -> None:
    """docs/cli.md names every command and option of the parser; docs/rules.md every
    rule and setting."""
    from db.requests.request_types import RuleSettings
    from db.requests.rules import RULE_NAMES
    from desktop.cli import build_parser

    cli_page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    commands = _commands(build_parser())
    assert len(commands) > 20
    for words, parser in commands:
        assert f"`{words}" in cli_page, f"docs/cli.md does not show `{words}`"
        for action in parser._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert option in cli_page, f"docs/cli.md: `{words}` {option}"

    rules_page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in RULE_NAMES:
        assert f"| `{rule}` |" in rules_page, f"docs/rules.md: the rule {rule}"
    for setting in dataclasses.fields(RuleSettings):
        assert f"| `{setting.name}` |" in rules_page, f"docs/rules.md: {setting.name}"
