"""What delivery checks before and while sending (db/sharing/delivery.py): a tampered
excerpt or a broken package is refused before anything is sent, a file changed while
it is sent is never sent whole, and its errors survive pickling.
"""

from __future__ import annotations

import json
import pickle
import ssl
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from db.sharing.delivery_types import DeliveryCancelled, DeliveryError
from tests.delivery_helpers import Package, fails, package, service
from tests.delivery_service import BASE, Service

__all__ = ["package", "service"]  # fixtures, used by name


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
