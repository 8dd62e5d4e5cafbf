"""A clip's start in Spanish: the clip detail says where its start came from and why
it is uncertain in Spanish (the note is stored in English, a record, and read anew in
the window's language), the request's candidates say it too, and approving an
uncertain clip asks the question about its time, not about a flag."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from db.store.database import open_database
from desktop import i18n
from desktop.main_window import MainWindow
from desktop.models.candidates import CandidateRole
from tests.requests_helpers import make_doc, write_doc
from tests.test_gui_clip_time import footage_db, window

__all__ = ["footage_db", "window"]


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[QApplication]:
    i18n.install(qapp, "es")
    yield qapp
    i18n.install(qapp, "en")


def test_the_clip_detail_says_the_time_source_and_why_it_is_uncertain_in_spanish(
    qtbot, spanish: QApplication, window: MainWindow, footage_db: Path
) -> None:
    view = window.clips_view
    services = window.services
    qtbot.waitUntil(lambda: services.clips.is_loaded(0) and view.model.rowCount() == 3)
    texts: dict[str, str] = {}
    notes: dict[str, str] = {}
    for row in range(3):
        view.select_row(row)
        qtbot.waitUntil(lambda: view.detail.clip is not None)
        qtbot.waitUntil(lambda: "Hora de inicio según" in view.detail.facts.text())
        clip = view.detail.clip
        assert clip is not None
        name = clip.path.rsplit("/", 1)[-1]
        texts[name] = view.detail.facts.text()
        notes[name] = view.detail.time_note_field.text()
    assert "Hora de inicio según las carpetas y el nombre del archivo" in texts["30.00.mp4"]
    assert "Hora incierta" not in texts["30.00.mp4"]
    assert "según la hora de modificación del archivo, menos su duración" in texts["nameless.mp4"]
    assert notes["nameless.mp4"].startswith("solo la hora de modificación del archivo da una hora")
    # The name and the container disagree: the times kept, the words in Spanish.
    note = notes["15.00.mp4"]
    assert note.startswith("el nombre del archivo dice 2026-")
    assert "pero la hora de creación del contenedor dice" in note
    assert "10.0 días después" in note
    # The record stays English.
    db = open_database(footage_db)
    stored = [n for (n,) in db.execute("SELECT start_note FROM clips WHERE start_note != ''")]
    db.close()
    assert stored and all(n.startswith(("the file name says", "only the file's")) for n in stored)


def test_an_uncertain_candidate_warns_and_asks_about_its_time_in_spanish(
    qtbot, spanish: QApplication, window: MainWindow, tmp_path: Path
) -> None:
    view = window.requests_view
    with (
        qtbot.waitSignal(view.detail.loaded, timeout=10000),
        qtbot.waitSignal(window.services.requests.loaded, timeout=10000),
    ):
        window.import_request_files([write_doc(tmp_path, make_doc())])
    panel = view.detail
    model = panel.candidates
    rows = {model.index(r, 0).data(CandidateRole).path.rsplit("/", 1)[-1]: r for r in range(3)}
    disagree = rows["15.00.mp4"]
    tip = model.index(disagree, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "hora incierta: el nombre del archivo dice" in tip
    assert "hora incierta: solo la hora de modificación" in panel.text.text()

    panel.table.selectRow(disagree)
    panel.decisions.approve.click()
    qtbot.waitUntil(lambda: panel.confirm_box is not None and panel.confirm_box.isVisible())
    box = panel.confirm_box
    assert box is not None
    # The question about the time (not "a sensitive clip"), its reason in Spanish.
    assert box.windowTitle() == "¿Compartir un clip cuya hora es incierta?"
    assert "10.0 días después" in box.text()
    assert "time uncertain" not in box.text()
    box.button(QMessageBox.StandardButton.No).click()
