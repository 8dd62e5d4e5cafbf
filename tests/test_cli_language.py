"""The command line speaks the language the window would (docs/translating.md): the
preference ``language`` first, otherwise the system's (LANGUAGE, LC_ALL, LC_MESSAGES,
LANG); English text stays as it was, and machine-readable lines never change."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.words import i18n
from desktop import cli_language
from desktop.cli import main
from tests.requests_helpers import make_doc, write_doc

LANGUAGE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """main() sets the process's language: the tests after this one read English."""
    yield
    i18n.set_language("en")


def speak(monkeypatch: pytest.MonkeyPatch, **env: str) -> None:
    for name in LANGUAGE_VARS:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_spanish_for_the_empty_list_an_error_and_the_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "d.sqlite3")
    speak(monkeypatch, LANGUAGE="es")
    code, out, _err = run(capsys, "--db", db, "requests", "list")
    assert code == 0
    assert out.startswith("Todavía no hay solicitudes. Importe una: doorstep import-request FILE")

    code, out, err = run(capsys, "--db", db, "rules", "set", "nope", "1")
    assert code == 1 and out == ""
    assert err.startswith("doorstep: rules: ajuste desconocido 'nope' (conocidos: ")
    assert err.count("\n") == 1

    # `rules show` prints the settings as `rules set` takes them: the same in every
    # language; its help is translated.
    _code, spanish, _err = run(capsys, "--db", db, "rules", "show")
    _code, spanish_json, _err = run(capsys, "--db", db, "rules", "show", "--json")
    with pytest.raises(SystemExit):
        main(["rules", "--help"])
    assert "mostrar los ajustes de las reglas" in capsys.readouterr().out
    speak(monkeypatch, LANGUAGE="en")
    _code, english, _err = run(capsys, "--db", db, "rules", "show")
    _code, english_json, _err = run(capsys, "--db", db, "rules", "show", "--json")
    assert spanish == english and "max_window_hours = " in english
    assert json.loads(spanish_json) == json.loads(english_json)


def test_plurals_in_spanish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "d.sqlite3")
    speak(monkeypatch, LANG="es_US.UTF-8")
    _code, out, _err = run(capsys, "--db", db, "rules", "set", "max_window_hours", "9")
    assert out == "max_window_hours = 9; 0 solicitudes comprobadas de nuevo.\n"
    assert main(["--db", db, "import-request", str(write_doc(tmp_path, make_doc()))]) == 0
    capsys.readouterr()
    _code, out, _err = run(capsys, "--db", db, "rules", "set", "max_window_hours", "10")
    assert out == "max_window_hours = 10; 1 solicitud comprobada de nuevo.\n"
    speak(monkeypatch, LANGUAGE="en")
    _code, out, _err = run(capsys, "--db", db, "rules", "set", "max_window_hours", "11")
    assert out == "max_window_hours = 11; 1 request checked again.\n"


def test_the_preference_wins_over_the_system_and_reading_it_creates_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    isolated: Path,
) -> None:
    db = str(tmp_path / "d.sqlite3")
    speak(monkeypatch, LANGUAGE="es")
    run(capsys, "--db", db, "requests", "list")
    assert not isolated.exists(), "reading the preference made the data folder"

    from desktop import preferences

    preferences.save(preferences.Preferences(language="en"))
    _code, out, _err = run(capsys, "--db", db, "requests", "list")
    assert out.startswith("No requests yet.")
    preferences.save(preferences.Preferences(language="es"))
    speak(monkeypatch, LANGUAGE="en", LANG="en_US.UTF-8")
    _code, out, _err = run(capsys, "--db", db, "requests", "list")
    assert out.startswith("Todavía no hay solicitudes.")
    assert cli_language.preference() == "es"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"LANG": "es_US.UTF-8"}, "es"),
        ({"LANGUAGE": "fr:es", "LANG": "en_US.UTF-8"}, "es"),  # the first it has
        ({"LC_ALL": "es_MX.UTF-8", "LANG": "en_US.UTF-8"}, "es"),
        ({"LC_MESSAGES": "C", "LANG": "es_US.UTF-8"}, "en"),
        ({"LANGUAGE": "de", "LANG": "es_US.UTF-8"}, "en"),  # LANGUAGE alone is read
    ],
)
def test_the_system_language_is_read_as_gettext_reads_it(
    env: dict[str, str], expected: str
) -> None:
    assert cli_language.choose("system", cli_language.system_languages(env)) == expected
    assert cli_language.choose("en", cli_language.system_languages(env)) == "en"
