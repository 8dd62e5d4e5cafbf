"""C2PA content credentials in an excerpt (docs/packages.md, "Content credentials"):
a C2PA manifest embedded in the excerpt's mp4, signed with the resident's own Ed25519
key, saying what was done to make it from the original (opened, trimmed, audio
removed, tags stripped, pictures redacted, repackaged or transcoded). Offline: no time
stamp authority, no certificate status fetched.

The signature needs an X.509 certificate. The resident has no certificate authority,
so ``make_certificate`` issues one for their key, signed by that key itself, with what
the C2PA certificate profile (C2PA specification, "X.509 Certificates", as c2pa-rs
checks it) asks of a signing certificate: version 3, an end entity (not a CA: the
profile refuses a self-signed CA), key usage digitalSignature, the extended key
usages id-kp-emailProtection (the only one c2pa's default trust policy accepts without
a trust configuration: c2pa-kp-claimSigning or id-kp-documentSigning alone is refused
as "certificate missing required EKU") and id-kp-documentSigning, subject and
authority key identifiers (c2pa refuses a certificate without an authority key
identifier as "the certificate is invalid"), no unique ids. c2pa signs and validates
with it; a reader reports the signature valid and the signer untrusted
(``signingCredential.untrusted``), since no trust list holds the resident. A receiver
who trusts this resident can add the certificate to their own trust anchors
(docs/packages.md).

c2pa is imported by the functions that use it.
"""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from db.sharing.excerpt_cut import Cut
    from db.sharing.package_spec import ExcerptSpec

MIME = "video/mp4"
EMAIL_PROTECTION_EKU = "1.3.6.1.5.5.7.3.4"  # id-kp-emailProtection (RFC 5280)
DOCUMENT_SIGNING_EKU = "1.3.6.1.5.5.7.3.36"  # id-kp-documentSigning (RFC 9336)
# RFC 5280 4.1.2.5: a certificate with no well-defined expiry. Without a time stamp a
# reader checks the certificate against the time it reads, so an expiring one would
# make every package's credentials read as expired one day.
NO_EXPIRY = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
CLOCK_SKEW = timedelta(days=1)  # valid from a day before it is made
UNTRUSTED = "signingCredential.untrusted"
NAMESPACE = "org.doorstep"  # prefix of the parameters this app adds to actions


class CredentialsError(Exception):
    """Content credentials that cannot be made or read; the message is one line."""


# -- the resident's certificate -------------------------------------------------------
def make_certificate(key_pem: bytes, key_id: str, *, now: datetime) -> bytes:
    """A certificate (PEM) for the Ed25519 key ``key_pem``, issued by that key itself."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.x509.oid import NameOID, ObjectIdentifier

    key = serialization.load_pem_private_key(key_pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise CredentialsError("the signing key is not an Ed25519 key")
    public = key.public_key()
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"Doorstep {key_id}"[:64]),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "issued by the resident"),
        ]
    )
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    ekus = [ObjectIdentifier(EMAIL_PROTECTION_EKU), ObjectIdentifier(DOCUMENT_SIGNING_EKU)]
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now.astimezone(UTC) - CLOCK_SKEW)
        .not_valid_after(NO_EXPIRY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.ExtendedKeyUsage(ekus), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(key, None)
    )
    return cert.public_bytes(serialization.Encoding.PEM)


def certificate_fits(cert_pem: bytes, key_pem: bytes) -> bool:
    """Whether ``cert_pem`` is a readable certificate for the key ``key_pem``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    try:
        cert = x509.load_pem_x509_certificate(cert_pem)
        key = serialization.load_pem_private_key(key_pem, password=None)
    except ValueError:
        return False
    raw = serialization.PublicFormat.SubjectPublicKeyInfo
    der = serialization.Encoding.DER
    return cert.public_key().public_bytes(der, raw) == key.public_key().public_bytes(der, raw)


# -- what was done ----------------------------------------------------------------------
def _param(name: str) -> str:
    return f"{NAMESPACE}.{name}"


def excerpt_actions(ex: ExcerptSpec, cut: Cut) -> list[dict[str, Any]]:
    """The C2PA actions that made the excerpt from its original, in order."""
    from db.sharing.excerpt_cut import redaction_words
    from db.sharing.package_spec import iso_utc

    start = ex.clip_start_utc + timedelta(seconds=cut.start_s)
    end = ex.clip_start_utc + timedelta(seconds=cut.end_s)
    actions: list[dict[str, Any]] = [
        {
            "action": "c2pa.opened",
            "description": "the original recording, kept unchanged by the resident",
            "parameters": {
                "ingredientIds": ["original"],
                _param("original_sha256"): ex.source_sha256.lower(),
            },
        },
        {
            "action": "c2pa.trimmed",
            "description": f"cut to {iso_utc(start)} to {iso_utc(end)} (UTC)",
            "parameters": {
                _param("start_s"): round(cut.start_s, 3),
                _param("end_s"): round(cut.end_s, 3),
                _param("start_utc"): iso_utc(start),
                _param("end_utc"): iso_utc(end),
            },
        },
    ]
    if cut.audio == "removed":
        actions.append({"action": "c2pa.deleted", "description": "the audio track was removed"})
    actions.append(
        {
            "action": "c2pa.edited.metadata",
            "description": "identifying tags and embedded encoder and user data removed",
        }
    )
    if cut.redacted and ex.redaction is not None:
        actions.append(
            {
                "action": "c2pa.edited",
                "description": f"pictures redacted: {redaction_words(ex.redaction)}",
                "parameters": {_param("redaction_plan_sha256"): ex.redaction.digest()},
            }
        )
    if cut.burned_in_utc:
        actions.append({"action": "c2pa.addedText", "description": "the UTC time drawn in"})
    if cut.subtitles:
        actions.append({"action": "c2pa.addedText", "description": "UTC time subtitles added"})
    if cut.re_encoded:
        why = f": {cut.reason}" if cut.reason else ""
        actions.append({"action": "c2pa.transcoded", "description": f"re-encoded (H.264){why}"})
    else:
        actions.append(
            {
                "action": "c2pa.repackaged",
                "description": "the camera's video packets copied into a new mp4",
            }
        )
    return actions


# -- signing and reading ----------------------------------------------------------------
def add_credentials(
    src: Path,
    dest: Path,
    *,
    actions: list[dict[str, Any]],
    key: bytes,
    cert_chain_pem: bytes,
    title: str | None = None,
    original: dict[str, str] | None = None,
) -> None:
    """Write ``src`` to ``dest`` with a C2PA manifest listing ``actions``, signed with
    ``key`` (Ed25519, PEM) and ``cert_chain_pem``. ``original`` ({"title", "sha256"})
    is the parent ingredient the "c2pa.opened" action names. Raises CredentialsError;
    ``dest`` is then removed."""
    import c2pa

    definition: dict[str, Any] = {
        "claim_generator_info": [{"name": "Doorstep", "version": _version()}],
        "title": title or Path(dest).name,
        "format": MIME,
        "assertions": [{"label": "c2pa.actions.v2", "data": {"actions": actions}}],
    }
    if original is not None:
        definition["ingredients"] = [
            {
                "title": original.get("title") or "original recording",
                "format": original.get("format") or MIME,
                "relationship": "parentOf",
                "label": "original",
                "description": f"the original recording, SHA-256 {original['sha256']}",
            }
        ]
    try:
        info = c2pa.C2paSignerInfo(c2pa.C2paSigningAlg.ED25519, cert_chain_pem, key, None)
        with (
            c2pa.Signer.from_info(info) as signer,
            c2pa.Builder(definition) as builder,
            open(src, "rb") as source,
            open(dest, "w+b") as target,
        ):
            builder.sign(signer, MIME, source, target)
    except (c2pa.C2paError, OSError, ValueError) as exc:
        with contextlib.suppress(OSError):
            os.unlink(dest)
        raise CredentialsError(f"content credentials cannot be added: {_line(exc)}") from None


def read_credentials(path: Path, *, trusted: bytes | None = None) -> dict[str, Any]:
    """What a C2PA reader finds in ``path``, offline (no remote manifest, no
    certificate status fetched): ``state`` ("Valid", "Trusted", "Invalid"),
    ``failures`` (status codes), ``actions`` (their names and descriptions), ``signer``
    (issuer, common name, algorithm), ``ingredients`` (titles and descriptions).
    ``trusted``: certificates (PEM) the reader trusts as signers, as a receiver who
    knows the resident would list theirs. Raises CredentialsError when there are none
    or they cannot be read."""
    import c2pa

    settings: dict[str, Any] = {"verify": {"ocsp_fetch": False, "remote_manifest_fetch": False}}
    if trusted is not None:
        settings["trust"] = {"user_anchors": trusted.decode()}
    try:
        with (
            c2pa.Context.from_dict(settings) as context,
            open(path, "rb") as stream,
            c2pa.Reader(MIME, stream, context=context) as reader,
        ):
            state = reader.get_validation_state()
            results = reader.get_validation_results() or {}
            manifest = reader.get_active_manifest() or {}
    except (c2pa.C2paError, OSError) as exc:
        raise CredentialsError(
            f"{path}: no content credentials can be read ({_line(exc)})"
        ) from None
    failures = [
        str(item.get("code")) for item in (results.get("activeManifest") or {}).get("failure") or []
    ]
    actions: list[dict[str, Any]] = []
    for assertion in manifest.get("assertions") or []:
        if str(assertion.get("label", "")).startswith("c2pa.actions"):
            actions += assertion.get("data", {}).get("actions") or []
    return {
        "state": state,
        "failures": failures,
        "actions": actions,
        "signer": manifest.get("signature_info") or {},
        "ingredients": manifest.get("ingredients") or [],
        "title": manifest.get("title"),
    }


def _line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]


def _version() -> str:
    from db.sharing.package_manifest import app_version

    return app_version()
