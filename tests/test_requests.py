"""Requests end to end through the command line and the data layer: intake, storage
exactly as received, the resident's rules, matching, edits and withdrawals."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db.clips.cameras import Camera, add_camera
from db.requests.inbox import list_requests
from db.requests.intake import apply_feed, import_request_bytes
from db.requests.request_doc import parse_request
from db.store.database import open_database
from desktop.cli import main
from tests.requests_helpers import PORCH, insert_clip, make_doc, window_base, write_doc


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def dbfile(tmp_path: Path) -> str:
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    add_camera(db, Camera("Porch", PORCH[1], PORCH[0], tz="America/Los_Angeles"))
    db.close()
    return str(path)


def counts(path: str) -> tuple[int, int, int]:
    db = open_database(path)
    n = [
        int(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
        for t in ("requests", "agencies", "request_rules")
    ]
    db.close()
    return n[0], n[1], n[2]


def test_import_show_and_list_with_spec_keys(tmp_path: Path, dbfile: str, capsys) -> None:
    doc = make_doc()
    path = write_doc(tmp_path, doc)
    code, out, err = run(capsys, "--db", dbfile, "import-request", str(path))
    assert code == 0, err
    assert "stored" in out and "Status: new" in out
    code, out, _ = run(capsys, "--db", dbfile, "requests", "show", doc["id"], "--json")
    shown = json.loads(out)
    assert shown["id"] == doc["id"] and shown["case_number"] == "2026-004512"
    assert shown["agency"] == "Example Police Department"
    assert shown["status"] == "new"
    names = [r["rule"] for r in shown["rules"]]
    assert names == [
        "case_number",
        "contact",
        "footage_age",
        "area",
        "expiry",
        "signature",
        "retention",
        "third_party",
        "window",
    ]
    for r in shown["rules"]:
        assert set(r) == {"rule", "outcome", "reason"} and r["reason"].strip()
    outcomes = {r["rule"]: r["outcome"] for r in shown["rules"]}
    assert outcomes["signature"] == "warn" and outcomes["area"] == "ok"
    code, out, _ = run(capsys, "--db", dbfile, "requests", "list", "--json")
    listed = json.loads(out)
    assert [r["id"] for r in listed] == [doc["id"]]


def test_stored_exactly_as_received(tmp_path: Path, dbfile: str, capsys) -> None:
    doc = make_doc()
    path = tmp_path / "r.json"
    raw = (json.dumps(doc, indent=3) + "\n\n").encode()
    path.write_bytes(raw)
    assert run(capsys, "--db", dbfile, "import-request", str(path))[0] == 0
    db = open_database(dbfile)
    stored, digest = db.execute("SELECT raw, sha256 FROM requests").fetchone()
    assert bytes(stored) == raw and digest == hashlib.sha256(raw).hexdigest()


def test_same_document_twice_is_one_request(tmp_path: Path, dbfile: str, capsys) -> None:
    doc = make_doc()
    path = write_doc(tmp_path, doc)
    run(capsys, "--db", dbfile, "import-request", str(path))
    # Same content, other key order and spacing: still the same request.
    again = tmp_path / "again.json"
    again.write_text(json.dumps(dict(reversed(list(doc.items())))))
    code, out, _ = run(capsys, "--db", dbfile, "import-request", str(again))
    assert code == 0 and "unchanged" in out
    assert counts(dbfile)[0] == 1


def test_duplicate_id_with_different_content_is_refused(
    tmp_path: Path, dbfile: str, capsys
) -> None:
    doc = make_doc()
    run(capsys, "--db", dbfile, "import-request", str(write_doc(tmp_path, doc)))
    before = counts(dbfile)
    changed = dict(doc, case_number="2026-999999")
    code, out, err = run(
        capsys, "--db", dbfile, "import-request", str(write_doc(tmp_path, changed, "x.json"))
    )
    assert code == 1 and out == ""
    assert "id:" in err and "already stored" in err
    assert counts(dbfile) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"format": "doorstep.request/1", "id": ', "line 1"),
        (
            json.dumps(make_doc(window={"start": "2026-11-20T14:00:00", "end": "x"})).encode(),
            "window.start",
        ),
        (json.dumps(make_doc(format="doorstep.request/2")).encode(), "format"),
        (json.dumps(make_doc(agency=None)).encode(), "agency"),
    ],
)
def test_refused_documents_leave_nothing(
    tmp_path: Path,
    dbfile: str,
    capsys,
    content: bytes,
    expected: str,
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    code, out, err = run(capsys, "--db", dbfile, "import-request", str(path))
    assert code == 1 and out == ""
    assert "refused" in err and expected in err
    assert len(err.strip().splitlines()) == 1
    assert counts(dbfile) == (0, 0, 0)


def test_oversize_document_is_refused_unread(tmp_path: Path, dbfile: str, capsys) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as f:
        f.truncate(1_000_001)  # sparse: reading it would find only zeros
    code, _, err = run(capsys, "--db", dbfile, "import-request", str(path))
    assert code == 1 and "1,000,001 bytes" in err and "1,000,000" in err
    assert counts(dbfile) == (0, 0, 0)


def test_match_lists_overlapping_clips_of_cameras_in_the_area(tmp_path: Path, capsys) -> None:
    path = str(tmp_path / "m.sqlite3")
    db = open_database(path)
    porch = add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    far = add_camera(db, Camera("Cabin", 47.75, -122.1))
    start = window_base()
    assert porch.id is not None and far.id is not None
    inside = insert_clip(db, porch.id, start + timedelta(minutes=30), 60, "in.mp4")
    straddle = insert_clip(db, porch.id, start - timedelta(seconds=30), 60, "straddle.mp4")
    insert_clip(db, porch.id, start - timedelta(minutes=5), 60, "before.mp4")
    insert_clip(db, porch.id, start + timedelta(hours=2, seconds=1), 60, "after.mp4")
    insert_clip(db, far.id, start + timedelta(minutes=30), 60, "far.mp4")
    db.close()
    doc = make_doc()
    run(capsys, "--db", path, "import-request", str(write_doc(tmp_path, doc)))
    code, out, _ = run(capsys, "--db", path, "match", doc["id"], "--json")
    assert code == 0
    found = json.loads(out)
    assert [c["clip_id"] for c in found] == [straddle, inside]
    for c in found:
        assert set(c) >= {"clip_id", "camera", "start", "end"} and c["camera"] == "Porch"
        assert c["start"].endswith("Z")


def test_view_cones_are_a_setting(tmp_path: Path, capsys) -> None:
    """A camera 400 m south of the area's centre, looking north with 200 m range,
    sees into a 300 m circle; it matches only when the resident asks for cones."""
    path = str(tmp_path / "c.sqlite3")
    db = open_database(path)
    lat_south = PORCH[1] - 400 / 111_200
    cam = add_camera(
        db, Camera("Gate", lat_south, PORCH[0], heading_deg=0, fov_deg=60, range_m=200)
    )
    behind = add_camera(
        db, Camera("Back", lat_south, PORCH[0] + 0.0001, heading_deg=180, fov_deg=60, range_m=200)
    )
    assert cam.id is not None and behind.id is not None
    clip = insert_clip(db, cam.id, window_base() + timedelta(minutes=5), 60, "gate.mp4")
    insert_clip(db, behind.id, window_base() + timedelta(minutes=5), 60, "back.mp4")
    db.close()
    doc = make_doc()
    run(capsys, "--db", path, "import-request", str(write_doc(tmp_path, doc)))
    code, out, _ = run(capsys, "--db", path, "requests", "show", doc["id"], "--json")
    assert json.loads(out)["status"] == "no footage"
    assert json.loads(run(capsys, "--db", path, "match", doc["id"], "--json")[1]) == []
    code, out, _ = run(capsys, "--db", path, "rules", "set", "match_view_cones", "true")
    assert code == 0 and "1 request checked again" in out
    found = json.loads(run(capsys, "--db", path, "match", doc["id"], "--json")[1])
    assert [c["clip_id"] for c in found] == [clip]
    code, out, _ = run(capsys, "--db", path, "requests", "show", doc["id"], "--json")
    assert json.loads(out)["status"] == "new"


def test_statuses_no_footage_and_expired(tmp_path: Path, dbfile: str, capsys) -> None:
    elsewhere = make_doc(area={"type": "Point", "coordinates": [-122.1, 47.75], "radius_m": 300})
    now = datetime.now(UTC)
    expired = make_doc(
        issued_at=(now - timedelta(days=20)).isoformat(),
        expires_at=(now - timedelta(days=1)).isoformat(),
    )
    for d in (elsewhere, expired):
        assert run(capsys, "--db", dbfile, "import-request", str(write_doc(tmp_path, d)))[0] == 0
    listed = {
        r["id"]: r for r in json.loads(run(capsys, "--db", dbfile, "requests", "list", "--json")[1])
    }
    assert listed[elsewhere["id"]]["status"] == "no footage"
    assert listed[expired["id"]]["status"] == "expired"
    shown = json.loads(run(capsys, "--db", dbfile, "requests", "show", expired["id"], "--json")[1])
    expiry = next(r for r in shown["rules"] if r["rule"] == "expiry")
    assert expiry["outcome"] == "block"


def test_rules_block_and_auto_decline(tmp_path: Path, dbfile: str, capsys) -> None:
    assert run(capsys, "--db", dbfile, "rules", "set", "auto_decline_blocked", "yes")[0] == 0
    big = make_doc(
        case_number=None, area={"type": "Point", "coordinates": list(PORCH), "radius_m": 1500}
    )
    code, out, _ = run(capsys, "--db", dbfile, "import-request", str(write_doc(tmp_path, big)))
    assert code == 0 and "declined automatically (nothing was sent)" in out
    shown = json.loads(run(capsys, "--db", dbfile, "requests", "show", big["id"], "--json")[1])
    assert shown["status"] == "decided"
    outcomes = {r["rule"]: r for r in shown["rules"]}
    assert outcomes["case_number"]["outcome"] == "block"
    assert outcomes["area"]["outcome"] == "block" and "sq mi" in outcomes["area"]["reason"]
    # A request within the rules is not touched by the option.
    ok = make_doc()
    run(capsys, "--db", dbfile, "import-request", str(write_doc(tmp_path, ok)))
    shown = json.loads(run(capsys, "--db", dbfile, "requests", "show", ok["id"], "--json")[1])
    assert shown["status"] == "new"


def test_bad_rule_setting_is_refused(dbfile: str, capsys) -> None:
    code, _, err = run(capsys, "--db", dbfile, "rules", "set", "max_area_sq_mi", "lots")
    assert code == 1 and "max_area_sq_mi" in err
    code, _, err = run(capsys, "--db", dbfile, "rules", "set", "no_such_rule", "1")
    assert code == 1 and "unknown setting" in err
    code, _, err = run(capsys, "--db", dbfile, "rules", "set", "min_area_sq_mi", "9")
    assert code == 1 and "min_area_sq_mi" in err


def test_signed_requests_from_a_registered_agency(tmp_path: Path, dbfile: str, capsys) -> None:
    key = tmp_path / "agency.key"
    assert run(capsys, "agency", "keygen", "--out", str(key))[0] == 0
    assert key.exists() and Path(str(key) + ".pub").exists()
    doc = make_doc()
    unsigned = write_doc(tmp_path, doc)
    code, out, _ = run(
        capsys, "agency", "sign", str(unsigned), "--key", str(key), "--key-id", "ex-pd-2026"
    )
    assert code == 0
    signed = json.loads(out)
    assert signed["signature"]["alg"] == "Ed25519"
    signed_path = tmp_path / "signed.json"
    signed_path.write_text(out)
    # Unknown key first: a warning, stored.
    assert run(capsys, "--db", dbfile, "import-request", str(signed_path))[0] == 0
    shown = json.loads(run(capsys, "--db", dbfile, "requests", "show", doc["id"], "--json")[1])
    assert {r["rule"]: r["outcome"] for r in shown["rules"]}["signature"] == "warn"
    # Registering the agency's key checks stored requests again: now verified.
    code, out, err = run(
        capsys,
        "--db",
        dbfile,
        "agency",
        "add",
        "ex-pd",
        "--name",
        "Example Police Department",
        "--public-key",
        f"{key}.pub",
        "--key-id",
        "ex-pd-2026",
    )
    assert code == 0, err
    shown = json.loads(run(capsys, "--db", dbfile, "requests", "show", doc["id"], "--json")[1])
    assert {r["rule"]: r["outcome"] for r in shown["rules"]}["signature"] == "ok"
    # A tampered copy under a new id: the signature no longer matches and blocks.
    tampered = dict(signed, id=signed["id"] + "-x")
    tampered_path = tmp_path / "tampered.json"
    tampered_path.write_text(json.dumps(tampered))
    assert run(capsys, "--db", dbfile, "import-request", str(tampered_path))[0] == 0
    shown = json.loads(run(capsys, "--db", dbfile, "requests", "show", tampered["id"], "--json")[1])
    assert {r["rule"]: r["outcome"] for r in shown["rules"]}["signature"] == "block"


def test_feed_edits_keep_both_versions_and_drops_mark_withdrawn(tmp_path: Path) -> None:
    db = open_database(tmp_path / "f.sqlite3")
    add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    db.execute("INSERT INTO feeds (url, created_at) VALUES ('https://feed.test/r', 'now')")
    db.conn.commit()
    a, b = make_doc(), make_doc()
    now = datetime.now(UTC)

    def docs(*items: dict) -> list:
        return [parse_request(json.dumps(i).encode()) for i in items]

    first = apply_feed(db, 1, docs(a, b), [], now=now)
    assert first.count("added") == 2
    same = apply_feed(db, 1, docs(a, b), [], now=now)
    assert same.count("unchanged") == 2 and same.count("added") == 0
    a2 = dict(a, description="Updated: also the side gate.")
    third = apply_feed(db, 1, docs(a2), [], now=now)
    assert third.count("edited") == 1 and third.count("withdrawn") == 1
    rows = db.execute(
        "SELECT request_id, version, state, description FROM requests ORDER BY id"
    ).fetchall()
    assert rows == [
        (a["id"], 1, "edited", a["description"]),
        (b["id"], 1, "withdrawn", b["description"]),
        (a["id"], 2, "current", a2["description"]),
    ]
    inbox = {r.request_id: r.status for r in list_requests(db, now=now)}
    assert inbox == {a["id"]: "new", b["id"]: "withdrawn"}


def test_a_failure_midway_leaves_no_partial_request(tmp_path: Path, monkeypatch) -> None:
    import db.requests.intake as reqmod

    db = open_database(tmp_path / "p.sqlite3")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(reqmod, "_write_rules", broken)
    with pytest.raises(RuntimeError):
        import_request_bytes(db, json.dumps(make_doc()).encode(), now=datetime.now(UTC))
    for table in ("requests", "agencies", "request_rules"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
