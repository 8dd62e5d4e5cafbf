"""The resident's rules (db/requests/rules.py): every rule at, just inside and just outside each
bound, with the defaults and with changed settings."""

from __future__ import annotations

import dataclasses
import math
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.requests.geo import area_sq_m
from db.requests.request_types import Area, RequestDoc, RuleResult, RuleSettings, SignatureCheck
from db.requests.rules import (
    RULE_NAMES,
    SettingsError,
    evaluate,
    fmt_duration,
    fmt_number,
    settings_from_json,
    settings_to_json,
    summary,
    worst,
)
from db.words.units import SQ_M_PER_SQ_MI

ISSUED = datetime(2026, 11, 21, 17, 0, tzinfo=UTC)
EXPIRES = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 22, 0, 0, tzinfo=UTC)
CENTER = (-122.3321, 47.6062)
SIGNED = SignatureCheck("verified", "signed by key ex-pd-2026 of Example Police Department")
DEFAULTS = RuleSettings()
SECOND = timedelta(seconds=1)


def make_doc(**changes: Any) -> RequestDoc:
    """A request that passes every default rule, with ``changes`` applied."""
    doc = RequestDoc(
        raw=b"{}",
        sha256="0" * 64,
        data={},
        id="3f0b6d0e-8a51-4f0c-9a59-2f2f5d7c1e11",
        agency_id="ex-pd",
        agency_name="Example Police Department",
        agency_jurisdiction="Example City",
        window_start=datetime(2026, 11, 20, 22, 0, tzinfo=UTC),
        window_end=datetime(2026, 11, 21, 0, 0, tzinfo=UTC),
        area=Area("circle", center=CENTER, radius_m=300),
        issued_at=ISSUED,
        expires_at=EXPIRES,
        case_number="2026-004512",
        incident="package theft",
        description="Parcel taken from a porch between 2 and 4 pm.",
        contact={"name": "Det. A. Rivera", "email": "arivera@example.gov", "phone": "+1 555 0100"},
        retention_days=365,
        third_party_sharing="prosecution",
    )
    return dataclasses.replace(doc, **changes)


def check(
    rule: str,
    doc: RequestDoc | None = None,
    rules: RuleSettings = DEFAULTS,
    now: datetime = NOW,
    signature: SignatureCheck = SIGNED,
) -> RuleResult:
    results = evaluate(doc or make_doc(), rules, now, signature)
    (result,) = [r for r in results if r.rule == rule]
    return result


def with_window(length: timedelta) -> RequestDoc:
    start = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
    return make_doc(window_start=start, window_end=start + length)


def circle_of_sq_mi(sq_mi: float) -> Area:
    """A circle whose geodesic area is ``sq_mi`` (to within a part in ten million)."""
    radius = math.sqrt(sq_mi * SQ_M_PER_SQ_MI / math.pi)
    for _ in range(3):
        area = area_sq_m(Area("circle", center=CENTER, radius_m=radius))
        radius *= math.sqrt(sq_mi * SQ_M_PER_SQ_MI / area)
    made = Area("circle", center=CENTER, radius_m=radius)
    assert area_sq_m(made) / SQ_M_PER_SQ_MI == pytest.approx(sq_mi, rel=1e-7)
    return made


# ------------------------------------------------------------------- the whole evaluation


def test_a_good_request_passes_every_rule_in_a_fixed_order() -> None:
    results = evaluate(make_doc(), DEFAULTS, NOW, SIGNED)
    assert [r.rule for r in results] == list(RULE_NAMES)
    assert [r.outcome for r in results] == ["ok"] * len(RULE_NAMES)
    assert worst(results) == "ok"
    assert summary(results) == "All rules pass"
    for result in results:
        assert re.fullmatch(r"[A-Z].*[.]", result.reason), result.reason
    reasons = {r.rule: r.reason for r in results}
    assert reasons["case_number"] == "The case number is 2026-004512."
    assert "Det. A. Rivera (arivera@example.gov, +1 555 0100)" in reasons["contact"]
    assert reasons["window"] == (
        "The time window is 2 hours long, between your minimum of 15 minutes "
        "and your limit of 12 hours."
    )
    assert reasons["expiry"] == ("The request expires at 2026-12-05 17:00 UTC, in 14 days.")
    assert "0.109 sq mi (0.283 km²)" in reasons["area"]


def test_a_bad_request_is_summed_up_and_every_reason_is_a_sentence() -> None:
    doc = make_doc(
        case_number=None,
        contact=None,
        retention_days=None,
        third_party_sharing=None,
        area=circle_of_sq_mi(0.72),
    )
    results = evaluate(doc, DEFAULTS, EXPIRES, SignatureCheck("unsigned", ""))
    assert [r.outcome for r in results] == [
        "block",  # case_number
        "block",  # contact
        "ok",  # footage_age
        "block",  # area
        "block",  # expiry
        "warn",  # signature
        "warn",  # retention
        "warn",  # third_party
        "ok",  # window
    ]
    assert worst(results) == "block"
    assert summary(results) == "4 blocks, 3 warnings"
    assert (
        results[3].reason
        == "The area is 0.72 sq mi (1.86 km²); your limit is 0.5 sq mi (1.295 km²)."
    )
    for result in results:
        assert re.fullmatch(r"[A-Z].*[.]", result.reason), result.reason
        assert result.to_json()["rule"] == result.rule


def test_worst_and_summary() -> None:
    ok, warn, block = (RuleResult("x", o, "Words.") for o in ("ok", "warn", "block"))
    assert worst([]) == "ok" and summary([]) == "No rules checked"
    assert worst([ok, warn, ok]) == "warn" and summary([ok, warn, ok]) == "1 warning"
    assert worst([block, warn]) == "block" and summary([block, warn]) == "1 block, 1 warning"
    assert summary([block, block, ok]) == "2 blocks"
    assert summary(iter([warn, warn])) == "2 warnings"


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="now"):
        evaluate(make_doc(), DEFAULTS, datetime(2026, 11, 22), SIGNED)


# ------------------------------------------------------------------- case number, contact


@pytest.mark.parametrize("case_number", [None, "", "   "])
def test_missing_case_number_blocks_or_warns(case_number: str | None) -> None:
    doc = make_doc(case_number=case_number)
    result = check("case_number", doc)
    assert result.outcome == "block"
    assert result.reason == "The request has no case number, and you require one."
    relaxed = check("case_number", doc, RuleSettings(require_case_number=False))
    assert relaxed.outcome == "warn" and "no case number" in relaxed.reason


def test_case_number_present() -> None:
    result = check("case_number", make_doc(case_number=" A-1 "), RuleSettings())
    assert result == RuleResult("case_number", "ok", "The case number is A-1.")


@pytest.mark.parametrize(
    "contact",
    [
        None,
        {},
        {"name": "Det. A. Rivera"},
        {"name": "Det. A. Rivera", "email": "", "phone": "  "},
        {"email": None, "phone": 5550100},
    ],
)
def test_contact_without_email_or_phone_blocks_or_warns(contact: dict[str, Any] | None) -> None:
    doc = make_doc(contact=contact)
    result = check("contact", doc)
    assert result.outcome == "block" and "investigator contact" in result.reason
    assert "you require a contact you can reach" in result.reason
    relaxed = check("contact", doc, RuleSettings(require_contact=False))
    assert relaxed.outcome == "warn" and "investigator contact" in relaxed.reason


@pytest.mark.parametrize(
    ("contact", "shown"),
    [
        ({"email": "a@example.gov"}, "a@example.gov"),
        ({"name": "Sgt. B", "phone": "+1 555 0101"}, "Sgt. B (+1 555 0101)"),
    ],
)
def test_contact_with_email_or_phone_is_ok(contact: dict[str, Any], shown: str) -> None:
    result = check("contact", make_doc(contact=contact))
    assert result == RuleResult("contact", "ok", f"The investigator contact is {shown}.")


# ------------------------------------------------------------------- footage age


@pytest.mark.parametrize(
    ("rules", "limit", "words"),
    [
        (DEFAULTS, timedelta(days=45), "45 days"),
        (RuleSettings(max_footage_age_days=10.5), timedelta(days=10, hours=12), "10.5 days"),
    ],
)
def test_footage_age_at_inside_and_outside_the_limit(
    rules: RuleSettings, limit: timedelta, words: str
) -> None:
    for age, outcome in ((limit, "ok"), (limit - SECOND, "ok"), (limit + SECOND, "block")):
        doc = make_doc(window_start=ISSUED - age, window_end=ISSUED - age + timedelta(hours=1))
        result = check("footage_age", doc, rules)
        assert result.outcome == outcome, (age, result)
        assert f"limit is {words}." in result.reason or f"limit of {words}." in result.reason
    result = check("footage_age", make_doc(window_start=ISSUED - limit - SECOND), rules)
    assert result.reason == (
        f"The footage asked for starts {fmt_duration(limit + SECOND)} before the request "
        f"was issued; your limit is {words}."
    )
    assert "and 1 second" in result.reason


def test_footage_after_issue_is_ok() -> None:
    doc = make_doc(window_start=ISSUED + SECOND, window_end=ISSUED + timedelta(hours=1))
    result = check("footage_age", doc)
    assert result.outcome == "ok" and "after the request was issued" in result.reason


# ------------------------------------------------------------------- area


@pytest.mark.parametrize(
    ("sq_mi", "outcome"),
    [
        (0.025, "ok"),
        (0.025 * 1.001, "ok"),
        (0.025 * 0.999, "block"),
        (0.5, "ok"),
        (0.5 * 0.999, "ok"),
        (0.5 * 1.001, "block"),
    ],
)
def test_area_against_the_default_bounds(sq_mi: float, outcome: str) -> None:
    area = circle_of_sq_mi(sq_mi)
    measured = area_sq_m(area) / SQ_M_PER_SQ_MI
    if sq_mi in (0.025, 0.5):  # "at" the bound: within float noise of it
        outcome = "ok" if 0.025 <= measured <= 0.5 else "block"
    result = check("area", make_doc(area=area))
    assert result.outcome == outcome
    assert "sq mi" in result.reason and "km²" in result.reason


def test_area_reasons_give_both_units_and_the_bound() -> None:
    over = check("area", make_doc(area=circle_of_sq_mi(0.5005)))
    assert over.reason == "The area is 0.501 sq mi (1.3 km²); your limit is 0.5 sq mi (1.295 km²)."
    under = check("area", make_doc(area=circle_of_sq_mi(0.02)))
    assert under.reason == (
        "The area is 0.02 sq mi (0.0518 km²); your minimum is 0.025 sq mi (0.06475 km²), "
        "so the request could single out one home."
    )
    ok = check("area", make_doc(area=circle_of_sq_mi(0.3)))
    assert ok.reason == (
        "The area is 0.3 sq mi (0.777 km²), between your minimum of 0.025 sq mi "
        "(0.06475 km²) and your limit of 0.5 sq mi (1.295 km²)."
    )


def test_area_against_changed_bounds_exactly_at_them() -> None:
    doc = make_doc(area=circle_of_sq_mi(1.0))
    exact = area_sq_m(doc.area) / SQ_M_PER_SQ_MI
    for low, high, outcome in [
        (exact, 2.0, "ok"),
        (0.1, exact, "ok"),
        (exact * 0.999, 2.0, "ok"),
        (0.1, exact * 1.001, "ok"),
        (exact * 1.001, 2.0, "block"),
        (0.1, exact * 0.999, "block"),
    ]:
        rules = RuleSettings(min_area_sq_mi=low, max_area_sq_mi=high)
        assert check("area", doc, rules).outcome == outcome, (low, high)


def test_polygon_area_is_geodesic() -> None:
    # 0.01° x 0.01° is 0.475 sq mi at the equator but 0.240 sq mi at 60° N.
    def square(lat: float) -> Area:
        ring = ((10.0, lat), (10.01, lat), (10.01, lat + 0.01), (10.0, lat + 0.01), (10.0, lat))
        return Area("polygon", rings=(ring,))

    assert "0.475 sq mi" in check("area", make_doc(area=square(0.0))).reason
    far_north = check("area", make_doc(area=square(60.0)), RuleSettings(max_area_sq_mi=0.2))
    assert far_north.outcome == "block" and "0.24 sq mi" in far_north.reason


def test_an_area_that_cannot_be_measured_blocks() -> None:
    result = check("area", make_doc(area=Area("circle", center=CENTER)))
    assert result.outcome == "block" and "cannot be worked out" in result.reason


# ------------------------------------------------------------------- expiry


def test_expiry_at_and_around_the_moment() -> None:
    before = check("expiry", now=EXPIRES - SECOND)
    assert before.outcome == "ok"
    assert before.reason == "The request expires at 2026-12-05 17:00 UTC, in less than a minute."
    at = check("expiry", now=EXPIRES)
    assert at.outcome == "block" and "nothing can be shared after expiry" in at.reason
    after = check("expiry", now=EXPIRES + timedelta(days=2, minutes=3))
    assert after.reason == (
        "The request expired at 2026-12-05 17:00 UTC, 2 days ago; "
        "nothing can be shared after expiry."
    )
    # A non-UTC "now" is the same moment.
    pacific = EXPIRES.astimezone(datetime.fromisoformat("2026-01-01T00:00-08:00").tzinfo)
    assert check("expiry", now=pacific - SECOND).outcome == "ok"


# ------------------------------------------------------------------- signature


def test_signature_outcomes() -> None:
    ok = check("signature", signature=SIGNED)
    assert ok == RuleResult(
        "signature",
        "ok",
        "The signature checks out: signed by key ex-pd-2026 of Example Police Department.",
    )
    unsigned = check("signature", signature=SignatureCheck("unsigned", "no signature"))
    assert unsigned.outcome == "warn" and "could be a fake request" in unsigned.reason
    unknown = check("signature", signature=SignatureCheck("unknown_key", "key ex-pd-9"))
    assert unknown.outcome == "warn" and "could be a fake request" in unknown.reason
    assert "(key ex-pd-9)" in unknown.reason
    bad = check("signature", signature=SignatureCheck("bad_signature", ""))
    assert bad == RuleResult(
        "signature",
        "block",
        "The signature does not match the document: it was altered or forged.",
    )


# ------------------------------------------------------------------- retention


@pytest.mark.parametrize(
    ("rules", "limit"), [(DEFAULTS, 365), (RuleSettings(max_retention_days=30), 30)]
)
def test_retention_at_inside_and_outside_the_maximum(rules: RuleSettings, limit: int) -> None:
    for days, outcome in ((limit, "ok"), (limit - 1, "ok"), (limit + 1, "warn")):
        result = check("retention", make_doc(retention_days=days), rules)
        assert result.outcome == outcome
        assert f"for {days} days" in result.reason and f"{limit} days." in result.reason
    assert check("retention", make_doc(retention_days=limit + 1), rules).reason == (
        f"The agency will keep the footage for {limit + 1} days; your maximum is {limit} days."
    )


def test_retention_not_stated_warns() -> None:
    result = check("retention", make_doc(retention_days=None))
    assert result.outcome == "warn" and "does not say how long" in result.reason
    assert check("retention", make_doc(retention_days=1)).reason.startswith(
        "The agency will keep the footage for 1 day,"
    )


# ------------------------------------------------------------------- third parties


@pytest.mark.parametrize(
    ("terms", "outcome", "words"),
    [
        ("none", "ok", "not pass the footage on"),
        ("prosecution", "ok", "only to prosecutors"),
        ("other_agencies", "warn", "other agencies"),
        ("unrestricted", "warn", "anyone"),
        (None, "warn", "does not say"),
        ("friends", "warn", "'friends'"),
    ],
)
def test_third_party_sharing(terms: str | None, outcome: str, words: str) -> None:
    result = check("third_party", make_doc(third_party_sharing=terms))
    assert result.outcome == outcome and words in result.reason


# ------------------------------------------------------------------- window


@pytest.mark.parametrize(
    ("rules", "shortest", "longest"),
    [
        (DEFAULTS, timedelta(minutes=15), timedelta(hours=12)),
        (
            RuleSettings(min_window_minutes=30, max_window_hours=2.5),
            timedelta(minutes=30),
            timedelta(hours=2, minutes=30),
        ),
    ],
)
def test_window_at_inside_and_outside_both_bounds(
    rules: RuleSettings, shortest: timedelta, longest: timedelta
) -> None:
    for length, outcome in (
        (shortest, "ok"),
        (shortest + SECOND, "ok"),
        (shortest - SECOND, "warn"),
        (longest, "ok"),
        (longest - SECOND, "ok"),
        (longest + SECOND, "warn"),
    ):
        result = check("window", with_window(length), rules)
        assert result.outcome == outcome, (length, result)
        assert fmt_duration(length) in result.reason


def test_window_reasons() -> None:
    short = check("window", with_window(timedelta(minutes=14, seconds=59)))
    assert short.reason == (
        "The time window is 14 minutes and 59 seconds long; your minimum is 15 minutes."
    )
    long = check("window", with_window(timedelta(hours=12, minutes=1)))
    assert long.reason == "The time window is 12 hours and 1 minute long; your limit is 12 hours."
    backwards = check("window", with_window(-timedelta(hours=1)))
    assert backwards.outcome == "warn" and "ends before it starts" in backwards.reason
    assert check("window", with_window(timedelta(0))).outcome == "warn"


# ------------------------------------------------------------------- wording helpers


@pytest.mark.parametrize(
    ("value", "avoid", "text"),
    [
        (0.72, (), "0.72"),
        (45, (), "45"),
        (0.0249, (), "0.0249"),
        (1234.5678, (), "1,235"),
        (0.50001, (0.5,), "0.50001"),
        (0.49999, (0.5, 0.025), "0.49999"),
        (0.5, (0.5,), "0.5"),
        (0, (), "0"),
    ],
)
def test_fmt_number(value: float, avoid: tuple[float, ...], text: str) -> None:
    assert fmt_number(value, avoid) == text


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (timedelta(0), "0 seconds"),
        (timedelta(milliseconds=200), "less than a second"),
        (timedelta(days=1), "1 day"),
        (timedelta(days=45, minutes=1), "45 days and 1 minute"),
        (timedelta(hours=2, minutes=3, seconds=4), "2 hours, 3 minutes and 4 seconds"),
        (-timedelta(minutes=5), "minus 5 minutes"),
    ],
)
def test_fmt_duration(span: timedelta, text: str) -> None:
    assert fmt_duration(span) == text


# ------------------------------------------------------------------- settings


def test_settings_round_trip_and_defaults() -> None:
    assert settings_from_json(settings_to_json(DEFAULTS)) == DEFAULTS
    assert settings_from_json({}) == DEFAULTS
    changed = RuleSettings(max_footage_age_days=10, require_contact=False, max_retention_days=30)
    data = settings_to_json(changed)
    assert data["require_contact"] is False and data["max_retention_days"] == 30
    assert settings_from_json(data) == changed
    assert settings_from_json({"max_retention_days": 90.0}).max_retention_days == 90
    assert isinstance(settings_from_json({"max_retention_days": 90.0}).max_retention_days, int)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"max_footage_age_days": -1}, "max_footage_age_days"),
        ({"max_footage_age_days": "45"}, "max_footage_age_days"),
        ({"max_footage_age_days": float("nan")}, "max_footage_age_days"),
        ({"max_footage_age_days": 1e9}, "max_footage_age_days"),
        ({"min_area_sq_mi": 0.6}, "min_area_sq_mi"),
        ({"min_area_sq_mi": 1, "max_area_sq_mi": 0.5}, "min_area_sq_mi"),
        ({"max_area_sq_mi": 0}, "max_area_sq_mi"),
        ({"max_area_sq_mi": float("inf")}, "max_area_sq_mi"),
        ({"min_window_minutes": -5}, "min_window_minutes"),
        ({"min_window_minutes": 800}, "min_window_minutes"),
        ({"max_window_hours": 0}, "max_window_hours"),
        ({"max_retention_days": 30.5}, "max_retention_days"),
        ({"max_retention_days": True}, "max_retention_days"),
        ({"require_case_number": 1}, "require_case_number"),
        ({"require_contact": "yes"}, "require_contact"),
        ({"max_age": 45}, "max_age"),
    ],
)
def test_nonsense_settings_are_refused_by_name(data: dict[str, Any], field: str) -> None:
    with pytest.raises(ValueError, match=f"^{field}: ") as caught:
        settings_from_json(data)
    assert isinstance(caught.value, SettingsError) and caught.value.field == field


def test_settings_must_be_an_object() -> None:
    with pytest.raises(SettingsError, match="JSON object"):
        settings_from_json([])  # type: ignore[arg-type]  # the wrong type is the test


# ------------------------------------------------------------------- properties


valid_settings = st.builds(
    RuleSettings,
    max_footage_age_days=st.floats(0, 3650),
    min_area_sq_mi=st.floats(0, 0.1),
    max_area_sq_mi=st.floats(0.1, 10),
    min_window_minutes=st.floats(0, 60),
    max_window_hours=st.floats(1, 72),
    max_retention_days=st.integers(0, 10_000),
    require_case_number=st.booleans(),
    require_contact=st.booleans(),
    auto_decline_blocked=st.booleans(),
    match_view_cones=st.booleans(),
)


@settings(max_examples=100, deadline=None)
@given(
    rules=valid_settings,
    radius=st.floats(1, 20_000),
    start_offset_h=st.floats(-24, 24 * 400),
    length_min=st.floats(-60, 60 * 48),
    retention=st.none() | st.integers(0, 5000),
    outcome=st.sampled_from(["verified", "unsigned", "unknown_key", "bad_signature"]),
    now_offset_h=st.floats(-1000, 1000),
)
def test_every_request_gets_one_sentence_per_rule(
    rules: RuleSettings,
    radius: float,
    start_offset_h: float,
    length_min: float,
    retention: int | None,
    outcome: Any,
    now_offset_h: float,
) -> None:
    start = ISSUED - timedelta(hours=start_offset_h)
    doc = make_doc(
        area=Area("circle", center=CENTER, radius_m=radius),
        window_start=start,
        window_end=start + timedelta(minutes=length_min),
        retention_days=retention,
    )
    results = evaluate(
        doc, rules, EXPIRES + timedelta(hours=now_offset_h), SignatureCheck(outcome, "")
    )
    assert [r.rule for r in results] == list(RULE_NAMES)
    for result in results:
        assert result.outcome in ("ok", "warn", "block")
        assert re.fullmatch(r"[A-Z][^\n]*[.]", result.reason), result.reason
    assert settings_from_json(settings_to_json(rules)) == rules
