"""The base map tile loader against a real tile server on 127.0.0.1 (pytest-httpserver)
and real MBTiles files: pixels, the disk cache and revalidation, the User-Agent, errors,
going offline, the two-connection cap, cancelling, and TLS verification."""

from __future__ import annotations

import re
import socket
import sqlite3
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import trustme
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtNetwork import QSslCertificate
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from db.requests.mercator import tms_row
from desktop.map.tiles import (
    MIN_FRESH_S,
    OSM_ATTRIBUTION,
    USER_AGENT,
    TileCache,
    TileLoader,
    TileSource,
    TileSourceError,
)

TILE_PATH = re.compile(r"^/\d+/\d+/\d+\.png$")
Key = tuple[int, int, int]


def png(colour: str, size: int = 256) -> bytes:
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stub types the format as bytes; the binding takes only str.
    assert image.save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(buffer.data().data())


def colour_of(image: QImage) -> str:
    return image.pixelColor(128, 128).name()


def template(server: HTTPServer) -> str:
    return f"http://127.0.0.1:{server.port}/{{z}}/{{x}}/{{y}}.png"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Answers:
    """Everything a loader says, in order."""

    def __init__(self, loader: TileLoader) -> None:
        self.ready: list[tuple[Key, QImage]] = []
        self.failed: list[tuple[Key, str]] = []
        self.availability: list[bool] = []
        loader.tile_ready.connect(lambda z, x, y, image: self.ready.append(((z, x, y), image)))
        loader.failed.connect(lambda z, x, y, message: self.failed.append(((z, x, y), message)))
        loader.availability_changed.connect(self.availability.append)

    def answered(self) -> list[Key]:
        return [k for k, _ in self.ready] + [k for k, _ in self.failed]

    def image(self, key: Key) -> QImage:
        return next(image for k, image in self.ready if k == key)


@pytest.fixture(scope="module")
def tile_server() -> Iterator[HTTPServer]:
    # Threaded, so that concurrent connections are really concurrent.
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def server(tile_server: HTTPServer) -> Iterator[HTTPServer]:
    tile_server.clear()
    yield tile_server
    tile_server.check_handler_errors()
    tile_server.clear()


@pytest.fixture
def make_loader(qtbot: QtBot) -> Iterator[Callable[..., TileLoader]]:
    loaders: list[TileLoader] = []

    def make(source: TileSource | None, **kwargs: object) -> TileLoader:
        # Passed through as each test gives them: TileLoader's keywords, of several types.
        loader = TileLoader(source, **kwargs)  # type: ignore[arg-type]
        loaders.append(loader)
        return loader

    yield make
    for loader in loaders:
        loader.close()


def fetch(qtbot: QtBot, loader: TileLoader, key: Key) -> QImage:
    with qtbot.waitSignal(
        loader.tile_ready, timeout=5000, check_params_cb=lambda z, x, y, _i: (z, x, y) == key
    ) as blocker:
        loader.request(*key)
    return blocker.args[3]


def fail(qtbot: QtBot, loader: TileLoader, key: Key) -> str:
    with qtbot.waitSignal(
        loader.failed, timeout=5000, check_params_cb=lambda z, x, y, _m: (z, x, y) == key
    ) as blocker:
        loader.request(*key)
    return blocker.args[3]


# -- HTTP ------------------------------------------------------------------------------


def test_tile_arrives_and_is_cached(
    qtbot: QtBot, server: HTTPServer, make_loader: Callable[..., TileLoader], isolated: Path
) -> None:
    server.expect_request("/2/1/3.png").respond_with_data(png("#ff0000"), content_type="image/png")
    source = TileSource.xyz(template(server), attribution="Test tiles")
    loader = make_loader(source)
    answers = Answers(loader)
    assert loader.available and loader.attribution == "Test tiles"

    with qtbot.waitSignal(loader.tile_ready, timeout=5000) as blocker:
        for _ in range(3):  # asked three times while on its way: fetched once
            loader.request(2, 1, 3)
        assert loader.pending == 1
    z, x, y, image = blocker.args
    assert (z, x, y) == (2, 1, 3)
    assert image.size().width() == 256 and colour_of(image) == "#ff0000"
    assert loader.pending == 0 and answers.answered() == [(2, 1, 3)]

    request, response = server.log[0]
    assert request.headers["User-Agent"] == USER_AGENT
    assert response.status_code == 200
    cache = TileCache(isolated / "cache" / "tile-cache", source)
    entry = cache.read(2, 1, 3)
    assert entry is not None and entry.data == png("#ff0000")
    assert entry.fresh_until - entry.fetched >= MIN_FRESH_S  # kept at least 7 days
    assert not list(cache.folder.rglob("*.tmp"))  # written by rename

    # Again: from the disk cache, not the server; a new loader (a new run) too.
    assert colour_of(fetch(qtbot, loader, (2, 1, 3))) == "#ff0000"
    loader.close()
    again = make_loader(source)
    assert colour_of(fetch(qtbot, again, (2, 1, 3))) == "#ff0000"
    assert len(server.log) == 1


@pytest.mark.parametrize(
    ("validator", "condition"),
    [("ETag", "If-None-Match"), ("Last-Modified", "If-Modified-Since")],
)
def test_stale_tile_is_revalidated(
    qtbot: QtBot,
    server: HTTPServer,
    make_loader: Callable[..., TileLoader],
    isolated: Path,
    validator: str,
    condition: str,
) -> None:
    value = '"v1"' if validator == "ETag" else "Wed, 21 Oct 2015 07:28:00 GMT"

    def handler(request: Request) -> Response:
        if request.headers.get(condition) == value:
            return Response(status=304, headers={validator: value})
        return Response(png("#00ff00"), content_type="image/png", headers={validator: value})

    server.expect_request("/3/2/1.png").respond_with_handler(handler)
    source = TileSource.xyz(template(server))
    loader = make_loader(source)
    assert colour_of(fetch(qtbot, loader, (3, 2, 1))) == "#00ff00"

    # Eight days later the copy is stale.
    cache = TileCache(isolated / "cache" / "tile-cache", source)
    entry = cache.read(3, 2, 1)
    assert entry is not None
    entry.fetched -= 8 * 86400
    entry.fresh_until -= 8 * 86400
    cache.write(3, 2, 1, entry)

    image = fetch(qtbot, loader, (3, 2, 1))
    assert colour_of(image) == "#00ff00"  # the cached bytes, reused
    request, response = server.log[1]
    assert request.headers[condition] == value
    assert response.status_code == 304
    refreshed = cache.read(3, 2, 1)
    assert refreshed is not None and refreshed.fresh_until > time.time() + MIN_FRESH_S - 60
    assert refreshed.data == png("#00ff00")

    # Fresh again: no request at all.
    fetch(qtbot, loader, (3, 2, 1))
    assert len(server.log) == 2


def test_changed_tile_replaces_the_stale_copy(
    qtbot: QtBot, server: HTTPServer, make_loader: Callable[..., TileLoader]
) -> None:
    colours = iter(["#0000ff", "#ffff00"])
    server.expect_request("/1/0/0.png").respond_with_handler(
        lambda _r: Response(png(next(colours)), content_type="image/png", headers={"ETag": '"x"'})
    )
    # min_fresh_s=0 and no Cache-Control: stale at once.
    loader = make_loader(TileSource.xyz(template(server)), min_fresh_s=0)
    assert colour_of(fetch(qtbot, loader, (1, 0, 0))) == "#0000ff"
    assert colour_of(fetch(qtbot, loader, (1, 0, 0))) == "#ffff00"
    assert server.log[1][0].headers["If-None-Match"] == '"x"'


def test_server_max_age_is_honoured(
    qtbot: QtBot, server: HTTPServer, make_loader: Callable[..., TileLoader]
) -> None:
    server.expect_request("/1/1/1.png").respond_with_data(
        png("#123456"), content_type="image/png", headers={"Cache-Control": "max-age=3600"}
    )
    loader = make_loader(TileSource.xyz(template(server)), min_fresh_s=0)
    fetch(qtbot, loader, (1, 1, 1))
    fetch(qtbot, loader, (1, 1, 1))
    assert len(server.log) == 1


def test_404_fails_once(
    qtbot: QtBot, server: HTTPServer, make_loader: Callable[..., TileLoader]
) -> None:
    server.expect_request("/5/1/1.png").respond_with_data("gone", status=404)
    loader = make_loader(TileSource.xyz(template(server)))
    answers = Answers(loader)
    message = fail(qtbot, loader, (5, 1, 1))
    assert "404" in message and "5/1/1" in message
    # Asked again (the view repaints): not fetched, not reported again.
    loader.request(5, 1, 1)
    assert loader.pending == 0
    assert len(server.log) == 1 and len(answers.failed) == 1
    assert loader.available and answers.availability == []  # the server is there
    # Until the failures are forgotten.
    loader.forget_failures()
    fail(qtbot, loader, (5, 1, 1))
    assert len(server.log) == 2


def test_not_an_image(
    qtbot: QtBot, server: HTTPServer, make_loader: Callable[..., TileLoader], isolated: Path
) -> None:
    server.expect_request("/1/0/1.png").respond_with_data(b"<html>oops</html>", status=200)
    source = TileSource.xyz(template(server))
    loader = make_loader(source)
    assert "no image" in fail(qtbot, loader, (1, 0, 1))
    assert TileCache(isolated / "cache" / "tile-cache", source).read(1, 0, 1) is None


def test_out_of_range_tiles_fail(make_loader: Callable[..., TileLoader], qtbot: QtBot) -> None:
    loader = make_loader(TileSource.xyz("https://tiles.example.invalid/{z}/{x}/{y}.png"))
    assert "outside the map" in fail(qtbot, loader, (2, 4, 0))
    assert "outside the map" in fail(qtbot, loader, (2, 0, -1))
    assert "zoom 20" in fail(qtbot, loader, (20, 0, 0))


def test_server_down_goes_offline(qtbot: QtBot, make_loader: Callable[..., TileLoader]) -> None:
    port = free_port()
    source = TileSource.xyz(f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png")
    loader = make_loader(source, offline_after=3)
    answers = Answers(loader)
    keys = [(4, x, 0) for x in range(5)]
    with qtbot.waitSignal(loader.availability_changed, timeout=5000) as blocker:
        for key in keys:
            loader.request(*key)
    assert blocker.args == [False] and not loader.available
    qtbot.waitUntil(lambda: len(answers.failed) == len(keys))
    assert sorted(k for k, _ in answers.failed) == keys  # each reported once
    assert any("refused" in message.lower() for _k, message in answers.failed)
    assert answers.availability == [False]

    # While offline nothing is tried: a new tile fails at once, asked again it is quiet.
    assert "out of reach" in fail(qtbot, loader, (4, 9, 9))
    loader.request(4, 0, 0)
    assert loader.pending == 0 and loader.in_flight == 0
    assert answers.availability == [False]


def test_back_online_after_server_errors(
    qtbot: QtBot, server: HTTPServer, make_loader: Callable[..., TileLoader]
) -> None:
    served = {"count": 0}
    lock = threading.Lock()

    def flaky(_request: Request) -> Response:
        with lock:
            served["count"] += 1
            broken = served["count"] <= 3
        if broken:
            return Response("busy", status=503)
        return Response(png("#ff00ff"), content_type="image/png")

    server.expect_request(TILE_PATH).respond_with_handler(flaky)
    loader = make_loader(TileSource.xyz(template(server)), offline_after=3, retry_after_ms=0)
    answers = Answers(loader)
    with qtbot.waitSignal(loader.availability_changed, timeout=5000) as blocker:
        for x in range(3):
            loader.request(2, x, 0)
    assert blocker.args == [False]
    qtbot.waitUntil(lambda: len(answers.failed) == 3)
    assert all("503" in message for _k, message in answers.failed)

    # The wait (0 ms here) is over: the next tile is tried, and works.
    with qtbot.waitSignal(loader.availability_changed, timeout=5000) as blocker:
        loader.request(2, 3, 0)
    assert blocker.args == [True] and loader.available
    qtbot.waitUntil(lambda: (2, 3, 0) in answers.answered())
    # Tiles that failed for want of a server are tried again.
    assert colour_of(fetch(qtbot, loader, (2, 0, 0))) == "#ff00ff"


class Gate:
    """A tile handler that holds every request until the test lets one through, and
    counts how many are held at once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.active = 0
        self.max_active = 0
        self.permits = threading.Semaphore(0)

    def handler(self, _request: Request) -> Response:
        with self.lock:
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        try:
            self.permits.acquire(timeout=20)
        finally:
            with self.lock:
                self.active -= 1
        return Response(png("#808080"), content_type="image/png")

    def open(self, n: int = 100) -> None:
        self.permits.release(n)


@pytest.fixture
def gate(server: HTTPServer) -> Iterator[Gate]:
    gate = Gate()
    server.expect_request(TILE_PATH).respond_with_handler(gate.handler)
    yield gate
    gate.open()  # never leave a server thread waiting


def test_at_most_two_connections(
    qtbot: QtBot, server: HTTPServer, gate: Gate, make_loader: Callable[..., TileLoader]
) -> None:
    loader = make_loader(TileSource.xyz(template(server)))
    answers = Answers(loader)
    keys = [(3, x, 5) for x in range(7)]
    for key in keys:
        loader.request(*key)
    qtbot.waitUntil(lambda: gate.active == 2 and loader.in_flight == 2 and loader.queued == 5)
    for remaining in range(len(keys), 0, -1):
        held = min(2, remaining)
        qtbot.waitUntil(lambda: gate.active == held)  # noqa: B023 - waited for at once
        assert loader.in_flight <= 2
        gate.open(1)
    qtbot.waitUntil(lambda: len(answers.ready) == len(keys))
    assert gate.max_active == 2
    assert len(server.log) == len(keys)


def test_cancel_outside_drops_queued_requests(
    qtbot: QtBot,
    server: HTTPServer,
    gate: Gate,
    make_loader: Callable[..., TileLoader],
    isolated: Path,
) -> None:
    source = TileSource.xyz(template(server))
    loader = make_loader(source)
    answers = Answers(loader)
    keys = [(4, x, 7) for x in range(6)]
    for key in keys:
        loader.request(*key)
    qtbot.waitUntil(lambda: loader.in_flight == 2 and loader.queued == 4)
    visible = {keys[0], keys[4], keys[5]}  # keys[1] is being downloaded, 2 and 3 wait
    loader.cancel_outside(visible)
    assert loader.pending == 3 and loader.queued == 2
    gate.open()
    qtbot.waitUntil(lambda: len(answers.ready) == 3 and loader.in_flight == 0)
    assert {k for k, _ in answers.ready} == visible and not answers.failed
    paths = sorted(request.path for request, _ in server.log)
    assert paths == sorted(f"/4/{x}/7.png" for x in (0, 1, 4, 5))
    # The download that was under way still went into the cache.
    qtbot.waitUntil(
        lambda: TileCache(isolated / "cache" / "tile-cache", source).read(4, 1, 7) is not None
    )

    loader.request(4, 2, 7)
    loader.clear_pending()
    assert loader.pending == 0 and loader.queued == 0


# -- settings --------------------------------------------------------------------------


def test_url_template_rules() -> None:
    with pytest.raises(TileSourceError, match=r"plain http:// to tiles\.example\.com.*https://"):
        TileSource.xyz("http://tiles.example.com/{z}/{x}/{y}.png")
    with pytest.raises(TileSourceError, match="https://"):
        TileSource.parse("http://192.168.1.10:8080/{z}/{x}/{y}.png")
    with pytest.raises(TileSourceError, match=r"lacks \{y\}"):
        TileSource.xyz("https://tiles.example.com/{z}/{x}.png")
    with pytest.raises(TileSourceError, match=r"unknown placeholders: \{s\}"):
        TileSource.xyz("https://{s}.tiles.example.com/{z}/{x}/{y}.png")
    with pytest.raises(TileSourceError, match="must start with https://"):
        TileSource.xyz("ftp://tiles.example.com/{z}/{x}/{y}.png")
    for local in ("localhost:8080", "127.0.0.1", "[::1]:9000"):
        TileSource.xyz(f"http://{local}/{{z}}/{{x}}/{{y}}.png")

    osm = TileSource.osm()
    assert osm.url_template == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert osm.attribution == OSM_ATTRIBUTION == "© OpenStreetMap contributors"
    assert TileSource.xyz().attribution == OSM_ATTRIBUTION
    assert osm.tile_url(3, 4, 5) == "https://tile.openstreetmap.org/3/4/5.png"
    assert TileSource.parse("") is None and TileSource.parse("none") is None
    parsed = TileSource.parse("~/maps/town.mbtiles")
    assert parsed is not None and parsed.kind == "mbtiles"
    with pytest.raises(TileSourceError, match="neither"):
        TileSource.parse("just words")
    assert "Doorstep/0.1" in USER_AGENT and "example.invalid/doorstep" in USER_AGENT


def test_no_base_map(qtbot: QtBot, make_loader: Callable[..., TileLoader]) -> None:
    loader = make_loader(None)
    answers = Answers(loader)
    assert not loader.available and loader.attribution == ""
    loader.request(0, 0, 0)
    assert answers.failed == []  # never answered from inside request()
    qtbot.waitUntil(lambda: len(answers.failed) == 1)
    assert "No base map" in answers.failed[0][1]
    loader.request(0, 0, 0)
    assert loader.pending == 0 and len(answers.failed) == 1


# -- MBTiles ---------------------------------------------------------------------------


def make_mbtiles(path: Path, tiles: dict[Key, bytes], metadata: dict[str, str]) -> Path:
    """``tiles`` keyed by XYZ (z, x, y); stored with TMS rows as MBTiles wants."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        conn.execute(
            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
            "tile_data BLOB)"
        )
        conn.executemany("INSERT INTO metadata VALUES (?, ?)", metadata.items())
        conn.executemany(
            "INSERT INTO tiles VALUES (?, ?, ?, ?)",
            [(z, x, tms_row(z, y), data) for (z, x, y), data in tiles.items()],
        )
    conn.close()
    return path


def test_mbtiles(qtbot: QtBot, make_loader: Callable[..., TileLoader], tmp_path: Path) -> None:
    path = make_mbtiles(
        tmp_path / "town.mbtiles",
        {
            (1, 0, 0): png("#ff0000"),  # north-west: red
            (1, 0, 1): png("#0000ff"),  # south-west: blue
            (1, 1, 1): b"not an image",
        },
        {
            "name": "Town",
            "format": "png",
            "attribution": '<a href="https://example.invalid/">© Town Tiles</a> &amp; friends',
        },
    )
    # The rows really are stored flipped.
    with sqlite3.connect(path) as check:
        rows = dict(check.execute("SELECT tile_row, tile_data FROM tiles WHERE tile_column = 0"))
    assert rows[1] == png("#ff0000") and rows[0] == png("#0000ff")
    check.close()
    before = sorted(p.name for p in tmp_path.iterdir())

    loader = make_loader(TileSource.mbtiles(path))
    answers = Answers(loader)
    assert loader.available
    qtbot.waitUntil(lambda: loader.attribution == "© Town Tiles & friends")
    assert colour_of(fetch(qtbot, loader, (1, 0, 0))) == "#ff0000"
    assert colour_of(fetch(qtbot, loader, (1, 0, 1))) == "#0000ff"
    assert "is not in town.mbtiles" in fail(qtbot, loader, (1, 1, 0))
    assert "not an image" in fail(qtbot, loader, (1, 1, 1))
    assert loader.available and answers.availability == []
    loader.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # opened read-only


def test_missing_mbtiles_file(
    qtbot: QtBot, make_loader: Callable[..., TileLoader], tmp_path: Path
) -> None:
    loader = make_loader(TileSource.mbtiles(tmp_path / "nowhere.mbtiles"))
    with qtbot.waitSignal(loader.availability_changed, timeout=5000) as blocker:
        pass
    assert blocker.args == [False] and not loader.available
    assert "not found" in fail(qtbot, loader, (0, 0, 0))


def test_vector_mbtiles_refused(
    qtbot: QtBot, make_loader: Callable[..., TileLoader], tmp_path: Path
) -> None:
    path = make_mbtiles(tmp_path / "v.mbtiles", {(0, 0, 0): b"\x1a\x00"}, {"format": "pbf"})
    loader = make_loader(TileSource.mbtiles(path))
    with qtbot.waitSignal(loader.availability_changed, timeout=5000):
        pass
    assert "vector tiles" in fail(qtbot, loader, (0, 0, 0))


# -- TLS -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def https_server(ca: trustme.CA) -> Iterator[HTTPServer]:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(ctx)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=ctx)
    server.start()
    yield server
    server.clear()
    server.stop()


def test_https_is_verified(
    qtbot: QtBot, https_server: HTTPServer, ca: trustme.CA, make_loader: Callable[..., TileLoader]
) -> None:
    https_server.clear()
    https_server.expect_request(TILE_PATH).respond_with_data(
        png("#00ffff"), content_type="image/png"
    )
    source = TileSource.xyz(f"https://127.0.0.1:{https_server.port}/{{z}}/{{x}}/{{y}}.png")
    # Not trusted: refused.
    untrusted = make_loader(source)
    assert fail(qtbot, untrusted, (1, 1, 0))
    assert len(https_server.log) == 0
    # Trusted through the extra CA certificate.
    cert = QSslCertificate(QByteArray(ca.cert_pem.bytes()))
    trusting = make_loader(source, ca_certificates=[cert])
    assert colour_of(fetch(qtbot, trusting, (1, 1, 0))) == "#00ffff"
    assert https_server.log[0][0].headers["User-Agent"] == USER_AGENT
    https_server.check_handler_errors()
