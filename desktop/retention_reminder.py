"""The retention reminder: looks on the database thread for deliveries whose stated
retention period has ended. Kept apart from the retention dialog (and its PDF and
widget imports) so that the window can start it without loading the dialog."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

import shiboken6
from PySide6.QtCore import QObject, Signal
from sqlite_utils import Database

from db.sharing.retention import RetentionItem, due_items
from desktop.dbthread import DbService

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class RetentionReminder(QObject):
    """Looks for deliveries whose stated retention period has ended.

    ``check()`` queries on the database thread. ``due`` carries every due item, and is
    emitted only when a check finds one this reminder has not reported before (a timer
    calling ``check`` does not repeat the same reminder); ``checked`` carries the due
    items after every check, also an empty list.
    """

    due = Signal(object)  # list[RetentionItem]
    checked = Signal(object)  # list[RetentionItem]
    failed = Signal(str)

    def __init__(
        self, dbs: DbService, parent: QObject | None = None, *, clock: Clock | None = None
    ) -> None:
        super().__init__(parent)
        self._db = dbs
        self._clock = clock or utc_now
        self._reported: set[int] = set()

    def check(self) -> None:
        now = self._clock()

        def query(db: Database) -> list[RetentionItem]:
            return due_items(db, now)

        self._db.submit(query, self._checked, self._failed)

    def _checked(self, items: list[RetentionItem]) -> None:
        if not shiboken6.isValid(self):
            return
        new = [item for item in items if item.package_id not in self._reported]
        self._reported.update(item.package_id for item in items)
        if new:
            self.due.emit(items)
        self.checked.emit(items)

    def _failed(self, exc: BaseException) -> None:
        log.warning("retention check failed: %s", exc)
        if shiboken6.isValid(self):
            self.failed.emit(str(exc))
