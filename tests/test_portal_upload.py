"""Preparing a package for an agency's portal (db/sharing/portal_upload.py): one zip when
it fits, else parts each within the portal's limits that verify together, refusals that
say what to do, cancel and re-runs that leave only the files to upload."""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

import pytest

from db.sharing.package_format import verify_package, verify_parts
from db.sharing.package_partials import PARTIAL_PREFIX
from db.sharing.portal_upload import (
    ARCHIVE_OVERHEAD,
    AXON,
    PortalLimits,
    PortalUploadCancelled,
    PortalUploadError,
    _entry_cost,
    plan_parts,
    prepare_portal_upload,
)
from tests.handover_helpers import build_test_package


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_test_package(tmp_path_factory.mktemp("package"))


def _sizes(package: Path) -> dict[str, int]:
    return {
        p.relative_to(package).as_posix(): p.stat().st_size
        for p in package.rglob("*")
        if p.is_file()
    }


def _payload(package: Path) -> dict[str, int]:
    return {n: size for n, size in _sizes(package).items() if "/" in n}


def _tight(package: Path, spare: int = 100) -> PortalLimits:
    """Limits under which a part has room for the tag files and the largest payload
    file, and ``spare`` bytes more: the package must be split."""
    sizes = _sizes(package)
    tags = sum(_entry_cost(package.name, n, s) for n, s in sizes.items() if "/" not in n)
    largest = max(_entry_cost(package.name, n, s) for n, s in _payload(package).items())
    return PortalLimits(max_files=16, max_file_bytes=ARCHIVE_OVERHEAD + tags + largest + spare)


def _unzip_all(files: list[Path], into: Path) -> Path:
    for path in files:
        with zipfile.ZipFile(path) as zf:
            zf.extractall(into)
    (top,) = list(into.iterdir())
    return top


def test_a_package_that_fits_goes_as_one_zip(package: Path, tmp_path: Path) -> None:
    upload = prepare_portal_upload(package, tmp_path / "upload", AXON)
    assert [p.name for p in upload.files] == [f"{package.name}.zip"]
    assert not upload.split
    assert upload.total_bytes == upload.files[0].stat().st_size
    top = _unzip_all(upload.files, tmp_path / "received")
    assert top.name == package.name
    assert verify_package(top) == []
    assert verify_package(upload.files[0]) == []


def test_a_large_package_is_split_into_parts_that_verify_together(
    package: Path, tmp_path: Path
) -> None:
    limits = _tight(package)
    reports: list[tuple[int, int, str]] = []
    upload = prepare_portal_upload(
        package, tmp_path / "upload", limits, progress=lambda d, t, w: reports.append((d, t, w))
    )
    count = len(upload.files)
    assert count >= 2
    names = [p.name for p in upload.files]
    assert names == [f"{package.name}-part-{k}-of-{count}.zip" for k in range(1, count + 1)]
    assert sorted(p.name for p in (tmp_path / "upload").iterdir()) == sorted(names)
    sizes = _sizes(package)
    tags = {n for n in sizes if "/" not in n}
    seen: list[str] = []
    for path in upload.files:
        assert path.stat().st_size <= limits.max_file_bytes
        with zipfile.ZipFile(path) as zf:
            inside = {i.filename.split("/", 1)[1] for i in zf.infolist()}
            assert all(i.filename.startswith(package.name + "/") for i in zf.infolist())
        assert tags <= inside  # every part carries the signed manifests and the bag's files
        assert inside - tags
        seen += inside - tags
        # a part alone is not the package: it misses the other parts' payload
        assert any("is missing" in p for p in verify_package(path))
    assert sorted(seen) == sorted(_payload(package))  # each payload file once, whole
    assert verify_parts(upload.files) == []  # the receiver checks the parts together
    with zipfile.ZipFile(upload.files[-1]) as zf:
        last = {i.filename.split("/", 1)[1] for i in zf.infolist()} - tags
    problems = verify_parts(upload.files[:-1])
    assert all(f"{name} is missing" in problems for name in last), problems
    top = _unzip_all(upload.files, tmp_path / "received")
    assert verify_package(top) == []
    assert {n: (top / n).read_bytes() for n in sizes} == {
        n: (package / n).read_bytes() for n in sizes
    }
    assert reports[-1][0] == reports[-1][1] and f"file {count} of {count}" in reports[-1][2]


def test_a_run_replaces_the_files_of_an_earlier_run(package: Path, tmp_path: Path) -> None:
    out = tmp_path / "upload"
    prepare_portal_upload(package, out, _tight(package))
    (out / "mine.txt").write_text("the resident's own file")
    upload = prepare_portal_upload(package, out, AXON)
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{package.name}.zip", "mine.txt"])
    assert upload.files == [out / f"{package.name}.zip"]


def test_what_does_not_fit_is_refused_saying_what_to_do(package: Path, tmp_path: Path) -> None:
    limits = _tight(package)
    count = len(prepare_portal_upload(package, tmp_path / "probe", limits).files)
    out = tmp_path / "upload"
    payload = _payload(package)
    largest = max(payload, key=lambda n: payload[n])
    with pytest.raises(PortalUploadError) as too_big:
        prepare_portal_upload(package, out, _tight(package, spare=-300))
    assert str(too_big.value).startswith(f"{largest} is ")
    assert str(too_big.value).endswith(
        "the portal takes in one file: hand the package over on a USB drive or in person instead"
    )
    with pytest.raises(
        PortalUploadError,
        match=r"^data/excerpts/porch\.mp4 is 5\.0 KB; .* in one file: share a shorter excerpt "
        r"of that clip, or hand the package over on a USB drive or in person instead$",
    ):  # an excerpt too large for any part: the advice names shortening it
        plan_parts(
            {"manifest.json": 100, "data/excerpts/porch.mp4": 5000},
            "pkg",
            PortalLimits(max_file_bytes=3000),
        )
    with pytest.raises(
        PortalUploadError,
        match=rf"^the package needs {count} files of at most .*, more than the {count - 1} the "
        "portal takes: share fewer or shorter clips, or hand the package over",
    ):
        prepare_portal_upload(
            package, out, PortalLimits(max_files=count - 1, max_file_bytes=limits.max_file_bytes)
        )
    with pytest.raises(
        PortalUploadError, match=rf"^the upload would be .* in {count} files, more than the portal"
    ):
        prepare_portal_upload(
            package,
            out,
            PortalLimits(
                max_file_bytes=limits.max_file_bytes, max_total_bytes=sum(_sizes(package).values())
            ),
        )
    with pytest.raises(PortalUploadError, match=r"^the package is .*, more than Axon"):
        prepare_portal_upload(package, out, PortalLimits(max_total_bytes=1000, name="Axon"))
    with pytest.raises(PortalUploadError, match="does not exist"):
        prepare_portal_upload(tmp_path / "gone", out, AXON)
    assert not out.exists()  # refused before anything was written


def test_cancel_leaves_nothing(package: Path, tmp_path: Path) -> None:
    out = tmp_path / "upload"
    cancel = threading.Event()
    calls: list[str] = []

    def progress(done: int, total: int, what: str) -> None:
        calls.append(what)
        if "file 2 of" in what:
            cancel.set()

    with pytest.raises(PortalUploadCancelled):
        prepare_portal_upload(package, out, _tight(package), progress=progress, cancel=cancel)
    assert list(out.iterdir()) == []  # part 1 was complete, but never renamed into place
    assert [c for c in calls if "file 1 of" in c]


def test_a_zipped_package_is_prepared_as_its_folder(package: Path, tmp_path: Path) -> None:
    zipped = tmp_path / f"{package.name}.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        for name in _sizes(package):
            zf.write(package / name, f"{package.name}/{name}")
    upload = prepare_portal_upload(zipped, tmp_path / "upload", _tight(package))
    assert len(upload.files) >= 2
    assert verify_package(_unzip_all(upload.files, tmp_path / "received")) == []
    assert not [p for p in (tmp_path / "upload").iterdir() if p.name.startswith(PARTIAL_PREFIX)]
