"""Turning the face detector's per-frame boxes into tracks (docs/redaction-detectors.md,
"In the app").

The detector runs on some frames only; the plan interpolates a track's box between its
keys. So each track's keys are the detections of one face, linked from one detection
round to the next by where the face was heading, and every key box is grown: by a
margin around the face (the detector's box is tight, hair and ears are not in it), and by
the face's movement to the neighbouring detections, because between two rounds a face
need not move in a straight line. A track also starts one round before the face was
first found and ends one round after it was last found: the face came from somewhere
and went somewhere while the detector was not looking. Pure arithmetic, no imports of
the detector's libraries."""

from __future__ import annotations

from dataclasses import dataclass, field

from db.redaction.plan import Box, Track

# Each side of a key box grows by this share of the face's width or height.
MARGIN = 0.25
# ... and by this share of the face's movement to each neighbouring key.
MOVE_SHARE = 0.5
# Two detections are the same face when the second is at most this many face sizes a
# second from where the first was heading (a walking person's face moves about seven of
# its own heights a second across the picture), or MIN_JUMP face sizes whatever the time,
# and when its size changed by less than MAX_GROWTH.
MAX_SPEED = 8.0
MIN_JUMP = 1.5
MAX_GROWTH = 2.0
# A face missed in this many rounds in a row (a turned head, a hand) is still the same
# track when found again; interpolation hides it in between.
MAX_MISSED_ROUNDS = 2

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in picture pixels


@dataclass
class Detection:
    at: float  # seconds from the clip start
    rect: Rect
    score: float


@dataclass
class _Open:
    hits: list[Detection] = field(default_factory=list)
    missed: int = 0

    def predict(self, at: float) -> Rect:
        """Where the face should be at ``at``, from its last two detections."""
        last = self.hits[-1]
        if len(self.hits) < 2:
            return last.rect
        prev = self.hits[-2]
        dt = last.at - prev.at
        if dt <= 0:
            return last.rect
        k = (at - last.at) / dt
        dx = (_cx(last.rect) - _cx(prev.rect)) * k
        dy = (_cy(last.rect) - _cy(prev.rect)) * k
        x0, y0, x1, y1 = last.rect
        return (x0 + dx, y0 + dy, x1 + dx, y1 + dy)


def _cx(r: Rect) -> float:
    return (r[0] + r[2]) / 2


def _cy(r: Rect) -> float:
    return (r[1] + r[3]) / 2


def _size(r: Rect) -> float:
    return max(r[2] - r[0], r[3] - r[1], 1.0)


def _cost(pred: Rect, det: Rect, dt: float) -> float | None:
    """How far apart a predicted and a detected face are, in face sizes; None when they
    cannot be the same face ``dt`` seconds after it was last seen."""
    s_pred, s_det = _size(pred), _size(det)
    if max(s_pred, s_det) / min(s_pred, s_det) > MAX_GROWTH:
        return None
    dist = ((_cx(pred) - _cx(det)) ** 2 + (_cy(pred) - _cy(det)) ** 2) ** 0.5
    d = dist / max(s_pred, s_det)
    return d if d <= max(MIN_JUMP, MAX_SPEED * dt) else None


def link(rounds: list[tuple[float, list[Detection]]]) -> list[list[Detection]]:
    """Detections grouped by face: ``rounds`` is (time, detections) for every frame the
    detector ran on, in time order, empty lists included (a round without a face ends
    tracks just as one with other faces does)."""
    open_: list[_Open] = []
    done: list[list[Detection]] = []
    for at, dets in rounds:
        pairs = []
        for i, tr in enumerate(open_):
            pred = tr.predict(at)
            for j, d in enumerate(dets):
                c = _cost(pred, d.rect, at - tr.hits[-1].at)
                if c is not None:
                    pairs.append((c, i, j))
        pairs.sort()
        used_t: set[int] = set()
        used_d: set[int] = set()
        for _c, i, j in pairs:
            if i in used_t or j in used_d:
                continue
            used_t.add(i)
            used_d.add(j)
            open_[i].hits.append(dets[j])
            open_[i].missed = 0
        still: list[_Open] = []
        for i, tr in enumerate(open_):
            if i not in used_t:
                tr.missed += 1
                if tr.missed > MAX_MISSED_ROUNDS:
                    done.append(tr.hits)
                    continue
            still.append(tr)
        open_ = still + [_Open([d]) for j, d in enumerate(dets) if j not in used_d]
    done.extend(tr.hits for tr in open_)
    return sorted(done, key=lambda hits: (hits[0].at, hits[0].rect))


def _grown(hits: list[Detection], i: int) -> Rect:
    """Key ``i``'s box grown by the margin and by the movement to its neighbours."""
    x0, y0, x1, y1 = hits[i].rect
    mx, my = (x1 - x0) * MARGIN, (y1 - y0) * MARGIN
    gx0 = gx1 = mx
    gy0 = gy1 = my
    for j in (i - 1, i + 1):
        if 0 <= j < len(hits):
            o = hits[j].rect
            # Growing towards where the face was or went (and the opposite way too: the
            # path between two detections can overshoot either).
            dx = abs(_cx(o) - _cx(hits[i].rect)) * MOVE_SHARE
            dy = abs(_cy(o) - _cy(hits[i].rect)) * MOVE_SHARE
            dw = max(0.0, (o[2] - o[0]) - (x1 - x0)) / 2
            dh = max(0.0, (o[3] - o[1]) - (y1 - y0)) / 2
            gx0, gx1 = max(gx0, mx + dx + dw), max(gx1, mx + dx + dw)
            gy0, gy1 = max(gy0, my + dy + dh), max(gy1, my + dy + dh)
    return (x0 - gx0, y0 - gy0, x1 + gx1, y1 + gy1)


def _box(r: Rect, width: int, height: int) -> Box | None:
    x0, y0 = max(0, int(r[0])), max(0, int(r[1]))
    x1, y1 = min(width, int(r[2] + 0.999)), min(height, int(r[3] + 0.999))
    if x1 <= x0 or y1 <= y0:
        return None
    return Box(x0, y0, x1 - x0, y1 - y0)


def _shifted(r: Rect, dx: float, dy: float, grow: float) -> Rect:
    return (r[0] + dx - grow, r[1] + dy - grow, r[2] + dx + grow, r[3] + dy + grow)


def _union(a: Rect, b: Rect) -> Rect:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def to_tracks(
    groups: list[list[Detection]],
    *,
    interval: float,
    start_s: float,
    end_s: float,
    width: int,
    height: int,
    source: str,
) -> list[Track]:
    """One face track per group of linked detections. ``interval``: seconds between
    detection rounds, which the track reaches out by before its first detection and
    after its last, kept within [start_s, end_s]."""
    tracks: list[Track] = []
    for n, hits in enumerate(groups, start=1):
        rects = [_grown(hits, i) for i in range(len(hits))]
        keys: list[tuple[float, Rect]] = list(zip((h.at for h in hits), rects, strict=True))
        first, last = hits[0], hits[-1]
        # Out to the neighbouring rounds: where the face was last seen and where it was
        # heading at its speed, grown by the margin again since nothing was seen there.
        vx = vy = 0.0
        if len(hits) >= 2:
            vx = (_cx(hits[1].rect) - _cx(first.rect)) / max(hits[1].at - first.at, 1e-6)
            vy = (_cy(hits[1].rect) - _cy(first.rect)) / max(hits[1].at - first.at, 1e-6)
        before = max(start_s, first.at - interval)
        if before < first.at:
            g = _size(first.rect) * MARGIN
            dt = before - first.at
            keys.insert(0, (before, _union(rects[0], _shifted(rects[0], vx * dt, vy * dt, g))))
        if len(hits) >= 2:
            p = hits[-2]
            vx = (_cx(last.rect) - _cx(p.rect)) / max(last.at - p.at, 1e-6)
            vy = (_cy(last.rect) - _cy(p.rect)) / max(last.at - p.at, 1e-6)
        after = min(end_s, last.at + interval)
        if after > last.at:
            g = _size(last.rect) * MARGIN
            dt = after - last.at
            keys.append((after, _union(rects[-1], _shifted(rects[-1], vx * dt, vy * dt, g))))
        boxes = [(t, b) for t, r in keys if (b := _box(r, width, height)) is not None]
        if boxes:
            tracks.append(Track(id=f"face-{n}", kind="face", keys=boxes, source=source))
    return tracks
