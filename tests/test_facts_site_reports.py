"""Repository and site postmortems (issue 14, session 51): classes read from the twenty-sixth
set, released for tuning. Each document is written for this repository."""

from __future__ import annotations

import pytest

from pmlint.extract.durations import stated_durations
from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


DATED_BY_ITS_ADDRESS = """\
<!-- source: {address} -->
# Relay node offline

Window: 9:12 PM – 9:40 PM (Europe/Paris)

At 9:12 PM the relay's power supply failed and the node dropped off the network.
Power was restored at 9:40 PM and the node caught up.
"""


@pytest.mark.parametrize(
    "address",
    [
        "https://reports.example.net/relay/incident-2024-06-03-002",
        "example/ops-notes:3-June-24/README.md",
        "example/ops-notes:postmortems/2024_06_03_relay.md",
    ],
)
def test_a_report_dated_only_by_its_address_takes_that_day(address: str) -> None:
    value = facts(DATED_BY_ITS_ADDRESS.format(address=address))
    assert iso(value, "start") == "2024-06-03T21:12:00+02:00"
    assert iso(value, "resolved") == "2024-06-03T21:40:00+02:00"


def test_a_blogs_publishing_day_in_its_address_dates_no_incident() -> None:
    # a blog files a post under the day it was published, often days after "last night"
    value = facts(DATED_BY_ITS_ADDRESS.format(address="https://blog.example.org/2024/06/07/relay/"))
    start = value.milestones["start"]
    assert start is not None and not start.day_known


def test_a_date_in_the_text_wins_over_the_address() -> None:
    text = DATED_BY_ITS_ADDRESS.format(address="https://example.net/incident-2024-06-03-1").replace(
        "# Relay node offline", "# Relay node offline on 2 June 2024"
    )
    assert iso(facts(text), "start") == "2024-06-02T21:12:00+02:00"


IDENTIFIED_BETWEEN = """\
# Checkout errors

## Postmortem

A faulty cache node made checkout requests fail. The node was replaced.

## Resolved

We have identified elevated 502 errors on checkout between Mar 3rd, 2024 14:02 UTC and
Mar 3rd, 2024 14:47 UTC. All requests are succeeding again.
"""


def test_a_detection_word_over_a_range_tells_the_window_not_the_noticing() -> None:
    # "identified elevated errors between A and B": what was seen, and when it lasted
    value = facts(IDENTIFIED_BETWEEN)
    assert iso(value, "detected") is None
    assert iso(value, "start") == "2024-03-03T14:02:00+00:00"


POSTED_LOOKING_BACK = """\
---
title: Search was down
date: 2023-04-18 21:05:00 +0000
---

{opening}

The index is healthy again as of 2023-04-19 at 02:10:00 UTC.
"""


@pytest.mark.parametrize(
    "opening",
    [
        "We had a problem with the search index not refreshing after a deploy.",
        "The nightly [reindex](https://example.org/jobs) job failed; search results went stale.",
        "(Written up for our records.)\n\nI upgraded the search cluster and ended up losing it.",
    ],
)
def test_a_post_that_looks_back_is_dated_when_written_not_when_noticed(opening: str) -> None:
    value = facts(POSTED_LOOKING_BACK.format(opening=opening))
    assert iso(value, "start") == "2023-04-18T21:05:00+00:00"
    assert iso(value, "detected") is None


@pytest.mark.parametrize(
    "opening",
    [
        "We are seeing search requests time out. We are investigating.",
        "*Investigating* - Search results could be stale; we are looking into it.",
    ],
)
def test_a_notice_written_as_it_happened_was_known_when_opened(opening: str) -> None:
    value = facts(POSTED_LOOKING_BACK.format(opening=opening))
    assert iso(value, "detected") == "2023-04-18T21:05:00+00:00"


@pytest.mark.parametrize(
    "sentence",
    [
        "We set the incident to resolved after about two hours of monitoring the queue.",
        "The import job had crashed, and the crash went unnoticed for three days.",
        "The worker crashed, and its failure stayed undetected for 9 hours.",
    ],
)
def test_how_long_the_team_watched_or_missed_it_is_no_duration(sentence: str) -> None:
    assert stated_durations(sentence) == []


WATCHED_AFTER_THE_WINDOW = """\
# Sync delays

On 4 May 2024, between 08:10 UTC and 10:40 UTC, file sync was delayed for all users.
Sync returned to normal levels at 10:05 UTC, and we marked the incident as resolved after
more than one hour of monitoring the queues.
"""


def test_a_window_with_a_watch_after_it_keeps_its_length_and_its_recovery() -> None:
    value = facts(WATCHED_AFTER_THE_WINDOW)
    assert value.duration() == (150, "range")
    assert iso(value, "mitigated") == "2024-05-04T10:05:00+00:00"
