"""Request documents received as files, chosen in a dialog or dropped on the window:
read, checked and stored on the database thread, each stored or refused one reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from db.store.changes import Changes

if TYPE_CHECKING:
    from sqlite_utils import Database

    from db.requests.intake import Received
    from desktop.services import Services


def import_files(db: Database, files: list[Path]) -> list[tuple[Path, Received | str]]:
    """Import request files one by one (database thread): each is stored or refused
    with its reason; a refused one leaves nothing behind."""
    from datetime import UTC, datetime

    from db.requests.intake import import_request_bytes
    from db.requests.request_file import RequestFileError, read_request_file
    from db.requests.request_types import RequestError

    out: list[tuple[Path, Received | str]] = []
    for path in files:
        try:
            out.append(
                (path, import_request_bytes(db, read_request_file(path), now=datetime.now(UTC)))
            )
        except (RequestFileError, RequestError) as exc:
            out.append((path, str(exc)))
    return out


def _changes(results: list[tuple[Path, Received | str]]) -> Changes:
    # Stored ones, even unchanged, are selected once the inbox has caught up.
    return Changes(requests_added=any(not isinstance(r, str) for _, r in results))


def accept_drag(event: QDragEnterEvent) -> None:
    """Local files may be dropped (each is then read as a request document)."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if urls and all(u.isLocalFile() for u in urls):
        event.acceptProposedAction()
    else:
        event.ignore()


def dropped_files(event: QDropEvent) -> list[Path]:
    """The local files dropped, the drop accepted when there are any."""
    files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
    if files:
        event.acceptProposedAction()
    return files


class RequestFileImport(QObject):
    """Imports request files for the window; a stored request is then selected with
    `select_request`, refused ones are listed in one message box (`last_message`)."""

    def __init__(
        self, window: QMainWindow, services: Services, select_request: Callable[[int], None]
    ) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._select_request = select_request
        self.last_message: QMessageBox | None = None

    def choose(self) -> QFileDialog:
        dialog = QFileDialog(self._window, self.tr("Import a request document"))
        dialog.setNameFilters([self.tr("Request documents (*.json)"), self.tr("All files (*)")])
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda files: self.import_files([Path(f) for f in files]))
        dialog.open()
        return dialog

    def import_files(self, files: list[Path]) -> None:
        """Read, validate and store request files on the database thread; report each."""
        self._services.db.submit_op(lambda db: import_files(db, files), _changes, self._imported)

    def _imported(self, results: list[tuple[Path, Received | str]]) -> None:
        refused = [(p, r) for p, r in results if isinstance(r, str)]
        stored = [r for _, r in results if not isinstance(r, str)]
        if stored:
            self._window.statusBar().showMessage(" ".join(r.text() for r in stored), 15000)
            row_id = stored[-1].row_id
            self._services.requests.loaded.connect(
                lambda: self._select_request(row_id), type=Qt.ConnectionType.SingleShotConnection
            )
        if refused:
            box = QMessageBox(self._window)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Request refused"))
            names = ", ".join(p.name for p, _ in refused)
            n = len(refused)
            text = (
                self.tr("{names} could not be imported. Nothing of it was stored.")
                if n == 1
                else self.tr("{names} could not be imported. Nothing of them was stored.", "", n)
            )
            box.setText(text.format(names=names))
            box.setInformativeText("\n".join(f"{p.name}: {r}" for p, r in refused))
            box.open()
            self.last_message = box
