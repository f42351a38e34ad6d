"""Session 43 (issue 14, class 1): a 12-hour time written with one letter against its minutes
("8:15a", "10:40p"), as some blogs head their status updates, is read as morning or evening:
"10:40p" is 22:40, not 10:40, so an evening outage that crosses midnight is not read as a day
long. Written for this repository."""

from __future__ import annotations

import pytest

from pmlint.extract.timeline import Timeline
from pmlint.extract.timestamps import find_stamps
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


@pytest.mark.parametrize(
    ("text", "clock"),
    [("8:15a", "08:15:00"), ("10:40p", "22:40:00"), ("12:05a", "00:05:00"), ("12:30p", "12:30:00")],
)
def test_one_letter_after_the_minutes_is_am_or_pm(text: str, clock: str) -> None:
    stamps = [s for s in find_stamps(f"Updated 2024-11-02 {text} by the admin") if s.time]
    assert [s.time.isoformat() for s in stamps if s.time] == [clock]


@pytest.mark.parametrize("text", ["8:15 a new build", "10:40 applies", "3:05am", "14:20"])
def test_other_letters_and_words_are_no_clock_half(text: str) -> None:
    stamps = [s for s in find_stamps(f"On 2024-11-02 at {text}") if s.time]
    assert stamps and stamps[0].time is not None
    hour = int(text.split(":")[0])
    assert stamps[0].time.hour == hour  # as written: no "a" or "p" read from a word


POST = """---
title: "Unexpected downtime: print server"
date: "2024-11-02"
---

## Investigating 2024-11-02 10:40p

The print server in the basement lab stopped answering; nobody can print.

## Resolved 2024-11-03 1:15a

The print server answers again after its disk was swapped.
"""


def test_an_evening_outage_over_midnight_lasts_hours_not_a_day() -> None:
    value = facts(POST)
    assert iso(value, "start") == "2024-11-02T22:40:00"
    assert iso(value, "resolved") == "2024-11-03T01:15:00"
    assert value.duration() == (155, "milestones")


PARTLY_BACK = """---
title: "Unexpected downtime: cluster room cooling"
date: "2024-08-19"
---

## Investigating 2024-08-19 7:05a

The cooling in the cluster room failed overnight and the nodes shut themselves down.

## Resolved 2024-08-19 2:30p

Cooling works again; most nodes are up, although some need a hand restart tomorrow.
"""


def test_a_resolved_heading_with_its_time_is_the_authors_mark() -> None:
    # the status in the heading closes the incident, though the text names a tail
    value = facts(PARTLY_BACK)
    assert iso(value, "resolved") == "2024-08-19T14:30:00"
    assert value.duration() == (445, "milestones")
