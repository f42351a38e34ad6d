"""How long a cloud provider's incident lasted, told in words the duration grammar had not read
(issue 14): a writer's sum of several windows ("for a cumulative period of 4 hours, 30
minutes") and a later window told with its own state ("mostly down for 60 minutes and
partially down for another 17 minutes"). Each case is text written for this repository.
"""

from __future__ import annotations

import pytest

from pmlint.extract.durations import stated_durations
from tests.conftest import facts


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        (
            "Object storage returned errors during two separate periods, for a cumulative "
            "period of 3 hours, 10 minutes.",
            190,
        ),
        ("The queue was stalled for a combined total of 95 minutes.", 95),
        ("Builds were degraded for a combined period of 2 hours.", 120),
    ],
)
def test_a_cumulative_period_is_the_duration(text: str, minutes: int) -> None:
    assert [s.minutes for s in stated_durations(text)] == [minutes]


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        (
            "The console was mostly down for 40 minutes and partially down for another 12 minutes.",
            52,
        ),
        ("Search was unavailable for 25 minutes and degraded for another 20 minutes.", 45),
    ],
)
def test_a_later_window_told_with_its_own_state_adds_up(text: str, minutes: int) -> None:
    assert [s.minutes for s in stated_durations(text)] == [minutes]


def test_a_wait_for_another_while_is_no_window() -> None:
    text = "The site was down for 10 minutes and we waited for another 20 minutes before closing."
    assert [s.minutes for s in stated_durations(text)] == [10]


def test_the_cumulative_period_wins_over_the_header_window() -> None:
    # a status header that spans only the first of the periods the report adds up
    text = (
        "# Elevated latency for Example Queue\n\n"
        "Incident began at 2024-02-06 01:00 and ended at 2024-02-06 03:20 "
        "(all times are US/Pacific).\n\n"
        "Beginning on Tuesday, 6 February 2024, Example Queue experienced elevated latency "
        "during three separate impact periods, for a cumulative period of 5 hours, 5 minutes.\n"
    )
    assert facts(text).duration() == (305, "stated-duration")


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        (
            "Several products returned elevated error rates in one region for a duration of up "
            "to 2 hours and 12 minutes.",
            132,
        ),
        ("The dashboard had an outage for up to 3 hours and 5 minutes on May 2, 2025.", 185),
    ],
)
def test_up_to_a_length_is_the_duration(text: str, minutes: int) -> None:
    assert [s.minutes for s in stated_durations(text)] == [minutes]


def test_a_delay_of_up_to_a_length_is_no_duration() -> None:
    assert stated_durations("Some webhooks were delayed by up to 30 minutes.") == []


def test_a_stale_header_on_another_day_adds_no_minutes() -> None:
    # a feed mirror's header from another day over the report's own window
    text = (
        "# Elevated errors in one region\n\n"
        "Incident began at 2025-09-20 06:10 and ended at 2025-09-20 08:00 "
        "(all times are US/Pacific).\n\n"
        "## Summary\n\n"
        "On Monday, 1 September 2025 from 07:05 to 08:35 US/Pacific, several products "
        "returned elevated error rates in one region.\n"
    )
    assert facts(text).duration() == (90, "range")


# Session 52 (f52d): durations a cloud or hosting report states in shapes the grammar did not
# read. Each case is text written for this repository.


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        (
            "After the switch failed, the store was in a degraded state for about 3.5 hours.",
            210,
        ),
        ("The bridge was down on the staging chain for about 17 minutes.", 17),
        ("Image uploads were unavailable in Frankfurt for 40 minutes.", 40),
    ],
)
def test_a_state_with_its_noun_or_place_before_for_is_the_duration(text: str, minutes: int) -> None:
    assert [s.minutes for s in stated_durations(text)] == [minutes]


def test_a_change_rolled_out_somewhere_for_days_is_no_duration() -> None:
    assert (
        stated_durations("The flag was rolled out in production for 3 days before the alert.") == []
    )


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("We had an outage on Sunday night that lasted for 4-5 hours.", 240),
        ("The dashboard was down for about 6–8 minutes.", 6),
    ],
)
def test_a_range_of_amounts_reads_as_its_lower_bound(text: str, minutes: int) -> None:
    assert [s.minutes for s in stated_durations(text)] == [minutes]


def test_a_range_is_no_figure_where_it_is_not_how_long_the_outage_lasted() -> None:
    # further disruptions beside the outage, and one wave of several
    text = (
        "The outages came in two waves, each lasting 5-10 minutes. While fixing the cause, "
        "further disruptions happened, spanning a total of 1-2 hours."
    )
    assert stated_durations(text) == []


def test_a_field_name_on_its_own_line_over_its_value() -> None:
    # a status aggregator's list: the name as one item, the value as the next
    text = (
        "- Started\n- 2025-11-04 08:02 UTC\n- Resolved\n- 2025-11-04 09:40 UTC\n"
        "- Duration\n- 87 minutes\n\n"
        "Between 00:01 and 01:45 PST on Tuesday, 2025-11-04, uploads to Example Store failed.\n"
    )
    assert facts(text).duration() == (87, "stated-duration")


def test_a_field_name_over_a_line_that_holds_more_than_a_duration_states_none() -> None:
    text = (
        "Downtime\nThe API was unreachable, about 20 minutes of it for most users\n\n"
        "Between 10:00 and 10:50 UTC on 2025-03-02, the API returned errors.\n"
    )
    assert facts(text).duration() == (50, "range")


def test_a_part_s_window_across_the_incident_s_start_does_not_lengthen_it() -> None:
    # the incident's period, then one product's window that opens a little before it
    text = (
        "During a period beginning 09:10 UTC on Monday, March 3, 2025 and ending at 12:40 UTC "
        "Monday, March 3, 2025, Example Pager was slow to deliver pages.\n\n"
        "For SMS pages, the total time frame of notable impact was from 08:58 UTC until 10:30 "
        "UTC (2025-Mar-03).\n"
    )
    assert facts(text).duration() == (210, "range")


def test_phases_that_only_touch_still_add_up() -> None:
    text = (
        "Between 09:00 and 10:05 UTC on 2025-03-03, logins failed. Between 10:00 and 12:00 UTC "
        "on 2025-03-03, logins were slow.\n"
    )
    assert facts(text).duration() == (180, "range")


def test_earlier_periods_on_days_the_header_does_not_touch_are_not_this_incident() -> None:
    # a status page's header for the last of three periods; the report lists all three
    text = (
        "# Example Push latency issue\n\n"
        "Incident began at 2024-05-20 08:00 and ended at 2024-05-21 10:00 (all times are "
        "US/Pacific).\n\n"
        "DETAILED DESCRIPTION OF IMPACT\n\n"
        "High impact: 2024-05-06 09:00 through 2024-05-06 21:00 2024-05-13 10:00 through "
        "2024-05-13 18:00 2024-05-20 09:00 through 2024-05-21 10:00\n"
    )
    assert facts(text).duration() == (1560, "range")
