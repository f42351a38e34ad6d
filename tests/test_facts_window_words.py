"""Session 43 (issue 14, classes 1 and 4), on text written for this repository: two times
after "until" ("did not come back until 07:05 and 07:40 respectively") are two ends, not an
impact window from the first to the second; and a day written just after a time and its zone
("At 6:40 AM EST March 14 we detected ...") is that time's day, not the day of the title."""

from __future__ import annotations

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


UNTIL_TWO_ENDS = """# Relay outage

## Summary

On 2024-04-09 at 06:20 UTC our EU and US relays stopped passing traffic, and they did not
come back until 07:05 UTC and 07:40 UTC respectively.
"""


def test_two_times_after_until_are_no_window() -> None:
    value = facts(UNTIL_TWO_ENDS)
    assert value.windows == []
    assert value.duration() != (35, "range")


def test_a_window_from_a_time_until_another_is_still_one() -> None:
    value = facts(
        UNTIL_TWO_ENDS.replace(
            "stopped passing traffic, and they did not\ncome back "
            "until 07:05 UTC and 07:40 UTC respectively",
            "were down from 07:05 UTC until 07:40 UTC",
        )
    )
    assert [
        (a.when.isoformat(), b.when.isoformat()) for a, b in value.windows if a.when and b.when
    ] == [("2024-04-09T07:05:00+00:00", "2024-04-09T07:40:00+00:00")]


DAY_AFTER_THE_ZONE = """# Preliminary report for March 15, 2024

## Report

At 6:40 AM EST March 14 we detected that outbound SMS to two carriers was failing. At 7:25
AM EST the carriers restored their links and messages were delivered again.
"""


def test_a_day_just_after_a_time_and_its_zone_is_its_day() -> None:
    value = facts(DAY_AFTER_THE_ZONE)
    assert iso(value, "detected") == "2024-03-14T06:40:00-05:00"
    assert iso(value, "resolved") == "2024-03-14T07:25:00-05:00"
    assert value.duration() == (45, "milestones")


ENDED_BY = """# Chat bot restarts

The gateway upstream of our chat bot dropped its sessions: by our own graphs the trouble
reached the bot at around 20:14 UTC on 2024-05-02 and ended by 20:52, and the workers were
restarted at 21:03-21:05 to clear their queues.
"""


def test_an_end_told_with_by_closes_the_window() -> None:
    value = facts(ENDED_BY)
    assert iso(value, "start") == "2024-05-02T20:14:00+00:00"
    # the window to 20:52, and the restart's two minutes after it
    assert value.duration() == (40, "range")


# Session 44: a status note that corrects the time it first gave is no window (read as one, its
# end, two minutes before the start on the clock, fell on the next day: a window of 23:58).
CORRECTED_TIME = """Tuesday 4th March 2025

# Storage cluster: brief loss of connectivity

15:40 UTC: Volumes are reachable again; we keep watching the cluster.

16:10 UTC: Our provider confirmed a switch reboot cut the link for about two minutes.
After reading the logs we moved the recorded start: it was changed from 15:31 UTC to 15:29 UTC.
"""


def test_a_time_changed_from_one_value_to_another_is_no_window() -> None:
    value = facts(CORRECTED_TIME)
    assert value.windows == []
    resolved = iso(value, "resolved")
    assert resolved is None or resolved.startswith("2025-03-04")
    # a window told with "from ... to" is still one
    told = facts(CORRECTED_TIME.replace("was changed from", "lasted from"))
    assert len(told.windows) == 1
