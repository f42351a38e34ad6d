"""Detection classes of session 47 (issue 14): where a document tells no one learning of the
incident, no detection. Each document is written for this repository."""

from __future__ import annotations

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


ASKED_THE_HOST = """\
# Proxy address lost

## What happened

Saturday 2023-05-06, around 14:10, the proxy stopped responding on its public address.

## Resolution

### Asking for help

With no explanation for the lost route, I opened a ticket with the hosting company's support
at 16:45, about the failover address. A new address was set up on Monday.
"""


def test_the_team_asking_a_providers_support_is_neither_detection_nor_recovery() -> None:
    value = facts(ASKED_THE_HOST)
    assert iso(value, "start") == "2023-05-06T14:10:00"
    assert value.milestones["detected"] is None
    assert value.milestones["mitigated"] is None


NAMED_FOR_ALERTS = """\
# June 3-4, 2024 Missing alerts event

## What happened

The alert relay on the small host would not start, and the database password it used was
an old one. After purging a second copy of the container runtime it came back.
"""


def test_a_title_that_names_the_incident_tells_no_detection() -> None:
    # the title's days and its words name the incident (here, one about alerts): no one
    # learned of anything there
    value = facts(NAMED_FOR_ALERTS)
    assert value.milestones["detected"] is None


ALERTING_SWITCHED_BACK_ON = """\
# Heartbeat checks delayed

We moved the check-in store to new disks today at 09:02 UTC, with alerting paused. The move
finished at 09:20 UTC and we started working through the queued check-ins. At 09:24 UTC we
re-enabled our alerting process, too early: the queue had not drained, and some checks were
late.
"""


def test_alerting_switched_back_on_is_no_alert() -> None:
    # a setting turned on or off tells no one learning of anything (muting or silencing an
    # alert still does: someone saw it fire)
    value = facts(ALERTING_SWITCHED_BACK_ON)
    assert value.milestones["detected"] is None


CAUSE_FOUND = """\
# Export queue stalled on 2022-11-08

At 14:20 UTC the export workers began failing. At 15:10 UTC we identified the root cause as a stuck
lock in the scheduler, and the lock was released at 15:25 UTC; exports ran again.
"""


def test_the_cause_identified_is_no_detection() -> None:
    # the incident was known before its cause was found: no time here says when
    value = facts(CAUSE_FOUND)
    assert iso(value, "start") == "2022-11-08T14:20:00+00:00"
    assert value.milestones["detected"] is None


def test_an_alert_that_enabled_the_response_is_still_an_alert() -> None:
    value = facts(
        "# Disk filling on 2021-06-02\n\n## Timeline\n\n"
        "- 10:00 UTC: the log volume starts filling up.\n"
        "- 10:05 UTC: disk alerts enabled us to react before the volume was full.\n"
        "- 10:20 UTC: old logs deleted, the volume is back to normal.\n"
    )
    assert iso(value, "detected") == "2021-06-02T10:05:00+00:00"
