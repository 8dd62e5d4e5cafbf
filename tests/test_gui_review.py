"""What a resident sees after acting in the window, checked on a real window and
database: the Audit tab shows the entries the window just wrote, an import's report names
each skipped file with its reason without more clicks, and an agency's figures give
their dates on the computer's clock."""

from __future__ import annotations

import os
from pathlib import Path

from db.audit.history import AgencyFigures
from db.clips.cameras import Camera
from db.clips.importer import ImportSummary, Skipped
from desktop.import_report import import_report
from desktop.importing import ImportJob
from desktop.widgets.agency_history import figures_text
from tests import test_gui_requests, zone_helpers
from tests.requests_helpers import PORCH, make_doc, write_doc
from tests.test_gui_requests import import_files
from tests.videos import make_clip, make_damaged

library_db = test_gui_requests.library_db
open_window = test_gui_requests.open_window
new_york = zone_helpers.new_york


def actions(model) -> list[str]:
    return [model.index(r, 2).data() for r in range(model.rowCount())]


def test_the_audit_tab_shows_entries_written_after_it_was_opened(
    qtbot,
    open_window,
    library_db: Path,
    tmp_path: Path,
) -> None:
    window = open_window(library_db)
    window.tabs.setCurrentWidget(window.audit_page)
    audit_view = window.audit_view
    model = audit_view.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)  # the camera added
    view = window.requests_view

    # Imported and decided in the Requests tab, while the Audit tab is hidden...
    window.tabs.setCurrentWidget(view)
    with qtbot.waitSignal(view.detail.loaded, timeout=10000):
        import_files(qtbot, window, [write_doc(tmp_path, make_doc())])
    with qtbot.waitSignal(view.detail.decided, timeout=10000):
        view.detail.decisions.decline_all.click()
    # ... the Audit tab shows them when the resident comes back to it.
    with qtbot.waitSignal(model.loaded, timeout=10000):
        window.tabs.setCurrentWidget(window.audit_page)
    qtbot.waitUntil(lambda: "…" not in actions(model))
    assert actions(model)[0] == "decision"
    assert {"request received", "request viewed"} <= set(actions(model))
    assert audit_view.count.text() == f"{model.rowCount()} entries"

    # An entry written while the tab is on screen shows at once; the entry the resident
    # selected stays selected.
    audit_view.table.selectRow(model.rowCount() - 1)  # the camera added
    before = model.rowCount()
    with qtbot.waitSignal(model.loaded, timeout=10000):
        window.services.cameras.add(Camera("Gate", PORCH[1], PORCH[0]))
    assert model.rowCount() == before + 1
    selected = audit_view.table.selectionModel().selectedRows()
    assert [i.row() for i in selected] == [model.rowCount() - 1]


def test_the_import_report_names_each_skipped_file_and_why(
    qtbot,
    open_window,
    library_db: Path,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "card"
    damaged = make_damaged(folder)
    make_clip(folder / "good.mp4", seconds=2, hue=5)
    window = open_window(library_db)
    camera = window.services.cameras.camera(0)
    with qtbot.waitSignal(window.services.imports.finished, timeout=60000):
        window.services.imports.start(ImportJob(camera, folder, False))
    box = window.last_report
    shown = box.text() + "\n" + box.informativeText()
    assert "1 clip added (1 with an uncertain time), 6 skipped" in shown
    for path, reason in damaged.values():
        name = os.fsencode(path.name).decode("utf-8", "backslashreplace")
        assert f"{name}: " in shown, (name, shown)
        assert reason.split(":")[0] in shown, (reason, shown)
    assert "porch-\\xff\\xfe.mp4" in shown  # a name that is not text, as the CLI shows it


def test_a_long_list_of_skipped_files_is_cut_with_the_rest_in_the_details(
    qtbot,
    open_window,
    library_db: Path,
) -> None:
    window = open_window(library_db)
    folder = Path("/media/card")
    summary = ImportSummary(
        skipped=[Skipped(str(folder / f"clip{i:02}.mp4"), "has no video stream") for i in range(30)]
    )
    camera = window.services.cameras.camera(0)
    box = import_report(window, ImportJob(camera, folder, False), summary)
    shown = box.informativeText()
    assert "clip00.mp4: has no video stream" in shown
    assert "clip29.mp4" not in shown and "and 20 more" in shown
    assert box.detailedText().count("has no video stream") == 30
    box.close()


def test_an_agencys_figures_give_its_first_day_on_the_computers_clock_and_its_name_as_text(
    new_york: str,
) -> None:
    figures = AgencyFigures(
        agency_id="pd",
        name="<b>Metro</b> & Co",
        jurisdiction="<i>King</i>",
        requests=2,
        versions=2,
        edited=0,
        withdrawn=0,
        broke_rules=0,
        answered=1,
        declined=0,
        # 02:00 UTC on the 6th is still the 5th in New York, as the Received column says.
        first_received="2026-12-06T02:00:00.000Z",
        last_received="2026-12-06T03:00:00.000Z",
    )
    text = figures_text(figures)
    assert "since 2026-12-05;" in text
    assert "&lt;b&gt;Metro&lt;/b&gt; &amp; Co" in text and "&lt;i&gt;King&lt;/i&gt;" in text
    assert "<b>&lt;b&gt;" in text  # the name itself is still shown in bold


def test_the_audit_tabs_from_date_is_greyed_until_from_is_ticked(
    qtbot,
    open_window,
    library_db: Path,
) -> None:
    window = open_window(library_db)
    window.tabs.setCurrentWidget(window.audit_page)
    view = window.audit_view
    assert not view.since.isEnabled()  # the date does not filter yet: it looks so
    with qtbot.waitSignal(view.model.loaded, timeout=10000):
        view.use_since.setChecked(True)
    assert view.since.isEnabled()
