"""The words in the command line's listings (cameras, clips, feeds) in its language;
English and the JSON exactly as before."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.words import i18n
from desktop.cli import main
from tests.videos import Library


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lang: str, *argv: str):
    monkeypatch.setenv("LANGUAGE", lang)
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str], library: Library) -> str:
    path = str(tmp_path / "d.sqlite3")
    for argv in (
        ["cameras", "add", "Porch", "--lat", "1", "--lon", "2", "--heading", "180", "--fov",
         "100", "--range", "30", "--tz", "UTC", "--clock-offset", "-4"],
        ["cameras", "add", "Gate", "--lat", "1", "--lon", "2", "--tz", "UTC"],
        ["import-clips", str(library.root), "--camera", "Porch"],
        ["feeds", "add", "https://agency.example/feed.json"],
    ):  # fmt: skip
        assert main(["--db", path, *argv]) == 0
    capsys.readouterr()
    # Retired, as a camera whose decided clips are kept is (db.clips.cameras.remove_camera).
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE cameras SET retired_at = '2026-11-21T09:00:00Z' WHERE name = 'Gate'")
    conn.close()
    return path


def test_cameras_list(db: str, capsys, monkeypatch) -> None:
    english = run(capsys, monkeypatch, "en", "--db", db, "cameras", "list", "--all")
    assert english.splitlines() == [
        "   2  Gate   (1.000000, 2.000000)       UTC  retired 2026-11-21T09:00:00Z",
        "   1  Porch  (1.000000, 2.000000)       UTC  heading 180°, fov 100°, range 30 m"
        "  clock -4 s",
    ]
    spanish = run(capsys, monkeypatch, "es", "--db", db, "cameras", "list", "--all")
    assert spanish.splitlines() == [
        "   2  Gate   (1.000000, 2.000000)       UTC  retirada 2026-11-21T09:00:00Z",
        "   1  Porch  (1.000000, 2.000000)       UTC  orientación 180°, ángulo 100°,"
        " alcance 30 m  reloj -4 s",
    ]
    as_json = [run(capsys, monkeypatch, lang, "--db", db, "cameras", "list", "--json", "--all")
               for lang in ("en", "es")]  # fmt: skip
    assert as_json[0] == as_json[1]


def test_clips_list(db: str, capsys, monkeypatch) -> None:
    english = run(capsys, monkeypatch, "en", "--db", db, "clips", "list")
    assert re.search(r" s  \d+x\d+  audio     Porch  ", english)
    assert re.search(r" s  \d+x\d+  no audio  Porch  ", english)
    assert "  (time uncertain: " in english
    spanish = run(capsys, monkeypatch, "es", "--db", db, "clips", "list")
    assert re.search(r" s  \d+x\d+  audio      Porch  ", spanish)
    assert re.search(r" s  \d+x\d+  sin audio  Porch  ", spanish)
    assert "  (hora incierta: " in spanish and "time uncertain" not in spanish
    as_json = [run(capsys, monkeypatch, lang, "--db", db, "clips", "list", "--json")
               for lang in ("en", "es")]  # fmt: skip
    assert json.loads(as_json[0]) == json.loads(as_json[1])


def test_feeds_list(db: str, capsys, monkeypatch) -> None:
    english = run(capsys, monkeypatch, "en", "--db", db, "feeds", "list")
    assert english == "  1  https://agency.example/feed.json  ok never\n"
    spanish = run(capsys, monkeypatch, "es", "--db", db, "feeds", "list")
    assert spanish == "  1  https://agency.example/feed.json  sin consultar\n"


def test_agency_history(tmp_path: Path, capsys, monkeypatch) -> None:
    from tests.requests_helpers import make_doc, write_doc

    db = str(tmp_path / "h.sqlite3")
    doc = make_doc()
    doc.pop("case_number", None)
    assert main(["--db", db, "import-request", str(write_doc(tmp_path, doc))]) == 0
    capsys.readouterr()
    agency = doc["agency"]["id"]
    english = run(capsys, monkeypatch, "en", "--db", db, "agency", "history", agency)
    assert ": 1 requests, 0 edited, 0 withdrawn; " not in english
    assert ": 1 request, 0 edited, 0 withdrawn; " in english
    assert "(no case number)" in english
    spanish = run(capsys, monkeypatch, "es", "--db", db, "agency", "history", agency)
    assert ": 1 solicitud; modificadas: 0, retiradas: 0; no cumplen sus reglas: 1; " in spanish
    assert "(Estas cifras se quedan en este equipo.)" in spanish
    assert " (sin nº de caso) " in spanish and "1 advertencia" in spanish


def test_request_status_and_state_and_the_audit_verdict(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    from tests.requests_helpers import make_doc, write_doc

    db = str(tmp_path / "r.sqlite3")
    doc = make_doc()
    assert main(["--db", db, "import-request", str(write_doc(tmp_path, doc))]) == 0
    capsys.readouterr()
    english = run(capsys, monkeypatch, "en", "--db", db, "requests", "list")
    assert "  no footage      " in english
    shown = run(capsys, monkeypatch, "en", "--db", db, "requests", "show", doc["id"])
    assert "(version 1, current)" in shown and "  Status:   no footage" in shown
    spanish = run(capsys, monkeypatch, "es", "--db", db, "requests", "list")
    assert "  sin video       " in spanish and "no footage" not in spanish
    shown = run(capsys, monkeypatch, "es", "--db", db, "requests", "show", doc["id"])
    assert "(versión 1, vigente)" in shown and "  Estado:   sin video" in shown
    history = run(capsys, monkeypatch, "es", "--db", db, "agency", "history", "ex-pd")
    assert " v1 vigente   " in history
    verdict = run(capsys, monkeypatch, "es", "--db", db, "audit", "verify")
    assert verdict.startswith("El registro de auditoría está intacto: 1 entrada, cabeza ")
    verdict = run(capsys, monkeypatch, "en", "--db", db, "audit", "verify")
    assert verdict.startswith("The audit trail is intact: 1 entry, head ")
