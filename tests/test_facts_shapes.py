"""Shapes of writing that real postmortems use and the facts missed, each a class written for
this repository: status updates under headings of their own, zones named in words in a
heading, a metric that returns to zero, what users could not do for how long, a day told
relative to the day of writing, a date year first with slashes, symptoms that stop, an
issue opened by a user."""

from __future__ import annotations

import datetime as dt

import pytest

from pmlint.config import load_config
from pmlint.extract.durations import stated_durations
from pmlint.extract.milestones import attempted, recovered_again
from pmlint.extract.timeline import Timeline
from pmlint.extract.timestamps import find_stamps, four_digit_clock
from pmlint.parse import parse_document
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_status_updates_each_under_their_own_heading_are_a_timeline() -> None:
    value = facts(
        "# Slow builds\n\n### Resolved\n\nThis incident has been resolved.\n"
        "Posted Apr 2, 2024 - 11:40 UTC\n\n### Update\n\nA fix is out and builds are recovering.\n"
        "Posted Apr 2, 2024 - 11:05 UTC\n\n### Investigating\n\n"
        "We are investigating slow builds for some projects.\nPosted Apr 2, 2024 - 10:12 UTC\n"
    )
    assert iso(value, "start") == "2024-04-02T10:12:00+00:00"
    assert iso(value, "resolved") == "2024-04-02T11:40:00+00:00"


def test_a_single_posted_section_is_no_update_log() -> None:
    value = facts(
        "# Slow builds\n\n## Summary\n\nBuilds were slow.\n\n### Note\n\n"
        "We wrote this note after the fact.\nPosted Apr 2, 2024 - 11:40 UTC\n"
    )
    assert value.events == []


def test_a_zone_named_in_words_in_the_timeline_heading_carries() -> None:
    value = facts(
        "# Site down\n\nWritten 2021-10-05.\n\n## Timeline (Pacific time)\n\n"
        "- 8:55am: load balancer upgraded\n- 9:01am: site returns 502 errors\n"
        "- 9:36am: rolled back, site is back up\n"
    )
    assert iso(value, "start") == "2021-10-05T08:55:00-07:00"
    assert value.timezone == "Pacific time"


def test_an_error_rate_that_returns_to_zero_is_a_recovery() -> None:
    value = facts(
        "# Uploads failing\n\n## Timeline\n\n- 2023-06-14 11:03 UTC first upload failures\n"
        "- 2023-06-14 11:15 UTC alert fires on the upload error rate\n"
        "- 2023-06-14 11:41 UTC upload error rate returns to 0\n"
    )
    assert iso(value, "mitigated") == "2023-06-14T11:41:00+00:00"


@pytest.mark.parametrize(
    ("told", "minutes"),
    [
        ("Customers were unable to sign in for 52 minutes.", [52.0]),
        ("Builds could not start for two hours and 10 minutes.", [130.0]),
        ("The worker could not reach the queue for 30 seconds at a time.", []),
        ("We were not paged for 20 minutes.", []),
    ],
)
def test_what_users_could_not_do_and_for_how_long_is_a_duration(
    told: str, minutes: list[float]
) -> None:
    assert [s.minutes for s in stated_durations(told)] == minutes


RELATIVE = """\
---
date: 2024-03-02
---
# DNS incident

Yesterday at 18:20 UTC a bad record was pushed and the domain stopped resolving. Monitoring
alerted us at 18:27 UTC. The record was corrected at 18:49 UTC.

Today at 09:00 UTC we published this review.
"""


def test_a_day_told_relative_to_the_day_of_writing_moves_its_times() -> None:
    value = facts(RELATIVE)
    assert iso(value, "start") == "2024-03-01T18:20:00+00:00"
    assert iso(value, "detected") == "2024-03-01T18:27:00+00:00"


def test_a_weekday_names_the_day_before_the_post() -> None:
    value = facts(RELATIVE.replace("Yesterday at", "On Thursday at"))
    assert iso(value, "start") == "2024-02-29T18:20:00+00:00"


def test_a_relative_word_does_not_move_a_dated_incident() -> None:
    value = facts(RELATIVE.replace("Yesterday at 18:20", "On 2024-02-20 at 18:20"))
    assert iso(value, "start") == "2024-02-20T18:20:00+00:00"


def test_a_date_written_year_first_with_slashes_is_a_date() -> None:
    (stamp,) = find_stamps("**2019/01/23 10:20 PST**: webhook pods crash")
    assert (stamp.date, stamp.time, stamp.zone) == (dt.date(2019, 1, 23), dt.time(10, 20), "PST")
    assert find_stamps("see /api/2019/01/23x and 3/11/2024")[-1].date == dt.date(2024, 3, 11)


def test_symptoms_that_stop_in_the_present_tense_end_the_impact() -> None:
    value = facts(
        "# Checkout\n\n## Timeline\n\nAll times UTC, on 2023-03-03.\n\n- 10:00 - deployed v5\n"
        "- 10:03 - errors on checkout\n- 10:05 - pager alert\n- 10:12 - reverted to v4\n"
        "- 10:14 - errors stop\n"
    )
    assert iso(value, "resolved") == "2023-03-03T10:14:00+00:00"


def test_a_user_who_opens_an_issue_tells_of_the_incident() -> None:
    value = facts(
        "# Metrics outage, 2021-11-30\n\n## Timeline\n\nAll times in UTC.\n\n"
        "- 08:12 ingestion workers begin failing to insert rows\n"
        "- 09:40 a user opened an issue saying their dashboards were empty\n"
        "- 10:05 migration reverted, ingestion back to normal\n"
    )
    assert iso(value, "detected") == "2021-11-30T09:40:00+00:00"


def test_a_change_that_failed_is_no_trigger() -> None:
    value = facts(
        "# Broken deploys\n\n## Timeline (PDT)\n\nOn 2020-04-16:\n\n"
        "- 10:02 CI runner image upgraded\n"
        "- 10:30 first deploy fails with a permissions error\n- 11:10 developer reports it\n"
        "- 15:05 image rolled back; deploys work again\n"
    )
    assert iso(value, "start") == "2020-04-16T10:02:00-07:00"


def test_an_engineer_woken_by_pages_detects_it() -> None:
    value = facts(
        "# Sync outage\n\n## Timeline\n\nAll times UTC.\n\n- 2021-12-09 06:00 sync requests fail\n"
        "- 2021-12-09 07:45 engineer on call wakes up to pages\n"
        "- 2021-12-09 09:00 sync traffic recovers\n"
    )
    assert iso(value, "detected") == "2021-12-09T07:45:00+00:00"


def test_blocked_for_a_time_is_a_duration() -> None:
    assert [s.minutes for s in stated_durations("Deploys were blocked for about 5 hours.")] == [
        300.0
    ]


@pytest.mark.parametrize(
    ("told", "recovered"),
    [
        ("Traffic was drained from the bad hosts, ending the customer impact.", True),
        ("Customers were able to use the API again.", True),
        ("Users were not able to log in again.", False),
        ("The nightly job kept ending in errors.", False),
    ],
)
def test_impact_that_ends_in_other_words(told: str, recovered: bool) -> None:
    assert recovered_again(told) is recovered


@pytest.mark.parametrize(
    ("told", "recovered"),
    [
        ("14:11 launches succeed", True),
        ("payments go through", True),
        ("the page loads slowly", False),
        ("the deploy succeeded", False),
    ],
)
def test_what_users_do_succeeds(told: str, recovered: bool) -> None:
    assert recovered_again(told) is recovered


def test_a_zone_before_a_spaced_dash_is_no_offset() -> None:
    stamps = find_stamps("The API was down 2022-05-10 14:00 UTC - 15:05 UTC.")
    assert [s.zone for s in stamps] == ["UTC", "UTC"]
    assert find_stamps("at 14:00 UTC+2")[0].zone == "UTC+2"
    value = facts("# Outage\n\n## Summary\n\nThe API was down 2022-05-10 14:00 UTC - 15:05 UTC.\n")
    assert value.duration() == (65, "range")


def test_status_codes_that_stop_end_the_impact() -> None:
    assert recovered_again("00:41 503s stop")
    assert recovered_again("5xx subsided")


def test_slashed_dates_read_the_way_that_keeps_a_timeline_together() -> None:
    value = facts(
        "# Cache failure\n\n## Timeline\n\nAll times are UTC.\n\n"
        "05/01/2023 22:52 - origin overloaded, 503s served\n05/01/2023 23:05 - alert fires\n"
        "06/01/2023 00:41 - 503s stop\n"
    )
    assert iso(value, "start") == "2023-01-05T22:52:00+00:00"
    assert iso(value, "resolved") == "2023-01-06T00:41:00+00:00"
    us = facts(
        "# Cache failure\n\n## Timeline\n\nAll times are UTC.\n\n"
        "03/01/2023 22:52 - origin overloaded, 503s served\n03/01/2023 23:05 - alert fires\n"
        "03/02/2023 00:41 - 503s stop\n"
    )
    assert iso(us, "resolved") == "2023-03-02T00:41:00+00:00"


def test_a_range_of_days_with_one_month_and_year_dates_both_days() -> None:
    first, second = find_stamps("On the night of January 5-6, 2023 our CDN served errors.")
    assert (first.date, second.date) == (dt.date(2023, 1, 5), dt.date(2023, 1, 6))
    first, second = find_stamps("from 5–6 May 2021")
    assert (first.date, second.date) == (dt.date(2021, 5, 5), dt.date(2021, 5, 6))
    value = facts(
        "# Cache failure\n\n## Summary\n\nOn the night of January 5-6, 2023 our CDN served "
        "errors.\n\n## Timeline (UTC)\n\n* 22:52 origin overloaded, 503s served\n"
        "* 23:05 alert fires\n* 00:41 503s stop\n"
    )
    assert iso(value, "start") == "2023-01-05T22:52:00+00:00"
    assert iso(value, "resolved") == "2023-01-06T00:41:00+00:00"


def test_confirmations_after_a_mitigation_that_says_finished_end_the_incident() -> None:
    value = facts(
        "# Outage\n\n## Timeline\n\n### 2023-02-02\n\n**14:02** deploy of v3.1 started\n\n"
        "**14:06** error rate climbs to 40%\n\n**14:09** on-call paged\n\n"
        "**14:31** rollback finished\n\n**14:33** error rate back to baseline\n\nAll times UTC.\n"
    )
    assert iso(value, "mitigated") == "2023-02-02T14:31:00+00:00"
    assert iso(value, "resolved") == "2023-02-02T14:33:00+00:00"


def test_a_timeline_item_is_an_entry_wherever_its_time_is_written() -> None:
    value = facts(
        "# Outage 2023-02-02\n\n## Timeline\n\nAll times UTC.\n\n"
        "- Deploy of v3.1 started (14:02)\n- Error rate climbs to 40% (14:06)\n"
        "- The on-call engineer was paged at 14:09.\n- Rollback finished (14:31)\n"
    )
    assert len(value.events) == 4
    assert iso(value, "start") == "2023-02-02T14:02:00+00:00"
    assert iso(value, "detected") == "2023-02-02T14:09:00+00:00"


def test_an_hour_without_pm_after_an_afternoon_time_keeps_the_afternoon() -> None:
    value = facts(
        "# Outage\n\n## Timeline\n\n- 2020-06-16 1:00 PM ET: locator starts failing\n"
        "- 4:00 ET: users report errors\n- 4:30 ET: service restored\n"
    )
    assert iso(value, "detected") == "2020-06-16T16:00:00-04:00"
    morning = facts(
        "# Outage\n\n## Timeline\n\n- 2020-06-16 1:00 PM ET: locator starts failing\n"
        "- 14:00 ET: users report errors\n- 04:30 ET: service restored\n"
    )
    assert [e.moment.when.hour for e in morning.events if e.moment.when] == [13, 14, 4]


def test_a_timeline_that_goes_back_hours_on_the_clock_is_on_the_next_day() -> None:
    value = facts(
        "# Outage\n\nDate: 2022-03-14\n\n## Timeline (UTC)\n\n### Day 1\n\n"
        "- 14:00 storage migration starts\n- 16:20 first reports of slow uploads\n\n"
        "### Day 2\n\n- 09:10 uploads failing for 20% of users\n- 11:30 uploads back to normal\n"
    )
    assert iso(value, "start") == "2022-03-14T14:00:00+00:00"
    assert iso(value, "resolved") == "2022-03-15T11:30:00+00:00"
    minutes = facts(
        "# Outage\n\nDate: 2022-03-14\n\n## Timeline (UTC)\n\n- 14:00 migration starts\n"
        "- 14:20 uploads fail\n- 14:05 (told late) the migration had paused the index\n"
    )
    assert [e.moment.when.day for e in minutes.events if e.moment.when] == [14, 14, 14]


TTD = """\
# Supply-chain incident

## Timeline

All times in UTC.

| Time | Event |
| --- | --- |
| 2021-05-10 00:00 | new code committed to a package we depend on |
| 2021-05-21 08:37 | engineer notified by social media of the malicious package |
| 2021-05-21 11:20 | dependency pinned to the safe version |

## Stats

- Time to detection: 11 Days
"""


def test_a_stated_time_to_detect_places_the_start_on_its_entry() -> None:
    value = facts(TTD)
    assert iso(value, "start") == "2021-05-10T00:00:00+00:00"
    assert iso(value, "detected") == "2021-05-21T08:37:00+00:00"


def test_a_time_to_detect_that_lands_on_no_entry_changes_nothing() -> None:
    value = facts(TTD.replace("11 Days", "3 hours"))
    assert iso(value, "start") == "2021-05-21T08:37:00+00:00"


def test_a_lasting_fix_after_a_mitigation_that_solved_it_does_not_lengthen_the_impact() -> None:
    text = (
        "# DNS crash loop\n\n## Timeline\n\nAll times in CET.\n\n| Time | Event |\n| --- | --- |\n"
        "| 2020-02-03 11:21 | upgrade makes the DNS pods crash loop |\n"
        "| 2020-02-03 11:52 | DNS manually downgraded, which solved the issue |\n"
        "| 2020-02-03 13:30 | DNS upgraded again and issue permanently fixed |\n"
    )
    assert facts(text).duration() == (31, "milestones")
    assert facts(text.replace("permanently fixed", "fixed")).duration() == (129, "milestones")


FOUR_DIGITS = """\
## Summary

Date: ~Thur 3 Nov 2016 (~1727) to Thur 3 Nov 2016 (~1900) (~1.5 hours)

## How was it fixed

### Thur 3 Nov 2016

~1442: a change to the icon service was deployed that broke tinting.

1727 : a reader noticed that the icons had turned black and told the team.

[1837](https://example.com/pr/2): a fix was deployed.

~1900: all cached icon requests were purged and icons work again.
"""


def test_a_timeline_written_with_four_digit_times_is_read() -> None:
    value = facts(FOUR_DIGITS)
    assert [e.moment.when.strftime("%H%M") for e in value.events if e.moment.when] == [
        "1442",
        "1727",
        "1837",
        "1900",
    ]
    assert iso(value, "start") == "2016-11-03T14:42:00"
    assert iso(value, "detected") == "2016-11-03T17:27:00"


def test_a_window_in_one_field_opened_when_noticed_keeps_the_storys_start() -> None:
    value = facts(FOUR_DIGITS)
    assert value.duration() == (93, "range")
    assert iso(value, "resolved") == "2016-11-03T19:00:00"


def test_four_digits_are_no_time_where_the_document_does_not_write_times_so() -> None:
    assert find_stamps("2016: moved to the new host") == []
    assert [s.time for s in find_stamps("1738: posted", clock4=True)] == [dt.time(17, 38)]
    assert four_digit_clock("1738: a\n\n~1808: b\n") and not four_digit_clock("2016: moved\n")


def test_a_weekday_written_thur_opens_a_date() -> None:
    (stamp,) = find_stamps("### Thur 3 Nov 2016")
    assert stamp.date == dt.date(2016, 11, 3)


def test_starting_to_work_is_working() -> None:
    assert not attempted("images started working once again")
    assert not attempted("the network began to recover")
    assert attempted("began working on the rollback")
    assert attempted("started the rollback")


def test_a_recovery_followed_by_an_investigation_of_its_cause_is_a_recovery() -> None:
    value = facts(
        "# Site down\n\n## Timeline\n\n- 2021-05-26 04:52 PM UTC site is down, engineers get "
        "alarms\n- 2021-05-26 05:45 PM UTC CI pipelines repaired, site begins to recover\n"
        "- 2021-05-26 06:00 PM UTC site is fully recovered and support engineers begin "
        "investigation into the bug\n"
    )
    assert iso(value, "mitigated") == "2021-05-26T17:45:00+00:00"
    assert iso(value, "resolved") == "2021-05-26T18:00:00+00:00"


STALL = """\
## Issue summary

On May 9th 2021 at 6:48AM PDT, the chain stopped making blocks, and then advanced slowly
until the hotfix was released.

## Timeline (Japan time)

- 21:48 (6:48 PDT): the last block before the stall was made.
- 22:11: I looked at my node and realized it was not synced.
- 23:19: the hotfix branch was created.
- 02:18: The final release was published and users were told to upgrade.
"""


def test_a_zone_named_by_its_country_and_a_time_in_another_zone_beside_it() -> None:
    value = facts(STALL)
    assert value.timezone == "Japan time"
    assert iso(value, "start") == "2021-05-09T21:48:00+09:00"
    assert iso(value, "detected") == "2021-05-09T22:11:00+09:00"


def test_what_follows_until_tells_the_end_not_the_time_before_it() -> None:
    value = facts(STALL)
    assert iso(value, "mitigated") == "2021-05-10T02:18:00+09:00"


def test_a_window_across_midnight_in_the_summary_does_not_move_the_timeline() -> None:
    value = facts(
        "# Network outage (2024-12-19/20)\n\n## Summary\n\nThe incident lasted about 95 "
        "minutes (23:55 UTC to 01:30 UTC).\n\n## Timeline\n\n- 23:55 UTC: change started\n"
        "- ~23:56 UTC: connectivity loss detected\n- 01:30 UTC: service restored by rollback\n"
    )
    assert iso(value, "detected") == "2024-12-19T23:56:00+00:00"
    assert iso(value, "resolved") == "2024-12-20T01:30:00+00:00"


def test_what_a_chain_makes_again_is_a_recovery() -> None:
    assert recovered_again("7:42 PM - New blocks being created again")


def test_moving_some_to_a_new_node_is_no_partial_recovery() -> None:
    assert not attempted("This restarts the workers, and moves a few to a new node. Things return")
    assert attempted("Service restored for some users")


def test_a_service_back_for_a_moment_then_back_online_for_good() -> None:
    value = facts(
        "# Database outage\n\nThe incident lasted approximately 1-hour 25-minutes.\n\n"
        "## Timeline\n\n* 2023-02-15 10:29 AM EST - first database errors, the site is down\n"
        "* 2023-02-15 10:34 AM EST - the site returns online for a brief moment\n"
        "* 2023-02-15 10:38 AM EST - database unreachable again\n"
        "* 2023-02-15 11:28 AM EST - support acknowledges the ticket\n"
        "* 2023-02-15 12:09 PM EST - last observed database error, the site returns online\n"
    )
    assert iso(value, "mitigated") == "2023-02-15T12:09:00-05:00"
    assert value.duration() == (85, "stated-duration")


def test_a_recovery_the_impact_came_back_after_is_not_the_mitigation() -> None:
    value = facts(
        "# Cache outage\n\n## Timeline\n\nAll times UTC.\n\n"
        "* 2023-01-19 18:48 - first out-of-memory errors, users logged out\n"
        "* 2023-01-19 18:57 - first user report\n"
        "* 2023-01-19 22:23 - service observed as restored\n"
        "* 2023-01-19 22:29 - OOM errors started reoccurring\n"
        "* 2023-01-20 07:36 - users report that rolls work again\n"
    )
    assert iso(value, "mitigated") == "2023-01-20T07:36:00+00:00"


NOTICE = """\
---
title: Director client down
date: 2022-11-15T15:00:00-04:00
resolved: false
---
<p>
<b>Initial Announcement, November 15, 3:00pm:</b><br>
Starting around noon on November 15, the director client has experienced downtime. We are
aware of the issue and are working to fix it.
</p>
"""


def test_a_notice_written_in_html_is_read_and_noon_is_a_time() -> None:
    value = facts(NOTICE)
    assert iso(value, "start") == "2022-11-15T12:00:00"


def test_html_blocks_stay_out_of_the_blocks_the_checks_read() -> None:
    doc = parse_document("notice.md", NOTICE, load_config(None).catalog)
    assert not any("director client" in b.text for b in doc.blocks)
    assert [h.info for h in doc.root.html_blocks] == ["html"]


def test_noon_is_a_time_only_after_a_word_that_makes_it_one() -> None:
    assert [s.time for s in find_stamps("until noon UTC")] == [dt.time(12)]
    assert find_stamps("the job runs at midnight, before a noon deploy") == []


def test_a_sentence_that_opens_with_when_it_began_states_the_start() -> None:
    value = facts(
        "# Ion errors\n\n**Initial update, October 18 2022, 7:52pm EDT:** Starting at 11pm EDT "
        "on October 17 2022, Ion responded with 500 errors after a routine deployment.\n"
    )
    assert iso(value, "start") == "2022-10-17T23:00:00-04:00"


def test_a_notice_still_open_has_no_resolution() -> None:
    text = (
        "---\ntitle: Ion errors\ndate: 2022-10-18T19:52:46-04:00\nresolved: false\n---\n"
        "Starting at 11pm on October 17 2022, Ion responded with 500 errors. This was "
        "resolved at 10:30am on October 18 2022, but minor issues persist.\n"
    )
    value = facts(text)
    assert value.milestones["resolved"] is None
    assert iso(value, "mitigated") == "2022-10-18T10:30:00"
    closed = facts(text.replace("resolved: false", "resolved: true"))
    assert iso(closed, "resolved") == "2022-10-18T10:30:00"


@pytest.mark.parametrize(
    ("told", "time"),
    [
        ("at 3:10 in the afternoon", dt.time(15, 10)),
        ("at 9:10 in the morning", dt.time(9, 10)),
        ("at 11:20 at night", dt.time(23, 20)),
        ("at 2:30 at night", dt.time(2, 30)),
        ("at 14:10 in the afternoon", dt.time(14, 10)),
    ],
)
def test_the_part_of_the_day_written_after_a_time_is_its_am_or_pm(told: str, time: dt.time) -> None:
    assert [s.time for s in find_stamps(told)] == [time]


def test_a_twelve_hour_timeline_through_noon_keeps_the_afternoon() -> None:
    value = facts(
        "# Outage\n\n## Timeline (UTC)\n\n- 2023-04-04 11:50 AM deploy starts\n"
        "- 12:10 errors on checkout\n- 1:05 rollback done, checkout works again\n"
    )
    assert [e.moment.when.hour for e in value.events if e.moment.when] == [11, 12, 13]
    late = facts(
        "# Outage\n\n## Timeline (UTC)\n\n- 2023-04-04 11:50 AM deploy starts\n"
        "- 11:20 (told late) a warning had fired\n- 09:05 a 24-hour time\n"
    )
    assert [e.moment.when.hour for e in late.events if e.moment.when] == [11, 11, 9]


def test_a_report_told_the_same_day_as_the_date_before_it_is_the_detection() -> None:
    text = (
        "# Release retro\n\n## Background\n\nOn Monday, March 8th, 2021, we shipped "
        "version 7.2. Within a few hours, some users reported that it failed to "
        "boot.\n"
    )
    value = facts(text)
    assert iso(value, "detected") == "2021-03-08T00:00:00"
    later = facts(text.replace("Within a few hours", "Weeks later"))
    assert later.milestones["detected"] is None


def test_a_post_that_learned_of_it_this_afternoon_detected_it_on_its_own_day() -> None:
    text = (
        '+++\ntitle = "Export bug"\n+++\n\nWe were alerted this afternoon that '
        "our backup tool had copied rows it was meant to skip.\n"
    )
    value = facts(text, "2020-11-03-export-bug.md")
    assert iso(value, "detected") == "2020-11-03T00:00:00"
    yesterday = facts(text.replace("this afternoon", "yesterday"), "2020-11-03-export-bug.md")
    assert iso(yesterday, "detected") == "2020-11-02T00:00:00"


def test_a_field_named_time_of_incident_is_the_start() -> None:
    value = facts(
        "# Outage\n\n## Summary\n\nThe API failed.\n\n- **Time of incident:** 2022-03-01 10:00 UTC"
        "\n- **Time of detection:** 2022-03-01 10:20 UTC\n"
        "- **Time of resolution:** 2022-03-01 11:00 UTC\n"
    )
    assert iso(value, "start") == "2022-03-01T10:00:00+00:00"
    assert value.duration() == (60, "milestones")


def test_a_month_and_year_in_the_prose_gives_yearless_dates_their_year() -> None:
    text = (
        "# Outage\n\n## Timeline\n\n| Day | Time (UTC) | Event |\n|---|---|---|\n"
        "| Tue 2 Feb | 22:45 | API errors climb |\n| | 23:05 | pager alert |\n"
        "| Wed 3 Feb | 00:25 | errors back to baseline |\n\nWritten in February 2021.\n"
    )
    assert iso(facts(text), "start") == "2021-02-02T22:45:00+00:00"
    two = text.replace("Written in February 2021.", "Written in February 2021, after March 2020.")
    assert not (iso(facts(two), "start") or "").startswith("2021")  # two years: no year


@pytest.mark.parametrize(
    "told", ["customer emails support about failing requests", "message in #ops about errors"]
)
def test_a_message_or_an_email_about_it_is_its_detection(told: str) -> None:
    value = facts(
        "# Outage\n\n## Timeline\n\nAll times UTC.\n\n"
        "- 2022-05-10 14:00 bad config deployed, API starts returning errors\n"
        f"- 2022-05-10 14:20 {told}\n- 2022-05-10 15:00 config reverted, API back to normal\n"
    )
    assert iso(value, "detected") == "2022-05-10T14:20:00+00:00"


@pytest.mark.parametrize(
    ("told", "recovered"),
    [
        ("DNS change propagated, site reachable", True),
        ("the API is up", True),
        ("errors are up 40%", False),
        ('a note that "the scripts on your site can be fetched" comes in', False),
    ],
)
def test_a_service_named_in_a_healthy_state(told: str, recovered: bool) -> None:
    assert recovered_again(told) is recovered


def test_customers_who_confirm_the_fix_and_monitoring_that_shows_recovery() -> None:
    for told in ("customers confirm the fix", "monitoring shows recovery"):
        value = facts(
            "# Outage\n\n## Timeline\n\nAll times UTC.\n\n"
            "- 2022-05-10 14:00 bad config deployed, API starts returning errors\n"
            f"- 2022-05-10 14:20 pager alert fires\n- 2022-05-10 15:00 {told}\n"
        )
        assert iso(value, "mitigated") == "2022-05-10T15:00:00+00:00"


@pytest.mark.parametrize(
    "timeline",
    [
        "### Day 1\n\n- 09:00 migration starts\n- 10:20 first reports of slow uploads\n\n"
        "### Day 2\n\n- 14:10 uploads failing\n- 15:30 uploads back to normal\n",
        "- 09:00 migration starts\n- 10:20 first reports of slow uploads\n"
        "- (next day) 14:10 uploads failing\n- 15:30 uploads back to normal\n",
    ],
)
def test_a_timeline_that_tells_its_days_in_words(timeline: str) -> None:
    value = facts(f"# Outage\n\nDate: 2022-03-14\n\n## Timeline (UTC)\n\n{timeline}")
    assert iso(value, "start") == "2022-03-14T09:00:00+00:00"
    assert iso(value, "resolved") == "2022-03-15T15:30:00+00:00"


@pytest.mark.parametrize("written", ["2024-03-02", "2 March 2024", "March 2, 2024"])
def test_a_weekday_written_with_its_date_names_that_date(written: str) -> None:
    # 2024-03-02 was a Saturday; "On Tuesday, <date>" names the date, whatever its weekday
    value = facts(
        f"---\ndate: 2024-03-02\n---\n# Queue stuck\n\nOn Tuesday, {written} from 10:05 to "
        "11:40 UTC the job queue stopped draining. We restarted the broker at 11:40 UTC.\n"
    )
    assert iso(value, "start") == "2024-03-02T10:05:00+00:00"


def test_an_update_note_dated_later_does_not_move_the_times_after_it() -> None:
    value = facts(
        "---\ndate: 2023-05-06\n---\n# Load balancer faults\n\nAt 09:10 UTC on 6 May the load "
        "balancer began dropping connections.\n\n**Update 9th May 2023:** the vendor moved our "
        "load balancer to a new host.\n\n## Timeline\n\n- 09:10 UTC alerts fire for failed "
        "health checks\n- 10:02 UTC the load balancer is restarted and traffic recovers\n"
    )
    assert iso(value, "start") == "2023-05-06T09:10:00+00:00"
    assert iso(value, "mitigated") == "2023-05-06T10:02:00+00:00"


def test_a_month_and_day_with_a_dash_before_a_time_is_a_date() -> None:
    (stamp,) = find_stamps("- [04-17 23:40] cache node drained")
    assert stamp.date is not None
    assert (stamp.date.month, stamp.date.day, stamp.time) == (4, 17, dt.time(23, 40))
    assert [s.date for s in find_stamps("pages 3-5 then 10:00")] == [None]


def test_a_day_told_as_before_the_incident_does_not_date_the_timeline() -> None:
    value = facts(
        "## 2022-11-04 registry outage\n\nThe registry was down from 08:10 UTC to 08:55 UTC.\n\n"
        "### What happened\n\nOn the previous day, 2022-11-03, we rotated the signing keys.\n\n"
        "### Timeline\n\n* **08:10 UTC** - pushes start failing with signature errors\n"
        "* **08:55 UTC** - the old key is restored and pushes succeed again\n"
    )
    assert iso(value, "start") == "2022-11-04T08:10:00+00:00"
    assert iso(value, "mitigated") == "2022-11-04T08:55:00+00:00"


@pytest.mark.parametrize(
    ("last", "resolved"),
    [
        ("- 2021-09-03 16:05 UTC all API keys issued before 11:00 are revoked\n", "16:05"),
        ("- 2021-09-03 16:05 UTC the broken image is removed from the mirror\n", "16:05"),
        ("- 2021-09-03 16:05 UTC we start trying to revoke the old keys\n", "12:40"),
        ("- 2021-09-04 16:05 UTC all API keys issued before 11:00 are revoked\n", "12:40"),
    ],
)
def test_more_work_done_after_the_mitigation_ends_the_incident(last: str, resolved: str) -> None:
    value = facts(
        "# Leaked key\n\n## Timeline\n\n- 2021-09-03 10:50 UTC a leaked key publishes a bad "
        "image\n- 2021-09-03 11:30 UTC a user reports the bad image\n"
        "- 2021-09-03 12:40 UTC the bad image is unpublished and installs work again\n" + last
    )
    assert iso(value, "resolved") == f"2021-09-03T{resolved}:00+00:00"


def test_a_list_of_times_that_goes_back_hours_goes_on_to_the_next_day() -> None:
    value = facts(
        "## Registry failures\n\n* **22:30 UTC (*May 3*)** - first pushes fail with timeouts\n"
        "* **09:10 UTC** - more pushes failing, on-call paged\n"
        "* **10:45 UTC** - the registry's cache is purged and pushes work again\n",
        "registry-2021-05-03.md",
    )
    assert iso(value, "start") == "2021-05-03T22:30:00+00:00"
    assert iso(value, "mitigated") == "2021-05-04T10:45:00+00:00"


def test_a_list_of_log_lines_a_few_minutes_out_of_order_is_no_timeline() -> None:
    value = facts(
        "## Registry failures\n\nThe log showed:\n\n- 09:12 worker 3 restarted\n"
        "- 09:05 worker 1 restarted\n- 09:14 worker 2 restarted\n",
        "registry-2021-05-03.md",
    )
    assert value.events == []


@pytest.mark.parametrize(
    ("later", "mitigated"),
    [
        ("- 2023-05-04 16:30 UTC second held payout is sent and succeeds\n", "16:30"),
        ("- 2023-05-04 16:30 UTC the remaining payouts are sent and all succeeded\n", "16:30"),
        ("- 2023-05-04 16:30 UTC postmortem meeting scheduled\n", "15:10"),
    ],
)
def test_the_first_of_several_recovering_is_not_yet_the_mitigation(
    later: str, mitigated: str
) -> None:
    value = facts(
        "# Stuck payouts\n\n## Timeline\n\n- 2023-05-03 22:00 UTC payouts stop being sent\n"
        "- 2023-05-04 08:00 UTC a user reports a missing payout\n"
        "- 2023-05-04 15:10 UTC first held payout is sent and succeeds\n" + later
    )
    assert iso(value, "mitigated") == f"2023-05-04T{mitigated}:00+00:00"


@pytest.mark.parametrize(
    ("title", "entries", "days"),
    [
        (
            "# April 9th, 2020 queue outage",
            "- [11-14 10:00] the retry bug ships\n- [04-08 09:00] config updated\n"
            "- [04-09 08:15] queue stops draining\n",
            ["2019-11-14", "2020-04-08", "2020-04-09"],
        ),
        (
            "# January 1st, 2021 queue outage",
            "- [12-31 23:50] queue stops draining\n- [01-01 00:40] workers restarted, queue "
            "drains again\n",
            ["2020-12-31", "2021-01-01"],
        ),
    ],
)
def test_a_yearless_date_takes_the_year_that_keeps_the_story_before_the_report(
    title: str, entries: str, days: list[str]
) -> None:
    value = facts(f"{title}\n\n## Timeline (UTC)\n\n{entries}")
    assert [e.moment.when.date().isoformat() for e in value.events if e.moment.when] == days


@pytest.mark.parametrize(
    "remedy", ["the on-call engineer rolls back the deploy", "ops restores the backup"]
)
def test_a_remedy_told_in_the_present_is_the_mitigation(remedy: str) -> None:
    value = facts(
        "# Deploy outage\n\n## Timeline\n\nAll times UTC on 2020-06-01.\n\n"
        "* [10:00] the deploy starts and the API returns 500 errors\n"
        "* [10:06] the on-call engineer notices the error alert\n"
        f"* [10:20] {remedy}\n* [11:40] the team reviews the deploy checklist\n"
    )
    assert iso(value, "mitigated") == "2020-06-01T10:20:00+00:00"


def test_front_matter_after_a_blank_line_still_dates_the_notice() -> None:
    value = facts(
        '\n---\ntitle: "Network fault"\ndate: 2023-04-28T10:39:00\nresolved: true\n'
        "resolvedWhen: 2023-04-28T11:26:00\n# pin: true\nsection: issue\n---\n\n"
        "# Network fault\n\nSeveral services are "
        "down, we are looking into it.\n"
    )
    assert iso(value, "start") == iso(value, "detected") == "2023-04-28T10:39:00"
    assert value.duration() == (47, "milestones")


def test_a_post_dated_by_created_at_dates_its_undated_times() -> None:
    value = facts(
        "<!-- copied from the team blog -->\n---\ntitle: Builds stalled\n"
        "created_at: Tue Mar 5 2019 10:00:00 CET\nlayout: post\n---\n"
        "Builds stopped starting at 06:40 UTC this morning. We noticed at 07:05 UTC, and "
        "builds were running again at 08:15 UTC.\n"
    )
    assert iso(value, "start") == "2019-03-05T06:40:00+00:00"
    assert iso(value, "mitigated") == "2019-03-05T08:15:00+00:00"


def test_a_yearless_day_told_again_is_the_day_written_with_its_year() -> None:
    value = facts(
        "# Queue outage\n\nOn June 17th, 2021 at about 18:00 UTC the queue went down.\n\n"
        "## Background\n\nOn July 30th, 2020 the disks were replaced and one index was damaged."
        "\n\n## What happened\n\nOn June 17th at around 18:00 UTC the damaged index blocked "
        "all writes. The queue accepted writes again at 20:15 UTC on June 18th, 2021.\n"
    )
    told_again = [m.when for m in value.moments if m.stamp.text == "June 17th"]
    assert [d.date().isoformat() for d in told_again if d] == ["2021-06-17"]
    assert iso(value, "start") == "2021-06-17T18:00:00+00:00"


@pytest.mark.parametrize(("still_open", "resolved"), [("false", None), ("true", "2022-03-02")])
def test_a_notice_still_open_has_no_end_and_a_change_announced_for_later_no_start(
    still_open: str, resolved: str | None
) -> None:
    value = facts(
        f"---\ntitle: Errors on the storage node\ndate: 2022-03-01T20:40:00Z\n"
        f"resolved: {still_open}\nresolvedWhen: 2022-03-02T04:10:00Z\n---\n"
        "*Note:* a scheduled disk migration will occur on 3/4 at 9 AM PST to fix the root "
        "cause.\n\n*Investigating* - We are looking into errors on one storage node.\n"
    )
    assert iso(value, "start") == "2022-03-01T20:40:00+00:00"
    found = iso(value, "resolved")
    assert (found[:10] if found else None) == resolved


@pytest.mark.parametrize("verified", ["Manual fix verified.", "The fix is confirmed by users."])
def test_a_fix_verified_is_the_mitigation(verified: str) -> None:
    value = facts(
        "# Bridge reset\n\n## Timeline\n\n* 2024-02-03 - 21:00 UTC - The bot deletes every "
        "room link.\n* 2024-02-04 - 06:15 UTC - Issue identified in a routine check.\n"
        f"* 2024-02-04 - 06:24 UTC - {verified}\n"
        "* 2024-02-04 - 07:10 UTC - Blog post started.\n"
    )
    assert iso(value, "mitigated") == "2024-02-04T06:24:00+00:00"


def test_a_status_notice_has_begun_by_its_first_update() -> None:
    value = facts(
        '---\ntitle: "Portal trouble"\ndate: 2023-05-02T09:30:00\nresolved: true\n'
        "resolvedWhen: 2023-05-02T14:00:00\n---\n\nThe newest update is on top.\n\n"
        "### Update 02.05.2023 14:00\n\nThe portal works again for everyone.\n\n"
        "### Update 02.05.2023 10:15\n\nAfter a crash of one storage node, the backups are "
        "being copied back.\n\n### Update 02.05.2023 09:00\n\nThe portal shows an empty page "
        "after login.\n"
    )
    assert iso(value, "start") == "2023-05-02T09:00:00"


def test_a_paragraph_that_names_its_weekday_and_day_of_the_month_moves_the_story_on() -> None:
    text = (
        "# A week of slow builds\n\n"
        "On Tuesday, June 4, 2024 around 09:10 UTC builds started failing to boot.\n\n"
        "We moved the workers to a new network, and at 11:30 UTC builds were running again.\n\n"
        "On Monday the 10th, we added capacity and the failures came back.\n\n"
        "A fix was deployed at 16:00 UTC and the incident was resolved.\n"
    )
    value = facts(text)
    assert iso(value, "resolved") == "2024-06-10T16:00:00+00:00"
    # a weekday that is not that day of the month moves nothing
    wrong = facts(text.replace("Monday the 10th", "Sunday the 10th"))
    assert iso(wrong, "resolved") == "2024-06-04T16:00:00+00:00"


def test_a_post_dated_with_its_year_after_the_time_in_front_matter_yaml_refuses() -> None:
    value = facts(
        "---\ntitle: Post-mortem: stalled builds\ncreated_at: Mon Sep 16 21:00:00 CEST 2019\n"
        "---\n"
        "Builds stalled today at 14:10 CEST. They ran again at 15:00 CEST.\n"
    )
    assert [m.when.isoformat() for m in value.moments if m.when] == [
        "2019-09-16T14:10:00+02:00",
        "2019-09-16T15:00:00+02:00",
    ]


def test_paragraphs_opening_with_their_weekday_put_a_posts_story_on_its_days() -> None:
    value = facts(
        "---\ntitle: Webhook delays\ncreated_at: 2019-09-16\n---\n"
        "Last Wednesday, in the afternoon, we saw a few webhook timeouts.\n\n"
        "On Thursday, things turned for the worse.\n\n"
        "At 8 pm CEST, webhooks failed and no deliveries were processed at all.\n\n"
        "We disabled the retries at 2:00 am CEST on Saturday morning.\n"
    )
    days = {m.stamp.text: m.when.date().isoformat() for m in value.moments if m.when}
    assert days["8 pm CEST"] == "2019-09-12"  # the Thursday before Monday 16 September
    assert days["2:00 am CEST"] == "2019-09-14"  # the Saturday, counted from the post's day
