"""Ed25519 keys and request signatures."""

from __future__ import annotations

import base64
import dataclasses
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
import rfc8785
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from hypothesis import given, settings
from hypothesis import strategies as st

from db.keys.signing import (
    KeyFileError,
    canonical_bytes,
    generate_keypair,
    load_private_key,
    load_public_key,
    public_key_pem,
    sign_document,
    write_keypair,
)
from db.requests.request_doc import parse_request
from db.requests.request_signature import check_signature
from db.requests.request_types import RequestDoc
from tests.request_doc_helpers import EXAMPLE, example, paths_in

PRIVATE, PUBLIC = generate_keypair()
KEY_ID = "ex-pd-2026"
KEYS = {KEY_ID: load_public_key(PUBLIC)}


def signed_example() -> dict[str, Any]:
    return sign_document(example(), PRIVATE, KEY_ID)


def parsed(data: dict[str, Any], **dumps: Any) -> RequestDoc:
    return parse_request(json.dumps(data, **dumps).encode())


def with_data(doc: RequestDoc, data: dict[str, Any]) -> RequestDoc:
    """The same parsed request with other data: a document edited after signing."""
    return dataclasses.replace(doc, data=data, signature=data.get("signature"))


# --- keys ------------------------------------------------------------------------------


def test_generate_keypair_gives_pem_ed25519_keys() -> None:
    private, public = generate_keypair()
    assert private.startswith(b"-----BEGIN PRIVATE KEY-----")
    assert public.startswith(b"-----BEGIN PUBLIC KEY-----")
    raw = load_public_key(public)
    assert len(raw) == 32
    assert load_public_key(public_key_pem(raw)) == raw
    assert generate_keypair()[0] != private


def test_write_keypair(tmp_path: Path) -> None:
    key_file = tmp_path / "agency.key"
    private_path, public_path = write_keypair(key_file)
    assert (private_path, public_path) == (key_file, tmp_path / "agency.key.pub")
    assert load_private_key(key_file).startswith(b"-----BEGIN PRIVATE KEY-----")
    assert len(load_public_key(public_path.read_bytes())) == 32
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agency.key", "agency.key.pub"]
    # The two files belong together: what one signs, the other verifies.
    document = sign_document(example(), load_private_key(key_file), "k1")
    keys = {"k1": load_public_key(public_path.read_bytes())}
    assert check_signature(parsed(document), keys).outcome == "verified"


def test_write_keypair_never_replaces_a_key_unless_told(tmp_path: Path) -> None:
    key_file = tmp_path / "agency.key"
    write_keypair(key_file)
    before = key_file.read_bytes()
    with pytest.raises(KeyFileError, match="already exists; not replacing a key"):
        write_keypair(key_file)
    assert key_file.read_bytes() == before
    write_keypair(key_file, overwrite=True)
    assert key_file.read_bytes() != before
    with pytest.raises(KeyFileError, match="does not exist"):
        write_keypair(tmp_path / "missing" / "agency.key")


def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "no such key file"),
        (b"not a key", "not a PEM private key"),
        (PUBLIC, "holds a public key"),
        (
            rsa_key().private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ),
            "holds an RSA key, not an Ed25519 key",
        ),
        (
            rsa_key().private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.BestAvailableEncryption(b"secret"),
            ),
            "protected by a password",
        ),
    ],
)
def test_load_private_key_errors(tmp_path: Path, content: bytes | None, words: str) -> None:
    key_file = tmp_path / "agency.key"
    if content is not None:
        key_file.write_bytes(content)
    with pytest.raises(KeyFileError, match=words):
        load_private_key(key_file)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "not a PEM public key"),
        (b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "not a PEM public key"),
        (PRIVATE, "this is a private key"),
        (
            rsa_key()
            .public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            ),
            "RSA public key, not an Ed25519 key",
        ),
    ],
)
def test_load_public_key_errors(content: bytes, words: str) -> None:
    with pytest.raises(KeyFileError, match=words):
        load_public_key(content)


# A 1024-bit DSA key pair made with openssl; cryptography warns (deprecation) whenever it
# loads one, and the suite turns warnings into errors, so these also prove the warning is
# kept from the resident.
DSA_PUBLIC = b"""-----BEGIN PUBLIC KEY-----
MIIBvjCCATMGByqGSM44BAEwggEmAoGBAMLdAf6GM9b+gpe8TZd6zrwn+FPKs7jC
oCjo2F1YgQ4woHHqwux1vQUziHBNRBaBozma+XxcTf8Vnch2nYHQ/cUCw16Mx1fG
+NEgpj/GZxGkpQyl6lkGactozc8dJKPxd5eGyYTckuftY53Zkpd722Uf/XsAAib+
HqUCKJXeU6QzAh0AqSr7ML749Ob+ZCfSgDqECuUaXR3/Ue+0c8+zfQKBgCKCxuQ9
viOmRjzML5glIkOZ17kzwZWNgSTYZBy8UhJMMzgGQG+WEc5r9G76pKslJtQ/NjH9
JX2IwmRcGtDqU/n/hO2l4vLT1YnNWc6hD1PODSbOh1y6pzcTj7s4QzvYiXf7Xks6
8i5LPUIwh3NJf839BYvizBKFox3DuyzbxNVKA4GEAAKBgDsvLLjYxRdScHl/57sI
F8x3y45HO1z9SVKyLaydLpvHjNBDt7Cr+k9GLXP4fgz9X/9kplEL9JSIS9rAqx0N
RKuTZrLpbuJPcaY30ngITZ8r/vht+it5jyVlAURumgg8ugKYll4C/7C71QCQvI2W
+UatuGdPHqnxW7ApiVUcjPGI
-----END PUBLIC KEY-----
"""
DSA_PRIVATE = b"""-----BEGIN PRIVATE KEY-----
MIIBWwIBADCCATMGByqGSM44BAEwggEmAoGBAMLdAf6GM9b+gpe8TZd6zrwn+FPK
s7jCoCjo2F1YgQ4woHHqwux1vQUziHBNRBaBozma+XxcTf8Vnch2nYHQ/cUCw16M
x1fG+NEgpj/GZxGkpQyl6lkGactozc8dJKPxd5eGyYTckuftY53Zkpd722Uf/XsA
Aib+HqUCKJXeU6QzAh0AqSr7ML749Ob+ZCfSgDqECuUaXR3/Ue+0c8+zfQKBgCKC
xuQ9viOmRjzML5glIkOZ17kzwZWNgSTYZBy8UhJMMzgGQG+WEc5r9G76pKslJtQ/
NjH9JX2IwmRcGtDqU/n/hO2l4vLT1YnNWc6hD1PODSbOh1y6pzcTj7s4QzvYiXf7
Xks68i5LPUIwh3NJf839BYvizBKFox3DuyzbxNVKBB8CHQCk7Mh6GkGW18dmE6yz
lEihLOdad8tyzGfhspGg
-----END PRIVATE KEY-----
"""


def test_a_dsa_key_is_named_without_a_deprecation_warning(tmp_path: Path) -> None:
    with pytest.raises(KeyFileError, match="this is a DSA key, not an Ed25519 key"):
        load_public_key(DSA_PUBLIC)
    key_file = tmp_path / "agency.key"
    key_file.write_bytes(DSA_PRIVATE)
    with pytest.raises(KeyFileError, match="holds a DSA key, not an Ed25519 key"):
        load_private_key(key_file)


# --- signing and checking ----------------------------------------------------------------


def test_sign_then_verify() -> None:
    data = signed_example()
    signature = data["signature"]
    assert signature["alg"] == "Ed25519" and signature["key_id"] == KEY_ID
    assert len(base64.b64decode(signature["value"], validate=True)) == 64
    check = check_signature(parsed(data), KEYS)
    assert check.outcome == "verified"
    assert check.detail == "signed by key ex-pd-2026 of Example Police Department"


def test_the_signature_covers_the_rfc8785_form_without_the_signature() -> None:
    data = signed_example()
    without = {k: v for k, v in data.items() if k != "signature"}
    assert canonical_bytes(data) == rfc8785.dumps(without)
    public = Ed25519PublicKey.from_public_bytes(KEYS[KEY_ID])
    public.verify(base64.b64decode(data["signature"]["value"]), rfc8785.dumps(without))


def test_signing_does_not_change_the_input_and_replaces_an_old_signature() -> None:
    data = example()
    data["signature"] = {"alg": "Ed25519", "key_id": "old", "value": "AA=="}
    before = json.dumps(data)
    signed = sign_document(data, PRIVATE, KEY_ID)
    assert json.dumps(data) == before
    assert signed["signature"]["key_id"] == KEY_ID
    assert check_signature(parsed(signed), KEYS).outcome == "verified"
    with pytest.raises(ValueError, match="key id"):
        sign_document(data, PRIVATE, " ")
    with pytest.raises(KeyFileError):
        sign_document(data, PUBLIC, KEY_ID)


def test_key_order_whitespace_and_escapes_do_not_matter() -> None:
    data = signed_example()
    data["description"] = "Paket vom Vordach genommen — café"
    data = sign_document(data, PRIVATE, KEY_ID)
    reordered = dict(reversed(list(data.items())))
    reordered["agency"] = dict(reversed(list(data["agency"].items())))
    for doc in (
        parsed(reordered, indent=4),
        parsed(data, ensure_ascii=True),
        parsed(data, ensure_ascii=False, separators=(",", ":")),
    ):
        assert check_signature(doc, KEYS).outcome == "verified"
    # A feed item's raw bytes are its canonical form; it verifies too.
    feed_doc = parse_request(canonical_bytes(data)[:-1] + b',"signature":' + _sig(data) + b"}")
    assert check_signature(feed_doc, KEYS).outcome == "verified"


def _sig(data: dict[str, Any]) -> bytes:
    return json.dumps(data["signature"]).encode()


def leaf_paths() -> list[list[str | int]]:
    data = example()
    paths = []
    for path in paths_in(data):
        value: Any = data
        for part in path:
            value = value[part]
        if not isinstance(value, dict | list):
            paths.append(path)
    return paths


def changed(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    return value + "x"


@pytest.mark.parametrize("path", leaf_paths(), ids=lambda p: ".".join(map(str, p)))
def test_any_edit_of_any_field_breaks_the_signature(path: list[str | int]) -> None:
    signed = signed_example()
    doc = parsed(signed)
    data = json.loads(json.dumps(signed))
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = changed(target[path[-1]])
    check = check_signature(with_data(doc, data), KEYS)
    assert check.outcome == "bad_signature"
    assert "changed after key ex-pd-2026" in check.detail


def test_adding_or_removing_a_field_breaks_the_signature() -> None:
    signed = signed_example()
    doc = parsed(signed)
    added = dict(signed, x_note="added later")
    removed = {k: v for k, v in signed.items() if k != "retention_days"}
    for data in (added, removed):
        assert check_signature(with_data(doc, data), KEYS).outcome == "bad_signature"


def test_an_unsigned_request() -> None:
    check = check_signature(parse_request(EXAMPLE.read_bytes()), KEYS)
    assert check.outcome == "unsigned"
    assert "not signed" in check.detail


def test_an_unknown_key() -> None:
    doc = parsed(sign_document(example(), PRIVATE, "someone-else"))
    check = check_signature(doc, KEYS)
    assert check.outcome == "unknown_key"
    assert "someone-else" in check.detail and "Example Police Department" in check.detail
    check = check_signature(doc, {})
    assert check.outcome == "unknown_key"
    assert "no public key is registered" in check.detail


def test_a_registered_key_that_is_not_a_key() -> None:
    doc = parsed(signed_example())
    assert check_signature(doc, {KEY_ID: b"short"}).outcome == "unknown_key"


def test_signed_by_another_key_under_the_same_id() -> None:
    other_private, _ = generate_keypair()
    doc = parsed(sign_document(example(), other_private, KEY_ID))
    assert check_signature(doc, KEYS).outcome == "bad_signature"


@pytest.mark.parametrize(
    ("signature", "words"),
    [
        ({"alg": "RS256"}, "'RS256'"),
        ({"alg": "ed25519"}, "only Ed25519"),
        ({"value": "not base64!"}, "not valid base64"),
        ({"value": "AAAA"}, "3 bytes"),
        ({"value": "é"}, "not valid base64"),
        ({"value": "A" * 86 + "=="}, "does not match"),
    ],
)
def test_bad_signatures(signature: dict[str, str], words: str) -> None:
    data = signed_example()
    data["signature"] = dict(data["signature"], **signature)
    check = check_signature(parsed(data), KEYS)
    assert check.outcome == "bad_signature"
    assert words in check.detail


def test_a_signature_field_of_the_wrong_shape() -> None:
    doc = parsed(signed_example())
    for signature in ("abc", {"alg": "Ed25519", "key_id": KEY_ID, "value": 5}, {"alg": "Ed25519"}):
        data = dict(doc.data, signature=signature)
        assert check_signature(with_data(doc, data), KEYS).outcome == "bad_signature"


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_no_edit_keeps_a_signature_valid(draw: st.DataObject) -> None:
    """Any change to the signed part of a document, however small, is caught."""
    signed = signed_example()
    doc = parsed(signed)
    data = json.loads(json.dumps(signed))
    path = draw.draw(st.sampled_from([p for p in paths_in(data) if p[0] != "signature"]))
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    value = draw.draw(
        st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | st.text(max_size=10)
    )
    target[path[-1]] = value
    check = check_signature(with_data(doc, data), KEYS)
    if canonical_bytes(data) == canonical_bytes(signed):
        assert check.outcome == "verified"
    else:
        assert check.outcome == "bad_signature"


def test_agency_add_with_an_rsa_key_says_one_line(tmp_path: Path) -> None:
    """As the resident runs it, with Python's default warning filters (not the suite's):
    the refusal is one line, with no deprecation notice from the crypto library."""
    import subprocess

    pub = tmp_path / "rsa.pub"
    pub.write_bytes(
        rsa_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run(
        [sys.executable, "main.py", "--db", str(tmp_path / "d.sqlite3"), "agency", "add",
         "ex-pd", "--name", "Example PD", "--public-key", str(pub)],
        cwd=root, capture_output=True, text=True,
    )  # fmt: skip
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and "RSA public key, not an Ed25519 key" in lines[0]
