"""Incident reports copied from status pages as plain text (issue 14): no Markdown headings,
lists written with the page's own bullet characters, update logs stamped "Resolved" /
"Monitoring". Each case is text written for this repository, standing for a family of shapes.
"""

from __future__ import annotations

from pathlib import Path

from pmlint.config import load_config
from pmlint.extract.timeline import Timeline
from pmlint.extract.timeline.entries import compiled_words, event_kinds
from tests.conftest import check_json, facts, write


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    if moment is None or moment.when is None or not moment.day_known:
        return None
    return moment.when.isoformat()


def test_a_timeline_in_bullet_characters_is_read() -> None:
    # "•" bullets, as a status page's HTML list is copied: each line still opens with a time
    text = (
        "Queue Backlog\n"
        "Incident Report for ExampleCloud\n\n"
        "At 07:12 UTC on 2021-05-04, new uploads were queued after a scheduler release.\n\n"
        "Timeline of Events\n\n"
        "  • 06:58 UTC - Scheduler release rolled out\n"
        "  • 07:12 UTC - On-call engineer paged about a growing upload queue\n"
        "  • 07:40 UTC - Scheduler release rolled back\n"
        "  • 07:55 UTC - Queue drained and uploads processed normally\n"
    )
    value = facts(text)
    assert iso(value, "start") == "2021-05-04T07:12:00+00:00"
    assert iso(value, "detected") == "2021-05-04T07:12:00+00:00"


def test_a_window_ending_on_a_dated_time_is_read() -> None:
    # "starting at A and ending on <date> B": the date belongs to the second time's stamp
    text = (
        "Resolved -\n"
        "On June 2, 2022 starting at 23:10 UTC and ending on June 3, 2022 01:25 UTC the "
        "example API returned errors for some requests. Errors eased at 23:30 UTC.\n"
    )
    value = facts(text)
    assert iso(value, "start") == "2022-06-02T23:10:00+00:00"
    assert iso(value, "resolved") == "2022-06-03T01:25:00+00:00"
    assert value.duration() == (135, "range")


def test_updates_run_together_without_blank_lines_are_each_an_entry() -> None:
    # a status page's log copied as text: status, what it said, "Posted", with no blank line
    # between one update and the next
    text = (
        "Thumbnails missing\n"
        "Incident Report for ExampleHost\n\n"
        "Resolved\n"
        "Thumbnails are generated again and the backlog is empty.\n"
        "Posted Apr 7, 2019 - 16:40 UTC\n"
        "Update\n"
        "The faulty worker pool has been found and is being replaced.\n"
        "Posted Apr 7, 2019 - 16:05 UTC\n"
        "Investigating\n"
        "Uploaded images show no thumbnails. We are looking into it.\n"
        "Posted Apr 7, 2019 - 15:50 UTC\n"
    )
    value = facts(text)
    assert iso(value, "detected") == "2019-04-07T15:50:00+00:00"
    assert iso(value, "resolved") == "2019-04-07T16:40:00+00:00"


def test_a_resolved_update_posted_after_the_stated_window_does_not_end_it() -> None:
    # the write-up states the window; the "Resolved" update was posted minutes after its end
    text = (
        "Builds queued\n"
        "Incident Report for ExampleCI\n\n"
        "On March 3 between 08:10 and 09:25 UTC builds waited in the queue for most users.\n\n"
        "Resolved\n"
        "The queue is empty and builds start normally.\n"
        "Posted Mar 3, 2020 - 09:31 UTC\n"
        "Investigating\n"
        "Builds are slow to start; we are investigating.\n"
        "Posted Mar 3, 2020 - 08:30 UTC\n"
    )
    value = facts(text)
    assert iso(value, "start") == "2020-03-03T08:10:00+00:00"
    assert iso(value, "resolved") == "2020-03-03T09:25:00+00:00"


def test_the_write_up_s_posting_line_is_no_step_of_the_story() -> None:
    # the timeline never says it is over; the write-up was posted two days later
    text = (
        "Exports Delayed\n"
        "Incident Report for ExampleData\n\n"
        "At 10:02 UTC on 2022-09-14, exports were delayed after a storage migration.\n\n"
        "Timeline\n\n"
        "  • 09:50 UTC - Storage migration started\n"
        "  • 10:02 UTC - Support reports exports stuck in the queue\n"
        "  • 10:30 UTC - Migration paused\n"
        "  • 11:05 UTC - Export workers pointed back at the old volume\n\n"
        "Posted about 2 years ago. Sep 16, 2022 - 17:20 UTC\n"
    )
    value = facts(text)
    assert iso(value, "start") == "2022-09-14T10:02:00+00:00"
    assert iso(value, "mitigated") == "2022-09-14T11:05:00+00:00"
    assert value.duration() == (63, "inferred")


def test_a_detection_told_as_a_delay_after_the_start_counts_from_the_start() -> None:
    text = (
        "Resolved -\n"
        "Between 14:20 and 15:05 UTC on 9 May 2023, uploads to the example store failed. "
        "A bad certificate bundle was shipped to the edge. The failure was detected and the "
        "on-call engineer paged within 3 minutes, and the bundle was rolled back.\n"
    )
    value = facts(text)
    assert iso(value, "start") == "2023-05-09T14:20:00+00:00"
    assert iso(value, "detected") == "2023-05-09T14:23:00+00:00"


def test_a_relative_detection_counts_from_the_start_not_the_time_before_it() -> None:
    # "within 5 minutes" after a sentence that names a later time: the start is its origin
    text = (
        "On June 4, 2024 starting at 09:10 UTC and ending at 10:00 UTC checkouts failed; "
        "errors eased at 09:30 UTC. The bad release was detected within 5 minutes.\n"
    )
    value = facts(text)
    assert iso(value, "detected") == "2024-06-04T09:15:00+00:00"


def test_a_delay_told_after_a_window_in_one_paragraph_counts_from_its_start() -> None:
    # a product's name ("Discovery") gives the window's first time a detection word; the
    # paragraph's stated delay places the detection
    text = (
        "On June 4, 2024, between 02:10 and 03:40 UTC, customers of Example Registry and "
        "Example Discovery were impacted by an incident related to the storing of images.\n"
        "A routing change to an internal service triggered the event. The failure was "
        "detected within five minutes by automated monitoring and mitigated by a rollback.\n"
    )
    value = facts(text)
    assert iso(value, "start") == "2024-06-04T02:10:00+00:00"
    assert iso(value, "detected") == "2024-06-04T02:15:00+00:00"


def test_within_minutes_of_another_thing_is_no_detection_delay() -> None:
    text = (
        "Between 14:20 and 15:05 UTC on 9 May 2023, uploads failed. Alerts fired and were "
        "noticed within 3 minutes of the rollback.\n"
    )
    assert iso(facts(text), "detected") != "2023-05-09T14:23:00+00:00"


def test_a_platform_healing_itself_within_seconds_is_no_detection() -> None:
    # the scheduler's own check restarting a worker is its mechanism, not anyone learning
    text = (
        "Between 07:40 and 08:25 UTC on 2 March 2024, image uploads failed. The worker "
        "crashed on a malformed header; the cluster scheduler detected the crash and started "
        "a new worker within 20 seconds, but its cache took 40 minutes to warm.\n"
    )
    value = facts(text)
    assert iso(value, "start") == "2024-03-02T07:40:00+00:00"
    assert iso(value, "detected") is None


def test_an_end_told_before_the_stated_window_opened_does_not_remove_its_start() -> None:
    # an earlier, smaller trouble was fixed three minutes before the stated window opened
    text = (
        "Summary\n\n"
        "On August 8, 2023, from 14:30 UTC to 16:10 UTC, customers saw slow report exports.\n\n"
        "What happened\n\n"
        "At 14:15 we switched the export service to a new cache; a config error was fixed by "
        "14:27. At 14:45 the on-call engineer was alerted that exports were queueing.\n"
    )
    value = facts(text)
    assert iso(value, "start") == "2023-08-08T14:30:00+00:00"
    assert iso(value, "resolved") == "2023-08-08T16:10:00+00:00"
    assert iso(value, "mitigated") != "2023-08-08T14:27:00+00:00"


def test_a_range_across_days_with_each_time_on_its_day_and_a_dash_between() -> None:
    # "HH:MM on <date> - HH:MM on <date> UTC": the dash does not join the first date to the
    # second time (as "Posted Nov 2, 2021 - 16:40" would)
    text = (
        "From 08:15 on March 3rd, 2021 - 11:45 on March 4th, 2021 UTC, example webhooks were "
        "delivered late.\n"
    )
    value = facts(text)
    assert iso(value, "start") == "2021-03-03T08:15:00+00:00"
    assert iso(value, "resolved") == "2021-03-04T11:45:00+00:00"
    assert value.duration() == (1650, "range")


def test_a_posting_time_after_a_dash_keeps_its_date() -> None:
    text = "Webhooks are delivered again.\nPosted Mar 4, 2021 - 11:50 UTC\n"
    stamps = [m.stamp for m in facts(text).moments]
    assert [(s.date is not None, s.time is not None) for s in stamps] == [(True, True)]


def test_a_duration_for_most_customers_is_not_the_incident_s() -> None:
    text = (
        "From May 2, 2024, 09:00 UTC until May 2, 2024, 17:30 UTC, example dashboards failed "
        "to load. The total time to recovery was about 3 hours for most customers, with two "
        "tenants waiting over 8 hours.\n"
    )
    assert facts(text).duration() == (510, "range")


def test_a_duration_for_the_incident_still_counts() -> None:
    text = "On May 2, 2024 example dashboards failed to load. The outage lasted about 3 hours.\n"
    assert facts(text).duration() == (180, "stated-duration")


def test_resolved_for_all_users_after_the_tool_s_window_closes_the_incident() -> None:
    # the dashboard's window ends the impact; "resolved for all affected users as of" later
    # is the author's closing of the incident
    text = (
        "Example Cloud Storage Incident #21007\n\n"
        "The issue with Example Cloud Storage has been resolved for all affected users as of "
        "2:30pm US/Pacific.\n\n"
        "Incident began at 2021-04-12 11:05 and ended at 2021-04-12 14:10 "
        "(all times are US/Pacific).\n"
    )
    value = facts(text)
    assert iso(value, "mitigated") == "2021-04-12T14:10:00-07:00"
    assert iso(value, "resolved") == "2021-04-12T14:30:00-07:00"


def test_a_detection_that_did_not_happen_is_no_detection() -> None:
    config = load_config(None)
    words = compiled_words(config.milestones, "events")
    for text in (
        "a release shipped with a bug that was not noticed in code review",
        "the canary was not able to detect this failure mode",
        "our monitoring failed to catch the rising latency",
    ):
        assert "detected" not in event_kinds(text, words), text
    assert "detected" in event_kinds("the on-call engineer noticed the latency", words)


def test_a_platform_s_own_check_is_no_detection_entry() -> None:
    config = load_config(None)
    words = compiled_words(config.milestones, "events")
    for text in (
        "Kubernetes noticed the failing probe and restarted the pod",
        "the orchestration platform detected the exit and rescheduled the job",
    ):
        assert "detected" not in event_kinds(text, words), text
    assert "detected" in event_kinds("our monitoring detected the failing probe", words)
    assert "detected" in event_kinds("the scheduler team noticed the backlog", words)


def test_the_paging_service_s_name_is_no_page() -> None:
    text = (
        "Timeline\n\n"
        "- 10:00 UTC 2022-03-01: a config change was deployed to PagerDuty webhooks\n"
        "- 10:07 UTC 2022-03-01: engineers were notified of failing webhook deliveries\n"
        "- 10:30 UTC 2022-03-01: change reverted, deliveries succeed again\n"
    )
    assert iso(facts(text), "detected") == "2022-03-01T10:07:00+00:00"


def test_a_write_up_dated_a_year_before_its_page_s_update_stamps_means_the_stamps_year() -> None:
    # the new year's typo: the write-up says 2022; the page stamped its updates in 2023
    text = (
        "Checkout errors\n"
        "Incident Report for ExampleShop\n\n"
        "On January 9, 2022, from 14:05 to 14:50 UTC, checkouts failed for most customers.\n\n"
        "Posted Jan 11, 2023 - 10:00 UTC\n\n"
        "Checkouts work again.\n"
        "Posted Jan 9, 2023 - 14:55 UTC\n"
        "We are investigating failing checkouts.\n"
        "Posted Jan 9, 2023 - 14:20 UTC\n"
    )
    value = facts(text)
    assert iso(value, "start") == "2023-01-09T14:05:00+00:00"
    assert iso(value, "resolved") == "2023-01-09T14:50:00+00:00"


def test_a_year_told_twice_by_the_page_stamps_alone_is_kept() -> None:
    # the page's own stamps are not set to the write-up's year
    text = (
        "On March 2, 2023, from 09:00 to 09:40 UTC, uploads failed.\n\n"
        "Uploads work again.\nPosted Mar 2, 2023 - 09:45 UTC\n"
        "We are investigating.\nPosted Mar 2, 2023 - 09:10 UTC\n"
    )
    value = facts(text)
    assert iso(value, "start") == "2023-03-02T09:00:00+00:00"


def test_the_impact_ceasing_is_the_mitigation_not_the_revert_before_it() -> None:
    text = (
        "On April 2, 2024, from 11:10 UTC to 11:58 UTC, example webhooks were not sent.\n\n"
        "At 11:30 UTC support told us of missing webhooks. By 11:52 UTC we had reverted the "
        "change, with customer impact ceasing at 11:55 UTC.\n"
    )
    assert iso(facts(text), "mitigated") == "2024-04-02T11:55:00+00:00"


def test_a_summary_above_bullet_lines_is_not_the_entry_before_them(tmp_path: Path) -> None:
    # the summary tells the first symptom; the lines below start with the change before it
    text = (
        "Exports Delayed\n\n"
        "At 10:02 UTC on 2022-09-14, exports were delayed after a storage migration.\n\n"
        "Timeline of Events\n\n"
        "  • 09:50 UTC - Storage migration started\n"
        "  • 10:02 UTC - Support reports exports stuck in the queue\n"
        "  • 10:30 UTC - Migration paused\n"
    )
    path = write(tmp_path / "report.md", text)
    _, payload = check_json("--select", "PM103", str(path))
    assert [d for f in payload["files"] for d in f["diagnostics"]] == []


def test_bullet_lines_out_of_order_are_still_reported(tmp_path: Path) -> None:
    text = (
        "# Exports Delayed\n\n"
        "At 10:02 UTC on 2022-09-14, exports were delayed.\n\n"
        "## Timeline\n\n"
        "  • 09:50 UTC - Storage migration started\n"
        "  • 10:32 UTC - Support reports exports stuck in the queue\n"
        "  • 10:30 UTC - Migration paused\n"
        "  • 10:45 UTC - Exports resumed\n"
    )
    path = write(tmp_path / "report.md", text)
    _, payload = check_json("--select", "PM103", str(path))
    assert [d["line"] for f in payload["files"] for d in f["diagnostics"]] == [9]
