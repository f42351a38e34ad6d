"""Shapes of writing that real postmortems use and the facts missed, each a class written for
this repository: status updates under headings of their own, zones named in words in a
heading, a metric that returns to zero, what users could not do for how long, a day told
relative to the day of writing."""

from __future__ import annotations

import pytest

from pmlint.extract.durations import stated_durations
from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_status_updates_each_under_their_own_heading_are_a_timeline() -> None:
    value = facts(
        "# Slow builds\n\n### Resolved\n\nThis incident has been resolved.\n"
        "Posted Apr 2, 2024 - 11:40 UTC\n\n### Update\n\nA fix is out and builds are recovering.\n"
        "Posted Apr 2, 2024 - 11:05 UTC\n\n### Investigating\n\n"
        "We are investigating slow builds for some projects.\nPosted Apr 2, 2024 - 10:12 UTC\n"
    )
    assert iso(value, "start") == "2024-04-02T10:12:00+00:00"
    assert iso(value, "resolved") == "2024-04-02T11:40:00+00:00"


def test_a_single_posted_section_is_no_update_log() -> None:
    value = facts(
        "# Slow builds\n\n## Summary\n\nBuilds were slow.\n\n### Note\n\n"
        "We wrote this note after the fact.\nPosted Apr 2, 2024 - 11:40 UTC\n"
    )
    assert value.events == []


def test_a_zone_named_in_words_in_the_timeline_heading_carries() -> None:
    value = facts(
        "# Site down\n\nWritten 2021-10-05.\n\n## Timeline (Pacific time)\n\n"
        "- 8:55am: load balancer upgraded\n- 9:01am: site returns 502 errors\n"
        "- 9:36am: rolled back, site is back up\n"
    )
    assert iso(value, "start") == "2021-10-05T08:55:00-07:00"
    assert value.timezone == "Pacific time"


def test_an_error_rate_that_returns_to_zero_is_a_recovery() -> None:
    value = facts(
        "# Uploads failing\n\n## Timeline\n\n- 2023-06-14 11:03 UTC first upload failures\n"
        "- 2023-06-14 11:15 UTC alert fires on the upload error rate\n"
        "- 2023-06-14 11:41 UTC upload error rate returns to 0\n"
    )
    assert iso(value, "mitigated") == "2023-06-14T11:41:00+00:00"


@pytest.mark.parametrize(
    ("told", "minutes"),
    [
        ("Customers were unable to sign in for 52 minutes.", [52.0]),
        ("Builds could not start for two hours and 10 minutes.", [130.0]),
        ("The worker could not reach the queue for 30 seconds at a time.", []),
        ("We were not paged for 20 minutes.", []),
    ],
)
def test_what_users_could_not_do_and_for_how_long_is_a_duration(
    told: str, minutes: list[float]
) -> None:
    assert [s.minutes for s in stated_durations(told)] == minutes


RELATIVE = """\
---
date: 2024-03-02
---
# DNS incident

Yesterday at 18:20 UTC a bad record was pushed and the domain stopped resolving. Monitoring
alerted us at 18:27 UTC. The record was corrected at 18:49 UTC.

Today at 09:00 UTC we published this review.
"""


def test_a_day_told_relative_to_the_day_of_writing_moves_its_times() -> None:
    value = facts(RELATIVE)
    assert iso(value, "start") == "2024-03-01T18:20:00+00:00"
    assert iso(value, "detected") == "2024-03-01T18:27:00+00:00"


def test_a_weekday_names_the_day_before_the_post() -> None:
    value = facts(RELATIVE.replace("Yesterday at", "On Thursday at"))
    assert iso(value, "start") == "2024-02-29T18:20:00+00:00"


def test_a_relative_word_does_not_move_a_dated_incident() -> None:
    value = facts(RELATIVE.replace("Yesterday at 18:20", "On 2024-02-20 at 18:20"))
    assert iso(value, "start") == "2024-02-20T18:20:00+00:00"
