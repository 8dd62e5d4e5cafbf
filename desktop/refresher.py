"""The one place that turns what operations changed (``DbService.changed``, a
``Changes``) into reloads: each model and open dialog that shows changed data reloads,
the others do not. Write paths only run their operation (``DbService.submit_op``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QObject, Slot

from db.store.changes import Changes

if TYPE_CHECKING:
    from desktop.dbthread import DbService
    from desktop.services import Services


class Follower(Protocol):
    """A dialog showing data of its own (the feeds, the tokens, the deliveries)."""

    def shows(self, changes: Changes) -> bool: ...
    def reload(self) -> None: ...
    def isVisible(self) -> bool: ...


class Refresher(QObject):
    def __init__(
        self, dbs: DbService, services: Services | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services  # the window's models; None: dialogs only
        self._dialogs: list[Follower] = []
        dbs.changed.connect(self.apply)

    def follow(self, dialog: Follower) -> None:
        """While ``dialog`` is open, it reloads after changes it ``shows``."""
        self._dialogs.append(dialog)

    @Slot(object)
    def apply(self, changes: Changes) -> None:
        services = self._services
        if services is not None:
            if changes.cameras:
                services.cameras.refresh()
            if changes.clips:
                # The rows read so far are stale; their thumbnails are not.
                services.clips.refresh(keep_thumbnails=True)
            elif changes.clips_added:
                services.clips.refresh_soon()  # an import's batches come one after another
            if changes.thumbnails and not changes.clips:
                services.clips.reload_thumbnails_soon()  # in place, batch after batch
            if changes.requests:
                services.requests.update_all()  # in place: the selection stays
            else:
                if changes.requests_added:
                    services.requests.refresh_soon()  # a big feed's parts: one update
                for row_id in sorted(changes.request_rows):
                    services.requests.reload_row(row_id)
            if changes.holds:
                services.clips.reload_holds_soon()  # in place, like the thumbnails
                services.holds.refresh_usage()
        self._dialogs = [d for d in self._dialogs if shiboken6.isValid(d)]
        for dialog in list(self._dialogs):
            if dialog.isVisible() and dialog.shows(changes):
                dialog.reload()
