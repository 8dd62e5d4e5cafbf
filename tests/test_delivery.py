"""Delivery of share packages (db/sharing/delivery.py, docs/delivery.md) to real TLS servers on
127.0.0.1 with certificates from trustme.

``Service`` is the agency's side of the upload protocol as pytest-httpserver handlers: it
keeps packages by the manifest's SHA-256, checks every file's hash, and can be told to
misbehave (drop a connection mid-file, confirm too little, hand out a new id). Backoffs
are a hundredth of a second, so the whole file runs in a couple of seconds.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import pickle
import random
import re
import socket
import ssl
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import trustme
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pytest_httpserver import HTTPServer

import db.sharing.delivery
from db.sharing.delivery import deliver
from db.sharing.delivery_types import DeliveryCancelled, DeliveryError, DeliveryReceipt
from tests.delivery_service import BASE, Service, Stored, server_context, sha

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


def reset(sock: ssl.SSLSocket) -> None:
    """Reads the head of a PUT and a little of its body, then resets the connection."""
    read_head(sock)
    sock.recv(65536)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


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


# ---------------------------------------------------------------------------- success


def test_delivers_every_file_and_the_server_confirms_them(
    package: Package, service: Service, client_ctx: ssl.SSLContext
) -> None:
    seen: list[tuple[int, int, str]] = []
    receipt = send(package, service.url, client_ctx, progress=lambda *a: seen.append(a))
    assert_delivered(receipt, package, service)
    assert receipt.bytes_sent == package.total and receipt.resumed is False
    assert service.authorization == {f"Bearer {TOKEN}"}
    stored = service.packages[receipt.package_id]
    assert stored.signature == package.signature
    assert base64.b64decode(stored.public_key) == serialization.load_pem_public_key(
        package.public_pem
    ).public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    # A name with a space went over the wire quoted and came out whole.
    assert sorted(service.puts) == sorted(package.files)
    assert [m for m, _ in service.calls] == ["POST", "PUT", "PUT", "PUT", "POST"]
    # Progress by bytes: never beyond the total, never backwards here, ending complete.
    assert seen[-1] == (package.total, package.total, "excerpts/alley.mp4")
    assert all(total == package.total for _, total, _ in seen)
    dones = [done for done, _, _ in seen]
    assert dones == sorted(dones) and len(seen) > 5


def test_without_a_token_no_authorization_is_sent(
    package: Package, server: HTTPServer, client_ctx: ssl.SSLContext
) -> None:
    service = Service(server)
    receipt = send(package, service.url, client_ctx, token=None)
    assert_delivered(receipt, package, service)
    assert service.authorization == {None}


def test_resumes_where_the_server_left_off(
    package: Package, service: Service, client_ctx: ssl.SSLContext
) -> None:
    # An earlier delivery stored two of the three files, then stopped.
    service.by_manifest[package.manifest_sha256] = "pkg-1"
    service.packages["pkg-1"] = Stored(package.manifest, package.signature, "key")
    for name in SMALL:
        service.packages["pkg-1"].files[name] = package.files[name]
    seen: list[tuple[int, int, str]] = []
    receipt = send(package, service.url, client_ctx, progress=lambda *a: seen.append(a))
    assert_delivered(receipt, package, service)
    assert service.puts == ["excerpts/alley.mp4"]
    assert receipt.resumed is True
    assert receipt.bytes_sent == 200_000
    assert seen[0] == (sum(SMALL.values()), package.total, "excerpts/alley.mp4")


def test_a_connection_dropped_mid_file_is_resumed_and_makes_one_package(
    tmp_path: Path, service: Service, client_ctx: ssl.SSLContext
) -> None:
    package = make_package(tmp_path / "big", {**SMALL, "excerpts/long.mp4": 8_000_000})
    service.drop = {"excerpts/long.mp4"}
    seen: list[tuple[int, int, str]] = []
    receipt = send(package, service.url, client_ctx, progress=lambda *a: seen.append(a))
    assert_delivered(receipt, package, service)
    assert service.drop == set()  # it did drop
    assert service.count("POST", "/packages") == 3  # manifest twice, complete once
    assert service.count("POST", "/complete") == 1
    # The small files went once; the dropped one again, in full.
    assert sorted(service.puts) == sorted([*SMALL, "excerpts/long.mp4", "excerpts/long.mp4"])
    assert receipt.resumed is True
    assert receipt.bytes_sent > package.total
    assert seen[-1][0] == package.total


def test_a_reset_mid_file_is_a_network_error_worth_retrying(
    big_package: Package, raw_server: Callable[..., RawServer], client_ctx: ssl.SSLContext
) -> None:
    srv = raw_server(package_created, reset)
    error = fails(big_package, srv.url, client_ctx, retries=0)
    assert "uploading excerpts/long.mp4: the connection was dropped" in str(error)
    assert error.retry is True


def test_a_refusal_sent_before_the_body_is_read_is_reported(
    big_package: Package, raw_server: Callable[..., RawServer], client_ctx: ssl.SSLContext
) -> None:
    def too_large(sock: ssl.SSLSocket) -> None:
        read_head(sock)
        answer(sock, "413 Payload Too Large", {"error": "files over 2 GB are refused"})
        sock.shutdown(socket.SHUT_WR)
        time.sleep(0.05)

    srv = raw_server(package_created, too_large)
    error = fails(big_package, srv.url, client_ctx)
    assert "refused (HTTP 413 Payload Too Large): files over 2 GB are refused" in str(error)
    assert error.retry is False and error.status == 413


def test_server_error_then_success(
    package: Package, service: Service, server: HTTPServer, client_ctx: ssl.SSLContext
) -> None:
    server.expect_oneshot_request(f"{BASE}/packages", method="POST").respond_with_data(
        "busy", status=500
    )
    receipt = send(package, service.url, client_ctx)
    assert_delivered(receipt, package, service)
    assert len(server.log) == 6  # the 500, then the whole protocol


def test_a_failed_put_is_retried_under_the_same_package(
    package: Package, service: Service, server: HTTPServer, client_ctx: ssl.SSLContext
) -> None:
    server.expect_oneshot_request(
        re.compile(rf"^{BASE}/packages/[^/]+/files/excerpts/drive\.mp4$"), method="PUT"
    ).respond_with_data("gateway", status=502)
    receipt = send(package, service.url, client_ctx)
    assert_delivered(receipt, package, service)
    assert service.count("POST", "/packages") == 3


def test_retry_after_is_honoured(
    package: Package,
    service: Service,
    server: HTTPServer,
    client_ctx: ssl.SSLContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    waits: list[float] = []
    monkeypatch.setattr(
        db.sharing.delivery, "_pause", lambda seconds, cancel: waits.append(seconds)
    )
    server.expect_oneshot_request(f"{BASE}/packages", method="POST").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "7"}
    )
    receipt = send(package, service.url, client_ctx)
    assert_delivered(receipt, package, service)
    assert waits == [7.0]


def test_backoff_grows_with_jitter(
    package: Package,
    server: HTTPServer,
    client_ctx: ssl.SSLContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    waits: list[float] = []
    monkeypatch.setattr(
        db.sharing.delivery, "_pause", lambda seconds, cancel: waits.append(seconds)
    )
    server.expect_request(f"{BASE}/packages", method="POST").respond_with_data("down", status=503)
    error = fails(package, server.url_for(BASE), client_ctx, retries=3, backoff_s=1.0)
    assert error.retry is True and error.status == 503
    assert "gave up after 4 attempts" in str(error)
    assert len(server.log) == 4 and len(waits) == 3
    for n, wait in enumerate(waits, 1):
        assert 2 ** (n - 1) <= wait <= 2**n


def test_a_long_retry_after_ends_the_call(
    package: Package, server: HTTPServer, client_ctx: ssl.SSLContext
) -> None:
    server.expect_request(f"{BASE}/packages", method="POST").respond_with_data(
        "maintenance", status=503, headers={"Retry-After": "3600"}
    )
    error = fails(package, server.url_for(BASE), client_ctx)
    assert error.retry is True and error.retry_after == 3600
    assert "retry after 3600 s" in str(error)
    assert len(server.log) == 1


# ---------------------------------------------------------------------------- refusals


def test_refused_token_is_not_retried_and_never_shown(
    package: Package,
    server: HTTPServer,
    client_ctx: ssl.SSLContext,
    caplog: pytest.LogCaptureFixture,
) -> None:
    service = Service(server, token="the-right-one")
    caplog.set_level("DEBUG", logger="db.sharing.delivery")
    error = fails(package, service.url, client_ctx)  # the server echoes the token back
    assert error.retry is False and error.status == 401
    assert "refused the upload token" in str(error) and "HTTP 401" in str(error)
    assert "unknown token ***" in str(error)
    assert len(server.log) == 1
    assert TOKEN not in caplog.text


def test_missing_token(package: Package, service: Service, client_ctx: ssl.SSLContext) -> None:
    error = fails(package, service.url, client_ctx, token=None)
    assert "needs an upload token" in str(error) and error.retry is False


def test_fewer_confirmed_files_is_not_a_delivery(
    package: Package, service: Service, client_ctx: ssl.SSLContext
) -> None:
    service.confirm_only = 2
    error = fails(package, service.url, client_ctx)
    assert "not delivered: the server confirmed 2 of 3 files" in str(error)
    assert "excerpts/alley.mp4" in str(error)
    assert error.retry is False
    assert service.count("POST", "/complete") == 1


def test_a_new_package_id_for_the_same_manifest_stops_the_delivery(
    package: Package, service: Service, server: HTTPServer, client_ctx: ssl.SSLContext
) -> None:
    service.new_id_on_repost = True
    server.expect_oneshot_request(
        re.compile(rf"^{BASE}/packages/[^/]+/complete$"), method="POST"
    ).respond_with_data("oops", status=500)
    error = fails(package, service.url, client_ctx)
    assert "new package id" in str(error) and error.retry is False
    assert all(stored.completed == 0 for stored in service.packages.values())


def test_other_client_errors_are_not_retried(
    package: Package, server: HTTPServer, client_ctx: ssl.SSLContext
) -> None:
    server.expect_request(f"{BASE}/packages", method="POST").respond_with_json(
        {"error": "the request has expired"}, status=409
    )
    error = fails(package, server.url_for(BASE), client_ctx)
    assert error.retry is False and error.status == 409
    assert "refused (HTTP 409 CONFLICT): the request has expired" in str(error)
    assert len(server.log) == 1


def test_certificate_from_another_ca_is_refused(
    package: Package, raw_server: Callable[..., RawServer], client_ctx: ssl.SSLContext
) -> None:
    srv = raw_server(package_created, ca=trustme.CA())
    error = fails(package, srv.url, client_ctx)
    assert "certificate is not trusted" in str(error) and error.retry is False
    assert srv.served == 0  # the handshake failed: not a byte of the request went out


def test_http_is_refused(package: Package, server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    error = fails(package, f"http://127.0.0.1:{server.port}{BASE}", client_ctx)
    assert "https://" in str(error) and error.retry is False
    assert server.log == []


@pytest.mark.parametrize("verifies_certificates", [False, True])
def test_a_context_that_does_not_verify_is_a_programming_error(
    package: Package, server: HTTPServer, verifies_certificates: bool
) -> None:
    context = ssl.create_default_context()
    context.check_hostname = False  # with a certificate for any host, or none at all:
    if not verifies_certificates:
        context.verify_mode = ssl.CERT_NONE
    with pytest.raises(ValueError, match="ssl_context must verify"):
        deliver(package.folder, server.url_for(BASE), ssl_context=context)
    assert server.log == []


def test_the_default_context_does_not_trust_a_private_ca(
    package: Package, service: Service
) -> None:
    with pytest.raises(DeliveryError, match="certificate is not trusted"):
        deliver(package.folder, service.url, **FAST)
    assert service.calls == []


# ---------------------------------------------------------------------------- cancel


def test_cancel_mid_upload(package: Package, service: Service, client_ctx: ssl.SSLContext) -> None:
    cancel = threading.Event()

    def progress(done: int, total: int, name: str) -> None:
        if done > 0:
            cancel.set()

    with pytest.raises(DeliveryCancelled) as info:
        send(package, service.url, client_ctx, cancel=cancel, progress=progress)
    assert info.value.retry is False and "cancelled" in str(info.value)
    assert service.count("POST", "/complete") == 0


def test_cancel_while_the_server_takes_no_data(
    big_package: Package, service: Service, client_ctx: ssl.SSLContext
) -> None:
    package = big_package
    service.stall_put = threading.Event()
    cancel = threading.Event()
    cancelled_at: list[float] = []

    def press_cancel() -> None:
        cancelled_at.append(time.monotonic())
        cancel.set()

    timer = threading.Timer(0.3, press_cancel)
    timer.start()
    try:
        with pytest.raises(DeliveryCancelled):
            send(package, service.url, client_ctx, cancel=cancel, read_timeout=10)
        ended = time.monotonic()
    finally:
        service.stall_put.set()
        timer.join()
    # The send was blocked (the server reads nothing); it ended promptly all the same.
    assert ended - cancelled_at[0] < 0.25


def test_cancel_during_backoff(
    package: Package, server: HTTPServer, client_ctx: ssl.SSLContext
) -> None:
    server.expect_request(f"{BASE}/packages", method="POST").respond_with_data("down", status=503)
    cancel = threading.Event()
    timer = threading.Timer(0.1, cancel.set)
    timer.start()
    started = time.monotonic()
    with pytest.raises(DeliveryCancelled):
        send(package, server.url_for(BASE), client_ctx, cancel=cancel, backoff_s=30)
    timer.join()
    assert time.monotonic() - started < 1.0
    assert len(server.log) == 1


def test_cancelled_before_start_sends_nothing(
    package: Package, server: HTTPServer, client_ctx: ssl.SSLContext
) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(DeliveryCancelled):
        send(package, server.url_for(BASE), client_ctx, cancel=cancel)
    assert server.log == []


# ---------------------------------------------------------------------------- the package


def flip_last_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))


def test_a_tampered_excerpt_is_refused_before_anything_is_sent(
    package: Package, server: HTTPServer, client_ctx: ssl.SSLContext
) -> None:
    flip_last_byte(package.folder / "excerpts/drive.mp4")
    error = fails(package, server.url_for(BASE), client_ctx)
    assert "excerpts/drive.mp4 does not match its SHA-256" in str(error)
    assert str(package.folder) in str(error) and "nothing was sent" in str(error)
    assert error.retry is False
    assert server.log == []


def rewrite_manifest(package: Package, change: Any) -> None:
    path = package.folder / "manifest.json"
    manifest = json.loads(path.read_bytes())
    change(manifest)
    path.write_text(json.dumps(manifest))


@pytest.mark.parametrize(
    ("tamper", "problem"),
    [
        (lambda p: (p.folder / "excerpts/alley.mp4").unlink(), "excerpts/alley.mp4 is missing"),
        (lambda p: (p.folder / "SHA256SUMS").write_text(""), "SHA256SUMS does not list"),
        (lambda p: (p.folder / "manifest.json.sig").write_text(""), "manifest.json.sig is empty"),
        (lambda p: (p.folder / "public-key.pem").unlink(), "the package has no public-key.pem"),
        (lambda p: (p.folder / "manifest.json").write_text("{"), "manifest.json: not valid"),
        # The manifest itself is listed in SHA256SUMS: editing it is noticed.
        (
            lambda p: rewrite_manifest(p, lambda m: m.update(case_number="1")),
            "manifest.json does not match its SHA-256",
        ),
        (
            lambda p: rewrite_manifest(p, lambda m: m["files"][0].update(size=1)),
            "is not the size the manifest gives",
        ),
        (
            lambda p: rewrite_manifest(p, lambda m: m["files"][0].update(name="../x.mp4")),
            "files[0] has no usable name",
        ),
        (
            lambda p: rewrite_manifest(p, lambda m: m["files"][1].update(sha256="0" * 64)),
            "SHA256SUMS and manifest.json give different SHA-256 for excerpts/drive.mp4",
        ),
    ],
    ids=[
        "excerpt-missing",
        "sums-empty",
        "signature-empty",
        "public-key-missing",
        "manifest-not-json",
        "manifest-edited",
        "size-edited",
        "name-escapes",
        "hash-edited",
    ],
)
def test_a_broken_package_is_refused(
    package: Package, server: HTTPServer, client_ctx: ssl.SSLContext, tamper: Any, problem: str
) -> None:
    tamper(package)
    error = fails(package, server.url_for(BASE), client_ctx)
    assert problem in str(error) and error.retry is False
    assert server.log == []


def test_a_file_changed_while_it_is_sent_is_never_sent_whole(
    package: Package, service: Service, client_ctx: ssl.SSLContext
) -> None:
    path = package.folder / "excerpts/alley.mp4"

    def progress(done: int, total: int, name: str) -> None:
        if name == "excerpts/alley.mp4" and path.read_bytes() == package.files[name]:
            flip_last_byte(path)

    error = fails(package, service.url, client_ctx, progress=progress)
    assert "excerpts/alley.mp4 changed while it was being sent" in str(error)
    assert error.retry is False
    assert "excerpts/alley.mp4" not in service.packages["pkg-1"].files
    assert service.count("POST", "/complete") == 0


def test_delivery_errors_survive_pickling() -> None:
    busy = DeliveryError("https://x.example/u", "busy", retry=True, status=503, retry_after=3.0)
    for error in (busy, DeliveryCancelled("https://x.example/u", "cancelled", retry=False)):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error)
        assert (copy.retry, copy.status, copy.retry_after) == (
            error.retry,
            error.status,
            error.retry_after,
        )
