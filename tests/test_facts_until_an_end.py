"""A story told in prose starts at its first time, not at a later recovery sentence (issue 14).
Text written for this repository, in the shape of a
cloud provider's event summary told in prose, with no timeline.
"""

from __future__ import annotations

from tests.conftest import facts


def test_a_recovery_told_after_the_first_time_is_no_start() -> None:
    # "Error rates" names a symptom, but the sentence tells when it ended
    text = (
        "# Scheduler incident\n\n"
        "At 8:20 AM PDT on April 9, 2025, a deployment introduced a bug in the job scheduler. "
        "Error rates returned to normal levels by 1:05 PM PDT.\n"
    )
    value = facts(text)
    start = value.milestones["start"]
    assert start is not None and start.when is not None
    assert start.when.isoformat() == "2025-04-09T08:20:00-07:00"
    assert value.duration() == (285, "milestones")


def test_a_story_opening_on_its_day_starts_at_its_first_time() -> None:
    text = (
        "# Dashboard latency\n\n"
        "On April 9, 2025 at 8:20 AM PDT, customers began to experience elevated latencies. "
        "Error rates returned to normal levels by 11:05 AM PDT.\n"
    )
    value = facts(text)
    start = value.milestones["start"]
    assert start is not None and start.when is not None
    assert start.when.isoformat() == "2025-04-09T08:20:00-07:00"
