"""The system's trust store for a copy of OpenSSL built on another distribution.

The bundle (docs/install.md) carries the OpenSSL of the machine it was built on, which
looks for the certificates it trusts where that distribution keeps them (Debian:
``/usr/lib/ssl``). Elsewhere (Fedora, openSUSE, Alpine) it would find none, and every
HTTPS connection (feeds, delivery) would fail to verify. OpenSSL reads ``SSL_CERT_FILE``
first: the bundle sets it, at start, to the first bundle of trusted certificates the
system has, so the resident's own trust store (with any authority they added) decides.
A resident or administrator who set ``SSL_CERT_FILE`` or ``SSL_CERT_DIR`` keeps it."""

from __future__ import annotations

import os
from collections.abc import Iterable, MutableMapping

# Where distributions keep the PEM bundle of their trusted certificates (as Go and curl
# look for it).
SYSTEM_BUNDLES = (
    "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu, Arch, Gentoo
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  # Fedora, RHEL
    "/etc/pki/tls/certs/ca-bundle.crt",  # older Fedora, RHEL
    "/etc/ssl/ca-bundle.pem",  # openSUSE
    "/etc/ssl/cert.pem",  # Alpine, Void
)


def choose(
    environ: MutableMapping[str, str],
    fallback: str | None = None,
    candidates: Iterable[str] = SYSTEM_BUNDLES,
) -> str | None:
    """The certificate bundle ``SSL_CERT_FILE`` should name, or None to leave it: the
    environment's own choice stays; else the first system bundle present; else
    ``fallback`` (the bundle's copy of certifi's, when the system has none)."""
    if environ.get("SSL_CERT_FILE") or environ.get("SSL_CERT_DIR"):
        return None
    for path in candidates:
        if os.path.isfile(path):
            return path
    return fallback if fallback and os.path.isfile(fallback) else None


def use_system_trust_store(fallback: str | None = None) -> None:
    """Set ``SSL_CERT_FILE`` as :func:`choose` says (before anything loads OpenSSL's
    default paths)."""
    path = choose(os.environ, fallback)
    if path is not None:
        os.environ["SSL_CERT_FILE"] = path
