"""A resident's database with a real face in its one clip, for the redaction review's
window tests, and waiting for the review's background work."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.store.database import open_database
from tests.face_videos import FacePath, make_face_video
from tests.requests_helpers import PORCH, window_base


def _stamp(source: Path, dest: Path, creation_time: str) -> Path:
    """Copy the video's packets into ``dest`` with a creation time, as a camera writes it."""
    import av

    with av.open(str(source)) as src, av.open(str(dest), "w") as out:
        out.metadata["creation_time"] = creation_time
        stream = src.streams.video[0]
        copy = out.add_stream_from_template(stream)
        for packet in src.demux(stream):
            if packet.dts is None:
                continue
            packet.stream = copy
            out.mux(packet)
    return dest


@pytest.fixture
def face_db(tmp_path: Path) -> Path:
    """One camera at the porch with one clip inside yesterday's window: the astronaut
    walking across the picture."""
    path = tmp_path / "doorstep.sqlite3"
    clips = tmp_path / "porch"
    clips.mkdir()
    raw = tmp_path / "raw.mp4"
    make_face_video(raw, [FacePath(200, 200, 700, 260, 90, 110)], width=640, height=360)
    start = window_base() + timedelta(hours=1)
    _stamp(raw, clips / "visitor.mp4", start.strftime("%Y-%m-%dT%H:%M:%S.000000Z"))
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", PORCH[1], PORCH[0], tz="America/Los_Angeles"))
    assert import_folder(db, clips, cam).added == 1
    db.close()
    return path


def faces_as_recorded() -> None:
    """The resident's preference: faces are not blurred in what is shared (tests of
    other parts of sharing, which need no review)."""
    from dataclasses import replace

    from desktop import preferences

    preferences.save(replace(preferences.load(), blur_faces=False))


def wait_work(qtbot, review, kind: str, timeout: int = 120000) -> None:
    """Until the review's background job of ``kind`` ends (it was started already; its
    end is only heard while the test waits)."""
    with qtbot.waitSignal(review.work_done, timeout=timeout, check_params_cb=kind.__eq__):
        pass
