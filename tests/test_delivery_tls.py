"""Delivery only over verified HTTPS (db/sharing/delivery.py): another CA's certificate,
plain HTTP and a context that does not verify are refused; the default context does not
trust a private CA.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable

import pytest
import trustme
from pytest_httpserver import HTTPServer

from db.sharing.delivery import deliver
from db.sharing.delivery_types import DeliveryError
from tests.delivery_helpers import (
    FAST,
    Package,
    RawServer,
    fails,
    package,
    package_created,
    raw_server,
    service,
)
from tests.delivery_service import BASE, Service

__all__ = ["package", "raw_server", "service"]  # fixtures, used by name


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
