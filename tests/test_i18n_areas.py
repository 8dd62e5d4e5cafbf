"""The window's catalogues by area: which source files feed which (the command line,
cli.py and cli_*.py, stays English; every other module of the window is in one area),
English's plural forms (its catalogue holds exactly the code's messages with plurals),
and the widgets speaking Spanish and English with the right plural."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop import i18n
from desktop.i18n_build import PLURALS_ONLY, ROOT, area_files, catalogues, lupdate


def _names(area: str) -> set[str]:
    return {str(p.relative_to(ROOT)) for p in area_files(area)}


def test_the_clips_modules_are_translated_and_the_command_line_is_not() -> None:
    widgets, app = _names("widgets"), _names("app")
    assert {"desktop/widgets/clip_detail.py", "desktop/widgets/clips_view.py"} <= widgets
    assert "desktop/models/clips.py" in app
    everything = widgets | app | _names("core")
    assert not {"desktop/cli.py", "desktop/cli_requests.py", "desktop/cli_output.py"} & everything


def _messages(ts: Path) -> set[tuple[str, str, str | None]]:
    root = ET.parse(ts).getroot()
    return {
        (c.findtext("name") or "", m.findtext("source") or "", m.get("numerus"))
        for c in root.iter("context")
        for m in c.iter("message")
    }


@pytest.mark.parametrize("ts", catalogues(PLURALS_ONLY), ids=lambda p: p.name)
def test_an_english_catalogue_holds_exactly_the_plurals_of_its_area(
    ts: Path, tmp_path: Path
) -> None:
    area = ts.name.removeprefix("doorstep_").removesuffix(f"_{PLURALS_ONLY}.ts")
    fresh = tmp_path / ts.name
    shutil.copyfile(ts, fresh)
    lupdate(area, PLURALS_ONLY, fresh)
    assert _messages(fresh) == _messages(ts)
    assert {numerus for _c, _s, numerus in _messages(ts)} == {"yes"}
    assert i18n.languages().count("en") == 1


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    i18n.install(qapp, "en")


def test_the_widgets_say_one_and_many_in_english_and_in_spanish(qtbot, app) -> None:
    from desktop.widgets.decision_bar import ShareBar
    from desktop.widgets.empty_state import EmptyState

    i18n.install(app, "en")
    welcome, share = EmptyState(), ShareBar()
    qtbot.addWidget(welcome)
    qtbot.addWidget(share)
    welcome.set_state(cameras=1)
    assert "You have 1 camera. " in welcome.body.text()
    welcome.set_state(cameras=3)
    assert "You have 3 cameras. " in welcome.body.text()
    share.set_state(approved=1, blocked=False, final=None, upload=True)
    assert share.status.text().startswith("1 approved clip: only the part")

    i18n.install(app, "es")
    welcome, share = EmptyState(), ShareBar()
    qtbot.addWidget(welcome)
    qtbot.addWidget(share)
    welcome.set_state(cameras=1)
    assert "Tiene 1 cámara. " in welcome.body.text()
    welcome.set_state(cameras=3)
    assert "Tiene 3 cámaras. " in welcome.body.text()
    assert welcome.add_button.text() == "1. Agregar una cámara…"
    share.set_state(approved=2, blocked=False, final=None, upload=True)
    assert share.status.text().startswith("2 clips aprobados: solo se envía")
    assert share.export_button.text() == "Exportar paquete…"
