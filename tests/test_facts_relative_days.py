"""Session 40 (issue 14), on text written for this repository: a timeline entry with no
time that opens with a day told relative to the entries before it ("On Tuesday morning ...",
"The following Monday ...", "Two days later ...") is on that day, at day precision: never a
minute, and no minutes are counted from it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pmlint.extract.timeline import Timeline
from pmlint.extract.timeline.dates import relative_entry_day
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


_MONDAY = dt.date(2024, 3, 4)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("On Tuesday morning the index was rebuilt", dt.date(2024, 3, 5)),
        ("- The following Monday we dropped the old table", dt.date(2024, 3, 11)),
        ("Friday: the vendor confirms the fix", dt.date(2024, 3, 8)),
        ("Two days later the link came back", dt.date(2024, 3, 6)),
        ("A week later the backlog was gone", dt.date(2024, 3, 11)),
        ("The next day the cache was warm again", dt.date(2024, 3, 5)),
        ("**The day after**, the tickets stopped", dt.date(2024, 3, 5)),
        ("On Monday the graphs were checked", None),  # the day it already is: no step
        ("Everything was back on Tuesday", None),  # the day must open the entry
        ("Rolled back the deploy", None),
        ("Friday's deploy is reverted", None),  # a possessive names no day of the entry
        ("Sat down with the vendor to plan the fix", None),
    ],
)
def test_a_day_told_relative_to_the_entries_before(text: str, day: dt.date | None) -> None:
    told = relative_entry_day(text, _MONDAY, dt.time(14, 0))
    assert (told[1] if told else None) == day


def test_the_next_morning_after_midnight_is_that_morning() -> None:
    told = relative_entry_day("The next morning the queue was empty", _MONDAY, dt.time(2, 30))
    assert told is not None and told[1] == _MONDAY


_STALE_INDEX = """# Stale product search

## Summary

On Monday, 4 March 2024 at 09:10 UTC a schema change stopped the indexer, and product
search showed week-old results to every shopper.

## Timeline

- 09:10 UTC: the schema migration is applied; the indexer stops consuming.
- 09:40 UTC: a shopper reports that new products are missing from search.
- On Tuesday morning the team rebuilds the index from the snapshot and search works again.
- The following Monday we drop the old schema.
"""


def test_a_timeless_entry_on_a_relative_day_is_a_day_precision_milestone() -> None:
    told = facts(_STALE_INDEX)
    assert iso(told, "start") == "2024-03-04T09:10:00+00:00"
    assert iso(told, "detected") == "2024-03-04T09:40:00+00:00"
    mitigated = told.milestones["mitigated"]
    assert mitigated is not None and mitigated.when is not None
    assert mitigated.when.date() == dt.date(2024, 3, 5)
    assert not mitigated.has_time  # the day alone: no minute is made up
    assert told.duration() is None  # and no minutes are counted from it
