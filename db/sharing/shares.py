"""From decisions to a share package and its delivery: which parts of which clips go,
under which request, and the record of what was built and delivered.

The work is split by thread: ``prepare`` and the ``record_*`` functions run on the
database thread; ``db.sharing.packaging.build_package`` and
``db.sharing.delivery.deliver`` (video and network) run on worker threads in between.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from db.audit import trail as audit
from db.clips.clock import manifest_clock
from db.holds.evidence_store import EvidenceStore
from db.holds.sources import SourceUnavailable, source_for
from db.requests.intake import load_rule_settings
from db.requests.request_doc import parse_request
from db.sharing.decisions import blocking_reasons, decisions_for
from db.sharing.excerpt_redaction import RedactionError, redact_excerpt
from db.sharing.package_spec import ExcerptSpec, PackageSpec, ReceiverLimits, check_limits
from db.store import paths
from db.store.timeutil import parse_utc_text, to_utc_text
from db.words.i18n import _

_HASH = re.compile(r"[0-9a-f]{64}")


class SharingError(ValueError):
    """Nothing can be built or sent, and why, in words."""


@dataclass(frozen=True)
class Prepared:
    row_id: int
    request_id: str
    spec: PackageSpec
    delivery: dict[str, Any] | None


def prepare(
    db: Database,
    row_id: int,
    *,
    now: datetime,
    keep_audio: bool = False,
    utc_subtitles: bool = False,
    audit_head: tuple[int, str] | None = None,
    burn_in_utc: bool = False,
    redact: frozenset[str] = frozenset({"masks"}),
    accepted_by: str | None = None,
    progress: Callable[[str, float], None] | None = None,
    cancel: threading.Event | None = None,
    store: EvidenceStore | None = None,
) -> Prepared:
    """What a package for this request would hold: the approved clips, each cut to the
    window (plus the resident's margin), each with its redaction plan
    (db.sharing.excerpt_redaction: ``redact`` is what to hide, "faces" and "masks"; an
    empty set hides nothing; a plan made here is saved and accepted by ``accepted_by``,
    "window" or "command line", and only attached when it is None). Refused
    when a rule blocks the request (expiry included), when nothing is approved, when a
    plan cannot be made, or when the receiver's limits would be exceeded. Runs on the
    database thread; finding faces takes as long as decoding the excerpts, with
    ``progress(clip label, share done)`` and ``cancel``. Each excerpt is cut from the
    clip's source file, or from its held copy in ``store`` (default: the data folder's
    evidence store) when the source is gone or changed (db.holds.sources.source_for);
    a clip with neither is refused, named."""
    blocked = blocking_reasons(db, row_id, now)
    if blocked:
        raise SharingError(_("nothing can be shared for this request: ") + " ".join(blocked))
    raw = db.execute("SELECT raw FROM requests WHERE id = ?", [row_id]).fetchone()
    doc = parse_request(bytes(raw[0]))
    approved = [cid for cid, d in decisions_for(db, row_id).items() if d.state == "approved"]
    if not approved:
        raise SharingError(_("no clip of this request is approved: nothing to share"))
    settings = load_rule_settings(db)
    margin = timedelta(seconds=settings.share_margin_s)
    marks = ",".join("?" * len(approved))
    rows = db.execute(
        "SELECT clips.id, clips.path, clips.sha256, cameras.name, cameras.lat, cameras.lon, "
        "clips.start_utc, clips.duration_s, cameras.id, clips.width, clips.height, "
        "cameras.tz, clips.start_source "
        "FROM clips JOIN cameras ON cameras.id = "
        f"clips.camera_id WHERE clips.id IN ({marks}) ORDER BY clips.start_utc, clips.id",
        approved,
    ).fetchall()
    if store is None:
        store = EvidenceStore(paths.evidence_dir())
    excerpts = []
    clocks: dict[int, dict[str, Any]] = {}
    pictures: list[tuple[int, int, int]] = []  # camera, width, height of each excerpt
    for cid, _path, sha, camera, lat, lon, start_text, duration, camera_id, w, h, tz, how in rows:
        start = parse_utc_text(start_text)
        end = start + timedelta(seconds=float(duration))
        want_start = max(start, doc.window_start - margin)
        want_end = min(end, doc.window_end + margin)
        if want_end <= want_start:
            continue  # the clip no longer overlaps (e.g. the margin setting changed)
        if camera_id not in clocks:
            clocks[camera_id] = manifest_clock(db, camera_id)
        try:
            source = source_for(db, store, int(cid), now)
        except SourceUnavailable as exc:
            raise SharingError(str(exc)) from None
        excerpts.append(
            ExcerptSpec(
                clip_id=int(cid),
                source_path=source,
                source_sha256=str(sha),
                camera=str(camera),
                camera_lat=float(lat),
                camera_lon=float(lon),
                clip_start_utc=start,
                clip_duration_s=float(duration),
                want_start_utc=want_start,
                want_end_utc=want_end,
                camera_clock=clocks[camera_id],
                camera_tz=str(tz) if tz else None,
                time_source=str(how) if how else None,
            )
        )
        pictures.append((int(camera_id), int(w), int(h)))
    if not excerpts:
        raise SharingError(_("none of the approved clips overlaps the request's window"))
    excerpts = _with_plans(db, row_id, excerpts, pictures, redact, accepted_by, progress, cancel)
    request = {
        "id": doc.id,
        "agency": {"id": doc.agency_id, "name": doc.agency_name},
        "case_number": doc.case_number,
        "incident": doc.incident,
        "retention_days": doc.retention_days,
        "third_party_sharing": doc.third_party_sharing,
        "window": {"start": to_utc_text(doc.window_start), "end": to_utc_text(doc.window_end)},
    }
    seq, digest = audit.head(db) if audit_head is None else audit_head
    spec = PackageSpec(
        request=request,
        excerpts=excerpts,
        keep_audio=keep_audio,
        utc_subtitles=utc_subtitles,
        burn_in_utc=burn_in_utc,
        audit_head=digest,
        audit_seq=seq,
        limits=ReceiverLimits(
            max_files=settings.receiver_max_files,
            max_file_bytes=settings.receiver_max_file_bytes,
            max_total_bytes=settings.receiver_max_total_bytes,
        ),
    )
    problems = check_limits(spec)
    if problems:
        raise SharingError("the receiver would not accept this package: " + "; ".join(problems))
    return Prepared(row_id, doc.id, spec, doc.delivery)


def _with_plans(
    db: Database,
    row_id: int,
    excerpts: list[ExcerptSpec],
    pictures: list[tuple[int, int, int]],
    redact: frozenset[str],
    accepted_by: str | None,
    progress: Callable[[str, float], None] | None,
    cancel: threading.Event | None,
) -> list[ExcerptSpec]:
    """Each excerpt with its redaction plan (before the audit head is read, so that the
    package's anchor covers the acceptances)."""
    out: list[ExcerptSpec] = []
    for ex, (camera_id, width, height) in zip(excerpts, pictures, strict=True):
        step = f"{ex.camera}: finding faces in excerpt {len(out) + 1} of {len(excerpts)}"

        def tick(share: float, step: str = step) -> None:
            if progress is not None:
                progress(step, share)

        try:
            out.append(
                redact_excerpt(
                    db,
                    row_id,
                    ex,
                    camera_id=camera_id,
                    width=width,
                    height=height,
                    redact=redact,
                    accepted_by=accepted_by,
                    progress=tick,
                    cancel=cancel,
                )
            )
        except RedactionError as exc:
            raise SharingError(str(exc)) from None
    return out


def _manifest(path: Path) -> bytes:
    """A package's manifest.json (folder or zip); SharingError when it cannot be read."""
    from db.sharing.package_format import read_manifest

    data = read_manifest(path)
    if data is None:
        raise SharingError(f"{path}: no readable manifest.json")
    return data


def package_facts(path: Path) -> tuple[str, int, int]:
    """(manifest SHA-256, files, bytes) of a built package folder or zip."""
    manifest = _manifest(path)
    files = json.loads(manifest).get("files", [])
    return (
        hashlib.sha256(manifest).hexdigest(),
        len(files),
        sum(int(f.get("size", 0)) for f in files),
    )


def record_package(db: Database, row_id: int, path: Path, *, now: datetime) -> int:
    """Remember a built package and the audit head its manifest carries (an anchor),
    with its audit entry, in one transaction (database thread)."""
    path = Path(path).resolve()  # a path relative to the working folder means nothing later
    digest, files, size = package_facts(path)
    head = package_audit_head(path)
    row = db.execute("SELECT request_id, agency_id FROM requests WHERE id = ?", [row_id]).fetchone()
    with db.atomic():
        cur = db.execute(
            "INSERT INTO packages (request_row, path, manifest_sha256, files, bytes, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [row_id, str(path), digest, files, size, to_utc_text(now)],
        )
        if head is not None:
            db.execute(
                "INSERT INTO audit_anchors (seq, hash, at, reason) VALUES (?, ?, ?, ?)",
                [head[0], head[1], to_utc_text(now), f"package {digest[:16]}"],
            )
        audit.append(
            db,
            "package built",
            now=now,
            request_id=row[0],
            agency_id=row[1],
            details={
                "manifest_sha256": digest,
                "files": files,
                "bytes": size,
                "path": str(path),
                "audit_head": head[1] if head else None,
                "audit_seq": head[0] if head else None,
            },
        )
    return int(cur.lastrowid or 0)


def package_audit_head(path: Path) -> tuple[int, str] | None:
    """(entry number, hash) of the audit head a package's manifest carries: the
    ``audit_seq`` and ``audit_head`` keys, or the "SEQ:HASH" in ``audit_head`` alone
    that packages made before ``audit_seq`` hold. None when it carries none."""
    manifest = json.loads(_manifest(path))
    head = manifest.get("audit_head") if isinstance(manifest, dict) else None
    if not isinstance(head, str):
        return None
    seq: Any = manifest.get("audit_seq")
    if seq is None and head.count(":") == 1:
        seq, head = head.split(":")
        seq = int(seq) if seq.isdigit() else None
    if isinstance(seq, bool) or not isinstance(seq, int) or not _HASH.fullmatch(head):
        return None
    return seq, head


def delivery_url(prepared_delivery: dict[str, Any] | None) -> str:
    if prepared_delivery and prepared_delivery.get("method") == "portal":
        raise SharingError(
            _(
                "this request asks for the package through the agency's portal "
                "(%(url)s): export the package and upload it there"
            )
            % {"url": prepared_delivery.get("url")}
        )
    if not prepared_delivery or prepared_delivery.get("method") != "upload":
        raise SharingError(
            _("this request asks for hand delivery: export the package and hand it over")
        )
    url = prepared_delivery.get("url")
    if not isinstance(url, str) or not url.startswith("https://"):
        raise SharingError(_("the request names no https:// address to deliver to"))
    return url


def record_delivery(
    db: Database,
    package_id: int,
    url: str,
    server_package_id: str,
    confirmed_files: int,
    bytes_sent: int,
    *,
    now: datetime,
) -> bool:
    """Record a confirmed delivery once; False when it was recorded already (a delivery
    repeated after an interruption is not recorded twice). Database thread."""
    with db.atomic():
        cur = db.execute(
            "INSERT INTO deliveries (package_id, url, server_package_id, confirmed_files, "
            "bytes_sent, delivered_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (package_id) "
            "DO NOTHING",
            [package_id, url, server_package_id, confirmed_files, bytes_sent, to_utc_text(now)],
        )
        if cur.rowcount == 1:
            row = db.execute(
                "SELECT r.request_id, r.agency_id, p.manifest_sha256 FROM packages p "
                "JOIN requests r ON r.id = p.request_row WHERE p.id = ?",
                [package_id],
            ).fetchone()
            audit.append(
                db,
                "package delivered",
                now=now,
                request_id=row[0],
                agency_id=row[1],
                details={
                    "url": url,
                    "server_package_id": server_package_id,
                    "confirmed_files": confirmed_files,
                    "bytes_sent": bytes_sent,
                    "manifest_sha256": row[2],
                },
            )
    return cur.rowcount == 1
