"""Whether a request's signature verifies, against the keys its agency registered
(docs/requests.md, "Signatures"). The keys and the canonical form are db.keys.signing's."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping

from db.audit.words import entered_words
from db.keys.signing import ALGORITHM, SIGNATURE_BYTES, canonical_bytes
from db.requests.request_types import RequestDoc, SignatureCheck
from db.words.i18n import _


def check_signature(
    doc: RequestDoc, keys: Mapping[str, bytes], *, entered_via: str | None = None
) -> SignatureCheck:
    """Check a request's signature against the agency's own keys (key id -> raw 32-byte
    Ed25519 public key). Never raises: the outcome and a sentence say what was found.
    ``entered_via``: the resident entered the request (its stored source is
    "resident", received that way); only the stored source says so, never the
    document, so a file cannot claim it."""
    if entered_via is not None:
        return SignatureCheck(
            "unsigned",
            _("%(entered)s, so there is no signature to check")
            % {"entered": entered_words(entered_via)},
            entered_via,
        )
    agency = doc.agency_name or doc.agency_id
    signature = doc.data.get("signature")
    if signature is None:
        return SignatureCheck("unsigned", _("the request is not signed"))
    if not isinstance(signature, Mapping):
        return SignatureCheck("bad_signature", _("the signature field is not an object"))
    alg = signature.get("alg")
    if alg != ALGORITHM:
        return SignatureCheck(
            "bad_signature",
            _("the signature uses %(alg)s; Doorstep checks only %(known)s")
            % {"alg": repr(alg), "known": ALGORITHM},
        )
    key_id = signature.get("key_id")
    if not isinstance(key_id, str) or not key_id:
        return SignatureCheck("bad_signature", _("the signature does not say which key made it"))
    if key_id not in keys:
        known = (
            _("known keys: %(keys)s") % {"keys": ", ".join(sorted(keys))}
            if keys
            else _("no public key is registered for this agency")
        )
        return SignatureCheck(
            "unknown_key",
            _("signed with key %(key)s, which is not a key of %(agency)s (%(known)s)")
            % {"key": key_id, "agency": agency, "known": known},
        )
    raw_key = keys[key_id]
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        public_key = Ed25519PublicKey.from_public_bytes(bytes(raw_key))
    except (TypeError, ValueError):
        return SignatureCheck(
            "unknown_key",
            _(
                "signed with key %(key)s, but the key registered under that id for "
                "%(agency)s is not an Ed25519 public key"
            )
            % {"key": key_id, "agency": agency},
        )
    value = signature.get("value")
    if not isinstance(value, str):
        return SignatureCheck("bad_signature", _("the signature value is not a string"))
    try:
        signature_bytes = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return SignatureCheck("bad_signature", _("the signature value is not valid base64"))
    if len(signature_bytes) != SIGNATURE_BYTES:
        return SignatureCheck(
            "bad_signature",
            _("the signature is %(n)d bytes; an Ed25519 signature is %(size)d")
            % {"n": len(signature_bytes), "size": SIGNATURE_BYTES},
        )
    try:
        signed_bytes = canonical_bytes(doc.data)
    except (ValueError, RecursionError) as exc:
        return SignatureCheck(
            "bad_signature", _("the document has no canonical form: %(why)s") % {"why": exc}
        )
    try:
        public_key.verify(signature_bytes, signed_bytes)
    except InvalidSignature:
        return SignatureCheck(
            "bad_signature",
            _(
                "the signature does not match the document (changed after key %(key)s of "
                "%(agency)s signed it, or signed by another key)"
            )
            % {"key": key_id, "agency": agency},
        )
    return SignatureCheck(
        "verified", _("signed by key %(key)s of %(agency)s") % {"key": key_id, "agency": agency}
    )
