"""The feed HTTP client only over verified HTTPS, and the feed addresses it takes:
certificates from another CA or for another host are refused, the default context does
not trust a private CA, plain HTTP is refused; addresses are checked and normalised and
messages hide their query string.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable

import pytest
import trustme
from pytest_httpserver import HTTPServer

from db.requests.feed_client import (
    FeedError,
    FeedState,
    fetch_feed,
    validate_feed_url,
)
from tests.feed_client_helpers import (
    FAST,
    TOKEN,
    RawServer,
    ca,
    client_ctx,
    fails,
    https_server,
    no_leaked_threads,
    raw_server,
    read_request,
    server,
    server_ctx,
)

__all__ = [
    "ca",
    "client_ctx",
    "https_server",
    "no_leaked_threads",
    "raw_server",
    "server",
    "server_ctx",
]  # fixtures, used by name


# ---------------------------------------------------------------------------- TLS


def test_certificate_from_another_ca_is_refused(
    raw_server: Callable[..., RawServer], client_ctx: ssl.SSLContext
) -> None:
    impostor = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    trustme.CA().issue_cert("127.0.0.1").configure_cert(impostor)
    srv = raw_server(lambda sock, srv: read_request(sock) and None, context=impostor)
    error = fails(srv.url, client_ctx, token=TOKEN)
    assert "certificate not trusted" in str(error) and error.retry is False


def test_default_context_does_not_trust_a_private_ca(server: HTTPServer) -> None:
    with pytest.raises(FeedError) as info:
        fetch_feed(server.url_for("/feed"), FeedState(), **FAST)
    assert "certificate not trusted" in str(info.value) and info.value.retry is False
    assert server.log == []


def test_certificate_for_another_host_is_refused(
    raw_server: Callable[..., RawServer], ca: trustme.CA, client_ctx: ssl.SSLContext
) -> None:
    wrong_name = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("feeds.example.gov").configure_cert(wrong_name)
    srv = raw_server(lambda sock, srv: read_request(sock) and None, context=wrong_name)
    error = fails(srv.url, client_ctx)
    assert "certificate not trusted" in str(error) and error.retry is False


def test_context_that_does_not_verify_is_a_programming_error(server: HTTPServer) -> None:
    lax = ssl.create_default_context()
    lax.check_hostname = False
    lax.verify_mode = ssl.CERT_NONE
    with pytest.raises(ValueError, match="verify"):
        fetch_feed(server.url_for("/feed"), FeedState(), ssl_context=lax)


# ---------------------------------------------------------------------------- URLs


def test_http_url_is_refused(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    error = fails(f"http://127.0.0.1:{server.port}/feed", client_ctx)
    assert "https://" in str(error) and error.retry is False
    assert server.log == []


def test_validate_feed_url_refuses() -> None:
    for url, problem in [
        ("http://feeds.example.gov/x", "must start with https://"),
        ("ftp://feeds.example.gov/x", "must start with https://"),
        ("feeds.example.gov/x", "must start with https://"),
        ("", "empty"),
        ("https:///path", "no host"),
        ("https://user:secret@feeds.example.gov/", "user name or password"),
        ("https://feeds.example.gov:99999/", "not valid"),
        ("https://feeds.example.gov/a b", "spaces"),
    ]:
        with pytest.raises(ValueError, match=problem) as info:
            validate_feed_url(url)
        assert "secret" not in str(info.value)


def test_validate_feed_url_normalises() -> None:
    assert validate_feed_url("  HTTPS://Feeds.Example.GOV:8443/v1/req?x=1#top \n") == (
        "https://feeds.example.gov:8443/v1/req?x=1"
    )
    assert validate_feed_url("https://[::1]/feed") == "https://[::1]/feed"


def test_messages_hide_the_query_string(server: HTTPServer, client_ctx: ssl.SSLContext) -> None:
    server.expect_request("/feed").respond_with_data("oops", status=500)
    error = fails(server.url_for("/feed") + "?key=hunter2", client_ctx)
    assert "hunter2" not in str(error) and "/feed?…: " in str(error)
