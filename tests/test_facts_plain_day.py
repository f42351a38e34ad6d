"""Start classes of this round (issue 14), on text written for this repository:

- a symptom told as an interruption ("the feed was disrupted", "all sites ceased to answer"):
  the harm's own verb, so the sentence tells when it began;
- a story told in days, with no time of day anywhere: the day its opening tells plainly
  ("On May 8, 2024, ..." or a "Date:" line that repeats the title's day) is the start, as a
  day alone (no time invented), and a day nothing confirms is not.
"""

from __future__ import annotations

import pytest

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


_CEASED = """# Storage front ends lost

## Summary

Saturday 14-09-2024, around 07:55 every site behind the storage proxy ceased to answer over
https. A support ticket was opened with the hosting company at 11:10.
"""

_DISRUPTED = """# Mirror network notice

On Tuesday, March 5th, 2024, the public package mirror was disrupted when the upstream
provider withdrew our address block. Thousands of builds fell back to slower mirrors.

## Next steps

- Move the mirror to a second provider.
"""


@pytest.mark.parametrize(
    ("text", "start"),
    [(_CEASED, "2024-09-14T07:55:00"), (_DISRUPTED, "2024-03-05T00:00:00")],
)
def test_an_interruption_is_the_symptom_that_starts_the_story(text: str, start: str) -> None:
    told = facts(text)
    assert iso(told, "start") == start
    assert told.provenance["start"] == "prose"


_ON_THE_DAY = """# Postmortems

## Bridge withdrawals stuck

On June 3, 2024, we generated the withdrawal proofs for the bridge. During this process the
proof generation returned an error for one network, and the funds stayed locked.

On June 6, the partner team approved the recovery of the locked funds.
"""

_DATE_LINE = """---
title: 2022-11-04 - Settings page crashes for returning users
---

_Date: 4 November, 2022_

## What was the problem?

A returning user saw an empty settings page and an error in the console.
"""


@pytest.mark.parametrize(("text", "day"), [(_ON_THE_DAY, "2024-06-03"), (_DATE_LINE, "2022-11-04")])
def test_a_story_told_in_days_starts_on_the_day_its_opening_tells(text: str, day: str) -> None:
    told = facts(text)
    start = told.milestones["start"]
    assert start is not None and start.when is not None
    assert start.when.date().isoformat() == day
    assert not start.has_time  # the day alone: no time of day is invented
    assert told.provenance["start"] == "prose"
    assert told.duration() is None  # and no minutes counted from it


_UNCONFIRMED_DATE = """# Postmortem for the calendar export

Date: November 9, 2022

## What happened?

In October, a customer noticed that the calendar export skipped recurring events.
"""

_LATER_TIMES = """# Queue stall

On June 3, 2024, the nightly jobs did not run.

## Timeline

- 02:10 UTC: the scheduler stopped picking up jobs
"""

_BACKGROUND_DAY = """# Disk full on the build host

## Summary

The build host ran out of disk and every build failed.

## Background

On March 1, 2021, we moved the cache to the build host.
"""


@pytest.mark.parametrize("text", [_UNCONFIRMED_DATE, _BACKGROUND_DAY])
def test_a_day_that_only_dates_the_writing_or_the_background_is_no_start(text: str) -> None:
    assert facts(text).milestones["start"] is None


def test_a_story_with_times_is_not_started_by_a_day() -> None:
    told = facts(_LATER_TIMES)
    start = told.milestones["start"]
    assert start is None or start.has_time


def test_a_detection_word_denied_in_a_story_told_in_days_is_no_detection() -> None:
    # "no related alerts" says none came: that day is no one learning of anything
    told = facts(
        "# Wiki slow again\n\n"
        "Things have been calmer since Thursday (2025-03-06) when we tightened the rate "
        "limits; we had no related alerts until Monday (2025-03-10).\n"
    )
    assert told.milestones["detected"] is None


# A story told in days over times of later days (a maintenance, a rollback): the opening's
# day, on which its sentence tells the harm began, is still the start.
_DAY_OVER_LATER_TIMES = (
    "# Intermittent timeouts in the Oslo region\n\n"
    "On March 3, 2025, customers started experiencing intermittent timeouts for all services"
    " in our Oslo region. A routing table grew past its limit on a core switch.\n\n"
    "We shipped a switch firmware update in a maintenance window on March 11, 2025 between"
    " 02:00 UTC and 04:00 UTC. We rolled it back in a maintenance window on March 18, 2025"
    " between 02:00 UTC and 03:00 UTC.\n"
)

# A scraped page: the title line and the posting day come before the story's first sentence.
_SCRAPED_PAGE_DAYS = (
    "Skip to content\n\n"
    "Review and improvement areas: Feb 6 object store interruption\n\n"
    "Posted on March 2, 2023\n\n"
    "Storage Team\n"
    "On February 6, 2023, many of our customers experienced a service interruption that"
    " affected the object store. Following it, we posted a preliminary review.\n\n"
    "Root cause\n\n"
    "On February 6th [PST] (February 7th [UTC]) the object store had a service interruption.\n"
)


def test_a_day_told_begun_before_every_time_of_the_document_starts_it() -> None:
    told = facts(_DAY_OVER_LATER_TIMES)
    assert iso(told, "start") == "2025-03-03T00:00:00"
    assert told.duration() is None


def test_the_first_day_that_opens_a_sentence_after_a_title_line_and_a_posting_day() -> None:
    assert iso(facts(_SCRAPED_PAGE_DAYS), "start") == "2023-02-06T00:00:00"
