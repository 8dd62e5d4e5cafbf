"""Times and areas in words: the window's one rule for times (the computer's clock,
the zone named once), relative times rounded to what a person needs, and one area
formatter for the window, the command line and the rules' reasons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from db.words.timewords import camera_text, local_span, local_text, relative, same_clock, zone_words
from db.words.units import SQ_M_PER_SQ_MI, area_short, area_text
from tests import zone_helpers

new_york = zone_helpers.new_york  # the fixture

NOW = datetime(2026, 12, 6, 13, 0, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (timedelta(days=14, hours=11, minutes=49, seconds=55), "in 14 days"),
        (timedelta(days=13, hours=23, minutes=59), "in 14 days"),
        (timedelta(days=2, hours=11), "in 2 days"),
        (timedelta(days=1, hours=20, minutes=5), "in 1 day and 20 hours"),
        (timedelta(days=1, minutes=30), "in 1 day"),
        (timedelta(days=1, hours=23, minutes=40), "in 2 days"),
        (timedelta(hours=23, minutes=40), "in 1 day"),
        (timedelta(hours=5, minutes=20), "in 5 hours"),
        (timedelta(hours=5, minutes=40), "in 6 hours"),
        (timedelta(hours=1, minutes=30, seconds=20), "in 1 hour and 30 minutes"),
        (timedelta(minutes=12, seconds=20), "in 12 minutes"),
        (timedelta(minutes=59, seconds=40), "in 1 hour"),
        (timedelta(minutes=1, seconds=59), "in 2 minutes"),
        (timedelta(seconds=59), "in less than a minute"),
        (timedelta(0), "in less than a minute"),
        (-timedelta(seconds=1), "less than a minute ago"),
        (-timedelta(days=2, minutes=3), "2 days ago"),
        (-timedelta(hours=3, minutes=10), "3 hours ago"),
        (timedelta(days=400), "in 400 days"),
    ],
)
def test_relative_times_are_rounded_to_what_a_person_needs(span: timedelta, text: str) -> None:
    assert relative(NOW + span, NOW) == text
    assert relative((NOW + span).strftime("%Y-%m-%dT%H:%M:%S.000Z"), NOW) == text


def test_times_are_on_the_computers_clock(new_york) -> None:
    assert local_text("2026-12-20T13:00:00.000Z") == "2026-12-20 08:00"
    assert local_text(datetime(2026, 7, 1, 12, 0, 5, tzinfo=UTC), seconds=True) == (
        "2026-07-01 08:00:05"  # summer time in New York
    )
    assert local_span("2026-12-06T06:00:00.000Z", "2026-12-06T12:30:00.000Z") == (
        "2026-12-06 01:00–07:30"
    )
    assert local_span("2026-12-06T03:00:00.000Z", "2026-12-06T06:00:00.000Z") == (
        "2026-12-05 22:00 – 2026-12-06 01:00"
    )
    assert zone_words(NOW, "America/New_York") == "America/New_York (EST, UTC−05:00)"
    assert zone_words(NOW) == "EST (UTC−05:00)"
    # The camera's own clock, zone named, only as a labelled detail.
    assert camera_text("2026-11-20T22:00:00.000Z", "America/Los_Angeles") == (
        "2026-11-20 14:00:00 PST"
    )
    assert not same_clock("2026-11-20T22:00:00.000Z", "America/Los_Angeles")
    assert same_clock("2026-11-20T22:00:00.000Z", "America/Toronto")


def test_one_area_formatter_three_significant_digits() -> None:
    # The window showed "1.999 mi²" where the command line said "2 sq mi".
    assert area_text(1.999 * SQ_M_PER_SQ_MI) == "2 sq mi (5.18 km²)"
    assert area_short(1.999 * SQ_M_PER_SQ_MI) == "2 sq mi"
    assert area_text(0.0273 * SQ_M_PER_SQ_MI) == "0.0273 sq mi (0.0707 km²)"
    assert area_short(0.207 * SQ_M_PER_SQ_MI) == "0.207 sq mi"
    assert area_text(12.5 * SQ_M_PER_SQ_MI) == "12.5 sq mi (32.4 km²)"


def test_the_retention_list_gives_the_day_on_the_computers_clock(new_york) -> None:
    from db.sharing.retention import RetentionItem
    from desktop.widgets.retention_dialog import item_label

    # Ends at 02:30 UTC on the 21st: still the 20th in New York.
    item = RetentionItem(
        "r-1", "ex-pd", "Example PD", "C-1", None, "2026-11-20T02:30:00.000Z", 30,
        datetime(2026, 12, 21, 2, 30, tzinfo=UTC), False, "/p", "00", [], "https://x.example",
    )  # fmt: skip
    assert item_label(item).endswith("ends on 20 December 2026")
