"""A redaction plan: everything hidden in one excerpt, where and when (docs/redaction.md).

The plan is the one currency between the detector, the tracker, the review window, the
renderer and the manifest. Times are seconds from the clip's start (the same offsets as
an excerpt's cut); boxes and mask points are in pixels of the clip's picture (its coded
size, rounded down to even numbers as the excerpt is). Between two keys of a track its
box is interpolated; before its first key and after its last it hides nothing."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from db.words.i18n import _

PLAN_FORMAT = "doorstep.redaction/1"
STYLES = ("pixelate", "fill")
TrackKind = Literal["face", "box"]


class PlanError(ValueError):
    """A stored or supplied plan that cannot be used; the message names what is wrong."""


@dataclass(frozen=True)
class Box:
    """An upright rectangle in picture pixels."""

    x: int
    y: int
    w: int
    h: int

    def to_json(self) -> list[int]:
        return [self.x, self.y, self.w, self.h]

    @classmethod
    def from_json(cls, data: Any) -> Box:
        if not (isinstance(data, list) and len(data) == 4):
            raise PlanError(_("a box is [x, y, width, height], not {data}").format(data=repr(data)))
        x, y, w, h = (int(v) for v in data)
        if w <= 0 or h <= 0:
            raise PlanError(
                _("a box needs a positive width and height, not {data}").format(data=repr(data))
            )
        return cls(x, y, w, h)


@dataclass
class Track:
    """One thing hidden over a stretch of time: a face the detector followed, or a box
    the resident drew that the tracker followed (``corrected``: the key times the
    resident set by hand). ``off``: time ranges in which the resident turned it off;
    ``enabled`` False turns it off everywhere."""

    id: str
    kind: TrackKind
    keys: list[tuple[float, Box]]
    source: str  # e.g. "CenterFace (onnxruntime 1.32.0)", "drawn, followed by OpenCV MIL"
    enabled: bool = True
    off: list[tuple[float, float]] = field(default_factory=list)
    corrected: list[float] = field(default_factory=list)

    def box_at(self, t: float) -> Box | None:
        """The box hiding this track at ``t`` (interpolated between keys), or None."""
        if not self.enabled or not self.keys:
            return None
        if any(a <= t <= b for a, b in self.off):
            return None
        first, last = self.keys[0][0], self.keys[-1][0]
        if t < first or t > last:
            return None
        for (ta, a), (tb, b) in zip(self.keys, self.keys[1:], strict=False):
            if ta <= t <= tb:
                if tb <= ta:
                    return b
                k = (t - ta) / (tb - ta)
                return Box(
                    round(a.x + (b.x - a.x) * k),
                    round(a.y + (b.y - a.y) * k),
                    round(a.w + (b.w - a.w) * k),
                    round(a.h + (b.h - a.h) * k),
                )
        return self.keys[-1][1]

    def span(self) -> tuple[float, float] | None:
        return (self.keys[0][0], self.keys[-1][0]) if self.keys else None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "source": self.source,
            "enabled": self.enabled,
            "keys": [[round(t, 4), b.to_json()] for t, b in self.keys],
            "off": [[round(a, 4), round(b, 4)] for a, b in self.off],
            "corrected": [round(t, 4) for t in self.corrected],
        }

    @classmethod
    def from_json(cls, data: Any) -> Track:
        if not isinstance(data, dict):
            raise PlanError(_("a track is an object"))
        kind = data.get("kind")
        if kind not in ("face", "box"):
            why = _("a track's kind is 'face' or 'box', not {kind}")
            raise PlanError(why.format(kind=repr(kind)))
        keys = sorted((float(t), Box.from_json(b)) for t, b in data.get("keys") or [])
        return cls(
            id=str(data.get("id") or ""),
            kind=kind,
            keys=keys,
            source=str(data.get("source") or ""),
            enabled=bool(data.get("enabled", True)),
            off=[(float(a), float(b)) for a, b in data.get("off") or []],
            corrected=[float(t) for t in data.get("corrected") or []],
        )


@dataclass(frozen=True)
class Mask:
    """A camera's privacy mask: a polygon hidden in every excerpt of that camera."""

    mask_id: int
    name: str
    points: tuple[tuple[int, int], ...]  # picture pixels, at least three
    # The picture the points refer to (db.redaction.masks.scaled fits them to another);
    # 0: the plan's own picture.
    width: int = 0
    height: int = 0

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.mask_id,
            "name": self.name,
            "points": [list(p) for p in self.points],
        }
        if self.width and self.height:
            data["width"], data["height"] = self.width, self.height
        return data

    @classmethod
    def from_json(cls, data: Any) -> Mask:
        if not isinstance(data, dict):
            raise PlanError(_("a mask is an object"))
        points = tuple((int(x), int(y)) for x, y in data.get("points") or [])
        if len(points) < 3:
            raise PlanError(
                _("mask {name} needs at least three points").format(name=repr(data.get("name")))
            )
        return cls(
            int(data.get("id") or 0),
            str(data.get("name") or ""),
            points,
            int(data.get("width") or 0),
            int(data.get("height") or 0),
        )


@dataclass
class RedactionPlan:
    """What is hidden in one excerpt of one clip, in one style."""

    clip_id: int
    start_s: float  # the excerpt's part of the clip, seconds from the clip start
    end_s: float
    width: int  # the picture the pixels refer to
    height: int
    masks: list[Mask] = field(default_factory=list)
    tracks: list[Track] = field(default_factory=list)
    style: str = "pixelate"
    # The face detector that proposed the face tracks: name, version, model SHA-256,
    # and how often it ran (every_n_frames); None when faces were not looked for.
    detector: dict[str, Any] | None = None

    def boxes_at(self, t: float) -> list[Box]:
        """Every track box that hides something at ``t`` (masks are separate)."""
        return [b for tr in self.tracks if (b := tr.box_at(t)) is not None]

    def empty(self) -> bool:
        return not self.masks and not any(tr.enabled and tr.keys for tr in self.tracks)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": PLAN_FORMAT,
            "clip_id": self.clip_id,
            "start_s": round(self.start_s, 4),
            "end_s": round(self.end_s, 4),
            "width": self.width,
            "height": self.height,
            "style": self.style,
            "detector": self.detector,
            "masks": [m.to_json() for m in self.masks],
            "tracks": [t.to_json() for t in self.tracks],
        }

    @classmethod
    def from_json(cls, data: Any) -> RedactionPlan:
        if not isinstance(data, dict) or data.get("format") != PLAN_FORMAT:
            raise PlanError(_("not a redaction plan (format {format})").format(format=PLAN_FORMAT))
        style = str(data.get("style") or "pixelate")
        if style not in STYLES:
            raise PlanError(
                _("redaction style is one of {styles}, not {style}").format(
                    styles=", ".join(STYLES), style=repr(style)
                )
            )
        try:
            return cls(
                clip_id=int(data["clip_id"]),
                start_s=float(data["start_s"]),
                end_s=float(data["end_s"]),
                width=int(data["width"]),
                height=int(data["height"]),
                masks=[Mask.from_json(m) for m in data.get("masks") or []],
                tracks=[Track.from_json(t) for t in data.get("tracks") or []],
                style=style,
                detector=data.get("detector"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, PlanError):
                raise
            raise PlanError(
                _("redaction plan: missing or wrong field ({why})").format(why=exc)
            ) from None

    def canonical(self) -> bytes:
        return json.dumps(self.to_json(), sort_keys=True, separators=(",", ":")).encode()

    def digest(self) -> str:
        """SHA-256 of the canonical JSON: names exactly what was accepted."""
        return hashlib.sha256(self.canonical()).hexdigest()
