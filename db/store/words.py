"""The messages db.store makes for the resident (why a file or the database cannot be
written, an OS error's reason) in the language of the rest of db/ (docs/translating.md).

db.store is the data layer's lowest package: it may not import db.words (the layers in
pyproject.toml), so it cannot ask the catalogue itself. db.words.i18n hands it the
translator when it is imported, which is before any language but English can be set;
until then a message is the English as written. A message is translated when it is
made, as everywhere in db/ (``db.words.i18n.english()`` keeps a record English).
"""

from __future__ import annotations

from collections.abc import Callable


def _english(message: str) -> str:
    return message


_translate: Callable[[str], str] = _english


def _(message: str) -> str:
    """``message`` in the current language of db/ (English until db.words.i18n says)."""
    return _translate(message)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; translated with ``_``."""
    return message


def use(translate: Callable[[str], str]) -> None:
    """Translate db.store's messages with ``translate`` (db.words.i18n's ``_``)."""
    global _translate
    _translate = translate
