"""Request ids as lists print them: the shortest prefix (of at least 12 characters) that
names one request, which the command line's commands accept (``db.requests.inbox.find_row``).

``find_row`` takes an exact id first, then a prefix matched with SQLite's ``LIKE``,
which ignores the case of ASCII letters: two ids differing only there share every
prefix, and an id that is the start of another is printed whole.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

MINIMUM = 12
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def shortest_prefixes(ids: Iterable[str], minimum: int = MINIMUM) -> dict[str, str]:
    """Each id's shortest prefix, at least ``minimum`` long, that no other id starts
    with (as ``LIKE`` compares); the whole id where no prefix is unique."""
    unique = sorted(set(ids), key=lambda i: i.translate(_ASCII_LOWER))
    keys = [i.translate(_ASCII_LOWER) for i in unique]
    out = {}
    for n, rid in enumerate(unique):
        shared = max(
            _common(keys[n], keys[n - 1]) if n > 0 else 0,
            _common(keys[n], keys[n + 1]) if n + 1 < len(keys) else 0,
        )
        out[rid] = rid[: max(minimum, shared + 1)]
    return out


def id_column(db: Database, shown: Iterable[str]) -> tuple[dict[str, str], int]:
    """Every stored request id mapped to the prefix a list prints, and the width of a
    column of the ``shown`` ones."""
    ids = shortest_prefixes(str(r[0]) for r in db.execute("SELECT request_id FROM requests"))
    return ids, max((len(ids[i]) for i in shown), default=MINIMUM)
