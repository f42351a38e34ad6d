"""Cloud status notices of session 48 (issue 14): a mail archive's copies of a provider's
notices, where the careful reader takes no detection from the times the archive stamps or the
words of a notice. Each document is written for this repository."""

from __future__ import annotations

from pmlint.extract.timeline import Timeline
from pmlint.extract.timeline.model import Moment
from tests.conftest import check_json, facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def iso_moment(moment: Moment) -> str | None:
    return moment.when.isoformat() if moment.when else None


ARCHIVED_NOTICES = """\
Queue service errors in Europe

Example Cloud Status

unread,
Feb 9, 2021, 1:31:05 PM2/9/21
to queue-an...@example.org
We are investigating an issue with message delivery for queues in europe-north. We will
provide more information by 11:00 US/Pacific.

Example Cloud Status

unread,
Feb 9, 2021, 3:14:27 PM2/9/21
to queue-an...@example.org
The issue with message delivery for queues in europe-north has been resolved for all
affected projects as of Tuesday, 2021-02-09 11:36 US/Pacific. We will conduct an internal
investigation of this issue.

Example Cloud Status

unread,
Feb 12, 2021, 9:02:51 AM2/12/21
to queue-an...@example.org
ISSUE SUMMARY

On Tuesday 9 February 2021 from 10:05 to 11:40 PST, message delivery for queues in
europe-north failed for 14% of requests.
"""


def test_a_mail_archives_posting_lines_tell_no_step_of_the_incident() -> None:
    # "Feb 9, 2021, 3:14:27 PM2/9/21" is when the archive shows the message posted, on the
    # clock of whoever saved the page: no detection, no entries of a timeline, and the end is
    # the one the summary's window tells
    value = facts(ARCHIVED_NOTICES)
    assert iso(value, "start") == "2021-02-09T10:05:00-08:00"
    assert value.milestones["detected"] is None
    assert not value.events
    assert iso(value, "resolved") == "2021-02-09T11:40:00-08:00"


BEGINNING_AT = (
    "Database service issues on Monday 8 March, 2021\n\n"
    "We are investigating an issue with the managed database service beginning at Monday "
    "2021-03-08 06:20 (all times are in US/Pacific). We will provide more information shortly.\n\n"
    "The problem with the managed database service was resolved as of Monday 2021-03-08 07:55.\n"
)


def test_a_notice_investigating_an_issue_beginning_at_a_time_tells_the_start_only() -> None:
    # the time is when the issue began; the investigating is when the notice was written
    value = facts(BEGINNING_AT)
    assert iso(value, "start") == "2021-03-08T06:20:00-08:00"
    assert value.milestones["detected"] is None


STARTING_AT_ALERTS = """\
# Cache misses

Starting at 06:20 UTC on 2021-03-08, we received alerts about cache misses on the edge. The
cache was warmed again at 07:55 UTC.
"""


def test_starting_at_a_time_that_opens_the_clause_still_tells_the_alerts_time() -> None:
    value = facts(STARTING_AT_ALERTS)
    assert iso(value, "detected") == "2021-03-08T06:20:00+00:00"


LOOKED_BACK_ON = """\
Example Hosting Status

Service Issue - Packet loss - NL-AMS (Amsterdam)

Incident Report for Example Hosting

Postmortem

On March 3, 2024, from 06:10-06:14 UTC and from 06:31-07:02 UTC, traffic through the Amsterdam
data center had packet loss, because a core switch dropped frames after a line card failed.

At 07:02 UTC on March 3, 2024, we moved the traffic off the failing switch, at which point
the impact was fully mitigated.

Posted Mar 8, 2024 - 15:20 UTC

Resolved

This incident has been resolved.
Posted Mar 3, 2024 - 09:45 UTC

Identified

Between approximately 06:10 - 06:14 UTC, and again between 06:31 - 07:02 UTC, we observed
packet loss in AMS1. The loss stopped after we moved traffic off a switch. We identified the
issue and a replacement card is on its way.
Posted Mar 3, 2024 - 08:05 UTC

Investigating

Our team is investigating packet loss in our NL-AMS (Amsterdam) data center.
Posted Mar 3, 2024
"""


def test_an_update_posted_after_the_window_closed_tells_no_detection() -> None:
    # the "Identified" update looks back on a window that had closed an hour before it was
    # posted: neither its posting time nor the times it recounts are when anyone learned of it,
    # so the stated mitigation stands
    value = facts(LOOKED_BACK_ON)
    assert iso(value, "start") == "2024-03-03T06:10:00+00:00"
    assert value.milestones["detected"] is None
    assert iso(value, "mitigated") == "2024-03-03T07:02:00+00:00"


MONTH_SLIP = """\
Incident affecting the managed queue service

SUMMARY:

On Tuesday 9 June 2020, for a duration of 52 minutes, applications that published to the
managed queue service had elevated error rates.

DETAILED DESCRIPTION OF IMPACT:

On Tuesday 9 April, from 10:12 AM to 11:04 AM PDT, some applications publishing to the managed
queue service received errors for 40% of their requests.
"""


def test_a_month_slip_whose_weekday_and_day_match_the_day_told_before_is_that_day() -> None:
    # 9 April 2020 was a Thursday; "Tuesday 9" is the 9 June 2020 the summary told
    value = facts(MONTH_SLIP)
    assert iso(value, "start") == "2020-06-09T10:12:00-07:00"
    assert iso(value, "resolved") == "2020-06-09T11:04:00-07:00"


WEEKDAY_SLIP = """\
# Queue errors

On Tuesday 9 June 2020 the queue service had a short outage.

## Impact

On Friday 9 April, from 10:12 to 11:04 UTC, publishing to the queue failed.
"""


def test_a_date_whose_weekday_matches_no_day_told_keeps_its_month() -> None:
    # "Friday 9 April" is no weekday of 9 June: nothing tells which part slipped
    value = facts(WEEKDAY_SLIP)
    assert iso(value, "start") == "2020-04-09T10:12:00+00:00"


RELEASE_SCHEDULE = """\
Example Gateway Release Schedule

Example Gateway: Mon-Wed 1am to 5am in Sydney, Frankfurt and US Pacific time zones.

Admin Console Outage
Incident Report for Example Gateway

On March 2, 2021, the admin console was unreachable for a duration of 40 minutes.

On March 2nd from 09:20 to 10:00 US/Pacific, every request to the admin console timed out.
"""


def test_a_weekly_schedules_window_is_no_impact_window() -> None:
    # "Mon-Wed 1am to 5am" recurs every week: the incident's window is the one the report tells
    value = facts(RELEASE_SCHEDULE)
    assert iso(value, "start") == "2021-03-02T09:20:00-08:00"
    assert [iso_moment(a) for a, _ in value.windows] == ["2021-03-02T09:20:00-08:00"]


IDENTIFIED_AT_ONSET = """\
Admin Console Outage
Incident Report for Example Gateway

On March 2nd, 2021 from 09:20 to 10:00 US/Pacific, every request to the admin console timed
out.

This lasted longer than we would like. Though the incident was identified immediately at its
onset, it took half an hour to find a way to route around the failed database.
"""

CAUSE_IDENTIFIED_AT_ONCE = """\
Admin Console Outage

On March 2nd 2021 from 09:20 to 10:00 US/Pacific, every request to the admin console timed
out. Once engineers looked at the database, the cause was identified immediately.
"""


def test_an_incident_identified_at_its_onset_was_detected_when_it_began() -> None:
    assert iso(facts(IDENTIFIED_AT_ONSET), "detected") == "2021-03-02T09:20:00-08:00"


def test_a_cause_identified_at_once_tells_no_detection() -> None:
    assert facts(CAUSE_IDENTIFIED_AT_ONCE).milestones["detected"] is None


FEED_ITEM = """\
<rss version="2.0">
    <channel>
        <title>Example Hosting Blog</title>
        <lastBuildDate>Mon, 02 Feb 2026 08:15:40 GMT</lastBuildDate>
        <item>
            <title>Object storage outage on March 4, 2025</title>
            <pubDate>Wed, 05 Mar 2025 18:30:00 GMT</pubDate>
            <description>Object storage was unavailable on March 4, 2025.</description>
        </item>
    </channel>
</rss>
"""


def test_a_feeds_own_dates_are_no_time_of_the_incident() -> None:
    # the feed was built in 2026 and the post published the day after: the incident's day is
    # the one its words tell
    value = facts(FEED_ITEM)
    assert iso(value, "start") == "2025-03-04T00:00:00"
    assert all(m.when is None or (m.when.year == 2025 and m.when.day == 4) for m in value.moments)


HTML_POST = """\
# Storage outage

<div class="post"><p>On March 4, 2025, object storage in two regions was unavailable.</p>
<p>This outage lasted 1 hour and 47 minutes, and every customer of the service was affected.</p>
</div>
"""


def test_a_duration_stated_in_an_html_post_is_read() -> None:
    assert [d.minutes for d in facts(HTML_POST).durations] == [107]


def test_an_end_known_only_to_its_day_is_not_before_a_start_that_day() -> None:
    # the notice closing the incident is cut off before its time: its day alone is no
    # contradiction of the start at 06:20 that day (a day before it still is)
    text = (
        "Database service issues on Monday 8 March, 2021\n\n"
        "We are investigating an issue with the managed database service beginning at Monday "
        "2021-03-08 06:20 (all times are in US/Pacific).\n\n"
        "The problem with the managed database service was resolved as of Monday {}.\n"
    )
    _, quiet = check_json("--select", "PM104", "-", stdin=text.format("2021-03-08").encode())
    _, loud = check_json("--select", "PM104", "-", stdin=text.format("2021-03-07").encode())
    assert quiet["files"][0]["diagnostics"] == []
    assert [d["rule"] for d in loud["files"][0]["diagnostics"]] == ["PM104"]


MITIGATED_THAT_DAY = """\
# Edge cache errors

## What happened

Between 22:40 UTC on 3 May 2022 and 01:10 UTC on 4 May 2022, requests through the edge cache
in two regions failed with connection errors.

## What went wrong

This fault was first seen on the 3rd of May 2022 during patching, and the problem was
mitigated by adding capacity.
"""


def test_a_mitigation_told_by_its_day_alone_on_the_starts_day_is_no_time() -> None:
    # the day's midnight is before the window it would end: the window's end ends it
    value = facts(MITIGATED_THAT_DAY)
    assert iso(value, "start") == "2022-05-03T22:40:00+00:00"
    assert iso(value, "mitigated") == "2022-05-04T01:10:00+00:00"


HEADER_AND_REPORT = """\
Incident affecting Example Block Storage

Incident began at 2019-07-09 14:05 and ended at 2019-07-09 16:40 (all times are US/Pacific).

ISSUE SUMMARY

On Tuesday 9 July 2019, block storage volumes in one region had elevated errors.

DETAILED DESCRIPTION OF IMPACT

On Tuesday 9 July 2019 from 13:50 to 16:25 PDT, 6% of block storage reads failed.
"""


def test_a_later_status_header_closes_the_incident_the_reports_window_ends_the_impact() -> None:
    value = facts(HEADER_AND_REPORT)
    assert iso(value, "start") == "2019-07-09T13:50:00-07:00"
    assert iso(value, "mitigated") == "2019-07-09T16:25:00-07:00"
    assert iso(value, "resolved") == "2019-07-09T16:40:00-07:00"


DECLARED_MITIGATED = """\
On May 6, 2024 at approximately 08:30 UTC, our team saw timeouts from the DNS API. On May 6,
2024 at around 10:12 UTC, the cause was found in a resolver update. At 10:40 UTC, the update
was rolled back. At 11:25 UTC on May 6 2024, the issue was considered mitigated by our team.
"""


def test_an_impact_said_to_be_mitigated_at_a_time_is_the_mitigation() -> None:
    # the rollback is a step told before it; the author says when the impact stopped
    assert iso(facts(DECLARED_MITIGATED), "mitigated") == "2024-05-06T11:25:00+00:00"


HEADER_OPENS_EARLIER = """\
Incident affecting Example Compute

Incident began at 2019-07-09 13:20 and ended at 2019-07-09 14:10 (all times are US/Pacific).

SUMMARY:

On Tuesday 9 July 2019, from 13:45 to 14:10 PDT, virtual machines in every region lost
external connectivity.
"""

STALE_HEADER = """\
Incident began at 2019-08-01 09:00 and ended at 2019-08-01 11:30 (all times are US/Pacific).

# Incident Report

On Tuesday, 9 July 2019 from 13:45 to 14:10 US/Pacific, virtual machines in every region lost
external connectivity.
"""


def test_the_reports_window_starts_the_impact_before_a_status_headers_earlier_opening() -> None:
    value = facts(HEADER_OPENS_EARLIER)
    assert iso(value, "start") == "2019-07-09T13:45:00-07:00"
    assert iso(value, "resolved") == "2019-07-09T14:10:00-07:00"


def test_a_status_header_on_another_day_than_the_reports_window_ends_nothing() -> None:
    value = facts(STALE_HEADER)
    assert iso(value, "start") == "2019-07-09T13:45:00-07:00"
    assert iso(value, "resolved") == "2019-07-09T14:10:00-07:00"
