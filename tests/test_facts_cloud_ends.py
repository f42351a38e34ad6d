"""Where a cloud provider's status page or write-up ends its impact, and how long it lasted
(issue 14): a recovery told as partial is no end the resolution can be inferred from. Each case
is text written for this repository, standing for a family of shapes seen in cloud providers'
and SaaS status pages.
"""

from __future__ import annotations

import pytest

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    if moment is None or moment.when is None or not moment.day_known:
        return None
    return moment.when.isoformat()


# Status updates copied newest first; the page was cut before its closing update.
_UPDATES = (
    "Queue workers stalled\n"
    "Incident Report for ExampleCloud\n\n"
    "Update\n\n"
    "{last}\n"
    "Posted Feb 3, 2025 - 14:50 UTC\n\n"
    "Update\n\n"
    "An upstream queue provider is rate limiting our workers; we are working with them.\n"
    "Posted Feb 3, 2025 - 14:20 UTC\n\n"
    "Investigating\n\n"
    "Jobs submitted since 13:55 UTC are not being picked up by the workers. We are "
    "investigating.\n"
    "Posted Feb 3, 2025 - 14:02 UTC\n"
)


@pytest.mark.parametrize(
    "last",
    [
        "Queue latency has dropped and the backlog should be largely mitigated at this point.",
        "We are now seeing major recovery of the workers, but it will take another 15 minutes "
        "for every queue to drain.",
        "We continue to see recovery of the workers as the queues drain.",
    ],
)
def test_a_partial_recovery_is_no_end(last: str) -> None:
    value = facts(_UPDATES.format(last=last))
    assert iso(value, "mitigated") == "2025-02-03T14:50:00+00:00"
    assert iso(value, "resolved") is None
    assert value.duration() is None


@pytest.mark.parametrize(
    "last",
    [
        "Every queue has drained and jobs run normally again.",
        "Impact mitigated: the workers moved to a new pool and all queues are fully drained.",
    ],
)
def test_a_whole_recovery_still_ends_it(last: str) -> None:
    value = facts(_UPDATES.format(last=last))
    assert iso(value, "mitigated") == "2025-02-03T14:50:00+00:00"
    assert iso(value, "resolved") == "2025-02-03T14:50:00+00:00"


@pytest.mark.parametrize(
    "last",
    [
        "The incident was considered mitigated; delayed jobs will be replayed in the coming days.",
        "Queues mitigated: workers moved to a new pool.",
    ],
)
def test_a_mitigation_told_as_such_is_no_end(last: str) -> None:
    value = facts(_UPDATES.format(last=last))
    assert iso(value, "mitigated") == "2025-02-03T14:50:00+00:00"
    assert iso(value, "resolved") is None
    assert value.duration() is None
