"""The files a resident uploads to an agency's web portal for a package, each within the
portal's limits (docs/packages.md, "Uploading to an agency's portal").

A package that fits in one zip of at most the portal's largest file goes as that one zip,
``<package>.zip``. A larger one is split into zip parts, ``<package>-part-K-of-N.zip``:
each part holds every tag file of the package (the files at its top: the manifest, its
signatures, the sums, the public key, the bag's files) and a share of the payload
(the excerpts and any other file in a folder), whole files only. Every zip holds the
package under one top folder named after it, so unzipping all the parts into one folder
gives back the package as built. The receiver checks the parts together (``main.py
verify PACKAGE PART ...``; or unzip them together and check the folder).

Refused, saying what to do instead: a payload file that cannot fit in one part, more
parts than the portal takes, or more bytes in all than it takes. The zips are written
in a partial folder beside them and renamed when all are complete; on error or cancel
nothing is left. No database, no Qt.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from db.sharing.package_files import member_size, open_tree, package_name
from db.sharing.package_partials import clean_partials, make_work_folder
from db.sharing.package_verify import PackageTree
from db.words.units import file_size

Progress = Callable[[int, int, str], None]

# What a zip adds to each file (local header, zip64 extra fields, central directory
# entry, data descriptor) beyond the file's name twice, and to the whole archive (the
# end records): kept generous, so a part planned to fit always does.
ENTRY_OVERHEAD = 200
ARCHIVE_OVERHEAD = 400
_CHUNK = 1 << 20
_HAND_OVER = "hand the package over on a USB drive or in person instead"
_WHAT_TO_DO = "share fewer or shorter clips, or " + _HAND_OVER


@dataclass(frozen=True)
class PortalLimits:
    """What one portal takes for one upload."""

    max_files: int = 16
    max_file_bytes: int = 2_000_000_000
    max_total_bytes: int = 10_000_000_000
    name: str = "the portal"


AXON = PortalLimits(name="Axon Community Request")
LIMITS = {"axon": AXON}


class PortalUploadError(ValueError):
    """The package cannot be prepared for the portal, and what to do, in one line."""


class PortalUploadCancelled(PortalUploadError):
    """Cancelled; nothing was kept."""


@dataclass(frozen=True)
class PortalUpload:
    """The files to upload, in order, in ``folder``."""

    folder: Path
    files: list[Path]
    total_bytes: int

    @property
    def split(self) -> bool:
        return len(self.files) > 1


def _entry_cost(top: str, name: str, size: int) -> int:
    return size + ENTRY_OVERHEAD + 2 * len(f"{top}/{name}".encode())


def plan_parts(sizes: dict[str, int], top: str, limits: PortalLimits) -> list[list[str]]:
    """The package's files (name: size) in zips, each within the portal's largest file:
    one zip of everything when it fits, else parts of every tag file and whole payload
    files (largest first, each into the first part with room). PortalUploadError says
    what does not fit and what to do."""
    cost = {name: _entry_cost(top, name, size) for name, size in sizes.items()}
    whole = ARCHIVE_OVERHEAD + sum(cost.values())
    largest = limits.max_file_bytes
    if whole <= largest:
        if whole > limits.max_total_bytes:
            raise PortalUploadError(
                f"the package is {file_size(whole)}, more than {limits.name} takes in all "
                f"({file_size(limits.max_total_bytes)}): {_WHAT_TO_DO}"
            )
        return [sorted(sizes)]
    tags = sorted(name for name in sizes if "/" not in name)
    payload = sorted((name for name in sizes if "/" in name), key=lambda n: (-sizes[n], n))
    room = largest - ARCHIVE_OVERHEAD - sum(cost[name] for name in tags)
    for name in payload:
        if cost[name] > room:
            shorter = "share a shorter excerpt of that clip, or " if "excerpts/" in name else ""
            raise PortalUploadError(
                f"{name} is {file_size(sizes[name])}; with the package's other files a part "
                f"holding it would be larger than the {file_size(largest)} {limits.name} takes "
                f"in one file: {shorter}{_HAND_OVER}"
            )
    parts: list[list[str]] = []
    free: list[int] = []
    for name in payload:
        for index, space in enumerate(free):
            if cost[name] <= space:
                parts[index].append(name)
                free[index] -= cost[name]
                break
        else:
            parts.append([name])
            free.append(room - cost[name])
    if len(parts) > limits.max_files:
        raise PortalUploadError(
            f"the package needs {len(parts)} files of at most {file_size(largest)}, more "
            f"than the {limits.max_files} {limits.name} takes: {_WHAT_TO_DO}"
        )
    total = sum(largest - space for space in free)
    if total > limits.max_total_bytes:
        raise PortalUploadError(
            f"the upload would be {file_size(total)} in {len(parts)} files, more than "
            f"{limits.name} takes in all ({file_size(limits.max_total_bytes)}): {_WHAT_TO_DO}"
        )
    return [tags + sorted(part) for part in parts]


def part_names(top: str, count: int) -> list[str]:
    if count == 1:
        return [f"{top}.zip"]
    return [f"{top}-part-{k}-of-{count}.zip" for k in range(1, count + 1)]


def prepare_portal_upload(
    package: Path,
    out_dir: Path,
    limits: PortalLimits = AXON,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> PortalUpload:
    """Write the zips to upload for ``package`` (a folder or zip) into ``out_dir`` (made
    if needed), replacing those of an earlier run for the same package. ``progress``
    gets (bytes done, bytes in all, what)."""
    package = Path(package)
    try:
        tree = open_tree(package)
    except FileNotFoundError:
        raise PortalUploadError(f"{package} does not exist") from None
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise PortalUploadError(f"{package} cannot be read as a package ({exc})") from None
    try:
        top = package_name(package)
        sizes = {name: member_size(tree, name) for name in tree.members}
        parts = plan_parts(sizes, top, limits)
        names = part_names(top, len(parts))
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            out_dir = out_dir.resolve()
            clean_partials(out_dir)
            work = make_work_folder(out_dir)
        except OSError as exc:
            raise PortalUploadError(f"{out_dir}: cannot write there ({_why(exc)})") from None
        try:
            written = _write_parts(tree, top, parts, names, work, limits, progress, cancel)
            files = _move_into(written, out_dir, top)
        except OSError as exc:
            where = exc.filename or out_dir
            raise PortalUploadError(f"{where}: cannot write the upload ({_why(exc)})") from None
        finally:
            shutil.rmtree(work, ignore_errors=True)
    finally:
        tree.close()
    return PortalUpload(out_dir, files, sum(path.stat().st_size for path in files))


def _why(exc: OSError) -> str:
    return str(exc.strerror or exc).rstrip(".")


def _write_parts(
    tree: PackageTree,
    top: str,
    parts: list[list[str]],
    names: list[str],
    work: Path,
    limits: PortalLimits,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> list[Path]:
    total = max(1, sum(member_size(tree, name) for part in parts for name in part))
    done = 0
    written: list[Path] = []
    for number, (part, zip_name) in enumerate(zip(parts, names, strict=True), 1):
        target = work / zip_name
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as zf:
            for name in part:
                info = zipfile.ZipInfo(f"{top}/{name}", date_time=(2026, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_STORED
                with tree.open(name) as src, zf.open(info, "w", force_zip64=True) as out:
                    while chunk := src.read(_CHUNK):
                        if cancel is not None and cancel.is_set():
                            raise PortalUploadCancelled("cancelled: no upload files were kept")
                        out.write(chunk)
                        done += len(chunk)
                        if progress is not None:
                            what = f"file {number} of {len(parts)}: {name}"
                            progress(min(done, total), total, what)
        with open(target, "rb+") as handle:
            os.fsync(handle.fileno())
        size = target.stat().st_size
        if size > limits.max_file_bytes:  # the plan's overheads are generous: never
            raise PortalUploadError(f"{zip_name} came out larger than {limits.name} takes")
        written.append(target)
    return written


def _move_into(written: list[Path], out_dir: Path, top: str) -> list[Path]:
    """Rename the complete zips into ``out_dir``, then remove the zips of an earlier run
    for the same package that this run did not replace (another number of parts), so
    that the folder holds only the files to upload."""
    ours = re.compile(re.escape(top) + r"(-part-[0-9]+-of-[0-9]+)?\.zip")
    files = []
    for path in written:
        final = out_dir / path.name
        os.replace(path, final)
        files.append(final)
    keep = {path.name for path in files}
    for entry in os.listdir(out_dir):
        if ours.fullmatch(entry) and entry not in keep:
            try:
                (out_dir / entry).unlink()
            except OSError:
                pass
    return files
