"""The window's language: chosen at start from the preference ("system", "en", "es")
or else the system's languages, then Qt's own strings (qtbase_<lang>.qm from Qt's
translations folder), the window's catalogues (every ``doorstep_<area>_<lang>.qm`` in
``resources/i18n``) and db/'s messages (:func:`db.words.i18n.set_language`) all in
that language. docs/translating.md has the catalogues' workflow.

The command line never calls this: its text stays English."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from db.words import i18n as db_i18n
from desktop import i18n_build

SOURCE_LANGUAGE = "en"
SYSTEM = "system"
# Each language's name in that language: the resident looks for the one they read.
NAMES = {"en": "English", "es": "Español"}

log = logging.getLogger(__name__)
_installed: list[QTranslator] = []


def languages() -> tuple[str, ...]:
    """English and every language the window has catalogues for."""
    others = i18n_build.catalogue_languages()
    return (SOURCE_LANGUAGE, *(code for code in others if code != SOURCE_LANGUAGE))


def base_language(tag: str) -> str:
    """ "es" of "es-US", "es_MX.UTF-8" or "ES"."""
    return tag.replace("-", "_").split("_")[0].split(".")[0].lower()


def system_language(ui_languages: Sequence[str] | None = None) -> str:
    """The first of the resident's languages (most wanted first) that Doorstep has;
    English when none is. ``ui_languages`` defaults to the default locale's list: the
    system's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG on Linux) unless
    ``QLocale.setDefault`` changed it."""
    wanted = QLocale().uiLanguages() if ui_languages is None else ui_languages
    have = languages()
    for tag in wanted:
        code = base_language(tag)
        if code in have:
            return code
    return SOURCE_LANGUAGE


def resolve(preference: str, ui_languages: Sequence[str] | None = None) -> str:
    """The language to show: the preference when it names one Doorstep has,
    otherwise the system's."""
    if preference in languages():
        return preference
    return system_language(ui_languages)


def install(app: QCoreApplication, code: str) -> list[Path]:
    """Show ``code`` from now on: removes the translators installed before, loads Qt's
    own and the window's catalogues for it, and sets db/'s messages to it. Windows
    made before keep their text (the preference says so: it applies at the next
    start). Returns the catalogue files loaded."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    db_i18n.set_language(code)
    # English is the source: of its catalogues only the plural forms (i18n_build).
    qt = None if code == SOURCE_LANGUAGE else _qt_catalogue(code)
    files = [p for p in (qt,) if p is not None]
    files += i18n_build.ensure_built(code)
    loaded = []
    for path in files:
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(path)
        else:
            log.warning("could not load the catalogue %s", path)
    return loaded


def apply_preference(app: QCoreApplication, preference: str) -> str:
    """Resolve the language from the preference and the system, and install it."""
    code = resolve(preference)
    install(app, code)
    return code


def _qt_catalogue(code: str) -> Path | None:
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    path = folder / f"qtbase_{code}.qm"
    return path if path.is_file() else None
