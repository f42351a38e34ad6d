"""Repository and site postmortems (issue 14, session 52): classes read from the
twenty-seventh set, released for tuning. Each document is written for this repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmlint.extract.durations import parse_duration, stated_durations
from pmlint.extract.timeline import Timeline
from pmlint.extract.timestamps import zone_info
from tests.conftest import check_json, facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


STATUS_LOG_IN_A_ZONE = """\
# Slow card payouts

Incident Report for Example Pay

## Resolved

Payouts are flowing normally again and the backlog has been cleared.

Posted Mar 4, 2024 - 18:40 {zone}

## Investigating

Some payouts are taking longer than usual. We are looking into it.

Posted Mar 4, 2024 - 17:05 {zone}
"""


@pytest.mark.parametrize(
    ("zone", "offset"),
    [
        ("SAST", "+02:00"),
        ("EAT", "+03:00"),
        ("WAT", "+01:00"),
        ("WIB", "+07:00"),
        ("PHT", "+08:00"),
        ("MYT", "+08:00"),
        ("PKT", "+05:00"),
    ],
)
def test_a_status_pages_zone_abbreviation_is_read(zone: str, offset: str) -> None:
    # a status page prints its own zone after each update's time: an abbreviation the table
    # lacked left the "Posted" line unread, and the log with it
    assert zone_info(zone) is not None
    value = facts(STATUS_LOG_IN_A_ZONE.format(zone=zone))
    assert iso(value, "resolved") == f"2024-03-04T18:40:00{offset}"


def test_a_symptom_on_what_for_how_long_is_a_duration() -> None:
    # "500 errors on multiple production endpoints for ~15 hours": a few words name where
    # the errors were, then how long
    found = stated_durations("- Timeouts on public search endpoints for ~3 hours")
    assert [s.minutes for s in found] == [180.0]
    found = stated_durations("- 502 errors on all checkout pages for about 40 minutes")
    assert [s.minutes for s in found] == [40.0]


def test_hours_and_minutes_written_as_a_clock_are_a_duration() -> None:
    # "lasted for about 6h30": six hours and a half, with no unit after the minutes
    assert parse_duration("6h30") == 390.0
    found = stated_durations("Sorry for yesterday's mirror outage that lasted for about 4h15.")
    assert [s.minutes for s in found] == [255.0]
    assert parse_duration("2h17m") == 137.0


def test_a_clock_time_with_an_h_is_no_duration() -> None:
    # "10h47 CEST", a time of day, stated by no duration phrase
    assert stated_durations("On 2024-03-17 10h47 CEST someone told us on chat.") == []


POSTMORTEM_OVER_A_STATUS_LOG = """\
# Delayed payout notifications

Incident Report for Example Pay

## Postmortem

On March 4th, 2024 at 9am, an incident occurred that delayed payout notifications for
several merchants. The incident was identified at 2pm the same day.

The notification workers were restarted and the queue drained in order.

Posted Mar 5, 2024 - 11:20 SAST

## Resolved

This incident has been resolved.

Posted Mar 4, 2024 - 18:40 SAST

## Update

We are continuing to monitor for any further issues.

Posted Mar 4, 2024 - 17:05 SAST
"""


def test_an_incident_told_as_occurring_at_a_time_starts_there() -> None:
    # the postmortem posted over the status log says when the incident occurred: that is
    # the start, not the time it was identified nor the log's first update
    value = facts(POSTMORTEM_OVER_A_STATUS_LOG)
    assert iso(value, "start") == "2024-03-04T09:00:00+02:00"
    assert iso(value, "detected") == "2024-03-04T14:00:00+02:00"
    assert iso(value, "resolved") == "2024-03-04T18:40:00+02:00"


BEGUN_AGAIN = """\
# Ledger stalled after the node upgrade

## Timeline (UTC)

| Time | Event |
| --- | --- |
| 2024-05-02 09:10 | Validators report the ledger stopped at height 1200 |
| 2024-05-02 09:40 | Operators agree on the patched binary |
| 2024-05-02 11:05 | Height 1201 is signed and the ledger {told} |
"""


@pytest.mark.parametrize("told", ["starts moving again", "began advancing again"])
def test_a_doing_begun_again_is_the_recovery(told: str) -> None:
    # "the chain starts moving again": the start of a doing that had stopped, not an attempt
    value = facts(BEGUN_AGAIN.format(told=told))
    assert iso(value, "mitigated") == "2024-05-02T11:05:00+00:00"


def test_a_symptom_begun_again_is_no_recovery() -> None:
    value = facts(BEGUN_AGAIN.format(told="started stalling again"))
    assert iso(value, "mitigated") != "2024-05-02T11:05:00+00:00"


STATUS_HISTORY = """\
# Service status history

## Past incidents

### 14.Mar.2023 from 19:10 CET - 15.Mar.2023 07:40 CET

The dashboard showed no measurements. The storage node was replaced overnight.

### 02.Jan.2023 from 09:00-10:30 CET

Planned maintenance of the database.

### 7.Sep.2022 from 13:00-15:00 UTC

The upload service was unreachable.
"""


def test_a_length_told_under_another_incident_of_the_history_is_not_its() -> None:
    # "The upload service was unreachable for two hours" is the 2022 entry's length
    text = STATUS_HISTORY.replace(
        "The upload service was unreachable.", "The upload service was unreachable for two hours."
    )
    assert facts(text).duration() == (750, "range")


def test_windows_of_a_story_with_a_timeline_stay_one_incidents() -> None:
    # three windows told newest first over a timed timeline: one story's, not a history
    text = STATUS_HISTORY + "\n## Timeline\n\n- 2022-09-07 13:00 UTC: uploads fail\n"
    value = facts(text)
    assert iso(value, "start") == "2022-09-07T13:00:00+00:00"


def test_a_dotted_day_month_year_is_a_date() -> None:
    from pmlint.extract.timestamps import find_stamps

    (stamp,) = find_stamps("14.Mar.2023")
    assert stamp.date is not None and stamp.date.isoformat() == "2023-03-14"


def test_a_status_history_reports_the_incident_it_lists_first() -> None:
    # windows months apart are other incidents of the page, not periods of the first one
    value = facts(STATUS_HISTORY)
    assert iso(value, "start") == "2023-03-14T19:10:00+01:00"
    assert iso(value, "resolved") == "2023-03-15T07:40:00+01:00"


DATED_TEMPLATE = """\
# Ledger upgrade stall

## Date

2024-02-20

## Summary

The ledger stopped for about three hours after operators upgraded at different heights.

## Timeline

| Date (UTC) | Event |
| --- | --- |
| 2024-02-16 10:05 | Upgrade announced; the ledger will halt at the stop height |
| 2024-02-20 09:00 | Upgrade binary published |
| 2024-02-20 11:10 | Operators notice the ledger stalled at the upgrade height |
| 2024-02-20 14:05 | The ledger starts moving again |
"""


def test_entries_before_the_templates_dated_day_are_lead_up() -> None:
    # the "Date" section gives the incident's day; an entry days earlier that names the
    # halt to come is the lead-up, not the start
    value = facts(DATED_TEMPLATE)
    assert iso(value, "start") == "2024-02-20T11:10:00+00:00"
    assert iso(value, "mitigated") == "2024-02-20T14:05:00+00:00"


def test_a_dated_day_after_the_noticing_moves_nothing() -> None:
    # the "Date" section is the day of writing here: the story ran before it
    value = facts(DATED_TEMPLATE.replace("\n2024-02-20\n", "\n2024-02-27\n", 1))
    assert iso(value, "start") == "2024-02-16T10:05:00+00:00"


def _rules(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "history.md"
    path.write_text(text, encoding="utf-8")
    _, report = check_json(str(path))
    return [f.get("rule") for file in report["files"] for f in file["diagnostics"]]


def test_a_history_of_dated_headings_newest_first_is_in_order(tmp_path: Path) -> None:
    # PM103: a status history lists its incidents under dated headings, newest first
    assert "PM103" not in _rules(tmp_path, STATUS_HISTORY)


def test_a_dated_heading_out_of_order_is_still_reported(tmp_path: Path) -> None:
    text = (
        "# Incident\n\n## Timeline\n\n### 3 May 2023 10:00 UTC\n\nErrors rise.\n\n"
        "### 3 May 2023 11:00 UTC\n\nRollback.\n\n### 3 May 2023 10:30 UTC\n\nPaged.\n"
    )
    assert "PM103" in _rules(tmp_path, text)
