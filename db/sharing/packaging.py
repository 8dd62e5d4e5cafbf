"""Share packages: the excerpts a resident sends an agency, with a signed manifest
(docs/packages.md).

A package is a folder (or a zip of the same folder) laid out as :mod:`db.sharing.package_format`
says (a BagIt bag); that module also reads and verifies packages.

Building runs here: check the limits, cut each excerpt (:mod:`db.sharing.excerpt_cut`, written
by :mod:`db.sharing.excerpt_writer`), hash, write the manifest (:mod:`db.sharing.package_manifest`),
sign it and the payload sums, write the bag's files (:mod:`db.sharing.package_bag`), and
place the folder or zip. Audio is removed unless kept; container tags are not
copied (only ``creation_time``, set to the excerpt's UTC start, is written) and embedded
encoder/user data (H.264/HEVC SEI, MPEG-4 user data) is removed.

Nothing here touches the database or Qt; PyAV is imported by the functions that use it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from db.sharing.excerpt_cut import Cut, CutJob, cut_excerpt
from db.sharing.package_bag import write_bag_files
from db.sharing.package_format import (
    PAYLOAD,
    PAYLOAD_EXCERPTS,
    PackageFormatError,
    payload_entries,
)
from db.sharing.package_manifest import file_entry, file_names, manifest_dict
from db.sharing.package_partials import clean_partials, make_work_folder
from db.sharing.package_spec import (
    ExcerptSpec,
    PackageCancelled,
    PackageError,
    PackageSpec,
    Progress,
    check_limits,
    excerpt_label,
    iso_utc,
    mb,
    why,
)

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

_HASH_CHUNK = 1 << 20


# -- hashing --------------------------------------------------------------------------
def _sha256_stream(handle: IO[bytes], stopped: Callable[[], bool] | None = None) -> tuple[str, int]:
    """(SHA-256, size) of what ``handle`` reads; PackageCancelled once ``stopped()``."""
    digest = hashlib.sha256()
    size = 0
    buf = bytearray(_HASH_CHUNK)
    view = memoryview(buf)
    while True:
        if stopped is not None and stopped():
            raise PackageCancelled("cancelled")
        n = handle.readinto(view)  # type: ignore[attr-defined]
        if not n:
            return digest.hexdigest(), size
        digest.update(view[:n])  # (hashlib lets other threads run meanwhile)
        size += n


def _sha256_path(path: Path, stopped: Callable[[], bool] | None = None) -> tuple[str, int]:
    with open(path, "rb", buffering=0) as handle:
        return _sha256_stream(handle, stopped)


# -- building -------------------------------------------------------------------------
def _validate(spec: PackageSpec) -> list[tuple[ExcerptSpec, float, float]]:
    """(excerpt, wanted start, wanted end in seconds from the clip start) per excerpt;
    PackageError for a spec that cannot be built."""
    if not spec.excerpts:
        raise PackageError("no excerpts to share")
    if not isinstance(spec.request, dict) or not spec.request.get("id"):
        raise PackageError("the request has no id")
    out = []
    for ex in spec.excerpts:
        label = excerpt_label(ex)
        for name in ("clip_start_utc", "want_start_utc", "want_end_utc"):
            if getattr(ex, name).tzinfo is None:
                raise PackageError(f"{label}: {name} has no time zone")
        a = (ex.want_start_utc - ex.clip_start_utc).total_seconds()
        b = (ex.want_end_utc - ex.clip_start_utc).total_seconds()
        a, b = max(0.0, a), min(ex.clip_duration_s, b)
        if b - a <= 0.001:
            raise PackageError(f"{label}: the time to share does not overlap the clip")
        out.append((ex, a, b))
    return out


def build_package(
    spec: PackageSpec,
    out: Path,
    *,
    signing_key_pem: bytes,
    key_id: str,
    as_zip: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    verify_sources: bool = True,
) -> Path:
    """Build the package at ``out`` (a folder, or a zip file when ``as_zip``) and
    return it as an absolute path. It is written under a temporary
    ``.doorstep-partial-...`` name beside ``out`` and renamed when complete; on error or
    cancel nothing is left, and partials of builds that were killed are removed first
    (db/sharing/package_partials.py). ``progress``
    gets (done, total, what) with done and total in milliseconds of footage. Sources
    are checked against their SHA-256 first (unless ``verify_sources`` is false).
    Raises PackageError (PackageCancelled when cancelled)."""
    from db.keys import signing

    try:
        out = Path(out).parent.resolve() / Path(out).name
    except OSError as exc:
        raise PackageError(f"{out}: the folder cannot be found ({why(exc)})") from None
    if out.exists() or out.is_symlink():
        raise PackageError(f"{out} already exists; not replacing it")
    if not out.parent.is_dir():
        raise PackageError(f"folder {out.parent} does not exist")
    if not key_id or not key_id.strip():
        raise PackageError("the signing key has no key id")
    try:
        private_key = signing._private_key(signing_key_pem, "the signing key")
    except signing.KeyFileError as exc:
        raise PackageError(str(exc)) from None
    wanted = _validate(spec)
    problems = check_limits(spec)
    if problems:
        raise PackageError("; ".join(problems))

    total_ms = max(1, sum(round((b - a) * 1000) for _, a, b in wanted))
    done_ms = 0

    def report(done: int, what: str) -> None:
        if progress is not None:
            progress(min(done, total_ms), total_ms, what)

    # Sources and excerpts are hashed on a helper thread while the next cut runs
    # (hashlib and PyAV's reading and writing let the other thread run).
    failed = threading.Event()

    def stopped() -> bool:
        return failed.is_set() or (cancel is not None and cancel.is_set())

    cert = _certificate(spec, signing_key_pem, key_id)
    credentials: list[dict[str, Any]] = []
    clean_partials(out.parent)
    try:
        work = make_work_folder(out.parent)
    except OSError as exc:
        raise PackageError(f"cannot write in {out.parent} ({why(exc)})") from None
    hasher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="doorstep-hash")
    zip_tmp: Path | None = None
    try:
        (work / PAYLOAD_EXCERPTS).mkdir(parents=True)
        cuts: list[Cut] = []
        excerpt_hashes: list[Future[tuple[str, int]]] = []
        tmp_files: list[Path] = []
        source_checks: list[Future[tuple[str, int]] | None] = [
            hasher.submit(_sha256_path, ex.source_path, stopped) if verify_sources else None
            for ex, _, _ in wanted
        ]
        for i, (ex, a, b) in enumerate(wanted):
            step = f"{ex.camera}: excerpt {i + 1} of {len(wanted)}"
            report(done_ms, f"{step}: cutting")
            base = done_ms
            dest = work / PAYLOAD_EXCERPTS / f".cut-{i}.mp4"

            def tick(seconds: float, base: int = base, step: str = step) -> None:
                report(base + round(seconds * 1000), f"{step}: cutting")

            job = CutJob(
                ex,
                dest,
                a,
                b,
                spec.keep_audio,
                spec.utc_subtitles,
                tick,
                cancel,
                spec.burn_in_utc,
                redaction=ex.redaction,
            )
            job.check_cancel()
            cuts.append(cut_excerpt(job))
            if spec.content_credentials:
                report(done_ms + round((b - a) * 1000), f"{step}: content credentials")
                credentials.append(_credit(ex, cuts[-1], dest, signing_key_pem, key_id, cert))
            _check_source(ex, source_checks[i])
            tmp_files.append(dest)
            excerpt_hashes.append(hasher.submit(_sha256_path, dest, stopped))
            done_ms += round((b - a) * 1000)
            report(done_ms, f"{step}: done")

        report(done_ms, "writing the manifest")
        starts = [
            ex.clip_start_utc + timedelta(seconds=c.start_s)
            for (ex, _, _), c in zip(wanted, cuts, strict=True)
        ]
        names = file_names([ex for ex, _, _ in wanted], starts)
        files = []
        total_bytes = 0
        for (ex, a, b), cut, tmp, name, hashed in zip(
            wanted, cuts, tmp_files, names, excerpt_hashes, strict=True
        ):
            digest, size = hashed.result()
            os.rename(tmp, work / name)
            total_bytes += size
            if size > spec.limits.max_file_bytes:
                raise PackageError(
                    f"{excerpt_label(ex)}: excerpt is {mb(size)}; the receiver accepts at "
                    f"most {mb(spec.limits.max_file_bytes)} a file"
                )
            files.append(file_entry(ex, a, b, cut, name, digest, size))
            if credentials:
                files[-1]["content_credentials"] = credentials[len(files) - 1]
        if total_bytes > spec.limits.max_total_bytes:
            raise PackageError(
                f"{mb(total_bytes)} in all; the receiver accepts at most "
                f"{mb(spec.limits.max_total_bytes)} a package"
            )
        manifest = manifest_dict(spec, files, key_id, key_fingerprint(private_key.public_key()))
        report(done_ms, "writing the exhibit summary")
        manifest["documents"] = _exhibit_entries(work, manifest, spec.statement)
        manifest_bytes = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
        try:
            write_bag_files(
                work,
                manifest=manifest,
                manifest_bytes=manifest_bytes,
                payload=[(f["name"], f["size"], f["sha256"]) for f in payload_entries(manifest)],
                sign=private_key.sign,
                public_pem=signing._public_pem(private_key.public_key()),
                bagged=datetime.now(UTC).date(),
            )
        except PackageFormatError as exc:
            raise PackageError(str(exc)) from None

        if cancel is not None and cancel.is_set():
            raise PackageCancelled("cancelled")
        if as_zip:
            report(done_ms, "writing the zip file")
            zip_tmp = work.with_name(work.name + ".zip")
            _write_zip(work, zip_tmp, out.stem or "package", stopped)
            os.chmod(zip_tmp, 0o600)  # private, as the folder is (mkdtemp makes it 0700)
            _place(zip_tmp, out, is_dir=False)
            zip_tmp = None
            shutil.rmtree(work, ignore_errors=True)  # (what stays, a later build removes)
        else:
            _place(work, out, is_dir=True)
        report(total_ms, "done")
        return out
    except BaseException as exc:
        failed.set()
        hasher.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(work, ignore_errors=True)
        if zip_tmp is not None:
            zip_tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise PackageError(f"the package cannot be written ({why(exc)})") from None
        raise
    finally:
        hasher.shutdown(wait=True, cancel_futures=True)


def _exhibit_entries(
    work: Path, manifest: dict[str, Any], statement: str | None
) -> list[dict[str, Any]]:
    """Write the exhibit summary (text and PDF) into the payload from the manifest of
    the excerpts, and return the manifest's entries for its files (its "documents"),
    so that they are signed and in the sums like the excerpts."""
    from db.sharing.exhibit import write_exhibit

    entries = []
    for path in write_exhibit(work / PAYLOAD, manifest, statement):
        digest, size = _sha256_path(path)
        name = path.relative_to(work).as_posix()
        entries.append({"name": name, "size": size, "sha256": digest, "role": "exhibit summary"})
    return entries


def key_fingerprint(key: Ed25519PublicKey) -> str:
    """The SHA-256 (hex) of a public key's SubjectPublicKeyInfo (DER): what
    ``openssl pkey -pubin -in public-key.pem -outform DER | sha256sum`` prints."""
    from cryptography.hazmat.primitives import serialization

    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()


def _certificate(spec: PackageSpec, key_pem: bytes, key_id: str) -> bytes | None:
    """The signing key's certificate when the excerpts get content credentials."""
    if not spec.content_credentials:
        return None
    from db.keys.credentials import CredentialError
    from db.sharing import signing_keys
    from db.sharing.content_credentials import CredentialsError

    try:
        return signing_keys.certificate(key_pem, key_id, now=datetime.now(UTC))
    except (CredentialError, CredentialsError) as exc:
        raise PackageError(f"content credentials: {exc}") from None


def _credit(
    ex: ExcerptSpec, cut: Cut, path: Path, key_pem: bytes, key_id: str, cert: bytes | None
) -> dict[str, Any]:
    """Embed C2PA content credentials in the excerpt at ``path`` (before it is hashed,
    so the sums cover the file as delivered); what the manifest says of them."""
    from db.sharing.content_credentials import (
        CredentialsError,
        add_credentials,
        excerpt_actions,
    )

    assert cert is not None
    actions = excerpt_actions(ex, cut)
    signed = path.with_name(path.stem + "-c2pa.mp4")
    start = ex.clip_start_utc + timedelta(seconds=cut.start_s)
    try:
        add_credentials(
            path,
            signed,
            actions=actions,
            key=key_pem,
            cert_chain_pem=cert,
            title=f"{ex.camera}, {iso_utc(start)}",
            original={
                "title": f"original recording ({ex.camera})",
                "sha256": ex.source_sha256.lower(),
            },
        )
    except CredentialsError as exc:
        raise PackageError(f"{excerpt_label(ex)}: {exc}") from None
    os.replace(signed, path)
    return {
        "format": "C2PA",
        "signer": f"the resident's key {key_id}, in a certificate the resident issued",
        "actions": [a["action"] for a in actions],
    }


def _check_source(ex: ExcerptSpec, check: Future[tuple[str, int]] | None) -> None:
    """Wait for a source's hash and refuse a source that changed since its import."""
    if check is None:
        return
    label = excerpt_label(ex)
    try:
        digest, _ = check.result()
    except FileNotFoundError:
        raise PackageError(f"{label}: source file missing: {ex.source_path}") from None
    except OSError as exc:
        raise PackageError(f"{label}: source cannot be read ({why(exc)})") from None
    if digest != ex.source_sha256.lower():
        raise PackageError(
            f"{label}: the source file has changed since it was imported "
            f"(SHA-256 differs): {ex.source_path}"
        )


def _place(tmp: Path, out: Path, *, is_dir: bool) -> None:
    """Rename the finished package into place, never over something that exists."""
    if is_dir:
        if out.exists() or out.is_symlink():
            raise PackageError(f"{out} already exists; not replacing it")
        os.rename(tmp, out)
        return
    try:
        os.link(tmp, out)  # fails if out exists: no window for a race
    except FileExistsError:
        raise PackageError(f"{out} already exists; not replacing it") from None
    except OSError:
        if out.exists():
            raise PackageError(f"{out} already exists; not replacing it") from None
        os.rename(tmp, out)  # a file system without hard links
        return
    tmp.unlink()


def _write_zip(folder: Path, dest: Path, top: str, stopped: Callable[[], bool]) -> None:
    """The package folder as a zip whose entries sit in one folder named ``top``;
    videos stored (already compressed), text deflated."""
    with zipfile.ZipFile(dest, "w", allowZip64=True) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_dir():
                continue
            if stopped():
                raise PackageCancelled("cancelled")
            rel = path.relative_to(folder).as_posix()
            stored = rel.startswith(PAYLOAD_EXCERPTS)
            method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            zf.write(path, f"{top}/{rel}", compress_type=method)
