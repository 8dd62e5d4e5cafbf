"""``snapshot OUT.png [--view ...]``: render the window (or one view) to a PNG without
a screen, for documentation and bug reports."""

from __future__ import annotations

import os
from pathlib import Path

VIEWS = {"window", "clips", "requests", "map"}
LATER = {"audit"}


def snapshot(db_path: Path, kind: str, out: Path, view: str, width: int, height: int) -> None:
    if view in LATER:
        raise ValueError(f"snapshot: the {view} view is not part of this version yet")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer

    from desktop.app import make_application, window_settings
    from desktop.main_window import MainWindow
    from desktop.services import build_services

    app = make_application()
    services = build_services(db_path, kind)
    try:
        window = MainWindow(services, window_settings())
        window.resize(width, height)
        window.show()
        loop = QEventLoop()
        window.ready.connect(loop.quit)
        QTimer.singleShot(15000, loop.quit)
        # A snapshot only looks: no feed is polled and opening a request is not
        # recorded as the resident viewing it.
        window.requests_view.detail.record_views = False
        if services.requests.ever_loaded is False:
            services.requests.loaded.connect(loop.quit)
        window.start(poll_feeds=False)
        loop.exec()
        if not services.requests.ever_loaded:
            wait = QEventLoop()
            services.requests.loaded.connect(wait.quit)
            QTimer.singleShot(5000, wait.quit)
            wait.exec()
        if view == "requests" or (view == "window" and services.requests.rowCount()):
            window.tabs.setCurrentWidget(window.requests_view)
            if services.requests.rowCount():
                shown = QEventLoop()
                window.requests_view.detail.loaded.connect(shown.quit)
                QTimer.singleShot(5000, shown.quit)
                window.requests_view.table.selectRow(0)
                shown.exec()
        elif services.clips.rowCount():
            window.clips_view.select_row(0)
        settle = QEventLoop()
        QTimer.singleShot(300, settle.quit)
        settle.exec()
        widgets = {
            "window": window,
            "clips": window.clips_view,
            "requests": window.requests_view,
            "map": window.map_panel,
        }
        widget = widgets[view]
        image = widget.grab()
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part.png")
        if not image.save(str(tmp), "PNG"):
            raise ValueError(f"snapshot: cannot write {out}")
        os.replace(tmp, out)
        window.close()
        app.processEvents()
    finally:
        services.shutdown()
