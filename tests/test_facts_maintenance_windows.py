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


# The impact, then a maintenance days later to replace the broken part.
_REPAIR_LATER = (
    "On March 3, 2025, at approximately 09:12 UTC, our engineers received alerts about failed "
    "volume attachments in Oslo. Customers could not attach volumes to their servers.\n\n"
    "The cause was a faulty storage controller, which we took offline at 10:40 UTC; this "
    "mitigated the impact.\n\n"
    "We then performed an emergency maintenance from March 4, 2025, 21:00 UTC to March 5, "
    "2025, 01:00 UTC to install a new controller.\n"
)


def test_a_maintenance_window_after_the_impact_is_not_the_impact_window() -> None:
    value = facts(_REPAIR_LATER)
    assert iso(value, "start") == "2025-03-03T09:12:00+00:00"
    resolved = iso(value, "resolved")
    assert resolved is None or not resolved.startswith("2025-03-05")
    assert value.provenance.get("resolved") != "range"


def test_an_impact_window_in_the_same_shape_is_still_read() -> None:
    text = _REPAIR_LATER.replace("an emergency maintenance", "an outage").replace(
        "to install a new controller", "while volumes stayed detached"
    )
    value = facts(text)
    assert iso(value, "resolved") == "2025-03-05T01:00:00+00:00"


# Planned work that set the outage off: the document opens with its window.
_WORK_SET_IT_OFF = (
    "On June 2, 2024 from 22:00 UTC to June 3, 2024 4:00 UTC, our hosting partner carried out "
    "planned cooling maintenance in our Lisbon site. This unexpectedly caused a full loss of "
    "network access in Lisbon. We were alerted at 22:25 UTC.\n\n"
    "At 23:05 UTC staff moved the switches to a spare cooling unit. By 23:50 UTC every switch "
    "was forwarding traffic again, fully restoring service in Lisbon.\n"
)


def test_a_maintenance_window_that_opens_the_story_gives_only_the_start() -> None:
    value = facts(_WORK_SET_IT_OFF)
    assert iso(value, "start") == "2024-06-02T22:00:00+00:00"
    assert iso(value, "resolved") == "2024-06-02T23:50:00+00:00"


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


def test_a_window_told_inside_the_one_before_it_is_on_its_day() -> None:
    text = (
        "On March 9, 2024, between 02:15 and 20:40 UTC, the search service returned errors for "
        "some queries. We moved search traffic to a second cluster between 03:00 and 04:10 UTC, "
        "which lowered the error rate.\n"
    )
    value = facts(text)
    days = {m.when.time().isoformat(): m.when.date().isoformat() for m in value.moments if m.when}
    assert days["03:00:00"] == days["20:40:00"] == "2024-03-09"
    assert iso(value, "resolved") == "2024-03-09T20:40:00+00:00"


def test_a_noticing_and_an_end_joined_by_and_are_no_window() -> None:
    text = (
        "On 4 March 2024 the image cache began to serve stale thumbnails around 08:10 UTC, "
        "and it stopped serving any by 12:00 UTC. The problem was noticed and escalated "
        "internally by 19:20 UTC and resolved at 19:34 UTC.\n"
    )
    value = facts(text)
    assert value.provenance.get("start") != "range"
    assert iso(value, "start") == "2024-03-04T08:10:00+00:00"
    assert iso(value, "detected") == "2024-03-04T19:20:00+00:00"
