"""The exhibit summary (db/sharing/exhibit.py, exhibit_pdf.py) of a real package: the
text word for word, the PDF read back by a PDF reader (Qt's PDFium) holding the case
and every hash, characters outside the fonts printed visibly, atomic writes."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    PublicFormat,
    load_pem_public_key,
)

from db.clips.media import sha256_file
from db.demo.synth import make_clip
from db.keys.signing import generate_keypair
from db.redaction.plan import Box, Mask, RedactionPlan, Track
from db.sharing.exhibit import EXHIBIT_PDF, EXHIBIT_TEXT, exhibit_text, write_exhibit
from db.sharing.package_spec import ExcerptSpec, PackageSpec
from db.sharing.packaging import build_package
from db.store.fileio import WriteError

T0 = datetime(2026, 11, 1, 6, 0, 0, tzinfo=UTC)
KEYS = generate_keypair()
FINGERPRINT = hashlib.sha256(
    load_pem_public_key(KEYS[1]).public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
).hexdigest()
REQUEST: dict[str, Any] = {
    "id": "req-2026-0042",
    "agency": {"id": "spd", "name": "Springfield Police"},
    "case_number": "2026-118830",
    "incident": "Parcel theft, Elm Street",
    "retention_days": 90,
    "third_party_sharing": False,
    "window": {"start": "2026-11-01T06:00:02Z", "end": "2026-11-01T06:00:04Z"},
}
CLOCK = {
    "offset_s": 133.0,
    "method": "a reference clock in the frame (a phone or clock showing network time)",
    "measured_at": "2026-10-30T17:02:11.000Z",
    "measurement": {
        "frame": {"clip_sha256": "9b" * 32, "at_s": 12.4},
        "camera_showed": "10/30/2026 01:02:13 PM",
        "camera_time_utc": "2026-10-30T17:02:13.000Z",
        "true_time_typed": "13:00:00",
        "true_time_utc": "2026-10-30T17:00:00.000Z",
        "note": "phone showing time.is",
    },
}
STATEMENT = "I saw a man take the parcel from my porch.\nZoë, my neighbour, saw him too."


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real package: a stream-copied excerpt with a measured clock, and a redacted
    one (a privacy mask and a drawn box, accepted in the window)."""
    root = tmp_path_factory.mktemp("exhibit")
    door = make_clip(root / "door.mp4", seconds=6, gop=12, hue=1)
    yard = make_clip(root / "yard.mp4", seconds=4, gop=12, hue=2)
    box = Track("box-1", "box", [(0.0, Box(10, 10, 40, 40)), (4.0, Box(20, 20, 40, 40))], "drawn")
    plan = RedactionPlan(
        2,
        1.0,
        3.0,
        320,
        240,
        masks=[Mask(7, "Neighbour's window", ((0, 0), (60, 0), (60, 40)))],
        tracks=[box],
    )
    excerpts = [
        ExcerptSpec(
            1, door, sha256_file(door), "Front door", 39.7817, -89.6501, T0, 6.0,
            T0 + timedelta(seconds=2), T0 + timedelta(seconds=4), camera_clock=CLOCK,
            camera_tz="America/Chicago", time_source="container",
        ),
        ExcerptSpec(
            2, yard, sha256_file(yard), "Yard", 39.7818, -89.6502, T0, 4.0,
            T0 + timedelta(seconds=1), T0 + timedelta(seconds=3), redaction=plan,
            redaction_accepted=("window", "2026-11-01T11:00:00.000Z"),
            camera_tz="Asia/Kolkata", time_source="filename:wyze",
        ),
    ]  # fmt: skip
    spec = PackageSpec(REQUEST, excerpts, audit_head="ab" * 32, audit_seq=41, statement=STATEMENT)
    return build_package(spec, root / "pkg", signing_key_pem=KEYS[0], key_id="resident-1")


def manifest_of(package: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((package / "manifest.json").read_bytes())
    data["created_at"] = "2026-11-01T12:00:00.123Z"  # the text below names it
    data["app"]["version"] = "0.1.0"
    return data


def pdf_text(path: Path) -> str:
    """The text a PDF reader finds on every page."""
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    try:
        return "\n".join(doc.getAllText(i).text() for i in range(doc.pageCount()))
    finally:
        doc.close()


def test_text_says_the_case_each_excerpt_its_times_clock_redactions_and_hashes(
    package: Path,
) -> None:
    m = manifest_of(package)
    door, yard = m["files"]
    assert m["statement"] == STATEMENT  # signed with the manifest
    text = exhibit_text(m, None)
    assert (
        text
        == f"""\
Exhibit summary: camera footage shared by a resident
====================================================

The package
-----------
Case number: 2026-118830
Agency: Springfield Police (spd)
Request id: req-2026-0042
Incident: Parcel theft, Elm Street
Window asked for: 2026-11-01 06:00:02 UTC to 2026-11-01 06:00:04 UTC
Package built: 2026-11-01 12:00:00.123 UTC by Doorstep 0.1.0
Excerpts: 2
Signed with the resident's key: resident-1 (Ed25519)
Its fingerprint (SHA-256 of the public key, DER): {FINGERPRINT}
Audit chain head: entry 41: {"ab" * 32}

The resident's statement
------------------------
I saw a man take the parcel from my porch.
Zoë, my neighbour, saw him too.

Excerpt 1 of 2
--------------
File: {door["name"]}
Camera: Front door
Start (UTC): 2026-11-01 06:00:01.200 UTC
Start (camera's local time): 2026-11-01 01:00:01.200 CDT (America/Chicago,
    UTC-05:00)
Start (the camera's clock read): 2026-11-01 01:02:14.200
End (UTC): 2026-11-01 06:00:04 UTC
End (camera's local time): 2026-11-01 01:00:04 CDT (America/Chicago,
    UTC-05:00)
End (the camera's clock read): 2026-11-01 01:02:17
Length: 2.8 s
Asked for: 2026-11-01 06:00:02 UTC to 2026-11-01 06:00:04 UTC
Time source: the recording's own time stamp
Camera clock offset: +133.000 s: the camera's clock was 133 s fast; taken off
    every time given here
How the offset is known: a reference clock in the frame (a phone or clock
    showing network time), on 2026-10-30 17:02:11 UTC (the camera's clock
    showed 10/30/2026 01:02:13 PM; the true time was 13:00:00; note: phone
    showing time.is; read at 12.4 s into the clip with SHA-256
    {"9b" * 32})
Cut by: stream copy
Audio: none in source
Removed: identifying tags stripped; embedded encoder and user data removed
Pictures: as the camera recorded them: no redaction plan
Excerpt SHA-256: {door["sha256"]}
Original's SHA-256: {door["source"]["sha256"]}

Excerpt 2 of 2
--------------
File: {yard["name"]}
Camera: Yard
Start (UTC): 2026-11-01 06:00:01 UTC
Start (camera's local time): 2026-11-01 11:30:01 IST (Asia/Kolkata, UTC+05:30)
End (UTC): 2026-11-01 06:00:03 UTC
End (camera's local time): 2026-11-01 11:30:03 IST (Asia/Kolkata, UTC+05:30)
Length: 2 s
Asked for: 2026-11-01 06:00:01 UTC to 2026-11-01 06:00:03 UTC
Time source: the folders and file name (wyze layout)
Camera clock offset: not said
How the offset is known: not said
Cut by: re-encoded (H.264): redacted: 1 privacy mask, 1 drawn box hidden
    (pixelate)
Audio: none in source
Removed: identifying tags stripped; embedded encoder and user data removed;
    pictures redacted: 1 privacy mask, 1 drawn box hidden (pixelate)
Pictures: redacted
Privacy masks: Neighbour's window
Faces: none hidden
Drawn boxes: 1 box hidden
Style: pixelated: at most 6 blocks across each hidden area, each block one
    mean colour
Accepted by: the resident, in the window, on 2026-11-01 11:00:00 UTC
Redaction plan SHA-256: {yard["redaction"]["plan_sha256"]}
Excerpt SHA-256: {yard["sha256"]}
Original's SHA-256: {yard["source"]["sha256"]}

This summary is made from the package's manifest.json, which the resident
signed. The manifest, not this summary, is the record: check the package with
'main.py verify PACKAGE' or by hand as docs/packages.md says, and compare each
excerpt's SHA-256 above with the file's.
"""
    )


def test_pdf_holds_the_case_the_statement_and_every_hash(
    package: Path, tmp_path: Path, qapp: Any
) -> None:
    m = manifest_of(package)
    paths = write_exhibit(tmp_path, m, STATEMENT)
    assert paths == [tmp_path / EXHIBIT_TEXT, tmp_path / EXHIBIT_PDF]
    assert paths[0].read_text("utf-8") == exhibit_text(m, STATEMENT)
    assert paths[1].read_bytes().startswith(b"%PDF-")
    text = pdf_text(paths[1])
    flat = "".join(text.split())  # a hash may be broken across lines
    assert "Case number 2026-118830" in text
    assert "Springfield Police" in text
    assert "Zoë, my neighbour, saw him too." in text
    for entry in m["files"]:
        assert entry["sha256"] in flat
        assert entry["source"]["sha256"] in flat
    assert "ab" * 32 in flat
    assert "Page 1 of" in text
    assert "?" not in text.replace("'?'", "")  # nothing replaced
    assert {p.name for p in tmp_path.iterdir()} == {EXHIBIT_TEXT, EXHIBIT_PDF}  # no temp left


def test_names_and_statement_in_other_scripts(package: Path, tmp_path: Path, qapp: Any) -> None:
    """Cyrillic and Greek print as written (DejaVu holds them); Japanese, which the
    shipped fonts lack, prints as "?" and the PDF says so; the text file keeps it all."""
    m = manifest_of(package)
    m["request"]["agency"]["name"] = "Полиция Σπρίνγκφιλντ"
    statement = "Видел вора. 泥棒を見ました。"
    text_path, pdf_path = write_exhibit(tmp_path, m, statement)
    assert "Agency: Полиция Σπρίνγκφιλντ (spd)" in text_path.read_text("utf-8")
    assert "泥棒を見ました。" in text_path.read_text("utf-8")
    text = pdf_text(pdf_path)
    assert "Полиция Σπρίνγκφιλντ" in text
    assert "Видел вора. ???????" in text
    assert "printed as '?'; exhibit-summary.txt holds the text as written" in text


def test_no_statement_and_the_manifests_own(package: Path) -> None:
    m = manifest_of(package)
    none = "The resident's statement\n------------------------\n(none given)\n"
    assert "Zoë, my neighbour" in exhibit_text(m, None)  # the signed one
    assert "Other words." in exhibit_text(m, "Other words.")  # the caller's wins
    m["statement"] = None
    assert none in exhibit_text(m, None)
    assert none in exhibit_text(m, "  \n ")
    del m["statement"]  # a package made before statements
    assert none in exhibit_text(m, None)


def test_the_summarys_own_entries_are_not_excerpts(package: Path) -> None:
    m = manifest_of(package)
    text = exhibit_text(m, None)
    m["files"].append({"name": "data/exhibit-summary.txt", "size": 10, "sha256": "00" * 32})
    assert exhibit_text(m, None) == text


def test_content_credentials_are_named(package: Path) -> None:
    m = manifest_of(package)
    m["files"][0]["content_credentials"] = {
        "format": "C2PA",
        "signer": "the resident's key resident-1, in a certificate the resident issued",
        "actions": ["c2pa.opened", "c2pa.trimmed", "c2pa.repackaged"],
    }
    text = exhibit_text(m, None)
    assert (
        "Content credentials: C2PA manifest in the file, signed with the resident's key\n"
        "    (a certificate the resident issued, on no public trust list): c2pa.opened,\n"
        "    c2pa.trimmed, c2pa.repackaged\n"
    ) in text
    assert text.count("Content credentials:") == 1


def test_a_write_that_fails_names_the_file_and_leaves_no_temporary_file(
    package: Path, tmp_path: Path
) -> None:
    m = manifest_of(package)
    (tmp_path / EXHIBIT_PDF).mkdir()  # something in the way
    with pytest.raises(WriteError, match=r"exhibit-summary\.pdf: it is a folder"):
        write_exhibit(tmp_path, m, None)
    assert sorted(p.name for p in tmp_path.iterdir()) == [EXHIBIT_PDF, EXHIBIT_TEXT]
    with pytest.raises(WriteError, match="missing does not exist"):
        write_exhibit(tmp_path / "missing", m, None)


def test_without_the_shipped_fonts_the_pdf_uses_latin1_and_says_so(
    package: Path, tmp_path: Path, qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken install (resources/fonts missing): fpdf2's core fonts, Latin-1 only."""
    from db.sharing import exhibit_pdf

    monkeypatch.setattr(exhibit_pdf, "fonts_dir", lambda: None)
    m = manifest_of(package)
    m["request"]["agency"]["name"] = "Полиция Springfield"
    _, pdf_path = write_exhibit(tmp_path, m, "Zoë saw it — at 3 pm.")
    text = pdf_text(pdf_path)
    assert "??????? Springfield" in text
    assert "Zoë saw it ? at 3 pm." in text  # é is Latin-1; the dash is not
    assert "printed as '?'; exhibit-summary.txt holds the text as written" in text
    assert m["files"][0]["sha256"] in "".join(text.split())


def test_an_unchecked_clock_is_not_called_right() -> None:
    from db.sharing.exhibit import offset_words

    unchecked = offset_words({"offset_s": 0.0, "method": "not measured"})
    assert "right" not in unchecked and "not checked" in unchecked
    measured = offset_words({"offset_s": 0.0, "method": "read from a frame of the clip"})
    assert measured == "none: the camera's clock was right (0 s)"
