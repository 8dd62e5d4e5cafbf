"""The tile loader's I/O thread: disk cache and MBTiles reads, cache writes and image
decoding, off the GUI thread; it skips tiles the view no longer wants."""

from __future__ import annotations

import atexit
import logging
import sqlite3
import threading
import weakref
from pathlib import Path

from PySide6.QtCore import (
    QObject,
    QThread,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage

from desktop.map.tile_cache import TileCache, retire_old_cache
from desktop.map.tile_source import (
    Key,
    TileSource,
    open_mbtiles,
    read_mbtiles_metadata,
    read_mbtiles_tile,
)

log = logging.getLogger(__name__)


class _Wanted:
    """The keys the loader still has to answer, shared with the I/O thread so it can
    skip work for tiles the view no longer shows."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keys: set[Key] = set()

    def add(self, key: Key) -> None:
        with self._lock:
            self._keys.add(key)

    def discard(self, key: Key) -> bool:
        with self._lock:
            if key in self._keys:
                self._keys.remove(key)
                return True
            return False

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._keys

    def __len__(self) -> int:
        with self._lock:
            return len(self._keys)

    def keep_only(self, keys: set[Key]) -> list[Key]:
        """Drop every key not in ``keys``; return the dropped ones."""
        with self._lock:
            dropped = [k for k in self._keys if k not in keys]
            self._keys.intersection_update(keys)
            return dropped

    def clear(self) -> list[Key]:
        with self._lock:
            dropped = list(self._keys)
            self._keys.clear()
            return dropped


class _IoThread(QThread):
    """The loader's I/O thread. A QThread destroyed while it runs aborts the process,
    so one that is dropped without ``TileLoader.close``, or still runs when the
    interpreter exits, stops itself first."""

    def __init__(self) -> None:
        super().__init__()
        _THREADS.add(self)

    def stop(self) -> None:
        if self.isRunning():
            self.quit()
            self.wait()

    def __del__(self) -> None:
        try:
            self.stop()
        except RuntimeError:  # the C++ object is already gone
            pass


_THREADS: weakref.WeakSet[_IoThread] = weakref.WeakSet()


@atexit.register
def _stop_threads() -> None:
    for thread in list(_THREADS):
        try:
            thread.stop()
        except RuntimeError:
            pass


def _decode(data: bytes) -> QImage | None:
    image = QImage()
    if not data or not image.loadFromData(data):
        return None
    return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


class _IoWorker(QObject):
    """Lives on the loader's I/O thread: the disk cache, the MBTiles file, decoding."""

    loaded = Signal(object, QImage)  # key, image
    miss = Signal(object, object)  # key, stale CacheEntry validators dict or None
    failed = Signal(object, str, bool)  # key, message, permanent
    source_opened = Signal(object)  # MBTiles metadata dict
    source_error = Signal(str)

    def __init__(
        self,
        source: TileSource,
        cache_root: Path | None,
        min_fresh_s: float,
        wanted: _Wanted,
        old_cache_root: Path | None = None,
    ) -> None:
        super().__init__()
        self.source = source
        self.cache_root = cache_root
        self.old_cache_root = old_cache_root
        self.wanted = wanted
        self.cache = None if cache_root is None else TileCache(cache_root, source, min_fresh_s)
        self.conn: sqlite3.Connection | None = None
        self.source_problem: str | None = None

    # Every slot catches everything: nothing may raise into the event loop.

    @Slot()
    def open_source(self) -> None:
        if self.old_cache_root is not None and self.cache_root is not None:
            retire_old_cache(self.old_cache_root, self.cache_root)
        if self.source.mbtiles_path is None:
            return
        try:
            self.conn = open_mbtiles(self.source.mbtiles_path)
            metadata = read_mbtiles_metadata(self.conn)
            self.conn.execute("SELECT 1 FROM tiles LIMIT 1").fetchall()
        except (OSError, sqlite3.Error) as exc:
            self.source_problem = f"Cannot read the MBTiles file {self.source.mbtiles_path}: {exc}"
            if isinstance(exc, FileNotFoundError):
                self.source_problem = str(exc)
            self.close()
            self.source_error.emit(self.source_problem)
            return
        if metadata.get("format", "png").lower() in ("pbf", "mvt"):
            self.source_problem = (
                f"{self.source.mbtiles_path.name} holds vector tiles; only raster tiles "
                "(PNG, JPEG, WebP) can be shown"
            )
            self.close()
            self.source_error.emit(self.source_problem)
            return
        self.source_opened.emit(metadata)

    @Slot(object)
    def lookup(self, key: Key) -> None:
        if key not in self.wanted:
            return
        try:
            if self.cache is not None:
                self._lookup_cache(key)
            else:
                self._lookup_mbtiles(key)
        except Exception as exc:  # pragma: no cover - defensive
            log.exception("tile lookup failed")
            self.failed.emit(key, f"Tile {_name(key)}: {exc}", False)

    def _lookup_cache(self, key: Key) -> None:
        assert self.cache is not None
        entry = self.cache.read(*key)
        if entry is None:
            self.miss.emit(key, None)
            return
        if entry.fresh():
            image = _decode(entry.data)
            if image is not None:
                self.loaded.emit(key, image)
                return
            self.cache.remove(*key)
            self.miss.emit(key, None)
            return
        self.miss.emit(key, {"etag": entry.etag, "last_modified": entry.last_modified})

    def _lookup_mbtiles(self, key: Key) -> None:
        if self.conn is None:
            self.failed.emit(key, self.source_problem or "The MBTiles file is not open", True)
            return
        name = self.source.mbtiles_path.name if self.source.mbtiles_path else "MBTiles"
        try:
            data = read_mbtiles_tile(self.conn, *key)
        except sqlite3.Error as exc:
            self.failed.emit(key, f"Tile {_name(key)}: cannot read {name}: {exc}", False)
            return
        if data is None:
            self.failed.emit(key, f"Tile {_name(key)} is not in {name}", True)
            return
        image = _decode(data)
        if image is None:
            self.failed.emit(key, f"Tile {_name(key)} in {name} is not an image", True)
        else:
            self.loaded.emit(key, image)

    @Slot(object, object, object)
    def store(self, key: Key, data: bytes, headers: dict[str, str]) -> None:
        """A 200 answer: check it is an image, cache it, hand it over."""
        try:
            image = _decode(data)
            if image is None:
                self.failed.emit(key, f"Tile {_name(key)}: the server sent no image", True)
                return
            if self.cache is not None:
                try:
                    self.cache.write(*key, self.cache.entry_from_response(data, headers))
                except OSError as exc:
                    log.warning("cannot cache tile %s: %s", _name(key), exc)
            if key in self.wanted:
                self.loaded.emit(key, image)
        except Exception as exc:  # pragma: no cover - defensive
            log.exception("storing a tile failed")
            self.failed.emit(key, f"Tile {_name(key)}: {exc}", False)

    @Slot(object, object)
    def revalidated(self, key: Key, headers: dict[str, str]) -> None:
        """A 304 answer: the cached tile is still good for another freshness period."""
        try:
            assert self.cache is not None
            entry = self.cache.read(*key)
            image = None if entry is None else _decode(entry.data)
            if entry is None or image is None:
                self.cache.remove(*key)
                self.failed.emit(key, f"Tile {_name(key)}: the cached copy is gone", False)
                return
            fresh = self.cache.entry_from_response(entry.data, headers)
            fresh.etag = fresh.etag or entry.etag
            fresh.last_modified = fresh.last_modified or entry.last_modified
            try:
                self.cache.write(*key, fresh)
            except OSError as exc:
                log.warning("cannot update cached tile %s: %s", _name(key), exc)
            if key in self.wanted:
                self.loaded.emit(key, image)
        except Exception as exc:  # pragma: no cover - defensive
            log.exception("revalidating a tile failed")
            self.failed.emit(key, f"Tile {_name(key)}: {exc}", False)

    @Slot(object, str)
    def serve_stale(self, key: Key, message: str) -> None:
        """The server cannot be asked: a stale cached tile is better than none."""
        try:
            entry = None if self.cache is None else self.cache.read(*key)
            image = None if entry is None else _decode(entry.data)
            if image is None:
                self.failed.emit(key, message, False)
            elif key in self.wanted:
                self.loaded.emit(key, image)
        except Exception as exc:  # pragma: no cover - defensive
            log.exception("reading a stale tile failed")
            self.failed.emit(key, f"{message} ({exc})", False)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _name(key: Key) -> str:
    return "/".join(map(str, key))
