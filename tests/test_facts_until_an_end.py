"""A time a symptom is told to last until ends the impact; the symptom's words do not make it
the start (issue 14, explicit end words). Text written for this repository, in the shape of a
cloud provider's event summary told in prose, with no timeline.
"""

from __future__ import annotations

from tests.conftest import facts


def test_a_symptom_until_a_time_ends_there() -> None:
    text = (
        "# Summary of the storage event\n\n"
        "At 6:10 AM PST on January 14th, 2025, an operator ran a command that removed more "
        "index servers than intended. Customers experienced errors until 9:25 AM PST, when "
        "the index was rebuilt.\n"
    )
    value = facts(text)
    start, mitigated = value.milestones["start"], value.milestones["mitigated"]
    assert start is not None and start.when is not None
    assert start.when.isoformat() == "2025-01-14T06:10:00-08:00"
    assert mitigated is not None and mitigated.when is not None
    assert mitigated.when.isoformat() == "2025-01-14T09:25:00-08:00"
    assert value.duration() == (195, "milestones")
