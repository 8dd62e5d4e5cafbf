"""The models, checked with pytest-qt's model tester and against a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from db.clips.cameras import Camera, add_camera
from db.clips.importer import import_folder
from db.store.database import open_database
from desktop.dbthread import DbService
from desktop.models.cameras import CameraRole, CamerasModel
from desktop.models.clips import COL, PAGE, ClipIdRole, ClipRowRole, ClipsModel
from tests import zone_helpers

new_york = zone_helpers.new_york  # the fixture


@pytest.fixture
def filled_db(tmp_path: Path, library) -> Path:
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    porch = add_camera(db, Camera("Porch", 1, 1, tz="America/Los_Angeles"))
    gate = add_camera(db, Camera("Gate", 1, 1))
    import_folder(db, library.root / "2026-11-20", porch)
    import_folder(db, library.root, gate)  # the rest; the day folder is known already
    db.close()
    return path


@pytest.fixture
def dbs(filled_db: Path):
    service = DbService(filled_db)
    yield service
    service.shutdown()


def load(qtbot, model: ClipsModel) -> None:
    """Refresh and wait for the whole id list and the first page of rows."""
    with qtbot.waitSignal(model.complete, timeout=5000):
        model.refresh()
    if not model.is_loaded(0):
        with qtbot.waitSignal(model.page_loaded, timeout=5000):
            model.index(0, 0).data()


def test_clips_model_passes_the_model_tester(qtbot, qtmodeltester, dbs) -> None:
    model = ClipsModel(dbs)
    load(qtbot, model)
    qtmodeltester.check(model, force_py=True)


def test_cameras_model_passes_the_model_tester(qtbot, qtmodeltester, dbs) -> None:
    model = CamerasModel(dbs)
    with qtbot.waitSignal(model.loaded):
        model.refresh()
    assert [model.index(i).data() for i in range(model.rowCount())] == ["Gate", "Porch"]
    assert model.index(0).data(CameraRole).name == "Gate"
    qtmodeltester.check(model, force_py=True)


def test_clips_model_shows_rows_and_sorts_in_sql(qtbot, dbs, library) -> None:
    model = ClipsModel(dbs)
    load(qtbot, model)
    assert model.rowCount() == len(library.good)
    assert model.columnCount() == len(COL)
    durations = []
    with qtbot.waitSignal(model.loaded):
        model.sort(COL["duration"], Qt.SortOrder.AscendingOrder)
    with qtbot.waitSignal(model.page_loaded):
        model.index(0, 0).data()
    for r in range(model.rowCount()):
        durations.append(model.index(r, 0).data(ClipRowRole).duration_s)
    assert durations == sorted(durations) and durations[0] < durations[-1]
    row = model.index(0, 0).data(ClipRowRole)
    assert model.index(0, COL["audio"]).data() in {"Yes", "No"}
    assert model.index(0, COL["resolution"]).data() == f"{row.width}×{row.height}"
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole).width() == 64


def test_start_is_on_the_computers_clock_with_the_cameras_in_the_tooltip(
    qtbot,
    dbs,
    new_york,
) -> None:
    """One rule for every time in the window: the computer's clock (New York here);
    the camera's own local time is a labelled detail."""
    model = ClipsModel(dbs)
    load(qtbot, model)
    rows = {model.index(r, COL["clip"]).data(): r for r in range(model.rowCount())}
    start = model.index(rows["porch_a.mp4"], COL["start"])
    assert start.data() == "2026-11-20 17:00:00"  # 22:00 UTC; Porch is in Los Angeles
    assert "Camera's local time: 2026-11-20 14:00:00 PST" in start.data(Qt.ItemDataRole.ToolTipRole)
    gate = model.index(rows["porch_d.mkv"], COL["start"])
    assert gate.data() == "2026-11-20 17:00:00"  # Gate keeps UTC: the same moment
    assert "2026-11-20 22:00:00 UTC" in gate.data(Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(COL["start"], Qt.Orientation.Horizontal) == "Start"


def test_filter_by_camera_and_time(qtbot, dbs) -> None:
    from db.clips.library import ClipFilter

    model = ClipsModel(dbs)
    load(qtbot, model)
    with qtbot.waitSignal(model.loaded):
        model.set_filter(ClipFilter(camera_id=1))
    assert model.rowCount() == 3
    for clip_filter, expected in (
        (ClipFilter(start_from="2026-11-20T22:30:00.000Z"), "nameless.mp4"),
        # Gate keeps UTC, so its file named 14:15:00 starts at 14:15 UTC.
        (ClipFilter(start_to="2026-11-20T15:00:00.000Z"), "RecM01_20261120_141500_clip.mkv"),
    ):
        with qtbot.waitSignal(model.loaded):
            model.set_filter(clip_filter)
        assert model.rowCount() == 1
        with qtbot.waitSignal(model.page_loaded, timeout=5000):
            model.index(0, 0).data()
        assert model.index(0, 0).data() == expected


def test_flag_changes_are_stored(qtbot, dbs, filled_db: Path) -> None:
    model = ClipsModel(dbs)
    load(qtbot, model)
    index = model.index(0, COL["private"])
    clip_id = index.data(ClipIdRole)
    assert index.flags() & Qt.ItemFlag.ItemIsUserCheckable
    with qtbot.waitSignal(dbs.busy_changed, check_params_cb=lambda busy: not busy):
        assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    check = open_database(filled_db)
    assert check.execute("SELECT private FROM clips WHERE id = ?", [clip_id]).fetchone()[0] == 1
    # The change is on the record with it (approving a flagged clip needs a confirmation).
    assert check.execute(
        "SELECT clip_id, details FROM audit_log WHERE action = 'clip flagged'"
    ).fetchall() == [(clip_id, '{"flag":"private","set":true}')]
    check.close()


def test_large_library_loads_only_the_pages_on_screen(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "big.sqlite3"
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", 1, 1))
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO clips (camera_id, path, sha256, size, mtime_ns, start_utc, end_utc, "
            "start_source, duration_s, width, height, codec, has_audio, imported_at) VALUES "
            "(?, ?, ?, 1000, 0, ?, ?, 'mtime', 10, 320, 240, 'h264', 0, 'x')",
            [
                (cam.id, f"/clips/{i}.mp4", f"{i:064x}", f"2026-01-01T00:00:{i % 60:02d}.000Z",
                 f"2026-01-01T00:01:{i % 60:02d}.000Z")
                for i in range(5 * PAGE)
            ],
        )  # fmt: skip
    db.close()
    service = DbService(path)
    try:
        model = ClipsModel(service)
        load(qtbot, model)
        assert model.rowCount() == 5 * PAGE
        assert model.is_loaded(0) and not model.is_loaded(PAGE) and not model.is_loaded(4 * PAGE)
        assert model.index(4 * PAGE + 3, 0).data() == "…"  # a placeholder until it arrives
        with qtbot.waitSignal(model.page_loaded):
            pass
        assert model.is_loaded(4 * PAGE) and model.index(4 * PAGE + 3, 0).data().endswith(".mp4")
    finally:
        service.shutdown()


def test_first_load_shows_the_first_page_before_the_whole_id_list(qtbot, tmp_path) -> None:
    """The first screen comes from a short read (count, first ids, their rows); the rest
    of the ids follow without a reset, so a selection made meanwhile stays."""
    path = tmp_path / "head.sqlite3"
    _paged_library(path, 3)
    service = DbService(path)
    try:
        model = ClipsModel(service)
        seen: list[tuple[str, int, bool, str]] = []
        model.loaded.connect(
            lambda: seen.append(
                ("loaded", model.rowCount(), model.is_loaded(0), model.index(2 * PAGE, 0).data())
            )
        )
        resets: list[int] = []
        model.modelReset.connect(lambda: resets.append(model.rowCount()))
        with qtbot.waitSignal(model.complete, timeout=5000):
            model.refresh()
        # At the first `loaded` every row is counted and the first page is there; rows
        # past it are placeholders until their ids arrive.
        assert seen == [("loaded", 3 * PAGE, True, "…")]
        assert resets == [3 * PAGE]  # one reset only: the rest of the list came in place
        assert model.index(0, 0).data() == f"{3 * PAGE - 1}.mp4"  # newest first
        with qtbot.waitSignal(model.page_loaded, timeout=5000):
            model.index(2 * PAGE, 0).data()
        assert model.index(2 * PAGE, 0).data() == f"{PAGE - 1}.mp4"
        assert model.clip_id(3 * PAGE - 1) == 1
    finally:
        service.shutdown()


def _paged_library(path: Path, pages: int, thumbnail: bytes | None = None) -> None:
    db = open_database(path)
    cam = add_camera(db, Camera("Porch", 1, 1))
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO clips (camera_id, path, sha256, size, mtime_ns, start_utc, end_utc, "
            "start_source, duration_s, width, height, codec, has_audio, imported_at) VALUES "
            "(?, ?, ?, 1000, 0, ?, ?, 'mtime', 10, 320, 240, 'h264', 0, 'x')",
            [
                (cam.id, f"/clips/{i}.mp4", f"{i:064x}", f"{minute}:00.000Z", f"{minute}:10.000Z")
                for i in range(pages * PAGE)
                for minute in [f"2026-01-01T{i // 60:02d}:{i % 60:02d}"]
            ],
        )  # fmt: skip
        if thumbnail is not None:
            db.conn.execute(
                "INSERT INTO clip_thumbnails (clip_id, mime, data) "
                "SELECT id, 'image/jpeg', ? FROM clips",
                [thumbnail],
            )
    db.close()


def _jpeg() -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(160, 90, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stub types the format as bytes; the binding takes only str.
    assert image.save(buffer, "JPG")  # type: ignore[call-overload]
    return bytes(buffer.data().data())


def test_rows_evicted_from_the_cache_are_fetched_again(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("desktop.models.clips.MAX_ROWS", 2 * PAGE)
    path = tmp_path / "paged.sqlite3"
    _paged_library(path, 4)
    service = DbService(path)
    try:
        model = ClipsModel(service)
        load(qtbot, model)
        for page in (1, 2):  # two more pages: the first one is evicted
            with qtbot.waitSignal(model.page_loaded):
                model.index(page * PAGE, 0).data()
        assert not model.is_loaded(0) and model.is_loaded(PAGE) and model.is_loaded(2 * PAGE)
        assert model.index(3, 0).data() == "…"  # scrolled back: a page fetch away again
        with qtbot.waitSignal(model.page_loaded):
            pass
        assert model.is_loaded(0) and model.index(3, 0).data().endswith(".mp4")
    finally:
        service.shutdown()


def test_scaled_thumbnails_are_kept_for_the_rows_painted_last(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("desktop.models.clips.MAX_PIXMAPS", 50)
    path = tmp_path / "thumbs.sqlite3"
    _paged_library(path, 1, _jpeg())
    service = DbService(path)
    try:
        model = ClipsModel(service)
        load(qtbot, model)
        first = model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
        assert first is not None and not first.isNull() and first.width() <= 64
        for row in range(1, PAGE):  # paint every row once: only the last 50 stay scaled
            assert model.index(row, 0).data(Qt.ItemDataRole.DecorationRole) is not None
        assert len(model._pixmaps) == 50
        assert model.clip_id(0) not in model._pixmaps and model.clip_id(PAGE - 1) in model._pixmaps
        again = model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)  # made anew
        assert again.size() == first.size() and model.clip_id(0) in model._pixmaps
        assert model.poster(model.clip_id(0)) is not None  # the JPEG stays with the row
    finally:
        service.shutdown()
