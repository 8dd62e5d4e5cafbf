"""The package format module: SHA256SUMS written and read exactly as GNU sha256sum does
(checked against the real sha256sum), and verifying a package that uses its escapes."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from db.sharing.package_format import (
    MANIFEST,
    PUBLIC_KEY,
    SIGNATURE,
    SUMS,
    format_sums,
    parse_sums_line,
    sums_lines,
    verify_package,
)

# Names sha256sum escapes (backslash, newline, carriage return), names it does not
# (spaces, a Unicode line separator, a star) and a name that ends in a backslash.
NAMES = [
    "plain.mp4",
    "with  two spaces .mp4",
    "back\\slash.mp4",
    "new\nline.mp4",
    "carriage\rreturn.mp4",
    "all\\n\n\\\r.mp4",
    "line\u2028separator.mp4",
    "*star.mp4",
    "ends in backslash\\",
]


def _write(folder: Path) -> list[tuple[str, str]]:
    entries = []
    for i, name in enumerate(NAMES):
        data = f"file {i}".encode()
        (folder / name).write_bytes(data)
        entries.append((hashlib.sha256(data).hexdigest(), name))
    return entries


def test_sums_are_what_sha256sum_writes_and_reads(tmp_path: Path) -> None:
    entries = _write(tmp_path)
    real = subprocess.run(
        ["sha256sum", "--", *NAMES], cwd=tmp_path, capture_output=True, check=True
    ).stdout
    ours = format_sums(entries)
    assert ours.encode() == real

    parsed = [parse_sums_line(line) for _, line in sums_lines(real.decode())]
    assert parsed == entries

    (tmp_path / SUMS).write_text(ours, encoding="utf-8")
    check = subprocess.run(["sha256sum", "-c", SUMS], cwd=tmp_path, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count(": OK") == len(NAMES)


def test_an_unknown_escape_is_unreadable_as_for_sha256sum(tmp_path: Path) -> None:
    (tmp_path / "a\\tb").write_bytes(b"x")
    digest = hashlib.sha256(b"x").hexdigest()
    line = f"\\{digest}  a\\tb"
    assert parse_sums_line(line) is None
    (tmp_path / SUMS).write_text(line + "\n")
    check = subprocess.run(["sha256sum", "-c", SUMS], cwd=tmp_path, capture_output=True, text=True)
    assert check.returncode != 0 and "no properly formatted" in check.stderr


def test_a_package_whose_sums_escape_a_name_verifies(tmp_path: Path) -> None:
    """A package holding extra files with escaped names in SHA256SUMS (as sha256sum writes
    them) verifies, and verifying notices when one of them changes."""
    entries = _write(tmp_path)
    manifest = json.dumps({"files": []}).encode()
    (tmp_path / MANIFEST).write_bytes(manifest)
    key = Ed25519PrivateKey.generate()
    (tmp_path / SIGNATURE).write_bytes(base64.b64encode(key.sign(manifest)) + b"\n")
    (tmp_path / PUBLIC_KEY).write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    entries.append((hashlib.sha256(manifest).hexdigest(), MANIFEST))
    (tmp_path / SUMS).write_text(format_sums(entries), encoding="utf-8")
    assert verify_package(tmp_path) == []

    (tmp_path / "new\nline.mp4").write_bytes(b"changed")
    assert verify_package(tmp_path) == [f"{SUMS}: new\nline.mp4 does not match"]
