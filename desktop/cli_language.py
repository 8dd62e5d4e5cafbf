"""The command line's language (docs/translating.md): the preference the window uses
(``language`` in ``settings.ini``), otherwise the system's, as gettext reads it
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``); English when Doorstep has none
of them. Read without Qt (a command starts in milliseconds) and without creating the
settings folder."""

from __future__ import annotations

import configparser
import os
from collections.abc import Mapping

from db.store import paths
from db.words import i18n

# desktop.preferences.LANGUAGE_KEY ("General/language") as QSettings writes it in an
# ini file: the group is the section, and a group called "general" in any case is
# written "%General" (plain [General] holds the keys outside any group).
_SECTIONS, _KEY = ("%General", "general"), "language"


def preference() -> str:
    """The ``language`` preference ("system", "en", "es"); "system" when it is unset or
    the settings cannot be read."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(paths.settings_file(create=False), encoding="utf-8")
    except (OSError, configparser.Error, UnicodeDecodeError):
        return "system"
    for section in _SECTIONS:
        value = parser.get(section, _KEY, fallback="").strip().strip('"')
        if value:
            return value
    return "system"


def system_languages(environ: Mapping[str, str] | None = None) -> list[str]:
    """The system's languages in gettext's order: the first of ``LANGUAGE`` (a list
    separated by colons), ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return [part for part in value.split(":") if part]
    return []


def choose(chosen: str, system: list[str]) -> str:
    """The language to speak: ``chosen`` unless it is "system", else the first of
    ``system`` Doorstep has ("C" and "POSIX" are English)."""
    if chosen != "system":
        return chosen
    have = i18n.available()
    for code in system:
        base = code.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
        if base in ("c", "posix"):
            return i18n.SOURCE_LANGUAGE
        if base in have:
            return base
    return i18n.SOURCE_LANGUAGE


def start() -> str:
    """Set the language of everything the command prints, argparse's own words
    included; returns it."""
    from desktop import cli_argparse

    cli_argparse.speak()
    return i18n.set_language(choose(preference(), system_languages()))
