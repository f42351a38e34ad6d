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


def test_a_window_months_before_the_marked_resolution_does_not_end_its_impact() -> None:
    # the window's times take the only full date near them, an action item's due date,
    # nine months before the timeline's day: the window is not this incident's
    report = """\
# Upload errors

## Summary

Uploads were slow on 2024-03-02. The nightly export finished six hours late.

## Timeline

| Time | Event |
| --- | --- |
| 15:22 UTC | Upload alert cleared |
| 15:57 UTC | Batch finished; incident resolved |
| 15:59 UTC | Upload error rate back to normal; incident resolved |

## Action items

- Review the upload limits of the eu cluster (owner: @sam, INC-8314, due 2023-06-16)

## Detailed analysis

Engineers worked for 26 minutes to recover. Logins failed from 9:05 AM to 9:50 AM for a
share of users.
"""
    assert iso(report, "resolved") == "2024-03-02T15:59:00+00:00"
    assert iso(report, "mitigated") != "2023-06-16T09:50:00+00:00"


def test_a_window_that_ends_before_the_impact_began_does_not_end_it() -> None:
    report = """\
# Checkout errors on 2024-11-18

## Summary

Checkout was degraded on 2024-11-18 and users saw errors.

## Timeline

- 14:04 UTC: P99 latency starts rising; impact begins.
- 14:17 UTC: Checkout requests start failing.
- 17:26 UTC: The on-call engineer is paged.
- 19:12 UTC: Queue drained; incident resolved

## Detailed analysis

Earlier that day, logins failed from 9:05 AM to 9:50 AM for a share of users.
"""
    assert iso(report, "start") == "2024-11-18T14:04:00+00:00"
    assert iso(report, "mitigated") != "2024-11-18T09:50:00+00:00"
