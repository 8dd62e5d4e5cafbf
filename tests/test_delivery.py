"""Delivery of share packages (db/sharing/delivery.py, docs/delivery.md) to real TLS servers on
127.0.0.1 with certificates from trustme: every file sent and confirmed, resumed where
the server left off, a connection dropped or reset mid-file.

``Service`` is the agency's side of the upload protocol as pytest-httpserver handlers: it
keeps packages by the manifest's SHA-256, checks every file's hash, and can be told to
misbehave (drop a connection mid-file, confirm too little, hand out a new id). Backoffs
are a hundredth of a second, so the whole file runs in a couple of seconds.
"""

from __future__ import annotations

import base64
import socket
import ssl
import struct
import time
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from pytest_httpserver import HTTPServer

from tests.delivery_helpers import (
    SMALL,
    TOKEN,
    Package,
    RawServer,
    answer,
    assert_delivered,
    big_package,
    fails,
    make_package,
    package,
    package_created,
    raw_server,
    read_head,
    send,
    service,
)
from tests.delivery_service import Service, Stored

__all__ = ["big_package", "package", "raw_server", "service"]  # fixtures, used by name


def reset(sock: ssl.SSLSocket) -> None:
    """Reads the head of a PUT and a little of its body, then resets the connection."""
    read_head(sock)
    sock.recv(65536)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


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
