"""Checking a share package as its receiver does (docs/packages.md, "Checking a
package"): a package built from real video files is a valid BagIt bag, verifies with
``main.py verify`` and the documented hand check, and each way of tampering with it is
caught; format 1 packages still verify; zip parts are checked together."""

from __future__ import annotations

import base64
import errno
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from db.clips.media import sha256_file
from db.demo.synth import make_clip
from db.keys.signing import generate_keypair
from db.sharing.package_bag import write_bag_files
from db.sharing.package_format import (
    BAG_SUMS,
    PackageFormatError,
    payload_entries,
    read_sums,
    verify_package,
    verify_parts,
)
from db.sharing.package_spec import ExcerptSpec, PackageSpec
from db.sharing.packaging import build_package
from desktop.cli import main

T0 = datetime(2026, 11, 1, 6, 0, 0, tzinfo=UTC)
KEYS = generate_keypair()
OTHER = generate_keypair()
REQUEST: dict[str, Any] = {
    "id": "req-2026-0042",
    "agency": {"id": "spd", "name": "Springfield Police"},
    "case_number": "2026-118830",
    "incident": "Parcel theft, Elm Street",
    "retention_days": 90,
    "third_party_sharing": False,
    "window": {"start": "2026-11-01T06:00:01Z", "end": "2026-11-01T06:00:03Z"},
}
DOCS = Path(__file__).resolve().parent.parent / "docs" / "packages.md"
HAVE_TOOLS = shutil.which("sha256sum") is not None and shutil.which("openssl") is not None


def _excerpt(path: Path, camera: str, clip_id: int) -> ExcerptSpec:
    return ExcerptSpec(
        clip_id=clip_id,
        source_path=path,
        source_sha256=sha256_file(path),
        camera=camera,
        camera_lat=39.7817,
        camera_lon=-89.6501,
        clip_start_utc=T0,
        clip_duration_s=4.0,
        want_start_utc=T0 + timedelta(seconds=1),
        want_end_utc=T0 + timedelta(seconds=3),
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One package from two real clips, as a folder and as a zip (tests copy them)."""
    root = tmp_path_factory.mktemp("built")
    clips = [
        make_clip(root / "front.mp4", seconds=4, codec="mpeg4", hue=1),
        make_clip(root / "yard.mp4", seconds=4, codec="mpeg4", hue=3),
    ]
    spec = PackageSpec(
        REQUEST, [_excerpt(clips[0], "Front door", 1), _excerpt(clips[1], "Yard", 2)]
    )
    out = {}
    for name, as_zip in (("pkg", False), ("pkg.zip", True)):
        out[name] = build_package(
            spec, root / name, signing_key_pem=KEYS[0], key_id="resident-1", as_zip=as_zip
        )
    return out


@pytest.fixture
def package(built: dict[str, Path], tmp_path: Path) -> Path:
    return Path(shutil.copytree(built["pkg"], tmp_path / "pkg"))


def manifest(package: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((package / "manifest.json").read_bytes())
    return data


def excerpts(package: Path) -> list[str]:
    return [f["name"] for f in manifest(package)["files"] if f["name"].endswith(".mp4")]


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def bag_valid(package: Path) -> bool:
    import bagit  # type: ignore[import-untyped]

    try:
        return bool(bagit.Bag(str(package)).is_valid())
    except (bagit.BagError, ValueError):  # a bag-info.txt it cannot read
        return False


# -- how a package is tampered with ---------------------------------------------------
def flip_byte(package: Path) -> None:
    path = package / excerpts(package)[0]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def swap(package: Path) -> None:
    a, b = (package / name for name in excerpts(package)[:2])
    a.rename(a.with_name("swap"))
    b.rename(a)
    a.with_name("swap").rename(b)


def rewrite_sums(package: Path) -> None:
    """What someone without the key can do: the payload sums written anew from the
    files there now, as ``sha256sum data/*/* > manifest-sha256.txt`` would."""
    files = (package / "data").rglob("*")
    names = sorted(p.relative_to(package).as_posix() for p in files if p.is_file())
    lines = [f"{sha256_file(package / n)}  {n}\n" for n in names]
    (package / BAG_SUMS).write_text("".join(lines))


def rebag(package: Path) -> None:
    """A BagIt tool writing the bag's sums, Payload-Oxum and tag manifest anew."""
    import bagit

    bagit.Bag(str(package)).save(manifests=True)


def retag(package: Path) -> None:
    """A BagIt tool writing the tag manifest anew (and bag-info.txt), not the sums."""
    import bagit

    bagit.Bag(str(package)).save(manifests=False)


def edit_manifest(package: Path) -> None:
    path = package / "manifest.json"
    path.write_text(path.read_text().replace("2026-118830", "2026-118831"))


def remove_excerpt(package: Path) -> None:
    (package / excerpts(package)[0]).unlink()


def add_extra(package: Path) -> None:
    (package / "data" / "excerpts" / "extra.mp4").write_bytes(b"not in the manifest")


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
