"""The services one open database needs, built in one place and passed explicitly."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.dbthread import DbService
from desktop.feed_poller import FeedPoller
from desktop.hold_sync import HoldController
from desktop.importing import ImportController
from desktop.models.cameras import CamerasModel
from desktop.models.clips import ClipsModel
from desktop.models.requests import RequestsModel
from desktop.sharing import ShareController
from desktop.watcher import FolderWatcher

if TYPE_CHECKING:
    import ssl  # imported when a feed is polled (db.requests.feed_client), not at start-up

    from desktop.map.tiles import TileLoader


@dataclass
class Services:
    db: DbService
    cameras: CamerasModel
    clips: ClipsModel
    imports: ImportController
    watcher: FolderWatcher
    requests: RequestsModel
    feeds: FeedPoller
    tiles: TileLoader | None  # made once the window shows (start_tiles)
    sharing: ShareController
    holds: HoldController

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def kind(self) -> str:
        return self.db.kind

    def shutdown(self) -> None:
        """Stop the work and delete the Qt objects on the GUI thread (left to Python's
        garbage collector, they could be destroyed on a worker thread)."""
        self.feeds.shutdown()
        self.sharing.shutdown()
        self.holds.shutdown()
        if self.tiles is not None:
            self.tiles.close()
        self.imports.shutdown()
        self.db.shutdown()
        objects = (
            self.holds,
            self.sharing,
            self.tiles,
            self.feeds,
            self.requests,
            self.watcher,
            self.imports,
            self.clips,
        )
        for obj in (*objects, self.cameras, self.db):
            if obj is not None:
                obj.deleteLater()


def build_services(path: Path, kind: str, *, ssl_context: ssl.SSLContext | None = None) -> Services:
    """Open the database on its thread (raises DatabaseError if it cannot be used)."""
    from db.store.database import database_kind

    dbs = DbService(path, kind)
    try:
        dbs.call_blocking(database_kind)
    except BaseException:
        dbs.shutdown()
        raise
    return Services(
        db=dbs,
        cameras=CamerasModel(dbs),
        clips=ClipsModel(dbs),
        imports=ImportController(dbs),
        watcher=FolderWatcher(),
        requests=RequestsModel(dbs),
        feeds=FeedPoller(dbs, ssl_context=ssl_context),
        tiles=None,
        sharing=ShareController(dbs, ssl_context),
        holds=HoldController(dbs),
    )


def make_tile_loader(base_map: str | None = None) -> TileLoader:
    """The base map's tile loader from the preferences (or ``base_map``); an unusable
    setting gives a loader without a source (the map shows its neutral background)."""
    from desktop import preferences
    from desktop.map.tiles import TileLoader, TileSource, TileSourceError

    setting = base_map if base_map is not None else preferences.load().base_map
    try:
        source = TileSource.parse(setting)
    except TileSourceError:
        source = None
    return TileLoader(source)
