"""Cloud incident reports of session 50 (issue 14): shapes the twenty-second set showed, where
a report states its window and pmlint read none. Each document is written for this repository.
"""

from __future__ import annotations

import datetime as dt

from pmlint.extract.milestones import came_back
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


def _mitigated_time(text: str) -> dt.time | None:
    moment = facts(text).milestones["mitigated"]
    return moment.when.time() if moment is not None and moment.when is not None else None


def test_a_step_the_impact_outlasted_is_no_mitigation() -> None:
    # power came back to the hosts, but the next sentence says the impact went on
    text = (
        "# Rack power loss\n\n"
        "At 14:02 UTC on 3 May 2022 a breaker tripped in one data hall and hosts lost power. "
        "Power was restored to the hall at approximately 14:40 UTC. At this time our "
        "engineers worked to bring the affected hosts and customer volumes back online.\n\n"
        "All customer volumes were online again by 16:05 UTC and the incident was closed.\n"
    )
    assert _mitigated_time(text) == dt.time(16, 5)


def test_a_step_despite_which_the_trouble_persisted_is_no_mitigation() -> None:
    text = (
        "# Edge switch failure\n\n"
        "At 08:15 UTC on 9 June 2023 both edge switches in one site lost their uplinks. "
        "Our engineers replaced the failed optics and at 09:02 UTC the uplinks were restored.\n\n"
        "Despite the uplinks being restored to both switches, packet loss for customers "
        "persisted. A reload of each switch was required, and by 09:31 UTC traffic was flowing "
        "normally again, fully restoring service in the site.\n"
    )
    assert _mitigated_time(text) == dt.time(9, 31)


def test_a_remedy_begun_is_no_mitigation_where_its_completion_is_told() -> None:
    text = (
        "# Load balancer connectivity loss\n\n"
        "On Feb. 4th, 2025 09:20 UTC, load balancers in one region lost connectivity after a "
        "routing change. The corrective rollout began Feb. 4th at 10:05 UTC and was fully "
        "completed with all services reported operational Feb. 4th at 11:10 UTC.\n"
    )
    assert _mitigated_time(text) == dt.time(11, 10)


def test_a_summary_line_above_a_timeline_by_shape_does_not_move_its_day() -> None:
    # a post with no headings: its summary's window, then entries that open with times and
    # retell the day from before the window; the entries are on the post's day, not the next
    text = (
        "About this morning's queue outage\n"
        "Tuesday, March 5, 2013\n"
        "From approximately 8:40 to 12:10 PM US/Pacific, most publish requests failed.\n"
        "Here is what happened:\n"
        "5:15 am - Memory use begins climbing on the queue brokers in one zone.\n"
        "7:05 am - Broker memory passes our paging threshold.\n"
        "8:40 am - Brokers start rejecting publish requests in every zone.\n"
        "12:10 pm - The last brokers restart and publishing works normally again.\n"
    )
    detected = facts(text).milestones["detected"]
    assert detected is not None and detected.when is not None
    assert detected.when.date() == dt.date(2013, 3, 5)
    assert detected.when.time() == dt.time(7, 5)


def test_a_timeline_entry_told_in_the_present_returns_to_normal() -> None:
    # "... returns to normal operation" shortly after the stated window's end closes the
    # incident, as "returned to normal" does
    text = (
        "# Router overload\n\n"
        "## Summary\n\n"
        "From 09:10 to 10:40 UTC on 6 May 2014, most requests to the frontends failed.\n\n"
        "## Timeline\n\n"
        "- 09:10 UTC: router load crosses the failure point.\n"
        "- 10:40 UTC: the last routers are restarted with a gradual traffic ramp-up.\n"
        "- 10:55 UTC: ramp-up completes, and the frontends return to normal operation.\n"
    )
    resolved = facts(text).milestones["resolved"]
    assert resolved is not None and resolved.when is not None
    assert resolved.when.time() == dt.time(10, 55)


def test_the_time_the_errors_came_back_is_no_mitigation() -> None:
    # the first burst had subsided, but the sentence's own time tells the errors climbing again
    text = (
        "# Streaming ingestion errors\n\n"
        "On Thursday 14 March 2019 from 10:05 to 10:25 and from 10:50 to 11:32 US/Pacific, the "
        "ingestion service returned errors to clients.\n\n"
        "Engineers were paged at 10:25. The first burst of errors had subsided, but starting "
        "at 10:50 error rates increased again. At 11:32 engineers moved traffic away from the "
        "affected datacenter.\n"
    )
    assert _mitigated_time(text) == dt.time(11, 32)


def test_throughput_rising_again_is_no_relapse() -> None:
    assert came_back(" error rates increased again")
    assert came_back(" latency rose again for European users")
    assert not came_back(" throughput increased again to its usual level")


def _ends(text: str) -> tuple[dt.time | None, dt.time | None]:
    value = facts(text)
    mitigated, resolved = value.milestones["mitigated"], value.milestones["resolved"]
    return (
        mitigated.when.time() if mitigated is not None and mitigated.when else None,
        resolved.when.time() if resolved is not None and resolved.when else None,
    )


def test_a_full_recovery_told_after_the_window_resolves_it() -> None:
    # the window ends the main impact; the full recovery the prose tells after it, the
    # incident (the duration stays the window's)
    text = (
        "# Object storage errors\n\n"
        "On Monday 9 March 2020 from 03:10 to 07:45 PDT, buckets in one multiregion returned "
        "errors to 2% of requests. At 07:45 PDT error rates decreased, initially to 0.2% and "
        "then to nominal levels by 10:20 PDT.\n"
    )
    assert _ends(text) == (dt.time(7, 45), dt.time(10, 20))
    assert facts(text).duration() == (275, "range")


def test_a_recovery_named_the_mitigation_is_both_ends() -> None:
    text = (
        "# Backbone congestion\n\n"
        "Summary of impact: Between 06:00 UTC and 09:40 UTC on 3 August 2021, customers saw "
        "packet loss in several regions.\n\n"
        "How did we respond? The traffic returned to normal at 09:50 UTC without further "
        "action, which is when impact to customers would have been mitigated.\n"
    )
    assert _ends(text) == (dt.time(9, 50), dt.time(9, 50))
