"""Session 41 (issue 14), on text written for this repository: analyze withholds a milestone
the same document contradicts (`withheld_milestones` names it and why), so that a milestone
given is right more often; the checks' facts are unchanged.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pmlint.analyze.abstain import (
    WHY_AT_START,
    WHY_LEAD_UP,
    WHY_PAST_DURATION,
    WHY_TITLE_DAY,
    WHY_UNNOTICED,
    WHY_WINDOW,
    withheld_milestones,
)
from pmlint.config import load_config
from pmlint.parse import parse_document
from tests.conftest import analyzed_documents, facts

# The summary says the impact lasted about forty minutes; the timeline's rollback comes
# hours after the start (a later step read as the end), its "resolved" the same afternoon.
PAST_THE_DURATION = """\
# Checkout errors on 2024-04-16

## Summary

A config push broke card payments at the checkout. The outage lasted about 40 minutes.

## Timeline

All times UTC.

- 2024-04-16 09:00 A config push turns on the new card router; card payments start failing
- 2024-04-16 09:06 An alert fires for the failure rate and the on-call engineer is paged
- 2024-04-16 11:38 The push is rolled back and card payments succeed again
- 2024-04-16 16:10 The router fix is merged and the incident is resolved
"""

# The same story with the rollback within the stated duration: nothing is withheld, though
# the resolution comes hours later (the stated duration tells the worst of the impact).
WITHIN_THE_DURATION = PAST_THE_DURATION.replace("11:38 The push", "09:38 The push")

# The first entry is the noticing; the lessons say the outage was there long before it.
NOTICED_LATE = """\
# Upload outage on 2024-05-02

## Timeline

All times UTC.

### 2024-05-02 11:20

We noticed that uploads were failing for every user and started looking.

### 2024-05-02 11:41

The stuck storage node was restarted and uploads worked again.

## Lessons learned

- Uploads failed for some fifty minutes and the failures went unnoticed all that time.
"""

# A status notice: the title gives the day (and says "Resolved"), the updates give the times.
TITLE_DAY = """\
# Search slowdown, 2023-November-14 (closed)

**09:12 PST** We are looking into slow search results for some customers.

**10:05 PST** A fix has been applied and search times are back to normal.
"""


def _withheld(text: str) -> dict[str, str]:
    config = load_config(None)
    doc = parse_document("doc.md", text, config.catalog)
    _, withheld = withheld_milestones(doc, facts(text))
    return {kind: item.why for kind, item in withheld.items()}


def test_a_mitigation_far_past_the_stated_duration_is_withheld() -> None:
    assert _withheld(PAST_THE_DURATION) == {"mitigated": WHY_PAST_DURATION}
    assert _withheld(WITHIN_THE_DURATION) == {}
    # the checks' facts keep it
    assert facts(PAST_THE_DURATION).milestones["mitigated"] is not None


def test_a_resolution_far_past_the_stated_duration_is_kept() -> None:
    # "a complete loss of availability for approximately 50 minutes", then the incident closed
    # hours later: the stated duration tells the worst of it, the resolution when all was over
    assert "resolved" not in _withheld(PAST_THE_DURATION)
    assert "resolved" not in _withheld(WITHIN_THE_DURATION)


def test_a_start_that_is_the_noticing_of_an_unnoticed_outage_is_withheld() -> None:
    assert _withheld(NOTICED_LATE) == {"start": WHY_UNNOTICED}
    told = NOTICED_LATE.replace(
        "- Uploads failed for some fifty minutes and the failures went unnoticed all that time.",
        "- Paging worked well.",
    )
    assert _withheld(told) == {}
    # a latent cause that went unnoticed is no impact before the noticing
    latent = NOTICED_LATE.replace(
        "Uploads failed for some fifty minutes and the failures went unnoticed all that time.",
        "The storage bug went unnoticed for two years.",
    )
    assert _withheld(latent) == {}


def test_analyze_json_names_what_it_withheld(tmp_path: Path) -> None:
    path = tmp_path / "checkout.md"
    path.write_text(PAST_THE_DURATION, encoding="utf-8")
    found = analyzed_documents(path)["checkout.md"]
    assert found["milestones"]["mitigated"] is None
    assert found["milestones"]["resolved"] == "2024-04-16T16:10:00+00:00"
    assert found["duration_minutes"] == 40 and found["duration_source"] == "stated-duration"
    assert found["withheld_milestones"] == {
        "mitigated": {
            "value": "2024-04-16T11:38:00+00:00",
            "line": 13,
            "how": "timeline",
            "why": WHY_PAST_DURATION,
        }
    }
    quiet = tmp_path / "quiet.md"
    quiet.write_text(WITHIN_THE_DURATION, encoding="utf-8")
    assert analyzed_documents(quiet)["quiet.md"]["withheld_milestones"] == {}


def _title_day_as(kind: str, text: str) -> dict[str, str]:
    """What is withheld when the rules had taken the title's day for `kind`."""
    config = load_config(None)
    doc = parse_document("doc.md", text, config.catalog)
    read = facts(text)
    title = next(m for m in read.moments if m.line == 1)
    assert not title.has_time and title.day_known
    picked = dataclasses.replace(read, milestones={**read.milestones, kind: title})
    _, withheld = withheld_milestones(doc, picked)
    return {k: item.why for k, item in withheld.items()}


def test_a_milestone_that_is_only_the_titles_day_is_withheld_where_times_are_told() -> None:
    assert _title_day_as("mitigated", TITLE_DAY) == {"mitigated": WHY_TITLE_DAY}
    assert _title_day_as("start", TITLE_DAY) == {"start": WHY_TITLE_DAY}
    assert _withheld(TITLE_DAY) == {}  # the rules' own picks here are the timed updates
    # with no time told on that day, the title's day is all there is: it stays
    untimed = "# Search slowdown, 2023-November-14 (closed)\n\nSearch was slow for a while.\n"
    assert _title_day_as("mitigated", untimed) == {}


# A release timeline: a warning reported a week and a half before the day the network halted.
LEAD_UP = """\
---
date: 2024-09-20
---
# Ledger halt at the upgrade height

## Timeline

| Date (UTC) | Event |
| --- | --- |
| 2024-09-09 10:15 | An operator reports a build error with the release candidate |
| 2024-09-12 16:00 | The release is published |
| 2024-09-20 14:02 | The upgrade height is reached and the ledger stops producing blocks |
| 2024-09-20 14:30 | Operators report the new binary is missing |
| 2024-09-20 14:51 | The ledger is producing blocks again |
"""


def test_a_start_days_before_the_documents_own_day_is_lead_up() -> None:
    start = facts(LEAD_UP).milestones["start"]
    assert start is not None and start.when is not None and start.when.day == 9  # the rules'
    assert _withheld(LEAD_UP) == {"start": WHY_LEAD_UP}
    # a start on the document's day, or one with no own day, stays
    same_day = LEAD_UP.replace("2024-09-09 10:15", "2024-09-20 13:55")
    assert "start" not in _withheld(same_day)
    undated = LEAD_UP.replace("date: 2024-09-20\n", "title: halt\n")
    assert "start" not in _withheld(undated)


# The summary states the window; the timeline opens with the change that caused it, hours
# before anyone was hurt or noticed, and the rules read that change as the start.
STATED_WINDOW = """\
# Stale prices on the catalogue pages

## Summary

Shoppers saw last week's prices between 09:15 and 10:40 UTC on 2024-03-14.

## Timeline

All times UTC, 2024-03-14.

- 07:50 A cache setting change is deployed to the catalogue service
- 09:15 A shopper writes to support that the prices look wrong; support pages the on-call engineer
- 10:05 The cache setting change is reverted
- 10:40 The cache is purged and the prices are right on every page
"""


def test_a_start_read_otherwise_gives_way_to_the_stated_window(tmp_path: Path) -> None:
    path = tmp_path / "prices.md"
    path.write_text(STATED_WINDOW, encoding="utf-8")
    found = analyzed_documents(path)["prices.md"]
    assert found["milestones"]["start"] == "2024-03-14T09:15:00+00:00"
    assert found["milestone_sources"]["start"]["how"] == "range"
    held = found["withheld_milestones"]["start"]
    assert held["why"] == WHY_WINDOW and held["value"] == "2024-03-14T07:50:00+00:00"
    assert found["duration_minutes"] == 85
    # a timeline start at the window's own minute is left as it is
    same = STATED_WINDOW.replace("between 09:15", "between 07:50")
    assert _withheld(same) == {}
    # with no window stated, the timeline's start stands
    told = STATED_WINDOW.replace(
        "Shoppers saw last week's prices between 09:15 and 10:40 UTC on 2024-03-14.",
        "Shoppers saw last week's prices for a while.",
    )
    assert _withheld(told) == {}


# A status log, newest first: the first update tells the problem and that sending was paused.
PAUSED_AT_FIRST = """\
# Duplicate invoices sent

**Resolved**

Every queued invoice has been checked and the incident is closed.

Wed, Mar 6, 2024, 3:40 PM

**Investigating**

We found a problem that sent duplicate invoices to some customers and paused invoice mail.

Wed, Mar 6, 2024, 10:20 AM
"""


def _end_as(kind: str, line: int, text: str) -> dict[str, str]:
    """What is withheld when the rules had taken the moment on `line` for `kind`."""
    config = load_config(None)
    doc = parse_document("doc.md", text, config.catalog)
    read = facts(text)
    moment = next(m for m in read.moments if m.line == line)
    picked = dataclasses.replace(read, milestones={**read.milestones, kind: moment})
    _, withheld = withheld_milestones(doc, picked)
    return {k: item.why for k, item in withheld.items()}


def test_an_end_at_the_starts_own_minute_is_withheld() -> None:
    read = facts(PAUSED_AT_FIRST)
    start = read.milestones["start"]
    assert start is not None and start.line == 13
    # the first update read as the mitigation too: the impact would have stopped as it began
    assert _end_as("mitigated", 13, PAUSED_AT_FIRST) == {"mitigated": WHY_AT_START}
    assert _end_as("resolved", 13, PAUSED_AT_FIRST) == {"resolved": WHY_AT_START}
    # an end at a later minute stays
    assert _end_as("mitigated", 7, PAUSED_AT_FIRST) == {}
    assert _withheld(PAUSED_AT_FIRST) == {}


# A report written from an older one: the timeline's day heading was left as it was, but
# its times are the summary's own.
DAY_HEADING_LEFT = """\
## Summary

Date: ~Tue 9 May 2023 (~1005) to Tue 9 May 2023 (~1140) (~1.5 hours)

## What happened?

Thumbnails failed to load for long file names.

## How was it fixed

### Mon 1 May 2023

~0920: A change that moved thumbnails to the new storage service was deployed.

1005 : Priya noticed that thumbnails were missing and told the team.

~1110: The change was reverted.

~1140: The revert went live and thumbnails loaded again.
"""


def test_a_timeline_under_a_day_heading_left_from_another_report_moves_to_the_window() -> None:
    config = load_config(None)
    doc = parse_document("doc.md", DAY_HEADING_LEFT, config.catalog)
    read, _ = withheld_milestones(doc, facts(DAY_HEADING_LEFT))
    found = {k: m.when.isoformat() for k, m in read.milestones.items() if m and m.when}
    assert found["start"] == "2023-05-09T10:05:00"
    assert found["detected"] == "2023-05-09T10:05:00"
    assert found["mitigated"].startswith("2023-05-09T11:")
    # a timeline whose times are not the window's keeps its own day
    other = DAY_HEADING_LEFT.replace("1005 : Priya", "1012 : Priya")
    doc = parse_document("doc.md", other, config.catalog)
    read, _ = withheld_milestones(doc, facts(other))
    detected = read.milestones["detected"]
    assert detected is not None and detected.when is not None
    assert detected.when.date().isoformat() == "2023-05-01"
