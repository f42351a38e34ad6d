"""A date written after a time with "on the" before it ("at 22:40 UTC on the 16/03/2024")
dates that time, as "on 16/03/2024" does, and the day carries to the times after it across
midnight. (Text written for this repository.)"""

from __future__ import annotations

from tests.conftest import facts

_STORY = """# Uploads rejected

The primary database stopped taking writes at around 22:40 UTC on the 16/03/2024, and every
upload failed. An alert paged the on-call engineer at 01:15 UTC.
"""


def test_a_date_after_on_the_dates_the_time_before_it_and_carries_past_midnight() -> None:
    told = facts(_STORY)
    start, detected = told.milestones["start"], told.milestones["detected"]
    assert start is not None and start.when is not None
    assert start.when.isoformat() == "2024-03-16T22:40:00+00:00"
    assert detected is not None and detected.when is not None
    assert detected.when.isoformat() == "2024-03-17T01:15:00+00:00"
