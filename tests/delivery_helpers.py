"""The agency's side for the delivery tests (tests/test_delivery*.py): packages built for
them, a raw TLS server that misbehaves at the socket, and the calls they share.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import random
import re
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import trustme
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pytest_httpserver import HTTPServer

from db.sharing.delivery import deliver
from db.sharing.delivery_types import DeliveryError, DeliveryReceipt
from tests.delivery_service import BASE, Service, server_context, sha

TOKEN = "upl-7c1e11SECRET9a59"


FAST: dict[str, Any] = {"backoff_s": 0.01, "connect_timeout": 2.0, "read_timeout": 2.0}


SMALL = {"excerpts/front door 1.mp4": 50_000, "excerpts/drive.mp4": 70_000}


# ---------------------------------------------------------------------------- packages


@dataclass
class Package:
    folder: Path
    files: dict[str, bytes]  # name -> contents
    manifest: bytes
    signature: str
    public_pem: bytes

    @property
    def manifest_sha256(self) -> str:
        return hashlib.sha256(self.manifest).hexdigest()

    @property
    def total(self) -> int:
        return sum(len(data) for data in self.files.values())


def make_package(folder: Path, sizes: dict[str, int], seed: int = 7) -> Package:
    """A share package as the builder writes it: random excerpts, a manifest, a signed
    manifest, SHA256SUMS (which also lists manifest.json) and the public key."""
    rng = random.Random(seed)
    files = {name: rng.randbytes(size) for name, size in sizes.items()}
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    manifest = json.dumps(
        {
            "format": "doorstep.package/1",
            "request": "3f0b6d0e-8a51-4f0c-9a59-2f2f5d7c1e11",
            "case_number": "2026-004512",
            "files": [
                {"name": name, "size": len(data), "sha256": sha(data)}
                for name, data in files.items()
            ],
        },
        indent=2,
    ).encode()
    (folder / "manifest.json").write_bytes(manifest)
    key = Ed25519PrivateKey.generate()
    signature = base64.b64encode(key.sign(manifest)).decode()
    (folder / "manifest.json.sig").write_text(signature + "\n")
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    (folder / "public-key.pem").write_bytes(public_pem)
    sums = {**files, "manifest.json": manifest}
    (folder / "SHA256SUMS").write_text(
        "".join(f"{sha(data)}  {name}\n" for name, data in sums.items())
    )
    return Package(folder, files, manifest, signature, public_pem)


@pytest.fixture
def package(tmp_path: Path) -> Package:
    return make_package(tmp_path / "package", {**SMALL, "excerpts/alley.mp4": 200_000})


@pytest.fixture(scope="module")
def big_package(tmp_path_factory: pytest.TempPathFactory) -> Package:
    """One file larger than what the loopback's socket buffers hold: the client is still
    sending when the server stops reading. Shared; tests must not change it."""
    return make_package(tmp_path_factory.mktemp("big"), {"excerpts/long.mp4": 24_000_000})


# ---------------------------------------------------------------------------- servers


Script = Callable[[ssl.SSLSocket], None]


class RawServer:
    """A TLS server on 127.0.0.1 that runs one script per connection, in order, for
    answers pytest-httpserver cannot give (a reset mid-upload, an early refusal)."""

    def __init__(self, context: ssl.SSLContext, scripts: list[Script]) -> None:
        self.context = context
        self.scripts = scripts
        self.served = 0  # connections whose TLS handshake succeeded
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(5)
        host, port = self.listener.getsockname()[:2]
        self.url = f"https://{host}:{port}{BASE}"
        self.thread = threading.Thread(target=self._serve)
        self.thread.start()

    def _serve(self) -> None:
        for script in self.scripts:
            try:
                raw, _ = self.listener.accept()
            except TimeoutError:  # the client never came
                return
            raw.settimeout(5)
            try:
                tls = self.context.wrap_socket(raw, server_side=True)
            except OSError:  # the client refused our certificate (wrap_socket closed raw)
                continue
            with tls, contextlib.suppress(OSError):  # OSError: the client went away
                self.served += 1
                script(tls)

    def close(self) -> None:
        self.thread.join(6)
        self.listener.close()
        assert not self.thread.is_alive()


@pytest.fixture
def raw_server(ca: trustme.CA) -> Iterator[Callable[..., RawServer]]:
    servers: list[RawServer] = []

    def make(*scripts: Script, ca: trustme.CA = ca) -> RawServer:
        servers.append(RawServer(server_context(ca), list(scripts)))
        return servers[-1]

    yield make
    for srv in servers:
        srv.close()


def read_head(sock: ssl.SSLSocket) -> tuple[bytes, bytes]:
    """The request's head, and what of its body came with it."""
    data = b""
    while (end := data.find(b"\r\n\r\n")) < 0:
        more = sock.recv(65536)
        if not more:
            return data, b""
        data += more
    return data[:end], data[end + 4 :]


def answer(sock: ssl.SSLSocket, status: str, body: object) -> None:
    data = json.dumps(body).encode()
    sock.sendall(
        f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode()
        + data
    )


def package_created(sock: ssl.SSLSocket) -> None:
    """Answers a POST of a manifest (read whole) with a new, empty package."""
    head, body = read_head(sock)
    declared = re.search(rb"(?i)content-length: *(\d+)", head)
    assert declared is not None, head
    length = int(declared.group(1))
    while len(body) < length:
        body += sock.recv(65536)
    answer(sock, "201 Created", {"package": "p-1", "have": []})


@pytest.fixture
def service(server: HTTPServer) -> Service:
    return Service(server, token=TOKEN)


def send(package: Package, url: str, client_ctx: ssl.SSLContext, **kwargs: Any) -> DeliveryReceipt:
    options: dict[str, Any] = {**FAST, "ssl_context": client_ctx, "token": TOKEN, **kwargs}
    return deliver(package.folder, url, **options)


def fails(package: Package, url: str, client_ctx: ssl.SSLContext, **kwargs: Any) -> DeliveryError:
    with pytest.raises(DeliveryError) as info:
        send(package, url, client_ctx, **kwargs)
    message = str(info.value)
    assert "\n" not in message and TOKEN not in message
    return info.value


def assert_delivered(receipt: DeliveryReceipt, package: Package, service: Service) -> None:
    """The server holds exactly the package's bytes, once, completed; the receipt says so."""
    assert len(service.packages) == 1
    stored = service.packages[receipt.package_id]
    assert stored.manifest == package.manifest
    assert stored.files == package.files
    assert stored.completed == 1
    assert receipt.confirmed == [(name, sha(data)) for name, data in package.files.items()]
    assert receipt.url == service.url
