"""Delivered packages for the retention tests: a real request, a package on disk
(folder or zip) with its manifest, and the packages and deliveries rows."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from db.requests.agencies import upsert_agency
from db.requests.intake import import_request_bytes
from db.store.timeutil import to_utc_text
from tests.requests_helpers import make_doc

UPLOAD_URL = "https://evidence.example.gov/u/abc"


def excerpt_files(tag: str, n: int = 2) -> list[dict[str, Any]]:
    return [
        {
            "name": f"excerpts/porch-{tag}-{i}.mp4",
            "size": 1000 + i,
            "sha256": hashlib.sha256(f"{tag}-{i}".encode()).hexdigest(),
        }
        for i in range(n)
    ]


def write_package(
    folder: Path, name: str, files: list[dict[str, Any]], kind: str
) -> tuple[Path, str]:
    """A package holding only its manifest (what retention reads); ``kind`` is
    ``folder``, ``zip`` or ``missing`` (the path is returned but nothing is written)."""
    manifest = json.dumps({"format": "doorstep-share-package", "files": files}, indent=2).encode()
    if kind == "folder":
        path = folder / name
        path.mkdir(parents=True)
        (path / "manifest.json").write_bytes(manifest)
    elif kind == "zip":
        path = folder / f"{name}.zip"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(f"{name}/manifest.json", manifest)
            for f in files:
                zf.writestr(f"{name}/{f['name']}", b"not really video")
    else:
        path = folder / name
    return path, hashlib.sha256(manifest).hexdigest()


def add_delivered(
    db: Any,
    folder: Path,
    *,
    delivered_at: datetime,
    retention_days: int | None = 30,
    case_number: str | None = "2026-004512",
    incident: str | None = "package theft",
    kind: str = "folder",
    tag: str = "a",
    files: list[dict[str, Any]] | None = None,
    delivered: bool = True,
) -> dict[str, Any]:
    """Import a request, write its package and record package and delivery."""
    upsert_agency(db, "ex-pd", "Example Police Department", "Example City")
    doc = make_doc(
        retention_days=retention_days,
        case_number=case_number,
        incident=incident,
        delivery={"method": "upload", "url": UPLOAD_URL},
    )
    if retention_days is None:
        doc.pop("retention_days", None)
    received = import_request_bytes(db, json.dumps(doc).encode(), now=datetime.now(UTC))
    files = excerpt_files(tag) if files is None else files
    path, digest = write_package(folder, f"doorstep-{tag}", files, kind)
    with db.atomic():
        cur = db.execute(
            "INSERT INTO packages (request_row, path, manifest_sha256, files, bytes, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                received.row_id,
                str(path),
                digest,
                len(files),
                sum(f["size"] for f in files),
                to_utc_text(delivered_at),
            ],
        )
        package_id = int(cur.lastrowid)
        if delivered:
            db.execute(
                "INSERT INTO deliveries (package_id, url, server_package_id, confirmed_files, "
                "bytes_sent, delivered_at) VALUES (?, ?, ?, ?, ?, ?)",
                [package_id, UPLOAD_URL, f"srv-{tag}", len(files), 1, to_utc_text(delivered_at)],
            )
    return {
        "request_id": doc["id"],
        "package_id": package_id,
        "path": path,
        "manifest_sha256": digest,
        "files": files,
    }
