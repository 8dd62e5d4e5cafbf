"""The BagIt files of a format 2 package (RFC 8493; docs/packages.md, "Layout"):
``bagit.txt``, ``bag-info.txt``, the signed payload sums and the tag manifest, written
when a package is built and read when it is verified. Names and the sums' lines come
from :mod:`db.sharing.package_format`. No database, Qt or PyAV."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from db.sharing.package_format import (
    BAG_INFO,
    BAG_SUMS,
    BAG_SUMS_SIGNATURE,
    BAGIT,
    MANIFEST,
    PUBLIC_KEY,
    SIGNATURE,
    TAG_FILES,
    TAG_SUMS,
    PackageFormatError,
    bag_name_problem,
    format_sums,
)

BAGIT_TEXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")


def _one_line(value: object) -> str:
    """A bag-info value on one line: the agency chooses ids and case numbers, so line
    breaks and other control characters become spaces."""
    text = "".join(c if c.isprintable() else " " for c in str(value))
    return " ".join(text.split())


def bag_info_text(
    manifest: dict[str, Any], *, payload: list[tuple[str, int, str]], bagged: date
) -> str:
    """bag-info.txt for a package: who sends it (the resident, by the key that signs),
    the request (External-Identifier), the agency and case (External-Description),
    when, with what, and Payload-Oxum (bytes.files of data/)."""
    request = manifest.get("request") or {}
    agency = request.get("agency") or {}
    signer = manifest.get("signer") or {}
    app = manifest.get("app") or {}
    about = [str(agency.get("name") or agency.get("id") or "an agency")]
    if request.get("case_number"):
        about.append(f"case {request['case_number']}")
    if request.get("incident"):
        about.append(str(request["incident"]))
    fields = [
        ("Source-Organization", f"A resident, signing key {signer.get('key_id', '?')}"),
        ("External-Identifier", request.get("id") or ""),
        ("External-Description", "Footage for " + ", ".join(about)),
        ("Bagging-Date", bagged.isoformat()),
        ("Bag-Software-Agent", f"Doorstep {app.get('version', 'unknown')}"),
        ("Payload-Oxum", f"{sum(size for _, size, _ in payload)}.{len(payload)}"),
    ]
    return "".join(f"{label}: {_one_line(value)}\n" for label, value in fields)


def write_bag_files(
    folder: Path,
    *,
    manifest: dict[str, Any],
    manifest_bytes: bytes,
    payload: list[tuple[str, int, str]],
    sign: Callable[[bytes], bytes],
    public_pem: bytes,
    bagged: date,
) -> None:
    """Write every file of the bag but its payload into ``folder`` (the payload,
    ``payload``'s (name, size, SHA-256), is there already): the manifest and its
    signature, the payload sums and theirs, the public key, bagit.txt, bag-info.txt
    and, last, the tag manifest over them all. PackageFormatError for a payload name
    that sha256sum and BagIt would not read alike."""
    for name, _, _ in payload:
        problem = bag_name_problem(name)
        if problem:
            raise PackageFormatError(f"{name!r}: cannot be a file of the package ({problem})")
    sums = format_sums((digest, name) for name, _, digest in sorted(payload)).encode()
    texts = {
        MANIFEST: manifest_bytes,
        SIGNATURE: base64.b64encode(sign(manifest_bytes)) + b"\n",
        BAG_SUMS: sums,
        BAG_SUMS_SIGNATURE: base64.b64encode(sign(sums)) + b"\n",
        PUBLIC_KEY: public_pem,
        BAGIT: BAGIT_TEXT.encode(),
        BAG_INFO: bag_info_text(manifest, payload=payload, bagged=bagged).encode(),
    }
    for name, data in texts.items():
        (folder / name).write_bytes(data)
    tags = format_sums((hashlib.sha256(texts[n]).hexdigest(), n) for n in sorted(TAG_FILES))
    (folder / TAG_SUMS).write_text(tags, encoding="utf-8")


# -- reading ----------------------------------------------------------------------------
def bagit_problem(raw: bytes) -> str | None:
    """What is wrong with bagit.txt, or None when it declares BagIt 1.0 in UTF-8."""
    try:
        info = read_tag_fields(raw, BAGIT)
    except PackageFormatError as exc:
        return str(exc)
    if info.get("BagIt-Version") != ["1.0"]:
        return f"{BAGIT} does not declare BagIt-Version 1.0"
    if [e.upper() for e in info.get("Tag-File-Character-Encoding", [])] != ["UTF-8"]:
        return f"{BAGIT} does not declare Tag-File-Character-Encoding UTF-8"
    return None


def read_tag_fields(raw: bytes, file: str) -> dict[str, list[str]]:
    """The "Label: value" lines of bagit.txt or bag-info.txt (a line starting with a
    space or tab continues the value before it), read strictly; PackageFormatError."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PackageFormatError(f"{file} is not UTF-8 text") from None
    fields: dict[str, list[str]] = {}
    last: tuple[str, int] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line[0] in " \t" and last is not None:
            label, index = last
            fields[label][index] += " " + line.strip()
            continue
        label, colon, value = line.partition(":")
        if not colon or not _LABEL.fullmatch(label.strip()):
            raise PackageFormatError(f"{file} line {number} is not 'Label: value'")
        values = fields.setdefault(label.strip(), [])
        values.append(value.strip())
        last = (label.strip(), len(values) - 1)
    return fields


def payload_oxum(raw: bytes) -> tuple[int, int]:
    """(bytes, files) of bag-info.txt's Payload-Oxum; PackageFormatError when there is
    not exactly one, or it is not "<bytes>.<files>"."""
    values = read_tag_fields(raw, BAG_INFO).get("Payload-Oxum", [])
    if len(values) != 1:
        raise PackageFormatError(f"{BAG_INFO} has {len(values) or 'no'} Payload-Oxum")
    size, dot, count = values[0].partition(".")
    if not dot or not size.isdigit() or not count.isdigit():
        raise PackageFormatError(f"{BAG_INFO}: Payload-Oxum {values[0]!r} is not <bytes>.<files>")
    return int(size), int(count)
