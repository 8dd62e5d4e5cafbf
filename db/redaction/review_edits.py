"""The changes a resident makes to a plan in the review window, as plain functions of
the plan (db/redaction/plan.py): turning a track off over a stretch of time, or on again,
the boxes the resident set by hand, and the name of a new drawn box. No Qt, no
database."""

from __future__ import annotations

from db.redaction.plan import Box, RedactionPlan, Track

# Two ranges this close are one: a frame apart at 30 frames a second is no gap worth
# keeping, and ranges set with the same position at both ends still join.
JOIN_S = 0.001


def turn_off(track: Track, start_s: float, end_s: float) -> None:
    """Hide nothing of ``track`` from ``start_s`` to ``end_s`` (either order), joined
    with the ranges it already has off."""
    a, b = sorted((float(start_s), float(end_s)))
    merged: list[tuple[float, float]] = []
    for lo, hi in sorted([*track.off, (a, b)]):
        if merged and lo <= merged[-1][1] + JOIN_S:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    track.off = merged


def turn_on(track: Track) -> None:
    """The track hides everything it follows again: on, and no range off."""
    track.enabled = True
    track.off = []


def hand_keys(track: Track) -> dict[float, Box]:
    """The boxes the resident set by hand (the keys at the corrected times)."""
    wanted = {round(t, 4) for t in track.corrected}
    return {t: box for t, box in track.keys if round(t, 4) in wanted}


def find_track(plan: RedactionPlan, track_id: str) -> Track | None:
    return next((t for t in plan.tracks if t.id == track_id), None)


def put_track(plan: RedactionPlan, track: Track) -> None:
    """Add ``track``, or replace the one with its id (keeping its place in the list)."""
    for i, old in enumerate(plan.tracks):
        if old.id == track.id:
            plan.tracks[i] = track
            return
    plan.tracks.append(track)


def new_box_id(plan: RedactionPlan) -> str:
    """A drawn box's id not used in the plan: box-1, box-2, ..."""
    used = {t.id for t in plan.tracks}
    n = 1
    while f"box-{n}" in used:
        n += 1
    return f"box-{n}"
