"""The window's language (docs/translating.md): in Spanish the window shows Qt's own
strings, its own and db/'s messages in Spanish with the right plural, while what is
stored stays English; the language follows the system (LANGUAGE, LANG, or the default
locale) unless the preference names one."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from db.audit.words import details_text
from db.redaction.masks import MaskError, check_name
from db.words import i18n as db_i18n
from db.words.counts import count, rule_counts
from db.words.timewords import relative
from desktop import i18n, preferences
from desktop.app import start_language
from desktop.language_dialog import LanguageDialog, choose_language
from desktop.models.requests import COL
from tests import test_gui_requests
from tests.requests_helpers import make_doc, write_doc
from tests.test_gui_requests import import_files

ROOT = Path(__file__).resolve().parent.parent
library_db = test_gui_requests.library_db
open_window = test_gui_requests.open_window


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The application, back in English with the default locale after the test."""
    locale = QLocale()
    yield qapp
    QLocale.setDefault(locale)
    i18n.install(qapp, "en")


def test_in_spanish_the_window_shows_qt_and_db_messages_in_spanish(
    qtbot, app: QApplication, open_window, library_db: Path, tmp_path: Path
) -> None:
    loaded = i18n.install(app, "es")
    assert {p.name for p in loaded} >= {"qtbase_es.qm", "doorstep_core_es.qm"}
    window = open_window(library_db)
    view = window.requests_view
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc(retention_days=None))])
    # A rule's reason made in db/, and the rules' summary with its plural.
    text = view.detail.text.text()
    assert "La solicitud no dice cuánto tiempo conservará la agencia las grabaciones." in text
    assert "en 14 días" in text or "en 13 días" in text
    assert view.proxy.index(0, COL["rules"]).data() == "2 advertencias"
    # The window's own strings and Qt's (the standard buttons).
    dialog = LanguageDialog("system", window)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Idioma"
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    assert sorted(b.text() for b in buttons.buttons()) == ["Aceptar", "Cancelar"]
    # What is stored with the request (its rule results) stays English.
    with sqlite3.connect(library_db) as db:
        reasons = [r for (r,) in db.execute("SELECT reason FROM request_rules")]
        summary = db.execute("SELECT rule_summary FROM requests").fetchone()[0]
    assert "The request does not say how long the agency will keep the footage." in reasons
    assert summary == "2 warnings"


def test_db_messages_and_their_plurals_follow_the_language(app: QApplication) -> None:
    now = datetime.now(UTC)
    assert [rule_counts(1, 0), rule_counts(2, 1), count(1, "day"), count(2, "day")] == [
        "1 block",
        "2 blocks, 1 warning",
        "1 day",
        "2 days",
    ]
    i18n.install(app, "es")
    assert [rule_counts(1, 0), rule_counts(2, 1), count(1, "day"), count(2, "day")] == [
        "1 bloqueo",
        "2 bloqueos, 1 advertencia",
        "1 día",
        "2 días",
    ]
    assert relative(now + timedelta(days=1, hours=20), now) == "en 1 día y 20 horas"
    assert relative(now - timedelta(minutes=1), now) == "hace 1 minuto"
    # An audit entry in words and a refusal the window shows.
    entry = {"state": "approved", "sensitive_confirmed": False, "rules": [["area", "block"]]}
    assert details_text(entry) == (
        "Estado: aprobado · Sensible: sin confirmar · Reglas: área: bloquea"
    )
    with pytest.raises(MaskError, match=r"^nombre: una máscara de privacidad necesita"):
        check_name(" ")
    # A block of code that makes stored text speaks English meanwhile.
    with db_i18n.english():
        assert relative(now - timedelta(minutes=5), now) == "5 minutes ago"
    i18n.install(app, "en")
    assert db_i18n.language() == "en"
    assert relative(now - timedelta(minutes=1), now) == "1 minute ago"


def system_language_in_child(env: dict[str, str]) -> str:
    """The language a fresh process picks from its environment (the system's)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LANG", "LC_"))}
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from desktop.i18n import system_language; print(system_language())",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_the_language_follows_the_system() -> None:
    assert system_language_in_child({"LANG": "es_US.UTF-8"}) == "es"
    assert system_language_in_child({"LANGUAGE": "es_MX:en", "LANG": "en_US.UTF-8"}) == "es"
    assert system_language_in_child({"LANG": "en_US.UTF-8"}) == "en"
    # A language Doorstep does not have is passed over for the next one, else English.
    assert system_language_in_child({"LANGUAGE": "fr:es", "LANG": "fr_FR.UTF-8"}) == "es"
    assert system_language_in_child({"LANG": "de_DE.UTF-8"}) == "en"


def test_the_preference_overrides_the_system(app: QApplication) -> None:
    QLocale.setDefault(QLocale("es_US"))
    assert preferences.load().language == "system"
    assert start_language(app) == "es"
    assert db_i18n.language() == "es"
    preferences.save(preferences.Preferences(base_map="none", language="en"))
    assert start_language(app) == "en"
    assert db_i18n.language() == "en"
    QLocale.setDefault(QLocale("en_US"))
    preferences.save(preferences.Preferences(base_map="none", language="es"))
    assert start_language(app) == "es"
    assert i18n.resolve("en", ["es-US"]) == "en"
    assert i18n.resolve("system", ["es-US", "en-US"]) == "es"


def test_the_language_dialog_saves_the_choice_for_the_next_start(qtbot, app) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = choose_language(parent)
    codes = [dialog.choice.itemData(i) for i in range(dialog.choice.count())]
    assert codes == ["system", "en", "es"]
    assert dialog.choice.itemText(2) == "Español"
    dialog.choice.setCurrentIndex(2)
    dialog.accept()
    assert preferences.load().language == "es"
    dialog = choose_language(parent)
    assert dialog.chosen() == "es"
    dialog.reject()
    assert preferences.load().language == "es"
