"""``snapshot OUT.png [--view ...]``: render the window (or one view) to a PNG without
a screen, for documentation and bug reports."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.store.fileio import reason

# The offscreen platform warns that it cannot pass size hints to a window manager (it
# has none) each time a window is shown: true, and nothing a snapshot can act on.
_OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


def _quiet_offscreen(mode: object, context: object, message: str) -> None:
    if message != _OFFSCREEN_NOISE:
        sys.stderr.write(message + "\n")


def _write_through(image: Any, out: Path) -> None:
    from PySide6.QtCore import QBuffer, QIODevice

    from db.store.fileio import write_through

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    try:
        write_through(out, bytes(buffer.data().data()))
    except OSError as exc:
        raise ValueError(f"snapshot: {exc}") from None


def _wait(signals: list[Any], timeout_ms: int, start: Callable[[], object] | None = None) -> None:
    """Run the event loop until one of ``signals`` fires or ``timeout_ms`` passes,
    calling ``start`` (what makes them fire) once the loop is listening."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    for signal in signals:
        signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    if start is not None:
        start()
    loop.exec()


def _open_workspace(window: Any, wait: Callable[..., None]) -> Any:
    """The review workspace (desktop/workspace/) of the first request with clips to
    decide that no rule blocks (else the first request), its first clip shown."""
    from desktop.workspace.hook import WorkspaceOpener

    model = window.services.requests
    rows = [model.summary(r) for r in range(model.rowCount())]
    chosen = next(
        (s for s in rows if s.cameras_in_area and s.worst_outcome != "block"),
        rows[0] if rows else None,
    )
    if chosen is None:
        raise ValueError("snapshot: the workspace needs a request; this database has none")
    opener = window.findChild(WorkspaceOpener)
    workspace = opener.open(chosen.row_id)
    workspace.resize(window.size())
    wait([workspace.loaded], 5000)
    if workspace.current_clip() is not None:
        wait([workspace.preview.player.shown], 5000)
    return workspace


@dataclass(frozen=True)
class Shot:
    width: int  # of the picture saved
    height: int
    window: tuple[int, int]  # the window's size (it may not shrink to the size asked)


def snapshot(db_path: Path, kind: str, out: Path, view: str, width: int, height: int) -> Shot:
    """Render and save; says what size the picture and the window had."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, qInstallMessageHandler

    from desktop.app import make_application, start_language
    from desktop.main_window import MainWindow
    from desktop.services import build_services

    app = make_application()
    start_language(app)
    qInstallMessageHandler(_quiet_offscreen)
    services = build_services(db_path, kind)
    state_dir = tempfile.mkdtemp(prefix="doorstep-snapshot-")
    shot: Any = None
    try:
        # A fresh window state: a snapshot neither takes the size the resident last
        # gave the window nor changes what the next start restores.
        state = QSettings(str(Path(state_dir) / "window-state.ini"), QSettings.Format.IniFormat)
        window = MainWindow(services, state)
        # The window shows a database error in a dialog that waits for a click, which
        # nobody can give offscreen: the snapshot ends with the error, in one line
        # (its traceback is not logged: the line says what went wrong).
        errors: list[str] = []
        services.db.error.disconnect(window.show_error)
        services.db.error.connect(errors.append)
        logging.getLogger("desktop.dbthread").addHandler(logging.NullHandler())

        def wait(
            signals: list[Any], timeout_ms: int, start: Callable[[], object] | None = None
        ) -> None:
            _wait([*signals, services.db.error], timeout_ms, start)
            if errors:
                raise ValueError(f"snapshot: {errors[0]}")

        window.resize(width, height)
        window.show()
        # A snapshot only looks: no feed is polled, no clip is copied into the evidence
        # store, and opening a request is not recorded as the resident viewing it.
        window.requests_view.detail.record_views = False
        first = [window.ready]
        if services.requests.ever_loaded is False:
            first.append(services.requests.loaded)
        wait(first, 15000, lambda: window.start(poll_feeds=False, hold_clips=False))
        if not services.requests.ever_loaded:
            wait([services.requests.loaded], 5000)
        if view == "requests" or (view == "window" and services.requests.rowCount()):
            window.tabs.setCurrentWidget(window.requests_view)
            if services.requests.rowCount():
                wait(
                    [window.requests_view.detail.loaded],
                    5000,
                    lambda: window.requests_view.table.selectRow(0),
                )
        elif view == "workspace":
            shot = _open_workspace(window, wait)
        elif view == "audit":
            window.tabs.setCurrentWidget(window.audit_page)
            model = window.audit_view.model
            wait([model.loaded], 5000)
            if model.rowCount():
                # The entries' rows are read when first painted: paint, then wait.
                wait([model.dataChanged], 5000, window.audit_page.grab)
        else:
            if view == "clips":  # in front: a hidden tab is not laid out as it shows
                window.tabs.setCurrentWidget(window.clips_view)
            if services.clips.rowCount():
                window.clips_view.select_row(0)
        wait([], 300)  # let the last replies paint
        widgets = {
            "window": window,
            "clips": window.clips_view,
            "requests": window.requests_view,
            "map": window.map_panel,
            "audit": window.audit_page,
        }
        widget = shot if view == "workspace" else widgets[view]
        image = widget.grab()
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.exists() and not out.is_file() and not out.is_dir():
            _write_through(image, out)  # a device or a pipe: not replaced by a file
            window.close()
            app.processEvents()
            return Shot(image.width(), image.height(), (window.width(), window.height()))
        tmp = out.with_name(out.name + ".part.png")
        if not image.save(str(tmp), "PNG"):
            raise ValueError(f"snapshot: cannot write {out}")
        try:
            os.replace(tmp, out)
        except OSError as exc:  # e.g. OUT is a folder: say so, and leave no .part behind
            tmp.unlink(missing_ok=True)
            raise ValueError(f"snapshot: cannot write {out}: {reason(exc)}") from None
        window.close()
        app.processEvents()
        return Shot(image.width(), image.height(), (window.width(), window.height()))
    finally:
        services.shutdown()
        shutil.rmtree(state_dir, ignore_errors=True)
