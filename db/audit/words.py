"""An audit entry's details in words, for people: "Note: none · Sensitive: not
confirmed", keys as words, units named, lists and nested values readable. The stored
entry (JSON, hashed) is unchanged; this is only how it is shown."""

from __future__ import annotations

import re
from typing import Any

from db.words.clockwords import METHODS, offset_words
from db.words.units import file_size

# Keys whose plain reading ("Sha256", "Tz") would not say what they are.
KEY_WORDS = {
    "sensitive_confirmed": "Sensitive",
    "sha256": "SHA-256",
    "manifest_sha256": "Manifest SHA-256",
    "tz": "Time zone",
    "lat": "Latitude",
    "lon": "Longitude",
    "fov_deg": "Field of view",
    "heading_deg": "Heading",
    "url": "Address",
    "feed_id": "Feed",
    "version_row": "Request record",
    "cameras_in_area": "Cameras in the area",
    "server_package_id": "Package id on the server",
    "bytes": "Size",
    "bytes_sent": "Sent",
    "confirmed_files": "Files confirmed",
    "public_key": "Public key",
    "key_added": "Key added",
    "auto_decline_blocked": "Decline blocked requests automatically",
    "match_view_cones": "Match by the cameras' views",
    "min_area_sq_mi": "Minimum area",
    "max_area_sq_mi": "Maximum area",
    "min_window_minutes": "Shortest window",
    "max_window_hours": "Longest window",
    "max_footage_age_days": "Oldest footage",
    "max_retention_days": "Longest retention",
    "share_margin_s": "Margin around the window",
    "receiver_max_files": "Most files the receiver takes",
    "receiver_max_file_bytes": "Largest file the receiver takes",
    "receiver_max_total_bytes": "Largest package the receiver takes",
    "offset_s": "Camera clock",
    "previous_offset_s": "Camera clock before",
    "clock_offset_s": "Clock offset",
    "frame_s": "Frame",
    "camera_showed": "The camera showed",
    "true_time": "True time",
    "plan_sha256": "Plan SHA-256",
    "accepted_by": "Accepted in",
    "drawn_boxes": "Drawn boxes",
    "turned_off": "Turned off by the resident",
    "budget_bytes": "Budget",
    "before_bytes": "Budget before",
    "copy_removed": "Copy removed from the store",
    "handed_at": "Handed over",
    "encrypted_sha256": "Encrypted zip SHA-256",
    "source": "Came",
    "received_via": "You received it",
}
# How a request came (a "request received" entry's source); a request the resident
# entered came by the way they received it (received_via).
SOURCE_WORDS = {
    "file": "as a request file",
    "feed": "from the agency's feed",
    "resident": "entered by you",
}
RECEIVED_VIA_WORDS = {
    "email": "by email",
    "text": "by text message",
    "app": "in an app",
    "letter": "by letter",
    "in_person": "in person",
    "phone": "by phone",
    "other": "by other means",
}


def entered_words(received_via: str) -> str:
    """ "entered by you from a request received by email" (a request the resident
    recorded: its signature check and the window's detail say so)."""
    how = RECEIVED_VIA_WORDS.get(received_via, f"by {received_via}")
    return f"entered by you from a request received {how}"


# Clock offsets (the camera's clock minus true time) read as "2 min 13 s fast".
CLOCK_KEYS = ("offset_s", "previous_offset_s", "clock_offset_s")
# Keys said first (what happened), the rest in the stored (alphabetical) order.
FIRST = ("state", "change", "name", "url", "summary", "offset_s", "previous_offset_s")
# What a yes or a no means for a key, where "yes"/"no" would read oddly.
BOOL_WORDS = {
    "sensitive_confirmed": ("confirmed", "not confirmed"),
    "first_time": ("yes", "no (seen before)"),
}
# Unit suffixes of keys: the unit is said after the value, not in the key.
UNITS = (
    ("_sq_mi", " sq mi"),
    ("_deg", "°"),
    ("_days", " days"),
    ("_hours", " hours"),
    ("_minutes", " minutes"),
    ("_s", " s"),
    ("_m", " m"),
)
OUTCOME_WORDS = {"ok": "passes", "warn": "warns", "block": "blocks"}
# How a package was handed over (db.sharing.handover).
HANDOVER_WORDS = {
    "portal": "through the agency's portal",
    "usb": "on a USB drive",
    "in_person": "in person",
}
_HEX = re.compile(r"^[0-9a-f:]{25,}$")


def key_words(key: str) -> str:
    """ "max_footage_age_days" -> "Max footage age"; known keys by their names."""
    if key in KEY_WORDS:
        return KEY_WORDS[key]
    for suffix, _unit in UNITS:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
            break
    words = key.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _unit(key: str) -> str:
    if key in ("bytes", "bytes_sent") or key.endswith("_bytes"):
        return ""
    return next((unit for suffix, unit in UNITS if key.endswith(suffix)), "")


def _number(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _rules(value: list[Any]) -> str:
    """[[rule, outcome], ...] -> "area blocks, signature warns; the others pass"."""
    pairs = [p for p in value if isinstance(p, list | tuple) and len(p) == 2]
    if len(pairs) != len(value):
        return _value("", value, short=False)
    flagged = [
        f"{str(r).replace('_', ' ')} {OUTCOME_WORDS.get(o, o)}" for r, o in pairs if o != "ok"
    ]
    if not flagged:
        return "all pass"
    rest = "; the others pass" if len(flagged) < len(pairs) else ""
    return ", ".join(flagged) + rest


def _value(key: str, value: Any, short: bool) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "none"
    if isinstance(value, bool):
        yes, no = BOOL_WORDS.get(key, ("yes", "no"))
        return yes if value else no
    if isinstance(value, int | float) and key in CLOCK_KEYS:
        return f"{_number(value)} s ({offset_words(value)})"
    if isinstance(value, str) and key == "method" and value in METHODS:
        return METHODS[value]
    if isinstance(value, str) and key == "method" and value in HANDOVER_WORDS:
        return HANDOVER_WORDS[value]
    if isinstance(value, str) and key == "source" and value in SOURCE_WORDS:
        return SOURCE_WORDS[value]
    if isinstance(value, str) and key == "received_via" and value in RECEIVED_VIA_WORDS:
        return RECEIVED_VIA_WORDS[value]
    if isinstance(value, int | float) and key == "frame_s":
        return f"{_number(value)} s into the clip"
    if isinstance(value, int | float):
        if key in ("bytes", "bytes_sent") or key.endswith("_bytes"):
            return file_size(value, bytes_word="bytes")
        return _number(value) + _unit(key)
    if isinstance(value, dict):
        inner = "; ".join(f"{key_words(k)}: {_value(k, v, short)}" for k, v in value.items())
        return f"({inner})"
    if isinstance(value, list | tuple):
        if key == "rules":
            return _rules(list(value))
        return ", ".join(_value(key, v, short) for v in value)
    text = str(value)
    if key in ("blocked_by", "rule"):
        text = text.replace("_", " ")
    if short and _HEX.match(text):
        return text[:12] + "…"
    return text


def detail_items(details: dict[str, Any], short: bool = True) -> list[str]:
    """One "Key: value" per detail, what happened first. ``short``: long hashes cut to
    their first characters (the tooltip has them whole)."""
    keys = sorted(details, key=lambda k: FIRST.index(k) if k in FIRST else len(FIRST))
    return [f"{key_words(k)}: {_value(k, details[k], short)}" for k in keys]


def details_text(details: dict[str, Any]) -> str:
    """The details on one line: "Note: none · Sensitive: not confirmed · State: declined"."""
    return " · ".join(detail_items(details))
