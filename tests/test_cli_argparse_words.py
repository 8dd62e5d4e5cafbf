"""argparse's own words (usage, the titles of the help's sections, its errors) in the
command line's language (desktop/cli_argparse.py); in English exactly argparse's."""

from __future__ import annotations

import argparse
import inspect
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.words import i18n
from desktop import cli_argparse
from desktop.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def doorstep(*argv: str, language: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env["LANGUAGE"] = language
    return subprocess.run(
        [sys.executable, "main.py", *argv], cwd=ROOT, capture_output=True, text=True, env=env
    )


def test_help_in_spanish() -> None:
    proc = doorstep("--help", language="es")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("uso: doorstep [-h] [--db DB] [--demo] [--version] COMMAND ...\n"), out
    assert "\nargumentos posicionales:\n" in out
    assert "\nopciones:\n" in out
    assert "  -h, --help  " in out and "mostrar este mensaje de ayuda y salir" in out
    for english in ("usage:", "positional arguments", "options:", "show this help"):
        assert english not in out


def test_a_missing_argument_and_a_wrong_choice_in_spanish() -> None:
    proc = doorstep("cameras", "add", "Porch", language="es")
    assert proc.returncode == 2 and proc.stdout == ""
    last = proc.stderr.splitlines()[-1]
    assert last == (
        "doorstep cameras add: error: faltan los siguientes argumentos obligatorios: --lat, --lon"
    )
    assert proc.stderr.startswith("uso: doorstep cameras add ")

    proc = doorstep("cameras", "nothing", language="es")
    assert proc.returncode == 2
    assert "error: argumento ACTION: opción no válida: 'nothing' (elija entre " in proc.stderr

    proc = doorstep("cameras", "list", "--bogus", language="es")
    assert proc.stderr.splitlines()[-1] == ("doorstep: error: argumentos no reconocidos: --bogus")


def test_english_is_argparses_own(capsys: pytest.CaptureFixture[str]) -> None:
    proc = doorstep("cameras", "add", "Porch", language="en")
    assert proc.stderr.splitlines()[-1] == (
        "doorstep cameras add: error: the following arguments are required: --lat, --lon"
    )
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: doorstep ") and "\noptions:\n" in out


def test_a_counted_argparse_message_in_spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "es")
    parser = argparse.ArgumentParser(prog="p", exit_on_error=False)
    parser.add_argument("--pair", nargs=2)
    from desktop import cli_language

    cli_language.start()
    with pytest.raises(argparse.ArgumentError) as caught:
        parser.parse_args(["--pair", "1"])
    assert str(caught.value) == "argumento --pair: se esperaban 2 argumentos"
    assert cli_argparse.expected_arguments(1) == "se esperaba %s argumento"


def test_the_words_are_argparses_in_this_python() -> None:
    """Each message listed is one argparse asks gettext for, word for word: a Python
    that rewords one fails here (and the new wording is listed)."""
    source = inspect.getsource(argparse)
    for message in cli_argparse.WORDS:
        assert repr(message) in source or f'"{message}"' in source, message
    assert "'expected %s argument'" in source and "'expected %s arguments'" in source
