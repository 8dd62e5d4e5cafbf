"""The renderer that hides what a redaction plan says (db/redaction/render.py), on a
real photograph's face: the face is beyond recognition, every other pixel unchanged."""

from __future__ import annotations

import av
import numpy as np
import pytest
from skimage import data
from skimage.metrics import structural_similarity

from db.redaction.plan import Box, Mask, RedactionPlan, Track
from db.redaction.render import BLOCKS_ACROSS, Redactor, block_size

# Eileen Collins's face in skimage.data.astronaut() (512 x 512), forehead to chin and
# ear to ear (x0, y0, x1, y1), as bench/face_detect_bench.py reads it.
FACE = (176, 70, 274, 172)
SIZE = 512
# A pixelated face compared with the face: SSIM measures kept structure (edges, the
# eyes' and mouth's contrasts). The same face through libx264 scores above 0.9; the
# six-block pixelation about 0.3, solid fill under 0.1. 0.5 sits between "the face
# is still there" and "only its mean colours are", with room on both sides.
MAX_SSIM = 0.5


def astronaut_frame() -> av.VideoFrame:
    frame = av.VideoFrame.from_ndarray(data.astronaut(), format="rgb24")
    return frame.reformat(format="yuv420p", dst_color_range=1)


def planes(frame: av.VideoFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(Y, U, V) of a yuv420p frame."""
    a = frame.to_ndarray()
    w, h = frame.width, frame.height
    flat = a.reshape(-1)
    q = (w // 2) * (h // 2)
    u = flat[w * h : w * h + q].reshape(h // 2, w // 2)
    v = flat[w * h + q :].reshape(h // 2, w // 2)
    return a[:h], u, v


def face_plan(style: str = "pixelate") -> RedactionPlan:
    x0, y0, x1, y1 = FACE
    box = Box(x0, y0, x1 - x0, y1 - y0)
    track = Track("face-1", "face", [(1.0, box), (3.0, box)], "test")
    return RedactionPlan(1, 0.0, 4.0, SIZE, SIZE, tracks=[track], style=style)


def outside(a: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
    keep = np.ones(a.shape, dtype=bool)
    keep[y0:y1, x0:x1] = False
    return a[keep]


def test_pixelated_face_is_beyond_recognition_and_the_rest_unchanged() -> None:
    frame = astronaut_frame()
    out = Redactor(face_plan()).apply(frame, 2.0)
    assert out is not frame
    (y, u, v), (oy, ou, ov) = planes(frame), planes(out)
    x0, y0, x1, y1 = FACE
    region, hidden = y[y0:y1, x0:x1], oy[y0:y1, x0:x1]
    assert structural_similarity(region, hidden, data_range=255) < MAX_SSIM
    # at most six blocks across the longer side, each one colour
    block = block_size(x1 - x0, y1 - y0)
    assert -(-max(x1 - x0, y1 - y0) // block) <= BLOCKS_ACROSS
    for by in range(y0, y1, block):
        for bx in range(x0, x1, block):
            assert len(np.unique(oy[by : min(by + block, y1), bx : min(bx + block, x1)])) == 1
    assert len(np.unique(hidden)) <= BLOCKS_ACROSS**2
    # each block is the mean of the pixels under it, so brightness is kept
    assert abs(float(hidden.mean()) - float(region.mean())) < 1.0
    # outside the box nothing changed, in brightness or colour
    assert np.array_equal(outside(y, *FACE), outside(oy, *FACE))
    cx = (x0 // 2, y0 // 2, x1 // 2, y1 // 2)
    assert np.array_equal(outside(u, *cx), outside(ou, *cx))
    assert np.array_equal(outside(v, *cx), outside(ov, *cx))
    assert out.width == frame.width and out.format.name == "yuv420p"


def test_fill_paints_the_box_black_without_colour() -> None:
    frame = astronaut_frame()
    out = Redactor(face_plan("fill")).apply(frame, 1.5)
    oy, ou, ov = planes(out)
    x0, y0, x1, y1 = FACE
    assert (oy[y0:y1, x0:x1] == 16).all()
    assert (ou[y0 // 2 : y1 // 2, x0 // 2 : x1 // 2] == 128).all()
    assert (ov[y0 // 2 : y1 // 2, x0 // 2 : x1 // 2] == 128).all()
    assert np.array_equal(outside(planes(frame)[0], *FACE), outside(oy, *FACE))


def test_nothing_hidden_outside_the_tracks_time() -> None:
    frame = astronaut_frame()
    redactor = Redactor(face_plan())
    assert redactor.apply(frame, 0.5) is frame
    assert redactor.apply(frame, 3.5) is frame
    plan = face_plan()
    plan.tracks[0].off = [(1.5, 2.5)]
    assert Redactor(plan).apply(frame, 2.0) is frame
    plan.tracks[0].off = []
    plan.tracks[0].enabled = False
    assert Redactor(plan).apply(frame, 2.0) is frame


def test_mask_polygon_hides_inside_only_at_any_time() -> None:
    frame = astronaut_frame()
    # a triangle over the flag, left of the astronaut
    triangle = ((10, 10), (120, 10), (10, 300))
    plan = RedactionPlan(1, 0.0, 4.0, SIZE, SIZE, masks=[Mask(7, "flag", triangle)])
    out = Redactor(plan).apply(frame, 99.0)  # masks hold at every time
    y, oy = planes(frame)[0], planes(out)[0]
    changed = y != oy
    assert changed[20:100, 12:40].mean() > 0.5  # well inside: most pixels differ
    assert not changed[200:300, 100:120].any()  # inside the box, outside the polygon
    assert not changed[:, 130:].any()
    assert not changed[310:, :].any()
    rows = np.arange(SIZE)[:, None]
    cols = np.arange(SIZE)[None, :]
    # beyond the hypotenuse (with a pixel's slack for the edge), nothing changed
    beyond = cols > 121 - (rows - 10) * 110 / 290 + 2
    assert not changed[beyond].any()


def test_plan_in_another_picture_size_is_scaled() -> None:
    frame = astronaut_frame()
    x0, y0, x1, y1 = FACE
    half = Box(x0 // 2, y0 // 2, (x1 - x0) // 2, (y1 - y0) // 2)
    plan = RedactionPlan(
        1, 0.0, 4.0, SIZE // 2, SIZE // 2, tracks=[Track("f", "face", [(0.0, half)], "t")]
    )
    out = Redactor(plan).apply(frame, 0.0)
    y, oy = planes(frame)[0], planes(out)[0]
    assert not np.array_equal(y[y0:y1, x0:x1], oy[y0:y1, x0:x1])
    assert np.array_equal(outside(y, *FACE), outside(oy, *FACE))


@pytest.mark.parametrize("box", [Box(500, 500, 40, 40), Box(-20, -20, 30, 30), Box(600, 0, 9, 9)])
def test_boxes_at_the_edge_are_clipped(box: Box) -> None:
    frame = astronaut_frame()
    plan = RedactionPlan(1, 0.0, 4.0, SIZE, SIZE, tracks=[Track("f", "box", [(0.0, box)], "t")])
    out = Redactor(plan).apply(frame, 0.0)
    assert out.width == SIZE and out.height == SIZE


def test_block_size_is_even_and_coarse() -> None:
    assert block_size(100, 130) == 22
    assert block_size(3, 3) == 2
    for w in range(2, 400, 7):
        b = block_size(w, w // 2 + 1)
        assert b % 2 == 0 and -(-w // b) <= BLOCKS_ACROSS
