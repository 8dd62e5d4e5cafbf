"""Keyring work for the window. A keyring call can block (D-Bus, an unlock prompt), so
it runs on a worker thread; the database half of a change (its audit entry, the feed
it belongs to) runs on the database thread after it; and when that fails, the keyring
change is taken back on a worker again. Nothing is half done, and neither the GUI
thread nor the database thread waits for the keyring."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from sqlite_utils import Database

from db.store.changes import Changes
from desktop.dbthread import DbService
from desktop.tasks import FunctionTask

if TYPE_CHECKING:
    from db.sharing.signing_keys import Staged

# The demo banner's colour: a notice, not an error.
translate = QCoreApplication.translate
NOTE_STYLE = "background: bg(#fff4ce); padding: 8px; border-radius: 4px;"


def unavailable_text(problem: str) -> str:
    """What the window says when secrets cannot be kept: the cause and the next step
    (rich text)."""
    from html import escape

    headless = (
        " "
        + translate(
            "KeyringJobs",
            "Without a desktop session (a server, SSH), open Doorstep from a shell started "
            "with <code>dbus-run-session</code> in which <code>gnome-keyring-daemon --unlock"
            "</code> was given your keyring password; the README shows the three lines.",
        )
        if sys.platform.startswith("linux")
        else ""
    )
    return translate(
        "KeyringJobs",
        "<b>No tokens or signing key without a keyring.</b> {problem}.{headless} Everything "
        "else in Doorstep works without it.",
    ).format(problem=escape(problem[:1].upper() + problem[1:]), headless=headless)


class KeyringJobs(QObject):
    def __init__(self, dbs: DbService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = dbs
        self._tasks: list[FunctionTask] = []

    def run(
        self,
        title: str,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[str], None],
    ) -> None:
        """``fn`` on a worker thread; ``done(result)`` or ``failed(message)`` on the GUI
        thread."""
        task = FunctionTask(title, lambda _progress, _cancel: fn())
        task.finished.connect(done)
        task.failed.connect(failed)
        task.finished.connect(lambda _r, t=task: self._forget(t))
        task.failed.connect(lambda _m, t=task: self._forget(t))
        self._tasks.append(task)
        task.start()

    def _forget(self, task: FunctionTask) -> None:
        task.wait()
        if task in self._tasks:
            self._tasks.remove(task)
        task.deleteLater()

    def check(self, done: Callable[[str | None], None]) -> None:
        """``done(None)`` when secrets can be kept, else ``done(what is wrong and what
        to do)``."""
        from db.keys import credentials

        self.run(
            self.tr("checking the keyring"),
            lambda: credentials.problem(self.tr("open Doorstep again")),
            done,
            done,
        )

    def change(
        self,
        title: str,
        change: Callable[[], tuple[Any, Any]],
        record: Callable[[Database, Any], Any],
        changes: Changes,
        done: Callable[[Any], None],
        failed: Callable[[str], None],
    ) -> None:
        """``change()`` (worker) alters the keyring and returns ``(value, Change or
        None)``; then ``record(db, value)`` (database thread) writes what goes with it
        in one transaction, the window hears it made ``changes`` and ``done`` gets its
        result. If ``record`` fails, the Change is undone and ``failed`` says why."""
        from db.keys import credentials

        def changed(result: tuple[Any, Any]) -> None:
            value, made = result

            def not_recorded(exc: BaseException) -> None:
                self.run(
                    self.tr("taking a keyring change back"),
                    lambda: credentials.undo_all((made,), exc),
                    lambda _r: failed(str(exc)),
                    failed,
                )

            self._db.submit_op(lambda db: record(db, value), changes, done, not_recorded)

        self.run(title, change, changed, failed)

    def signing_key(
        self,
        title: str,
        stage: Callable[[], Staged],
        done: Callable[[Staged], None],
        failed: Callable[[str], None],
    ) -> None:
        """The signing key through db.sharing.signing_keys: ``stage`` (its keyring half, e.g.
        ``signing_keys.stage``) on a worker, its audit entry on the database thread,
        the keyring write taken back if that fails; ``done(key)``."""
        from datetime import UTC, datetime

        from db.sharing import signing_keys

        def staged() -> tuple[Staged, Any]:
            key = stage()
            return key, key.change

        def record(db: Database, key: Staged) -> Staged:
            return signing_keys.record(db, key, now=datetime.now(UTC))

        self.change(title, staged, record, Changes(credentials=True), done, failed)
