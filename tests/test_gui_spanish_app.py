"""The window's own parts in Spanish (resources/i18n/doorstep_app_es.ts): menus, tabs,
the status bar, the tables' headers and notifications, with the plural each count
needs, and the window still fits 1280×800; in English every text reads as before."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from db.holds.holds import HoldState
from desktop import i18n
from desktop.hold_words import hold_words, holders
from desktop.models.clips import COL as CLIP_COL
from desktop.models.requests import COL as REQUEST_COL
from desktop.models.requests import status_text
from tests import test_gui_requests

library_db = test_gui_requests.library_db
open_window = test_gui_requests.open_window


def no_two_alike(texts: list[str]) -> bool:
    keys = [t[t.index("&") + 1].lower() for t in texts if "&" in t.replace("&&", "")]
    return len(keys) == len(set(keys))


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[QApplication]:
    i18n.install(qapp, "es")
    yield qapp
    i18n.install(qapp, "en")


def test_the_window_speaks_spanish_and_fits(
    qtbot, spanish: QApplication, open_window, library_db: Path
) -> None:
    window = open_window(library_db)
    menus = [a.text() for a in window.menuBar().actions()]
    assert {"&Archivo", "&Cámaras", "C&lips", "&Ver", "&Solicitudes", "Ay&uda"} <= set(menus)
    assert window.commands["import"].text() == "&Importar carpeta…"
    # Alt and a letter reaches one menu, and in a menu one command.
    assert no_two_alike(menus)
    for action in window.menuBar().actions():
        menu = action.menu()
        assert menu is not None
        assert no_two_alike([a.text() for a in menu.actions() if not a.isSeparator()]), [
            a.text() for a in menu.actions()
        ]
    assert window.commands["hold-clip"].statusTip().startswith("Guardar una copia verificada")
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs[:3] == ["Solicitudes", "Clips", "Registro de auditoría"]
    assert window.map_dock.windowTitle() == "Mapa"
    # The status bar's parts, short enough to sit side by side.
    assert window.zone_label.text().startswith("Horas en ")
    assert window.audit_indicator.button.text() == "Comprobar"
    qtbot.waitUntil(lambda: window.holds.indicator.usage is not None, timeout=10000)
    assert window.holds.indicator.label.text().startswith("Pruebas: ")
    # The tables' headers and words.
    horizontal = Qt.Orientation.Horizontal
    clips = window.services.clips
    assert clips.headerData(CLIP_COL["hold"], horizontal) == "Copia"
    assert clips.headerData(CLIP_COL["duration"], horizontal) == "Duración"
    requests = window.services.requests
    assert requests.headerData(REQUEST_COL["status"], horizontal) == "Estado"
    assert status_text("needs decision") == "Por decidir"
    # Everything visible at 1280×800 without the window growing.
    assert window.minimumSizeHint().width() <= 1280
    # A notification, in the singular and the plural.
    for count, title in ((1, "Nueva solicitud de grabaciones"), (3, "3 nuevas solicitudes")):
        window.announcer.add(count)
        qtbot.waitUntil(
            lambda title=title: (window.notifier.last_message or "").startswith(title),
            timeout=5000,
        )
    assert window.notifier.last_message == (
        "3 nuevas solicitudes de grabaciones: Abra Doorstep para ver qué se pide y cómo se "
        "compara con sus reglas."
    )


def test_hold_words_in_spanish_and_english(spanish: QApplication) -> None:
    one = HoldState(clip_id=1, held=True, held_for=[4])
    two = HoldState(clip_id=1, held=True, held_for=[4, 5, "resident"])
    lost = HoldState(clip_id=1, held=False, source="lost")
    assert holders(one) == "1 solicitud"
    assert holders(two) == "2 solicitudes y usted"
    assert hold_words(one).tip == "Conservado. Se conserva una copia verificada para 1 solicitud."
    assert hold_words(lost).text == "Perdido desde un momento desconocido"
    i18n.install(spanish, "en")
    assert holders(one) == "1 request"
    assert holders(two) == "2 requests and you"
    assert hold_words(one).tip == "Held. A verified copy is held for 1 request."
    assert hold_words(lost).text == "Lost since an unknown time"


def test_audit_actions_read_in_the_window_language_stored_in_english(
    spanish: QApplication,
) -> None:
    """The Audit tab says an entry's action in Spanish; the entry keeps its English
    action (it is hashed into the chain), and an action it does not know shows as is."""
    from db.audit.trail import ACTIONS
    from desktop.models.audit import ACTION_WORDS, action_text

    assert set(ACTION_WORDS) == set(ACTIONS)
    assert action_text("camera added") == "cámara agregada"
    assert action_text("clip held") == "clip conservado"
    assert action_text("something new") == "something new"
