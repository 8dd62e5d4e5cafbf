"""The agency's side of the upload protocol (docs/delivery.md) on a real TLS server on
127.0.0.1 with a trustme CA, shared by the delivery, sharing and window tests.

Import the fixtures (``ca``, ``client_ctx``, ``https_server``, ``server``) into a test
module to use them there."""

from __future__ import annotations

import hashlib
import json
import re
import socket
import ssl
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import trustme
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response
from werkzeug.exceptions import ClientDisconnected

BASE = "/u/abc"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    """The private CA of this module's servers."""
    return trustme.CA()


def server_context(ca: trustme.CA) -> ssl.SSLContext:
    """A server's TLS context with a certificate for 127.0.0.1 signed by ``ca``."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


@pytest.fixture(scope="module")
def client_ctx(ca: trustme.CA) -> ssl.SSLContext:
    """Trusts the module's CA and nothing else."""
    return ssl.create_default_context(cadata=ca.cert_pem.bytes().decode("ascii"))


@pytest.fixture(scope="module")
def https_server(ca: trustme.CA) -> Iterator[HTTPServer]:
    """One server for the module (stopping one takes up to half a second)."""
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=server_context(ca))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def server(https_server: HTTPServer, client_ctx: ssl.SSLContext) -> Iterator[HTTPServer]:
    https_server.clear()
    yield https_server
    # The server answers one request at a time: once this one is answered, whatever a
    # cancelled client left behind has been handled too and cannot leak into the next test.
    https_server.expect_request("/sync").respond_with_data("ok")
    with urllib.request.urlopen(https_server.url_for("/sync"), context=client_ctx) as answer:
        assert answer.read() == b"ok"
    https_server.check_handler_errors()
    https_server.check_assertions()
    https_server.clear()


@dataclass
class Stored:
    manifest: bytes
    signature: str
    public_key: str
    files: dict[str, bytes] = field(default_factory=dict)
    completed: int = 0


class Service:
    """The agency's evidence service, as docs/delivery.md describes it."""

    def __init__(self, server: HTTPServer, token: str | None = None) -> None:
        self.server = server
        self.token = token
        self.packages: dict[str, Stored] = {}
        self.by_manifest: dict[str, str] = {}
        self.calls: list[tuple[str, str]] = []  # (method, decoded path)
        self.authorization: set[str | None] = set()
        self.drop: set[str] = set()  # drop the connection during the first PUT of these
        self.confirm_only: int | None = None  # confirm only this many files
        self.new_id_on_repost = False
        self.stall_put: threading.Event | None = None  # a PUT waits for it, reading nothing
        self.disconnected = 0  # PUTs whose client went away before the end of the body
        self.url = server.url_for(BASE)
        server.expect_request(f"{BASE}/packages", method="POST").respond_with_handler(self.create)
        server.expect_request(
            re.compile(rf"^{BASE}/packages/([^/]+)/files/(.+)$"), method="PUT"
        ).respond_with_handler(self.put)
        server.expect_request(
            re.compile(rf"^{BASE}/packages/([^/]+)/complete$"), method="POST"
        ).respond_with_handler(self.complete)

    def refused(self, request: Request) -> Response | None:
        self.calls.append((request.method, request.path))
        self.authorization.add(request.headers.get("Authorization"))
        if (
            self.token is not None
            and request.headers.get("Authorization") != f"Bearer {self.token}"
        ):
            sent = request.headers.get("Authorization", "")
            return json_response({"error": f"unknown token {sent.removeprefix('Bearer ')}"}, 401)
        return None

    def create(self, request: Request) -> Response:
        if (refusal := self.refused(request)) is not None:
            return refusal
        manifest = request.get_data()
        assert request.headers["Content-Type"] == "application/json"
        key = sha(manifest)
        package_id = self.by_manifest.get(key)
        if package_id is None or self.new_id_on_repost:
            package_id = f"pkg-{len(self.packages) + 1}"
            self.by_manifest[key] = package_id
            self.packages[package_id] = Stored(
                manifest,
                request.headers["X-Doorstep-Signature"],
                request.headers["X-Doorstep-Public-Key"],
            )
        have = [
            {"name": name, "sha256": sha(data)}
            for name, data in self.packages[package_id].files.items()
        ]
        return json_response({"package": package_id, "have": have}, 201)

    def put(self, request: Request) -> Response:
        if (refusal := self.refused(request)) is not None:
            return refusal
        match = re.fullmatch(rf"{BASE}/packages/([^/]+)/files/(.+)", request.path)
        assert match is not None
        package_id, name = match.groups()
        if self.stall_put is not None:
            self.stall_put.wait(5)
            return Response(status=503)
        if name in self.drop:
            self.drop.discard(name)
            request.stream.read(100_000)
            # The server stops reading and hangs up.
            request.environ["werkzeug.socket"].shutdown(socket.SHUT_RDWR)
            return Response(status=500)
        try:
            data = request.get_data()
        except ClientDisconnected:
            self.disconnected += 1
            return Response(status=400)
        assert len(data) == int(request.headers["Content-Length"])
        if sha(data) != request.headers["X-Content-SHA256"]:
            return json_response({"error": "the body does not match X-Content-SHA256"}, 422)
        self.packages[package_id].files[name] = data
        return json_response({"name": name, "sha256": sha(data)}, 201)

    def complete(self, request: Request) -> Response:
        if (refusal := self.refused(request)) is not None:
            return refusal
        match = re.fullmatch(rf"{BASE}/packages/([^/]+)/complete", request.path)
        assert match is not None
        stored = self.packages[match.group(1)]
        stored.completed += 1
        confirmed = [{"name": name, "sha256": sha(data)} for name, data in stored.files.items()]
        if self.confirm_only is not None:
            confirmed = confirmed[: self.confirm_only]
        return json_response({"confirmed": confirmed})

    def count(self, method: str, pattern: str = "") -> int:
        return sum(1 for m, path in self.calls if m == method and pattern in path)

    @property
    def puts(self) -> list[str]:
        return [path.rsplit("/files/", 1)[1] for m, path in self.calls if m == "PUT"]


def json_response(body: object, status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, content_type="application/json")
