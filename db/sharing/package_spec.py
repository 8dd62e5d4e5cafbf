"""What a share package is asked to hold (the request, the excerpts, the receiver's
limits) and the size check made before building (docs/packages.md). No PyAV, no
database, no Qt."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from db.redaction.plan import RedactionPlan

# Size estimates (check_limits) allow this much more than the source's share.
ESTIMATE_HEADROOM = 1.1
ESTIMATE_SLACK_BYTES = 1_000_000


@dataclass(frozen=True)
class ReceiverLimits:
    """What the receiving evidence service accepts in one package."""

    max_files: int = 16
    max_file_bytes: int = 2_000_000_000
    max_total_bytes: int = 10_000_000_000


@dataclass(frozen=True)
class ExcerptSpec:
    """One clip to share, and the part of it to cut (times are aware datetimes)."""

    clip_id: int
    source_path: Path
    source_sha256: str  # the original ("master copy"), from the database
    camera: str
    camera_lat: float
    camera_lon: float
    clip_start_utc: datetime  # the clip's true start (clock offset already applied)
    clip_duration_s: float
    want_start_utc: datetime  # the part to share: request window (plus margin) ∩ clip
    want_end_utc: datetime
    # The camera's clock for the manifest: the offset taken off the clip's times, how
    # and when it was measured (db.clips.clock.manifest_clock); None leaves it out.
    camera_clock: dict[str, Any] | None = None
    # What is hidden in the excerpt's pictures (docs/redaction.md); None or a plan that
    # hides nothing leaves the pictures as the camera recorded them. The plan is the one
    # the resident accepted: ``redaction_accepted`` says by what ("window" or "command
    # line") and when (UTC text), for the manifest.
    redaction: RedactionPlan | None = field(default=None, compare=False)
    redaction_accepted: tuple[str, str] | None = None
    # The camera's time zone (IANA name) and where the clip's start time came from
    # (the clips table's start_source), for the manifest and the exhibit summary's
    # local times; None leaves them out.
    camera_tz: str | None = None
    time_source: str | None = None


@dataclass(frozen=True)
class PackageSpec:
    """Everything a package holds apart from the signing key."""

    request: dict[str, Any]
    excerpts: list[ExcerptSpec]
    keep_audio: bool = False
    utc_subtitles: bool = False
    audit_head: str | None = None  # the hash of the resident's audit chain head ...
    limits: ReceiverLimits = field(default_factory=ReceiverLimits)
    audit_seq: int | None = None  # ... and the number of that entry
    burn_in_utc: bool = False  # the UTC time drawn into the pictures (re-encodes)
    statement: str | None = None  # the resident's own words: signed in the manifest
    content_credentials: bool = False  # C2PA credentials in each excerpt


class PackageError(Exception):
    """A package that cannot be built; the message names the problem in one line."""


class PackageCancelled(PackageError):
    """The resident cancelled the build; nothing was left behind."""


Progress = Callable[[int, int, str], None]


# -- limits ---------------------------------------------------------------------------
def mb(n: float) -> str:
    if n >= 1_000_000_000:
        return f"{n / 1_000_000_000:.1f} GB"
    return f"{n / 1_000_000:.0f} MB"


def excerpt_label(ex: ExcerptSpec) -> str:
    return f"clip {ex.clip_id} ({ex.camera}, {iso_utc(ex.clip_start_utc)})"


def estimate_bytes(ex: ExcerptSpec) -> int:
    """An upper estimate of an excerpt's size: the source's size times the share of
    its duration asked for, with headroom (for the lead to the key frame). Raises
    OSError when the source cannot be read."""
    size = os.stat(ex.source_path).st_size
    wanted = max(0.0, (ex.want_end_utc - ex.want_start_utc).total_seconds())
    share = min(1.0, wanted / ex.clip_duration_s) if ex.clip_duration_s > 0 else 1.0
    return min(size, int(size * share * ESTIMATE_HEADROOM)) + ESTIMATE_SLACK_BYTES


def check_limits(spec: PackageSpec) -> list[str]:
    """What would break the receiver's limits, in words; checked before building.
    Sizes are estimates (``estimate_bytes``). An empty list means the package fits."""
    limits = spec.limits
    problems: list[str] = []
    n = len(spec.excerpts)
    if n > limits.max_files:
        problems.append(f"{n} excerpts; the receiver accepts at most {limits.max_files} a package")
    total = 0
    for ex in spec.excerpts:
        if not ex.source_path.exists():
            problems.append(f"{excerpt_label(ex)}: source file missing: {ex.source_path}")
            continue
        if not ex.source_path.is_file():
            problems.append(f"{excerpt_label(ex)}: source is not a file: {ex.source_path}")
            continue
        try:
            size = estimate_bytes(ex)
        except OSError as exc:
            problems.append(f"{excerpt_label(ex)}: source file cannot be read ({why(exc)})")
            continue
        total += size
        if size > limits.max_file_bytes:
            problems.append(
                f"{excerpt_label(ex)}: excerpt of about {mb(size)}; the receiver accepts "
                f"at most {mb(limits.max_file_bytes)} a file"
            )
    if total > limits.max_total_bytes:
        problems.append(
            f"about {mb(total)} in all; the receiver accepts at most "
            f"{mb(limits.max_total_bytes)} a package"
        )
    return problems


def why(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return str(text).strip().rstrip(".") or type(exc).__name__


def iso_utc(moment: datetime) -> str:
    """UTC, millisecond precision, with a Z: 2026-11-01T06:00:10.000Z."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
