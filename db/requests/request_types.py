"""Plain types shared by the request parser, the rules, matching and storage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

REQUEST_FORMAT = "doorstep.request/1"
FEED_FORMAT = "doorstep.feed/1"
MAX_DOCUMENT_BYTES = 1_000_000  # a request document larger than this is refused unread

THIRD_PARTY_VALUES = ("none", "prosecution", "other_agencies", "unrestricted")


class RequestError(ValueError):
    """A refused document. ``field`` is a JSON path such as ``window.end`` (``""`` for
    the document as a whole) and ``problem`` says what is wrong, in words."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}" if field else problem)
        self.field = field
        self.problem = problem

    def __reduce__(self) -> tuple[type[RequestError], tuple[str, str]]:
        # Pickled with its two arguments (it crosses to and from the feed checker's
        # process); the default would call RequestError(message) and fail.
        return (type(self), (self.field, self.problem))


@dataclass(frozen=True)
class Area:
    """A request area: a GeoJSON polygon (rings of (lon, lat), first ring the outline,
    the rest holes; each ring closed, i.e. its last point equals its first) or a circle
    (centre (lon, lat) and radius in metres)."""

    kind: Literal["polygon", "circle"]
    rings: tuple[tuple[tuple[float, float], ...], ...] = ()
    center: tuple[float, float] | None = None
    radius_m: float | None = None

    @staticmethod
    def from_geojson(data: dict[str, Any]) -> Area:
        """The inverse of ``to_geojson`` (for areas Doorstep stored itself)."""
        if data["type"] == "Point":
            lon, lat = data["coordinates"][:2]
            return Area("circle", center=(float(lon), float(lat)), radius_m=float(data["radius_m"]))
        rings = tuple(
            tuple((float(p[0]), float(p[1])) for p in ring) for ring in data["coordinates"]
        )
        return Area("polygon", rings=rings)

    def to_geojson(self) -> dict[str, Any]:
        if self.kind == "circle":
            assert self.center is not None
            return {"type": "Point", "coordinates": list(self.center), "radius_m": self.radius_m}
        return {"type": "Polygon", "coordinates": [[list(p) for p in r] for r in self.rings]}


@dataclass(frozen=True)
class RequestDoc:
    """A request document that parsed and validated. ``raw`` are the bytes exactly as
    received; ``data`` is the parsed JSON object. Times are timezone-aware (UTC)."""

    raw: bytes
    sha256: str
    data: dict[str, Any]
    id: str
    agency_id: str
    agency_name: str
    agency_jurisdiction: str | None
    window_start: datetime
    window_end: datetime
    area: Area
    issued_at: datetime
    expires_at: datetime
    case_number: str | None = None
    incident: str | None = None
    description: str | None = None
    contact: dict[str, Any] | None = None
    retention_days: int | None = None
    third_party_sharing: str | None = None  # one of THIRD_PARTY_VALUES, None = not stated
    delivery: dict[str, Any] | None = None
    signature: dict[str, Any] | None = None


SignatureOutcome = Literal["verified", "unsigned", "unknown_key", "bad_signature"]


@dataclass(frozen=True)
class SignatureCheck:
    outcome: SignatureOutcome
    detail: str  # in words, e.g. "signed by key ex-pd-2026 of Example Police Department"
    # How the resident received a request they entered themselves (db.requests.manual):
    # such a request has no signature to check, and the signature rule says so.
    entered_via: str | None = None


Outcome = Literal["ok", "warn", "block"]


@dataclass(frozen=True)
class RuleResult:
    rule: str  # a stable name, e.g. "case_number", "footage_age", "area"
    outcome: Outcome
    reason: str  # a sentence for the resident

    def to_json(self) -> dict[str, str]:
        return {"rule": self.rule, "outcome": self.outcome, "reason": self.reason}


@dataclass(frozen=True)
class RuleSettings:
    """The resident's rules (docs/rules.md, "Settings"), with their defaults."""

    max_footage_age_days: float = 45
    min_area_sq_mi: float = 0.025
    max_area_sq_mi: float = 0.5
    min_window_minutes: float = 15
    max_window_hours: float = 12
    max_retention_days: int = 365
    require_case_number: bool = True
    require_contact: bool = True
    auto_decline_blocked: bool = False
    match_view_cones: bool = False
    # Sharing: seconds kept before and after the window in each excerpt, and what the
    # receiving evidence service accepts (checked before a package is built).
    share_margin_s: float = 0.0
    receiver_max_files: int = 16
    receiver_max_file_bytes: int = 2_000_000_000
    receiver_max_total_bytes: int = 10_000_000_000
