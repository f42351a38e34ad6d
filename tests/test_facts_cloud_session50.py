"""Cloud incident reports of session 50 (issue 14): shapes the twenty-second set showed, where
a report states its window and pmlint read none. Each document is written for this repository.
"""

from __future__ import annotations

import datetime as dt

from pmlint.extract.timestamps import find_stamps
from tests.conftest import facts


def test_midnight_written_as_00_with_am_is_a_time() -> None:
    # "00:09 AM PST": a 24-hour clock's midnight hour with AM after it, as some provider
    # reports write the minutes past midnight
    text = "Access was restored by 00:14 AM PST on March 3, 2015."
    times = [s.time for s in find_stamps(text) if s.time is not None]
    assert times == [dt.time(0, 14)]


def test_a_window_ending_just_after_midnight_is_read() -> None:
    text = (
        "# Queue disruption\n\n"
        "At 9:40 PM PST on March 2nd, 2015 there was an interruption that affected customers "
        "sending messages to queues in all regions. Access was restored by 00:14 AM PST on "
        "March 3, 2015.\n"
    )
    assert facts(text).duration() == (154, "milestones")


def test_no_pm_hour_is_read_as_00() -> None:
    # only the morning's midnight hour is written so: "00:30 PM" names no time
    times = [s.time for s in find_stamps("The job ran at 00:30 PM PST.") if s.time]
    assert dt.time(12, 30) not in times and dt.time(0, 30) not in times


def test_an_update_posted_under_its_time_tells_its_own_start() -> None:
    # a status dashboard's update copied as HTML: the time it was posted, then its text,
    # which states when the trouble began; the posting time is no start
    text = (
        "<!-- copied from a status aggregator -->\n"
        "8:05 PM PDT<p>Starting at 2:41 PM PDT we experienced elevated error rates for requests to "
        "the object store in one zone.<p>At 5:02 PM PDT, error rates began to recover.<p>"
        "At 5:17 PM PDT, error rates had returned to normal levels. The issue has been "
        "resolved and the service is operating normally.\n"
    )
    value = facts(text)
    start = value.milestones["start"]
    assert start is not None and start.when is not None
    assert start.when.time() == dt.time(14, 41)
    assert value.duration() == (156, "milestones")
