"""Whether a request's signature verifies, against the keys its agency registered
(docs/requests.md, "Signatures"). The keys and the canonical form are db.keys.signing's."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping

from db.audit.words import entered_words
from db.keys.signing import ALGORITHM, SIGNATURE_BYTES, canonical_bytes
from db.requests.request_types import RequestDoc, SignatureCheck


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
            f"{entered_words(entered_via)}, so there is no signature to check",
            entered_via,
        )
    agency = doc.agency_name or doc.agency_id
    signature = doc.data.get("signature")
    if signature is None:
        return SignatureCheck("unsigned", "the request is not signed")
    if not isinstance(signature, Mapping):
        return SignatureCheck("bad_signature", "the signature field is not an object")
    alg = signature.get("alg")
    if alg != ALGORITHM:
        return SignatureCheck(
            "bad_signature", f"the signature uses {alg!r}; Doorstep checks only {ALGORITHM}"
        )
    key_id = signature.get("key_id")
    if not isinstance(key_id, str) or not key_id:
        return SignatureCheck("bad_signature", "the signature does not say which key made it")
    if key_id not in keys:
        known = (
            f"known keys: {', '.join(sorted(keys))}"
            if keys
            else "no public key is registered for this agency"
        )
        return SignatureCheck(
            "unknown_key", f"signed with key {key_id}, which is not a key of {agency} ({known})"
        )
    raw_key = keys[key_id]
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        public_key = Ed25519PublicKey.from_public_bytes(bytes(raw_key))
    except (TypeError, ValueError):
        return SignatureCheck(
            "unknown_key",
            f"signed with key {key_id}, but the key registered under that id for {agency} "
            "is not an Ed25519 public key",
        )
    value = signature.get("value")
    if not isinstance(value, str):
        return SignatureCheck("bad_signature", "the signature value is not a string")
    try:
        signature_bytes = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return SignatureCheck("bad_signature", "the signature value is not valid base64")
    if len(signature_bytes) != SIGNATURE_BYTES:
        return SignatureCheck(
            "bad_signature",
            f"the signature is {len(signature_bytes)} bytes; an Ed25519 signature is "
            f"{SIGNATURE_BYTES}",
        )
    try:
        signed_bytes = canonical_bytes(doc.data)
    except (ValueError, RecursionError) as exc:
        return SignatureCheck("bad_signature", f"the document has no canonical form: {exc}")
    try:
        public_key.verify(signature_bytes, signed_bytes)
    except InvalidSignature:
        return SignatureCheck(
            "bad_signature",
            f"the signature does not match the document (changed after key {key_id} of "
            f"{agency} signed it, or signed by another key)",
        )
    return SignatureCheck("verified", f"signed by key {key_id} of {agency}")
