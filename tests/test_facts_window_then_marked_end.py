"""A summary's impact window ended before the timeline's entry that marks the incident
resolved (issue 14): the window's end is when the impact stopped, the marked entry when the
incident was closed. Written for this repository."""

from __future__ import annotations

from tests.conftest import facts

REPORT = """\
# Upload errors on 2024-06-03

## Summary

Between 14:05 and 14:50 UTC on 2024-06-03, uploads failed for 20 % of users.

## Timeline

- 2024-06-03 14:12 UTC Alerts fire for the upload error rate.
- 2024-06-03 14:30 UTC Engineers start rolling back the storage config.
- 2024-06-03 16:30 UTC Incident resolved after two hours of watching the error rate.
"""


def iso(text: str, kind: str) -> str | None:
    moment = facts(text).milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_the_window_ends_the_impact_before_the_marked_resolution() -> None:
    assert iso(REPORT, "mitigated") == "2024-06-03T14:50:00+00:00"
    assert iso(REPORT, "resolved") == "2024-06-03T16:30:00+00:00"
    assert iso(REPORT, "start") == "2024-06-03T14:05:00+00:00"
