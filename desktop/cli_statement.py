"""The `export` and `deliver` options for the resident's statement and content
credentials (docs/cli.md). Headless: no Qt imports."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from db.words.i18n import N_, _

STATEMENT_HELP = N_("your own statement, signed in the package and printed in its exhibit summary")


def add_options(parser: Any) -> None:
    """--statement TEXT | --statement-file FILE, and --content-credentials."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--statement", metavar="TEXT", help=_(STATEMENT_HELP))
    group.add_argument(
        "--statement-file",
        metavar="FILE",
        type=Path,
        help=_("the statement from a UTF-8 text file"),
    )
    parser.add_argument(
        "--content-credentials",
        action="store_true",
        help=_("embed C2PA content credentials, signed with your key, in each excerpt"),
    )


def statement_of(args: argparse.Namespace) -> str | None:
    """The statement the options give, cleaned (db.sharing.statement); ValueError with
    a one-line message for a file that cannot be read or a statement that cannot go in."""
    from db.sharing.statement import clean_statement
    from db.store.fileio import describe

    text: str | None = args.statement
    path: Path | None = args.statement_file
    if path is not None:
        try:
            text = path.read_bytes().decode("utf-8")
        except OSError as exc:
            raise ValueError(f"--statement-file: {describe(exc)}") from None
        except UnicodeDecodeError:
            raise ValueError(
                "--statement-file: " + _("{path} is not UTF-8 text").format(path=path)
            ) from None
    try:
        return clean_statement(text)
    except ValueError as exc:
        where = f"--statement-file {path}" if path is not None else "--statement"
        raise ValueError(f"{where}: {exc}") from None
