"""The base map's disk cache of downloaded tiles, one file per tile with the server's
validators, kept fresh at least ``MIN_FRESH_S`` whatever the server says (plain Python;
used on the loader's I/O thread)."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

from desktop.map.tile_source import TileSource

log = logging.getLogger(__name__)

MIN_FRESH_S = 7 * 24 * 3600  # keep tiles at least 7 days, whatever the server says


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


def retire_old_cache(old: Path, new: Path) -> None:
    """Earlier versions kept the tile cache in the data folder, which the resident
    backs up; it now lives in the cache folder. Moved there when that is one rename
    (the same file system, and no cache there yet: its tiles are kept); removed
    otherwise, since every tile can be fetched again and copying them would cost more
    than fetching the few the map shows. Runs on the loader's I/O thread, once: after
    it the old folder is gone."""
    if not old.is_dir():
        return
    if not new.exists():
        try:
            new.parent.mkdir(parents=True, exist_ok=True)
            os.rename(old, new)
            return
        except OSError as exc:
            log.info("tile cache %s not moved to %s: %s", old, new, exc)
    shutil.rmtree(old, ignore_errors=True)
