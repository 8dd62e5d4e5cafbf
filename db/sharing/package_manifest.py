"""The manifest of a share package (docs/packages.md, "manifest.json"): the request,
the terms and, per file, where it came from; and the excerpts' file names."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from db.clips.clip_time import source_words
from db.sharing.excerpt_cut import Cut, redaction_words
from db.sharing.package_format import (
    BAG_SUMS,
    BAG_SUMS_SIGNATURE,
    PACKAGE_FORMAT,
    PACKAGE_FORMAT_VERSION,
    PAYLOAD_EXCERPTS,
    PUBLIC_KEY,
    SIGNATURE,
)
from db.sharing.package_spec import ExcerptSpec, PackageSpec, iso_utc
from db.sharing.redaction_manifest import redaction_entry
from db.sharing.statement import clean_statement
from db.words.i18n import english


# -- times and names ------------------------------------------------------------------
def _compact(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _english_source_words(source: str) -> str:
    """A manifest is a record: where a start came from says the same on every computer,
    whatever language the window that built the package speaks."""
    with english():
        return source_words(source)


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:40].strip("-") or "camera"


def _jsonable(value: Any) -> Any:
    """Request values as JSON: datetimes become UTC ISO strings, paths strings."""
    if isinstance(value, datetime):
        return iso_utc(value) if value.tzinfo else value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def app_version() -> str:
    """The installed Doorstep version, or "unknown" in a bare source tree."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("doorstep")
    except PackageNotFoundError:
        return "unknown"


def file_names(excerpts: list[ExcerptSpec], starts: list[datetime]) -> list[str]:
    """data/excerpts/<camera>-<start>.mp4, numbered when two would be the same."""
    names: list[str] = []
    seen: set[str] = set()
    for ex, start in zip(excerpts, starts, strict=True):
        base = f"{_slug(ex.camera)}-{_compact(start)}"
        name, n = base, 1
        while name in seen:
            n += 1
            name = f"{base}-{n}"
        seen.add(name)
        names.append(f"{PAYLOAD_EXCERPTS}/{name}.mp4")
    return names


def file_entry(
    ex: ExcerptSpec,
    want_a: float,
    want_b: float,
    cut: Cut,
    name: str,
    digest: str,
    size: int,
) -> dict[str, Any]:
    start = ex.clip_start_utc + timedelta(seconds=cut.start_s)
    end = ex.clip_start_utc + timedelta(seconds=cut.end_s)
    redacted = []
    if cut.audio == "removed":
        redacted.append("audio removed")
    redacted.append("identifying tags stripped")
    if cut.signing_kept:
        redacted.append("embedded encoder and user data removed, but for ONVIF Media Signing")
    else:
        redacted.append("embedded encoder and user data removed")
    clock: dict[str, Any] = {}
    if ex.camera_tz is not None:
        clock["camera_time_zone"] = ex.camera_tz
    if ex.time_source is not None:
        clock["time_source"] = {
            "start_source": ex.time_source,
            "words": _english_source_words(ex.time_source),
        }
    if ex.camera_clock is not None:
        clock["camera_clock"] = ex.camera_clock
    redaction = redaction_entry(ex, cut)
    if cut.redacted and ex.redaction is not None:
        redacted.append(f"pictures redacted: {redaction_words(ex.redaction)}")
    return {
        "name": name,
        "size": size,
        "sha256": digest,
        "camera": ex.camera,
        "camera_location": {"lat": ex.camera_lat, "lon": ex.camera_lon},
        **clock,
        "start_utc": iso_utc(start),
        "end_utc": iso_utc(end),
        "duration_s": round(cut.end_s - cut.start_s, 3),
        "requested": {
            "start_utc": iso_utc(ex.clip_start_utc + timedelta(seconds=want_a)),
            "end_utc": iso_utc(ex.clip_start_utc + timedelta(seconds=want_b)),
        },
        "source": {
            "sha256": ex.source_sha256.lower(),
            "clip_start_utc": iso_utc(ex.clip_start_utc),
            "clip_duration_s": round(ex.clip_duration_s, 3),
        },
        "trim": {"start_s": round(cut.start_s, 3), "end_s": round(cut.end_s, 3)},
        # false only when the source holds less than asked for (a truncated file)
        "covers_request": cut.start_s <= want_a + 1e-3 and cut.end_s >= want_b - 1e-3,
        "redacted": redacted,
        "audio": cut.audio,
        "re_encoded": cut.re_encoded,
        "method": "re-encoded (H.264)" if cut.re_encoded else "stream copy",
        "re_encode_reason": cut.reason,
        "utc_subtitles": cut.subtitles,
        "utc_burned_in": cut.burned_in_utc,
        "media_signing": {"in_source": cut.signing_in_source, "kept": cut.signing_kept},
        "redaction": redaction,
    }


def manifest_dict(
    spec: PackageSpec,
    files: list[dict[str, Any]],
    key_id: str,
    public_key_sha256: str | None = None,
) -> dict[str, Any]:
    """``public_key_sha256``: the signer's fingerprint, the SHA-256 (hex) of its public
    key's SubjectPublicKeyInfo (DER), as the exhibit summary prints it."""
    req = spec.request
    signer = {"key_id": key_id, "algorithm": "Ed25519", "public_key": PUBLIC_KEY}
    if public_key_sha256 is not None:
        signer["public_key_sha256"] = public_key_sha256
    return {
        "format": PACKAGE_FORMAT,
        "format_version": PACKAGE_FORMAT_VERSION,
        "created_at": iso_utc(datetime.now(UTC)),
        "app": {"name": "Doorstep", "version": app_version()},
        "request": _jsonable(
            {
                "id": req.get("id"),
                "agency": req.get("agency"),
                "case_number": req.get("case_number"),
                "incident": req.get("incident"),
                "window": req.get("window"),
            }
        ),
        "terms": _jsonable(
            {
                "retention_days": req.get("retention_days"),
                "third_party_sharing": req.get("third_party_sharing"),
            }
        ),
        "audit_head": spec.audit_head,
        "audit_seq": spec.audit_seq,
        "signer": signer,
        "signature_file": SIGNATURE,
        "sums_file": BAG_SUMS,
        "sums_signature_file": BAG_SUMS_SIGNATURE,
        "statement": clean_statement(spec.statement),
        "files": files,
    }
