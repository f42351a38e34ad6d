"""A detection told with the start (issue 14, class 5): when no time says when anyone learned,
a passage at the start's minute that tells the symptom seen, reported or investigated at once
makes the start the detection; a learning told further on does not. Each document is
written for this repository."""

from __future__ import annotations

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


INVESTIGATED_AT_ONCE = """\
# Build farm outage on 2022-02-14

## Summary

At 11:40 UTC every build agent became unresponsive. Most of the platform group was
already talking in a meeting and immediately began to investigate. A stuck certificate
rotation was found and rolled back at 12:25 UTC, and builds ran again.
"""


def test_an_investigation_begun_at_once_makes_the_start_the_detection() -> None:
    value = facts(INVESTIGATED_AT_ONCE)
    assert iso(value, "start") == "2022-02-14T11:40:00+00:00"
    assert iso(value, "detected") == "2022-02-14T11:40:00+00:00"


RANGE_TOLD_AGAIN = """\
# Mail relay brownout

**Duration**: about 40 minutes (09:05 - 09:45 UTC, 2024-06-03)

## What happened

At roughly 09:05 UTC the relay's queue stalled. The relay was reported "degraded" on the
status board, and internal monitoring showed the queue growing past its limit.
"""


def test_a_range_start_the_prose_tells_seen_is_the_detection() -> None:
    value = facts(RANGE_TOLD_AGAIN)
    assert iso(value, "start") == "2024-06-03T09:05:00+00:00"
    assert iso(value, "detected") == "2024-06-03T09:05:00+00:00"


SEEN_DAYS_LATER = """\
# Search index drift on 2021-09-30

## Summary

At 03:10 UTC the indexer became unresponsive. Its queue filled over the following hours. Days
later the stale entries were noticed by a customer, and the indexer was restarted.
"""


def test_a_learning_told_further_on_is_not_at_once() -> None:
    value = facts(SEEN_DAYS_LATER)
    assert iso(value, "start") == "2021-09-30T03:10:00+00:00"
    assert value.milestones["detected"] is None


INVESTIGATION_BEGAN_AT_ONCE = """\
# Billing API errors on 2023-07-18

On July 18, 2023 at approximately 09:40 UTC, our operators got 503 errors when calling the
billing API. Investigation into the errors began immediately. On July 19, 2023 at around
11:05 UTC, our operators were able to identify the issue to be a proxy setting that other
services had picked up. At 12:10 UTC the setting was reverted, and the API answered again.
"""


def test_an_investigation_begun_at_once_told_as_its_subject_and_a_cause_found_later() -> None:
    # "Investigation ... began immediately": known at the start; the cause identified a day
    # later is news of the cause, not of the incident
    value = facts(INVESTIGATION_BEGAN_AT_ONCE)
    assert iso(value, "start") == "2023-07-18T09:40:00+00:00"
    assert iso(value, "detected") == "2023-07-18T09:40:00+00:00"


ALERTED_AT_ONCE_ELSEWHERE = """\
# Wiki database restart

At 22:14 UTC on Friday 3rd March 2023 our wiki's database restarted, and pages failed to load
for a few minutes.

## Leadup

The gap in the memory chart just before 22:30, where no figures were reported, is when the
node lost its network.

## Detection

We were immediately alerted to the database restart by the uptime checker and the error
tracker, so we were looking within a minute.
"""


def test_a_detection_told_immediate_in_its_own_section_is_at_the_start() -> None:
    # no time says when anyone learned, but the text says it was at once; a chart's gap in
    # which "no figures were reported" is no one learning of anything
    value = facts(ALERTED_AT_ONCE_ELSEWHERE)
    assert iso(value, "start") == "2023-03-03T22:14:00+00:00"
    assert iso(value, "detected") == "2023-03-03T22:14:00+00:00"


INVESTIGATING_NEXT = """\
# Build queue stalls, 2019-05-16

## What happened

On Thursday the queue slowed again. At 19:00 CEST, things came to a sudden halt, and no
jobs were scheduled at all. We started investigating the cause, and chased a
number of wrong leads on the way.
"""


def test_the_team_setting_to_investigate_right_after_the_symptom_is_at_once() -> None:
    value = facts(INVESTIGATING_NEXT)
    assert iso(value, "start") == "2019-05-16T19:00:00+02:00"
    assert iso(value, "detected") == "2019-05-16T19:00:00+02:00"


WINDOW_TOLD_WHOLE = """\
# Export delays

## Summary

Between approximately 14:20 UTC on 2024-08-06 and 16:05 UTC on 2024-08-06 some exports
were queued for minutes. The delay was seen in every region.

A stuck scheduler lock held the export workers back; we released it.
"""


def test_the_passage_of_a_window_tells_the_whole_window_not_its_first_minute() -> None:
    # "was seen" tells where the impact was, over the whole window: nobody learned of it
    # at 14:20 for all the text says
    value = facts(WINDOW_TOLD_WHOLE)
    assert iso(value, "start") == "2024-08-06T14:20:00+00:00"
    assert iso(value, "detected") is None


SEEN_IN_THE_TIMELINE = """\
# Package mirror sync trouble

## Timeline (2023-05-09, UTC)

* **22:40 UTC** - A nightly mirror sync with a checksum mismatch is seen
* **09:15 UTC (May 10)** - More sync jobs hang; mirrors fall behind upstream
* **13:30 UTC (May 10)** - The cached index is rebuilt and the syncs complete
"""


def test_a_symptom_told_seen_in_the_passive_is_the_detection() -> None:
    # "is seen" is the passive of the "sees" / "saw" a detection already reads
    value = facts(SEEN_IN_THE_TIMELINE)
    assert iso(value, "detected") == "2023-05-09T22:40:00+00:00"
    assert iso(value, "start") == "2023-05-09T22:40:00+00:00"
