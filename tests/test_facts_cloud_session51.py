"""Cloud incident reports of session 51 (issue 14): shapes the twenty-fifth set showed, where
a report states its window or its days and pmlint misread them. Each document is written for
this repository.
"""

from __future__ import annotations

import datetime as dt

from pmlint.extract.timestamps import find_stamps
from tests.conftest import facts


def _when(text: str, kind: str) -> dt.datetime | None:
    moment = facts(text).milestones[kind]
    return moment.when if moment is not None else None


def test_a_window_whose_first_day_closes_with_a_comma_is_read() -> None:
    # "from 21:10 US/Pacific on Tuesday, 3 March 2020, through 04:25 ... on Wednesday, ...":
    # each end carries its zone and its day, and the first day is closed by a comma
    text = (
        "# Queue backlog\n\n"
        "Example Cloud Queues served stale reads from 21:10 US/Pacific on Tuesday, 3 March "
        "2020, through 04:25 US/Pacific on Wednesday, 4 March 2020. Some writes failed.\n"
    )
    start, end = _when(text, "start"), _when(text, "resolved")
    assert start is not None and end is not None
    assert (start.date(), start.time()) == (dt.date(2020, 3, 3), dt.time(21, 10))
    assert (end.date(), end.time()) == (dt.date(2020, 3, 4), dt.time(4, 25))
    told = facts(text).duration()
    assert told is not None and told[0] == 435


def test_an_update_posted_days_later_does_not_date_the_report() -> None:
    # a status page: the header window, then the analysis under the time it was posted (two
    # days later); the analysis's times have no date and are the header's day
    text = (
        "Object Store Incident #4411\n\n"
        "Incident began at 2019-03-05 07:10 and ended at 2019-03-05 09:55 "
        "(all times are US/Pacific).\n\n"
        "Mar 7, 2019 16:20\n\n"
        "SUMMARY:\n\n"
        "Between 6:50 a.m. and 9:55 a.m. uploads to the object store failed for a share of "
        "buckets.\n\n"
        "DETAILED DESCRIPTION OF IMPACT:\n\n"
        "At 6:50 a.m. the first uploads failed. At 9:55 a.m. the last shard was back online.\n"
    )
    start, end = _when(text, "start"), _when(text, "resolved")
    assert start is not None and end is not None
    assert (start.date(), start.time()) == (dt.date(2019, 3, 5), dt.time(6, 50))
    assert end.date() == dt.date(2019, 3, 5)


def test_an_afternoon_hour_with_pm_after_it_is_a_time() -> None:
    # "13:30pm": a 24-hour clock's afternoon hour with a redundant PM (the twenty-fifth's
    # status report and the twenty-third's "23:26 PM UTC"); "13:30am" stays no time
    assert [s.time for s in find_stamps("It ended at 13:30pm.") if s.time] == [dt.time(13, 30)]
    assert [s.time for s in find_stamps("at 23:26 PM UTC") if s.time] == [dt.time(23, 26)]
    assert not [s.time for s in find_stamps("at 13:30am") if s.time]
    text = (
        "# Cache outage\n\n"
        "Incident began at 2018-05-02 09:40 and ended at 2018-05-02 14:30 "
        "(all times are US/Pacific).\n\n"
        "SUMMARY:\n\n"
        "Every cache node was unavailable between 09:35am and 14:30pm on May 2nd.\n"
    )
    start = _when(text, "start")
    assert start is not None and start.time() == dt.time(9, 35)


def test_a_recovery_that_only_began_gives_way_to_the_whole() -> None:
    # the team's work begun ("started bringing ... back") and the whole recovery later in the
    # same sentence: the whole is the mitigation
    text = (
        "# Login page served errors\n\n"
        "At about 09:05 UTC on 2021-06-14, most sign-ins on Example Auth failed. We deployed a "
        "patch that started bringing sign-ins back at 09:40 UTC, and all sign-in requests "
        "were back to normal by 09:58 UTC.\n\n"
        "A few cached error pages were served until 13:30 UTC.\n"
    )
    mitigated = _when(text, "mitigated")
    assert mitigated is not None and mitigated.time() == dt.time(9, 58)


def test_a_recovery_only_some_saw_gives_way_to_the_full_one() -> None:
    text = (
        "# Edge routing degraded\n\n"
        "Between 08:10 UTC and 14:20 UTC on 2 May 2023, requests through Example Edge timed "
        "out. From 10:30 UTC, as the system recovered gradually, some customers started to "
        "see requests succeed again, until the edge fully stabilized by 14:20 UTC.\n"
    )
    mitigated = _when(text, "mitigated")
    assert mitigated is not None and mitigated.time() == dt.time(14, 20)


def test_the_impact_beginning_to_recede_is_still_the_mitigation() -> None:
    # "began to return to normal levels at 1:45 PM ... all affected services had fully
    # recovered by 3:37 PM": the impact itself receding (the twentieth's reader), unchanged
    text = (
        "# Function errors\n\n"
        "Starting at 10:20 AM PDT on May 3rd, 2022, customers saw increased error rates for "
        "function invocations. Invocations began to return to normal levels at 12:05 PM PDT, "
        "and all affected services had fully recovered by 1:50 PM PDT.\n"
    )
    mitigated = _when(text, "mitigated")
    assert mitigated is not None and mitigated.time() == dt.time(12, 5)


def _detected(text: str) -> dt.datetime | None:
    return _when(text, "detected")


def test_a_reports_own_heading_run_into_its_summary_is_no_detection() -> None:
    # a status page's report copied without blank lines: its heading "Incident Report" runs
    # into "Summary" and the first sentence, which tells the impact, not word of it
    text = (
        "Incident began at 2023-02-06 09:10 and ended at 2023-02-06 10:05 (times are in UTC).\n"
        "Incident Report\n"
        "Summary\n"
        "On 6 February 2023 at 01:10 US/Pacific, several products lost connectivity in one "
        "region for a duration of 55 minutes.\n"
    )
    assert _detected(text) is None
    told = (
        "Incident Report Summary On Monday, 6 February 2023 at 01:10 US/Pacific, queries "
        "failed for many customers. Engineers were alerted by our monitoring on Monday, "
        "6 February 2023 01:22 US/Pacific and began an investigation.\n"
    )
    detected = _detected(told)
    assert detected is not None and detected.time() == dt.time(1, 22)


def test_what_customers_may_have_observed_is_the_impact() -> None:
    # a provider's impact statement: "customers ... may have observed connectivity errors"
    text = (
        "# Build service connectivity\n\n"
        "Between 11:05 and 12:40 UTC on 9 May 2022, customers using Example Builds in two "
        "regions may have observed connectivity errors to the build service.\n"
    )
    assert _detected(text) is None
