"""Words made in db/ that the window shows, in Spanish once the window speaks it, and
byte for byte English otherwise (docs/translating.md): a typed time's refusal names
its month and weekday in Spanish, a clip's start source and the import's summary are
Spanish, and a package's manifest says where a start came from in English whatever
the window speaks."""

from __future__ import annotations

from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

from db.clips.clip_time import MTIME_NOTE, source_words
from db.clips.clock_text import TimeTextError, parse_time
from db.clips.import_summary import ImportSummary
from db.sharing.package_manifest import _english_source_words
from db.words import i18n
from db.words.time_notes import note_words, uncertain_words

ZONE = ZoneInfo("America/Los_Angeles")


@pytest.fixture
def spanish() -> Iterator[None]:
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def refusal(text: str) -> str:
    with pytest.raises(TimeTextError) as caught:
        parse_time(text, ZONE)
    return str(caught.value)


def test_a_typed_times_refusal_names_month_and_weekday_in_spanish(spanish: None) -> None:
    assert refusal("2026-02-30 10:00:00") == (
        "'2026-02-30' no es una fecha (febrero de 2026 tiene 28 días)"
    )
    assert refusal("Fri 2026-11-19 10:00:00") == (
        "'Fri 2026-11-19 10:00:00': 2026-11-19 es jueves, no viernes"
    )
    assert "5 de marzo de 2026 o 3 de mayo de 2026" in refusal("03/05/2026 10:00:00")


def test_the_refusals_read_as_before_in_english() -> None:
    assert (
        refusal("2026-02-30 10:00:00") == "'2026-02-30' is not a date (February 2026 has 28 days)"
    )
    assert refusal("Fri 2026-11-19 10:00:00") == (
        "'Fri 2026-11-19 10:00:00': 2026-11-19 is a Thursday, not a Friday"
    )
    assert "5 March 2026 or 3 May 2026" in refusal("03/05/2026 10:00:00")


def test_start_sources_notes_and_the_import_summary_in_spanish(spanish: None) -> None:
    assert source_words("container") == "la marca de tiempo de la propia grabación"
    assert source_words("filename:wyze") == "las carpetas y el nombre del archivo (formato wyze)"
    assert note_words(MTIME_NOTE).startswith("solo la hora de modificación del archivo")
    layout = (
        "the file name's time is ambiguous: the camera's clock showed this hour twice "
        "(daylight saving time ended); the name gives when the event ended; read as UTC"
    )
    assert note_words(layout) == (
        "la hora del nombre del archivo es ambigua: el reloj de la cámara mostró esta hora "
        "dos veces (terminó el horario de verano); el nombre da cuándo terminó el evento; "
        "leído como UTC"
    )
    assert uncertain_words("") == "hora incierta: no se pudo comprobar su inicio"
    assert note_words("the hour folder 13 does not match the name's hour 14") == (
        "la carpeta de la hora 13 no coincide con la hora del nombre, 14"
    )
    assert note_words(
        "the file name says 2026-11-20 14:15:00 UTC but the QuickTime creation date says "
        "2026-11-20 22:15:00 UTC (8.0 hours later); a whole number of hours apart: one of "
        "them may be local time read as UTC"
    ) == (
        "el nombre del archivo dice 2026-11-20 14:15:00 UTC pero la fecha de creación de "
        "QuickTime dice 2026-11-20 22:15:00 UTC (8.0 horas después); separadas por un número "
        "entero de horas: una de ellas puede ser la hora local leída como UTC"
    )
    assert note_words("something a later version wrote") == "something a later version wrote"
    summary = ImportSummary(added=1, uncertain=1, known=2, cancelled=True)
    assert summary.text() == (
        "1 clip agregado (1 con hora incierta), 2 ya en la biblioteca, 0 omitidos (cancelada)"
    )
    # The manifest is a record: English whatever the window speaks.
    assert _english_source_words("container") == "the recording's own time stamp"


def test_english_is_as_it_was() -> None:
    assert source_words("filename:wyze") == "the folders and file name (wyze layout)"
    assert note_words(MTIME_NOTE) == MTIME_NOTE
    assert uncertain_words("") == "time uncertain: its start could not be checked"
    summary = ImportSummary(added=2, uncertain=1, known=2, cancelled=True)
    summary.known_elsewhere = {"Gate": 1}
    assert summary.text() == (
        "2 clips added (1 with an uncertain time), 2 already in the library (1 as Gate's), "
        "0 skipped (cancelled)"
    )


def test_a_hand_overs_refusals_in_spanish(spanish: None, tmp_path) -> None:
    from datetime import UTC, datetime, timedelta

    from db.sharing.handover import HandoverError, record_handover
    from db.store.database import open_database

    db = open_database(tmp_path / "d.sqlite3")
    now = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)

    def refused(**kw: object) -> str:
        args: dict = {"method": "usb", "handed_at": now, "recipient": None, "note": None}
        with pytest.raises(HandoverError) as caught:
            record_handover(db, 1, **(args | kw), encrypted_sha256=None, now=now)
        return str(caught.value)

    assert refused(handed_at=now + timedelta(days=1)) == (
        "la fecha de entrega 2026-12-07T12:00:00.000Z está en el futuro "
        "(ahora es 2026-12-06T12:00:00.000Z)"
    )
    assert refused(recipient="x" * 201) == "el destinatario tiene 201 caracteres; como máximo 200"
    assert refused() == "no existe el paquete 1"
    db.close()


def test_an_audit_entrys_rule_summary_reads_in_spanish(spanish: None) -> None:
    from db.audit.words import details_text

    text = details_text({"summary": "2 blocks, 4 warnings", "state": "new"})
    assert "2 bloqueos, 4 advertencias" in text
    assert "blocks" not in text and "warnings" not in text


def test_an_audit_entrys_rule_summary_reads_as_stored_in_english() -> None:
    from db.audit.words import details_text

    assert "Summary: 2 blocks, 4 warnings" in details_text({"summary": "2 blocks, 4 warnings"})


def test_the_import_dialogs_detected_layout_in_spanish(spanish: None) -> None:
    from db.clips.name_times import detect_profile

    paths = ["20261120/14/15.mp4", "20261120/14/16.mp4", "misc/clip.mp4"]
    assert detect_profile(paths).words() == ("Nombrados como wyze: 2 de los primeros 3 archivo(s).")
    assert detect_profile(["a.mp4"]).words() == (
        "Ningún formato de nombres conocido en los primeros 1 archivo(s)."
    )


def test_rule_settings_that_make_no_sense_are_refused_in_spanish(spanish: None) -> None:
    from db.requests.rules import SettingsError, settings_from_json

    with pytest.raises(SettingsError) as caught:
        settings_from_json({"min_area_sq_mi": 0.5, "max_area_sq_mi": 0.025})
    assert str(caught.value) == "min_area_sq_mi: 0.5 es mayor que max_area_sq_mi (0.025)"


def test_the_evidence_stores_refusals_in_spanish(spanish: None, tmp_path) -> None:
    from db.holds.evidence_store import EvidenceStore, StoreError

    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the store's folders would go")
    source = tmp_path / "clip.mp4"
    source.write_bytes(b"video")
    digest = "ab" * 32
    with EvidenceStore(blocker / "store") as store, pytest.raises(OSError) as failed:
        store.put(source, digest)
    assert str(failed.value).startswith("no se puede crear el almacén de pruebas ")
    with EvidenceStore(tmp_path / "store") as store, pytest.raises(StoreError) as caught:
        store.put(tmp_path, digest)
    assert str(caught.value) == f"{tmp_path} no es un archivo"


def test_an_imports_skipped_files_say_why_in_spanish(spanish: None, tmp_path) -> None:
    from db.clips.cameras import Camera, add_camera
    from db.clips.importer import import_folder
    from db.store.database import open_database

    db = open_database(tmp_path / "d.sqlite3")
    cam = add_camera(db, Camera("Porch", 47.6, -122.3))
    folder = tmp_path / "card"
    folder.mkdir()
    (folder / "empty.mp4").write_bytes(b"")
    summary = import_folder(db, folder, cam, probe_processes=0)
    db.close()
    assert [s.reason for s in summary.skipped] == ["archivo vacío (0 bytes)"]
    assert summary.text() == "0 clips agregados, 1 omitido"


def test_a_share_that_cannot_be_sent_says_why_in_spanish(spanish: None) -> None:
    from db.sharing.shares import SharingError, delivery_url

    with pytest.raises(SharingError) as caught:
        delivery_url({"method": "portal", "url": "https://portal.example"})
    assert str(caught.value) == (
        "esta solicitud pide el paquete por el portal de la agencia (https://portal.example): "
        "exporte el paquete y súbalo allí"
    )
    with pytest.raises(SharingError) as caught:
        delivery_url(None)
    assert str(caught.value).startswith("esta solicitud pide entrega en mano")
