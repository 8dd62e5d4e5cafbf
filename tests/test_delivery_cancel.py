"""Cancelling a delivery (db/sharing/delivery.py): mid-upload, while the server takes no
data, during a backoff, and before it starts.
"""

from __future__ import annotations

import ssl
import threading
import time

import pytest
from pytest_httpserver import HTTPServer

from db.sharing.delivery_types import DeliveryCancelled
from tests.delivery_helpers import Package, big_package, package, send, service
from tests.delivery_service import BASE, Service

__all__ = ["big_package", "package", "service"]  # fixtures, used by name


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
