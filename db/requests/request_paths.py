"""Naming a place in a request document in a refusal: ``area.coordinates[0][3]``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

PathParts = list[str | int]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def json_path(parts: Iterable[str | int]) -> str:
    """``["area", "coordinates", 0, 3]`` -> ``area.coordinates[0][3]``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _IDENTIFIER.match(part):
            out += f".{part}" if out else part
        else:
            out += f"[{printable(json.dumps(part, ensure_ascii=False))}]"
    return out


def printable(text: str) -> str:
    """Text safe to print or encode: an unpaired surrogate becomes ``\\udXXX``."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
