"""Status-page notices whose only end is the front matter's closing time (issue 14, session
52): a notice closed long after it was opened tells when it was closed, not when the impact was
mitigated. Each document is written for this repository.
"""

from __future__ import annotations

import datetime as dt

from tests.conftest import facts


def _notice(opened: str, closed: str) -> str:
    return (
        "---\n"
        "title: 'Build queue slower than its objective'\n"
        f"date: '{opened}'\n"
        "resolved: true\n"
        f"resolvedWhen: '{closed}'\n"
        "section: issue\n"
        "---\n\n"
        "The build queue's latency objective burned most of its budget. The likely cause was a\n"
        "worker pool that kept too few workers; we added an alert on the pool's size.\n"
    )


def test_a_notice_closed_days_after_it_opened_infers_no_mitigation() -> None:
    found = facts(_notice("2031-04-02T09:00:00+02:00", "2031-04-05T09:00:00+02:00"))
    resolved = found.milestones["resolved"]
    assert resolved is not None and resolved.when is not None
    assert resolved.when.date() == dt.date(2031, 4, 5)
    assert found.milestones["mitigated"] is None


def test_a_notice_closed_within_the_hour_is_mitigated_when_it_closed() -> None:
    found = facts(_notice("2031-04-02T09:00:00+02:00", "2031-04-02T09:40:00+02:00"))
    mitigated = found.milestones["mitigated"]
    assert mitigated is not None and mitigated.when is not None
    assert mitigated.when.time() == dt.time(9, 40)
