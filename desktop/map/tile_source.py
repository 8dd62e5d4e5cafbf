"""Where the base map's tiles come from: an XYZ tile server's URL template (checked:
https, or plain http only from this computer) or a local MBTiles file, and reading an
MBTiles file (plain Python; used on the loader's I/O thread)."""

from __future__ import annotations

import hashlib
import html
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from db.requests.mercator import MAX_ZOOM, tms_row

OSM_URL_TEMPLATE = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
OSM_MAX_ZOOM = 19
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})

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
