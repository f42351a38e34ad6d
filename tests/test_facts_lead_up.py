"""A time told under a "Leadup" heading (the template section on what led to the incident)
is no end of the incident (issue 14): "We deployed the new worker at 08:40 UTC" there is the
change that broke it, not a fix. Written for this repository."""

from __future__ import annotations

from tests.conftest import facts

REPORT = """\
# Queue stall

At 08:52 UTC on Friday 3rd May 2024 we experienced a momentary outage
of our job queue.

## Leadup

We renamed the billing role, so every account's roles had to be synced again.

We deployed the new worker at 08:40 UTC on 3rd May 2024 and the sync process began once again.

## Impact

Jobs waited for a few minutes; none were lost.
"""


def iso(text: str, kind: str) -> str | None:
    moment = facts(text, "2024-05-03-queue-stall.md").milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_a_deploy_told_in_the_lead_up_is_no_end() -> None:
    assert iso(REPORT, "mitigated") is None
    assert iso(REPORT, "resolved") is None
    assert iso(REPORT, "start") == "2024-05-03T08:52:00+00:00"
