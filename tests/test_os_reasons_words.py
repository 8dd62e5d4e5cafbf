"""Why a file cannot be read or written (the OS's reason, and db.store's own messages
around it) in the resident's language where it is shown; English as before, and
English inside db.words.i18n.english() (what is kept as a record)."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from db.store import fileio
from db.store.database import DatabaseError, open_database
from db.words import i18n
from desktop.cli import main


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def failure(call: Any, *args: Any) -> OSError:
    with pytest.raises(OSError) as caught:
        call(*args)
    return caught.value


def test_the_common_reasons_in_spanish(tmp_path: Path) -> None:
    a_file = tmp_path / "a file"
    a_file.write_text("x")
    missing = failure(open, tmp_path / "nothing.json", "rb")
    folder = failure(open, tmp_path, "wb")
    under_a_file = failure(open, a_file / "x.json", "rb")
    exists = failure((tmp_path / "a file").mkdir)
    assert [fileio.describe(e).split(": ", 1)[1] for e in (missing, folder, under_a_file)] == [
        "no such file or folder",
        "it is a folder",
        "a part of the path is not a folder",
    ]
    i18n.set_language("es")
    assert (
        fileio.describe(missing)
        == f"{tmp_path / 'nothing.json'}: no existe el archivo ni la carpeta"
    )
    assert fileio.reason(folder) == "es una carpeta"
    assert fileio.reason(under_a_file) == "una parte de la ruta no es una carpeta"
    assert fileio.reason(exists) == "ya existe"
    for code, spanish in [
        (errno.EACCES, "permiso denegado"),
        (errno.ENOSPC, "no queda espacio en el disco"),
        (errno.EROFS, "el sistema de archivos es de solo lectura"),
    ]:
        assert fileio.reason(OSError(code, "C library words")) == spanish
    with i18n.english():  # a record reads the same on every computer
        assert fileio.reason(missing) == "no such file or folder"


def test_a_file_that_cannot_be_written_in_spanish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "d.sqlite3")
    out = tmp_path / "no such folder" / "audit.csv"
    argv = ["--db", db, "audit", "export", "--format", "csv", "--out", str(out)]
    monkeypatch.setenv("LANGUAGE", "en")
    assert main(argv) == 1
    assert capsys.readouterr().err == (
        f"doorstep: cannot write {out}: the folder {out.parent} does not exist\n"
    )
    monkeypatch.setenv("LANGUAGE", "es")
    assert main(argv) == 1
    assert capsys.readouterr().err == (
        f"doorstep: no se puede escribir {out}: la carpeta {out.parent} no existe\n"
    )
    assert main([*argv[:-1], str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"doorstep: no se puede escribir {tmp_path}: es una carpeta; indique un nombre de archivo\n"
    )


def test_a_database_that_cannot_be_made_in_spanish(tmp_path: Path) -> None:
    i18n.set_language("es")
    where = tmp_path / "missing" / "d.sqlite3"
    with pytest.raises(DatabaseError) as caught:
        open_database(where)
    assert str(caught.value) == (f"no se puede crear {where}: la carpeta {where.parent} no existe")
    with pytest.raises(DatabaseError) as caught:
        open_database(tmp_path)
    assert str(caught.value) == f"{tmp_path} es una carpeta, no un archivo de base de datos"


def test_why_a_file_was_not_imported_in_spanish() -> None:
    from db.clips.importer import _os_reason

    no_room = OSError(errno.ENOSPC, "No space left on device")
    assert _os_reason(no_room) == "unreadable: no space left on the disk"
    i18n.set_language("es")
    assert _os_reason(no_room) == "ilegible: no queda espacio en el disco"


@pytest.mark.parametrize(
    ("folder", "spanish"),
    [
        ("data", "la carpeta de datos"),
        ("config", "la carpeta de la configuración"),
        ("state", "la carpeta del estado de la ventana"),
        ("cache", "la carpeta de caché"),
        ("logs", "la carpeta de registros"),
    ],
)
def test_a_file_where_a_folder_goes_in_spanish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str, spanish: str
) -> None:
    """DOORSTEP_DATA_DIR naming a file: which folder cannot be made, in Spanish; the
    file is left as it was."""
    from db.store import paths

    blocker = tmp_path / "portable"
    blocker.write_text("mine")
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(blocker))
    i18n.set_language("es")
    made = {
        "data": paths.data_dir,
        "config": paths.config_dir,
        "state": paths.state_dir,
        "cache": paths.cache_dir,
        "logs": paths.log_dir,
    }[folder]
    want = getattr(paths.layout(), folder)
    error = failure(made)
    assert str(error) == (
        f"no se puede crear {spanish} {want}: {blocker} es un archivo, no una carpeta"
    )
    assert blocker.read_text() == "mine"


def test_a_data_folder_that_is_a_file_in_spanish_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine")
    monkeypatch.setenv("DOORSTEP_DATA_DIR", str(blocker))
    monkeypatch.setenv("LANGUAGE", "es")
    assert main(["cameras", "list"]) == 1
    assert capsys.readouterr().err == (
        f"doorstep: no se puede crear la carpeta de datos {blocker}: "
        f"{blocker} es un archivo, no una carpeta\n"
    )
