"""Session 41 (issue 14), on text written for this repository: a stated impact window ends
the impact (the mitigation, and the duration is the window's), and a timeline entry that
closes the incident soon after the window's end ("the service is fully operational again",
"the permanent fix was deployed") is the resolution; an entry that only goes on working, a
tail hours later, or a recovery still under way closes nothing.
"""

from __future__ import annotations

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def _report(after: str) -> str:
    return f"""# Thumbnail service errors

## Summary

On 2024-05-14 from 08:10 to 08:52 UTC most thumbnail requests returned errors after a
cache node ran out of disk.

## Timeline

- 2024-05-14 08:10 UTC: the cache node's disk fills; thumbnails start failing.
- 08:15 UTC: an alert fires for the thumbnail error rate.
- 08:40 UTC: old cache files are removed by hand.
- 08:55 UTC: the error rate is watched while the cache warms.
{after}
"""


def test_a_closing_entry_soon_after_the_window_is_the_resolution() -> None:
    told = facts(_report("- 09:20 UTC: the thumbnail service is fully operational again."))
    assert iso(told, "mitigated") == "2024-05-14T08:52:00+00:00"  # the window's end
    assert iso(told, "resolved") == "2024-05-14T09:20:00+00:00"
    assert told.provenance["resolved"] == "timeline"
    assert told.duration() == (42, "range")  # the window, not the closing


def test_a_fix_that_lands_soon_after_the_window_is_the_resolution() -> None:
    told = facts(_report("- 09:30 UTC: the permanent fix for the disk alarm was deployed."))
    assert iso(told, "resolved") == "2024-05-14T09:30:00+00:00"
    assert told.duration() == (42, "range")


def test_a_closing_hours_after_the_window_is_a_tail() -> None:
    told = facts(_report("- 13:00 UTC: the thumbnail service is fully operational again."))
    assert iso(told, "resolved") == "2024-05-14T08:52:00+00:00"


def test_a_recovery_still_under_way_closes_nothing() -> None:
    told = facts(_report("- 09:10 UTC: thumbnails are still slow for some users."))
    assert iso(told, "mitigated") == "2024-05-14T08:52:00+00:00"
    assert iso(told, "resolved") == "2024-05-14T08:52:00+00:00"
