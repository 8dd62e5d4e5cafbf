"""The composition root: builds the application, its services and the window, and
passes them explicitly. There is no global application object."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLoggingCategory, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from db.store import paths
from db.store.database import DatabaseError
from desktop import logfile, theme
from desktop.gcguard import GuiThreadCollector
from desktop.main_window import MainWindow
from desktop.services import Services, build_services
from desktop.tasks import FunctionTask

# QtMultimedia's FFmpeg backend is chatty; keep real warnings, drop its debug stream.
# Optional hardware-decoding libraries it probes for are reported as missing; harmless.
LOG_RULES = (
    "qt.multimedia.ffmpeg*.debug=false\nqt.multimedia.*.info=false\n"
    "qt.multimedia.symbolsresolver=false"
)


# How long a thread running Python may keep the interpreter before another that waits
# for it gets it (CPython's default: 5 ms). While the database thread stores a feed, the
# GUI thread waited for it at each call between Qt and Python, up to the whole interval
# each time, which added up to waits past the GUI's 50 ms budget; a shorter interval
# shortens them (docs/BENCHMARKS.md, feed import).
SWITCH_INTERVAL_S = 0.001
translate = QCoreApplication.translate


def make_application(argv: list[str] | None = None) -> QApplication:
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("Doorstep")
    app.setOrganizationName("Doorstep")
    # The installed desktop file's name (packaging/linux), so that a Wayland compositor
    # shows the window with the menu entry's icon and name.
    app.setDesktopFileName("org.doorstep.Doorstep")
    QLoggingCategory.setFilterRules(LOG_RULES)
    theme.apply(app)  # light or dark as the system says, and the text size
    return app


def start_language(app: QApplication) -> str:
    """The language the window shows this run: the resident's preference, else the
    system's (desktop/i18n.py); db/'s messages follow it."""
    from desktop import i18n, preferences

    return i18n.apply_preference(app, preferences.load().language)


def window_settings() -> QSettings:
    """Window state only (geometry, splitters), kept in the state folder, apart from
    the resident's data; tests redirect it with DOORSTEP_DATA_DIR."""
    return QSettings(str(paths.window_state_file()), QSettings.Format.IniFormat)


class Shell:
    """Owns the open window and its services; switches between the resident's
    database and the demo one without mixing them."""

    def __init__(self, app: QApplication, demo_path: Path | None = None) -> None:
        self.app = app
        self.window: MainWindow | None = None
        self.services: Services | None = None
        self.resident_path = paths.default_db_path()
        self.demo_path = demo_path or paths.demo_db_path()
        self._task: FunctionTask | None = None

    def open(self, path: Path, kind: str) -> bool:
        try:
            services = build_services(path, kind)
        except DatabaseError as exc:
            QMessageBox.critical(
                None, translate("Shell", "Doorstep cannot open the database"), str(exc)
            )
            return False
        if kind == "resident":
            self.resident_path = path
        old_window, old_services = self.window, self.services
        self.services = services
        self.window = MainWindow(
            services,
            window_settings(),
            open_demo=self.open_demo,
            open_resident=lambda: self.open(self.resident_path, "resident"),
        )
        self.window.show()
        self.window.start()
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_services is not None:
            old_services.shutdown()
        return True

    def open_demo(self) -> None:
        """Build the demo neighbourhood in the background, then open it."""
        from db.demo.neighbourhood import build_demo

        if self._task is not None and self._task.running:
            return
        db_path = self.demo_path
        media = db_path.parent / "demo-clips"
        task = FunctionTask(
            translate("Shell", "building the demo neighbourhood"),
            lambda progress, cancel: build_demo(db_path, media, progress, cancel),
        )
        task.finished.connect(
            lambda summary: None if summary.cancelled else self.open(db_path, "demo")
        )
        task.failed.connect(
            lambda msg: (
                self.window.show_error(
                    translate("Shell", "The demo could not be built: {error}").format(error=msg)
                )
                if self.window
                else None
            )
        )
        self._task = task
        if self.window is not None:
            self.window.follow_task(task)
        task.start()

    def shutdown(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task.wait()
        if self.services is not None:
            self.services.shutdown()


def run_gui(path: Path, kind: str) -> int:
    """Open the window on the database at ``path`` (``kind``: "resident" or "demo",
    as the command line resolved it)."""
    app = make_application()
    logfile.install(paths.log_dir(create=False))
    try:
        paths.move_old_files()
    except OSError as exc:  # the old files are still read where they are
        logging.getLogger(__name__).warning("settings not moved: %s", exc)
    start_language(app)
    collector = GuiThreadCollector(parent=app)
    shell = Shell(app, demo_path=path if kind == "demo" else None)
    if kind == "demo" and not path.exists():
        if shell.open(paths.default_db_path(), "resident"):
            shell.open_demo()
    elif not shell.open(path, kind):
        return 1
    if os.environ.get("DOORSTEP_EXIT_WHEN_READY") and shell.window is not None:
        # For the start-up benchmark: quit once the window shows its first data.
        shell.window.ready.connect(app.quit)
    code = app.exec()
    shell.shutdown()
    collector.stop()
    return int(code)
