"""Timeline facts: declared zones, date carrying, midnight wrap, milestones, stated durations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pmlint.config import load_config
from pmlint.extract.timeline import Timeline, parse_duration, timeline
from pmlint.parse import parse_document
from pmlint.settings import Settings


def facts(text: str, timezone: str | None = None) -> Timeline:
    config = load_config(None)
    doc = parse_document("doc.md", text, config.catalog)
    return timeline(doc, Settings(timezone=timezone, milestones=config.milestones))


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


FIELDS_DOC = """\
**Incident summary:**
- **Duration:**
  - Start Time: June 3, 2024, 08:15 AM (UTC)
  - End Time: June 3, 2024, 11:40 AM (UTC)

**Timeline:**
- **Detection Time:**
  - June 3, 2024, 08:50 AM (UTC)
- **Escalation:**
  - The incident commander was called at 09:20 AM (UTC).

**Resolution:**
- The feature flag was rolled back at 10:05 AM (UTC).
"""


def test_milestones_from_fields_pseudo_headings_and_prose() -> None:
    value = facts(FIELDS_DOC)
    assert iso(value, "start") == "2024-06-03T08:15:00+00:00"
    assert iso(value, "detected") == "2024-06-03T08:50:00+00:00"
    assert iso(value, "escalated") == "2024-06-03T09:20:00+00:00"
    assert iso(value, "mitigated") == "2024-06-03T10:05:00+00:00"
    assert iso(value, "resolved") == "2024-06-03T11:40:00+00:00"
    assert value.minutes_between("start", "detected") == 35
    assert value.minutes_between("start", "resolved") == 205


@pytest.mark.parametrize(
    ("text", "zone", "source"),
    [
        ("---\ntimezone: Europe/Berlin\n---\n# X\n\n- 10:00 a\n", "Europe/Berlin", "front matter"),
        ("# X\n\nAll times in PST.\n\n- 10:00 a\n", "PST", "document"),
        ("# X\n\n## Timeline (UTC)\n\n- 10:00 a\n", "UTC", "document"),
        ("# X\n\n| Time (CET) | Event |\n| --- | --- |\n| 10:00 | a |\n", "CET", "document"),
        ("# X\n\nUnless noted, all times are in Pacific Time.\n", "Pacific Time", "document"),
    ],
)
def test_declared_zones(text: str, zone: str, source: str) -> None:
    value = facts(text)
    assert (value.timezone, value.timezone_source) == (zone, source)


def test_config_zone_is_the_fallback() -> None:
    value = facts("# X\n\n- 10:00 a\n", timezone="UTC")
    assert (value.timezone, value.timezone_source) == ("UTC", "config")
    assert facts("# X\n\n- 10:00 a\n").timezone is None


def test_times_take_the_last_date_and_wrap_past_midnight() -> None:
    text = (
        "# X\n\nAll times UTC.\n\n## Timeline\n\n"
        "- 2024-10-04 23:10 batch started, errors began\n"
        "- 23:55 the alert fired\n"
        "- 00:20 the batch was restarted\n"
        "- 01:05 incident resolved\n"
    )
    value = facts(text)
    whens = [e.moment.when for e in value.events]
    assert [w.isoformat() for w in whens] == [  # type: ignore[union-attr]
        "2024-10-04T23:10:00+00:00",
        "2024-10-04T23:55:00+00:00",
        "2024-10-05T00:20:00+00:00",
        "2024-10-05T01:05:00+00:00",
    ]
    assert value.minutes_between("start", "resolved") == 115


def test_table_rows_and_timestamped_headings_are_events() -> None:
    table = facts(
        "# X\n\n## Timeline\n\n| Time (UTC) | Event |\n| --- | --- |\n"
        "| 2024-04-09 14:02 | errors began |\n| 2024-04-09 14:06 | alert fired |\n"
    )
    assert [e.line for e in table.events] == [7, 8]
    assert iso(table, "detected") == "2024-04-09T14:06:00+00:00"
    headings = facts(
        "# X\n\n## Timeline\n\nAll times UTC\n\n### 2024-01-02 10:00\n\nUsers report errors.\n\n"
        "### 10:30\n\nService resumes, incident ends.\n"
    )
    assert iso(headings, "detected") == "2024-01-02T10:00:00+00:00"
    assert iso(headings, "resolved") == "2024-01-02T10:30:00+00:00"


def test_a_later_symptom_does_not_move_the_start_after_detection() -> None:
    value = facts(
        "# X\n\nAll times UTC.\n\n## Timeline\n\n- 2024-01-02 10:00 users report errors\n"
        "- 10:30 a second cluster went down\n"
    )
    # The first reported symptom is both the start and the detection.
    assert iso(value, "detected") == "2024-01-02T10:00:00+00:00"
    assert iso(value, "start") == "2024-01-02T10:00:00+00:00"
    assert value.provenance["start"] == "timeline"


def test_front_matter_milestones_win() -> None:
    value = facts(
        "---\nstart: 2024-05-01T10:00:00Z\nresolved: 2024-05-01T12:00:00Z\n---\n# X\n\n"
        "## Timeline\n\n- 2024-05-01 11:00 UTC incident resolved\n"
    )
    assert value.minutes_between("start", "resolved") == 120


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("2 hours", 120),
        ("1h50m", 110),
        ("45 minutes", 45),
        ("an hour", 60),
        ("half an hour", 30),
        ("nine hours", 540),
        ("1 hour and 15 minutes", 75),
        ("90 seconds", 1.5),
    ],
)
def test_parse_duration(text: str, minutes: float) -> None:
    assert parse_duration(text) == pytest.approx(minutes)


def test_stated_durations_in_summary_and_impact_only() -> None:
    value = facts(
        "# X\n\n## Summary\n\nThe outage lasted about 2 hours.\n\n## Impact\n\n"
        "Checkout was down for 45 minutes.\n\n## Root cause\n\nThe job lasted 3 hours.\n"
    )
    assert [(d.minutes, d.span.line) for d in value.durations] == [(120, 5), (45, 9)]


def test_time_only_documents_still_measure_durations() -> None:
    value = facts(
        "# X\n\nAll times UTC.\n\n## Timeline\n\n- 10:00 errors began\n- 10:12 alert fired\n"
    )
    assert value.minutes_between("start", "detected") == 12
    assert value.milestones["start"].day_known is False  # type: ignore[union-attr]
    assert isinstance(value.milestones["start"].when, dt.datetime)  # type: ignore[union-attr]


def test_an_out_of_order_entry_names_the_earlier_one_in_json_and_sarif(tmp_path: Path) -> None:
    """The second place a finding is about: `related` in JSON, `relatedLocations` in SARIF."""
    import json

    from tests.conftest import invoke

    path = tmp_path / "pm.md"
    path.write_text("# Outage\n\n## Timeline\n\n- 10:40 UTC rollback\n- 10:02 UTC alert\n")
    payload = json.loads(invoke("check", "--select", "PM103", "--format", "json", str(path)).stdout)
    [finding] = payload["files"][0]["diagnostics"]
    assert finding["line"] == 6
    assert finding["related"] == [
        {
            "line": 5,
            "column": 3,
            "end_line": 5,
            "end_column": 13,
            "message": "the entry before: '10:40 UTC'",
        }
    ]
    sarif = json.loads(invoke("check", "--select", "PM103", "--format", "sarif", str(path)).stdout)
    [result] = sarif["runs"][0]["results"]
    [place] = result["relatedLocations"]
    assert place["physicalLocation"]["region"]["startLine"] == 5


def test_a_day_line_with_an_ordinal_and_a_colon_dates_the_entries_below() -> None:
    # "March 4th:" opens the next day told of a list-shaped timeline; "2nd:" is no hour
    value = facts(
        "# Broker outage\n\n## Timeline\n\nAll times are in UTC.\n\n"
        "March 1st, 2024:\n\n- 16:00: A config change is staged but not applied.\n\n"
        "March 4th:\n\n- 04:10: The broker restarts with the staged config and stops accepting"
        " messages.\n- 06:20: The on-call engineer notices the queue backlog.\n"
        "- 06:55: Messages flow again.\n"
    )
    assert iso(value, "detected") == "2024-03-04T06:20:00+00:00"
    assert iso(value, "mitigated") == "2024-03-04T06:55:00+00:00"


def test_a_time_told_the_previous_evening_does_not_move_the_clock() -> None:
    # "since about 10pm the previous evening" in the first entry: the start, a day before,
    # and the entries after it stay on the morning's day
    value = facts(
        "# Printer offline\n\n## Timeline\n\nAll times are in UTC.\n\n"
        "14 May 2024\n\n- 07:30: I noticed the print server had logged no jobs since"
        " approximately 10pm the previous evening.\n- 07:40: Rebooted the print server.\n"
        "- 07:52: **Printing works again.**\n"
    )
    assert iso(value, "start") == "2024-05-13T22:00:00+00:00"
    assert iso(value, "detected") == "2024-05-14T07:30:00+00:00"
    assert iso(value, "resolved") == "2024-05-14T07:52:00+00:00"


def test_a_year_with_one_digit_struck_wrong_takes_the_documents_year() -> None:
    # front matter 2024-05-14, the opening writes 2034: a typo of one digit, not ten years on
    value = facts(
        "---\ntitle: Printer offline\ndate: 2024-05-14T12:00:00Z\n---\n\n"
        "At about 07:30 on May 14th, 2034, the printers went offline.\n\n"
        "## Timeline\n\nAll times are in UTC.\n\n- 07:30: Printers stop answering.\n"
        "- 07:52: **Printing works again.**\n"
    )
    assert iso(value, "start") == "2024-05-14T07:30:00+00:00"
    assert iso(value, "resolved") == "2024-05-14T07:52:00+00:00"


def test_a_status_update_over_two_paragraphs_is_read_whole() -> None:
    # the update's status and its news in one paragraph, its "Posted" line closing the next
    value = facts(
        "Queue Delays\nIncident Report for Examplehost\n\n"
        "Resolved\nJobs continue to run as expected.\nPosted Mar 3, 2022 - 11:40 UTC\n\n"
        "Monitoring\nThe scheduler has been fixed and jobs are running as expected.\n\n"
        "We will keep watching the queues.\nPosted Mar 3, 2022 - 10:25 UTC\n\n"
        "Investigating\nJobs are stuck in the queue. We are looking into it.\n"
        "Posted Mar 3, 2022 - 09:50 UTC\n"
    )
    assert iso(value, "mitigated") == "2022-03-03T10:25:00+00:00"
    assert iso(value, "resolved") == "2022-03-03T11:40:00+00:00"


def test_what_an_incident_spared_is_no_recovery() -> None:
    # "other services are unaffected and operate as expected" in the first update
    value = facts(
        "Update timeline\n\n"
        "1. investigating Apr 2, 2023, 08:10 AM UTC\n\n"
        "   Exports fail. Imports and other services are unaffected and operate as expected.\n\n"
        "2. monitoring Apr 2, 2023, 08:40 AM UTC\n\n"
        "   A fix has been deployed and we are monitoring the results.\n\n"
        "3. resolved Apr 2, 2023, 09:05 AM UTC\n\n"
        "   The issue has been resolved.\n"
    )
    assert iso(value, "mitigated") == "2023-04-02T08:40:00+00:00"


def test_an_updates_own_times_take_the_day_it_was_posted() -> None:
    # the write-up posted a week later sits above the update; the update's window is on the
    # day its own "Posted" line gives
    value = facts(
        "Webhook Delivery Delayed\nIncident Report for Examplehost\n\n"
        "A bad deploy delayed webhook delivery. Rolling back fixed it.\n\n"
        "Posted Oct 12, 2021 - 18:00 UTC\n\n"
        "We saw delayed webhook deliveries from 14:10-14:55 UTC. The issue is resolved.\n"
        "Posted Oct 5, 2021 - 15:02 UTC\n"
    )
    assert iso(value, "start") == "2021-10-05T14:10:00+00:00"
    assert iso(value, "resolved") == "2021-10-05T14:55:00+00:00"


def test_a_year_the_timeline_is_told_in_is_no_typo(tmp_path: Path) -> None:
    # a report dated 2019-12-11 whose dated headings all say 2020: the last heading falls two
    # days from the report's own day once its year is set back, but the story is in 2020, so
    # no heading goes back a year before the ones above it
    import json

    from tests.conftest import invoke

    path = tmp_path / "pm.md"
    path.write_text(
        "---\ntitle: Plugin builds fail\ndate: 2019-12-11\n---\n\n# Plugin builds fail\n\n"
        "## Timeline\n\nAll times are in UTC.\n\n"
        "### 2020-11-25\n\n- 09:00: A build change lands.\n\n"
        "### 2020-12-06\n\n- 14:00: CI reports that the example app no longer builds.\n\n"
        "### 2020-12-09\n\n- 10:30: The fix is released.\n"
    )
    payload = json.loads(invoke("check", "--select", "PM103", "--format", "json", str(path)).stdout)
    assert payload["files"][0]["diagnostics"] == []
    value = facts(path.read_text())
    assert iso(value, "resolved") == "2020-12-09T10:30:00+00:00"


def test_a_24_hour_time_with_pm_after_it_is_no_12_hour_time(tmp_path: Path) -> None:
    # "21:26 PM UTC" among 24-hour times: the same clock, a stray PM, not a mix of clocks
    import json

    from tests.conftest import invoke

    path = tmp_path / "pm.md"
    path.write_text(
        "# Outage\n\n## Timeline\n\n- 20:58 UTC errors rise\n- 21:26 PM UTC rollback starts\n"
        "- 21:40 UTC errors back to normal\n"
    )
    payload = json.loads(invoke("check", "--select", "PM102", "--format", "json", str(path)).stdout)
    assert payload["files"][0]["diagnostics"] == []
