"""``verify PACKAGE [PART ...]`` (docs/cli.md, docs/packages.md "Checking a package"):
what a receiver runs on a package it was given. It opens no database and touches no
data folder: everything is read from the package (and the key given)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from db.words.i18n import _
from desktop.cli_output import print_json
from desktop.cli_requests import Failure


def register(sub: Any) -> None:
    v = sub.add_parser(
        "verify",
        help=_("check a share package: signatures, every file's size and SHA-256, the bag"),
        description=(
            "Check a share package (a folder, a zip, or the zip parts of one package) "
            "without a database: both signatures, every file's size and SHA-256, that no "
            "file is missing, swapped or extra, and the BagIt structure."
        ),
    )
    v.add_argument("package", type=Path, help=_("the package folder or zip file"))
    v.add_argument("parts", type=Path, nargs="*", help=_("more zip parts of the same package"))
    v.add_argument(
        "--public-key",
        type=Path,
        metavar="FILE",
        help=_(
            "the sender's public key (PEM) to check the signatures with, instead of the "
            "package's own public-key.pem"
        ),
    )
    v.add_argument("--json", action="store_true")


def cmd_verify(args: argparse.Namespace) -> int:
    from db.sharing.package_format import (
        PackageFormatError,
        manifest_files,
        read_manifest,
        verify_package,
        verify_parts,
    )

    key: bytes | None = None
    if args.public_key is not None:
        try:
            key = args.public_key.read_bytes()
        except OSError as exc:
            raise Failure(
                f"--public-key {args.public_key}: cannot be read "
                f"({exc.strerror or type(exc).__name__})"
            ) from None
    paths = [args.package, *args.parts]
    problems = verify_parts(paths, key) if args.parts else verify_package(args.package, key)

    facts: dict[str, Any] = {"files": None, "bytes": None, "format_version": None, "key_id": None}
    raw = read_manifest(args.package)
    if raw is not None:
        try:
            files = manifest_files(raw)
            manifest = json.loads(raw)
            facts.update(
                files=len(files),
                bytes=sum(size for _name, size, _sha in files),
                format_version=manifest.get("format_version", 1),
                key_id=(manifest.get("signer") or {}).get("key_id"),
            )
        except (PackageFormatError, ValueError, AttributeError):
            pass
    checked_with = "the key given" if key is not None else "the package's own public-key.pem"
    if args.json:
        print_json(
            {
                "ok": not problems,
                "package": [str(p) for p in paths],
                "problems": problems,
                "checked_with": checked_with,
                **facts,
            }
        )
        return 1 if problems else 0
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
        print(f"doorstep: {args.package} does not verify ({count})", file=sys.stderr)
        return 1
    signed = "the manifest's and the sums' signatures"
    if facts["format_version"] == 1:
        signed = "the manifest's signature (format 1 does not sign its sums)"
    print(
        f"{args.package}: verifies. Format {facts['format_version']}, {facts['files']} "
        f"files ({facts['bytes']} bytes), each with its size and SHA-256; {signed} "
        f"checked with {checked_with}."
    )
    if key is None:
        print(
            "The package's own key proves only that nothing changed after signing; give "
            "--public-key with the sender's key to know who signed it."
        )
    return 0
