"""`deliver --redact` (docs/redaction.md, "Exporting"): a package that stopped half way
is continued only when its excerpts were redacted by the plans asked for now; a privacy
mask added in between makes a new, redacted package."""

from __future__ import annotations

import json
from typing import Any

from db.redaction.masks import add_mask
from db.store.database import open_database
from tests.test_delivery_rerun import BusyService, deliver, resident, rows

__all__ = ["resident"]  # the fixture, used by name


def test_a_mask_added_after_a_half_delivery_makes_a_new_redacted_package(
    resident: dict[str, Any], capsys
) -> None:
    service: BusyService = resident["service"]
    service.busy_from = 1
    assert deliver(capsys, resident, "--redact", "masks")[0] == 1
    [first] = service.packages.values()
    assert all(f["redaction"] is None for f in json.loads(first.manifest)["files"])

    db = open_database(resident["db"])
    try:
        camera = db.execute("SELECT id FROM cameras").fetchone()[0]
        add_mask(db, camera, "Neighbour's window", [(0, 0), (60, 0), (60, 40)], 320, 240)
    finally:
        db.close()
    service.busy_from = None
    code, out, err = deliver(capsys, resident, "--redact", "masks")
    assert code == 0, err
    assert "Continuing" not in out and "Delivered 4 file(s)" in out  # and the summary
    assert out.count("1 privacy mask hidden (pixelate); re-encoded") == 2
    newer = service.packages["pkg-2"]
    files = json.loads(newer.manifest)["files"]
    assert [f["redaction"]["masks"][0]["name"] for f in files] == ["Neighbour's window"] * 2
    assert all(f["re_encoded"] for f in files)
    assert rows(resident, "SELECT count(*) FROM packages") == [(2,)]
    accepted = rows(resident, "SELECT count(*) FROM audit_log WHERE action = 'redaction accepted'")
    assert accepted == [(2,)]

    # delivered: run again with the same plans, it is the same package (not sent again)
    code, _, err = deliver(capsys, resident, "--redact", "masks")
    assert code == 1 and "already delivered" in err
