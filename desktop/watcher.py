"""Watching import folders: a change in a watched folder (or any folder below it)
queues a quiet re-import of that folder a moment later, when writes have settled."""

from __future__ import annotations

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal


class FolderWatcher(QObject):
    changed = Signal(int, str)  # camera id, watched root folder

    def __init__(self, settle_ms: int = 2000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_change)
        self._roots: dict[str, int] = {}  # root folder -> camera id
        self._timers: dict[str, QTimer] = {}
        self._settle_ms = settle_ms

    def watch(self, camera_id: int, root: str, subfolders: list[str] | None = None) -> None:
        self._roots[root] = camera_id
        paths = [root, *(subfolders or [])]
        new = [p for p in paths if p not in self._watcher.directories()]
        if new:
            self._watcher.addPaths(new)

    def roots(self) -> dict[str, int]:
        return dict(self._roots)

    def _root_of(self, path: str) -> str | None:
        best = None
        for root in self._roots:
            if (path == root or path.startswith(root.rstrip("/") + "/")) and (
                best is None or len(root) > len(best)
            ):
                best = root
        return best

    def _on_change(self, path: str) -> None:
        root = self._root_of(path)
        if root is None:
            return
        timer = self._timers.get(root)
        if timer is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(self._settle_ms)
            timer.timeout.connect(lambda r=root: self.changed.emit(self._roots[r], r))
            self._timers[root] = timer
        timer.start()
