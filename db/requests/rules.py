"""The resident's rules (docs/rules.md): check one request document and
say, rule by rule and in words, whether it is ok, worth a warning, or blocked.

Rules, always in this order (:data:`RULE_NAMES`), with their outcomes:

* ``case_number``: missing or blank -> block (warn if not required).
* ``contact``: no investigator contact with an email or phone -> block (warn if not
  required).
* ``footage_age``: the window starts more than ``max_footage_age_days`` before the
  request was issued -> block. Exactly at the limit is ok.
* ``area``: the geodesic area is outside [min_area_sq_mi, max_area_sq_mi] -> block.
  The bounds themselves are ok. An area crossing longitude 180 -> block.
* ``expiry``: ``now`` at or after ``expires_at`` -> block.
* ``signature``: unsigned or an unknown key -> warn; a bad signature -> block. A request
  the resident entered (stored source "resident") has no signature: ok, saying so.
* ``retention``: not stated, or more than ``max_retention_days`` -> warn.
* ``third_party``: ``none`` and ``prosecution`` are ok; ``other_agencies``,
  ``unrestricted``, not stated or an unrecognised value -> warn. (Passing footage on to
  other agencies is, like unrestricted sharing, outside the resident's view of who sees
  it, so it is warned about too. Never a block.)
* ``window``: shorter than ``min_window_minutes`` or longer than ``max_window_hours``
  -> warn. The bounds themselves are ok.

Pure functions, no Qt, no I/O; one evaluation takes well under a millisecond.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from db.requests.geo import area_sq_m, crosses_antimeridian
from db.requests.request_types import Outcome, RequestDoc, RuleResult, RuleSettings, SignatureCheck
from db.words.counts import count, join_words, rule_counts
from db.words.i18n import N_, _
from db.words.timewords import local_text, relative
from db.words.units import SQ_M_PER_SQ_MI, sq_mi_words
from db.words.units import fmt_number as fmt_number  # tests import it from here

RULE_NAMES = (
    "case_number",
    "contact",
    "footage_age",
    "area",
    "expiry",
    "signature",
    "retention",
    "third_party",
    "window",
)

ANTIMERIDIAN_REASON = N_(
    "The area crosses longitude 180° (the antimeridian, or it goes round a pole); "
    "Doorstep cannot match such an area against your cameras."
)

_SEVERITY: dict[str, int] = {"ok": 0, "warn": 1, "block": 2}


class SettingsError(ValueError):
    """Rule settings that make no sense. ``field`` names the setting."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}" if field else problem)
        self.field = field
        self.problem = problem


# ---------------------------------------------------------------------------- wording


_plural = count


def fmt_duration(span: timedelta) -> str:
    """A span in words, e.g. "45 days and 1 minute", "14 minutes and 59 seconds"."""
    total = span.total_seconds()
    if total < 0:
        return _("minus %(span)s") % {"span": fmt_duration(-span)}
    seconds = round(total)
    if seconds == 0:
        if total == 0:
            return count(0, "second")
        return _("less than a second")
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    parts = [
        _plural(n, unit)
        for n, unit in ((days, "day"), (hours, "hour"), (minutes, "minute"), (secs, "second"))
        if n
    ]
    return join_words(parts)


def fmt_time(moment: datetime, local: bool = False) -> str:
    """A moment in UTC, e.g. "2026-12-05 17:00 UTC" (seconds only when not zero); with
    ``local``, on the computer's clock, to the minute and without a zone, as the window
    shows times ("2026-12-05 09:00": the window names the zone once)."""
    if local:
        return local_text(moment)
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%d %H:%M:%S UTC" if utc.second else "%Y-%m-%d %H:%M UTC")


def _blank(value: Any) -> bool:
    return not isinstance(value, str) or not value.strip()


# ---------------------------------------------------------------------------- the rules


def _case_number(doc: RequestDoc, s: RuleSettings) -> RuleResult:
    if _blank(doc.case_number):
        if s.require_case_number:
            return RuleResult(
                "case_number", "block", _("The request has no case number, and you require one.")
            )
        return RuleResult(
            "case_number",
            "warn",
            _("The request has no case number, so it is not tied to a stated investigation."),
        )
    assert doc.case_number is not None
    number = doc.case_number.strip()
    return RuleResult("case_number", "ok", _("The case number is %(number)s.") % {"number": number})


def _contact(doc: RequestDoc, s: RuleSettings) -> RuleResult:
    contact = doc.contact if isinstance(doc.contact, Mapping) else {}
    ways = [str(contact[k]).strip() for k in ("email", "phone") if not _blank(contact.get(k))]
    if not ways:
        if s.require_contact:
            reason = (
                _(
                    "The request names no investigator contact, and you require a contact "
                    "you can reach."
                )
                if not contact
                else _(
                    "The request's investigator contact has no email address or phone number, "
                    "and you require a contact you can reach."
                )
            )
            return RuleResult("contact", "block", reason)
        reason = (
            _("The request names no investigator contact, so you cannot ask anyone about it.")
            if not contact
            else _(
                "The request's investigator contact has no email address or phone number, "
                "so you cannot ask anyone about it."
            )
        )
        return RuleResult("contact", "warn", reason)
    name = contact.get("name")
    who = f"{str(name).strip()} ({', '.join(ways)})" if not _blank(name) else ", ".join(ways)
    return RuleResult("contact", "ok", _("The investigator contact is %(who)s.") % {"who": who})


def _footage_age(doc: RequestDoc, s: RuleSettings) -> RuleResult:
    limit = timedelta(days=s.max_footage_age_days)
    age = doc.issued_at - doc.window_start
    limit_words = _plural(s.max_footage_age_days, "day")
    if age > limit:
        return RuleResult(
            "footage_age",
            "block",
            _(
                "The footage asked for starts %(age)s before the request was issued; "
                "your limit is %(limit)s."
            )
            % {"age": fmt_duration(age), "limit": limit_words},
        )
    if age <= timedelta(0):
        return RuleResult(
            "footage_age",
            "ok",
            _(
                "The footage asked for starts after the request was issued, within your "
                "limit of %(limit)s."
            )
            % {"limit": limit_words},
        )
    return RuleResult(
        "footage_age",
        "ok",
        _(
            "The footage asked for starts %(age)s before the request was issued, within "
            "your limit of %(limit)s."
        )
        % {"age": fmt_duration(age), "limit": limit_words},
    )


def _bound_words(sq_mi: float) -> str:
    return sq_mi_words(sq_mi, km2_digits=4)


def _area(doc: RequestDoc, s: RuleSettings) -> RuleResult:
    try:
        if crosses_antimeridian(doc.area):
            # Refused on arrival (db.requests.request_checks); blocked here for any stored before.
            return RuleResult("area", "block", _(ANTIMERIDIAN_REASON))
        sq_m = area_sq_m(doc.area)
    except ValueError as exc:
        why = _("The size of the area cannot be worked out: %(why)s.") % {"why": exc}
        return RuleResult("area", "block", why)
    if not math.isfinite(sq_m):
        return RuleResult("area", "block", _("The size of the area cannot be worked out."))
    sq_mi = sq_m / SQ_M_PER_SQ_MI
    bounds = (s.min_area_sq_mi, s.max_area_sq_mi)
    size = sq_mi_words(sq_mi, bounds)
    if sq_mi < s.min_area_sq_mi:
        return RuleResult(
            "area",
            "block",
            _(
                "The area is %(size)s; your minimum is %(minimum)s, so the request could "
                "single out one home."
            )
            % {"size": size, "minimum": _bound_words(s.min_area_sq_mi)},
        )
    if sq_mi > s.max_area_sq_mi:
        return RuleResult(
            "area",
            "block",
            _("The area is %(size)s; your limit is %(limit)s.")
            % {"size": size, "limit": _bound_words(s.max_area_sq_mi)},
        )
    return RuleResult(
        "area",
        "ok",
        _("The area is %(size)s, between your minimum of %(minimum)s and your limit of %(limit)s.")
        % {
            "size": size,
            "minimum": _bound_words(s.min_area_sq_mi),
            "limit": _bound_words(s.max_area_sq_mi),
        },
    )


def _expiry(doc: RequestDoc, now: datetime, local: bool) -> RuleResult:
    when = fmt_time(doc.expires_at, local)
    if now >= doc.expires_at:
        return RuleResult(
            "expiry",
            "block",
            _("The request expired at %(when)s, %(relative)s; nothing can be shared after expiry.")
            % {"when": when, "relative": relative(doc.expires_at, now)},
        )
    return RuleResult(
        "expiry",
        "ok",
        _("The request expires at %(when)s, %(relative)s.")
        % {"when": when, "relative": relative(doc.expires_at, now)},
    )


def _signature(check: SignatureCheck) -> RuleResult:
    # The check's detail is a phrase of its own ("signed with key k1, which is not a key
    # of ..."); the reason is built around it so that no part of it is said twice.
    detail = check.detail.strip().rstrip(".")
    if check.entered_via is not None:
        return RuleResult("signature", "ok", f"{detail[0].upper()}{detail[1:]}.")
    if check.outcome == "verified":
        return RuleResult(
            "signature",
            "ok",
            _("The signature checks out: %(detail)s.") % {"detail": detail}
            if detail
            else _("The signature checks out."),
        )
    if check.outcome == "bad_signature":
        if not detail:
            return RuleResult(
                "signature",
                "block",
                _("The signature does not match the document: it was altered or forged."),
            )
        return RuleResult(
            "signature",
            "block",
            _("%(detail)s, so the request could be altered or forged.")
            % {"detail": f"{detail[0].upper()}{detail[1:]}"},
        )
    if check.outcome == "unknown_key":
        if detail.startswith(("signed with", _("signed with"))):
            reason = _("The request is %(detail)s, so it could be a fake request.") % {
                "detail": detail
            }
        elif detail:
            reason = _(
                "The request is signed with a key you have not accepted (%(detail)s), so it "
                "could be a fake request."
            ) % {"detail": detail}
        else:
            reason = _(
                "The request is signed with a key you have not accepted, so it could be a "
                "fake request."
            )
        return RuleResult("signature", "warn", reason)
    return RuleResult(
        "signature", "warn", _("The request is not signed, so it could be a fake request.")
    )


def _retention(doc: RequestDoc, s: RuleSettings) -> RuleResult:
    days = doc.retention_days
    limit = _plural(s.max_retention_days, "day")
    if days is None:
        return RuleResult(
            "retention",
            "warn",
            _("The request does not say how long the agency will keep the footage."),
        )
    kept = _plural(days, "day", (s.max_retention_days,))
    if days > s.max_retention_days:
        return RuleResult(
            "retention",
            "warn",
            _("The agency will keep the footage for %(kept)s; your maximum is %(limit)s.")
            % {"kept": kept, "limit": limit},
        )
    return RuleResult(
        "retention",
        "ok",
        _("The agency will keep the footage for %(kept)s, within your maximum of %(limit)s.")
        % {"kept": kept, "limit": limit},
    )


_THIRD_PARTY: dict[str | None, tuple[Outcome, str]] = {
    "none": ("ok", N_("The agency will not pass the footage on to anyone else.")),
    "prosecution": ("ok", N_("The agency will pass the footage on only to prosecutors.")),
    "other_agencies": ("warn", N_("The agency may pass the footage on to other agencies.")),
    "unrestricted": (
        "warn",
        N_("The agency may pass the footage on to anyone; nothing limits who else sees it."),
    ),
    None: (
        "warn",
        N_("The request does not say whether the footage will be passed on to others."),
    ),
}


def _third_party(doc: RequestDoc) -> RuleResult:
    terms = doc.third_party_sharing
    if terms in _THIRD_PARTY:
        outcome, reason = _THIRD_PARTY[terms]
        return RuleResult("third_party", outcome, _(reason))
    return RuleResult(
        "third_party",
        "warn",
        _("The request states third-party sharing terms that Doorstep does not know (%(terms)s).")
        % {"terms": repr(terms)},
    )


def _window(doc: RequestDoc, s: RuleSettings) -> RuleResult:
    length = doc.window_end - doc.window_start
    shortest = timedelta(minutes=s.min_window_minutes)
    longest = timedelta(hours=s.max_window_hours)
    min_words = _plural(s.min_window_minutes, "minute")
    max_words = _plural(s.max_window_hours, "hour")
    if length <= timedelta(0):
        return RuleResult(
            "window", "warn", _("The time window ends before it starts, so it asks for nothing.")
        )
    if length < shortest:
        return RuleResult(
            "window",
            "warn",
            _("The time window is %(length)s long; your minimum is %(minimum)s.")
            % {"length": fmt_duration(length), "minimum": min_words},
        )
    if length > longest:
        return RuleResult(
            "window",
            "warn",
            _("The time window is %(length)s long; your limit is %(limit)s.")
            % {"length": fmt_duration(length), "limit": max_words},
        )
    return RuleResult(
        "window",
        "ok",
        _(
            "The time window is %(length)s long, between your minimum of %(minimum)s and "
            "your limit of %(limit)s."
        )
        % {"length": fmt_duration(length), "minimum": min_words, "limit": max_words},
    )


def evaluate(
    doc: RequestDoc,
    settings: RuleSettings,
    now: datetime,
    signature: SignatureCheck,
    *,
    local_times: bool = False,
) -> list[RuleResult]:
    """Check ``doc`` against every rule; one result per rule, in :data:`RULE_NAMES` order.
    ``now`` must be timezone-aware. ``local_times``: moments in the reasons on the
    computer's clock, as the window shows them (UTC otherwise)."""
    if now.tzinfo is None:
        raise ValueError("now: a naive datetime has no time zone")
    return [
        _case_number(doc, settings),
        _contact(doc, settings),
        _footage_age(doc, settings),
        _area(doc, settings),
        _expiry(doc, now, local_times),
        _signature(signature),
        _retention(doc, settings),
        _third_party(doc),
        _window(doc, settings),
    ]


def worst(results: Iterable[RuleResult]) -> Outcome:
    """The most severe outcome: "block" over "warn" over "ok" ("ok" for no results)."""
    outcome: Outcome = "ok"
    for result in results:
        if _SEVERITY[result.outcome] > _SEVERITY[outcome]:
            outcome = result.outcome
    return outcome


def summary(results: Iterable[RuleResult]) -> str:
    """One glance: "2 blocks, 1 warning", "1 warning", "All rules pass"."""
    results = list(results)
    if not results:
        return _("No rules checked")
    blocks = sum(r.outcome == "block" for r in results)
    warns = sum(r.outcome == "warn" for r in results)
    return rule_counts(blocks, warns)


# ---------------------------------------------------------------------------- settings


def settings_to_json(settings: RuleSettings) -> dict[str, Any]:
    """Every setting by its field name, JSON-ready."""
    return dataclasses.asdict(settings)


def _check_value(name: str, value: Any, kind: str) -> Any:
    """``value`` checked against the field's annotation ("bool", "int" or "float")."""
    if kind not in ("bool", "int", "float"):
        return value  # a setting added later that this check does not know yet
    if kind == "bool":
        if not isinstance(value, bool):
            raise SettingsError(name, f"{value!r} must be true or false")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SettingsError(name, f"{value!r} must be a number")
    if not math.isfinite(value):
        raise SettingsError(name, f"{value!r} must be a finite number")
    if value < 0:
        raise SettingsError(name, f"{value!r} must not be negative")
    if kind == "int":
        if value != int(value):
            raise SettingsError(name, f"{value!r} must be a whole number")
        return int(value)
    return float(value)


def settings_from_json(data: Mapping[str, Any]) -> RuleSettings:
    """Rule settings from :func:`settings_to_json`'s form. Missing fields keep their
    defaults; unknown fields and nonsense values raise :class:`SettingsError` (a
    ValueError) naming the field."""
    if not isinstance(data, Mapping):
        raise SettingsError("", "rule settings must be a JSON object")
    kinds = {f.name: str(f.type) for f in dataclasses.fields(RuleSettings)}
    for key in data:
        if key not in kinds:
            raise SettingsError(str(key), "is not a rule setting")
    values = {name: _check_value(name, data[name], kinds[name]) for name in kinds if name in data}
    settings = RuleSettings(**values)
    if settings.max_area_sq_mi <= 0:
        raise SettingsError(
            "max_area_sq_mi",
            _("%(value)s must be more than 0") % {"value": settings.max_area_sq_mi},
        )
    if settings.min_area_sq_mi > settings.max_area_sq_mi:
        raise SettingsError(
            "min_area_sq_mi",
            _("%(value)s is more than max_area_sq_mi (%(max)s)")
            % {"value": settings.min_area_sq_mi, "max": settings.max_area_sq_mi},
        )
    if settings.max_window_hours <= 0:
        raise SettingsError(
            "max_window_hours",
            _("%(value)s must be more than 0") % {"value": settings.max_window_hours},
        )
    if settings.min_window_minutes > settings.max_window_hours * 60:
        raise SettingsError(
            "min_window_minutes",
            _("%(value)s minutes is longer than max_window_hours (%(max)s hours)")
            % {"value": settings.min_window_minutes, "max": settings.max_window_hours},
        )
    # timedelta overflows past ~2.7 million days; no sane limit comes near.
    for name, days in (
        ("max_footage_age_days", settings.max_footage_age_days),
        ("max_window_hours", settings.max_window_hours / 24),
        ("min_window_minutes", settings.min_window_minutes / 1440),
    ):
        if days > 100_000:
            raise SettingsError(name, _("is unreasonably large"))
    return settings
