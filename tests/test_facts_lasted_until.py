"""A summary that opens at a time and tells the impact lasted until a later one states the
impact window, though words come between the two times (issue 14). Text written for this
repository, in the shape of a status page's postmortem: the summary, then the status updates,
whose "monitoring" post comes after the stated end."""

from __future__ import annotations

from tests.conftest import facts

REPORT = """\
# Search unavailable

Summary:

At approximately 14:10 UTC on 2024-03-02, users of the catalogue could not run any search.
The outage also hit the public search API, and lasted until approximately 14:40 UTC on
2024-03-02.

Resolved
This incident has been resolved.
Posted Mar 02, 2024 - 15:30 UTC
Monitoring
A fix has been implemented and we are monitoring the results.
Posted Mar 02, 2024 - 14:52 UTC
Investigating
We are looking into failing searches.
Posted Mar 02, 2024 - 14:25 UTC
"""


def iso(text: str, kind: str) -> str | None:
    moment = facts(text).milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_the_time_the_impact_lasted_until_is_the_mitigation() -> None:
    assert iso(REPORT, "start") == "2024-03-02T14:10:00+00:00"
    assert iso(REPORT, "mitigated") == "2024-03-02T14:40:00+00:00"
    assert iso(REPORT, "resolved") == "2024-03-02T15:30:00+00:00"
    assert facts(REPORT).duration() == (30, "range")


def test_a_symptom_held_back_until_a_day_and_time_ends_the_window() -> None:
    # the window opens in one sentence and ends in the next, days apart
    text = (
        "# Reminder e-mails late\n\n"
        "On June 4th around 22:15 UTC, the reminder service stopped sending e-mails. It held"
        " back every reminder queued until June 6th 09:30 UTC.\n\n"
        "Resolved\nThe reminders are flowing again.\nPosted Jun 06, 2024 - 10:20 UTC\n"
        "Monitoring\nA fix has been implemented and we are monitoring the results.\n"
        "Posted Jun 06, 2024 - 09:40 UTC\n"
        "Identified\nThe queue worker is stuck; a fix is being implemented.\n"
        "Posted Jun 06, 2024 - 09:05 UTC\n"
    )
    assert iso(text, "start") == "2024-06-04T22:15:00+00:00"
    assert iso(text, "mitigated") == "2024-06-06T09:30:00+00:00"
    assert facts(text).duration() == (2115, "range")


def test_a_time_noticed_until_is_no_end_of_a_window() -> None:
    noticed = REPORT.replace(
        "The outage also hit the public search API, and lasted until",
        "The failing searches were not noticed until",
    )
    assert iso(noticed, "mitigated") != "2024-03-02T14:40:00+00:00"


def test_a_hold_the_team_put_on_until_a_time_is_no_window() -> None:
    held = REPORT.replace(
        "The outage also hit the public search API, and lasted until",
        "We then paused every deploy to the search cluster until",
    )
    assert iso(held, "mitigated") != "2024-03-02T14:40:00+00:00"


def test_a_window_that_opens_on_today_at_a_time_is_the_impact_window() -> None:
    # the status page's post says "Today, at around ...": a day named as a word before the time
    text = (
        "# Game lobby down\n\n"
        "Mar 09 at 07:50am CET\n\n"
        "Today, at around 06:20 UTC, the lobby stopped letting players in. This lasted until"
        " around 07:35 UTC.\n\n"
        "The log volume had grown since 01:10 UTC, and the disk was full at 05:55 UTC.\n"
    )
    start = iso(text, "start")
    assert start is not None and start.endswith("06:20:00+00:00")
    assert facts(text).duration() == (75, "range")
