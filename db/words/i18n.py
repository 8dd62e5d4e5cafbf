"""The language of the messages made in db/ (rule reasons, errors the resident reads,
times and audit entries in words), without Qt: gettext catalogues written with Babel
(docs/translating.md).

Every module of db/ that makes a message for the resident writes it as
``_("Outside the area")`` or ``ngettext("%(n)d clip", "%(n)d clips", n) % {"n": n}``
and calls them when the message is made, never at import time (a module-level
constant is marked with ``N_`` and passed through ``_`` where it is shown).

The language is English until :func:`set_language` is called: the window calls it
with the language it shows, the command line with the one it speaks
(desktop/cli_language.py); everything stored (the audit trail, manifests, letters to
an agency) is made in English and reads the same on every computer. A catalogue is
``resources/locale/<code>/LC_MESSAGES/doorstep.po``; its compiled ``doorstep.mo``
beside it (``make translations``) is used when it is newer, otherwise the ``.po`` is
compiled in memory with Babel, so a checkout works without a build step and an
out-of-date ``.mo`` is never read.
"""

from __future__ import annotations

import gettext
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from db.store import words as _store_words

DOMAIN = "doorstep"
SOURCE_LANGUAGE = "en"

_ENGLISH = gettext.NullTranslations()
_current: gettext.NullTranslations = _ENGLISH
_language = SOURCE_LANGUAGE
_local = threading.local()


def locale_dir() -> Path:
    """``resources/locale`` beside ``db/`` in a checkout (or an editable install),
    ``db/resources/locale`` in an installed wheel."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "resources" / "locale", here / "resources" / "locale"):
        if candidate.is_dir():
            return candidate
    return here.parent / "resources" / "locale"


def catalogue_path(code: str) -> Path:
    return locale_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def available() -> tuple[str, ...]:
    """The languages db/ can speak: English and each language with a catalogue."""
    folder = locale_dir()
    found = sorted(p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LANGUAGE, *[code for code in found if code != SOURCE_LANGUAGE])


def compile_catalogue(po: Path) -> bytes:
    """The ``.mo`` bytes of a ``.po`` catalogue (fuzzy entries left out, as msgfmt
    does, so an unchecked translation never shows)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=po.parent.parent.name, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _load(code: str) -> gettext.NullTranslations:
    po = catalogue_path(code)
    if not po.is_file():
        return gettext.NullTranslations()
    mo = po.with_suffix(".mo")
    try:
        if mo.stat().st_mtime >= po.stat().st_mtime:
            return gettext.GNUTranslations(io.BytesIO(mo.read_bytes()))
    except OSError:
        pass  # no compiled catalogue: compile the source in memory
    return gettext.GNUTranslations(io.BytesIO(compile_catalogue(po)))


def set_language(code: str | None) -> str:
    """Speak ``code`` ("es", "es_US", "es-MX" or "en"; None is English) from now on in
    this process; a language without a catalogue is English. Returns the language used."""
    global _current, _language
    base = (code or SOURCE_LANGUAGE).replace("-", "_").split("_")[0].lower()
    if base == SOURCE_LANGUAGE or base not in available():
        _current, _language = gettext.NullTranslations(), SOURCE_LANGUAGE
    else:
        _current, _language = _load(base), base
    return _language


def language() -> str:
    """The language messages are made in now ("en", "es")."""
    return _language


@contextmanager
def english() -> Iterator[None]:
    """English on this thread while the block runs, whatever the window speaks: for
    text that is stored (a request's rule reasons and summary, kept with it) and must
    read the same on every computer."""
    before = getattr(_local, "english", False)
    _local.english = True
    try:
        yield
    finally:
        _local.english = before


def _translations() -> gettext.NullTranslations:
    return _ENGLISH if getattr(_local, "english", False) else _current


def _(message: str) -> str:
    """``message`` in the current language."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for ``n`` in the current language (Spanish and English
    both have one form for 1 and another for the rest; other languages have more).
    ``n`` must be a whole number: a fraction (1.5 days) takes ``round(n)`` or 2."""
    return _translations().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, as said in ``context`` (one English word
    that reads differently in two places: a request's "new" and a feed's "new")."""
    return _translations().pgettext(context, message)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined (a module constant); it is
    translated with :func:`_` where it is shown."""
    return message


# db.store, below db.words, makes messages too (a file that cannot be written): they
# are translated by this module's catalogue (db/store/words.py).
_store_words.use(_)

__all__ = [
    "N_",
    "_",
    "available",
    "compile_catalogue",
    "english",
    "language",
    "locale_dir",
    "ngettext",
    "pgettext",
    "set_language",
]
