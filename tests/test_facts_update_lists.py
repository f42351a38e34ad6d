"""Status updates copied as a list (issue 14): each item opens with the update's status and
the time it was posted ("1. identified Mar 4, 2021, 09:12 AM UTC"), then what the update said,
on the next line or indented below it (by four spaces, which Markdown reads as code); a
summary with "Started" and "Resolved" fields above the list. Written for this repository."""

from __future__ import annotations

from pmlint.extract.milestones import attempted, without_plans
from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_updates_indented_under_their_status_lines_are_the_timeline() -> None:
    value = facts(
        "Examplemail incident\n\n"
        "Examplemail had a major incident on March 4, 2021, lasting 1h 10m.\n\n"
        "Started\nMar 4, 2021, 09:12 AM UTC\nResolved\nMar 4, 2021, 10:22 AM UTC\n"
        "Duration\n1h 10m\n\n"
        "Update timeline\n\n"
        "  1. investigating Mar 4, 2021, 09:12 AM UTC\n\n"
        "    Outgoing mail is queued and not delivered. We are looking into it.\n\n"
        "  2. monitoring Mar 4, 2021, 09:40 AM UTC\n\n"
        "    Mail delivery is back to normal. We keep monitoring for some time.\n\n"
        "  3. resolved Mar 4, 2021, 10:22 AM UTC\n\n"
        "    This incident has been resolved.\n"
    )
    assert iso(value, "start") == "2021-03-04T09:12:00+00:00"
    assert iso(value, "mitigated") == "2021-03-04T09:40:00+00:00"
    assert iso(value, "resolved") == "2021-03-04T10:22:00+00:00"


def page(started: str, resolved: str, log: str) -> Timeline:
    """A status aggregator's page: the incident's summary fields over its update log."""
    return facts(
        f"Exampleco incident\n\nStarted\n{started}\nResolved\n{resolved}\n\n"
        f"Update timeline\n\n{log}"
    )


def test_a_monitoring_update_that_says_resolved_does_not_close_the_incident() -> None:
    value = page(
        "Jun 2, 2022, 03:05 PM UTC",
        "Jun 2, 2022, 04:50 PM UTC",
        "- investigating Jun 2, 2022, 03:05 PM UTC\n"
        "Exports are failing for all accounts.\n"
        "- monitoring Jun 2, 2022, 03:31 PM UTC\n"
        "The problem has been resolved. We are watching all systems.\n"
        "- resolved Jun 2, 2022, 04:50 PM UTC\n"
        "We have confirmed that exports ran normally since the fix.\n",
    )
    assert iso(value, "mitigated") == "2022-06-02T15:31:00+00:00"
    assert iso(value, "resolved") == "2022-06-02T16:50:00+00:00"


def test_updates_told_in_the_items_own_paragraphs() -> None:
    value = page(
        "Jan 9, 2023, 08:05 AM UTC",
        "Jan 9, 2023, 09:50 AM UTC",
        "1. investigating Jan 9, 2023, 08:05 AM UTC\n\n   Logins fail for all users.\n\n"
        "2. monitoring Jan 9, 2023, 08:41 AM UTC\n\n   Logins work again. We keep watching.\n\n"
        "3. resolved Jan 9, 2023, 09:50 AM UTC\n\n   This incident has been resolved.\n",
    )
    assert iso(value, "mitigated") == "2023-01-09T08:41:00+00:00"
    assert iso(value, "resolved") == "2023-01-09T09:50:00+00:00"


def test_the_write_up_posted_afterwards_is_no_step_of_the_log() -> None:
    value = page(
        "Feb 3, 2024, 09:10 AM UTC",
        "Feb 3, 2024, 09:55 AM UTC",
        "- investigating Feb 3, 2024, 09:10 AM UTC\n"
        "Uploads fail for all users.\n"
        "- monitoring Feb 3, 2024, 09:40 AM UTC\n"
        "A fix has been implemented and we are monitoring the results.\n"
        "- postmortem Feb 3, 2024, 04:20 PM UTC\n"
        "Uploads failed because a bucket's permissions changed.\n",
    )
    assert [e.moment.when.strftime("%H:%M") for e in value.events if e.moment.when] == [
        "09:10",
        "09:40",
    ]


def test_a_recovery_awaited_in_an_update_is_not_its_mitigation() -> None:
    value = page(
        "Oct 8, 2020, 01:10 PM UTC",
        "Oct 8, 2020, 05:00 PM UTC",
        "- investigating Oct 8, 2020, 01:10 PM UTC\n"
        "The scheduler stopped sending reminders. Once the scheduler has recovered, "
        "the queued reminders will be sent.\n"
        "- investigating Oct 8, 2020, 02:45 PM UTC\n"
        "The scheduler is restored and reminders are sent again.\n"
        "- resolved Oct 8, 2020, 05:00 PM UTC\n"
        "This incident has been resolved.\n",
    )
    assert iso(value, "mitigated") == "2020-10-08T14:45:00+00:00"


def test_what_is_to_happen_once_something_is_the_case_tells_no_event() -> None:
    assert "recovered" not in without_plans("Once the API has recovered, users will be told.")
    assert "restored" not in without_plans("We will reply when the queue is restored.")
    # told as done, or a plan with no condition, stays
    assert "recovered" in without_plans("After the API had recovered, we told users.")
    assert "restored" in without_plans("The queue is restored; we will watch it.")


def test_for_some_time_is_a_while_not_a_part() -> None:
    assert not attempted("All jobs run again. We keep monitoring for some time.")
    assert attempted("Jobs run again for some users.")


def test_an_end_someone_believed_is_not_the_mitigation() -> None:
    value = facts(
        "Delayed reminders from 09:02 UTC to 09:31 UTC\n\n"
        "The mail relay stalled at 09:02 UTC and reminders queued. At 09:20 UTC we believed "
        "the queue had drained, so we turned sending back on, but it had not drained and "
        "reminders went out twice.\n"
    )
    mitigated = value.milestones["mitigated"]
    assert mitigated is not None and mitigated.when is not None
    assert mitigated.when.strftime("%H:%M") == "09:31"


def test_a_remedy_that_only_looked_to_work_and_was_rolled_back_is_not_the_mitigation() -> None:
    value = facts(
        "# Thumbnails missing\n\n## Timeline\n\n### 12 Apr 2019\n\n"
        "1010: The image provider reports failing transformations.\n\n"
        "1025: Dana noticed that thumbnails are missing and told the team.\n\n"
        "1140: A redirect to the old image server was deployed and looked to be working.\n\n"
        "1205: Dana rolled back the redirect as it wasn't correct and broke the search page.\n\n"
        "1215: The provider recovered and thumbnails loaded again.\n"
    )
    mitigated = value.milestones["mitigated"]
    assert mitigated is not None and mitigated.when is not None
    assert mitigated.when.strftime("%H:%M") == "12:15"


def test_a_contracted_negation_tells_an_attempt() -> None:
    assert attempted("The failover ran but the replica wasn't serving reads.")
    assert attempted("Restarted the workers; jobs didn't complete.")
    assert attempted("The patch was deployed and seemed to fix it.")
    assert not attempted("The patch was deployed and the queue drained.")


def test_a_change_told_hours_before_the_first_symptom_is_lead_up() -> None:
    value = facts(
        "## Post mortem\n\n**Date:** 09/05/2021 4am UTC\n\n### Description\n\n"
        "* On 8 May 2021, around 10pm UTC a configuration change was submitted for review.\n"
        "* At around 4am UTC the following night the change was applied, and as a result "
        "the ledger halted.\n"
    )
    assert iso(value, "start") == "2021-05-09T04:00:00+00:00"


def test_things_that_have_improved_are_a_mitigation() -> None:
    value = facts(
        "# Editing fails at times\n\n## Timeline\n\n"
        "- 2025-03-03 09:00 UTC Editing fails for many sites and the database is overloaded.\n"
        "- 2025-03-03 09:20 UTC We are investigating the load on the database.\n"
        "- 2025-03-05 11:00 UTC Things have improved since we rate limited the crawlers.\n"
    )
    assert iso(value, "mitigated") == "2025-03-05T11:00:00+00:00"
