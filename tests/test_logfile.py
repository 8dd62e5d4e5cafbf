"""The window's log file (desktop/logfile.py): warnings and errors from Python's
logging and from Qt, nothing below a warning, rotated."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import qWarning

from db.store import paths
from desktop import logfile


@pytest.fixture
def log(isolated: Path) -> Iterator[Path]:
    path = logfile.install(paths.log_dir(create=False))
    assert path is not None
    yield path
    logfile.uninstall()


@pytest.mark.qt_log_ignore("the map's tiles are slow today")
def test_warnings_and_errors_are_written_and_nothing_less(log: Path, isolated: Path) -> None:
    assert log == isolated / "logs" / "doorstep.log"
    logging.getLogger("desktop.test").info("an ordinary step")
    logging.getLogger("desktop.test").warning("a feed answered 503")
    logging.getLogger("db.test").error("the audit trail does not verify")
    qWarning("the map's tiles are slow today")
    text = log.read_text(encoding="utf-8")
    assert "WARNING desktop.test: a feed answered 503" in text
    assert "ERROR db.test: the audit trail does not verify" in text
    assert "WARNING qt: the map's tiles are slow today" in text
    assert "an ordinary step" not in text


def test_the_log_is_rotated(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logfile, "MAX_BYTES", 2000)
    path = logfile.install(paths.log_dir(create=False))
    assert path is not None
    try:
        for n in range(200):
            logging.getLogger("desktop.test").warning("line %d of many", n)
    finally:
        logfile.uninstall()
    kept = sorted(p.name for p in path.parent.iterdir())
    assert kept == ["doorstep.log", "doorstep.log.1", "doorstep.log.2", "doorstep.log.3"]
    assert path.stat().st_size <= 2000 and "line 199 of many" in path.read_text()


def test_a_log_folder_that_cannot_be_made_is_said_once_and_the_app_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("mine")
    assert logfile.install(blocker / "doorstep") is None
    assert capsys.readouterr().err.startswith(f"doorstep: no log file in {blocker / 'doorstep'}")
    assert blocker.read_text() == "mine"
