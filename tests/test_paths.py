"""Each platform's folders (db/store/paths.py, docs/platforms.md): where the data,
settings, window state, cache and log live on Linux, macOS and Windows; everything
under DOORSTEP_DATA_DIR when it is set; the files earlier versions kept in the data
folder moved once to their own folders."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest
from PySide6.QtCore import QSettings

from db.store import paths
from desktop import cli_language, preferences
from desktop.app import window_settings
from desktop.cli import main
from desktop.map.tile_cache import retire_old_cache
from desktop.map.tiles import TileLoader, TileSource

XDG_VARS = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty home folder, no XDG variables and no DOORSTEP_DATA_DIR."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    for name in (*XDG_VARS, "DOORSTEP_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    return folder


def test_linux_follows_xdg_and_keeps_the_data_folder_of_earlier_versions(home, monkeypatch):
    folders = paths.layout("linux")
    assert folders == paths.Folders(
        data=home / ".local/share/doorstep",  # where the data always was
        config=home / ".config/doorstep",
        state=home / ".local/state/doorstep",
        cache=home / ".cache/doorstep",
        logs=home / ".local/state/doorstep/log",
    )
    for name in XDG_VARS:
        monkeypatch.setenv(name, str(home / name.lower()))
    folders = paths.layout("linux")
    assert folders.data == home / "xdg_data_home/doorstep"
    assert folders.config == home / "xdg_config_home/doorstep"
    assert folders.state == home / "xdg_state_home/doorstep"
    assert folders.cache == home / "xdg_cache_home/doorstep"
    assert not any(home.rglob("*")), "a look creates nothing"


def test_macos_uses_the_library_folders(home):
    folders = paths.layout("darwin")
    support = home / "Library/Application Support/Doorstep"
    assert folders == paths.Folders(
        data=support,
        config=support,
        state=support,
        cache=home / "Library/Caches/Doorstep",
        logs=home / "Library/Logs/Doorstep",
    )


def test_windows_uses_local_app_data_not_the_roaming_profile(home, monkeypatch):
    # platformdirs' own override of the shell's known folders: the one way to ask
    # for Windows' answer on another system.
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", r"C:\Users\r\AppData\Local")
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", r"C:\Users\r\AppData\Roaming")
    folders = paths.layout("win32")
    local = PureWindowsPath(r"C:\Users\r\AppData\Local\Doorstep")
    assert PureWindowsPath(str(folders.data)) == local
    assert PureWindowsPath(str(folders.config)) == local
    assert PureWindowsPath(str(folders.state)) == local
    assert PureWindowsPath(str(folders.cache)) == local / "Cache"
    assert PureWindowsPath(str(folders.logs)) == local / "Logs"


def test_doorstep_data_dir_holds_every_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(tmp_path / "portable"))
    base = tmp_path / "portable"
    for platform in ("linux", "darwin", "win32"):
        assert paths.layout(platform) == paths.Folders(
            base, base / "config", base / "state", base / "cache", base / "logs"
        )


def test_nothing_is_written_outside_doorstep_data_dir(tmp_path, monkeypatch, capsys, qapp):
    """With HOME and every XDG folder in an empty folder, a run that makes the database,
    saves settings and window state and writes the log leaves that folder empty."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in XDG_VARS:
        monkeypatch.setenv(name, str(home / name.lower()))
    data = tmp_path / "data"
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(data))

    assert main(["cameras", "list"]) == 0
    preferences.save(preferences.Preferences(base_map="none", language="es"))
    state = window_settings()
    state.setValue("window/geometry", "x")
    state.sync()
    assert state.status() == QSettings.Status.NoError
    for folder in (paths.cache_dir, paths.log_dir):
        (folder() / "probe").write_text("x")

    assert not any(home.rglob("*"))
    assert (data / "doorstep.sqlite3").is_file()
    assert (data / "config" / "settings.ini").is_file()
    assert (data / "state" / "window-state.ini").is_file()
    assert (data / "cache" / "probe").is_file() and (data / "logs" / "probe").is_file()
    capsys.readouterr()


def test_settings_in_the_data_folder_are_read_there_then_moved_by_the_first_write(
    isolated: Path,
) -> None:
    isolated.mkdir()
    old = isolated / "settings.ini"
    old.write_text("[%General]\nlanguage=es\n\n[redaction]\nreencode_speed=2.5\n")

    # Read where an earlier version left them; a read creates no folder.
    assert cli_language.preference() == "es"
    assert preferences.load().language == "es"
    assert preferences.reencode_speed() == 2.5
    assert not (isolated / "config").exists() and old.is_file()

    preferences.save(preferences.Preferences(base_map="none", language="en"))
    assert not old.exists()
    assert preferences.load() == preferences.Preferences(base_map="none", language="en")
    assert preferences.reencode_speed() == 2.5  # what was not saved came along
    assert paths.settings_file() == isolated / "config" / "settings.ini"


def test_window_state_is_moved_once_and_never_over_a_newer_one(isolated: Path, qapp) -> None:
    isolated.mkdir()
    (isolated / "window-state.ini").write_text("[window]\ngeometry=old\n")
    assert str(window_settings().value("window/geometry")) == "old"
    assert not (isolated / "window-state.ini").exists()
    assert (isolated / "state" / "window-state.ini").is_file()

    # An old file seen again (a copy restored from a backup) never replaces the new one.
    (isolated / "window-state.ini").write_text("[window]\ngeometry=older\n")
    (isolated / "settings.ini").write_text("[%General]\nlanguage=es\n")
    (isolated / "config").mkdir()
    (isolated / "config" / "settings.ini").write_text("[%General]\nlanguage=en\n")
    paths.move_old_files()
    assert str(window_settings().value("window/geometry")) == "old"
    assert cli_language.preference() == "en"
    assert (isolated / "window-state.ini").is_file() and (isolated / "settings.ini").is_file()


def test_moving_without_hard_links_renames(tmp_path, monkeypatch):
    """A file system without hard links (FAT, some network shares) refuses the link."""
    old, new = tmp_path / "old.ini", tmp_path / "new" / "new.ini"
    new.parent.mkdir()
    old.write_text("kept")

    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    assert paths.move_once(old, new)
    assert new.read_text() == "kept" and not old.exists()
    old.write_text("older")
    assert not paths.move_once(old, new)
    assert new.read_text() == "kept" and old.read_text() == "older"


def test_moving_to_another_file_system_copies_whole_then_removes(tmp_path, monkeypatch):
    old, new = tmp_path / "old.ini", tmp_path / "new.ini"
    old.write_text("kept")

    def other_device(src: object, dst: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", other_device)
    monkeypatch.setattr(os, "rename", other_device)
    assert paths.move_once(old, new)
    assert new.read_text() == "kept" and not old.exists()
    assert not paths.move_once(old, new)  # gone: another start moved it


def test_a_file_where_a_folder_goes_is_named(tmp_path, monkeypatch):
    blocker = tmp_path / "portable"
    blocker.write_text("mine")
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(blocker))
    with pytest.raises(OSError, match=r"cannot make the log folder .*is a file, not a folder"):
        paths.log_dir()


def test_the_language_chosen_is_there_at_the_next_start(isolated: Path) -> None:
    """Saved by one process (the window that chose it), read by the next start."""
    code = (
        "from desktop import preferences as p; "
        "p.save(p.Preferences(base_map='none', language='es'))"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1])
    assert preferences.load().language == "es"
    assert cli_language.preference() == "es"


def old_tiles(folder: Path) -> Path:
    tile = folder / "tile-cache" / "osm" / "2" / "1" / "3.tile"
    tile.parent.mkdir(parents=True)
    tile.write_bytes(b"tile")
    return tile


def test_the_map_moves_the_old_tile_cache_out_of_the_data_folder(isolated, qtbot):
    """The data folder is what a resident backs up: the tiles leave it, kept."""
    isolated.mkdir()
    old_tiles(isolated)
    loader = TileLoader(TileSource.xyz("http://127.0.0.1:9/{z}/{x}/{y}.png"))
    try:
        qtbot.waitUntil(lambda: not (isolated / "tile-cache").exists())
    finally:
        loader.close()
    moved = isolated / "cache" / "tile-cache" / "osm" / "2" / "1" / "3.tile"
    assert moved.read_bytes() == b"tile"


def test_an_old_tile_cache_that_cannot_be_moved_is_removed(tmp_path, monkeypatch):
    old_tiles(tmp_path / "data")
    new = tmp_path / "cache" / "tile-cache"
    new.mkdir(parents=True)  # a cache there already: the old one is not wanted
    retire_old_cache(tmp_path / "data" / "tile-cache", new)
    assert not (tmp_path / "data" / "tile-cache").exists() and not any(new.iterdir())

    old_tiles(tmp_path / "data")
    new.rmdir()

    def other_device(src: object, dst: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "rename", other_device)
    retire_old_cache(tmp_path / "data" / "tile-cache", new)
    assert not (tmp_path / "data" / "tile-cache").exists() and not new.exists()
