"""Typed preferences of this computer's installation, kept apart from window state
(geometry, splitters) and from the resident's data (which is in the database). Stored
in ``settings.ini`` in the settings folder (db/store/paths.py); tests redirect it with
DOORSTEP_DATA_DIR.

``DOORSTEP_BASE_MAP`` overrides the base map for one run (the tests and benchmarks set
it to ``none`` so they never fetch tiles from the internet)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import QSettings

from db.store import paths
from desktop.map.tiles import OSM_URL_TEMPLATE, TileSource

BASE_MAP_KEY = "map/base_map"
BLUR_FACES_KEY = "redaction/blur_faces"
SPEED_KEY = "redaction/reencode_speed"
# "General", not "general": QSettings writes either group as "[%General]" in the file
# but reads it back as "General", so a lower-case key was never found at the next start.
LANGUAGE_KEY = "General/language"
# "system" follows the computer's languages; a code ("en", "es") names one.
LANGUAGE_CHOICES = ("system", "en", "es")


@dataclass(frozen=True)
class Preferences:
    base_map: str = OSM_URL_TEMPLATE  # an XYZ URL template, an .mbtiles path, or "none"
    # Faces are hidden in what is shared unless the resident turns it off for a request.
    blur_faces: bool = True
    # The window's language from its next start (desktop/i18n.py).
    language: str = "system"

    def tile_source(self) -> TileSource | None:
        """The base map's tile source; raises TileSourceError for an unusable setting."""
        return TileSource.parse(self.base_map)


def _store(*, create: bool = False) -> QSettings:
    """The settings file; reading never creates a folder (a command that only reads,
    such as ``snapshot``, leaves the disk as it was)."""
    return QSettings(str(paths.settings_file(create=create)), QSettings.Format.IniFormat)


def load() -> Preferences:
    store = _store()
    blur = str(store.value(BLUR_FACES_KEY, "true")).lower() not in ("false", "0", "no")
    language = str(store.value(LANGUAGE_KEY, Preferences.language))
    if language not in LANGUAGE_CHOICES:
        language = Preferences.language  # a value this version does not know
    override = os.environ.get("DOORSTEP_BASE_MAP")
    value = override if override is not None else store.value(BASE_MAP_KEY, Preferences.base_map)
    return Preferences(base_map=str(value), blur_faces=blur, language=language)


def save(prefs: Preferences) -> None:
    TileSource.parse(prefs.base_map)  # refuse what could not be used
    if prefs.language not in LANGUAGE_CHOICES:
        raise ValueError(f"unknown language {prefs.language!r}")
    store = _store(create=True)
    store.setValue(LANGUAGE_KEY, prefs.language)
    store.setValue(BASE_MAP_KEY, prefs.base_map)
    store.setValue(BLUR_FACES_KEY, "true" if prefs.blur_faces else "false")
    store.sync()


def reencode_speed() -> float | None:
    """Seconds of video re-encoded with redactions per second of work, as last measured
    on this computer (for the review's estimates), or None before the first."""
    try:
        value = float(_store().value(SPEED_KEY, 0.0))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return value if value > 0 else None


def remember_reencode_speed(speed: float) -> None:
    store = _store(create=True)
    store.setValue(SPEED_KEY, round(speed, 3))
    store.sync()
