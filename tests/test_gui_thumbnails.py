"""The window's import is finished when the clips are stored; their thumbnails appear
in the clips table afterwards, as the pass makes them (a neutral placeholder until
then), and a clip whose picture cannot be decoded says so in its detail."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.demo.synth import make_clip
from db.store.database import open_database
from tests.test_gui import add_camera as add_camera_in_window
from tests.test_gui import import_through_window, open_window  # noqa: F401
from tests.videos import T0, scrambled_picture


def _thumbnail_count(path: Path) -> int:
    check = sqlite3.connect(path)
    try:
        return int(check.execute("SELECT count(*) FROM clip_thumbnails").fetchone()[0])
    finally:
        check.close()


def test_thumbnails_appear_after_the_import_and_an_undecodable_picture_is_marked(
    qtbot,
    open_window,  # noqa: F811
    tmp_path: Path,
) -> None:
    folder = tmp_path / "footage"
    for i in range(3):
        make_clip(folder / f"good{i}.mp4", seconds=2, hue=i, creation_time=T0)
    bad = scrambled_picture(folder / "scrambled.mkv")
    window = open_window()
    add_camera_in_window(qtbot, window)
    model = window.services.clips
    imports = window.services.imports
    with qtbot.waitSignal(imports.thumbnails_done, timeout=30000) as done:
        import_through_window(qtbot, window, folder)
        # Finished: every clip is stored, no thumbnail made yet.
        db_path = tmp_path / "doorstep.sqlite3"
        check = sqlite3.connect(db_path)
        assert check.execute("SELECT count(*) FROM clips").fetchone()[0] == 4
        check.close()
        assert _thumbnail_count(db_path) == 0
        qtbot.waitUntil(lambda: model.rowCount() == 4 and model.is_loaded(0))
        placeholder = model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
        assert placeholder is not None and model.poster(model.clip_id(0)) is None
    assert done.args == [True]
    assert _thumbnail_count(db_path) == 3
    # The table shows them without a reload of its own: the pass's changes did it.
    names = {}

    def shown() -> bool:
        for row in range(model.rowCount()):
            clip_id = model.clip_id(row)
            names[model.index(row, 0).data()] = (clip_id, model.poster(clip_id))
        return all(names[f"good{i}.mp4"][1] is not None for i in range(3))

    qtbot.waitUntil(shown, timeout=10000)
    assert names[bad.name][1] is None
    bad_row = model.row_of(names[bad.name][0])
    assert bad_row is not None
    tip = Qt.ItemDataRole.ToolTipRole
    qtbot.waitUntil(lambda: "cannot be decoded" in model.index(bad_row, 0).data(tip))
    assert model.index(bad_row, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    view = window.clips_view
    view.select_row(bad_row)
    qtbot.waitUntil(lambda: view.detail.clip is not None)
    assert "The picture cannot be decoded: no picture can be decoded" in view.detail.facts.text()


def test_thumbnails_left_unmade_are_made_when_the_window_starts(
    qtbot,
    open_window,  # noqa: F811
    tmp_path: Path,
) -> None:
    path = tmp_path / "doorstep.sqlite3"
    db = open_database(path)
    camera = add_camera(db, Camera("Porch", 47.6, -122.3, tz="America/Los_Angeles"))
    folder = tmp_path / "footage"
    for i in range(2):
        make_clip(folder / f"c{i}.mp4", seconds=2, hue=i, creation_time=T0)
    assert import_folder(db, folder, camera, thumbnails=False).added == 2
    db.close()
    assert _thumbnail_count(path) == 0
    window = open_window(path)
    model = window.services.clips
    qtbot.waitUntil(
        lambda: (
            model.rowCount() == 2
            and all(model.poster(model.clip_id(r)) is not None for r in range(2))
        ),
        timeout=30000,
    )
    assert _thumbnail_count(path) == 2


def test_an_import_asked_for_during_the_pass_goes_first_and_the_pass_finishes_after(
    qtbot,
    open_window,  # noqa: F811
    tmp_path: Path,
) -> None:
    from desktop.importing import ImportJob
    from desktop.tasks import ThumbnailTask

    first, second = tmp_path / "first", tmp_path / "second"
    for i in range(2):
        make_clip(first / f"a{i}.mp4", seconds=2, hue=i, creation_time=T0)
        make_clip(second / f"b{i}.mp4", seconds=2, hue=10 + i, creation_time=T0)
    window = open_window()
    add_camera_in_window(qtbot, window)
    imports = window.services.imports
    camera = window.services.cameras.by_id(1)
    assert camera is not None
    passes: list[bool] = []
    imports.thumbnails_done.connect(passes.append)

    def second_import_when_the_pass_starts(task: object) -> None:
        if isinstance(task, ThumbnailTask) and not passes:
            imports.start(ImportJob(camera, second))

    imports.started.connect(second_import_when_the_pass_starts)
    finished: list[str] = []
    imports.finished.connect(lambda job, _summary, _folders: finished.append(job.folder.name))
    imports.start(ImportJob(camera, first))
    # The first pass stops for the second import; the pass after it makes every one.
    qtbot.waitUntil(lambda: passes == [False, True], timeout=30000)
    assert finished == ["first", "second"]
    assert _thumbnail_count(tmp_path / "doorstep.sqlite3") == 4
