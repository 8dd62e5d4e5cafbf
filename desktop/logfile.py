"""The window's log file: the warnings and errors of a run (Python's logging, Python
warnings and Qt's messages) in ``doorstep.log`` in the log folder (db/store/paths.py),
so that a resident can send what went wrong. Rotated: at most ``KEEP`` older files of
``MAX_BYTES`` each beside it. Installed by the composition root (``run_gui``) only, so
tests and commands never write one; what went to the terminal still does."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qFormatLogMessage, qInstallMessageHandler

LOG_FILE = "doorstep.log"
MAX_BYTES = 1 << 20
KEEP = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
QT_LEVELS = {
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
qt_log = logging.getLogger("qt")

_installed: dict[str, Any] = {}


def install(folder: Path) -> Path | None:
    """Start writing the log in ``folder`` (made if needed); its path, or None when it
    cannot be written there (said once on stderr: the app runs without a log file)."""
    if "handler" in _installed:
        return Path(_installed["handler"].baseFilename)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8"
        )
    except OSError as exc:
        print(f"doorstep: no log file in {folder}: {exc.strerror or exc}", file=sys.stderr)
        return None
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    if not root.handlers:
        # Python wrote warnings to stderr while no handler was installed: still does.
        terminal = logging.StreamHandler(sys.stderr)
        terminal.setLevel(logging.WARNING)
        root.addHandler(terminal)
        _installed["terminal"] = terminal
    root.addHandler(handler)
    if root.getEffectiveLevel() > logging.WARNING:
        root.setLevel(logging.WARNING)
    logging.captureWarnings(True)
    _installed["handler"] = handler
    _installed["previous"] = qInstallMessageHandler(_from_qt)
    return Path(handler.baseFilename)


def uninstall() -> None:
    """Stop writing the log (the tests' way back to how they started)."""
    handler = _installed.pop("handler", None)
    if handler is None:
        return
    root = logging.getLogger()
    root.removeHandler(handler)
    handler.close()
    terminal = _installed.pop("terminal", None)
    if terminal is not None:
        root.removeHandler(terminal)
    logging.captureWarnings(False)
    qInstallMessageHandler(_installed.pop("previous", None))


def _from_qt(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's warnings and errors into the log; every message then goes where it went
    before (the handler installed before, or the terminal, as Qt's own does)."""
    level = QT_LEVELS.get(mode)
    if level is not None:
        qt_log.log(level, "%s", message)
    previous: Callable[[QtMsgType, QMessageLogContext, str], None] | None = _installed.get(
        "previous"
    )
    if previous is not None:
        previous(mode, context, message)
    else:
        print(qFormatLogMessage(mode, context, message), file=sys.stderr)
