"""``snapshot OUT.png [--view ...]``: render the window (or one view) to a PNG without
a screen, for documentation and bug reports."""

from __future__ import annotations

import os
from pathlib import Path

VIEWS = {"window", "clips"}
LATER = {"requests", "map", "audit"}


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
        window.start()
        loop.exec()
        if services.clips.rowCount():
            window.clips_view.select_row(0)
            settle = QEventLoop()
            QTimer.singleShot(300, settle.quit)
            settle.exec()
        widget = window if view == "window" else window.clips_view
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
