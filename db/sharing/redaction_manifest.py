"""The ``redaction`` object of an excerpt in a package's manifest (docs/packages.md and
docs/redaction.md, "What the manifest says"): that the excerpt is a redacted working
copy, the plan's SHA-256, which masks, face tracks and drawn boxes were hidden and
when, with which detector, in which style, and who accepted it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from db.redaction.plan import RedactionPlan, Track
from db.redaction.render import BLOCKS_ACROSS
from db.sharing.excerpt_cut import Cut
from db.sharing.package_spec import ExcerptSpec, iso_utc

STYLE_WORDS = {
    "pixelate": f"pixelated: at most {BLOCKS_ACROSS} blocks across each hidden area, "
    "each block one mean colour",
    "fill": "filled solid black",
}


def hidden_ranges(track: Track, start_s: float, end_s: float) -> list[tuple[float, float]]:
    """Where ``track`` hides something within [start_s, end_s] (clip seconds): its keys'
    span less the ranges the resident turned it off."""
    span = track.span()
    if not track.enabled or span is None:
        return []
    parts = [(max(span[0], start_s), min(span[1], end_s))]
    for off_a, off_b in sorted(track.off):
        cut: list[tuple[float, float]] = []
        for a, b in parts:
            if off_b < a or off_a > b:
                cut.append((a, b))
                continue
            if off_a > a:
                cut.append((a, off_a))
            if off_b < b:
                cut.append((off_b, b))
        parts = cut
    return [(a, b) for a, b in parts if b >= a]


def _tracks(ex: ExcerptSpec, plan: RedactionPlan, kind: str, cut: Cut) -> dict[str, Any]:
    entries = []
    turned_off = 0
    for track in plan.tracks:
        if track.kind != kind:
            continue
        if not track.enabled:
            turned_off += 1
            continue
        ranges = hidden_ranges(track, cut.start_s, cut.end_s)
        if not ranges:
            continue
        entries.append(
            {
                "id": track.id,
                "source": track.source,
                "corrected_keys": len(track.corrected),
                "ranges": [
                    {
                        "start_utc": iso_utc(ex.clip_start_utc + timedelta(seconds=a)),
                        "end_utc": iso_utc(ex.clip_start_utc + timedelta(seconds=b)),
                        "excerpt_s": [round(a - cut.start_s, 3), round(b - cut.start_s, 3)],
                    }
                    for a, b in ranges
                ],
            }
        )
    return {"count": len(entries), "turned_off": turned_off, "tracks": entries}


def redaction_entry(ex: ExcerptSpec, cut: Cut) -> dict[str, Any] | None:
    """The manifest's ``redaction`` for one excerpt; None when it had no plan. A plan
    that hid nothing (faces looked for and none found, every track turned off) is
    still described: what was looked for and that the pictures are the camera's."""
    plan = ex.redaction
    if plan is None:
        return None
    accepted = None
    if ex.redaction_accepted is not None:
        by, at = ex.redaction_accepted
        accepted = {"by": by, "at": at}
    return {
        "working_copy": "redacted" if cut.redacted else "not redacted: nothing to hide",
        "plan_sha256": plan.digest(),
        "accepted": accepted,
        "style": plan.style,
        "style_words": STYLE_WORDS.get(plan.style, plan.style),
        "original_sha256": ex.source_sha256.lower(),
        "masks": [{"id": m.mask_id, "name": m.name} for m in plan.masks],
        "faces": _tracks(ex, plan, "face", cut),
        "drawn_boxes": _tracks(ex, plan, "box", cut),
        "detector": plan.detector,
    }
