"""Session 43 (issue 14, class 5): a remedy after which the timeline says the problem came
back did not stop the impact, so it is not the mitigation even when an entry soon after says
the errors ended ("a failover that hangs is not a mitigation"); and a symptom told with
"again" ("deliveries lag again") is the impact coming back, not things working again. The
documents are written for this repository."""

from __future__ import annotations

from pmlint.extract.milestones import recovered_again
from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def _report(relapse: str) -> str:
    return f"""# Quota service errors

## Summary

On 2024-02-06 the quota service returned errors to part of the API traffic.

## Timeline

- 09:02: Alerting reports a rise in quota lookups that fail
- 09:06: The on-call engineer starts looking into it
- 09:31: A rolling restart of the quota nodes is completed
- 09:44: {relapse}
- 09:52: Last errors were logged by the quota nodes
- 10:03: Traced the failures to an oversized cache key
"""


def test_a_remedy_the_problem_outlived_is_not_the_mitigation() -> None:
    told = facts(_report("The problem happened again, so the nodes were drained"))
    assert iso(told, "mitigated") == "2024-02-06T09:52:00"


def test_a_remedy_nothing_undid_brought_the_outcome() -> None:
    told = facts(_report("Lookups are checked by hand on two nodes"))
    assert iso(told, "mitigated") == "2024-02-06T09:31:00"


def test_a_symptom_told_again_is_no_recovery() -> None:
    assert not recovered_again("webhook deliveries lag again")
    assert not recovered_again("exports stall again for EU tenants")
    assert recovered_again("webhook deliveries flow again")
