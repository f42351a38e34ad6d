"""A time at which error rates are told to fall is when the impact dropped, a mitigation, not a
symptom (issue 14: "mitigation means the user impact stopped or dropped"). Text written for
this repository, in the shape of a cloud provider's availability report.
"""

from __future__ import annotations

from tests.conftest import facts


def iso(text: str, kind: str) -> str | None:
    moment = facts(text).milestones[kind]
    return None if moment is None or moment.when is None else moment.when.isoformat()


def test_error_rates_beginning_to_drop_are_the_mitigation() -> None:
    text = (
        "# Degraded sign-in\n\n"
        "On May 6, 2025 starting at 21:10 UTC and ending on May 7, 2025 00:20 UTC, sign-in "
        "returned errors for many users, followed by a drop in error rates to 20% starting at "
        "21:25 UTC.\n\n"
        "A configuration change was rolled back. While error rates began dropping at 21:25 UTC, "
        "the rollback stalled in one region until 00:20 UTC.\n"
    )
    assert iso(text, "start") == "2025-05-06T21:10:00+00:00"
    assert iso(text, "mitigated") == "2025-05-06T21:25:00+00:00"
    assert iso(text, "resolved") == "2025-05-07T00:20:00+00:00"


def test_a_reroute_reducing_error_rates_ends_at_its_window_end() -> None:
    text = (
        "# Search degradation\n\n"
        "September 2 04:00 UTC (lasting 9 hours and 30 minutes)\n\n"
        "On September 2, 2025, between 04:00 and 13:30 UTC, the search service was degraded and "
        "its error rate peaked at 40%. We shifted search traffic between 05:00 and 05:45 UTC, "
        "reducing search error rates to below 3%.\n"
    )
    assert iso(text, "start") == "2025-09-02T04:00:00+00:00"
    assert iso(text, "mitigated") == "2025-09-02T05:45:00+00:00"
    assert iso(text, "resolved") == "2025-09-02T13:30:00+00:00"
