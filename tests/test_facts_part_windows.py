"""A part's window inside the incident's stated window (issue 14, mitigation): a cloud review
states the incident's period, then lists the services or phases it hit, each with a window of
its own inside it. The part's start tells when that part's trouble began, and a part's end
whose sentence tells customers' trouble ends that part only: neither is the mitigation of the
whole, whose stated end is. A remedy's window inside the period keeps its end (the impact
dropped then). Text written for this repository.
"""

from __future__ import annotations

from tests.conftest import facts


def _iso(text: str, kind: str) -> str | None:
    moment = facts(text).milestones[kind]
    return None if moment is None or moment.when is None else moment.when.isoformat()


def test_a_services_window_inside_the_period_is_no_mitigation() -> None:
    text = (
        "# Storage cluster incident\n\n"
        "## What happened?\n\n"
        "Between 06:10 and 11:45 UTC on 3 March 2025, customers in one zone of the region "
        "experienced failures after a cooling fault in a storage hall.\n\n"
        "Impacted downstream services included:\n\n"
        "- Message queues: Between 06:20 and 10:05 UTC, some customers may have experienced "
        "timeouts when sending messages.\n"
        "- Batch jobs - Between 07:30 and 07:55 UTC, some customers may have experienced "
        "failures when starting jobs, although retried requests may have succeeded.\n"
    )
    assert _iso(text, "start") == "2025-03-03T06:10:00+00:00"
    assert _iso(text, "mitigated") == "2025-03-03T11:45:00+00:00"
    assert _iso(text, "resolved") == "2025-03-03T11:45:00+00:00"


def test_a_second_outage_inside_the_period_is_no_mitigation() -> None:
    text = (
        "# Search latency\n\n"
        "Between 4:15 a.m. PST (UTC -8) and 9:40 a.m. on 12 February 2019, search requests "
        "were slow and failed at times.\n\n"
        "Restarting the index nodes gave a temporary mitigation, but the nodes degraded again, "
        "resulting in a second outage for several tenants during the span of 9:05 a.m. to "
        "9:40 a.m..\n"
    )
    assert _iso(text, "mitigated") == "2019-02-12T09:40:00-08:00"


def test_a_remedys_window_inside_the_period_keeps_its_end() -> None:
    text = (
        "# Chat errors\n\n"
        "On 8 August, between 02:00 and 15:30 UTC, the chat service was degraded and its error "
        "rate reached 40%. We moved chat traffic to a second cluster between 03:10 and "
        "04:00 UTC, reducing chat error rates to below 3%.\n"
    )
    mitigated = _iso(text, "mitigated")
    assert mitigated is not None and mitigated.endswith("T04:00:00+00:00")
