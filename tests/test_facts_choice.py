"""Which candidate is the mitigation and which the resolution (issue 14): a remedy still being
carried out is no outcome; a partial recovery before the full one is the mitigation; an
update that defers the close is not the resolution. Each case is text written for this
repository, standing for a family of shapes seen in cloud and status-page reports.
"""

from __future__ import annotations

import pytest

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    if moment is None or moment.when is None or not moment.day_known:
        return None
    return moment.when.isoformat()


def test_a_fault_being_fixed_is_not_yet_the_mitigation() -> None:
    # a status log, newest first: "has been identified and is being fixed" tells the remedy
    # under way; the update after it says the impact stopped
    text = (
        "Uploads delayed\n"
        "Incident Report for ExampleStore\n\n"
        "Resolved\n"
        "Every mirror is serving fresh uploads again.\n"
        "Posted Mar 4, 2019 - 11:31 UTC\n"
        "Update\n"
        "The broken mirror setting has been found and is being fixed.\n"
        "Posted Mar 4, 2019 - 11:20 UTC\n"
        "Investigating\n"
        "We are looking into reports that new uploads do not appear on the mirrors.\n"
        "Posted Mar 4, 2019 - 10:52 UTC\n"
    )
    value = facts(text)
    assert iso(value, "mitigated") == "2019-03-04T11:31:00+00:00"


@pytest.mark.parametrize(
    "deferral",
    [
        # "before we consider the incident closed": the close is the next post, whatever it says
        "We will watch the next scheduled batch before we consider the incident closed.",
        # "waiting until ..." defers the close too; the recovery the same update tells is the
        # mitigation, not an attempt whose effect is still awaited
        "We're waiting until the next scheduled batch before we consider the incident closed.",
    ],
)
def test_an_update_that_puts_the_close_off_is_not_the_resolution(deferral: str) -> None:
    text = (
        "Reminders sent twice\n"
        "Incident Report for ExampleNotify\n\n"
        "Sorry for the noise this caused. A queue migration replayed old reminders; we will "
        "add a check for replayed jobs to the migration runbook.\n"
        "Posted Feb 2, 2022 - 16:40 UTC\n"
        f"Duplicate reminders have stopped and the send rate is back to normal. {deferral}\n"
        "Posted Feb 2, 2022 - 15:58 UTC\n"
        "We are investigating reports of reminders being sent twice.\n"
        "Posted Feb 2, 2022 - 15:10 UTC\n"
    )
    value = facts(text)
    assert iso(value, "mitigated") == "2022-02-02T15:58:00+00:00"
    assert iso(value, "resolved") == "2022-02-02T16:40:00+00:00"


def test_a_close_put_off_with_nothing_after_it_stays_the_resolution() -> None:
    text = (
        "Reminders sent twice\n"
        "Incident Report for ExampleNotify\n\n"
        "Duplicate reminders have stopped and the send rate is back to normal. We are "
        "monitoring for a while before closing the incident.\n"
        "Posted Feb 2, 2022 - 15:58 UTC\n"
        "We are investigating reports of reminders being sent twice.\n"
        "Posted Feb 2, 2022 - 15:10 UTC\n"
    )
    value = facts(text)
    assert iso(value, "resolved") == "2022-02-02T15:58:00+00:00"


def test_a_partial_recovery_before_the_full_one_is_the_mitigation() -> None:
    # "While most ... had recovered by T1, the rest was fully mitigated by T2": the impact
    # dropped at T1; T2 ends it
    text = (
        "## Summary\n\n"
        "On 3 March 2024 a faulty route table left storage clients unable to connect in "
        "several regions. While most clients had recovered by 07:45 UTC, timeouts in two "
        "regions were fully mitigated by 11:20 UTC.\n"
    )
    value = facts(text)
    assert iso(value, "mitigated") == "2024-03-03T07:45:00+00:00"
    assert iso(value, "resolved") == "2024-03-03T11:20:00+00:00"


def test_a_full_mitigation_told_alone_stays_the_mitigation() -> None:
    text = (
        "## Summary\n\n"
        "On 3 March 2024 a faulty route table left storage clients unable to connect. The "
        "timeouts were fully mitigated by 11:20 UTC.\n"
    )
    value = facts(text)
    assert iso(value, "mitigated") == "2024-03-03T11:20:00+00:00"


def test_what_customers_received_is_the_impact_not_a_detection() -> None:
    # "customers ... may have received error notifications" tells the symptom
    text = (
        "Summary of Impact: Between 05:10 UTC and 07:45 UTC on 12 Sep 2023, customers using "
        "managed queues in North Europe may have received error notifications when creating "
        "or deleting queues.\n"
    )
    value = facts(text)
    assert iso(value, "start") == "2023-09-12T05:10:00+00:00"
    assert iso(value, "detected") is None


def test_a_status_page_header_and_false_alerts_are_no_detection() -> None:
    # the page's own "Incident Report for ..." header, and alerts that were false: the
    # symptom of an alerting service
    text = (
        "Spurious alerts from 09:02 UTC to 09:40 UTC\n"
        "Incident Report for ExampleWatch\n"
        "We apologise for the false alerts you received this morning during a queue "
        "migration on 5 June 2021.\n"
    )
    value = facts(text)
    assert iso(value, "start") == "2021-06-05T09:02:00+00:00"
    assert iso(value, "detected") is None


def test_an_alert_we_received_stays_a_detection() -> None:
    text = (
        "Summary of Impact: Between 05:10 UTC and 07:45 UTC on 12 Sep 2023, customers could "
        "not create queues in North Europe. We received an alert at 05:18 UTC.\n"
    )
    value = facts(text)
    assert iso(value, "detected") == "2023-09-12T05:18:00+00:00"


def test_a_user_who_reports_what_they_did_not_receive_is_a_detection() -> None:
    text = (
        "## Timeline\n\n"
        "- 2023-09-12 05:10 UTC: a mail relay update goes out.\n"
        "- 05:40 UTC: a customer reports not receiving the sign-in e-mail.\n"
        "- 06:05 UTC: the relay update is rolled back; sign-in e-mails arrive again.\n"
    )
    value = facts(text)
    assert iso(value, "detected") == "2023-09-12T05:40:00+00:00"


def test_a_remedy_after_which_the_symptom_went_on_is_not_the_mitigation() -> None:
    # "rolled back, but connection failures continued": the first attempt; the impact
    # stopped with the next step
    text = (
        "## Timeline\n\n"
        "- 2023-04-04 09:10 UTC: a gateway update goes out; connections start failing.\n"
        "- 09:18 UTC: automated alerts fire and engineers engage.\n"
        "- 09:50 UTC: the gateway update is rolled back, but connection failures continued.\n"
        "- 10:35 UTC: traffic moved to healthy gateway nodes; connections recovered.\n"
    )
    value = facts(text)
    assert iso(value, "mitigated") == "2023-04-04T10:35:00+00:00"


def test_errors_that_continue_to_fall_are_a_recovery_going_on() -> None:
    text = (
        "## Timeline\n\n"
        "- 2023-04-04 09:10 UTC: a gateway update goes out; connections start failing.\n"
        "- 09:18 UTC: automated alerts fire and engineers engage.\n"
        "- 09:50 UTC: the gateway update is rolled back and errors continue to decline.\n"
    )
    value = facts(text)
    assert iso(value, "mitigated") == "2023-04-04T09:50:00+00:00"


def test_an_hour_written_with_its_leading_zero_ends_a_twelve_hour_reading() -> None:
    # the window's "12:25" above a timeline of "09:10", "09:50", "10:35": the timeline is on a
    # 24-hour clock, and its 10:35 is in the morning, before the 12:25 close
    text = (
        "What happened?\n\n"
        "Between 09:10 and 12:25 UTC on 4 April 2023, customers in East US could not connect "
        "to the example database.\n\n"
        "How did we respond?\n\n"
        "09:10 UTC – Customer impact began after a gateway update.\n"
        "09:18 UTC – Automated alerts fired and engineers engaged.\n"
        "09:50 UTC – The gateway update was rolled back.\n"
        "10:35 UTC – Traffic was moved to healthy gateway nodes; connections recovered.\n"
        "12:25 UTC – After monitoring, the incident was closed.\n"
    )
    value = facts(text)
    times = [e.moment.when.isoformat() for e in value.events if e.moment.when is not None]
    assert "2023-04-04T10:35:00+00:00" in times
    assert "2023-04-04T22:35:00+00:00" not in times
