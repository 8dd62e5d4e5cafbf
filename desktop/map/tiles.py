"""The base map: raster tiles from an XYZ tile server or a local MBTiles file.

``TileLoader.request(z, x, y)`` never blocks the GUI thread. HTTP goes through a
``QNetworkAccessManager`` (asynchronous); the disk cache, MBTiles reads and image
decoding run on one I/O thread of the loader's own. Each request is answered once, on
the GUI thread, by ``tile_ready`` or ``failed`` - unless it is cancelled first.

Tile servers are used as the OpenStreetMap tile usage policy asks
(https://operations.osmfoundation.org/policies/tiles/): a descriptive User-Agent, at
most two connections, a disk cache that keeps tiles at least seven days and revalidates
stale ones with If-None-Match / If-Modified-Since, and no retries while the server is
unreachable.

The loader is here; the sources and MBTiles reading are in ``desktop.map.tile_source``,
the disk cache in ``desktop.map.tile_cache``, the I/O thread in ``desktop.map.tile_io``.
Their public names are importable from this module too.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QObject,
    Qt,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage
from PySide6.QtNetwork import (
    QNetworkAccessManager,
    QNetworkReply,
    QNetworkRequest,
    QSslCertificate,
    QSslConfiguration,
)

from db.requests.mercator import MAX_ZOOM
from db.store import paths
from desktop.map.tile_cache import MIN_FRESH_S, CacheEntry, TileCache, server_lifetime_s
from desktop.map.tile_io import _IoThread, _IoWorker, _name, _Wanted
from desktop.map.tile_source import (
    LOCAL_HOSTS,
    OSM_ATTRIBUTION,
    OSM_MAX_ZOOM,
    OSM_URL_TEMPLATE,
    Key,
    TileSource,
    TileSourceError,
    _plain_text,
    check_url_template,
    open_mbtiles,
    read_mbtiles_metadata,
    read_mbtiles_tile,
)

__all__ = [
    "CACHE_FOLDER",
    "LOCAL_HOSTS",
    "MAX_CONNECTIONS",
    "MAX_REMEMBERED_FAILURES",
    "MAX_TILE_BYTES",
    "MIN_FRESH_S",
    "OFFLINE_AFTER",
    "OSM_ATTRIBUTION",
    "OSM_MAX_ZOOM",
    "OSM_URL_TEMPLATE",
    "RETRY_AFTER_MS",
    "TIMEOUT_MS",
    "USER_AGENT",
    "CacheEntry",
    "Key",
    "TileCache",
    "TileLoader",
    "TileSource",
    "TileSourceError",
    "check_url_template",
    "open_mbtiles",
    "read_mbtiles_metadata",
    "read_mbtiles_tile",
    "server_lifetime_s",
]

log = logging.getLogger(__name__)

USER_AGENT = "Doorstep/0.1 (+https://example.invalid/doorstep; desktop app for residents)"
MAX_CONNECTIONS = 2  # the OSM tile usage policy's limit
MAX_TILE_BYTES = 4 * 1024 * 1024  # a bigger answer is not a tile
MAX_REMEMBERED_FAILURES = 10_000
OFFLINE_AFTER = 3  # consecutive network failures before the loader stops trying
RETRY_AFTER_MS = 60_000  # how long it then waits before trying again
TIMEOUT_MS = 20_000  # per HTTP request, with no bytes moving
CACHE_FOLDER = "tile-cache"


# -- the loader (GUI thread) -----------------------------------------------------------


@dataclass
class _Failure:
    message: str
    retry_at: float | None  # time.monotonic(); None: permanent (until forget_failures)


@dataclass
class _Fetch:
    validators: dict[str, Any] | None  # the stale cached copy's ETag / Last-Modified
    too_big: bool = False
    reply: QNetworkReply | None = field(default=None, repr=False)


class TileLoader(QObject):
    """Loads base map tiles for the GUI thread. See the module docstring.

    Every ``request`` is answered exactly once by ``tile_ready`` or ``failed`` unless
    it is cancelled (``cancel_outside``, ``clear_pending``, ``close``) first. Asking for
    a tile that is already on its way does nothing more. A tile that failed is neither
    tried nor reported again (the view may ask on every repaint): after network trouble
    until ``retry_after_ms`` have passed or the server answers again, after a 404, a
    non-image or a tile missing from the MBTiles file until ``forget_failures``.
    """

    tile_ready = Signal(int, int, int, QImage)  # z, x, y, image (ARGB32 premultiplied)
    failed = Signal(int, int, int, str)  # z, x, y, a message for people
    availability_changed = Signal(bool)  # False: show the neutral background
    attribution_changed = Signal(str)  # an MBTiles file's own attribution was read

    _lookup = Signal(object)
    _store = Signal(object, object, object)
    _revalidated = Signal(object, object)
    _serve_stale = Signal(object, str)
    _open_source = Signal()
    _fail_soon = Signal(object, str, bool)  # queued to ourselves: answers never re-enter

    def __init__(
        self,
        source: TileSource | None,
        *,
        cache_dir: Path | None = None,
        min_fresh_s: float = MIN_FRESH_S,
        max_connections: int = MAX_CONNECTIONS,
        offline_after: int = OFFLINE_AFTER,
        retry_after_ms: int = RETRY_AFTER_MS,
        timeout_ms: int = TIMEOUT_MS,
        ca_certificates: Sequence[QSslCertificate] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if not 1 <= max_connections <= MAX_CONNECTIONS:
            raise ValueError(f"max_connections must be 1..{MAX_CONNECTIONS}")
        self._source = source
        self._attribution = source.attribution if source is not None else ""
        self._available = source is not None
        self._max_connections = max_connections
        self._offline_after = max(1, offline_after)
        self._retry_after_s = max(0, retry_after_ms) / 1000.0
        self._timeout_ms = timeout_ms
        self._wanted = _Wanted()
        self._queue: dict[Key, _Fetch] = {}  # waiting for a connection, oldest first
        self._fetching: dict[Key, _Fetch] = {}  # HTTP requests under way
        self._failures: dict[Key, _Failure] = {}
        self._network_failures = 0  # consecutive
        self._offline_until = 0.0  # time.monotonic()
        self._closed = False
        # Queued even though both ends are on the GUI thread: request() never answers
        # from inside itself.
        self._fail_soon.connect(self._on_fail_soon, Qt.ConnectionType.QueuedConnection)

        self._nam: QNetworkAccessManager | None = None
        self._ssl: QSslConfiguration | None = None
        if source is not None and source.kind == "xyz":
            self._nam = QNetworkAccessManager(self)
            self._nam.setAutoDeleteReplies(False)
            if ca_certificates:
                self._ssl = QSslConfiguration.defaultConfiguration()
                self._ssl.addCaCertificates(list(ca_certificates))

        self._thread: _IoThread | None = None
        self._worker: _IoWorker | None = None
        if source is not None:
            root = old_root = None
            if source.kind == "xyz":  # MBTiles files are local: nothing to cache
                root = cache_dir if cache_dir is not None else paths.cache_dir() / CACHE_FOLDER
                if cache_dir is None:  # where earlier versions kept it
                    old_root = paths.data_dir(create=False) / CACHE_FOLDER
            self._worker = _IoWorker(source, root, min_fresh_s, self._wanted, old_root)
            self._thread = _IoThread()
            self._thread.setObjectName("doorstep-tiles")
            self._worker.moveToThread(self._thread)
            self._lookup.connect(self._worker.lookup)
            self._store.connect(self._worker.store)
            self._revalidated.connect(self._worker.revalidated)
            self._serve_stale.connect(self._worker.serve_stale)
            self._open_source.connect(self._worker.open_source)
            self._worker.loaded.connect(self._on_loaded)
            self._worker.miss.connect(self._on_miss)
            self._worker.failed.connect(self._on_failed)
            self._worker.source_opened.connect(self._on_source_opened)
            self._worker.source_error.connect(self._on_source_error)
            self._thread.start()
            self._open_source.emit()
            app = QCoreApplication.instance()
            if app is not None:  # a running QThread must never be destroyed
                app.aboutToQuit.connect(self.close)

    # -- state -------------------------------------------------------------------------
    @property
    def source(self) -> TileSource | None:
        return self._source

    @property
    def attribution(self) -> str:
        """Plain text for the map's corner ("" when there is nothing to credit)."""
        return self._attribution

    @property
    def available(self) -> bool:
        """False with no source, a broken MBTiles file, or while the server is out of
        reach; ``availability_changed`` reports every change."""
        return self._available

    @property
    def pending(self) -> int:
        """Requests not yet answered (cancelled ones excluded)."""
        return len(self._wanted)

    @property
    def in_flight(self) -> int:
        """HTTP requests under way (never more than ``MAX_CONNECTIONS``)."""
        return len(self._fetching)

    @property
    def queued(self) -> int:
        """Requests waiting for a free connection."""
        return len(self._queue)

    # -- requests ----------------------------------------------------------------------
    def request(self, z: int, x: int, y: int) -> None:
        """Ask for tile (z, x, y) (XYZ numbering). Returns at once; the answer comes
        later, on the GUI thread."""
        if self._closed:
            return
        key = (int(z), int(x), int(y))
        if key in self._wanted:
            return  # already on its way
        failure = self._failures.get(key)
        if failure is not None:
            if failure.retry_at is None or time.monotonic() < failure.retry_at:
                return  # already reported
            del self._failures[key]
        self._wanted.add(key)
        if self._source is None or self._worker is None:
            self._fail_soon.emit(key, "No base map is configured", True)
            return
        z, x, y = key
        if not self._source.min_zoom <= z <= self._source.max_zoom:
            self._fail_soon.emit(
                key,
                f"Tile {_name(key)}: zoom {z} is outside the tile source's "
                f"{self._source.min_zoom}..{self._source.max_zoom}",
                True,
            )
            return
        if z > MAX_ZOOM or not (0 <= x < (1 << z) and 0 <= y < (1 << z)):
            self._fail_soon.emit(key, f"Tile {_name(key)} is outside the map", True)
            return
        self._lookup.emit(key)

    def cancel_outside(self, visible_tiles: Iterable[Sequence[int]]) -> None:
        """Forget every request for a tile not in ``visible_tiles`` (the view moved on):
        no answer will come for them. Downloads already under way still finish and go
        into the disk cache."""
        keep = {(int(t[0]), int(t[1]), int(t[2])) for t in visible_tiles}
        self._wanted.keep_only(keep)
        for key in [k for k in self._queue if k not in keep]:
            del self._queue[key]

    def clear_pending(self) -> None:
        """Forget every request (see ``cancel_outside``)."""
        self.cancel_outside(())

    def forget_failures(self) -> None:
        """Let every tile that failed be tried again, and the server at once."""
        self._failures.clear()
        self._offline_until = 0.0

    def close(self) -> None:
        """Stop: drop every request, abort downloads, stop the I/O thread. Call once the
        map is done with the loader (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self._wanted.clear()
        self._queue.clear()
        for fetch in list(self._fetching.values()):
            if fetch.reply is not None:
                fetch.reply.abort()
        self._fetching.clear()
        if self._thread is not None:
            self._thread.stop()
        if self._worker is not None:
            self._worker.close()  # its thread has stopped: safe from here

    # -- answers -----------------------------------------------------------------------
    @Slot(object, QImage)
    def _on_loaded(self, key: Key, image: QImage) -> None:
        if self._closed or not self._wanted.discard(key):
            return
        self.tile_ready.emit(key[0], key[1], key[2], image)

    @Slot(object, str, bool)
    def _on_failed(self, key: Key, message: str, permanent: bool) -> None:
        self._report_failure(key, message, permanent)

    @Slot(object, str, bool)
    def _on_fail_soon(self, key: Key, message: str, permanent: bool) -> None:
        self._report_failure(key, message, permanent)

    def _report_failure(self, key: Key, message: str, permanent: bool) -> None:
        if self._closed or not self._wanted.discard(key):
            return
        retry_at = None if permanent else time.monotonic() + self._retry_after_s
        if not permanent and self._offline_until > time.monotonic():
            retry_at = self._offline_until
        self._failures[key] = _Failure(message, retry_at)
        if len(self._failures) > MAX_REMEMBERED_FAILURES:  # forget the oldest
            del self._failures[next(iter(self._failures))]
        self.failed.emit(key[0], key[1], key[2], message)

    @Slot(object)
    def _on_source_opened(self, metadata: dict[str, str]) -> None:
        text = _plain_text(metadata.get("attribution", ""))
        if text and text != self._attribution:
            self._attribution = text
            self.attribution_changed.emit(text)

    @Slot(str)
    def _on_source_error(self, message: str) -> None:
        log.warning("%s", message)
        self._set_available(False)

    def _set_available(self, available: bool) -> None:
        if available != self._available and not self._closed:
            self._available = available
            self.availability_changed.emit(available)

    # -- HTTP --------------------------------------------------------------------------
    @Slot(object, object)
    def _on_miss(self, key: Key, validators: dict[str, Any] | None) -> None:
        """Not in the disk cache, or stale: the server has to be asked."""
        if self._closed or key not in self._wanted or key in self._queue or key in self._fetching:
            return
        if time.monotonic() < self._offline_until:
            self._cannot_fetch(key, validators, "The tile server is out of reach")
            return
        self._queue[key] = _Fetch(validators)
        self._pump()

    def _cannot_fetch(self, key: Key, validators: dict[str, Any] | None, message: str) -> None:
        if validators is not None:
            self._serve_stale.emit(key, f"Tile {_name(key)}: {message}")
        else:
            self._report_failure(key, f"Tile {_name(key)}: {message}", False)

    def _pump(self) -> None:
        while self._queue and len(self._fetching) < self._max_connections and not self._closed:
            key = next(iter(self._queue))
            fetch = self._queue.pop(key)
            if key in self._wanted:
                self._start(key, fetch)

    def _start(self, key: Key, fetch: _Fetch) -> None:
        assert self._nam is not None and self._source is not None
        request = QNetworkRequest(QUrl(self._source.tile_url(*key)))
        request.setHeader(QNetworkRequest.KnownHeaders.UserAgentHeader, USER_AGENT)
        request.setRawHeader(b"Accept", b"image/png,image/*;q=0.8")
        request.setTransferTimeout(self._timeout_ms)
        if urlsplit(self._source.url_template or "").scheme.lower() == "http":
            policy = QNetworkRequest.RedirectPolicy.SameOriginRedirectPolicy
        else:
            policy = QNetworkRequest.RedirectPolicy.NoLessSafeRedirectPolicy
        request.setAttribute(QNetworkRequest.Attribute.RedirectPolicyAttribute, policy)
        if fetch.validators is not None:
            if fetch.validators.get("etag"):
                request.setRawHeader(b"If-None-Match", fetch.validators["etag"].encode("latin-1"))
            if fetch.validators.get("last_modified"):
                request.setRawHeader(
                    b"If-Modified-Since", fetch.validators["last_modified"].encode("latin-1")
                )
        if self._ssl is not None:
            request.setSslConfiguration(self._ssl)
        reply = self._nam.get(request)
        fetch.reply = reply
        self._fetching[key] = fetch
        reply.downloadProgress.connect(lambda received, _total: self._check_size(key, received))
        reply.finished.connect(lambda: self._on_reply_finished(key))

    def _check_size(self, key: Key, received: int) -> None:
        fetch = self._fetching.get(key)
        if fetch is not None and received > MAX_TILE_BYTES and not fetch.too_big:
            fetch.too_big = True
            if fetch.reply is not None:
                fetch.reply.abort()

    def _on_reply_finished(self, key: Key) -> None:
        fetch = self._fetching.pop(key, None)
        if fetch is None or fetch.reply is None:
            return  # aborted by close()
        reply = fetch.reply
        fetch.reply = None
        try:
            self._handle_reply(key, fetch, reply)
        except Exception:  # never into the event loop
            log.exception("handling a tile reply failed")
            self._report_failure(key, f"Tile {_name(key)}: unexpected error", False)
        finally:
            reply.deleteLater()
            self._pump()

    def _handle_reply(self, key: Key, fetch: _Fetch, reply: QNetworkReply) -> None:
        if self._closed:
            return
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        headers = {
            bytes(name.data()).decode("latin-1").lower(): bytes(value.data()).decode("latin-1")
            for name, value in reply.rawHeaderPairs()
        }
        if fetch.too_big:
            self._network_ok()
            self._report_failure(
                key, f"Tile {_name(key)}: the server sent more than {MAX_TILE_BYTES} bytes", True
            )
        elif status is None or not isinstance(status, int):
            self._network_failed(key, fetch, reply.errorString() or "no answer")
        elif status == 304 and fetch.validators is not None:
            self._network_ok()
            self._revalidated.emit(key, headers)
        elif 200 <= status < 300:
            self._network_ok()
            data = bytes(reply.readAll().data())
            if len(data) > MAX_TILE_BYTES:
                self._report_failure(key, f"Tile {_name(key)}: too big to be a tile", True)
            else:
                self._store.emit(key, data, headers)
        else:
            reason = reply.attribute(QNetworkRequest.Attribute.HttpReasonPhraseAttribute)
            if isinstance(reason, QByteArray):
                reason = bytes(reason.data()).decode("latin-1")
            message = f"HTTP {status} {reason or ''}".strip()
            if status >= 500 or status in (408, 429):
                self._network_failed(key, fetch, message)
            else:
                self._network_ok()
                self._report_failure(key, f"Tile {_name(key)}: {message}", True)

    def _network_ok(self) -> None:
        self._network_failures = 0
        if not self._available:
            # Back online: tiles that failed for want of a network may be tried again.
            self._failures = {k: f for k, f in self._failures.items() if f.retry_at is None}
            self._set_available(True)

    def _network_failed(self, key: Key, fetch: _Fetch, message: str) -> None:
        self._network_failures += 1
        if self._network_failures >= self._offline_after or not self._available:
            self._go_offline()
        self._cannot_fetch(key, fetch.validators, message)

    def _go_offline(self) -> None:
        """Stop asking the server for a while; answer what is waiting from the cache or
        with a failure."""
        self._offline_until = time.monotonic() + self._retry_after_s
        waiting = list(self._queue.items())
        self._queue.clear()
        self._set_available(False)
        for key, fetch in waiting:
            if key in self._wanted:
                self._cannot_fetch(key, fetch.validators, "The tile server is out of reach")
