"""Checking a feed in a process of its own (db.requests.feed_check): what it stores must be
exactly what checking in the app's own process stores, a change made meanwhile
(settings, cameras, an agency's keys) must not leave stale results, and a feed that
cannot be read, or a cancelled check, leaves nothing behind."""

from __future__ import annotations

import json
import multiprocessing
import pickle
import threading
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from db.audit import trail as audit
from db.clips.cameras import Camera, add_camera, edit_camera, find_camera
from db.keys.signing import generate_keypair, load_public_key, sign_document
from db.requests.agencies import add_key, ensure_agency
from db.requests.feed_check import (
    Checked,
    FeedCheckCancelled,
    FeedChecker,
    Parsed,
    Started,
    check_feed,
    read_context,
    store_checked,
)
from db.requests.feeds import add_feed
from db.requests.intake import (
    load_rule_settings,
    receive_feed_items,
    save_rule_settings,
)
from db.requests.request_feed import parse_feed
from db.requests.request_types import RequestError
from db.store.database import open_database
from tests.requests_helpers import PORCH, make_doc

NOW = datetime.now(UTC)


def feed_body(docs: list[dict]) -> bytes:
    return json.dumps({"format": "doorstep.feed/1", "requests": docs}).encode()


def fresh_db(path: Path):
    db = open_database(path)
    add_camera(db, Camera("Porch", PORCH[1], PORCH[0]))
    feed = add_feed(db, "https://agency.example/feed")
    return db, feed.id


def varied_docs(count: int) -> list[dict]:
    """Requests that pass, warn and block, near and far from the camera."""
    docs = []
    for i in range(count):
        doc = make_doc()
        if i % 3 == 1:  # far away: no footage
            doc["area"]["coordinates"] = [PORCH[0] + 0.3, PORCH[1]]
        if i % 4 == 2:  # too small an area: blocked
            doc["area"]["radius_m"] = 20
        if i % 5 == 3:
            doc.pop("case_number", None)
        docs.append(doc)
    return docs


def dump(db, sql: str) -> list[tuple]:
    return [tuple(r) for r in db.execute(sql).fetchall()]


TABLES = {
    "requests": "SELECT * FROM requests ORDER BY id",
    "request_rules": "SELECT * FROM request_rules ORDER BY request_row, position",
    # Set-up entries (camera, feed) carry the time they were made; compare the rest.
    "audit_log": "SELECT seq, action, request_id, agency_id, details FROM audit_log ORDER BY seq",
    "agencies": "SELECT id, name, jurisdiction FROM agencies ORDER BY id",
}


def checked_part(message: Started | list[Checked] | Parsed) -> list[Checked]:
    """A message of the checker's that must be a part of checked items."""
    assert isinstance(message, list), message
    return message


def test_a_feed_checked_in_the_process_is_stored_as_if_checked_here(tmp_path: Path) -> None:
    body = feed_body(varied_docs(40))
    here, here_feed = fresh_db(tmp_path / "here.sqlite3")
    there, there_feed = fresh_db(tmp_path / "there.sqlite3")

    docs, refused = parse_feed(body)
    assert not refused
    receive_feed_items(here, here_feed, docs, now=NOW)

    context = read_context(there)
    messages = list(FeedChecker(body, context, NOW, part=15))
    started, parsed = messages[0], messages[-1]
    assert isinstance(started, Started) and started.items == 40
    assert isinstance(parsed, Parsed)
    assert parsed.to_check == 40 and len(parsed.listed) == 40
    parts = [checked_part(m) for m in messages[1:-1]]
    assert [len(p) for p in parts] == [15, 15, 10]
    for part in parts:
        store_checked(there, there_feed, part, context, now=NOW)

    for name, sql in TABLES.items():
        assert dump(here, sql) == dump(there, sql), name
    assert audit.verify(there).ok
    outcomes = {r[0] for r in dump(there, "SELECT worst_outcome FROM requests")}
    assert {"warn", "block"} <= outcomes  # unsigned requests warn; tiny areas block
    assert 0 in {r[0] for r in dump(there, "SELECT cameras_in_area FROM requests")}


def test_requests_stored_unchanged_are_not_checked_again(tmp_path: Path) -> None:
    db, feed_id = fresh_db(tmp_path / "d.sqlite3")
    docs = varied_docs(6)
    first = list(check_feed(feed_body(docs), read_context(db), NOW))
    store_checked(db, feed_id, checked_part(first[1]), read_context(db), now=NOW)

    docs[2]["incident"] = "changed by the agency"
    again = list(check_feed(feed_body(docs), read_context(db), NOW))
    parsed = again[-1]
    assert isinstance(parsed, Parsed)
    assert parsed.to_check == 1
    assert sorted(r.request_id for r in parsed.unchanged) == sorted(
        d["id"] for i, d in enumerate(docs) if i != 2
    )
    applied = store_checked(db, feed_id, checked_part(again[1]), read_context(db), now=NOW)
    assert [r.action for r in applied.received] == ["edited"]
    versions = dump(db, f"SELECT version, state FROM requests WHERE request_id = '{docs[2]['id']}'")
    assert sorted(versions) == [(1, "edited"), (2, "current")]


def _stored(db, request_id: str) -> tuple:
    return db.execute(
        "SELECT worst_outcome, cameras_in_area, signature_outcome FROM requests "
        "WHERE request_id = ?",
        [request_id],
    ).fetchone()


def test_a_change_made_while_checking_is_not_overtaken(tmp_path: Path) -> None:
    """Settings and cameras changed between reading the context and storing: the
    request is checked again where it is stored, with what is stored now."""
    db, feed_id = fresh_db(tmp_path / "d.sqlite3")
    doc = make_doc()
    context = read_context(db)
    [_started, message, _parsed] = list(check_feed(feed_body([doc]), context, NOW))
    part = checked_part(message)
    assert part[0].evaluation.cameras_in_area == 1
    assert rules_worst(part[0]) != "block"

    camera = find_camera(db, "Porch")
    edit_camera(db, replace(camera, lat=camera.lat + 0.5))  # the camera moves away
    tight = replace(load_rule_settings(db), max_area_sq_mi=0.03)  # and the area is too big
    save_rule_settings(db, tight, now=NOW)
    store_checked(db, feed_id, part, context, now=NOW)
    worst, cameras, _signature = _stored(db, doc["id"])
    assert (worst, cameras) == ("block", 0)
    reasons = [r[0] for r in db.execute("SELECT reason FROM request_rules WHERE rule = 'area'")]
    assert "0.03" in reasons[0]


def rules_worst(item: Checked) -> str:
    from db.requests import rules

    return rules.worst(item.evaluation.results)


def test_a_key_added_meanwhile_is_used_for_the_signature(tmp_path: Path) -> None:
    db, feed_id = fresh_db(tmp_path / "d.sqlite3")
    private, public_pem = generate_keypair()
    doc = sign_document(make_doc(), private, "pd-2026")
    context = read_context(db)
    [_started, message, _parsed] = list(check_feed(feed_body([doc]), context, NOW))
    part = checked_part(message)
    assert part[0].evaluation.signature.outcome != "verified"
    ensure_agency(db, doc["agency"]["id"], doc["agency"]["name"])
    add_key(db, doc["agency"]["id"], "pd-2026", load_public_key(public_pem))
    store_checked(db, feed_id, part, context, now=NOW)
    assert _stored(db, doc["id"])[2] == "verified"


def test_a_body_that_is_not_a_feed_is_refused_with_its_reason(tmp_path: Path) -> None:
    db, _feed_id = fresh_db(tmp_path / "d.sqlite3")
    with pytest.raises(RequestError) as caught:
        list(FeedChecker(b"<html>maintenance</html>", read_context(db), NOW))
    assert caught.value.field == ""
    assert "JSON" in caught.value.problem
    assert dump(db, "SELECT count(*) FROM requests") == [(0,)]


def test_request_errors_cross_processes_whole() -> None:
    error = pickle.loads(pickle.dumps(RequestError("window.end", "is before window.start")))
    assert (error.field, error.problem) == ("window.end", "is before window.start")
    assert str(error) == "window.end: is before window.start"


def test_cancelling_stops_the_checker_process(tmp_path: Path) -> None:
    db, _feed_id = fresh_db(tmp_path / "d.sqlite3")
    cancel = threading.Event()
    checker = FeedChecker(
        feed_body(varied_docs(600)), read_context(db), NOW, part=10, cancel=cancel
    )
    seen = 0
    with pytest.raises(FeedCheckCancelled):
        for _message in checker:
            seen += 1
            cancel.set()
    assert seen == 1
    assert not [p for p in multiprocessing.active_children() if p.name == "doorstep-feed-check"]
