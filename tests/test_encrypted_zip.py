"""The encrypted zip of a package (db/sharing/encrypted_zip.py): AES-256 that pyzipper
opens with the password and nothing opens without it."""

from __future__ import annotations

import re
import threading
import zipfile
from pathlib import Path

import pytest
import pyzipper  # type: ignore[import-untyped]

from db.sharing.encrypted_zip import (
    ALPHABET,
    EncryptedZipCancelled,
    EncryptedZipError,
    new_password,
    password_bits,
    write_encrypted_zip,
)
from db.sharing.package_format import verify_package
from db.sharing.package_partials import PARTIAL_PREFIX
from tests.handover_helpers import build_test_package


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_test_package(tmp_path_factory.mktemp("package"))


def _files(package: Path) -> dict[str, bytes]:
    return {
        p.relative_to(package).as_posix(): p.read_bytes() for p in package.rglob("*") if p.is_file()
    }


def test_the_password_opens_it_and_nothing_else_does(package: Path, tmp_path: Path) -> None:
    reports: list[tuple[int, int, str]] = []
    dest, password = write_encrypted_zip(
        package, tmp_path / "handover.zip", progress=lambda d, t, w: reports.append((d, t, w))
    )
    assert dest == (tmp_path / "handover.zip").resolve()
    expected = _files(package)
    top = package.name
    with pyzipper.AESZipFile(dest) as zf:
        infos = zf.infolist()
        assert {i.filename for i in infos} == {f"{top}/{n}" for n in expected}
        assert all(i.flag_bits & 0x1 for i in infos)  # every file encrypted
        assert {i.wz_aes_strength for i in infos} == {3}  # 3: AES-256
        zf.setpassword(password.encode())
        assert {n: zf.read(f"{top}/{n}") for n in expected} == expected
        zf.extractall(tmp_path / "out")
    assert verify_package(tmp_path / "out" / top) == []
    with pyzipper.AESZipFile(dest) as zf:
        zf.setpassword(b"not-the-password")
        with pytest.raises(RuntimeError, match="Bad password"):
            zf.read(f"{top}/manifest.json")
    with zipfile.ZipFile(dest) as zf, pytest.raises(RuntimeError, match="encrypted"):
        zf.read(f"{top}/manifest.json")
    raw = dest.read_bytes()
    assert all(content[:64] not in raw for content in expected.values() if len(content) > 64)
    assert reports and reports[-1][0] == reports[-1][1]
    assert password not in repr(reports)


def test_passwords_are_readable_random_and_strong() -> None:
    seen = {new_password() for _ in range(50)}
    assert len(seen) == 50
    for password in seen:
        assert re.fullmatch(rf"[{ALPHABET}]{{4}}(-[{ALPHABET}]{{4}}){{5}}", password)
    assert not set("il1o0") & set(ALPHABET)
    assert 118 < password_bits() < 120


def test_a_given_password_is_used(package: Path, tmp_path: Path) -> None:
    dest, password = write_encrypted_zip(package, tmp_path / "p.zip", password="open sesame")
    assert password == "open sesame"
    with pyzipper.AESZipFile(dest) as zf:
        zf.setpassword(b"open sesame")
        assert zf.read(f"{package.name}/manifest.json") == (package / "manifest.json").read_bytes()


def test_refusals_and_cancel_leave_nothing(package: Path, tmp_path: Path) -> None:
    existing = tmp_path / "there.zip"
    existing.write_bytes(b"keep me")
    with pytest.raises(EncryptedZipError, match="already exists; not replacing it"):
        write_encrypted_zip(package, existing)
    assert existing.read_bytes() == b"keep me"
    with pytest.raises(EncryptedZipError, match="does not exist"):
        write_encrypted_zip(tmp_path / "nothing", tmp_path / "n.zip")
    with pytest.raises(EncryptedZipError, match=r"folder .* does not exist"):
        write_encrypted_zip(package, tmp_path / "no" / "n.zip")
    with pytest.raises(EncryptedZipError, match="password is empty"):
        write_encrypted_zip(package, tmp_path / "e.zip", password="")

    cancel = threading.Event()

    def progress(done: int, total: int, what: str) -> None:
        cancel.set()

    with pytest.raises(EncryptedZipCancelled):
        write_encrypted_zip(package, tmp_path / "c.zip", progress=progress, cancel=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["there.zip"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(PARTIAL_PREFIX)]


def test_a_zipped_package_is_encrypted_as_its_folder(package: Path, tmp_path: Path) -> None:
    plain = tmp_path / f"{package.name}.zip"
    with zipfile.ZipFile(plain, "w") as zf:
        for name, data in _files(package).items():
            zf.writestr(f"{package.name}/{name}", data)
    dest, password = write_encrypted_zip(plain, tmp_path / "enc.zip")
    with pyzipper.AESZipFile(dest) as zf:
        zf.setpassword(password.encode())
        zf.extractall(tmp_path / "out")
    assert verify_package(tmp_path / "out" / package.name) == []


def test_an_unencrypted_copy_verifies_and_a_cancel_leaves_nothing(
    package: Path, tmp_path: Path
) -> None:
    from db.sharing.package_files import CopyCancelled, copy_package

    drive = tmp_path / "drive"
    drive.mkdir()
    cancel = threading.Event()
    with pytest.raises(CopyCancelled):
        copy_package(package, drive, progress=lambda d, t, w: cancel.set(), cancel=cancel)
    assert list(drive.iterdir()) == []
    reports: list[int] = []
    copy = copy_package(package, drive, progress=lambda d, t, w: reports.append(d))
    assert copy == drive / package.name and verify_package(copy) == []
    assert _files(copy) == _files(package) and reports[-1] == sum(
        map(len, _files(package).values())
    )
    with pytest.raises(FileExistsError):
        copy_package(package, drive)
    zipped = tmp_path / "p.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("p/manifest.json", b"{}")
    assert copy_package(zipped, drive).read_bytes() == zipped.read_bytes()
    assert sorted(p.name for p in drive.iterdir()) == sorted([package.name, "p.zip"])
