"""Checking a share package by hand and across formats (docs/packages.md, "Checking a
package"): format 1 packages still verify, the documented hand check works, odd file
names read alike by sha256sum, BagIt and Doorstep, names the two formats write
differently are refused, and verifying leaves no data folder behind.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import json
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from db.clips.media import sha256_file
from db.sharing.package_bag import write_bag_files
from db.sharing.package_format import (
    BAG_SUMS,
    PackageFormatError,
    read_sums,
    verify_package,
)
from tests.package_verify_helpers import (
    KEYS,
    REQUEST,
    add_extra,
    bag_valid,
    built,
    excerpts,
    flip_byte,
    manifest,
    package,
    remove_excerpt,
    rewrite_sums,
    run,
    swap,
)

__all__ = ["built", "package"]  # fixtures, used by name


DOCS = Path(__file__).resolve().parent.parent / "docs" / "packages.md"


HAVE_TOOLS = shutil.which("sha256sum") is not None and shutil.which("openssl") is not None


# -- format 1 ---------------------------------------------------------------------------
def old_package(package: Path, folder: Path) -> Path:
    """The same excerpts as a format 1 package, laid out and signed as Doorstep built
    them before issue 18: excerpts/, SHA256SUMS (with manifest.json), no bag."""
    old = folder / "old"
    (old / "excerpts").mkdir(parents=True)
    data = manifest(package)
    data["format_version"] = 1
    data["files"] = [f for f in data["files"] if f["name"].endswith(".mp4")]
    for entry in data["files"]:
        source = package / entry["name"]
        entry["name"] = entry["name"].removeprefix("data/")
        shutil.copy(source, old / entry["name"])
    for field in ("sums_file", "sums_signature_file", "documents"):
        data.pop(field, None)
    body = (json.dumps(data, indent=2) + "\n").encode()
    (old / "manifest.json").write_bytes(body)
    key = load_pem_private_key(KEYS[0], None)
    assert isinstance(key, Ed25519PrivateKey)
    (old / "manifest.json.sig").write_bytes(base64.b64encode(key.sign(body)) + b"\n")
    (old / "public-key.pem").write_bytes(KEYS[1])
    _write_old_sums(old)
    return old


def _write_old_sums(old: Path) -> None:
    names = [f["name"] for f in manifest(old)["files"]] + ["manifest.json"]
    (old / "SHA256SUMS").write_text("".join(f"{sha256_file(old / n)}  {n}\n" for n in names))


def test_a_format_1_package_still_verifies_and_its_hand_check_gap(
    package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = old_package(package, tmp_path)
    assert verify_package(old, KEYS[1]) == []
    code, out, _ = run(capsys, "verify", old)
    assert code == 0 and "Format 1" in out and "format 1 does not sign its sums" in out

    # Two excerpts swapped and SHA256SUMS written anew: format 1's hand check passes
    # (the manifest is untouched, so its signature holds); verify compares the files
    # with the manifest and names both.
    swap(old)
    _write_old_sums(old)
    if shutil.which("sha256sum"):
        check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=old, capture_output=True)
        assert check.returncode == 0
    problems = verify_package(old, KEYS[1])
    for name in excerpts(old)[:2]:
        assert f"{name}: SHA-256 does not match the manifest" in problems

    (old / "excerpts" / "extra.mp4").write_bytes(b"extra")
    (old / excerpts(old)[0]).unlink()
    sums = (old / "SHA256SUMS").read_text().splitlines(keepends=True)
    (old / "SHA256SUMS").write_text("".join(sums[1:]))
    problems = verify_package(old, KEYS[1])
    assert "excerpts/extra.mp4 is not named in the manifest" in problems
    assert f"{excerpts(old)[0]} is missing" in problems
    assert f"{excerpts(old)[0]} is not in SHA256SUMS" in problems


# -- the hand check of docs/packages.md ---------------------------------------------------
def documented_commands() -> list[str]:
    text = DOCS.read_text()
    section = text[text.index("By hand, with coreutils and OpenSSL 3") :]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return block.group(1).strip().splitlines()


def hand_check(package: Path) -> list[int]:
    """The exit status of each documented command, run as written in the package folder."""
    codes = []
    for command in documented_commands():
        done = subprocess.run(["sh", "-c", command], cwd=package, capture_output=True)
        codes.append(done.returncode)
    return codes


@pytest.mark.skipif(not HAVE_TOOLS, reason="sha256sum or openssl is not on the PATH")
def test_the_documented_hand_check_works_and_covers_a_swap(package: Path) -> None:
    commands = documented_commands()
    assert commands[0] == "sha256sum -c manifest-sha256.txt"
    assert len(commands) == 5
    assert hand_check(package) == [0, 0, 0, 0, 0]

    # An extra file in data/ is not something sha256sum -c looks for (documented).
    add_extra(package)
    assert hand_check(package) == [0, 0, 0, 0, 0]

    # Swapped excerpts with the sums written anew pass sha256sum -c, but the sums'
    # signature no longer verifies.
    swap(package)
    rewrite_sums(package)
    codes = hand_check(package)
    assert codes[0] == 0 and codes[2] != 0 and codes[4] == 0

    # So does an excerpt removed with its line taken out of the sums.
    remove_excerpt(package)
    rewrite_sums(package)
    codes = hand_check(package)
    assert codes[0] == 0 and codes[2] != 0 and codes[4] == 0


# -- names in the bag ---------------------------------------------------------------------
ODD = [
    "data/two  spaces.mp4",
    "data/été 日本.mp4",
    "data/#hash.mp4",
    "data/'quote\" $dollar & (paren).mp4",
    "data/star*in the middle.mp4",
    "data/sub folder/deeper/x y.mp4",
]


def _bag_of(folder: Path, names: list[str]) -> None:
    payload = []
    for i, name in enumerate(names):
        data = f"file {i}".encode()
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        payload.append((name, len(data), hashlib.sha256(data).hexdigest()))
    manifest = {
        "format_version": 2,
        "request": REQUEST,
        "signer": {"key_id": "resident-1"},
        "files": [{"name": n, "size": s, "sha256": d} for n, s, d in payload],
    }
    key = load_pem_private_key(KEYS[0], None)
    assert isinstance(key, Ed25519PrivateKey)
    write_bag_files(
        folder,
        manifest=manifest,
        manifest_bytes=json.dumps(manifest).encode(),
        payload=payload,
        sign=key.sign,
        public_pem=KEYS[1],
        bagged=date(2026, 11, 1),
    )


def test_odd_names_are_read_alike_by_sha256sum_bagit_and_doorstep(tmp_path: Path) -> None:
    _bag_of(tmp_path, ODD)
    assert verify_package(tmp_path, KEYS[1]) == []
    assert bag_valid(tmp_path)
    if shutil.which("sha256sum"):
        check = subprocess.run(["sha256sum", "-c", BAG_SUMS], cwd=tmp_path, capture_output=True)
        assert check.returncode == 0, check.stdout + check.stderr
        assert check.stdout.count(b": OK") == len(ODD)


@pytest.mark.parametrize(
    "name",
    ["data/50%25.mp4", "data/back\\slash.mp4", "data/new\nline.mp4", "data/end ", "*data/x"],
    ids=["percent", "backslash", "newline", "trailing-space", "leading-star"],
)
def test_names_the_two_formats_write_differently_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(PackageFormatError, match="cannot be a file of the package"):
        _bag_of(tmp_path, [name])


@pytest.mark.parametrize(
    "line",
    [f"\\{'0' * 64}  data/back\\\\slash.mp4", f"{'0' * 64}  data/50%25.mp4"],
    ids=["escaped", "percent"],
)
def test_a_bag_sums_line_that_needs_escapes_is_refused(line: str) -> None:
    with pytest.raises(PackageFormatError, match="line 1"):
        read_sums(line.encode() + b"\n", BAG_SUMS)


# -- the command line -------------------------------------------------------------------
def test_verify_touches_no_data_folder_and_says_it_in_json(
    package: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir = tmp_path / "data-folder"
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(data_dir))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    code, out, _ = run(capsys, "verify", package, "--json")
    assert code == 0
    answer = json.loads(out)
    assert answer["ok"] is True and answer["problems"] == []
    assert answer["format_version"] == 2 and answer["key_id"] == "resident-1"
    assert answer["checked_with"] == "the package's own public-key.pem"
    flip_byte(package)
    code, out, _ = run(capsys, "verify", package, "--json")
    assert code == 1 and json.loads(out)["ok"] is False
    assert not data_dir.exists() and not (tmp_path / "xdg").exists()

    code, _, err = run(capsys, "verify", package, "--public-key", tmp_path / "none.pem")
    assert code == 1
    missing = tmp_path / "none.pem"
    # The C library's words for the error, in whatever language it speaks here.
    why = os.strerror(errno.ENOENT)
    assert err == f"doorstep: --public-key {missing}: cannot be read ({why})\n"
