"""An audit entry's details in words, for people: "Note: none · Sensitive: not
confirmed", keys as words, units named, lists and nested values readable. The stored
entry (JSON, hashed) is unchanged; this is only how it is shown."""

from __future__ import annotations

import re
from typing import Any

from db.audit.key_names import PLAIN_KEY_WORDS, RULE_WORDS, STATE_WORDS
from db.words.clockwords import METHODS, offset_words
from db.words.counts import stored_summary_words
from db.words.i18n import N_, _
from db.words.units import file_size

# Keys whose plain reading ("Sha256", "Tz") would not say what they are.
KEY_WORDS = {
    "sensitive_confirmed": N_("Sensitive"),
    "sha256": N_("SHA-256"),
    "manifest_sha256": N_("Manifest SHA-256"),
    "tz": N_("Time zone"),
    "lat": N_("Latitude"),
    "lon": N_("Longitude"),
    "fov_deg": N_("Field of view"),
    "heading_deg": N_("Heading"),
    "url": N_("Address"),
    "feed_id": N_("Feed"),
    "version_row": N_("Request record"),
    "cameras_in_area": N_("Cameras in the area"),
    "server_package_id": N_("Package id on the server"),
    "bytes": N_("Size"),
    "bytes_sent": N_("Sent"),
    "confirmed_files": N_("Files confirmed"),
    "public_key": N_("Public key"),
    "key_added": N_("Key added"),
    "auto_decline_blocked": N_("Decline blocked requests automatically"),
    "match_view_cones": N_("Match by the cameras' views"),
    "min_area_sq_mi": N_("Minimum area"),
    "max_area_sq_mi": N_("Maximum area"),
    "min_window_minutes": N_("Shortest window"),
    "max_window_hours": N_("Longest window"),
    "max_footage_age_days": N_("Oldest footage"),
    "max_retention_days": N_("Longest retention"),
    "share_margin_s": N_("Margin around the window"),
    "receiver_max_files": N_("Most files the receiver takes"),
    "receiver_max_file_bytes": N_("Largest file the receiver takes"),
    "receiver_max_total_bytes": N_("Largest package the receiver takes"),
    "offset_s": N_("Camera clock"),
    "previous_offset_s": N_("Camera clock before"),
    "clock_offset_s": N_("Clock offset"),
    "frame_s": N_("Frame"),
    "camera_showed": N_("The camera showed"),
    "true_time": N_("True time"),
    "plan_sha256": N_("Plan SHA-256"),
    "accepted_by": N_("Accepted in"),
    "drawn_boxes": N_("Drawn boxes"),
    "turned_off": N_("Turned off by the resident"),
    "budget_bytes": N_("Budget"),
    "before_bytes": N_("Budget before"),
    "copy_removed": N_("Copy removed from the store"),
    "handed_at": N_("Handed over"),
    "encrypted_sha256": N_("Encrypted zip SHA-256"),
    "source": N_("Came"),
    "received_via": N_("You received it"),
}
# How a request came (a "request received" entry's source); a request the resident
# entered came by the way they received it (received_via).
SOURCE_WORDS = {
    "file": N_("as a request file"),
    "feed": N_("from the agency's feed"),
    "resident": N_("entered by you"),
}
RECEIVED_VIA_WORDS = {
    "email": N_("by email"),
    "text": N_("by text message"),
    "app": N_("in an app"),
    "letter": N_("by letter"),
    "in_person": N_("in person"),
    "phone": N_("by phone"),
    "other": N_("by other means"),
}


def entered_words(received_via: str) -> str:
    """ "entered by you from a request received by email" (a request the resident
    recorded: its signature check and the window's detail say so)."""
    if received_via in RECEIVED_VIA_WORDS:
        how = _(RECEIVED_VIA_WORDS[received_via])
    else:
        how = _("by %(way)s") % {"way": received_via}
    return _("entered by you from a request received %(how)s") % {"how": how}


# Clock offsets (the camera's clock minus true time) read as "2 min 13 s fast".
CLOCK_KEYS = ("offset_s", "previous_offset_s", "clock_offset_s")
# Keys said first (what happened), the rest in the stored (alphabetical) order.
FIRST = ("state", "change", "name", "url", "summary", "offset_s", "previous_offset_s")
# What a yes or a no means for a key, where "yes"/"no" would read oddly.
BOOL_WORDS = {
    "sensitive_confirmed": (N_("confirmed"), N_("not confirmed")),
    "first_time": (N_("yes"), N_("no (seen before)")),
}
# Unit suffixes of keys: the unit is said after the value, not in the key.
UNITS = (
    ("_sq_mi", N_(" sq mi")),
    ("_deg", "°"),
    ("_days", N_(" days")),
    ("_hours", N_(" hours")),
    ("_minutes", N_(" minutes")),
    ("_s", " s"),
    ("_m", " m"),
)
OUTCOME_WORDS = {"ok": N_("passes"), "warn": N_("warns"), "block": N_("blocks")}
# How a package was handed over (db.sharing.handover).
HANDOVER_WORDS = {
    "portal": N_("through the agency's portal"),
    "usb": N_("on a USB drive"),
    "in_person": N_("in person"),
}
_HEX = re.compile(r"^[0-9a-f:]{25,}$")


def key_words(key: str) -> str:
    """ "max_footage_age_days" -> "Max footage age"; known keys by their names."""
    if key in KEY_WORDS:
        return _(KEY_WORDS[key])
    if key in PLAIN_KEY_WORDS:
        return _(PLAIN_KEY_WORDS[key])
    for suffix, _unit in UNITS:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
            break
    words = key.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _unit(key: str) -> str:
    if key in ("bytes", "bytes_sent") or key.endswith("_bytes"):
        return ""
    unit = next((unit for suffix, unit in UNITS if key.endswith(suffix)), "")
    return _(unit) if unit.strip() else unit  # _("") would be the catalogue's header


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
        _("%(rule)s %(outcome)s") % {"rule": _rule(r), "outcome": _(OUTCOME_WORDS.get(o, str(o)))}
        for r, o in pairs
        if o != "ok"
    ]
    if not flagged:
        return _("all pass")
    if len(flagged) < len(pairs):
        return _("%(flagged)s; the others pass") % {"flagged": ", ".join(flagged)}
    return ", ".join(flagged)


def _rule(name: Any) -> str:
    text = str(name)
    return _(RULE_WORDS[text]) if text in RULE_WORDS else text.replace("_", " ")


def _value(key: str, value: Any, short: bool) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return _("none")
    if isinstance(value, bool):
        yes, no = BOOL_WORDS.get(key, (N_("yes"), N_("no")))
        return _(yes) if value else _(no)
    if isinstance(value, int | float) and key in CLOCK_KEYS:
        return f"{_number(value)} s ({offset_words(value)})"
    if isinstance(value, str) and key == "method" and value in METHODS:
        return _(METHODS[value])
    if isinstance(value, str) and key == "method" and value in HANDOVER_WORDS:
        return _(HANDOVER_WORDS[value])
    if isinstance(value, str) and key in ("state", "decision") and value in STATE_WORDS:
        return _(STATE_WORDS[value])
    if isinstance(value, str) and key == "source" and value in SOURCE_WORDS:
        return _(SOURCE_WORDS[value])
    if isinstance(value, str) and key == "summary":
        return stored_summary_words(value)  # stored in English, "1 warning"
    if isinstance(value, str) and key == "received_via" and value in RECEIVED_VIA_WORDS:
        return _(RECEIVED_VIA_WORDS[value])
    if isinstance(value, int | float) and key == "frame_s":
        return _("%(seconds)s s into the clip") % {"seconds": _number(value)}
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
        text = _rule(text)
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
