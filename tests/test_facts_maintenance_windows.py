"""Windows a report states that are not the impact's (issue 14): a maintenance window is the
work's, and the day a window ends on is no day for the prose told after it. Each case is text
written for this repository, standing for a family of shapes seen in cloud providers' reports.
"""

from __future__ import annotations

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    if moment is None or moment.when is None or not moment.day_known:
        return None
    return moment.when.isoformat()


def test_prose_after_a_window_over_midnight_goes_on_from_its_first_day() -> None:
    text = (
        "On May 4, 2023 from 22:40 UTC to May 5, 2023 1:15 UTC, uploads to the archive "
        "failed for every customer. We were alerted at 22:52 UTC and began to investigate. "
        "At 23:30 UTC we rolled back the storage release.\n"
    )
    value = facts(text)
    days = {m.when.time().isoformat(): m.when.date().isoformat() for m in value.moments if m.when}
    assert days["22:52:00"] == "2023-05-04"
    assert days["23:30:00"] == "2023-05-04"
    assert days["01:15:00"] == "2023-05-05"
