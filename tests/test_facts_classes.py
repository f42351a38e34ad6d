"""The classes of timeline writing that the facts issue lists, each on text written for this
repository: ranges, starts, zones and dates that carry, explicit words, stated durations,
sanity checks, impact figures in other units. Each test names its class."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pmlint.config import load_config
from pmlint.extract.durations import parse_duration, stated_durations
from pmlint.extract.impact import find_figures
from pmlint.extract.timeline import MITIGATION_AT_STORY_END, Timeline
from pmlint.extract.timestamps import find_stamps
from pmlint.parse import parse_document
from tests.conftest import check_json, facts, invoke


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


# 1. Ranges ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("summary", "start", "end"),
    [
        (
            "Checkout failed from 02:05 PM UTC to 03:40 PM UTC on 2023-09-12.",
            "2023-09-12T14:05:00+00:00",
            "2023-09-12T15:40:00+00:00",
        ),
        (
            "Between 02:10 UTC and 04:45 UTC on 3 Feb 2022 uploads were rejected.",
            "2022-02-03T02:10:00+00:00",
            "2022-02-03T04:45:00+00:00",
        ),
        (
            "On 2021-05-04 the queue stalled 22:40–01:15 UTC.",
            "2021-05-04T22:40:00+00:00",
            "2021-05-05T01:15:00+00:00",
        ),
        (
            "The incident began at 2020-03-01 09:00 UTC and ended at 2020-03-01 09:50 UTC.",
            "2020-03-01T09:00:00+00:00",
            "2020-03-01T09:50:00+00:00",
        ),
        (
            "Uploads stalled from 21:10 on 4 May 2021 to 03:30 on 5 May 2021 US/Eastern.",
            "2021-05-04T21:10:00-04:00",
            "2021-05-05T03:30:00-04:00",
        ),
    ],
)
def test_a_range_in_the_summary_is_the_impact_window(summary: str, start: str, end: str) -> None:
    value = facts(f"# Queue stall\n\n## Summary\n\n{summary}\n")
    assert (iso(value, "start"), iso(value, "resolved")) == (start, end)
    assert value.provenance["start"] == "range"
    assert value.provenance["mitigated"] == "inferred"


def test_several_windows_add_up() -> None:
    value = facts(
        "# Two dips\n\n## Impact\n\nOn 2022-08-09 logins failed from 03:12 to 04:01 UTC, "
        "then from 16:40 to 17:25 UTC.\n"
    )
    assert value.duration() == (49 + 45, "range")


# 2. The start is the first symptom, or the change just before it, not the lead-up ------------

LEAD_UP = """\
# Cache outage

## Timeline

All times UTC.

- 2024-02-01 09:00 the cache cluster upgrade was planned for the next day
- 2024-02-02 14:02 the new cache configuration was deployed
- 2024-02-02 14:06 product pages started returning errors
- 2024-02-02 14:15 the latency alert paged the on-call engineer
- 2024-02-02 14:40 the deploy was rolled back; error rate back to baseline
- 2024-02-02 15:10 incident resolved
"""


def test_the_start_is_the_change_just_before_the_first_symptom() -> None:
    value = facts(LEAD_UP)
    assert iso(value, "start") == "2024-02-02T14:02:00+00:00"
    assert iso(value, "detected") == "2024-02-02T14:15:00+00:00"
    assert iso(value, "mitigated") == "2024-02-02T14:40:00+00:00"
    assert iso(value, "resolved") == "2024-02-02T15:10:00+00:00"
    assert value.duration() == (68, "milestones")


@pytest.mark.parametrize(
    ("warning", "symptom"),
    [
        ("disk usage on the log server reached 92%", "the log server stopped ingesting events"),
        ("the replica lag crossed 10 seconds", "the nightly dump was truncated"),
        ("the cleanup job started as usual", "the uploads volume was full and uploads were lost"),
    ],
)
def test_a_warning_hours_before_the_first_symptom_is_lead_up(warning: str, symptom: str) -> None:
    value = facts(
        f"# X\n\n## Timeline (UTC)\n\n- 2021-04-02 18:10 {warning}\n"
        f"- 2021-04-02 19:40 {symptom}\n"
        "- 2021-04-03 06:55 a developer noticed the gap and opened an incident\n"
    )
    assert iso(value, "start") == "2021-04-02T19:40:00+00:00"


SUMMARY_THEN_LEAD_UP = """\
# Bridge drained

## Summary

{summary}

## Timeline (all times UTC, 2025-03-09)

| Time | Event |
| --- | --- |
| 06:40 | A wallet of the attacker is funded through a mixer |
| 11:52 | First swap against the bridge's stale price; 40k drained |
| 12:05 | Second swap; 9k drained |
| 12:31 | The on-call engineer is paged by the balance alert |
| 12:48 | Bridge paused; no further swaps possible |
"""


def test_the_summarys_start_makes_the_earlier_entries_lead_up() -> None:
    """The summary's first timed sentence tells when it began, and an entry has that minute:
    the entries before it are lead-up, however the timeline words them."""
    told = "On 9 March 2025 at 11:52 UTC, an attacker drained the bridge with a stale price."
    value = facts(SUMMARY_THEN_LEAD_UP.format(summary=told))
    assert iso(value, "start") == "2025-03-09T11:52:00+00:00"
    assert value.provenance["start"] == "timeline"


@pytest.mark.parametrize(
    "summary",
    [
        # no entry at the minute the summary gives: no account to place the lead-up by
        "On 9 March 2025 at 11:30 UTC, an attacker drained the bridge with a stale price.",
        # the summary's time is when it was noticed, not when it began
        "On 9 March 2025 at 12:31 UTC the on-call engineer was paged by the balance alert.",
    ],
)
def test_a_summary_time_that_places_no_entry_keeps_the_timelines_start(summary: str) -> None:
    value = facts(SUMMARY_THEN_LEAD_UP.format(summary=summary))
    assert iso(value, "start") == "2025-03-09T06:40:00+00:00"


def test_a_recovery_told_fully_is_no_full_disk() -> None:
    value = facts(
        "# X\n\n## Timeline (UTC)\n\n- 2023-05-10 08:31 the importer stopped processing files\n"
        "- 2023-05-10 09:40 the importer was fully recovered\n"
    )
    assert iso(value, "start") == "2023-05-10T08:31:00+00:00"


def test_health_checks_passing_again_is_the_mitigation() -> None:
    value = facts(
        "# X\n\n## Timeline (UTC)\n\n- 2023-05-10 08:31 gateway-3 stopped responding\n"
        "- 2023-05-10 08:33 the load balancer alert fired\n"
        "- 2023-05-10 09:05 gateway-3 rebooted into the old kernel; health checks pass\n"
    )
    assert iso(value, "mitigated") == "2023-05-10T09:05:00+00:00"


# 3. Zones carry ------------------------------------------------------------------------------


def test_a_zone_on_the_first_entry_carries_to_the_next() -> None:
    value = facts(
        "# X\n\n## Timeline\n\n- Jan 12, 2023, 18:05 (UTC) disk full alert fired\n"
        "- 18:09 the on-call engineer acknowledged it\n"
    )
    second = value.events[1].moment
    assert second.zone_source == "carried"
    assert second.when is not None and second.when.isoformat() == "2023-01-12T18:09:00+00:00"


def test_a_zone_pair_in_the_heading_follows_daylight_saving() -> None:
    value = facts(
        "# X\n\n## Timeline (all times in PST/PDT)\n\n- 2023-08-25 21:14 DNS errors began\n"
    )
    assert iso(value, "start") == "2023-08-25T21:14:00-07:00"


@pytest.mark.parametrize(
    ("line", "zone", "when"),
    [
        ("- UTC 09:41 — replicas stopped accepting reads", "UTC", "09:41"),
        ("- GMT+2 17:03: every image request timed out", "GMT+2", "17:03"),
        ("- 2021-11-30 PST 06:12 — the importer crashed on start", "PST", "06:12"),
        ("| CET 23:50 | the nightly job locked the orders table |", "CET", "23:50"),
    ],
)
def test_a_zone_written_before_the_time_is_its_zone(line: str, zone: str, when: str) -> None:
    stamps = [stamp for stamp in find_stamps(line) if stamp.time is not None]
    assert [(stamp.zone, stamp.time.strftime("%H:%M")) for stamp in stamps] == [(zone, when)]


def test_a_zone_before_the_first_time_carries_and_a_date_then_zone_then_time_pairs() -> None:
    value = facts(
        "# X\n\n## Timeline\n\n- 2022-07-19 UTC 04:10 the token for the mirror expired, pulls "
        "failed\n- 2022-07-19 UTC 04:31 an alert fired for failed pulls\n"
        "- 2022-07-19 UTC 05:02 a new token was issued and pulls work again\n"
    )
    assert iso(value, "start") == "2022-07-19T04:10:00+00:00"
    assert iso(value, "mitigated") == "2022-07-19T05:02:00+00:00"


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("- midnight: the certificate on the edge proxy expired", [0]),
        ("| 12 noon | the cron job filled the disk |", [12]),
        ("- 2019-10-08 noon - traffic shifted to the new region", [12]),
        ("On March 3, 2021 at midnight the backups stopped", [0]),
        ("The cleanup job runs at midnight every day.", []),
        ("We held a noon stand-up about it.", []),
    ],
)
def test_noon_and_midnight_are_times_where_a_timeline_writes_its_times(
    text: str, hours: list[int]
) -> None:
    assert [stamp.time.hour for stamp in find_stamps(text) if stamp.time is not None] == hours


def test_a_timeline_that_turns_midnight_moves_to_the_next_day() -> None:
    value = facts(
        "# X\n\n## Timeline (PST)\n\nOn 2023-03-09:\n\n- 11:48 PM: the job queue stopped, "
        "exports failed\n- 11:55 PM: an engineer was paged\n- midnight: the queue was restarted"
        " and exports work again\n"
    )
    assert iso(value, "mitigated") == "2023-03-10T00:00:00-08:00"


@pytest.mark.parametrize(
    ("declaration", "when"),
    [
        (
            "## Timeline\n\n| Time [CET] | Event |\n| --- | --- |\n| 10:05 | the API failed |",
            "2023-04-02T10:05:00+01:00",
        ),
        (
            "## Timeline\n\n| Time - UTC | Event |\n| --- | --- |\n| 10:05 | the API failed |",
            "2023-04-02T10:05:00+00:00",
        ),
        ("## Timeline [UTC]\n\n- 10:05 the API started failing", "2023-04-02T10:05:00+00:00"),
        ("Times: UTC\n\n- 10:05 the API started failing", "2023-04-02T10:05:00+00:00"),
        (
            "Times below are Eastern.\n\n- 10:05 the API started failing",
            "2023-04-02T10:05:00-04:00",
        ),
        (
            "## Timeline (UTC\u22125)\n\n- 10:05 the API started failing",
            "2023-04-02T10:05:00-05:00",
        ),
    ],
)
def test_a_zone_declared_in_brackets_after_a_dash_or_as_a_field_carries(
    declaration: str, when: str
) -> None:
    value = facts(f"# X\n\nOn 2023-04-02 the API failed.\n\n{declaration}\n")
    assert iso(value, "start") == when


def test_a_region_word_in_a_sentence_about_times_is_no_zone() -> None:
    value = facts(
        "# X\n\nResponse times are central to our SLOs.\n\nOn 2023-04-02:\n\n"
        "- 10:05 the API started failing\n"
    )
    assert iso(value, "start") == "2023-04-02T10:05:00"


# 4. Dates carry, and never slip ----------------------------------------------------------------


def test_a_date_range_header_keeps_the_first_day() -> None:
    value = facts(
        "# X\n\nIncident date: 2023-06-30 to 2023-07-01\n\n## Timeline\n\nAll times UTC.\n\n"
        "- 23:40 replication lag alert fired\n- 00:20 replica rebuilt, lag back to normal\n"
    )
    assert iso(value, "detected") == "2023-06-30T23:40:00+00:00"
    assert iso(value, "mitigated") == "2023-07-01T00:20:00+00:00"


def test_day_first_date_headings_set_the_day() -> None:
    value = facts(
        "# X\n\n## Timeline\n\n### 29-09-2021 (All times CEST)\n\n"
        "- 15:46 storage driver changed\n\n"
        "### 03-10-2021 (All times CEST)\n\n- 02:17 first timeouts reported by the monitor\n"
    )
    days = [e.moment.when.date().isoformat() for e in value.events if e.moment.when]
    assert days == ["2021-09-29", "2021-10-03"]


def test_undated_times_take_the_date_in_the_file_name() -> None:
    value = facts(
        "# X\n\n## Timeline\n\nAll times UTC.\n\n- 10:00 errors began\n", "2022-11-03-x.md"
    )
    assert iso(value, "start") == "2022-11-03T10:00:00+00:00"


@pytest.mark.parametrize(
    "name", ["queue-outage-2022-11-03.md", "posts/012-queue-outage-2022-11-03.md"]
)
def test_a_date_at_the_end_of_a_slug_is_the_file_names_date(name: str) -> None:
    """4. "queue-outage-2022-11-03.md": the hyphen before the date joins the slug, it is not a
    minus sign of the year."""
    value = facts("# X\n\n## Timeline\n\nAll times UTC.\n\n- 10:00 errors began\n", name)
    assert iso(value, "start") == "2022-11-03T10:00:00+00:00"


def test_a_yearless_date_takes_the_documents_year() -> None:
    value = facts(
        "# X\n\n## Timeline\n\n- **April 5, 2022** 17:03 UTC builds began failing\n"
        "- (*April 6*) 09:00 UTC the fix was deployed and builds are working again\n"
    )
    assert iso(value, "mitigated") == "2022-04-06T09:00:00+00:00"


def test_unless_otherwise_noted_sets_the_day_of_undated_entries() -> None:
    value = facts(
        "# X\n\n## Timeline\n\nUnless noted otherwise, each entry below took place on 2021-06-14, "
        "times in UTC.\n\n- 2021-06-13 23:40: uploads started timing out\n"
        "- 00:22: pages went out for the upload service being down\n"
    )
    assert iso(value, "detected") == "2021-06-14T00:22:00+00:00"


def test_a_year_typo_does_not_make_a_year_long_incident() -> None:
    value = facts(
        "# X\n\n## Timeline\n\n- 2023-06-02 10:00 UTC errors began\n"
        "- 2022-06-02 10:30 UTC incident resolved\n"
    )
    assert value.duration() == (30, "milestones")


@pytest.mark.parametrize(
    ("text", "name", "kind", "when"),
    [
        # the timeline's date line mistypes the year of the report's front-matter date
        (
            "---\ndate: 2021-03-09\n---\n\n# Broken release\n\n## Timeline\n\n"
            "2017-03-09 **(times in UTC)**\n\n- 14:10: the release went out broken\n"
            "- 15:25: the release was pulled and installs work again\n",
            "doc.md",
            "mitigated",
            "2021-03-09T15:25:00+00:00",
        ),
        # the impact names a month one off the title's, the night before its day
        (
            "# November 4th, 2020 queue outage\n\nAll times UTC.\n\n## Impact\n\n"
            "Every upload failed between 2020-10-03 22:40 and 2020-10-04 01:15.\n",
            "doc.md",
            "start",
            "2020-11-03T22:40:00+00:00",
        ),
        # the file name gives the day the mistyped year means
        (
            "# Search down\n\n## Timeline\n\n- 2016-07-21 09:00 UTC search began failing\n"
            "- 2016-07-21 09:40 UTC search was restored\n",
            "search-down-2018-07-21.md",
            "start",
            "2018-07-21T09:00:00+00:00",
        ),
    ],
)
def test_a_date_one_field_off_the_documents_own_day_is_that_day(
    text: str, name: str, kind: str, when: str
) -> None:
    """7. A date far from the document's own day (front matter, title, file name) that differs
    from it only in its year, or by one in its month, is a typo of that field."""
    assert iso(facts(text, name), kind) == when


@pytest.mark.parametrize(
    "line",
    [
        # a month before, and on another day of the month: the lead-up, not a typo
        "- 2021-02-17 10:00 UTC the change that later broke the release was merged\n",
        # two fields off: an earlier incident recalled
        "- 2019-05-02 10:00 UTC a similar release broke, as told in the last report\n",
    ],
)
def test_a_date_that_differs_more_than_a_typo_stays(line: str) -> None:
    text = (
        "---\ndate: 2021-03-09\n---\n\n# Broken release\n\n## Timeline\n\n"
        + line
        + "- 2021-03-09 14:10 UTC the release went out broken\n"
    )
    moments = facts(text).moments
    assert any(
        m.when is not None and m.when.date() == dt.date.fromisoformat(line[2:12]) for m in moments
    )


def test_european_hour_notation_is_a_time() -> None:
    (stamp,) = find_stamps("10h47 CEST")
    assert stamp.time is not None and stamp.time.isoformat() == "10:47:00"
    assert find_stamps("it took 1h50m") == []


PROSE_NEXT_DAY = """\
# Digest e-mails sent twice

## Summary

On 2022-05-17 the weekly digest went out twice to a third of our readers.

## What happened

Shortly after 07:10 (UTC) a retry worker picked up a batch that had already been sent. Readers
began replying about the duplicates at about 07:45, which is when we noticed. We stopped the
worker at 07:58, which stopped any further duplicate digests. The retry logic was fixed and
deployed the following morning at 08:30.
"""


def test_the_next_morning_in_prose_is_a_day_later_and_the_story_starts_before_the_noticing() -> (
    None
):
    value = facts(PROSE_NEXT_DAY)
    assert iso(value, "start") == "2022-05-17T07:10:00+00:00"
    assert iso(value, "detected") == "2022-05-17T07:45:00+00:00"
    assert iso(value, "mitigated") == "2022-05-17T07:58:00+00:00"
    assert iso(value, "resolved") == "2022-05-18T08:30:00+00:00"


@pytest.mark.parametrize(
    "heading",
    [
        "### 2023-03-04",
        "### March 4, 2023",
        "### Saturday, 4th March 2023",
        "### 04-Mar-2023",
        "**4th of March, 2023**",
        "### 2023/03/04",
        "#### Sat 4 Mar 2023",
        "### 2023.03.04",
        "### 2023-3-4",
    ],
)
def test_a_date_heading_in_any_common_order_dates_the_entries_below(heading: str) -> None:
    value = facts(
        f"# X\n\n## Timeline\n\n{heading}\n\n- 10:05 UTC: the API started failing\n"
        "- 10:40 UTC: deploy rolled back, the API is back to normal\n"
    )
    assert iso(value, "start") == "2023-03-04T10:05:00+00:00"


def test_a_version_with_a_year_is_not_a_date() -> None:
    assert find_stamps("upgraded the server to 2023.3.1 and v2023.03.1") == []


ENTRIES = (
    "## Timeline (UTC)\n\n- 09:10 upload workers began crashing after a library upgrade\n"
    "- 09:25 support reported failed uploads\n- 09:50 the upgrade was rolled back; uploads "
    "work again\n"
)


@pytest.mark.parametrize(
    "header",
    [
        "**Incident date:** 2023-05-08\n**Published:** 2023-05-12",
        "- Date: 2023-05-08\n- Report written: 2023-05-12",
        "| Field | Value |\n| --- | --- |\n| Incident date | 2023-05-08 |\n"
        "| Report date | 2023-05-12 |",
        "On 8 May 2023 uploads failed.\n\n*Last updated 12 May 2023*",
    ],
)
def test_the_day_the_report_was_written_does_not_date_the_timeline(header: str) -> None:
    value = facts(f"# Upload outage\n\n{header}\n\n{ENTRIES}")
    assert iso(value, "start") == "2023-05-08T09:10:00+00:00"


@pytest.mark.parametrize(
    ("monday", "thursday"),
    [
        ("### Monday\n\n- 10:00", "### Thursday\n\n- 11:20"),
        ("**Monday**\n\n- 10:00", "**Thursday**\n\n- 11:20"),
        ("- Mon 10:00", "- Thu 11:20"),
        ("- 10:00", "- Three days later, 11:20"),
    ],
)
def test_weekdays_and_days_later_move_a_timeline_on(monday: str, thursday: str) -> None:
    value = facts(
        "# X\n\nOn Monday, 2023-03-06 a config change broke the mirror sync.\n\n"
        f"## Timeline (UTC)\n\n{monday} config change merged; sync jobs start failing\n"
        "- 10:30 alert fired\n\n"
        f"{thursday} sync completes; mirrors up to date again\n"
    )
    assert iso(value, "start") == "2023-03-06T10:00:00+00:00"
    assert iso(value, "mitigated") == "2023-03-09T11:20:00+00:00"


@pytest.mark.parametrize(
    ("first", "second"), [("03/06", "03/09"), ("6/3", "9/3"), ("6.3.", "9.3.")]
)
def test_a_day_and_month_without_a_year_before_a_time_is_a_date(first: str, second: str) -> None:
    value = facts(
        "# Mirror outage (2023)\n\n## Timeline\n\n| When (UTC) | What |\n| --- | --- |\n"
        f"| {first} 10:00 | config change merged; sync jobs start failing |\n"
        f"| {first} 10:30 | alert fired |\n"
        f"| {second} 11:20 | sync completes; mirrors up to date again |\n"
    )
    assert iso(value, "start") == "2023-03-06T10:00:00+00:00"
    assert value.duration() == (3 * 1440 + 80, "milestones")
    assert find_stamps("3/4 of the nodes, 12 hours") == []


# 5. Explicit words, and what is not a mitigation ---------------------------------------------

EXPLICIT = """\
# X

## Timeline

All times UTC.

- 2024-03-01 10:00 payments API returned errors **<START OF OUTAGE>**
- 2024-03-01 10:05 alert fired
- 2024-03-01 10:10 failover to the standby started, but the failover hangs
- 2024-03-01 10:40 database restarted (mitigated)
- 2024-03-01 11:00 all clear
"""


def test_explicit_markers_win_and_an_attempt_is_not_a_mitigation() -> None:
    value = facts(EXPLICIT)
    assert iso(value, "start") == "2024-03-01T10:00:00+00:00"
    assert iso(value, "mitigated") == "2024-03-01T10:40:00+00:00"
    assert iso(value, "resolved") == "2024-03-01T11:00:00+00:00"


def test_entries_split_by_html_breaks_are_separate_entries() -> None:
    value = facts(
        "# X\n\n## Timeline\n\n### 2023-08-25\n\n21:14 UTC - DNS change takes effect, "
        "sites fail to load.<br> 21:20 - monitoring sends the first alert e-mail.<br> "
        "22:05 - DNS change reverted, sites back online.\n"
    )
    assert [e.moment.stamp.text for e in value.events] == ["21:14 UTC", "21:20", "22:05"]
    assert iso(value, "mitigated") == "2023-08-25T22:05:00+00:00"


@pytest.mark.parametrize(
    ("entry", "mitigated"),
    [
        # what users waited for arrives
        ("09:40 UTC: keys rotated and the batch rerun; statements delivered", True),
        ("09:40 UTC: the delayed notifications were all delivered", True),
        ("09:40 UTC: invoices were delivered twice to some tenants", False),
        # the harm stopped, in other words than errors
        ("09:40 UTC: the sender was paused, which stopped any further duplicate texts", True),
        ("09:40 UTC: no further corrupted rows have been observed", True),
        ("09:40 UTC: we stopped further deploys until the review", False),
        # the impact easing away
        ("09:40 UTC: workers restarted on the old build, queue draining", True),
        ("09:40 UTC: the backlog started shrinking", True),
        ("09:40 UTC: the bad node was drained and requests stopped failing", True),
        ("09:40 UTC: consumer restarted, the backlog is now being processed", True),
        ("09:40 UTC: switched the database to the replica; writes succeed", True),
    ],
)
def test_the_impact_stopping_in_other_words_is_the_mitigation(entry: str, mitigated: bool) -> None:
    value = facts(
        "# X\n\n## Timeline\n\nOn 2024-02-20:\n\n- 09:02 UTC: statement jobs failed after "
        f"a key expired\n- 09:15 UTC: a customer reported the problem\n- {entry}\n"
    )
    # told as the mitigation, not inferred as the timeline's last entry
    told = MITIGATION_AT_STORY_END not in value.provenance
    found = iso(value, "mitigated") == "2024-02-20T09:40:00+00:00" and told
    assert found is mitigated


STATUS_UPDATES = """\
# Delayed search indexing

**Resolved** - Indexing is caught up and this incident is resolved.
Nov 2, 16:44 UTC

**Monitoring** - A fix has been implemented and we are watching the indexing rate.
Nov 2, 16:20 UTC

**Identified** - The cause is known and a fix is being implemented.
Nov 2, 15:58 UTC

**Investigating** - New documents are not appearing in search results.
Nov 2, 15:31 UTC

Posted Nov 3, 2021
"""


def test_a_fix_implemented_is_the_mitigation_and_one_being_implemented_is_not() -> None:
    value = facts(STATUS_UPDATES)
    assert iso(value, "mitigated") == "2021-11-02T16:20:00+00:00"
    assert iso(value, "resolved") == "2021-11-02T16:44:00+00:00"


def test_a_state_told_with_being_is_not_an_attempt() -> None:
    value = facts(
        "# X\n\n## Timeline\n\nOn 2020-09-14:\n\n- 11:02 UTC: the primary region failed "
        "health checks, requests failing\n- 11:09 UTC: the on-call was paged\n"
        "- 11:25 UTC: all traffic is being served from the standby region\n"
        "- 11:27 UTC: the failover is being rolled back to test the primary\n"
    )
    assert iso(value, "mitigated") == "2020-09-14T11:25:00+00:00"


@pytest.mark.parametrize(
    "entry",
    [
        "the status page monitor turned red",
        "we learned from a GitHub issue that installs were failing",
        "Sentry started sending error emails",
    ],
)
def test_other_ways_of_learning_of_it_are_the_detection(entry: str) -> None:
    value = facts(
        "# X\n\n## Timeline (UTC)\n\nOn 2023-04-02:\n\n- 10:05 the API started failing "
        f"after a deploy\n- 10:20 {entry}\n- 10:40 rollback done, API back to normal\n"
    )
    assert iso(value, "detected") == "2023-04-02T10:20:00+00:00"


# 6. Stated durations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("The outage lasted 72 minutes.", 72),
        ("Sign-ups were down for a duration of 2h17m.", 137),
        ("Search was unavailable for roughly eleven hours.", 660),
        ("an aggregate of 48 minutes of downtime", 48),
        ("The incident lasted 2 hours and 5 minutes.", 125),
        ("The outage lasted one and a half hours.", 90),
        ("Time to detection: 12 minutes. Time to recovery: 87 minutes.", 87),
        ("Block production halted for about 6 hours.", 360),
        ("The relay stopped for around 40mins in total.", 40),
        ("Service was restored after 47 minutes.", 47),
        ("It was a 35-minute outage for EU customers.", 35),
        ("It took about two hours to restore the index.", 120),
        ("Total downtime: 1h 20m", 80),
        ("**Duration of impact**: 45 minutes", 45),
        ("Outage duration - 2 hours", 120),
        ("There were 25 minutes of errors on checkout.", 25),
        ("Payments saw 40 minutes of degraded service.", 40),
        ("The incident lasted about an hour and a half.", 90),
        ("Customers saw errors over a period of 35 minutes.", 35),
        ("Downtime was ~20m.", 20),
        ("For 26 minutes, members could not open their dashboards.", 26),
        ("The alert fired. Over the course of 40 minutes, half the uploads failed.", 40),
        ("We were paged. For the next 15 minutes, search was down.", 15),
        ("Recovery took 2 hours.", 120),
        # several windows in one sentence add up
        ("The shop was down for 5 minutes at 10:00 and again for 12 minutes at 11:00.", 17),
        ("Imports were unavailable for 20 minutes, then for another 15 minutes.", 35),
        ("The outage lasted 40 minutes and the fix took another 2 hours to ship.", 40),
        # the recovery told with how long it took
        ("The broken config was fixed in about 25 minutes.", 25),
        ("After 33 minutes the mirrors were reachable again.", 33),
        ("Alerts fired at once. After 2 hours, the queue was back to normal.", 120),
    ],
)
def test_stated_durations(text: str, minutes: float) -> None:
    assert [s.minutes for s in stated_durations(text)] == [minutes]


def test_a_duration_of_something_else_is_not_the_incidents() -> None:
    assert stated_durations("We could not reproduce it for two days.") == []
    assert stated_durations("For two days, the team looked into the cause.") == []
    assert stated_durations("For 3 hours, every request worked as it should.") == []
    assert stated_durations("Pushes were failing for 30 seconds at a time.") == []
    assert stated_durations("The previous outage in June lasted 3 hours.") == []
    assert stated_durations("A second incident followed the next week.") == []
    assert stated_durations("Time to detection: 64 minutes") == []
    assert stated_durations("After two hours the team found the cause.") == []
    assert stated_durations("After 20 minutes, the on-call was back with a plan.") == []


def test_an_about_sign_before_the_amount_stays_in_the_prose() -> None:
    """'~' before a figure means 'about': the prose keeps it, so 'inaccessible for ~1hr' is a
    duration (blanked as strikethrough it read 'for  1hr', which no phrase takes)."""
    value = facts("# X\n\n## Summary\n\nThe wiki was left entirely inaccessible for ~1hr.\n")
    assert value.duration() == (60, "stated-duration")
    assert facts("# X\n\n## Summary\n\nThe wiki was ~~down~~ slow.\n").durations == []


def test_vague_durations_are_not_figures() -> None:
    assert stated_durations("The site was down for several hours.") == []
    assert parse_duration("a few minutes") is None


def test_a_stated_duration_is_the_duration_when_no_window_is_given() -> None:
    value = facts("# X\n\n## Summary\n\nThe outage lasted 72 minutes.\n")
    assert value.duration() == (72, "stated-duration")


SECOND_ROUND = """\
# Login outage

## Timeline (UTC)

- 2021-02-01 08:00 logins failing after the certificate rotation
- 2021-02-01 08:10 alert for login failures
- 2021-02-01 08:40 old certificate restored, logins work again
- 2021-02-01 23:00 monitoring shows login errors returning for EU users
- 2021-02-02 01:30 new certificate chain deployed, errors stopped
- 2021-02-02 02:00 resolved
"""


def test_an_impact_that_comes_back_runs_the_incident_on_to_its_last_recovery() -> None:
    value = facts(SECOND_ROUND)
    assert iso(value, "mitigated") == "2021-02-02T01:30:00+00:00"
    assert iso(value, "resolved") == "2021-02-02T02:00:00+00:00"
    assert value.duration() == (18 * 60, "milestones")


def test_a_symptom_returning_to_normal_is_no_recurrence() -> None:
    value = facts(
        SECOND_ROUND.replace("login errors returning for EU users", "errors returned to zero")
    )
    assert iso(value, "mitigated") == "2021-02-01T08:40:00+00:00"


def test_a_prose_recovery_told_with_its_owner_is_the_mitigation() -> None:
    value = facts(
        "# X\n\n## What happened\n\nOn 2023-06-30, starting at 22:10 UTC, card payments were "
        "declined for a third of customers. Our error-rate monitor alerted us at 22:14 UTC. We "
        "deployed the new key at 23:35 UTC, after which declines returned to their usual level. "
        "We consider the incident resolved as of 00:05 UTC on July 1.\n"
    )
    assert iso(value, "mitigated") == "2023-06-30T23:35:00+00:00"
    assert iso(value, "resolved") == "2023-07-01T00:05:00+00:00"


# 8. Impact figures in other units ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "unit", "of"),
    [
        ("3.5m USDC drained from the pool", "money", "USDC"),
        ("Refunds cost $1.2M.", "money", "USD"),
        ("About €25k in credits were issued.", "money", "EUR"),
        ("18m out of 40m tokens were frozen.", "percent", "tokens"),
        ("Up to 9 % of the nodes restarted.", "percent", None),
    ],
)
def test_impact_figures_in_money_tokens_and_shares(
    sentence: str, unit: str, of: str | None
) -> None:
    config = load_config(None)
    doc = parse_document("x.md", f"# X\n\n## Impact\n\n{sentence}\n", config.catalog)
    block = next(b for b in doc.blocks if sentence[:6] in b.text)
    (figure,) = find_figures(block, ["users", "requests"])
    assert (figure.unit, figure.of) == (unit, of)


def test_am_pm_and_zone_written_once_after_a_range_apply_to_both_ends() -> None:
    first, second = find_stamps("from 1:00 - 3:30 PM ET the portal was slow")
    assert (first.time.isoformat(), first.clock, first.zone) == ("13:00:00", "12h", "ET")
    assert second.zone == "ET"


def test_a_status_page_opening_time_is_the_start_when_nothing_else_says() -> None:
    value = facts(
        "---\ndate: 2022-10-14T18:25:00Z\nresolvedWhen: 2022-10-15T07:50:00Z\n---\n"
        "# Region offline\n\nThe upstream provider lost a router.\n"
    )
    assert iso(value, "start") == "2022-10-14T18:25:00+00:00"
    # the issue was opened then: it was known then, too
    assert iso(value, "detected") == "2022-10-14T18:25:00+00:00"
    assert value.provenance == {
        "start": "inferred",
        "detected": "inferred",
        "resolved": "front-matter",
    }
    # closed the next morning, thirteen hours on: when it was closed, not when it was mitigated
    assert value.milestones["mitigated"] is None
    assert value.duration() == (805, "milestones")


def test_a_status_page_closed_before_the_recovery_its_updates_tell_ends_at_the_recovery() -> None:
    # the updates are in the zone a sentence names; the notice's close time is written as UTC
    # and falls before them: it is when the post was written, not the end
    value = facts(
        "---\ndate: 2023-02-11T08:30:00Z\nresolvedWhen: 2023-02-11T08:30:00Z\n---\n"
        "# Storage node offline\n\n"
        "2023-02-11 06:05:00 - The storage node lost its uplink and shares cannot be "
        "reached. We are looking into it.\n\n"
        "2023-02-11 06:40:00 - The carrier expects a fix by 9:00 AM Central Time.\n\n"
        "2023-02-11 08:20:00 - The uplink is now restored and shares are online again.\n"
    )
    assert iso(value, "start") == "2023-02-11T06:05:00-06:00"
    assert iso(value, "mitigated") == "2023-02-11T08:20:00-06:00"
    assert iso(value, "resolved") == "2023-02-11T08:20:00-06:00"
    assert value.duration() == (135, "milestones")


def test_a_status_page_closed_at_the_time_it_opened_ends_where_its_updates_say() -> None:
    # `resolvedWhen` equal to `date` is a placeholder: a zero-length incident is no end
    value = facts(
        "---\ndate: 2019-06-02T14:10:00+00:00\nresolvedWhen: 2019-06-02T14:10:00+00:00\n---\n"
        "# Mail relay down\n\nThe mail relay is not accepting connections. We are checking.\n\n"
        "**Update: 14:55** - The relay is back online and mail is flowing again.\n\n"
        "**Update: 15:20** - The relay is stable and working correctly again.\n"
    )
    assert iso(value, "start") == "2019-06-02T14:10:00+00:00"
    assert iso(value, "mitigated") == "2019-06-02T14:55:00"
    assert iso(value, "resolved") == "2019-06-02T15:20:00"
    assert value.provenance["resolved"] == "prose"
    assert value.duration() == (70, "milestones")


def test_an_entry_dated_days_back_in_a_timeline_on_the_documents_day_is_a_slip() -> None:
    value = facts(
        "# 2022-09-14: Search index stale\n\n## Timeline\n\nAll times UTC.\n\n"
        "### 2022-09-14 08:02\n\nThe indexer deploy goes out and queries start to fail.\n\n"
        "### 2022-09-14 08:10\n\nOn-call is paged by the error-rate alert.\n\n"
        "### 2022-09-03 08:31\n\nThe deploy is rolled back and queries succeed again.\n\n"
        "### 2022-09-03 11:50\n\nThe index rebuild completes.\n"
    )
    assert iso(value, "mitigated") == "2022-09-14T08:31:00+00:00"
    # the same mistyped date later in the story keeps the day meant
    assert {m.when.date().isoformat() for m in value.moments if m.when and m.has_time} == {
        "2022-09-14"
    }


def test_an_entry_stepping_back_a_day_at_a_time_keeps_its_dates() -> None:
    # a stream told newest first: each date is its own
    value = facts(
        "# Mirror lagging\n\n## Updates\n\n"
        "- 2022-09-15 09:00 UTC: Mirrors are in sync again.\n"
        "- 2022-09-14 09:20 UTC: Mirrors are lagging; we are looking into it.\n"
    )
    assert iso(value, "start") == "2022-09-14T09:20:00+00:00"


@pytest.mark.parametrize(
    "entry",
    [
        "deploys a revert while preparing a fix. Error rates drop back to zero.",
        "restarted the workers whilst planning the migration; requests succeed again.",
    ],
)
def test_a_plan_beside_a_remedy_does_not_make_its_outcome_an_attempt(entry: str) -> None:
    value = facts(
        "# Queue stuck\n\n## Timeline (UTC)\n\n"
        "- 2023-03-02 10:00: error rates rise on the API.\n"
        "- 2023-03-02 10:05: on-call is paged by an alert.\n"
        f"- 2023-03-02 10:30: Sam {entry}\n"
    )
    assert iso(value, "mitigated") == "2023-03-02T10:30:00+00:00"


def test_a_partial_workaround_with_the_rest_being_worked_on_is_not_the_mitigation() -> None:
    value = facts(
        "---\ndate: 2020-11-03T07:30:00+00:00\n---\n# Builds queued\n\n"
        "Builds may wait in the queue. We are investigating.\n\n"
        "**Update 08:15**: A workaround is in place for Linux builders and we are working on "
        "a workaround for macOS builders.\n\n"
        "**Update 09:40**: A workaround is in place for macOS builders too.\n"
    )
    assert iso(value, "mitigated") == "2020-11-03T09:40:00"


def test_a_quoted_front_matter_date_opens_the_notice_as_an_unquoted_one_does() -> None:
    value = facts(
        "---\ndate: '2021-04-12T08:00:00+02:00'\nresolvedWhen: '2021-04-12T20:00:00+02:00'\n"
        "---\n# Reports delayed\n\nReport e-mails were queued and sent late.\n"
    )
    assert iso(value, "start") == "2021-04-12T08:00:00+02:00"
    assert value.duration() == (720, "milestones")


def test_each_time_in_a_sentence_takes_the_milestone_of_its_own_clause() -> None:
    value = facts(
        "# Cache outage\n\n## Summary\n\nOn 2022-05-03 at 09:05 UTC a config push broke the "
        "cache. Engineers were alerted by monitoring at 09:21 UTC and rolled back the change at "
        "10:55 UTC, which mitigated the issue.\n"
    )
    assert iso(value, "detected") == "2022-05-03T09:21:00+00:00"
    assert iso(value, "mitigated") == "2022-05-03T10:55:00+00:00"


def test_a_time_alone_after_a_window_over_midnight_stays_inside_the_window() -> None:
    value = facts(
        "# Queue stall\n\n## Summary\n\nBetween 13:40 UTC on 14 March 2023 and 02:15 UTC on "
        "15 March 2023 jobs were stuck. The issue was detected by monitoring at 13:52 UTC.\n"
    )
    assert iso(value, "detected") == "2023-03-14T13:52:00+00:00"
    assert iso(value, "resolved") == "2023-03-15T02:15:00+00:00"


# 9. "None." is no action item; "What we're changing" lists action items -------------------


def test_none_under_action_items_is_no_item_and_forward_looking_headings_are_action_items(
    tmp_path: Path,
) -> None:
    none = tmp_path / "none.md"
    none.write_text(
        "# X\n\n## Action items\n\nNone — the change was reverted and nothing further is "
        "planned.\n",
        encoding="utf-8",
    )
    changing = tmp_path / "changing.md"
    changing.write_text(
        "# X\n\n## What we're changing\n\n- Add a canary stage to the deploy pipeline "
        "(owner: @rita, OPS-12)\n\n## Looking forward\n\n- Alert on replica lag above "
        "30 seconds (owner: @sam, OPS-13)\n",
        encoding="utf-8",
    )
    payload = json.loads(invoke("analyze", "--format", "json", str(none), str(changing)).stdout)
    totals = {Path(d["path"]).name: d["action_items"]["total"] for d in payload["documents"]}
    assert totals == {"none.md": 0, "changing.md": 2}
    _, report = check_json("--select", "PM404", str(none), str(changing))
    flagged = {Path(f["path"]).name for f in report["files"] if f["diagnostics"]}
    assert flagged == {"none.md"}


# 2 and 3, told as a reader tells them ------------------------------------------------------

UNINTENDED = """# Invoice archive wiped

## Timeline

**Date**: 2022-11-08
**Timezone**: CET

| Time | Event |
| --- | --- |
| 06:00 | Storage team drafts the cleanup script for the old invoice buckets |
| 08:30 | Script reviewed by a second engineer |
| 09:10 | A test run of the script inadvertently targets the live invoice bucket |
| 09:20 | Customers write to support that invoices are gone |
| 09:45 | Bucket restored from the nightly snapshot, invoices available again |
| 10:05 | All invoices verified operational |
"""


def test_a_timezone_field_sets_the_zone_and_an_unintended_change_is_the_start() -> None:
    value = facts(UNINTENDED)
    assert value.timezone == "CET"
    assert iso(value, "start") == "2022-11-08T09:10:00+01:00"
    assert iso(value, "resolved") == "2022-11-08T10:05:00+01:00"


RECOVERY_STEP = """# Nodes removed

## Timeline

All times in UTC.

- 2021-02-03 01:10 an operator deleted every worker node of the cluster by mistake
- 2021-02-03 01:14 replacement instances requested
- 2021-02-03 01:40 new nodes joined, deployments up and running again
- 2021-02-03 01:45 two daemon sets still not operational, pods could not be placed
- 2021-02-03 02:10 all systems verified operational
"""


def test_a_change_that_brings_things_back_is_not_the_trigger() -> None:
    value = facts(RECOVERY_STEP)
    assert iso(value, "start") == "2021-02-03T01:10:00+00:00"
    assert iso(value, "mitigated") == "2021-02-03T01:40:00+00:00"
    assert value.duration() == (60, "milestones")


def test_without_a_timeline_the_first_symptom_told_is_the_start() -> None:
    value = facts(
        "# Feed outage\n\nOn 2023-03-14 the feed reader was down for most of the day after a "
        "bad locale setting. The setting had been failing quietly since 2023-03-09, when an "
        "unattended upgrade changed it, but nothing broke until the restart.\n"
    )
    start = value.milestones["start"]
    assert start is not None and start.when is not None
    assert start.when.date().isoformat() == "2023-03-14"


SELF_HEALED = """# Builds failing

## Timeline

All times in CEST

### 2021-09-14 08:02

Build success rate drops to 0%.

### 2021-09-14 08:31

The scheduler restarts itself and builds return to normal.

### 2021-09-14 13:10

Dip in the build graph noticed on the dashboard, investigation started.
"""


def test_a_recovery_before_anyone_noticed_is_the_mitigation() -> None:
    value = facts(SELF_HEALED)
    assert iso(value, "start") == "2021-09-14T08:02:00+02:00"
    assert iso(value, "detected") == "2021-09-14T13:10:00+02:00"
    assert iso(value, "mitigated") == "2021-09-14T08:31:00+02:00"


def test_an_ordinal_month_day_keeps_its_year_and_dates_a_range() -> None:
    value = facts(
        "# X\n\n## Impact\n\nOn March 3rd, 2021 from 11:20 to 11:32 PST, logins failed.\n"
    )
    assert iso(value, "start") == "2021-03-03T11:20:00-08:00"
    assert iso(value, "resolved") == "2021-03-03T11:32:00-08:00"
    assert value.duration() == (12, "range")


def test_a_time_column_beside_a_date_column_is_the_entrys_time() -> None:
    value = facts(
        "# X\n\n## Timeline\n\n| Date | Time (UTC) | Event |\n|---|---|---|\n"
        "| 2022-04-11 | 07:15 | config push, image uploads start failing |\n"
        "| 2022-04-11 | 07:22 | alert fired for the upload error rate |\n"
        "| 2022-04-11 | 07:48 | push rolled back, uploads restored |\n"
        "| 2022-04-11 | 08:05 | all clear |\n"
    )
    assert iso(value, "start") == "2022-04-11T07:15:00+00:00"
    assert iso(value, "detected") == "2022-04-11T07:22:00+00:00"
    assert iso(value, "mitigated") == "2022-04-11T07:48:00+00:00"
    assert iso(value, "resolved") == "2022-04-11T08:05:00+00:00"


REMEDY_LANDS = """# Search returning stale results

## Timeline

All times UTC.

- 2024-05-20 16:02 index rebuild job switched the alias to an empty index, searches return nothing
- 2024-05-20 16:20 a customer ticket reports empty search pages
- 2024-05-20 16:35 alias switch back started
- 2024-05-20 16:41 alias switch back performed by the pipeline
- 2024-05-20 16:44 search results back to normal
- 2024-05-20 17:30 incident closed
"""


def test_the_remedy_that_lands_just_before_things_work_again_is_the_mitigation() -> None:
    value = facts(REMEDY_LANDS)
    assert iso(value, "detected") == "2024-05-20T16:20:00+00:00"
    assert iso(value, "mitigated") == "2024-05-20T16:41:00+00:00"
    assert iso(value, "resolved") == "2024-05-20T17:30:00+00:00"


def test_a_section_of_timed_entries_is_a_timeline_whatever_its_title() -> None:
    value = facts(
        "# Checkout outage\n\n## Summary\n\nCheckout failed for an hour.\n\n## What happened\n\n"
        "- 2023-04-02 14:00 UTC v9 of the cart service deployed\n"
        "- 2023-04-02 14:05 UTC checkout requests start failing with 502s\n"
        "- 2023-04-02 14:20 UTC pager alert for the checkout error rate\n"
        "- 2023-04-02 15:25 UTC rollback finished, checkout recovered\n"
    )
    assert len(value.events) == 4
    assert iso(value, "start") == "2023-04-02T14:00:00+00:00"
    assert iso(value, "detected") == "2023-04-02T14:20:00+00:00"
    assert iso(value, "mitigated") == "2023-04-02T15:25:00+00:00"


def test_times_out_of_order_are_not_a_timeline() -> None:
    value = facts(
        "# Build failures\n\n## Summary\n\nNightly builds failed.\n\n## Failed runs\n\n"
        "- 2022-04-05 09:10 run 118 failed on the arm64 runner\n"
        "- 2022-04-04 22:40 run 117 failed on the arm64 runner\n"
        "- 2022-04-04 13:05 run 116 failed on the arm64 runner\n"
    )
    assert value.events == []


@pytest.mark.parametrize(
    ("declaration", "offset"),
    [
        ("Times below are in CEST.", "+02:00"),
        ("All timestamps are UTC.", "+00:00"),
        ("All times mentioned are in IST.", "+05:30"),
        ("Time zone used: UTC", "+00:00"),
        ("*All times are in US Pacific time*", "-07:00"),
    ],
)
def test_a_zone_declared_in_other_words_carries_to_the_timeline(
    declaration: str, offset: str
) -> None:
    value = facts(
        f"# X\n\n## Timeline\n\n{declaration}\n\n- 2023-04-02 14:00 cache node lost, errors\n"
        "- 2023-04-02 14:20 pager alert\n- 2023-04-02 15:25 node replaced, errors back to normal\n"
    )
    assert iso(value, "start") == f"2023-04-02T14:00:00{offset}"


def test_gulf_standard_time_is_four_hours_ahead_of_utc() -> None:
    """3. "GST", as teams in the Gulf write their clock, is UTC+04, in a stamp and carried
    from the day's heading to the entries under it."""
    value = facts(
        "# Indexer halt\n\n## Timeline\n\n**3rd March:**\n16:05 GST: the indexer halts at "
        "height 5521; queries fail\n16:12 GST: a user reports failing queries\n"
        "18:40 GST: indexer restarted, queries back to normal\n"
    )
    assert (iso(value, "start") or "").endswith("T16:05:00+04:00")
    assert (iso(value, "resolved") or "").endswith("T18:40:00+04:00")


def test_the_incident_date_field_with_a_time_is_the_start() -> None:
    """1 and 2. A field that gives the incident's date and time ("Date of incident: ...,
    07:52 UTC") states the start, before a timeline whose first entry is lead-up on a test
    system."""
    value = facts(
        "# Ledger halt\n\n**Date of incident:** Tuesday 4th June 2024, 08:10 UTC\n\n"
        "**Status:** Resolved\n\n## Timeline\n\n**3rd June 2024:**\n\n15:20 UTC: A tester "
        "flags that the staging ledger halted.\n\n**4th June 2024:**\n\n08:10 UTC: The "
        "production ledger halts; writes fail.\n\n08:20 UTC: Ledger nodes restarted; writes "
        "succeed again.\n"
    )
    assert iso(value, "start") == "2024-06-04T08:10:00+00:00"
    assert value.provenance["start"] == "field"


def test_start_and_end_date_fields_keep_their_days() -> None:
    """4. "Start date" and "End date" fields with a day alone still date the start and the
    end: only a field of the incident's date is the day and not the start."""
    value = facts(
        "# Disk full\n\n**Start date:** 2024-05-02\n**End date:** 2024-05-03\n\n## Summary\n\n"
        "The disk filled up and uploads failed.\n"
    )
    assert (iso(value, "start"), iso(value, "resolved")) == (
        "2024-05-02T00:00:00",
        "2024-05-03T00:00:00",
    )


def test_no_detection_before_the_start_a_field_states() -> None:
    """7. A detection read from a timeline entry before the start the document's field
    states (a test system's failure flagged the day before) is of something else: the
    detection is read from the entries from the start on."""
    value = facts(
        "# Ledger halt\n\n**Date of incident:** Tuesday 4th June 2024, 08:10 UTC\n\n"
        "## Timeline\n\n**3rd June 2024:**\n\n15:20 UTC: A tester flagged an issue: the "
        "staging ledger halted.\n\n**4th June 2024:**\n\n08:10 UTC: The production ledger "
        "halts; writes fail.\n\n08:14 UTC: An operator reports failing writes.\n\n08:20 UTC: "
        "Ledger nodes restarted; writes succeed again.\n"
    )
    assert iso(value, "detected") == "2024-06-04T08:14:00+00:00"


def test_the_incident_date_field_without_a_time_is_only_the_day() -> None:
    """2 and 4. "Date of incident: 4th June 2024." gives the day; the timeline's first
    symptom on it is the start."""
    value = facts(
        "# Ledger halt\n\n**Date of incident:** 4th June 2024.\n\n## Timeline\n\n"
        "08:10 UTC: The production ledger halts; writes fail.\n\n"
        "08:20 UTC: Ledger nodes restarted; writes succeed again.\n"
    )
    assert iso(value, "start") == "2024-06-04T08:10:00+00:00"


def test_time_as_a_common_noun_declares_no_zone() -> None:
    value = facts(
        "# X\n\n## Summary\n\nResponse time is central to the checkout SLO.\n\n## Timeline\n\n"
        "- 2023-04-02 14:00 cache node lost, errors\n"
    )
    assert value.timezone is None


DAY_ENTRIES = """# Unsigned release

## Timeline

- **May 2, 2024**: The 4.1.0 release is published.
- **May 8, 2024**: A release engineer prepares the 4.1.1 release.
- **May 9, 2024**: The 4.1.1 release is published with unsigned binaries.
- **May 10, 2024**: A user report about signature errors is triaged.
- **May 10, 2024**: Reverting the release is proposed.
- **May 10, 2024**: 4.1.2 is published, replacing 4.1.1.
"""


def test_entries_with_days_and_no_times_look_back_a_day_for_the_trigger() -> None:
    value = facts(DAY_ENTRIES)
    start = value.milestones["start"]
    assert start is not None and start.when is not None
    assert start.when.date().isoformat() == "2024-05-09"


def test_a_change_the_summary_dates_is_the_start_without_a_timeline() -> None:
    value = facts(
        "# Mirror outage\n\nOn 2022-09-14 at 11:05 UTC we deployed a new proxy configuration "
        "for the package mirror. Downloads could not connect for a while, and by 11:40 UTC "
        "traffic had returned to normal.\n"
    )
    assert iso(value, "start") == "2022-09-14T11:05:00+00:00"
    assert iso(value, "resolved") == "2022-09-14T11:40:00+00:00"
    assert value.duration() == (35, "milestones")


def test_a_time_then_its_day_after_a_comma_is_on_that_day() -> None:
    value = facts(
        "# X\n\n## Timeline\n\n### 14:00 UTC, 2023-04-02 — Deploy\n\nDeploy of v9, checkout "
        "errors.\n\n### 14:20 UTC — Alert\n\nPager alert.\n\n### 15:25 UTC — Recovery\n\n"
        "Rollback finished, checkout recovered.\n"
    )
    assert iso(value, "start") == "2023-04-02T14:00:00+00:00"
    assert value.duration() == (85, "milestones")


def test_a_time_before_any_day_takes_the_day_the_timeline_gives_next() -> None:
    """4. Dates: "14:00" with no day, then entries of 2023-04-02: the first time is on that
    day too, as a reader takes it (not 53 years before it, on a stand-in day)."""
    value = facts(
        "# X\n\n## Timeline\n\n- 14:00 UTC deploy of v9, checkout errors\n"
        "- 2023-04-02 14:20 UTC pager alert\n- 2023-04-02 15:25 UTC rollback finished, "
        "checkout recovered\n"
    )
    assert iso(value, "start") == "2023-04-02T14:00:00+00:00"
    assert value.duration() == (85, "milestones")


def test_a_day_told_after_an_undated_timeline_is_its_day() -> None:
    """4. Dates: a timeline of bare times, the day only in the summary written after it."""
    value = facts(
        "# Portal outage\n\n## Timeline\n\nAll times ET.\n\n* 9:12 - forms stop submitting\n"
        "* 9:20 - alert in #oncall\n* 10:40 - service restarted, forms work again\n\n"
        "## Summary\n\nOn Monday, May 3rd 2021 forms could not be submitted.\n"
    )
    assert iso(value, "start") == "2021-05-03T09:12:00-04:00"
    assert iso(value, "mitigated") == "2021-05-03T10:40:00-04:00"


def test_a_day_in_an_action_item_does_not_date_the_timeline() -> None:
    value = facts(
        "# Portal outage\n\n## Timeline\n\n* 9:12 - forms stop submitting\n"
        "* 9:20 - alert in #oncall\n* 10:40 - service restarted, forms work again\n\n"
        "## Action items\n\n- Add a synthetic check (due 2021-06-30)\n"
    )
    moment = value.milestones["start"]
    assert moment is not None and not moment.day_known


QUIET_ENDING = """# Worker queue stuck

## Timeline

All times UTC.

- 2023-10-03 07:40 queue consumers stop acknowledging messages, jobs pile up
- 2023-10-03 08:05 on-call paged by the queue depth alert
- 2023-10-03 08:30 consumer pods drained and replaced one by one
- 2023-10-03 09:10 last consumer replaced
- 2023-10-04 10:00 postmortem review held
"""


def test_a_timeline_that_never_says_it_is_over_ends_with_its_last_fix() -> None:
    value = facts(QUIET_ENDING)
    assert iso(value, "start") == "2023-10-03T07:40:00+00:00"
    # the last remedy the story tells, not the postmortem review the next day, stopped it
    assert iso(value, "mitigated") == "2023-10-03T09:10:00+00:00"
    assert value.provenance["resolved"] == "inferred"
    assert value.duration() == (90, "milestones")


def test_a_timeline_that_never_says_it_is_over_runs_to_its_last_entry() -> None:
    told = QUIET_ENDING.replace("last consumer replaced", "consumer logs read")
    value = facts(told.replace("drained and replaced", "inspected"))
    # no resolution is stated; the mitigation is inferred at the last entry, the last thing
    # done (a guess, marked as one), and the duration runs to it
    assert value.milestones["resolved"] is None
    assert iso(value, "mitigated") == "2023-10-03T09:10:00+00:00"
    assert value.provenance["mitigated"] == "inferred"
    assert value.provenance[MITIGATION_AT_STORY_END]
    end = value.story_end  # the postmortem review the next day is after the incident
    assert end is not None and end.when is not None
    assert end.when.isoformat() == "2023-10-03T09:10:00+00:00"
    assert value.duration() == (90, "inferred")


# The mitigation told in words the remedy lists do not hold (another language, a halt, a build
# "much more stable"): the timeline's last entry, after the start and the detection, is it.
UNWORDED_ENDINGS = [
    "11:52 - Omstart av tjenesten ferdig, alt normalt",
    "11:52 - Team pauses the vault (`paused = true` set on chain)",
    "11:52 - Nightly builds much more stable after the patches",
]


@pytest.mark.parametrize("ending", UNWORDED_ENDINGS)
def test_an_unworded_last_entry_is_the_inferred_mitigation(ending: str) -> None:
    text = (
        "# Vault outage\n\nAll times UTC, 2024-02-11.\n\n## Timeline\n\n"
        "- 10:05 - deposits begin to revert\n- 10:20 - on-call paged by the revert alert\n"
        f"- 11:10 - cause traced to the price feed\n- {ending}\n"
    )
    value = facts(text)
    assert iso(value, "start") == "2024-02-11T10:05:00+00:00"
    assert iso(value, "mitigated") == "2024-02-11T11:52:00+00:00"
    assert value.milestones["resolved"] is None  # no end is told: none inferred
    assert value.minutes_between("start", "mitigated") == 107
    assert value.duration() == (107, "inferred")
    # PM105 still reports that no entry marks the mitigation: the document never says it
    _, payload = check_json("--select", "PM105", "-", stdin=text.encode())
    found = payload["files"][0]["diagnostics"]
    assert [d["rule"] for d in found] == ["PM105"] and "mitigation" in found[0]["message"]


def test_a_told_mitigation_is_not_moved_to_the_last_entry() -> None:
    text = (
        "# Vault outage\n\nAll times UTC, 2024-02-11.\n\n## Timeline\n\n"
        "- 10:05 - deposits begin to revert\n- 10:20 - on-call paged by the revert alert\n"
        "- 11:10 - feed rolled back, deposits work again\n- 11:52 - cause traced to the feed\n"
    )
    value = facts(text)
    assert iso(value, "mitigated") == "2024-02-11T11:10:00+00:00"
    assert value.provenance["mitigated"] == "timeline"
    assert MITIGATION_AT_STORY_END not in value.provenance


def test_a_tail_long_after_the_rest_is_not_the_end() -> None:
    text = QUIET_ENDING.replace("- 2023-10-04 10:00 postmortem review held\n", "").replace(
        "2023-10-03 09:10 last consumer replaced", "2023-10-05 09:10 last consumer replaced"
    )
    value = facts(text)
    assert value.story_end is None and value.duration() is None


ROLLS_OVER_WITH_NO_DAY = """\
# Queue database outage

## Leadup

- **23:36 UTC:** the importer opens connections to the queue database
- **23:41 UTC:** the team is alerted that the connection limit is reached
- **23:51 UTC:** a status page incident is opened
- **00:04 UTC:** the database node is recycled
- **00:22 UTC:** the node is healthy and the importer drains its backlog
"""


def test_times_past_midnight_stay_in_order_when_no_day_is_given() -> None:
    """4. Dates: "23:51" then "00:04" with no date anywhere is the next day, as it is when a
    date is known: no out-of-order finding, and minutes across midnight."""
    value = facts(ROLLS_OVER_WITH_NO_DAY)
    times = [m.when for m in value.moments if m.when is not None]
    assert times == sorted(times)
    assert value.minutes_between("start", "detected") == 5
    _, payload = check_json("--select", "PM103", "-", stdin=ROLLS_OVER_WITH_NO_DAY.encode())
    assert payload["files"][0]["diagnostics"] == []


# Step 1 of the held-out round: sentences, clauses, fields, fixes --------------------------------


def test_a_hard_wrapped_sentence_is_one_sentence() -> None:
    """Grammar: a paragraph wrapped at 72 columns is still one sentence per sentence, and the
    stop of "Oct." does not end one: the words on the next line tell what the time marks."""
    value = facts(
        "# Mirror outage\n\n"
        "On Oct. 3, 2022 at 07:10 UTC we rotated the signing key of the package\n"
        "mirror. Downloads then failed for everyone until 07:50 UTC, when they had\n"
        "returned to normal.\n"
    )
    by_time = {m.stamp.text: m for m in value.moments if m.has_time}
    assert "resolved" in by_time["07:50 UTC"].kinds
    assert "resolved" not in by_time["Oct. 3, 2022 at 07:10 UTC"].kinds
    assert iso(value, "resolved") == "2022-10-03T07:50:00+00:00"


@pytest.mark.parametrize(
    ("section", "line"),
    [
        ("## Stats\n\n", "- Time to recovery: 95 minutes\n"),
        (
            "## Timeline\n\n",
            "It took 1 hour and 35 minutes from the beginning of the incident until the fix.\n",
        ),
    ],
)
def test_a_duration_field_or_span_from_the_start_counts_outside_the_summary(
    section: str, line: str
) -> None:
    value = facts(f"# Index lag\n\n## Summary\n\nThe index lagged.\n\n{section}{line}")
    assert [d.minutes for d in value.durations] == [95]


def test_a_lesson_about_durations_is_not_the_incidents() -> None:
    value = facts(
        "# Index lag\n\n## Lessons learned\n\n- Time to recovery: 95 minutes is too long for us.\n"
    )
    assert value.durations == []


FIX_LANDS = """\
# Registry sync bug

## Timeline

- 2021-06-01 10:00 UTC: a publisher uploads three packages; the sync job drops them
- 2021-06-01 10:20 UTC: a maintainer notices the missing packages in the support inbox
- 2021-06-01 10:24 UTC: Dana got back to the reporter to say we are looking into it
- 2021-06-01 10:40 UTC: dropped entries removed, uploads work again
- 2021-06-01 11:30 UTC: fix deployed to production
- 2021-06-02 09:00 UTC: last affected publisher asked to upload again
"""


def test_a_reply_is_not_a_recovery_and_a_fix_that_lands_after_it_closes_the_incident() -> None:
    """5. "got back to the reporter" is a reply, not things coming back; after the impact
    stopped, the fix deployed is the resolution (not a tail the next day)."""
    value = facts(FIX_LANDS)
    assert iso(value, "mitigated") == "2021-06-01T10:40:00+00:00"
    assert iso(value, "resolved") == "2021-06-01T11:30:00+00:00"


def test_a_published_release_that_fixes_it_is_the_mitigation() -> None:
    value = facts(
        "# Unsigned release\n\n## Timeline\n\n"
        "- **Mar 3, 2024**: Version 4.1.0 is published without signatures.\n"
        "- **Mar 4, 2024**: A user reports that installs fail signature checks.\n"
        "- **Mar 5, 2024**: Version 4.1.1 is published, fixing 4.1.0.\n"
    )
    assert iso(value, "mitigated") == "2024-03-05T00:00:00"


def test_a_report_that_all_is_fine_is_not_a_detection() -> None:
    value = facts(
        "# Login redirects\n\n## Timeline\n\nAll times in UTC.\n\n"
        "| Time | Event |\n| --- | --- |\n"
        "| 2022-02-09 08:00 | Load balancer switched to the new proxy |\n"
        "| 2022-02-09 08:20 | Smoke tests look fine, and this is reported in chat |\n"
        "| 2022-02-09 09:05 | A developer reports redirect loops on login |\n"
        "| 2022-02-09 09:30 | Rollback performed |\n"
        "| 2022-02-09 09:31 | Service operational |\n"
    )
    assert iso(value, "detected") == "2022-02-09T09:05:00+00:00"
    assert iso(value, "mitigated") == "2022-02-09T09:30:00+00:00"


def test_the_change_that_started_it_is_not_the_remedy_and_a_heading_over_entries_is_one() -> None:
    """A heading with a time over entries with their own times is a group, not an entry that
    tells all of them; the deploy that broke things at the start is no remedy."""
    value = facts(
        "# Grey screen\n\n## 2019-04-02 16:55 -0500\n\n"
        "- 16:55 - deployed build 41\n\n- 17:05 - alerts on the error rate of the web UI\n\n"
        "- 17:12 - reverted to build 40\n\n- 17:20 - web UI back to normal\n"
    )
    assert iso(value, "start") == "2019-04-02T16:55:00-05:00"
    assert iso(value, "detected") == "2019-04-02T17:05:00-05:00"
    assert iso(value, "mitigated") == "2019-04-02T17:12:00-05:00"


# Step 2: documents told as prose, by the day ---------------------------------------------------


def test_the_day_a_change_is_told_in_the_first_section_is_the_start() -> None:
    """2 and 4. With no summary and no timeline, the first section tells what happened on which
    day, whatever its title; a dated change told later, in background, is not the start."""
    value = facts(
        "# Release retro\n\n## What we saw\n\n"
        "On Tuesday, March 8th, 2022, we released version 7.2 to all tenants. Soon after,\n"
        "tenants could not log in.\n\n## Details\n\n"
        "The login library was last upgraded on 2022-01-12, without trouble.\n"
    )
    assert iso(value, "start") == "2022-03-08T00:00:00"
    assert value.provenance["start"] == "prose"


def test_the_write_up_is_not_the_change() -> None:
    value = facts("# Release retro\n\nThis post was published on 2022-03-20 after the review.\n")
    assert iso(value, "start") is None


def test_without_any_start_the_detection_bounds_it_and_gives_no_duration() -> None:
    value = facts(
        "# Export bug\n\n## Summary\n\nOn 2019-07-24 at 14:10 UTC a user reported that the data\n"
        "export held other users' messages. We resolved it at 16:40 UTC.\n"
    )
    assert iso(value, "detected") == "2019-07-24T14:10:00+00:00"
    assert iso(value, "start") == "2019-07-24T14:10:00+00:00"
    assert value.provenance["start"] == "inferred"
    assert value.duration() is None


# Step 3: the grammar of ranges and labels ------------------------------------------------------


@pytest.mark.parametrize(
    ("summary", "start", "end"),
    [
        (
            "Uploads failed from 14:10 UTC on June 3 to 02:00 UTC on June 4, 2023.",
            "2023-06-03T14:10:00+00:00",
            "2023-06-04T02:00:00+00:00",
        ),
        (
            "Uploads failed from 14:10 to 16:45 UTC (2023-06-03).",
            "2023-06-03T14:10:00+00:00",
            "2023-06-03T16:45:00+00:00",
        ),
        (
            "The outage started at 14:10 UTC on 2023-06-03 and lasted until 16:45 UTC.",
            "2023-06-03T14:10:00+00:00",
            "2023-06-03T16:45:00+00:00",
        ),
        (
            "Uploads failed on 2023-06-03 between 14:10 and 16:45 Pacific Time.",
            "2023-06-03T14:10:00-07:00",
            "2023-06-03T16:45:00-07:00",
        ),
    ],
)
def test_more_shapes_of_a_range(summary: str, start: str, end: str) -> None:
    """1 and 4. A yearless day takes the year of the next full date; a date in parentheses
    after a range, "and lasted until", and a zone in words all make the window."""
    value = facts(f"# Upload outage\n\n## Summary\n\n{summary}\n")
    assert (iso(value, "start"), iso(value, "resolved")) == (start, end)
    assert value.provenance["start"] == "range"


@pytest.mark.parametrize(
    "summary",
    [
        "Ledger writes stalled on 2023-06-03 between 14:10 UTC (batch #88213) and 16:45 UTC.",
        "Ledger writes stalled on 2023-06-03 from ~14:10 (perhaps earlier) to 16:45 UTC.",
        "Ledger writes stalled on 2023-06-03 between 14.10UTC (batch #88213) and 16.45UTC.",
    ],
)
def test_an_aside_after_the_first_end_keeps_the_window(summary: str) -> None:
    """1. An aside in parentheses between a range's ends ("(block #123)", "(maybe
    before)") does not break the range."""
    value = facts(f"# Ledger stall\n\n## Summary\n\n{summary}\n")
    assert (iso(value, "start"), iso(value, "resolved")) == (
        "2023-06-03T14:10:00+00:00",
        "2023-06-03T16:45:00+00:00",
    )
    assert value.provenance["start"] == "range"


def test_two_ends_are_not_a_window() -> None:
    value = facts(
        "# Upload outage\n\n## Summary\n\nAt 14:10 UTC on 2023-06-03, uploads began failing. "
        "The issue was mitigated at 16:20 UTC and resolved at 16:45 UTC.\n"
    )
    assert iso(value, "start") == "2023-06-03T14:10:00+00:00"
    assert iso(value, "mitigated") == "2023-06-03T16:20:00+00:00"
    assert iso(value, "resolved") == "2023-06-03T16:45:00+00:00"


def test_failed_for_states_a_duration() -> None:
    assert [s.minutes for s in stated_durations("Uploads failed for 2 hours and 35 minutes.")] == [
        155
    ]


def test_a_field_label_may_end_with_a_dash() -> None:
    value = facts(
        "# Checkout outage\n\n## Timeline\n\nAll times UTC, 2023-06-03.\n\n"
        "- **Start of impact – 14:02**: deploy of v2 to production\n"
        "- **Detection – 14:05**: error rate alerts fire\n"
        "- **Mitigation – 14:30**: rolled back\n- **Resolution – 15:00**: incident closed\n"
    )
    assert iso(value, "start") == "2023-06-03T14:02:00+00:00"
    assert value.provenance["start"] == "field"
    assert value.duration() == (58, "milestones")


def test_a_fixed_version_released_in_prose_is_the_mitigation() -> None:
    """5. Told as prose by the day: the report is the detection, the new version issued after
    it the mitigation, even in a sentence that also tells the rollout beginning."""
    value = facts(
        "# Key handling flaw\n\nOn March 2nd 2023, we received a report from a member that "
        "the key check could be skipped. We investigated and issued a new version on March 3rd "
        "as version 4.2.0 and began rolling it out.\n"
    )
    assert iso(value, "detected") == "2023-03-02T00:00:00"
    assert iso(value, "mitigated") == "2023-03-03T00:00:00"


def test_the_latest_version_released_with_the_bug_removed_is_a_fix() -> None:
    value = facts(
        "# Extension bug\n\nThe latest version (23.4.1.1200) was released on 2023-04-01 with "
        "the bug removed.\n"
    )
    assert iso(value, "mitigated") == "2023-04-01T00:00:00"


def test_a_start_told_inside_a_later_entry_is_the_start() -> None:
    """2. "09:15 engineer confirms elevated 502s since 08:50": the reader learns the start after
    the first entry; a time inside an entry after the start says nothing of it."""
    value = facts(
        "# API errors\n\n## Timeline\n\nAll times UTC, 2023-06-03.\n\n"
        "- 09:12 customer reports 502s on the API\n"
        "- 09:15 engineer confirms elevated 502s since 08:50\n"
        "- 09:40 bad node drained and replaced (it had been failing since 09:30), errors stop\n"
        "- 10:00 incident resolved\n"
    )
    assert iso(value, "start") == "2023-06-03T08:50:00+00:00"
    assert iso(value, "detected") == "2023-06-03T09:12:00+00:00"
    assert value.duration() == (70, "milestones")


# Step 4: zones and dates a heading or a column states -----------------------------------------


@pytest.mark.parametrize(
    ("heading", "table"),
    [
        ("## Timeline in UTC\n\n", ""),
        ("## Timeline\n\n", "| Time, UTC | Event |\n|---|---|\n"),
    ],
)
def test_a_zone_at_the_end_of_a_heading_or_column_header_carries(heading: str, table: str) -> None:
    """3. "Timeline in UTC", "Time, UTC": the zone of every entry below."""
    rows = ["2023-06-03 14:02 | v2 deployed, errors begin", "2023-06-03 14:30 | rolled back"]
    if table:
        body = table + "".join(f"| {r} |\n" for r in rows)
    else:
        body = "".join(f"- {r.replace(' |', '')}\n" for r in rows)
    value = facts(f"# Outage\n\n{heading}{body}")
    assert iso(value, "start") == "2023-06-03T14:02:00+00:00"
    assert value.timezone == "UTC"


def test_dashed_numeric_dates_are_day_first_unless_the_document_shows_otherwise() -> None:
    """4. "03-06-2023" over the entries of a timeline is the 3rd of June, as DD-MM-YYYY writers
    mean it; "06-30-2023" elsewhere in the document makes its dashed dates month first."""
    body = (
        "## Timeline (UTC)\n\n### 03-06-2023\n\n- 14:02 deploy of v2, errors begin\n"
        "- 14:05 alert fires\n\n### 04-06-2023\n\n- 01:30 rolled back, errors stop\n"
    )
    value = facts(f"# Outage\n\n{body}")
    assert iso(value, "start") == "2023-06-03T14:02:00+00:00"
    assert iso(value, "mitigated") == "2023-06-04T01:30:00+00:00"
    us = facts(f"# Outage\n\nReported on 06-30-2023.\n\n{body}")
    assert iso(us, "start") == "2023-03-06T14:02:00+00:00"


def test_a_two_entry_timeline_of_a_problem_and_its_remedy_gives_a_duration() -> None:
    """6 and 7. "13:50 the node starts failing", two days later "service restarted, memory
    freed": the remedy the story ends with stopped it, though no entry says so (a reader's
    mitigation and resolution); two entries of which the second is no remedy tell nothing."""
    rows = "| 2021-03-01 13:50 | Node starts rejecting writes |\n"
    value = facts(
        "# Disk pressure\n\n## Timeline\n\nAll times in CET.\n\n| Time | Event |\n|---|---|\n"
        + rows
        + "| 2021-03-03 10:40 | Daemon restarted, freeing the inodes |\n"
    )
    assert value.duration() == (2690, "milestones")
    assert iso(value, "resolved") == "2021-03-03T10:40:00+01:00"
    assert value.provenance["resolved"] == "inferred"
    other = facts(
        "# Disk pressure\n\n## Timeline\n\nAll times in CET.\n\n| Time | Event |\n|---|---|\n"
        + rows
        + "| 2021-03-03 10:40 | Team looks at the graphs |\n"
    )
    assert other.duration() is None


def test_a_time_set_in_code_is_a_time_but_a_log_line_in_code_is_not() -> None:
    """Grammar: "rolled out on `Sep. 9 around 14:00 UTC`" writes a time in code; "`12:01:07
    ERROR pool exhausted`" quotes a log, whose time is not the story's."""
    value = facts(
        "# Ledger stall 2021-09-09\n\n## Summary\n\n"
        "- v5.3 was rolled out on `Sep. 9 around 14:00 UTC` at block `884120`\n"
        "- The log showed `11:58:07 ERROR state mismatch` on every node\n"
        "- v5.4 was rolled out and writes resumed around `15:25 UTC` on Sep. 10\n"
    )
    assert iso(value, "start") == "2021-09-09T14:00:00+00:00"
    assert iso(value, "resolved") == "2021-09-10T15:25:00+00:00"
    assert all(m.stamp.time != dt.time(11, 58, 7) for m in value.moments)


@pytest.mark.parametrize(
    "closing", ["The incident ended at 16:45 UTC.", "We gave the all clear at 16:45 UTC."]
)
def test_an_explicit_end_told_in_prose_is_the_resolution(closing: str) -> None:
    """5. "ended at", "all clear": the author's marks count in the summary's prose as they do
    on a timeline entry."""
    value = facts(
        f"# Login outage\n\n## Summary\n\nErrors began at 14:02 UTC on 2023-06-03. {closing}\n"
    )
    assert iso(value, "resolved") == "2023-06-03T16:45:00+00:00"
    assert value.duration() == (163, "milestones")


def test_an_entry_told_in_the_list_nested_under_its_time() -> None:
    """Timeline model: "- 14:02" with what happened in the items nested under it."""
    value = facts(
        "# Login outage\n\n## Timeline (UTC)\n\n"
        "- 2023-06-03 14:02\n  - v2 deployed; logins start failing\n"
        "- 2023-06-03 14:05\n  - alert fires, on-call paged\n"
        "- 2023-06-03 14:30\n  - rolled back; logins work again\n"
        "- 2023-06-03 15:00\n  - incident resolved\n"
    )
    assert iso(value, "detected") == "2023-06-03T14:05:00+00:00"
    assert iso(value, "mitigated") == "2023-06-03T14:30:00+00:00"
    assert iso(value, "resolved") == "2023-06-03T15:00:00+00:00"


def test_a_mitigation_read_after_the_stated_end_gives_way() -> None:
    """7. The summary states the window; a revert the timeline tells after its end is follow-up
    work, not the mitigation: the impact had stopped by the stated end."""
    value = facts(
        "# Worker hang\n\n## Summary\n\n- 2023-06-03 22:20 EDT to 2023-06-04 00:05 EDT: "
        "workers hung on one remote fetch.\n\n## Timeline\n\n"
        "- 2023-06-03 22:25 EDT alert on the job queue, on-call paged\n"
        "- 2023-06-04 00:50 EDT the commit that caused it was reverted\n"
    )
    assert iso(value, "resolved") == "2023-06-04T00:05:00-04:00"
    assert iso(value, "mitigated") == "2023-06-04T00:05:00-04:00"
    assert value.provenance["mitigated"] == "inferred"


def test_the_start_told_in_prose_is_not_its_own_mitigation() -> None:
    """5. "At 16:30 we deployed a new version" is the change that broke it: the prose's
    mitigation comes after the start, here the revert."""
    value = facts(
        "# Chat outage\n\n## What happened\n\nOn 12 March 2024 at 09:10 CET we deployed a new "
        "version of the relay. Soon after, people could not post. We reverted it at 09:40 CET "
        "and posts went through normally again from 09:43 CET.\n"
    )
    assert iso(value, "start") == "2024-03-12T09:10:00+01:00"
    assert iso(value, "mitigated") == "2024-03-12T09:40:00+01:00"


def test_prose_that_tells_only_recovery_ends_at_its_last_recovery() -> None:
    """5. A document that states one end states both: with a fix and a recovery told in
    prose and no closing word, the resolution is the last recovery told (inferred)."""
    value = facts(
        "# Billing page\n\n## Summary\n\nFrom 2021-09-14 08:00 UTC the billing page failed to "
        "load. A hotfix was deployed at 08:35 UTC and the page was available again at "
        "08:38 UTC.\n"
    )
    assert iso(value, "mitigated") == "2021-09-14T08:35:00+00:00"
    assert iso(value, "resolved") == "2021-09-14T08:38:00+00:00"
    assert value.provenance["resolved"] == "inferred"
    assert value.duration() == (38, "milestones")


@pytest.mark.parametrize(
    "recovery",
    [
        "the nodes were running normally again",
        "the cluster stabilized",
        "latency was healthy",
        "error rates were at baseline",
        "traffic failed over to the standby region",
        "the site has been up since",
    ],
)
def test_a_service_told_in_a_healthy_state_is_mitigated(recovery: str) -> None:
    """5. Recovery told as a state, however the sentence is built, is the impact stopping."""
    value = facts(
        "# Edge outage\n\n## Summary\n\nOn 2022-11-07 at 04:10 UTC the edge proxies began "
        f"returning 503 errors. At 04:55 UTC {recovery}.\n"
    )
    assert iso(value, "mitigated") == "2022-11-07T04:55:00+00:00"
    assert iso(value, "resolved") == "2022-11-07T04:55:00+00:00"


@pytest.mark.parametrize(
    "state", ["the cluster was not healthy", "the cluster never stabilized", "it isn't stable"]
)
def test_a_negated_healthy_state_is_no_mitigation(state: str) -> None:
    value = facts(
        "# Edge outage\n\n## Summary\n\nOn 2022-11-07 at 04:10 UTC the edge proxies began "
        f"returning 503 errors. At 04:55 UTC {state}.\n"
    )
    assert iso(value, "mitigated") is None


@pytest.mark.parametrize(
    "closing",
    ["closing the incident", "the incident is over", "we marked the incident as resolved"],
)
def test_the_author_closing_the_incident_is_the_resolution(closing: str) -> None:
    """5. Explicit words in other shapes: the author says the incident is over."""
    value = facts(
        "# Invoices\n\n## Timeline\n\nAll times UTC on 2022-05-17.\n\n"
        "- 08:00 Deploy of the billing service.\n"
        "- 08:03 Invoices fail to render.\n"
        "- 08:10 Support escalates reports from customers.\n"
        "- 08:30 Deploy reverted; invoices render again.\n"
        f"- 08:50 Error rates flat for twenty minutes; {closing}.\n"
    )
    assert iso(value, "mitigated") == "2022-05-17T08:30:00+00:00"
    assert iso(value, "resolved") == "2022-05-17T08:50:00+00:00"


def test_a_status_page_log_of_dated_updates_newest_first() -> None:
    """3/4. "Oct 3, 2022 - 16:45 UTC" on each update: the updates are read in time order."""
    value = facts(
        "# Uploads\n\n## Updates\n\n"
        "- **Resolved** (Oct 3, 2022 - 16:45 UTC): This incident has been resolved.\n"
        "- **Monitoring** (Oct 3, 2022 - 16:10 UTC): Uploads are succeeding again; we are "
        "monitoring.\n"
        "- **Investigating** (Oct 3, 2022 - 15:32 UTC): We are investigating elevated error "
        "rates on uploads.\n"
    )
    assert iso(value, "start") == "2022-10-03T15:32:00+00:00"
    assert iso(value, "mitigated") == "2022-10-03T16:10:00+00:00"
    assert iso(value, "resolved") == "2022-10-03T16:45:00+00:00"


def test_a_sentence_that_tells_the_recovery_is_not_the_start_wherever_it_is() -> None:
    """2. A resolution section written before the impact: its "restarted at 10:40, which
    resolved the errors" is the mitigation, and the start is the time the errors began."""
    value = facts(
        "# Portal\n\n## Resolution\n\nThe service was restarted at 10:40 AM ET on May 3, 2021, "
        "which resolved the errors.\n\n## Impact\n\nStarting at 9:12 AM ET on May 3, 2021, "
        "users could not submit forms and saw errors.\n"
    )
    assert iso(value, "start") == "2021-05-03T09:12:00-04:00"
    assert iso(value, "mitigated") == "2021-05-03T10:40:00-04:00"


def test_a_window_in_the_incident_details_is_the_impact_window() -> None:
    """1. Ranges: a "Timeframe:" field among the incident's details."""
    value = facts(
        "# Portal\n\n## Incident details\n\n- Timeframe: September 16, 2021, 4:06 pm – "
        "4:38 pm ET\n- Impact: intermittent errors for all users\n"
    )
    assert iso(value, "start") == "2021-09-16T16:06:00-04:00"
    assert iso(value, "resolved") == "2021-09-16T16:38:00-04:00"


def test_the_entry_that_confirms_a_remedy_closes_the_incident() -> None:
    """5. "14:05 rolled back", "14:10 submissions succeed again": the impact stopped when the
    rollback landed, and the confirmation, with nothing after it, is the resolution."""
    value = facts(
        "# Forms\n\n## Timeline (ET)\n\n"
        "- 2020-06-16 13:23 users report that forms cannot be submitted\n"
        "- 2020-06-16 13:35 on-call engineer paged\n"
        "- 2020-06-16 14:05 the bad release is rolled back\n"
        "- 2020-06-16 14:10 submissions succeed again\n"
    )
    assert iso(value, "mitigated") == "2020-06-16T14:05:00-04:00"
    assert iso(value, "resolved") == "2020-06-16T14:10:00-04:00"


def test_a_timeline_written_as_a_code_block_is_read_as_one() -> None:
    """Timeline model: one entry a line in a code block under the timeline heading."""
    value = facts(
        "# Portal\n\n## Timeline\n\n```\n2021-05-03 09:12 ET  forms stop submitting\n"
        "2021-05-03 09:20 ET  alert in #oncall\n"
        "2021-05-03 10:40 ET  service restarted, forms work again\n```\n"
    )
    assert iso(value, "start") == "2021-05-03T09:12:00-04:00"
    assert iso(value, "detected") == "2021-05-03T09:20:00-04:00"
    assert iso(value, "mitigated") == "2021-05-03T10:40:00-04:00"
    start = value.milestones["start"]
    assert start is not None and start.line == 6


def test_a_log_excerpt_in_code_outside_the_timeline_stays_code() -> None:
    value = facts(
        "# Portal\n\n## Root cause\n\n```\n2021-05-03 09:12:01 ERROR pool exhausted\n"
        "2021-05-03 09:12:02 ERROR pool exhausted\n2021-05-03 09:12:03 ERROR pool exhausted\n"
        "```\n"
    )
    assert value.moments == [] and value.events == []


def test_a_window_told_in_days_gives_day_precision_ends() -> None:
    """1. Ranges: "between June 16 and June 18, 2020" in the impact, with no time anywhere."""
    value = facts(
        "# Form errors\n\n## Impact\n\nBetween June 16 and June 18, 2020 about 1,200 people "
        "saw an error when submitting the form.\n"
    )
    assert iso(value, "start") == "2020-06-16T00:00:00"
    assert iso(value, "resolved") == "2020-06-18T00:00:00"
    assert value.provenance["start"] == "range"


def test_a_day_range_does_not_override_the_timeline() -> None:
    value = facts(
        "# Queue\n\n## Summary\n\nThe queue stalled from 2023-06-30 to 2023-07-01.\n\n"
        "## Timeline (UTC)\n\n- 2023-06-30 23:40 consumers crash\n"
        "- 2023-06-30 23:50 alert fires\n- 2023-07-01 00:30 consumers restarted, the queue is "
        "processing again\n"
    )
    assert iso(value, "start") == "2023-06-30T23:40:00+00:00"
    assert iso(value, "mitigated") == "2023-07-01T00:30:00+00:00"


@pytest.mark.parametrize(
    "label", ["Resolution", "Time of resolution", "Restoration", "Time restored", "Impact stopped"]
)
def test_a_field_named_by_the_milestone_noun_is_that_milestone(label: str) -> None:
    """5. Explicit words: a field whose name is the milestone's noun ("Resolution: 10:40")."""
    value = facts(
        f"# X\n\n- **Date:** 2021-05-03\n- **Impact start:** 09:12 UTC\n- **{label}:** 10:40 UTC\n"
    )
    assert iso(value, "resolved") == "2021-05-03T10:40:00+00:00"
    assert value.provenance["resolved"] == "field"


@pytest.mark.parametrize(
    "sentence",
    [
        "The errors began at 10:02 UTC, after a certificate expired, and continued until "
        "10:47 UTC, when a renewed certificate was installed.",
        "Errors were seen from 10:02 UTC; the degradation ended at 10:47 UTC.",
    ],
)
def test_the_time_impact_ran_until_is_its_end(sentence: str) -> None:
    """1 and 5. "continued until 10:47", "ended at 10:47": the time after the words that end
    the impact is its end, however far from the start it is written."""
    value = facts(f"# API errors\n\n## Summary\n\nOn 2022-04-12 the API failed. {sentence}\n")
    assert iso(value, "start") == "2022-04-12T10:02:00+00:00"
    assert iso(value, "mitigated") == "2022-04-12T10:47:00+00:00"
    assert iso(value, "resolved") == "2022-04-12T10:47:00+00:00"


def test_noticed_only_at_a_time_is_no_end() -> None:
    value = facts(
        "# API errors\n\n## Summary\n\nOn 2022-04-12 the API failed from 10:02 UTC. The errors "
        "were not noticed until 10:47 UTC.\n"
    )
    assert iso(value, "resolved") is None


def test_starting_at_a_time_is_the_start() -> None:
    """2. "Starting at 09:12, users could not ..." opens the impact."""
    value = facts(
        "# Forms\n\n## Summary\n\nOn 2021-05-03 the team was paged at 09:30 UTC. Starting at "
        "09:12 UTC, users could not submit the form.\n"
    )
    assert iso(value, "start") == "2021-05-03T09:12:00+00:00"


@pytest.mark.parametrize(
    "summary",
    [
        "On June 7, 2022 from 10:02 to approximately 10:47 UTC users saw errors.",
        "Between 10:02 and 10:47 UTC (3:02–3:47 AM PDT) on June 7, 2022, users saw errors.",
    ],
)
def test_a_hedged_range_or_one_written_in_two_zones_is_one_window(summary: str) -> None:
    """1 and 7. "to approximately 10:47"; the same window written again in a second zone is
    not a second window: the duration is 45 minutes, not 90."""
    value = facts(f"# X\n\n## Summary\n\n{summary}\n")
    assert value.milestones["start"] is not None and value.milestones["resolved"] is not None
    duration = value.duration()
    assert duration is not None and duration[0] == 45
    assert value.provenance["start"] == "range"
    assert iso(value, "resolved") in ("2022-06-07T10:47:00+00:00", "2022-06-07T03:47:00-07:00")


@pytest.mark.parametrize(
    ("told", "recovered"),
    [
        ("the rollback was completed", True),
        ("the failover is complete", True),
        ("the site came back", True),
        ("the errors came back", False),
        ("we started the rollback", False),
    ],
)
def test_a_remedy_told_as_done_and_a_service_that_came_back(told: str, recovered: bool) -> None:
    """5. A remedy told as done is the impact stopping; a symptom that "came back" is not."""
    value = facts(
        "# Edge outage\n\n## Summary\n\nOn 2022-11-07 at 04:10 UTC the edge proxies began "
        f"returning 503 errors. At 04:55 UTC {told}.\n"
    )
    assert (iso(value, "mitigated") == "2022-11-07T04:55:00+00:00") is recovered


@pytest.mark.parametrize(
    ("told", "recovered"),
    [
        ("everything was working", True),
        ("the service was fully functional", True),
        ("errors dropped to zero", True),
        ("the issue disappeared", True),
        ("there were no more errors", True),
        ("we disabled the feature flag, stopping the errors", True),
        ("the backlog had been processed", True),
        ("the engineer was working on a fix", False),
        ("errors had not stopped", False),
    ],
)
def test_the_symptom_told_as_stopped_is_the_mitigation(told: str, recovered: bool) -> None:
    """5. The impact stopping told by its symptom ("errors dropped to zero", "the issue
    disappeared") or by the service working; not a person working on it, not a negation."""
    value = facts(
        "# API\n\n## Summary\n\nOn 2022-06-07 at 10:02 UTC the API started failing. "
        f"At 10:47 UTC {told}.\n"
    )
    assert (iso(value, "mitigated") == "2022-06-07T10:47:00+00:00") is recovered


def test_an_incident_declared_over_is_resolved() -> None:
    value = facts(
        "# API\n\n## Summary\n\nOn 2022-06-07 at 10:02 UTC the API started failing. The "
        "incident was declared over at 10:47 UTC.\n"
    )
    assert iso(value, "resolved") == "2022-06-07T10:47:00+00:00"


def test_a_stated_duration_that_contradicts_the_timeline_is_reported() -> None:
    """6. "lasted roughly 3 hours" against a timeline that runs 08:00–12:30 UTC: PM104 says
    so; the same summary with "4.5 hours" is quiet."""
    text = (
        "# Sync outage\n\n## Summary\n\nThe sync outage lasted roughly {} hours.\n\n"
        "## Timeline (UTC)\n\n- 2023-02-06 08:00 sync jobs start failing\n"
        "- 2023-02-06 08:10 alert fires, on-call paged\n"
        "- 2023-02-06 12:30 incident resolved\n"
    )
    _, loud = check_json("--select", "PM104", "-", stdin=text.format("3").encode())
    _, quiet = check_json("--select", "PM104", "-", stdin=text.format("4.5").encode())
    assert [d["rule"] for d in loud["files"][0]["diagnostics"]] == ["PM104"]
    assert quiet["files"][0]["diagnostics"] == []


def test_a_duration_told_twice_is_one_contradiction() -> None:
    """6. The same duration stated in the summary and in the impact table, both against the
    timeline: one PM104, not one per place it is told."""
    text = (
        "# Sync outage\n\n## Summary\n\nThe sync outage lasted roughly 3 hours.\n\n"
        "## Impact\n\n| Users affected | Outage duration |\n| --- | --- |\n| All | ~3h |\n\n"
        "## Timeline (UTC)\n\n- 2023-02-06 08:00 sync jobs start failing\n"
        "- 2023-02-06 08:10 alert fires, on-call paged\n"
        "- 2023-02-06 12:30 incident resolved\n"
    )
    _, found = check_json("--select", "PM104", "-", stdin=text.encode())
    assert [d["rule"] for d in found["files"][0]["diagnostics"]] == ["PM104"]


def test_a_time_in_the_resolution_section_is_a_step_of_the_recovery() -> None:
    """5. "## Resolution: At 10:40 we restarted the upstream service": the section says what
    the time is, whatever the words; with nothing else told, it is both ends."""
    value = facts(
        "# Locator\n\n## Summary\n\nOn 2020-06-16 at 09:12 ET the office locator started "
        "returning errors.\n\n## Resolution\n\nAt 10:40 ET we restarted the upstream service.\n"
    )
    assert iso(value, "mitigated") == "2020-06-16T10:40:00-04:00"
    assert iso(value, "resolved") == "2020-06-16T10:40:00-04:00"


def test_a_time_in_the_resolution_section_that_tells_the_start_stays_the_start() -> None:
    value = facts(
        "# Locator\n\n## Resolution\n\nThe errors that began at 09:12 ET on 2020-06-16 were "
        "traced to the upstream service.\n"
    )
    assert iso(value, "mitigated") is None


@pytest.mark.parametrize(
    "line",
    [
        "- **Resolution:** The upstream service was restarted at 10:40 ET.",
        "Recovery: the upstream service was restarted at 10:40 ET.",
    ],
)
def test_a_time_in_a_resolution_field_is_a_step_of_the_recovery(line: str) -> None:
    """5. The same reading for a field named for the recovery, in the summary's details."""
    value = facts(
        "# Locator\n\n## Summary\n\n- **Date:** 2020-06-16\n- **Impact:** at 09:12 ET the "
        f"office locator started returning errors.\n\n{line}\n"
    )
    assert iso(value, "mitigated") == "2020-06-16T10:40:00-04:00"


# Two times in one sentence: each time takes the clause that tells it ------------------------

TWO_TIMES = """\
# Delayed webhooks

**Date:** 2022-11-18

## What happened

At 02:15 UTC a database failover pointed the webhook workers at a read-only replica, and from
02:16 UTC every delivery attempt failed. Our queue alert fired at 02:40 UTC, and the on-call
engineer restarted the workers at 03:05 UTC, after which deliveries resumed. The backlog was
fully drained by 04:20 UTC.
"""


def test_two_times_in_one_sentence_each_take_their_own_clause() -> None:
    value = facts(TWO_TIMES)
    assert iso(value, "detected") == "2022-11-18T02:40:00+00:00"
    assert iso(value, "mitigated") == "2022-11-18T03:05:00+00:00"
    assert iso(value, "resolved") == "2022-11-18T04:20:00+00:00"
    kinds = {m.stamp.text: m.kinds for m in value.moments if m.has_time}
    assert "mitigated" not in kinds["02:40 UTC"]


def test_a_range_keeps_its_sentence_for_both_ends() -> None:
    value = facts("# Dip\n\n## Summary\n\nOn 2022-08-09 logins failed from 03:12 to 04:01 UTC.\n")
    kinds = [m.kinds for m in value.moments if m.has_time]
    assert all("start" in k for k in kinds)


# Update logs that never say resolved --------------------------------------------------------

UPDATE_HEADINGS = """\
# Elevated error rates in the EU region

### Update - 2021-04-06 10:05 UTC

We are investigating elevated error rates for requests in the EU region.

### Update - 2021-04-06 10:30 UTC

We have identified a faulty load balancer and are moving traffic to a healthy one.

### Update - 2021-04-06 10:52 UTC

Traffic has been moved and error rates have returned to normal levels. We will keep watching.
"""

POSTED_UPDATES = """\
# Search degraded

## Status updates

**Investigating** - We are investigating reports of slow search results.
Posted Jan 9, 2024 - 16:12 UTC

**Identified** - An overloaded index node is the cause; we are adding capacity.
Posted Jan 9, 2024 - 16:40 UTC

**Monitoring** - Capacity has been added and search latency is back to normal.
Posted Jan 9, 2024 - 17:05 UTC

**Update** - We are continuing to monitor.
Posted Jan 9, 2024 - 17:45 UTC
"""


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        (UPDATE_HEADINGS, "2021-04-06T10:05:00+00:00", "2021-04-06T10:52:00+00:00"),
        (POSTED_UPDATES, "2024-01-09T16:12:00+00:00", "2024-01-09T17:05:00+00:00"),
    ],
)
def test_an_update_log_is_a_timeline_that_ends_when_the_impact_stops(
    text: str, start: str, end: str
) -> None:
    value = facts(text)
    assert iso(value, "start") == iso(value, "detected") == start
    assert iso(value, "mitigated") == iso(value, "resolved") == end
    assert value.provenance["start"] == "timeline"


def test_one_paragraph_closed_by_a_time_is_no_update_log() -> None:
    value = facts(
        "# Outage\n\n## Summary\n\nThe API failed and was restored. Posted 2024-01-09 17:05 UTC\n"
    )
    assert value.events == []


# Symptom wording is not the detection -------------------------------------------------------

MACHINE_REPORTS = """\
# Build cache outage

## Timeline (UTC)

- 2022-08-03 11:20 — Cache nodes report disk pressure and begin evicting entries.
- 2022-08-03 11:24 — Builds start failing with cache misses timing out.
- 2022-08-03 11:40 — A developer reports slow builds in #help.
- 2022-08-03 12:30 — Two extra cache nodes added.
- 2022-08-03 12:45 — Build times back to normal.
"""


def test_a_machine_reporting_its_symptom_is_no_detection() -> None:
    value = facts(MACHINE_REPORTS)
    assert iso(value, "start") == "2022-08-03T11:20:00+00:00"
    assert iso(value, "detected") == "2022-08-03T11:40:00+00:00"


@pytest.mark.parametrize(
    ("entry", "detected"),
    [
        ("Email provider API key rotated", False),
        ("Uptime monitor emailed the web team", True),
        ("Kubelet reported OOM kills on three nodes", False),
        ("Customer reports bounced mail", True),
        ("Datadog monitor fires on the error rate", True),
        ("Customer opens a support ticket", True),
        ("A developer flags the broken build in chat", True),
        ("A runaway query saturates the reporting database", False),
        ("The weekly usage report job runs", False),
        ("Users see 502s on checkout", False),
        ("The on-call engineer saw the error spike on the dashboard", True),
    ],
)
def test_what_a_detection_is_told_by(entry: str, detected: bool) -> None:
    value = facts(f"# Mail\n\n## Timeline\n\n- 2023-02-01 16:00 UTC: {entry}\n")
    assert ("detected" in value.events[0].moment.kinds) is detected


# A fix told without saying it worked ---------------------------------------------------------


def test_the_fix_a_timeline_ends_with_is_the_mitigation() -> None:
    value = facts(
        "# Watches exhausted\n\n## Timeline\n\nAll times in CET.\n\n"
        "| Time | Event |\n| --- | --- |\n"
        "| 2020-03-02 09:10 | Node starts failing to ship logs |\n"
        "| 2020-03-03 11:25 | Runaway pod killed, watches released |\n"
    )
    assert iso(value, "mitigated") == iso(value, "resolved") == "2020-03-03T11:25:00+01:00"
    assert value.provenance["resolved"] == "inferred"


def test_a_fix_followed_by_more_than_one_entry_is_not_taken_as_the_end() -> None:
    value = facts(
        "# Mail\n\n## Timeline (UTC)\n\n"
        "- 2023-02-01 16:01 Sending starts failing with 401\n"
        "- 2023-02-02 08:15 Customer success notices no digest went out\n"
        "- 2023-02-02 08:40 Engineering updates the key in the secret store\n"
        "- 2023-02-02 09:00 Engineering discusses the rotation process\n"
        "- 2023-02-02 09:10 Queued emails sent\n"
    )
    # not the 08:40 fix: the story runs on, so only its last entry is inferred as the end
    assert iso(value, "mitigated") == "2023-02-02T09:10:00+00:00"
    assert value.provenance[MITIGATION_AT_STORY_END]


# Words of the classes, as a word, not inside another word ------------------------------------


@pytest.mark.parametrize(
    ("entry", "kind", "told"),
    [
        ("Broker 3 disk reaches 95%", "start", False),  # "broker" is not "broke"
        ("The upgrade broke the login flow", "start", True),
        ("Primary host suffered a hardware fault", "start", True),
        ("Traffic to the EU region drops to zero", "start", True),
        ("Queue depth starts growing", "start", True),
        ("Requests pile up in the load balancer", "start", True),
        ("Pods get evicted", "start", True),
        ("Synthetic checks fail and page the on-call engineer", "detected", True),
        ("Push delivery success rate recovers to 99%", "mitigated", True),
        ("Disk expanded, the broker accepts writes again", "mitigated", True),
        ("Upload error rate at zero", "mitigated", True),
        ("Notification delay back under 1 minute", "mitigated", True),
        ("Error rate rising toward 20%", "mitigated", False),
    ],
)
def test_the_word_classes_read_words(entry: str, kind: str, told: bool) -> None:
    value = facts(f"# Broker\n\n## Timeline\n\n- 2024-02-06 16:40 UTC: {entry}\n")
    assert (kind in value.events[0].moment.kinds) is told


# An explicit milestone stated in the summary ------------------------------------------------

STATED_IN_SUMMARY = """\
# Partial outage of file uploads

## Summary

File uploads failed for users on the EU cluster. The issue started at 10:14 UTC on 8 March
2024 and was mitigated at 11:02 UTC. Full resolution, including reprocessing failed uploads,
was reached at 13:45 UTC.

## Timeline

- 10:14 UTC — Storage credentials rotated by the secrets job; the upload service keeps the old.
- 10:20 UTC — Upload error alert fires.
- 10:55 UTC — Upload service restarted to pick up new credentials.
- 11:02 UTC — Upload error rate at zero.
- 13:45 UTC — Failed uploads reprocessed; incident resolved.
"""


def test_a_milestone_the_summary_states_in_its_own_words_is_taken() -> None:
    value = facts(STATED_IN_SUMMARY)
    assert iso(value, "start") == "2024-03-08T10:14:00+00:00"
    assert iso(value, "mitigated") == "2024-03-08T11:02:00+00:00"
    assert iso(value, "resolved") == "2024-03-08T13:45:00+00:00"
    assert value.provenance["mitigated"] == "prose"


@pytest.mark.parametrize(
    ("title", "path"),
    [("# Registry outage 2020", "doc.md"), ("# Registry outage", "registry-outage-2020.md")],
)
def test_a_year_named_alone_in_the_title_or_file_name_dates_yearless_entries(
    title: str, path: str
) -> None:
    value = facts(
        f"{title}\n\n## Timeline (UTC)\n\n- March 3, 23:40 errors start after the deploy\n"
        "- 23:55 alert fired\n- March 4, 00:30 rolled back, errors stopped\n",
        path,
    )
    assert iso(value, "start") == "2020-03-03T23:40:00+00:00"
    assert value.duration() == (50, "milestones")


# A timeline told as a story in sentences -----------------------------------------------------

STORY_TIMELINE = """\
# Cache outage

## Timeline

**Tuesday 2 May 2023, all times UTC**

At 14:02 we deployed cache config v12. A minute later, at 14:03, error rates started to
climb. Our monitoring alerted the on-call engineer at 14:09. We reverted the config at 14:31,
and error rates were back to normal by 14:36.
"""


def test_a_timeline_paragraph_told_in_sentences_has_an_entry_per_sentence() -> None:
    value = facts(STORY_TIMELINE)
    # one entry per sentence, and one for the later time of the last sentence, told in a
    # clause of its own ("..., and error rates were back to normal by 14:36")
    assert len(value.events) == 5
    assert iso(value, "start") == "2023-05-02T14:02:00+00:00"
    assert iso(value, "detected") == "2023-05-02T14:09:00+00:00"
    assert iso(value, "mitigated") == "2023-05-02T14:31:00+00:00"


# Entries the author set in bold are the story's milestones -----------------------------------

BOLD_MILESTONES = """\
# Docs site outage

## Timeline

All events on 2021-04-12, times in UTC.

- **2021-04-11 23:10: builds start failing, the disk is full**
- 01:20: the site goes down, the on-call is paged
- 01:31: the full partition is found
- 01:44: the temporary directory is removed
- **01:50: the site is back online**
- 09:05: failed builds queued again
- **18:40: the rebuilds of the failed builds finished**
"""


def test_a_closing_entry_in_bold_ends_the_incident_however_late() -> None:
    value = facts(BOLD_MILESTONES)
    assert iso(value, "mitigated") == "2021-04-12T01:50:00+00:00"
    assert iso(value, "resolved") == "2021-04-12T18:40:00+00:00"


def test_without_bold_a_late_tail_is_not_the_end() -> None:
    value = facts(BOLD_MILESTONES.replace("**", ""))
    assert iso(value, "resolved") == "2021-04-12T01:50:00+00:00"


def test_a_dated_late_entry_then_bare_times_under_the_next_days_date_stay_on_it() -> None:
    value = facts(BOLD_MILESTONES)
    days = [m.when.date().isoformat() for m in value.moments if m.has_time and m.when]
    assert days == ["2021-04-11"] + ["2021-04-12"] * 6


@pytest.mark.parametrize(
    ("told", "mitigated"),
    [
        ("Restarted the pods; errors persist", False),
        ("Scaled the cluster to 10 nodes, latency normal", True),
        ("Users can log in again", True),
        ("Customers confirm the issue is gone", True),
        ("Feature flag turned off", True),
        ("DNS record re-created", True),
        ("Services are recovering", False),
        ("Failover to the standby database hangs", False),
    ],
)
def test_what_tells_that_the_impact_stopped(told: str, mitigated: bool) -> None:
    value = facts(
        "# Outage\n\n## Timeline\n\n- 2023-07-10 10:00 UTC errors start for users\n"
        f"- 2023-07-10 10:10 UTC alert fired, on-call paged\n- 2023-07-10 10:40 UTC {told}\n"
    )
    # told as the mitigation, not inferred as the timeline's last entry
    told = MITIGATION_AT_STORY_END not in value.provenance
    assert (iso(value, "mitigated") == "2023-07-10T10:40:00+00:00" and told) is mitigated


def test_prose_that_tells_the_service_working_again_ends_at_that_time() -> None:
    value = facts(
        "# Sign-ups failing\n\n## Summary\n\nOn March 9th 2024 new users could not sign up. At "
        "about 9:40 AM PST the e-mail provider revoked our API key, and every sign-up after "
        "that failed. A user wrote to support at 12:15 PM. The provider restored the key at "
        "1:30 PM. Sign-ups worked normally again from 1:32 PM.\n"
    )
    assert iso(value, "start") == "2024-03-09T09:40:00-08:00"
    # "12:15 PM." ends its sentence: the restoration told after it is not its kind
    assert iso(value, "detected") == "2024-03-09T12:15:00-08:00"
    assert iso(value, "mitigated") == "2024-03-09T13:30:00-08:00"
    assert iso(value, "resolved") == "2024-03-09T13:32:00-08:00"


def test_a_table_of_fields_names_each_time_by_its_row() -> None:
    value = facts(
        "# Slow dashboards\n\n| | |\n| --- | --- |\n"
        "| **Start time** | 2023-01-17 08:40 UTC |\n| **Detected** | 2023-01-17 08:52 UTC |\n"
        "| **Mitigated** | 2023-01-17 09:30 UTC |\n| **Resolved** | 2023-01-17 10:05 UTC |\n"
        "| **Severity** | SEV-3 |\n\n## Summary\n\nDashboards loaded slowly.\n"
    )
    found = [iso(value, k) for k in ("start", "detected", "mitigated", "resolved")]
    assert found == [
        "2023-01-17T08:40:00+00:00",
        "2023-01-17T08:52:00+00:00",
        "2023-01-17T09:30:00+00:00",
        "2023-01-17T10:05:00+00:00",
    ]
    assert value.provenance["mitigated"] == "field"


def test_an_impact_end_field_is_the_mitigation_and_a_later_close_the_resolution() -> None:
    value = facts(
        "# Slow dashboards\n\n- **Impact start:** 2023-01-17 08:40 UTC\n"
        "- **Impact end:** 2023-01-17 09:30 UTC\n- **Incident closed:** 2023-01-17 10:05 UTC\n"
    )
    assert iso(value, "mitigated") == "2023-01-17T09:30:00+00:00"
    assert iso(value, "resolved") == "2023-01-17T10:05:00+00:00"


def test_the_window_the_summary_states_is_the_duration_though_the_timeline_closes_later() -> None:
    value = facts(
        "# 500s\n\n## Summary\n\nOn 2022-05-17, between 13:12 and 14:03 UTC, about 12% of "
        "requests failed.\n\n## Timeline\n\n- 13:12 UTC 500 errors rise\n"
        "- 13:19 UTC error-rate alert fires, on-call paged\n- 14:03 UTC error rate back to "
        "baseline\n- 14:30 UTC incident closed\n"
    )
    assert value.duration() == (51, "range")


SUMMARY_TELLS_THE_CHANGE = """\
# Payment webhook outage

## Summary

On 2023-11-02 at 14:02 UTC a deploy of the webhook signer changed the signature format, and
merchants' endpoints rejected every webhook until the deploy was rolled back.

## Timeline (UTC)

- 14:25 Merchant support reports failed webhook deliveries
- 14:31 On-call engineer paged
- 14:48 Signer deploy rolled back
- 14:52 Deliveries succeed again
"""


def test_the_change_the_summary_tells_before_a_timeline_that_opens_with_the_report() -> None:
    value = facts(SUMMARY_TELLS_THE_CHANGE)
    assert iso(value, "start") == "2023-11-02T14:02:00+00:00"
    assert value.provenance["start"] == "prose"
    assert iso(value, "detected") == "2023-11-02T14:25:00+00:00"
    assert value.duration() == (50, "milestones")


def test_a_time_the_summary_gives_for_the_detection_is_not_the_start() -> None:
    value = facts(
        SUMMARY_TELLS_THE_CHANGE.replace(
            "On 2023-11-02 at 14:02 UTC a deploy", "On 2023-11-02 a deploy"
        ).replace("rolled back.", "rolled back. A merchant noticed the failures at 14:20 UTC.")
    )
    assert iso(value, "start") == "2023-11-02T14:25:00+00:00"


@pytest.mark.parametrize(
    ("told", "resolved"),
    [
        ("14:40 UTC workaround in place, errors stop for now", False),
        ("14:40 UTC fixed version issued and its rollout began, errors stop", False),
        ("14:40 UTC rolled back, errors stop", True),
    ],
)
def test_a_provisional_mitigation_infers_no_resolution(told: str, resolved: bool) -> None:
    value = facts(
        "# Outage\n\n## Timeline\n\n- 2023-07-10 14:00 UTC errors start after the deploy\n"
        f"- 2023-07-10 14:10 UTC alert fired, on-call paged\n- 2023-07-10 {told}\n"
    )
    assert iso(value, "mitigated") == "2023-07-10T14:40:00+00:00"
    assert (value.milestones["resolved"] is not None) is resolved


@pytest.mark.parametrize(
    ("told", "detected"),
    [
        ("nodes rolled over without doing much investigation", False),
        ("nobody noticed the failing builds", False),
        ("the on-call went to investigate the failing builds", True),
    ],
)
def test_a_detection_word_denied_is_no_detection(told: str, detected: bool) -> None:
    value = facts(
        "# Outage\n\n## Timeline\n\n- 2023-07-10 14:00 UTC builds start failing\n"
        f"- 2023-07-10 14:05 UTC {told}\n- 2023-07-10 14:30 UTC user reports the failures\n"
    )
    expected = "2023-07-10T14:05:00+00:00" if detected else "2023-07-10T14:30:00+00:00"
    assert iso(value, "detected") == expected


def test_a_timeline_written_as_lines_is_no_update_closed_by_its_last_time() -> None:
    value = facts(
        "# Outage\n\n## Timeline\n\n2023-01-02 09:00 UTC errors start after the deploy\n"
        "2023-01-02 09:05 UTC alert fired, on-call paged\nRolled back and errors stop.\n"
        "2023-01-02 09:30 UTC\n"
    )
    assert len(value.events) == 3
    assert iso(value, "detected") == "2023-01-02T09:05:00+00:00"


# Round 29: what the zone tells of the dates, restarting is working, losing is a symptom -------


# Ticket queue outage
_PARIS_TIMELINE = """# Ticket queue outage

## Timeline ({zone})

- 03/10/2021 07:15: the queue's disk fills up and every ticket submission fails.
- 03/10/2021 08:40: a volunteer notices the failures and pings the admins.
- 03/10/2021 10:05: old attachments moved away; submissions work again.
"""


@pytest.mark.parametrize(
    ("zone", "day"),
    [
        ("Europe/Paris", "2021-10-03"),
        ("CEST", "2021-10-03"),
        ("UTC+2", "2021-10-03"),
        ("US/Eastern", "2021-03-10"),
        ("PST", "2021-03-10"),
        ("UTC", "2021-03-10"),  # every writer's zone: slashes stay month first
    ],
)
def test_the_zone_tells_how_ambiguous_numeric_dates_are_written(zone: str, day: str) -> None:
    """4. A timeline kept in a European or Asian zone writes its slashed dates day first, one
    kept in a US zone month first, when no date in it shows which."""
    value = facts(_PARIS_TIMELINE.format(zone=zone))
    start = iso(value, "start")
    assert start is not None and start.startswith(f"{day}T07:15")


def test_dates_that_show_their_order_win_over_the_zone() -> None:
    text = _PARIS_TIMELINE.format(zone="Europe/Paris") + "- 10/13/2021 09:00: disk replaced.\n"
    start = iso(facts(text), "start")
    assert start is not None and start.startswith("2021-03-10T07:15")


def test_the_title_date_is_read_as_the_zone_writes_it() -> None:
    value = facts(
        "# Outage of 04/11/2022\n\n## Timeline (CET)\n\n- 09:10 checkout fails for every user."
        "\n- 09:40 the rollback completed; checkout works again.\n"
    )
    assert iso(value, "start") == "2022-11-04T09:10:00+01:00"


@pytest.mark.parametrize(
    ("told", "mitigated"),
    [
        ("jobs start running again", True),
        ("the workers started running normally", True),
        ("we started running the migration script", False),
    ],
)
def test_starting_to_run_again_is_running(told: str, mitigated: bool) -> None:
    """5. Starting to work is working: "builds began running again" tells the outcome."""
    value = facts(
        "# CI outage\n\n## Timeline\n\n- 2022-04-05 14:00 UTC: runners fail to launch; every "
        f"job fails.\n- 2022-04-05 15:05 UTC: {told}.\n- 2022-04-05 16:00 UTC: queue drained."
        "\n"
    )
    assert (iso(value, "mitigated") == "2022-04-05T15:05:00+00:00") is mitigated


@pytest.mark.parametrize(
    "symptom",
    [
        "the cluster lost its connection to the database",
        "a bad route took down every service",
        "the storm knocked out power in the data centre",
    ],
)
def test_losing_something_or_taking_something_down_is_a_symptom(symptom: str) -> None:
    """2. The start is the first symptom, in the words a writer tells it with."""
    value = facts(
        "# All services outage\n\nOn the 11th of December 2020 at approximately 19:00 UTC, "
        f"{symptom}. An automated alert fired at 19:04 UTC and the team began investigating. "
        "Services were fully restored by 23:10 UTC.\n"
    )
    assert iso(value, "start") == "2020-12-11T19:00:00+00:00"
    assert iso(value, "detected") == "2020-12-11T19:04:00+00:00"


@pytest.mark.parametrize(
    ("told", "mitigated"),
    [
        ("name resolution works for everyone again", True),
        ("the site is reachable from all regions again", True),
        ("uploads were failing again", False),
        ("we updated the config again", False),
    ],
)
def test_a_service_working_for_someone_again_is_the_mitigation(told: str, mitigated: bool) -> None:
    """5. "works again" with whom it serves between the verb and "again"; a symptom there, or
    a verb that is an action ("updated"), is no recovery."""
    value = facts(
        "# Resolver outage\n\n## Timeline\n\n- 2023-01-25 10:05 UTC: lookups fail with "
        f"SERVFAIL.\n- 2023-01-25 10:49 UTC: {told}.\n- 2023-01-25 11:20 UTC: zone file "
        "reviewed; incident over.\n"
    )
    assert (iso(value, "mitigated") == "2023-01-25T10:49:00+00:00") is mitigated


def test_a_symptom_since_a_time_in_an_update_is_the_start_not_the_detection() -> None:
    """2. A status update that investigates "reports that users cannot log in since around
    14:30" tells the start at 14:30; the update's own time is the detection."""
    value = facts(
        "# Login failures on 2022-09-12\n\n## Updates\n\n"
        "**Resolved** (2022-09-12 17:05 UTC): We consider this incident resolved.\n\n"
        "**Monitoring** (2022-09-12 16:02 UTC): A fix has been deployed and logins are "
        "succeeding again.\n\n"
        "**Investigating** (2022-09-12 14:48 UTC): We are investigating reports that users "
        "cannot log in since around 14:30 UTC.\n"
    )
    assert iso(value, "start") == "2022-09-12T14:30:00+00:00"
    assert iso(value, "detected") == "2022-09-12T14:48:00+00:00"


@pytest.mark.parametrize(
    ("entry", "detected"),
    [
        ("a contributor asked in Slack why their PR had no test results", True),
        ("a customer asks why invoices are missing", True),
        ("the on-call was notified by the uptime check", True),
        ("notification worker deploy with a broken retry loop", False),
        ("notifications delivered on time again", False),
    ],
)
def test_a_user_asking_is_a_report_and_a_notification_system_is_not(
    entry: str, detected: bool
) -> None:
    """5. How one learns of it: a user asking about the symptom is a report; the word
    "notification" naming a system or its output tells nobody anything."""
    value = facts(
        "# Hook outage\n\n## Timeline (UTC)\n\n- 2019-01-23 10:24: the hook begins dropping "
        f"every webhook.\n- 2019-01-23 11:47: {entry}.\n- 2019-01-23 12:05: the deploy is "
        "rolled back; webhooks are processed again.\n"
    )
    assert (iso(value, "detected") == "2019-01-23T11:47:00+00:00") is detected


@pytest.mark.parametrize(
    ("told", "mitigated"),
    [
        ("runners started in another zone; builds pass again", True),
        ("the new pods started successfully and requests are served again", True),
        ("we started the failover; builds pass again for some users", False),
        ("started to move the runners to another zone", False),
    ],
)
def test_a_thing_that_was_started_is_no_attempt(told: str, mitigated: bool) -> None:
    """5. "Runners started in another zone" tells where they run, not an attempt at a fix
    ("started the failover", "started to move"): the recovery told beside it counts."""
    value = facts(
        "# Zone power loss\n\n## Timeline\n\n### 2022-07-28 17:00 UTC\n\nA zone loses power; "
        f"builds fail.\n\n### 17:40 UTC\n\n{told.capitalize()}.\n\n### 19:50 UTC\n\nThe "
        "provider reports full recovery; incident closed.\n"
    )
    assert (iso(value, "mitigated") == "2022-07-28T17:40:00+00:00") is mitigated


def test_a_timeline_without_am_pm_that_goes_past_noon_stays_on_the_day() -> None:
    """3/4. "11:50", "12:10", "1:15" with no AM/PM and no hour past 12 is a 12-hour clock
    going past noon, not past midnight."""
    value = facts(
        "# Map widget outage, 2020-09-11\n\n## Timeline (times are Eastern)\n\n"
        "- 11:50 a broken stylesheet is deployed; the map renders blank for every user.\n"
        "- 12:10 a user reports the blank map.\n- 1:15 the broken selector is found.\n"
        "- 2:30 fix deployed; the map renders again.\n- 3:00 incident closed.\n"
    )
    assert iso(value, "mitigated") == "2020-09-11T14:30:00-04:00"
    assert iso(value, "resolved") == "2020-09-11T15:00:00-04:00"
    assert value.duration() == (190, "milestones")


def test_a_24_hour_timeline_past_midnight_keeps_its_night() -> None:
    value = facts(
        "# Night outage, 2020-09-11\n\n## Timeline (UTC)\n\n- 22:40 the queue stalls; jobs "
        "fail.\n- 23:10 alert fires.\n- 0:30 workers restarted; jobs run again.\n"
        "- 1:15 incident closed.\n"
    )
    assert iso(value, "resolved") == "2020-09-12T01:15:00+00:00"


@pytest.mark.parametrize(
    ("entry", "detected"),
    [
        ("customers open tickets about unpaid orders", True),
        ("a user opened an issue on the tracker", True),
        ("a customer filed a ticket", True),
        ("the ticket queue is processed", False),
    ],
)
def test_tickets_opened_by_users_are_a_report(entry: str, detected: bool) -> None:
    """5. How one learns of it: tickets and issues users open or file, in any tense."""
    value = facts(
        "# Delayed callbacks\n\n## Timeline\n\n- 2024-10-15 14:00 UTC: callbacks are delayed; "
        f"orders stay unpaid.\n- 2024-10-15 14:45 UTC: {entry}.\n- 2024-10-15 19:00 UTC: "
        "callbacks flowing again.\n"
    )
    assert (iso(value, "detected") == "2024-10-15T14:45:00+00:00") is detected


@pytest.mark.parametrize(
    "told", ["packet loss stops", "the attack traffic subsided", "the crash loop stopped"]
)
def test_the_symptom_told_as_stopped_in_more_nouns(told: str) -> None:
    """5. The symptom stopping, named by its noun: loss, an attack, a crash loop."""
    value = facts(
        "# ARP storm, 14 October 2022\n\n## Timeline\n\n- 1405Z: a host floods the router; "
        f"packet loss for all customers.\n- 1409Z: NOC alarms on packet loss.\n- 1431Z: host "
        f"port shut down; {told}.\n- 1500Z: host owner contacted, incident closed.\n"
    )
    assert iso(value, "mitigated") == "2022-10-14T14:31:00+00:00"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("It took us 2 hours to restore service.", 120),
        ("It took the team about 50 minutes to recover.", 50),
        ("The incident affected users for 25 minutes.", 25),
        ("The incident impacted all EU customers for 2 hours.", 120),
        ("The registry returned errors for 25 minutes.", 25),
        ("Clients saw 502s for 10 minutes.", 10),
    ],
)
def test_more_ways_to_state_how_long(text: str, minutes: float) -> None:
    """6. Stated durations: who it took, whom it affected, the symptom and for how long."""
    assert [s.minutes for s in stated_durations(text)] == [minutes]


@pytest.mark.parametrize(
    "text",
    [
        "We looked at the errors for 10 minutes before paging.",
        "Requests saw timeouts for 30 seconds at a time.",
    ],
)
def test_time_spent_on_the_errors_is_not_how_long_they_lasted(text: str) -> None:
    assert stated_durations(text) == []


@pytest.mark.parametrize(
    ("told", "mitigated"),
    [
        ("New key deployed. Locator searches return results again.", True),
        ("The API returned valid responses again.", True),
        ("The errors returned again.", False),
    ],
)
def test_returning_results_again_is_working_again(told: str, mitigated: bool) -> None:
    """5. A service that returns what it should again has recovered; errors that return
    have not."""
    value = facts(
        "# Locator outage, June 16, 2020\n\n## Timeline\n\n| Time (ET) | Event |\n| --- | --- |"
        "\n| 9:05 AM | The vendor rotates its API key. All locator requests fail with 401. |\n"
        f"| 12:15 PM | {told} |\n| 12:30 PM | Vendor call held. |\n"
    )
    assert (iso(value, "mitigated") == "2020-06-16T12:15:00-04:00") is mitigated


# Hub outage
_HUB_OUTAGE = """# Hub outage

## Timeline (times in BST)

### September 2, 2025, 10:17 AM

Incident declared. Alert body: Probe: liveness | Violation started: Sep 2, 2025 at
2:19PM UTC | Policy: portal

### 10:24 AM

The commit behind the alerts is reverted.

### 10:41 AM

{after}

### 1:41 PM

{belief}

### 1:57 PM

Incident resolved and announced to the portal's owners.
"""


def test_a_field_start_after_the_impact_ended_is_no_start() -> None:
    """7. A 'started:' field pasted from an alert, after the mitigation and the resolution,
    is not when the impact began: the start falls back to the first the story tells."""
    value = facts(
        _HUB_OUTAGE.format(after="Hubs remain inaccessible.", belief="The lead re-deploys.")
    )
    assert iso(value, "start") == "2025-09-02T10:17:00+01:00"
    assert value.duration() == (220, "milestones")


@pytest.mark.parametrize(
    ("after", "mitigated"),
    [
        ("The revert did not help; hubs remain inaccessible.", "2025-09-02T13:57:00+01:00"),
        ("Restarts are not having the intended effect.", "2025-09-02T13:57:00+01:00"),
        ("The engineer checks the dashboards.", "2025-09-02T10:24:00+01:00"),
    ],
)
def test_a_remedy_a_later_entry_says_did_not_help_is_no_mitigation(
    after: str, mitigated: str
) -> None:
    """5. "The revert did not help", "hubs remain inaccessible": the impact had not stopped."""
    value = facts(_HUB_OUTAGE.format(after=after, belief="The lead re-deploys."))
    assert iso(value, "mitigated") == mitigated


@pytest.mark.parametrize(
    "belief",
    [
        "The lead believes that the second PR fixed it and re-deploys.",
        "The engineer deletes one pod to see if it comes back.",
    ],
)
def test_a_belief_or_a_test_is_no_recovery(belief: str) -> None:
    """5. What someone believes fixed it, or a step to see whether it does, is no outcome."""
    value = facts(_HUB_OUTAGE.format(after="Hubs remain inaccessible.", belief=belief))
    assert iso(value, "mitigated") == "2025-09-02T13:57:00+01:00"


@pytest.mark.parametrize(
    ("line", "start"),
    [
        # a message pasted into the entry: someone else's field, after a separator
        (
            "Probe alert: portal unreachable. | Violation started: Oct 14, 2025 at 2:57PM "
            "UTC | Policy: portal",
            "2025-10-14T15:25:00+01:00",
        ),
        # a field that opens its line, or follows another field, is the document's
        ("Impact start: Oct 14, 2025 at 3:15PM UTC", "2025-10-14T15:15:00+00:00"),
        ("Detected: 3:57 PM; Impact start: 3:15 PM", "2025-10-14T15:15:00+01:00"),
    ],
)
def test_a_field_name_inside_a_pasted_message_is_no_field(line: str, start: str) -> None:
    """1/7. A field is a line's own: "| Violation started: ..." inside an alert pasted into
    a timeline entry does not set the incident's start."""
    value = facts(
        "# Portal outage, October 14 2025\n\n## Timeline (times in BST)\n\n### 3:25 PM\n\n"
        "Portal workers stopped; the portal cannot be reached.\n\n### 3:57 PM\n\n"
        f"{line}\n\n### 4:33 PM\n\nThe portal is back online.\n"
    )
    assert iso(value, "start") == start


@pytest.mark.parametrize(
    ("entry", "detected"),
    [
        ("Incident declared by the engineer who ran the command", "2025-10-14T15:25:00+01:00"),
        ("Creating this incident so I can work out what went on", "2025-10-14T15:25:00+01:00"),
        ("The engineer keeps deploying the new cluster", "2025-10-14T15:57:00+01:00"),
    ],
)
def test_an_incident_declared_was_known(entry: str, detected: str) -> None:
    """5. No one declares an incident without knowing of it: declaring it is a detection
    when nothing earlier tells one."""
    value = facts(
        "# Portal outage, October 14 2025\n\n## Timeline (times in BST)\n\n"
        "- 3:23 PM: the live schema is dropped; every portal worker stops.\n"
        f"- 3:25 PM: {entry}.\n- 3:57 PM: the liveness probe alerts.\n"
        "- 4:33 PM: the portal is back online.\n"
    )
    assert iso(value, "detected") == detected


@pytest.mark.parametrize(
    ("text", "zones"),
    [
        ("10:01-10:02: the teams urge not to deploy", [None, None]),
        ("11:57–12:08 discussion of the decoding", [None, None]),
        ("2023-01-05T10:00:00-05:00 deploy", ["-05:00"]),
        ("2023-01-05T10:00-05:00 deploy", ["-05:00"]),
        ("16:55 -0500 revert", ["-0500"]),
    ],
)
def test_a_range_of_clock_times_is_no_utc_offset(text: str, zones: list[str | None]) -> None:
    """1/3. "10:01-10:02" is a range of two times, not 10:01 at UTC-10:02 (which then
    carried to every later entry); an offset touches a time with seconds or an ISO
    date-time, or stands apart."""
    assert [s.zone for s in find_stamps(text)] == zones


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("The archive node was out of service for six days.", 6 * 1440),
        ("Media Server Outage for approximately 2 weeks", 14 * 1440),
    ],
)
def test_out_of_service_and_an_outage_for_state_how_long(text: str, minutes: float) -> None:
    """6. "out of service for six days", "Outage for approximately 2 weeks"."""
    assert [s.minutes for s in stated_durations(text)] == [minutes]


def test_a_duration_the_title_states_is_the_last_resort() -> None:
    """6. A title's duration ("Server Outage for approximately 2 weeks") is the duration
    when the text gives no other and no window ..."""
    value = facts(
        "# January 2020 - Media Server Outage for approximately 2 weeks\n\n## Summary\n\n"
        "The server was unreachable for most users until the router was replaced.\n"
    )
    assert value.duration() == (20160, "stated-duration")


def test_a_timeline_wins_over_the_round_figure_of_a_title() -> None:
    """... and a timeline's window wins over the headline's round figure, which no check
    holds the timeline to."""
    value = facts(
        "# 2020-08-17, 30min outage during a proxy fleet upgrade\n\n## Timeline\n\n"
        "All times in GMT+2\n\n- 2020-08-17 15:05 Start of incident: the proxy hosts are "
        "drained.\n- 15:43 A user reports the site is down.\n- 15:44 Service resumes. "
        "Incident ends.\n"
    )
    assert value.duration() == (39, "milestones")
    assert value.durations == []


def test_a_step_that_succeeds_is_an_outcome_and_the_last_of_the_run_closes_it() -> None:
    """5. "First transaction is mined and succeeds", then "Second ... succeeds": a step that
    succeeds is an outcome; the impact stops when the last of the series recovers (the first
    of several is not yet the end of it), and the run closes the incident with its last."""
    value = facts(
        "# Stuck transfers\n\n## Timeline\n\n(all times CET)\n\n"
        "- 2025-02-10 00:21 A user reports a transfer not being processed.\n"
        "- 2025-02-11 19:23 A first fix is deployed, mitigating most, but not all cases.\n"
        "- 2025-02-12 14:55 First transfer is resubmitted and succeeds.\n"
        "- 2025-02-12 15:44 Second transfer is resubmitted and succeeds.\n"
    )
    assert iso(value, "mitigated") == "2025-02-12T15:44:00+01:00"
    assert iso(value, "resolved") == "2025-02-12T15:44:00+01:00"


def test_a_node_that_caught_up_has_recovered() -> None:
    """5. "fully caught up and verified on July 8": a replica, a sync or a backlog that has
    caught up is the impact stopping."""
    value = facts(
        "# Database corruption\n\n## Summary\n\nIn the early morning of July 2, 2026 the archive "
        "node started crash-looping with a corrupted database. Its database was repaired "
        "offline. It was fully caught up and verified on July 8.\n"
    )
    assert iso(value, "mitigated") == "2026-07-08T00:00:00"


_RACK_OUTAGE = """# Two storage outages

## Summary

On 2022-05-21 the storage API was unavailable {summary}.

## Timeline

{entries}
"""


def test_a_timeline_that_retells_the_day_after_the_summary_stays_on_its_day() -> None:
    """4. The summary tells the afternoon's window last; the timeline then retells the day
    from the morning: its undated entries stay on the summary's day, not the next."""
    value = facts(
        _RACK_OUTAGE.format(
            summary="from 03:12 to 04:01 UTC, and again from 16:40 to 17:25 UTC",
            entries="- 03:12 A switch reboots; the API is unreachable.\n- 03:20 Monitoring "
            "alerts.\n- 04:01 Switch back; API reachable.\n- 16:40 The switch fails again.\n"
            "- 17:25 Traffic moved to the spare switch.\n- 18:00 Incident closed.\n",
        )
    )
    assert iso(value, "detected") == "2022-05-21T03:20:00+00:00"
    assert iso(value, "resolved") == "2022-05-21T18:00:00+00:00"


def test_a_timeline_after_a_summary_told_late_at_night_is_past_midnight() -> None:
    value = facts(
        _RACK_OUTAGE.format(
            summary="from 23:40 UTC, when the disk filled",
            entries="- 00:10 Monitoring alerts.\n- 01:05 Old snapshots deleted; writes succeed "
            "again.\n",
        )
    )
    assert iso(value, "detected") == "2022-05-22T00:10:00+00:00"


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("2021-01-30T18:22:01.123Z the pod is killed", "Z"),
        ("2021-01-30 18:22:01.123Z the pod is killed", "Z"),
        ("18:22:01.123 UTC the pod is killed", "UTC"),
        ("18:22:01.5 then the pod is killed", None),
    ],
)
def test_a_log_time_with_a_fraction_of_a_second_keeps_its_zone(text: str, zone: str) -> None:
    """3. A timestamp copied from a log ("18:22:01.123Z") keeps the zone after its fraction
    of a second; it carries to the entries that follow."""
    assert [s.zone for s in find_stamps(text)] == [zone]


_GALLERY = (
    "# Outage report\n\nDate: 2013-03-06\n\nThis morning the gallery was down for a while. At "
    "8:15 AM PST a scheduled database failover started, but the secondary database {symptom}. "
    "Our monitoring caught the failure at 8:21 AM and paged the on-call engineer, who "
    "{remedy} at 8:49 AM. The site was fully functional again at 8:55 AM.\n"
)


@pytest.mark.parametrize(
    "symptom", ["did not come up cleanly", "failed to start", "didn't come back"]
)
def test_a_thing_that_did_not_come_up_is_a_symptom(symptom: str) -> None:
    """2. "the secondary did not come up", "failed to start": the first symptom."""
    value = facts(_GALLERY.format(symptom=symptom, remedy="rolled the failover back"))
    assert iso(value, "start") == "2013-03-06T08:15:00-08:00"


@pytest.mark.parametrize(
    "remedy", ["rolled the failover back", "switched the traffic back", "brought the primary back"]
)
def test_a_remedy_with_its_particle_apart_is_the_mitigation(remedy: str) -> None:
    """5. "rolled the failover back": the verb and "back" with the object between; and the
    time that ends its sentence ("at 8:49 AM.") is read with its own clause, not its
    neighbour's."""
    value = facts(_GALLERY.format(symptom="did not come up cleanly", remedy=remedy))
    assert iso(value, "detected") == "2013-03-06T08:21:00-08:00"
    assert iso(value, "mitigated") == "2013-03-06T08:49:00-08:00"
    assert iso(value, "resolved") == "2013-03-06T08:55:00-08:00"


def test_two_steps_told_in_one_sentence_of_a_story_are_two_entries() -> None:
    """5. A timeline told in sentences: "notified at 11:45 UTC, and the registry unpublished
    the version at 13:10 UTC" is two steps; the removal is the mitigation, not the notice."""
    value = facts(
        "# Malicious package\n\n## Timeline\n\nOn 2018-07-12 the malicious version was "
        "published at 10:40 UTC. A user opened an issue reporting suspicious code at 11:17 UTC. "
        "The maintainers were notified at 11:45 UTC, and the registry unpublished the version "
        "at 13:10 UTC. At 15:00 UTC every access token was revoked, which ended the incident.\n"
    )
    assert iso(value, "detected") == "2018-07-12T11:17:00+00:00"
    assert iso(value, "mitigated") == "2018-07-12T13:10:00+00:00"
    assert iso(value, "resolved") == "2018-07-12T15:00:00+00:00"


@pytest.mark.parametrize(
    ("told", "mitigated"),
    [
        ("Removed the faulty node from the pool.", True),
        ("Deleted the malicious image from the registry.", True),
        ("Revoked the leaked token.", True),
        ("The security team reviews the access logs of the malicious pushes.", False),
    ],
)
def test_taking_the_offending_thing_away_is_the_mitigation(told: str, mitigated: bool) -> None:
    """5. Removing the faulty, malicious or leaked thing stops the impact."""
    value = facts(
        "# Leaked token\n\n## Timeline (UTC)\n\n- 2024-10-09 19:40 — An attacker pushes a "
        "modified image; devices fail to verify it.\n- 2024-10-10 07:12 — The signature check "
        f"alerts the security team.\n- 2024-10-10 07:50 — {told}\n- 2024-10-10 09:30 — "
        "Devices checked.\n"
    )
    assert (iso(value, "mitigated") == "2024-10-10T07:50:00+00:00") is mitigated


@pytest.mark.parametrize(
    "told",
    [
        "The persistence layer is back online; writes succeed again.",
        "Validators upgraded as Proposal #12 set out; blocks are produced again.",
        "The persistent queue drained and checkouts are back to normal.",
    ],
)
def test_a_name_that_holds_an_attempt_word_is_no_attempt(told: str) -> None:
    """5. "errors persist" and "proposed a fix" tell that the remedy did not work yet; a
    name that opens with the same letters ("Persistence", "Proposal #12", "persistent
    queue") tells nothing of the kind."""
    value = facts(
        "# Write outage\n\n## Timeline (UTC)\n\n- 2024-06-02 08:10 — Writes fail with "
        "timeouts.\n- 2024-06-02 08:15 — An alert pages the on-call.\n"
        f"- 2024-06-02 10:40 — {told}\n"
    )
    assert iso(value, "mitigated") == "2024-06-02T10:40:00+00:00"


def test_a_remedy_whose_effect_is_awaited_is_no_mitigation() -> None:
    """5. A fix released while the team still awaits its effect ("the team awaited the
    operators' upgrade") is an attempt; the impact stops when they say it did."""
    value = facts(
        "# Ledger halt\n\n## Timeline (UTC)\n\n- 2024-06-02 08:10 — The ledger halts; writes "
        "fail.\n- 2024-06-02 08:15 — An alert pages the on-call.\n- 2024-06-02 11:35 — A new "
        "release was issued to restart the ledger. The team awaited the operators' upgrade of "
        "their nodes.\n- 2024-06-02 14:07 — Quorum was reached and writes succeed again.\n"
    )
    assert iso(value, "mitigated") == "2024-06-02T14:07:00+00:00"


@pytest.mark.parametrize(
    "learned",
    [
        "The team successfully identified the cause in the cache layer.",
        "Engineers successfully reproduced the crash on a staging node.",
    ],
)
def test_succeeding_at_finding_out_is_no_mitigation(learned: str) -> None:
    """5. Mitigation is the impact stopping: a success at learning something ("successfully
    identified the cause") is a step of the diagnosis, not a recovery."""
    value = facts(
        "# Search outage\n\n## Timeline (UTC)\n\n- 2024-06-02 08:10 — Search requests fail "
        f"with 500s.\n- 2024-06-02 08:15 — An alert pages the on-call.\n- 2024-06-02 09:05 — "
        f"{learned}\n- 2024-06-02 10:40 — Cache nodes replaced; search requests are back to "
        "normal.\n"
    )
    assert iso(value, "mitigated") == "2024-06-02T10:40:00+00:00"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("In total the malicious version was downloadable for 72 minutes.", 72),
        ("The token was publicly visible for six hours.", 360),
    ],
)
def test_a_security_window_states_how_long(text: str, minutes: float) -> None:
    """6. A security incident's window: how long the bad thing was exposed."""
    assert [s.minutes for s in stated_durations(text)] == [minutes]


@pytest.mark.parametrize(
    ("row", "minutes"),
    [
        ("| Duration | 1h 05m |", 65),
        ("| **Total downtime** | 47 minutes |", 47),
        ("| Time to recovery | about 2 hours |", 120),
    ],
)
def test_a_duration_in_a_table_of_fields(row: str, minutes: int) -> None:
    """6. A table of fields states the duration in a row of its own, as a field would."""
    value = facts(
        f"# CDN purge storm\n\n| Field | Value |\n| --- | --- |\n| Date | 2025-06-12 |\n{row}\n"
        "| Severity | High |\n"
    )
    assert value.duration() == (minutes, "stated-duration")


@pytest.mark.parametrize(
    ("cell", "minutes"),
    [("1h", 60), ("~3h15m", 195), ("45 minutes", 45)],
)
def test_a_duration_in_a_header_named_column(cell: str, minutes: int) -> None:
    """6. A one-row table whose header names the fields ("| Users affected | Outage
    duration |" over "| Everyone | 1h |") states the duration in the column the header
    names, even when the timeline's window is longer."""
    value = facts(
        "# Queue stall\n\n## Impact\n\n| Users affected | Tickets | Outage duration |\n"
        f"| :---: | :---: | :---: |\n| Everyone | 2 | {cell} |\n\n## Timeline\n\n"
        "2025-03-04 09:00 - Release 7.2 rolled out.\n\n2025-03-04 09:20 - Support reported "
        "stalled queues.\n\n2025-03-04 10:25 - All queues restored.\n"
    )
    assert value.duration() == (minutes, "stated-duration")


def test_a_table_row_that_names_no_duration_states_none() -> None:
    value = facts(
        "# CDN purge storm\n\n| Field | Value |\n| --- | --- |\n| Date | 2025-06-12 |\n"
        "| Retention | 14 days |\n"
    )
    assert value.durations == []


@pytest.mark.parametrize(
    ("told", "detected"),
    [
        ("Within 37 minutes a user noticed strange code and opened an issue.", "11:17"),
        ("Ten minutes later the on-call engineer was paged.", "10:50"),
        ("Half an hour afterwards a customer reported failing installs.", "11:10"),
        # a time written beside it is the moment itself
        ("A minute later, at 10:45 UTC, the alert fired.", "10:45"),
    ],
)
def test_a_time_told_relative_to_the_one_before(told: str, detected: str) -> None:
    """2/5. "ten minutes later", "within 37 minutes": a step told relative to the time before
    it in the paragraph has that time plus the amount."""
    value = facts(
        "# Malicious release\n\nOn 2018-07-12 at 10:40 UTC an attacker published a malicious "
        f"version with a stolen token. {told} The version was unpublished at 11:52 UTC.\n"
    )
    assert iso(value, "detected") == f"2018-07-12T{detected}:00+00:00"


def test_within_a_span_of_something_else_is_no_time() -> None:
    value = facts(
        "# Malicious release\n\nOn 2018-07-12 at 10:40 UTC an attacker published a malicious "
        "version. Tokens expire within 30 minutes of their creation. The version was "
        "unpublished at 11:52 UTC.\n"
    )
    assert len([m for m in value.moments if m.has_time]) == 2


def test_closing_the_incident_after_the_stated_window_is_the_resolution() -> None:
    """5/7. The impact states its window; the resolution section says when the incident was
    closed: the window's end is the mitigation, the closing the resolution, and the
    duration is the window's."""
    value = facts(
        "# Balancer failure, 2021-01-30\n\n## Impact\n\nEverything behind the balancer was "
        "unreachable from 18:22 UTC until 19:15 UTC.\n\n## Resolution\n\nSupport recreated "
        "the balancer at 19:15 UTC. We verified all services and closed the incident at "
        "19:40 UTC.\n"
    )
    assert iso(value, "mitigated") == "2021-01-30T19:15:00+00:00"
    assert iso(value, "resolved") == "2021-01-30T19:40:00+00:00"
    assert value.duration() == (53, "range")


def test_without_a_closing_the_window_ends_both() -> None:
    value = facts(
        "# Balancer failure, 2021-01-30\n\n## Impact\n\nEverything behind the balancer was "
        "unreachable from 18:22 UTC until 19:15 UTC.\n\n## Resolution\n\nWe verified all "
        "services at 19:40 UTC.\n"
    )
    assert iso(value, "resolved") == "2021-01-30T19:15:00+00:00"


def test_numbered_update_headings_are_an_update_log() -> None:
    """5. "### Update 4 — 2022-04-05 17:10 UTC" over what the update said: a numbered update
    log, newest first, is a timeline."""
    value = facts(
        "# Degraded builds\n\n## Status updates\n\n### Update 3 — 2022-04-05 17:10 UTC\n\n"
        "All queued builds are processed. This incident is resolved.\n\n"
        "### Update 2 — 2022-04-05 16:05 UTC\n\nRunners are back; queued builds are being "
        "processed again.\n\n### Update 1 — 2022-04-05 14:40 UTC\n\nWe are investigating "
        "reports of builds stuck in the queue since 14:10 UTC.\n"
    )
    assert iso(value, "start") == "2022-04-05T14:10:00+00:00"
    assert iso(value, "detected") == "2022-04-05T14:40:00+00:00"
    assert iso(value, "mitigated") == "2022-04-05T16:05:00+00:00"
    assert iso(value, "resolved") == "2022-04-05T17:10:00+00:00"


def test_a_table_whose_header_names_the_fields() -> None:
    """1. "| Start | End | Duration |" over one row of values: each value is the field its
    column names."""
    value = facts(
        "# CI outage\n\n## Impact\n\n| Start | End | Duration | Affected |\n| --- | --- | --- | "
        "--- |\n| 2022-04-05 14:00 UTC | 2022-04-05 15:05 UTC | 65 min | all CI jobs |\n\n"
        "## Timeline\n\n- 14:00 the cloud provider is out of capacity; jobs fail.\n- 14:20 "
        "developers report failing jobs.\n- 15:05 runners switched to another type.\n"
    )
    assert value.provenance["start"] == "field"
    assert iso(value, "resolved") == "2022-04-05T15:05:00+00:00"
    assert iso(value, "mitigated") == "2022-04-05T15:05:00+00:00"


@pytest.mark.parametrize(
    ("told", "mitigated"),
    [("Nodes replaced; services recover", True), ("We plan how to recover the data", False)],
)
def test_services_that_recover_in_the_present_have_recovered(told: str, mitigated: bool) -> None:
    """5. Timelines told in the present: "services recover"."""
    value = facts(
        "# Cascading failures\n\n## Timeline (2021-07-11, all times UTC)\n\n| Time | Event |\n"
        "| ---- | ----- |\n| 13:51 | Node A goes NotReady after a kernel panic |\n| 13:58 | "
        f"Bot and site offline; users report it |\n| 14:40 | {told} |\n| 15:05 | Monitoring "
        "looked at; notes taken |\n"
    )
    assert (iso(value, "mitigated") == "2021-07-11T14:40:00+00:00") is mitigated


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("This caused 40min of total outage.", 40),
        ("It resulted in about 40 minutes of partial unavailability.", 40),
    ],
)
def test_an_amount_of_a_qualified_outage_states_how_long(text: str, minutes: float) -> None:
    """6. "40min of total outage", "40 minutes of partial unavailability"."""
    assert [s.minutes for s in stated_durations(text)] == [minutes]


# Front-matter fields named in any of the usual spellings ----------------------------------


@pytest.mark.parametrize(
    ("opened", "closed"),
    [
        ("startedAt", "resolvedAt"),
        ("impact_start_time", "resolved-date"),
        ("Incident Start", "EndTime"),
        ("began_on", "resolution_timestamp"),
    ],
)
def test_front_matter_milestone_keys_in_any_case_or_separator(opened: str, closed: str) -> None:
    value = facts(
        f"---\ntitle: Queue stall\n{opened}: 2024-03-01T09:10:00Z\n"
        f"{closed}: 2024-03-01T11:40:00Z\n---\n"
        "# Queue stall\n\nThe job queue stopped draining and uploads piled up.\n"
    )
    assert iso(value, "start") == "2024-03-01T09:10:00+00:00"
    assert iso(value, "resolved") == "2024-03-01T11:40:00+00:00"
    assert value.provenance["start"] == "front-matter"
    assert value.provenance["resolved"] == "front-matter"
    assert value.duration() == (150, "milestones")


def test_a_front_matter_day_alone_is_that_day_and_a_flag_is_no_moment() -> None:
    value = facts(
        "---\ntitle: Mail backlog\ndate: 2024-03-06\nresolved: true\n"
        "resolvedDate: 2024-03-04\n---\n"
        "# Mail backlog\n\nOn March 3, 2024, outgoing mail queued for hours after a relay "
        "lost its credentials.\n"
    )
    assert iso(value, "resolved") == "2024-03-04T00:00:00"
    assert value.provenance["resolved"] == "front-matter"
    assert not value.milestones["resolved"].has_time  # type: ignore[union-attr]


def test_front_matter_keys_that_only_contain_a_milestone_word_are_not_milestones() -> None:
    value = facts(
        "---\ntitle: Cache flush\nlast_updated: 2024-03-09T10:00:00Z\n"
        "endpoint_date: 2024-03-09T12:00:00Z\n---\n"
        "# Cache flush\n\nA cache flush emptied the session store.\n"
    )
    assert value.milestones["start"] is None
    assert value.milestones["resolved"] is None


# 7. Several windows, each told with its own duration, add up -------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        (
            "Uploads failed twice. The first outage lasted 38 minutes; the second, after "
            "lunch, lasted 22 minutes.",
            [60],
        ),
        ("Search was down for 25 minutes. Another outage of 10 minutes followed at dusk.", [35]),
        (
            "The brownout lasted 2 hours. Another incident later that month lasted 9 minutes.",
            [120, 9],
        ),
        ("The queue stalled for 15 minutes, for a second time that week.", [15]),
    ],
)
def test_later_windows_told_in_their_own_sentences_add_to_the_first(
    text: str, minutes: list[float]
) -> None:
    assert [s.minutes for s in stated_durations(text)] == minutes


def test_the_duration_is_the_sum_of_the_windows_each_told_with_its_duration() -> None:
    value = facts(
        "# Upload failures\n\n## Summary\n\nUploads failed twice on 2024-04-02. The first "
        "outage lasted 38 minutes; the second, after lunch, lasted 22 minutes.\n\n"
        "## Timeline (UTC)\n\n- 09:02 - uploads start failing\n- 09:10 - an alert pages the "
        "on-call\n- 09:40 - disk cleared, uploads succeed again\n- 13:15 - uploads fail again\n"
        "- 13:37 - second disk cleared, uploads succeed again\n"
    )
    assert value.duration() == (60, "stated-duration")


# 4. Relative days: a timeline carried past midnight still lands on the day it names ---------


@pytest.mark.parametrize(
    ("first", "second", "third"),
    [
        ("Yesterday, 21:40", "Yesterday, 21:55", "Today, 06:50"),
        ("Last night at 21:40", "21:55", "This morning at 06:50"),
    ],
)
def test_yesterday_and_today_in_a_timeline_that_crosses_midnight(
    first: str, second: str, third: str
) -> None:
    value = facts(
        "---\ndate: 2024-11-02\n---\n# Mail relay down\n\n## Timeline (UTC)\n\n"
        f"- {first} - the relay's certificate expires and outgoing mail bounces\n"
        f"- {second} - an alert pages the on-call engineer\n"
        f"- {third} - a new certificate is installed and mail flows again\n"
    )
    assert iso(value, "start") == "2024-11-01T21:40:00+00:00"
    assert iso(value, "mitigated") == "2024-11-02T06:50:00+00:00"
    assert value.duration() == (550, "milestones")


def test_times_after_the_next_morning_in_a_paragraph_go_on_that_day() -> None:
    value = facts(
        "# Invoice run failed\n\n## Summary\n\nOn 2024-03-12 at 19:20 UTC the nightly invoice "
        "run started failing after a driver upgrade. Billing staff noticed the next morning at "
        "07:50 UTC, and the driver was rolled back at 08:30 UTC, after which invoices were "
        "generated again.\n"
    )
    assert iso(value, "start") == "2024-03-12T19:20:00+00:00"
    assert iso(value, "detected") == "2024-03-13T07:50:00+00:00"
    assert iso(value, "mitigated") == "2024-03-13T08:30:00+00:00"
    assert value.duration() == (790, "milestones")


def test_a_next_morning_time_the_clock_did_not_carry_moves_the_times_after_it() -> None:
    # 17:45, then 08:40 "the next morning": past 08:00 the clock alone does not cross midnight
    value = facts(
        "# Invoice run failed\n\n## Summary\n\nOn 2024-03-12 at 17:45 UTC the nightly invoice "
        "run started failing after a driver upgrade. Billing staff noticed the next morning at "
        "08:40 UTC, and the driver was rolled back at 09:10 UTC, after which invoices were "
        "generated again.\n"
    )
    assert iso(value, "detected") == "2024-03-13T08:40:00+00:00"
    assert iso(value, "mitigated") == "2024-03-13T09:10:00+00:00"
