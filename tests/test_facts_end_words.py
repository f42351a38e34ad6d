"""Session 43 (issue 14, classes 5 and 7), on text written for this repository: words of
an end that tell the opposite ("all systems are down" holds "all systems", once a word of
the resolution) close nothing; and a start and an end at the same minute give no duration
(one moment read twice is not an impact of 0 minutes)."""

from __future__ import annotations

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


OPENING_DOWN = """# Storage outage

## Timeline

- 2024-09-14 06:50 UTC: the storage array loses both controllers and all systems are down.
- 2024-09-14 07:05 UTC: the on-call engineer is paged.
- 2024-09-14 08:30 UTC: a spare controller is fitted and the volumes are checked one by one.
"""


def test_all_systems_down_is_no_resolution() -> None:
    value = facts(OPENING_DOWN)
    assert iso(value, "resolved") != "2024-09-14T06:50:00+00:00"
    assert value.duration() != (0, "milestones")


def test_all_systems_go_still_closes_it() -> None:
    value = facts(OPENING_DOWN.replace("checked one by one", "checked; all systems go"))
    assert iso(value, "resolved") == "2024-09-14T08:30:00+00:00"


ONE_MOMENT = """# Label printer queue

## Timeline

- 2024-10-01 09:00 UTC: the label queue jams and a restart clears it; all systems operational.
"""


def test_one_moment_read_twice_gives_no_duration() -> None:
    value = facts(ONE_MOMENT)
    assert iso(value, "start") == iso(value, "resolved") == "2024-10-01T09:00:00+00:00"
    assert value.duration() is None


WINDOW_THEN_PATCH = """# Thumbnail errors

## Summary

On 2024-07-22 from 13:05 to 13:48 UTC part of the thumbnail requests failed.

## Timeline

- 13:05 UTC: thumbnail requests start to fail on two workers.
- 13:20 UTC: the workers are drained and put back.
- 13:48 UTC: the error graph goes flat.
- 13:55 UTC: the team applied a patch for the worker's memory leak.
"""


def test_a_patch_applied_soon_after_the_window_is_the_resolution() -> None:
    # "applied a patch" as "a patch was applied": the fix landed, the incident closed
    value = facts(WINDOW_THEN_PATCH)
    assert iso(value, "mitigated") == "2024-07-22T13:48:00+00:00"
    assert iso(value, "resolved") == "2024-07-22T13:55:00+00:00"
    assert value.duration() == (43, "range")
