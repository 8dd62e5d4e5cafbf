"""A request file that cannot be read is refused in the same words by the command line
and by the window's import (both read it through db.requests.request_file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.requests.request_types import MAX_DOCUMENT_BYTES
from db.store.database import open_database
from desktop.cli import main
from desktop.request_import import import_files


def unreadable(tmp_path: Path) -> list[tuple[Path, str]]:
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.truncate(MAX_DOCUMENT_BYTES + 1)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    return [
        (tmp_path / "missing.json", "file not found"),
        (folder, "is a folder, not a request document"),
        (big, f"document is {MAX_DOCUMENT_BYTES + 1:,} bytes; the limit is 1,000,000"),
    ]


def test_command_line_and_window_say_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "d.sqlite3"
    cases = unreadable(tmp_path)
    for file, why in cases:
        assert main(["--db", str(path), "import-request", str(file)]) == 1
        out, err = capsys.readouterr()
        assert (out, err) == ("", f"doorstep: {file}: {why}\n")
    db = open_database(path)
    try:
        results = import_files(db, [file for file, _ in cases])
        assert results == [(file, f"{file}: {why}") for file, why in cases]
        assert db.execute("SELECT count(*) FROM requests").fetchone()[0] == 0
    finally:
        db.close()
