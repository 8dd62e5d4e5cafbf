"""Checking a share package as its receiver does (docs/packages.md, "Checking a
package"): a package built from real video files is a valid BagIt bag and verifies with
``main.py verify``, and each way of tampering with it is caught (a wrong key, a package
signed anew, a damaged zip, zip parts checked together, delivery refusing it).
"""

from __future__ import annotations

import base64
import json
import struct
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from db.clips.media import sha256_file
from db.keys.signing import generate_keypair
from db.sharing.package_format import (
    BAG_SUMS,
    payload_entries,
    read_sums,
    verify_package,
    verify_parts,
)
from tests.package_verify_helpers import (
    KEYS,
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


OTHER = generate_keypair()


def rebag(package: Path) -> None:
    """A BagIt tool writing the bag's sums, Payload-Oxum and tag manifest anew."""
    import bagit  # type: ignore[import-untyped]

    bagit.Bag(str(package)).save(manifests=True)


def retag(package: Path) -> None:
    """A BagIt tool writing the tag manifest anew (and bag-info.txt), not the sums."""
    import bagit

    bagit.Bag(str(package)).save(manifests=False)


def edit_manifest(package: Path) -> None:
    path = package / "manifest.json"
    path.write_text(path.read_text().replace("2026-118830", "2026-118831"))


def remove_and_rebag(package: Path) -> None:
    remove_excerpt(package)
    rebag(package)


def swap_and_rewrite(package: Path) -> None:
    swap(package)
    rewrite_sums(package)
    rebag(package)


def drop_sums_line(package: Path) -> None:
    path = package / BAG_SUMS
    path.write_text("".join(path.read_text().splitlines(keepends=True)[1:]))


WHY = " (changed after signing, or signed by another key)"


def change_exhibit(package: Path) -> None:
    path = package / "data" / "exhibit-summary.txt"
    path.write_text(path.read_text().replace("2026-118830", "2026-118831"))


def write(name: str, text: str) -> Callable[[Path], None]:
    def tamper(package: Path) -> None:
        (package / name).write_text(text)

    return tamper


def remove(name: str) -> Callable[[Path], None]:
    return lambda package: (package / name).unlink()


SUMS_SIG = "manifest-sha256.txt.sig: the signature does not match manifest-sha256.txt" + WHY


MANIFEST_SIG = "manifest.json.sig: the signature does not match manifest.json" + WHY


def _first(package: Path) -> str:
    return excerpts(package)[0]


def _second(package: Path) -> str:
    return excerpts(package)[1]


CASES: list[tuple[str, Callable[[Path], None], list[Callable[[Path], str]], bool]] = [
    # (id, tamper, problems expected (given the package), bagit still valid)
    (
        "byte-changed",
        flip_byte,
        [lambda p: f"{_first(p)}: SHA-256 does not match manifest.json"],
        False,
    ),
    ("excerpt-removed", remove_excerpt, [lambda p: f"{_first(p)} is missing"], False),
    (
        "excerpt-removed-bag-rewritten",
        remove_and_rebag,
        [lambda p: f"{_first(p)} is missing", lambda p: SUMS_SIG],
        True,
    ),
    (
        "swapped",
        swap,
        [
            lambda p: f"{_first(p)}: SHA-256 does not match manifest.json",
            lambda p: f"{_second(p)}: SHA-256 does not match manifest.json",
        ],
        False,
    ),
    (
        "swapped-sums-rewritten-signature-left",
        swap_and_rewrite,
        [
            lambda p: SUMS_SIG,
            lambda p: f"{_first(p)}: SHA-256 does not match manifest.json",
            lambda p: (
                f"manifest-sha256.txt and manifest.json give different SHA-256 for {_first(p)}"
            ),
        ],
        True,
    ),
    ("manifest-edited", edit_manifest, [lambda p: MANIFEST_SIG], False),
    (
        "extra-file",
        add_extra,
        [lambda p: "data/excerpts/extra.mp4 is not listed in manifest.json (an extra file)"],
        False,
    ),
    (
        "manifest-not-json",
        write("manifest.json", "{"),
        [lambda p: "manifest.json: not valid JSON", lambda p: MANIFEST_SIG],
        False,
    ),
    (
        "exhibit-changed",
        change_exhibit,
        [lambda p: "data/exhibit-summary.txt: SHA-256 does not match manifest.json"],
        False,
    ),
    (
        "old-bagit-version",
        write("bagit.txt", "BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n"),
        [lambda p: "bagit.txt does not declare BagIt-Version 1.0"],
        False,
    ),
    (
        "payload-oxum-malformed",
        write("bag-info.txt", "Payload-Oxum: many\n  files\n"),
        [lambda p: "bag-info.txt: Payload-Oxum 'many files' is not <bytes>.<files>"],
        False,
    ),
    (
        "bag-info-not-fields",
        write("bag-info.txt", "no colon here\n"),
        [lambda p: "bag-info.txt line 1 is not 'Label: value'"],
        False,
    ),
    (
        "stray-tag-file",
        write("notes.txt", "hello"),
        [lambda p: "notes.txt is not part of the package (not in tagmanifest-sha256.txt)"],
        True,
    ),
    (
        "tag-manifest-removed",
        remove("tagmanifest-sha256.txt"),
        [lambda p: "tagmanifest-sha256.txt is missing"],
        True,
    ),
    (
        "sums-signature-removed",
        remove("manifest-sha256.txt.sig"),
        [
            lambda p: "manifest-sha256.txt.sig is missing",
            lambda p: "tagmanifest-sha256.txt lists manifest-sha256.txt.sig, which is missing",
        ],
        False,
    ),
    (
        "sums-line-removed",
        drop_sums_line,
        [lambda p: SUMS_SIG, lambda p: f"{_first(p)} is not in manifest-sha256.txt"],
        False,
    ),
]


# -- a fresh package --------------------------------------------------------------------
def test_a_fresh_package_is_a_valid_bag_and_verifies(
    package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import bagit

    bag = bagit.Bag(str(package))
    assert bag.validate()
    assert bag.version_info == (1, 0) and bag.encoding.upper() == "UTF-8"
    assert bag.info["External-Identifier"] == "req-2026-0042"
    assert bag.info["External-Description"] == (
        "Footage for Springfield Police, case 2026-118830, Parcel theft, Elm Street"
    )
    assert bag.info["Source-Organization"] == "A resident, signing key resident-1"
    assert bag.info["Bagging-Date"] == datetime.now(UTC).date().isoformat()
    payload = [p for p in (package / "data").rglob("*") if p.is_file()]
    assert bag.info["Payload-Oxum"] == f"{sum(p.stat().st_size for p in payload)}.{len(payload)}"
    # the manifest lists every payload file by its path in the bag, with size and hash
    listed = {f["name"]: f for f in payload_entries(manifest(package))}
    assert [f["name"] for f in manifest(package)["documents"]] == [
        "data/exhibit-summary.txt",
        "data/exhibit-summary.pdf",
    ]
    assert sorted(listed) == sorted(p.relative_to(package).as_posix() for p in payload)
    for name, entry in listed.items():
        assert entry["size"] == (package / name).stat().st_size
        assert entry["sha256"] == sha256_file(package / name)
    assert manifest(package)["format_version"] == 2
    assert read_sums((package / BAG_SUMS).read_bytes(), BAG_SUMS) == {
        n: f["sha256"] for n, f in listed.items()
    }

    assert verify_package(package) == []
    assert verify_package(package, KEYS[1]) == []
    code, out, err = run(capsys, "verify", package, "--public-key", _pem(package.parent, KEYS[1]))
    assert (code, err) == (0, "")
    assert out.startswith(f"{package}: verifies. Format 2, {len(listed)} files (")
    assert "checked with the key given" in out


def _pem(folder: Path, data: bytes, name: str = "sender.pem") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_the_zip_verifies_and_unzips_to_a_valid_bag(
    built: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert verify_package(built["pkg.zip"], KEYS[1]) == []
    code, out, _ = run(capsys, "verify", built["pkg.zip"])
    assert code == 0 and "verifies. Format 2" in out
    assert "give --public-key with the sender's key" in out
    with zipfile.ZipFile(built["pkg.zip"]) as zf:
        zf.extractall(tmp_path)
    assert bag_valid(tmp_path / "pkg")


@pytest.mark.parametrize(
    ("tamper", "expected", "still_a_valid_bag"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_tampering_is_caught(
    package: Path,
    capsys: pytest.CaptureFixture[str],
    tamper: Callable[[Path], None],
    expected: list[Callable[[Path], str]],
    still_a_valid_bag: bool,
) -> None:
    wanted = [problem(package) for problem in expected]
    tamper(package)
    problems = verify_package(package, KEYS[1])
    for problem in wanted:
        assert problem in problems
    code, out, err = run(capsys, "verify", package)
    assert code == 1 and out == ""
    lines = err.splitlines()
    for problem in wanted:
        assert problem in lines
    assert lines[-1] == f"doorstep: {package} does not verify ({len(lines) - 1} problem" + (
        "s)" if len(lines) > 2 else ")"
    )
    # A BagIt tool alone catches what changes the bag, not a bag written anew: the
    # signatures are what catch that.
    assert bag_valid(package) is still_a_valid_bag


def test_a_wrong_key_and_a_package_signed_anew_are_caught(
    package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = _pem(package.parent, OTHER[1], "other.pem")
    code, _, err = run(capsys, "verify", package, "--public-key", other)
    assert code == 1
    assert "public-key.pem is not the key given for checking" in err.splitlines()
    assert MANIFEST_SIG in err and SUMS_SIG in err

    # Someone swaps two excerpts and signs everything anew with their own key, putting
    # it in public-key.pem: the package is consistent, only the sender's key tells.
    swap(package)
    rebag(package)
    data = manifest(package)
    sums = read_sums((package / BAG_SUMS).read_bytes(), BAG_SUMS)
    for entry in payload_entries(data):
        entry["sha256"] = sums[entry["name"]]
        entry["size"] = (package / entry["name"]).stat().st_size
    body = (json.dumps(data, indent=2) + "\n").encode()
    (package / "manifest.json").write_bytes(body)
    key = load_pem_private_key(OTHER[0], None)
    assert isinstance(key, Ed25519PrivateKey)
    for signed in ("manifest.json", BAG_SUMS):
        sig = base64.b64encode(key.sign((package / signed).read_bytes()))
        (package / f"{signed}.sig").write_bytes(sig + b"\n")
    (package / "public-key.pem").write_bytes(OTHER[1])
    retag(package)
    assert verify_package(package) == []
    assert bag_valid(package)
    problems = verify_package(package, KEYS[1])
    assert "public-key.pem is not the key given for checking" in problems
    assert MANIFEST_SIG in problems and SUMS_SIG in problems


def test_a_truncated_or_damaged_zip_is_caught(
    built: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = built["pkg.zip"].read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: len(data) // 2])
    code, _, err = run(capsys, "verify", cut)
    assert code == 1
    assert err.splitlines()[0].startswith(f"{cut} is not a package folder or zip file (")

    # a byte changed inside a stored excerpt: the zip's own CRC refuses it
    with zipfile.ZipFile(built["pkg.zip"]) as zf:
        info = next(i for i in zf.infolist() if i.filename.endswith(".mp4"))
    name_len, extra_len = struct.unpack(
        "<HH", data[info.header_offset + 26 : info.header_offset + 30]
    )
    start = info.header_offset + 30 + name_len + extra_len
    damaged = bytearray(data)
    damaged[start + info.compress_size // 2] ^= 0xFF
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(damaged))
    name = info.filename.split("/", 1)[1]
    problems = verify_package(bad)
    assert any(p.startswith(f"{name} cannot be read (") for p in problems), problems


def _parts(package: Path, folder: Path, shares: list[list[str]]) -> list[Path]:
    """Zip parts of the package: each holds every file outside data/ and the payload
    files named in its share."""
    folder.mkdir(exist_ok=True)
    tags = [p for p in package.iterdir() if p.is_file()]
    parts = []
    for i, share in enumerate(shares, 1):
        part = folder / f"part{i}.zip"
        with zipfile.ZipFile(part, "w") as zf:
            for path in tags:
                zf.write(path, f"pkg/{path.name}")
            for name in share:
                zf.write(package / name, f"pkg/{name}")
        parts.append(part)
    return parts


def test_zip_parts_are_checked_together(
    package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = [f["name"] for f in payload_entries(manifest(package))]
    one, two = _parts(package, tmp_path, [names[:1], names[1:]])
    assert verify_parts([one, two], KEYS[1]) == []
    code, out, _ = run(capsys, "verify", one, two)
    assert code == 0 and "verifies" in out
    assert f"{names[1]} is missing" in verify_package(one)

    both = _parts(package, tmp_path / "both", [names, names[1:]])
    assert f"{names[1]} is in both {both[0]} and {both[1]}" in verify_parts(both)

    edit_manifest(package)
    _, edited = _parts(package, tmp_path / "edited", [names[:1], names[1:]])
    assert f"{edited}: manifest.json differs from the one in {one}" in verify_parts([one, edited])
    assert verify_parts([one, tmp_path / "nothing.zip"]) == [
        f"{tmp_path / 'nothing.zip'} does not exist"
    ]


def test_delivery_refuses_a_tampered_format_2_package(package: Path) -> None:
    from db.sharing.delivery_package import read_package
    from db.sharing.delivery_types import DeliveryError

    names = [f["name"] for f in payload_entries(manifest(package))]
    assert [f.name for f in read_package(package, None).files] == names
    drop_sums_line(package)
    with pytest.raises(DeliveryError, match=f"manifest-sha256.txt does not list {names[0]}"):
        read_package(package, None)
