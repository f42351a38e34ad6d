"""Start class: the summary or the impact tells, as a day, when the harm began, and the
timeline opens on a later day with the noticing. The prose's day opens the story; a
timeline entry on that day gives its minute. (Text written for this repository.)"""

from __future__ import annotations

import pytest

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


_SINCE = """# Export button missing

## Impact

Every tablet user of the export page was affected since 03/02/21, the day of the release.

## Timeline

- 3/16/21 - a user reports the missing button in the support channel
- 3/16/21 - fix merged and deployed, export button back
"""

_ON_DAY_WITH_ENTRY = """# Upload failures after a vendor change

## Summary

On or after May 4, 2024, the storage vendor changed its signing rules, which made every
upload from the mobile app fail. A customer told us on May 20, 2024.

## Timeline

### May 4, 2024

- 08:12:40 AM: Last upload accepted

### May 20, 2024

- 9:30 AM: Investigation began after the customer's email
- 1:00 PM: New signing deployed, uploads succeed again
- 1:30 PM: Issue resolved
"""


def test_a_day_told_since_opens_a_timeline_that_begins_with_the_noticing() -> None:
    told = facts(_SINCE)
    assert iso(told, "start") == "2021-03-02T00:00:00"
    assert told.provenance["start"] == "prose"
    assert told.milestones["start"].line == 5  # type: ignore[union-attr]
    assert told.duration() is None  # a day alone gives no minutes


def test_the_timeline_entry_on_the_told_day_gives_the_minute() -> None:
    told = facts(_ON_DAY_WITH_ENTRY)
    assert iso(told, "start") == "2024-05-04T08:12:40"
    assert told.provenance["start"] == "timeline"
    minutes = (16 * 24 + 5) * 60 + 17  # 08:12:40 on May 4 to 1:30 PM on May 20
    assert told.duration() == (minutes, "milestones")


@pytest.mark.parametrize(
    ("impact", "first_entry"),
    [
        # the timeline itself tells the harm before the noticing: it opens the story
        (
            "Every tablet user was affected since 03/02/21.",
            "- 3/14/21 - exports start failing for tablet users\n",
        ),
        # the sentence tells the noticing, not the harm
        ("We have been aware of the missing button since 03/02/21.", ""),
        # too long before the noticing to be this incident's day
        ("Every tablet user was affected since 10/02/20.", ""),
        # a day told after the noticing day opens nothing
        ("Every tablet user was affected since 03/20/21.", ""),
    ],
)
def test_other_days_leave_the_timeline_start(impact: str, first_entry: str) -> None:
    text = (
        f"# Export button missing\n\n## Impact\n\n{impact}\n\n## Timeline\n\n{first_entry}"
        "- 3/16/21 - a user reports the missing button in the support channel\n"
        "- 3/16/21 - fix merged and deployed, export button back\n"
    )
    told = facts(text)
    assert told.provenance["start"] == "timeline"
    if first_entry:
        assert iso(told, "start") == "2021-03-14T00:00:00"
    else:
        assert told.milestones["start"].line == 9  # type: ignore[union-attr]


_HEDGED_SINCE_IN_OPENING = """# Nightly mirror served stale signatures

On October 14, 2023 a maintainer noticed that the nightly mirror was serving packages signed
with a retired key. Reading the mirror's logs showed this had been going on since about
October 8, 2023. Nobody downloaded a tampered package as far as we can tell.

## What we did

1. We paused the mirror job.
2. We re-signed every package with the current key.
"""

_HEDGED_FROM_RANGE_OVER_A_TIMELINE = """# Deploy key readable by every contributor

An outside review found that the deploy key of our package index was readable by every
contributor. The key was readable from on or about 2024-01-22 through 2024-03-05.

## Response timeline

- 2024-03-05 09:10 UTC: The reviewers notified us of the readable key.
- 2024-03-05 09:40 UTC: We acknowledged the report and began to investigate.
- 2024-03-05 10:05 UTC: We revoked the key and paused publishing.
- 2024-03-05 16:30 UTC: A new key was deployed and publishing restarted.
"""


def test_a_hedged_since_in_the_opening_prose_starts_a_story_told_from_the_noticing() -> None:
    told = facts(_HEDGED_SINCE_IN_OPENING)
    assert iso(told, "start") == "2023-10-08T00:00:00"
    assert iso(told, "detected") == "2023-10-14T00:00:00"
    assert told.provenance["start"] == "prose"
    assert told.duration() is None


def test_a_hedged_from_day_in_the_opening_prose_opens_a_timeline_of_the_response() -> None:
    told = facts(_HEDGED_FROM_RANGE_OVER_A_TIMELINE)
    assert iso(told, "start") == "2024-01-22T00:00:00"
    assert told.provenance["start"] == "prose"
    assert told.duration() is None  # a day alone gives no minutes


def test_the_entry_that_opened_the_timeline_with_the_noticing_is_the_detection() -> None:
    told = facts(_HEDGED_FROM_RANGE_OVER_A_TIMELINE)
    assert iso(told, "detected") == "2024-03-05T09:10:00+00:00"
    assert told.provenance["detected"] == "timeline"


_ON_THE_MORNING_OF = """# Campus network cut

A burst water main late on the evening of Tuesday 9 May 2023 flooded the plant room and
cut the campus network. Halls and the library lost their connection.

## 11 May 2023

10.20 The last switches in the plant room were replaced.

## 10 May 2023

08.30 Staff reported that the halls still had no connection.
"""


def test_a_day_told_as_on_the_evening_of_opens_a_log_that_starts_later() -> None:
    told = facts(_ON_THE_MORNING_OF)
    assert iso(told, "start") == "2023-05-09T00:00:00"
    assert told.provenance["start"] == "prose"


# A document with no headings at all (every paragraph "under the title"; the shape is a
# recombined bench document's, `bench/corpus.py`): a day told after the timeline is not the
# opening's story, and the timeline's start stays.
_DAY_AFTER_THE_TIMELINE = """\
of requests. On 2024-05-14 between 13:02 and 14:10 UTC, card recommendations through the
- 02:56 UTC: P99 latency starts rising; impact begins.
- 03:45 UTC: The retry backlog is drained; the incident is resolved.
- 03:46 UTC: Post-incident review scheduled, incident closed
queue depth alert fired. At 04:20 UTC, build 8.0 put back on every node; bookings succeed

On 20 March the shop was unreachable for three hours. Checkout failed for 20 minutes.
"""


def test_a_day_told_after_the_timeline_opens_nothing() -> None:
    told = facts(_DAY_AFTER_THE_TIMELINE)
    assert iso(told, "start") == "2024-05-14T02:56:00+00:00"
