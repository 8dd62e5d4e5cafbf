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
"""

from __future__ import annotations

import atexit
import hashlib
import html
import json
import logging
import os
import re
import sqlite3
import tempfile
import threading
import time
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QObject,
    Qt,
    QThread,
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

from db import paths
from db.mercator import MAX_ZOOM, tms_row

log = logging.getLogger(__name__)

USER_AGENT = "Doorstep/0.1 (+https://example.invalid/doorstep; desktop app for residents)"
OSM_URL_TEMPLATE = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
OSM_MAX_ZOOM = 19
MAX_CONNECTIONS = 2  # the OSM tile usage policy's limit
MIN_FRESH_S = 7 * 24 * 3600  # keep tiles at least 7 days, whatever the server says
MAX_TILE_BYTES = 4 * 1024 * 1024  # a bigger answer is not a tile
MAX_REMEMBERED_FAILURES = 10_000
OFFLINE_AFTER = 3  # consecutive network failures before the loader stops trying
RETRY_AFTER_MS = 60_000  # how long it then waits before trying again
TIMEOUT_MS = 20_000  # per HTTP request, with no bytes moving
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
CACHE_FOLDER = "tile-cache"

Key = tuple[int, int, int]  # (z, x, y), XYZ numbering (y = 0 in the north)

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class TileSourceError(ValueError):
    """A tile source setting that cannot be used (the message says why)."""


def check_url_template(template: str) -> None:
    """Raise TileSourceError unless ``template`` is an https:// (or, for a server on
    this computer only, http://) URL with the {z}, {x} and {y} placeholders."""
    names = _PLACEHOLDER.findall(template)
    missing = [p for p in ("z", "x", "y") if p not in names]
    if missing:
        raise TileSourceError(
            f"The tile URL {template!r} lacks " + ", ".join("{" + p + "}" for p in missing)
        )
    unknown = sorted({n for n in names if n not in ("z", "x", "y")})
    if unknown:
        raise TileSourceError(
            f"The tile URL {template!r} has unknown placeholders: "
            + ", ".join("{" + n + "}" for n in unknown)
            + " (only {z}, {x} and {y} are filled in)"
        )
    parts = urlsplit(_PLACEHOLDER.sub("0", template))
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if not host:
        raise TileSourceError(f"The tile URL {template!r} has no server name")
    if scheme == "https":
        return
    if scheme == "http":
        if host in LOCAL_HOSTS:
            return
        raise TileSourceError(
            f"The tile URL {template!r} uses plain http:// to {host}: tiles must come over "
            "https://, except from a tile server on this computer (localhost or 127.0.0.1)"
        )
    raise TileSourceError(
        f"The tile URL {template!r} must start with https:// (got {parts.scheme or 'none'!r})"
    )


def _plain_text(attribution: str) -> str:
    """MBTiles attributions are often HTML: the text a label can show."""
    text = re.sub(r"<[^>]*>", "", attribution)
    return " ".join(html.unescape(text).split())


@dataclass(frozen=True)
class TileSource:
    """Where base map tiles come from: exactly one of an XYZ URL template or an MBTiles
    file. ``TileLoader(None)`` means no base map. Build with ``xyz``, ``mbtiles``,
    ``osm`` or ``parse``; an unusable URL raises TileSourceError (a ValueError)."""

    url_template: str | None = None
    mbtiles_path: Path | None = None
    attribution: str = ""  # for MBTiles, the file's own metadata wins when it has one
    min_zoom: int = 0
    max_zoom: int = OSM_MAX_ZOOM

    def __post_init__(self) -> None:
        if (self.url_template is None) == (self.mbtiles_path is None):
            raise TileSourceError("A tile source is either a URL template or an MBTiles file")
        if self.url_template is not None:
            check_url_template(self.url_template)
        if not 0 <= self.min_zoom <= self.max_zoom <= MAX_ZOOM:
            raise TileSourceError(f"Bad zoom range {self.min_zoom}..{self.max_zoom}")

    @classmethod
    def xyz(
        cls,
        url_template: str = OSM_URL_TEMPLATE,
        attribution: str | None = None,
        max_zoom: int = OSM_MAX_ZOOM,
    ) -> TileSource:
        if attribution is None:
            host = (urlsplit(_PLACEHOLDER.sub("0", url_template)).hostname or "").lower()
            attribution = OSM_ATTRIBUTION if host.endswith("openstreetmap.org") else ""
        return cls(url_template=url_template, attribution=attribution, max_zoom=max_zoom)

    @classmethod
    def osm(cls) -> TileSource:
        return cls.xyz(OSM_URL_TEMPLATE, OSM_ATTRIBUTION, OSM_MAX_ZOOM)

    @classmethod
    def mbtiles(cls, path: str | os.PathLike[str], attribution: str = "") -> TileSource:
        return cls(mbtiles_path=Path(path), attribution=attribution, max_zoom=MAX_ZOOM)

    @classmethod
    def parse(cls, setting: str | None) -> TileSource | None:
        """A tile source from a settings string: empty or "none" for no base map, a
        path ending in .mbtiles, or an XYZ URL template."""
        text = (setting or "").strip()
        if not text or text.lower() == "none":
            return None
        if "://" not in text:
            if text.lower().endswith(".mbtiles"):
                return cls.mbtiles(Path(text).expanduser())
            raise TileSourceError(
                f"{text!r} is neither a tile URL (https://...{{z}}/{{x}}/{{y}}.png) "
                "nor an .mbtiles file"
            )
        return cls.xyz(text)

    @property
    def kind(self) -> str:
        return "xyz" if self.url_template is not None else "mbtiles"

    @property
    def cache_key(self) -> str:
        """A folder name for this source's cached tiles: readable and unique."""
        if self.url_template is None:
            raise TileSourceError("MBTiles files are not cached")
        host = urlsplit(_PLACEHOLDER.sub("0", self.url_template)).hostname or "tiles"
        digest = hashlib.sha256(self.url_template.encode()).hexdigest()[:12]
        return f"{re.sub(r'[^A-Za-z0-9.-]', '_', host)}-{digest}"

    def tile_url(self, z: int, x: int, y: int) -> str:
        if self.url_template is None:
            raise TileSourceError("An MBTiles source has no URLs")
        values = {"z": str(z), "x": str(x), "y": str(y)}
        return _PLACEHOLDER.sub(lambda m: values[m.group(1)], self.url_template)


# -- the disk cache (plain Python; used on the I/O thread) ------------------------------


@dataclass
class CacheEntry:
    data: bytes
    fetched: float  # time.time() of the download or the last revalidation
    fresh_until: float  # time.time() until which it is used without asking the server
    etag: str | None = None
    last_modified: str | None = None

    def fresh(self, now: float | None = None) -> bool:
        return (time.time() if now is None else now) < self.fresh_until


_MAGIC = b"DTC1\n"  # then one line of JSON (the entry's fields), then the tile's bytes


def server_lifetime_s(headers: dict[str, str], now: float) -> float:
    """How long the server says a response stays fresh (Cache-Control max-age, else
    Expires), in seconds; 0 when it says nothing or forbids caching."""
    cache_control = headers.get("cache-control", "").lower()
    if "no-store" in cache_control or "no-cache" in cache_control:
        return 0.0
    match = re.search(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)", cache_control)
    if match:
        return float(match.group(1))
    expires = headers.get("expires")
    if expires:
        try:
            return max(0.0, parsedate_to_datetime(expires).timestamp() - now)
        except (TypeError, ValueError, IndexError, OverflowError):
            return 0.0
    return 0.0


class TileCache:
    """One file per tile under ``root/<source key>/z/x/y.tile``, written to a temporary
    file and renamed into place so a reader never sees half a tile."""

    def __init__(self, root: Path, source: TileSource, min_fresh_s: float = MIN_FRESH_S):
        self.folder = Path(root) / source.cache_key
        self.min_fresh_s = min_fresh_s

    def path(self, z: int, x: int, y: int) -> Path:
        return self.folder / str(z) / str(x) / f"{y}.tile"

    def read(self, z: int, x: int, y: int) -> CacheEntry | None:
        path = self.path(z, x, y)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cannot read cached tile %s: %s", path, exc)
            return None
        try:
            if not raw.startswith(_MAGIC):
                raise ValueError("not a cached tile")
            end = raw.index(b"\n", len(_MAGIC))
            meta = json.loads(raw[len(_MAGIC) : end])
            return CacheEntry(
                data=raw[end + 1 :],
                fetched=float(meta["fetched"]),
                fresh_until=float(meta["fresh_until"]),
                etag=meta.get("etag"),
                last_modified=meta.get("last_modified"),
            )
        except (ValueError, KeyError, TypeError):
            log.warning("dropping a damaged cached tile: %s", path)
            self.remove(z, x, y)
            return None

    def write(self, z: int, x: int, y: int, entry: CacheEntry) -> None:
        path = self.path(z, x, y)
        meta = {
            "fetched": entry.fetched,
            "fresh_until": entry.fresh_until,
            "etag": entry.etag,
            "last_modified": entry.last_modified,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{y}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_MAGIC + json.dumps(meta).encode() + b"\n" + entry.data)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    def remove(self, z: int, x: int, y: int) -> None:
        try:
            self.path(z, x, y).unlink()
        except OSError:
            pass

    def entry_from_response(
        self, data: bytes, headers: dict[str, str], now: float | None = None
    ) -> CacheEntry:
        now = time.time() if now is None else now
        lifetime = max(self.min_fresh_s, server_lifetime_s(headers, now))
        return CacheEntry(
            data=data,
            fetched=now,
            fresh_until=now + lifetime,
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
        )


# -- MBTiles (plain Python; used on the I/O thread) ------------------------------------


def open_mbtiles(path: Path) -> sqlite3.Connection:
    """A read-only connection to an MBTiles file. check_same_thread is off because the
    loader closes it after its I/O thread has stopped; one thread uses it at a time."""
    if not path.is_file():
        raise FileNotFoundError(f"MBTiles file not found: {path}")
    uri = path.resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def read_mbtiles_metadata(conn: sqlite3.Connection) -> dict[str, str]:
    """The ``metadata`` table as a dict (empty when the file has none)."""
    try:
        rows = conn.execute("SELECT name, value FROM metadata").fetchall()
    except sqlite3.OperationalError:
        return {}
    return {str(name): "" if value is None else str(value) for name, value in rows}


def read_mbtiles_tile(conn: sqlite3.Connection, z: int, x: int, y: int) -> bytes | None:
    """The bytes of XYZ tile (z, x, y), or None; MBTiles counts rows from the south."""
    row = conn.execute(
        "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
        (z, x, tms_row(z, y)),
    ).fetchone()
    return None if row is None or row[0] is None else bytes(row[0])


# -- the I/O thread --------------------------------------------------------------------


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
        self, source: TileSource, cache_root: Path | None, min_fresh_s: float, wanted: _Wanted
    ) -> None:
        super().__init__()
        self.source = source
        self.wanted = wanted
        self.cache = None if cache_root is None else TileCache(cache_root, source, min_fresh_s)
        self.conn: sqlite3.Connection | None = None
        self.source_problem: str | None = None

    # Every slot catches everything: nothing may raise into the event loop.

    @Slot()
    def open_source(self) -> None:
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
            root = None
            if source.kind == "xyz":  # MBTiles files are local: nothing to cache
                root = cache_dir if cache_dir is not None else paths.data_dir() / CACHE_FOLDER
            self._worker = _IoWorker(source, root, min_fresh_s, self._wanted)
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
