"""A window told as its start and how long it lasted, with no end time (issue 14): "June 4
09:12 UTC (lasting 2 hours and 5 minutes)" over a summary that tells the start ends the
impact that long after it. Each case is text written for this repository, standing for the
shape of monthly availability reports.
"""

from __future__ import annotations

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    if moment is None or moment.when is None or not moment.day_known:
        return None
    return moment.when.isoformat()


_REPORT = (
    "# Availability report: June 2025\n\n"
    "In June, we had one incident that degraded our services.\n\n"
    "June 4 09:12 UTC (lasting 2 hours and 5 minutes)\n\n"
    "On June 4, 2025 at 09:12 UTC, our monitors saw a rise in failed logins for the web "
    "dashboard, caused by an expired signing key at our identity provider. We moved logins "
    "to a standby provider to limit the impact.\n"
)


def test_a_start_told_with_its_length_ends_that_long_after() -> None:
    value = facts(_REPORT)
    assert iso(value, "start") == "2025-06-04T09:12:00+00:00"
    assert iso(value, "resolved") == "2025-06-04T11:17:00+00:00"
    assert value.provenance.get("resolved") == "inferred"


def test_a_length_told_apart_from_the_time_leaves_the_end_unsaid() -> None:
    text = (
        "At around 9:12 AM UTC on June 4, 2025, every page of our dashboard became "
        "unreachable for around two hours. An expired signing key at our identity provider "
        "was the cause.\n"
    )
    value = facts(text)
    assert iso(value, "resolved") is None
