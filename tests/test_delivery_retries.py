"""Delivery's retries and refusals (db/sharing/delivery.py): a server error retried under
the same package, Retry-After honoured, backoff growing with jitter, a refused or
missing token, too few files confirmed, a new package id, other client errors.
"""

from __future__ import annotations

import re
import ssl

import pytest
from pytest_httpserver import HTTPServer

import db.sharing.delivery
from tests.delivery_helpers import TOKEN, Package, assert_delivered, fails, package, send, service
from tests.delivery_service import BASE, Service

__all__ = ["package", "service"]  # fixtures, used by name


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
