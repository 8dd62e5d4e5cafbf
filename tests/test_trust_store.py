"""Which trusted certificates the bundle's OpenSSL reads (db/net/trust_store.py)."""

from __future__ import annotations

from pathlib import Path

from db.net.trust_store import choose


def _pem(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("-----BEGIN CERTIFICATE-----\n")
    return str(path)


def test_the_first_bundle_the_system_has_is_used(tmp_path: Path) -> None:
    debian = str(tmp_path / "etc/ssl/certs/ca-certificates.crt")  # not on this system
    fedora = _pem(tmp_path / "etc/pki/tls/certs/ca-bundle.crt")
    suse = _pem(tmp_path / "etc/ssl/ca-bundle.pem")
    assert choose({}, None, [debian, fedora, suse]) == fedora


def test_the_residents_own_setting_is_kept(tmp_path: Path) -> None:
    system = _pem(tmp_path / "system.pem")
    for name in ("SSL_CERT_FILE", "SSL_CERT_DIR"):
        assert choose({name: str(tmp_path / "mine.pem")}, None, [system]) is None


def test_without_a_system_bundle_the_fallback_and_else_nothing(tmp_path: Path) -> None:
    missing = [str(tmp_path / "none.pem")]
    certifi = _pem(tmp_path / "certifi" / "cacert.pem")
    assert choose({}, certifi, missing) == certifi
    assert choose({}, str(tmp_path / "gone.pem"), missing) is None
    assert choose({}, None, missing) is None
