"""Status-page update logs as web pages save them (issue 14): each update under its status
("Investigating", "Monitoring", "Resolved") and closed by the time it was posted, newest
first; the page's footer under the last update; the time on a line of its own, perhaps with
a relative note; updates with no status heading at all; and the write-up the page posts
days later, which is no step of the incident. Written for this repository."""

from __future__ import annotations

from pathlib import Path

from pmlint.extract.timeline import Timeline
from tests.conftest import check_json, facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_the_footer_under_the_first_update_keeps_it_in_the_log() -> None:
    value = facts(
        "# Invoices are not being generated\n\nIncident Report for Examplepay\n\n"
        "**Resolved**\nInvoices are being generated again and the queue is empty.\n"
        "Posted Sep 3, 2021 - 15:10 CDT\n\n"
        "**Investigating**\nWe are looking into reports that invoices are not created.\n"
        "Posted Sep 3, 2021 - 13:45 CDT\n\n"
        "This incident affected: Billing (Invoices).\n"
    )
    assert iso(value, "start") == "2021-09-03T13:45:00-05:00"
    assert iso(value, "detected") == "2021-09-03T13:45:00-05:00"
    assert iso(value, "resolved") == "2021-09-03T15:10:00-05:00"


def test_a_time_on_a_line_of_its_own_closes_the_update_above_it() -> None:
    value = facts(
        "# Duplicate reminders sent\n\n## Updates\n\n"
        "**Resolved**\n\nThe sender has stayed healthy since the change we made.\n\n"
        "We expect no further disruption.\n\n"
        "Wed, Mar 8, 2023, 05:40 PM\n\n"
        "**Monitoring**\n\nA change is out and we are watching the sender.\n\n"
        "Wed, Mar 8, 2023, 03:05 PM (2 hours earlier)\n\n"
        "**Investigating**\n\nWe are investigating reminders that were sent twice.\n\n"
        "Wed, Mar 8, 2023, 01:20 PM (2 hours earlier)\n"
    )
    assert iso(value, "start") == "2023-03-08T13:20:00"
    assert iso(value, "detected") == "2023-03-08T13:20:00"
    # the status the page gave the last update ends it, though its words do not say so
    assert iso(value, "resolved") == "2023-03-08T17:40:00"


def test_updates_without_headings_closed_by_their_times() -> None:
    value = facts(
        "# Lobby servers show as full\n\nMinor incident · Matchmaking\n\n"
        "2024-02-19 09:12 UTC · 48 minutes\n\n"
        "The issue has been resolved and all lobbies are available again.\n\n"
        "February 19, 2024 · 10:00 UTC\n\n"
        "Some lobby servers are shown as full although they are empty.\n\n"
        "February 19, 2024 · 09:25 UTC\n\n← Back\n"
    )
    assert iso(value, "resolved") == "2024-02-19T10:00:00+00:00"
    assert all("Back" not in e.text for e in value.events)
    closing = [e for e in value.events if e.moment.when and e.moment.when.hour == 10]
    assert closing and "lobbies are available again" in closing[0].text


def test_time_lines_that_head_their_updates_are_not_closers() -> None:
    # the time above each update, with more of the story after the last one: headers
    value = facts(
        "# Slow search\n\nMarch 2, 2022 · 08:10 UTC\n\nSearch is slow for some users.\n\n"
        "March 2, 2022 · 09:00 UTC\n\nSearch is fast again for everyone, and we keep "
        "watching the cluster for the rest of the day.\n"
    )
    for event in value.events:
        assert not event.text.startswith("Search is slow") or event.moment.when.hour == 8


def test_the_write_up_posted_later_is_no_update() -> None:
    value = facts(
        "# Reports delayed\n\nIncident Report for Examplecorp\n\n**Postmortem**\n\n"
        "A scheduled job filled the shared queue and reports waited behind it.\n\n"
        "Posted Apr 20, 2022 - 10:00 UTC\n\n"
        "**Resolved**\nReports were delayed for some hours. This has been resolved.\n"
        "Posted Apr 14, 2022 - 18:00 UTC\n"
    )
    assert all(e.moment.when is None or e.moment.when.day != 20 for e in value.events)
    assert iso(value, "resolved") != "2022-04-20T10:00:00+00:00"


def test_an_effort_is_not_a_service_working() -> None:
    # "the team is working on ..." is someone at work, not the service working again
    value = facts(
        "# Exports fail\n\n"
        "**Resolved**\nExports complete normally again for every account.\n"
        "Posted Jun 1, 2022 - 12:30 UTC\n\n"
        "**Identified**\nOur team is working to restore exports for the affected accounts.\n"
        "Posted Jun 1, 2022 - 11:40 UTC\n\n"
        "**Investigating**\nExports fail for some accounts; we are investigating.\n"
        "Posted Jun 1, 2022 - 11:00 UTC\n"
    )
    assert iso(value, "mitigated") == "2022-06-01T12:30:00+00:00"


def test_a_state_to_come_is_not_a_recovery() -> None:
    # what the page expects ("will function as normal once ...") has not happened yet
    value = facts(
        "# Stale seats\n\n"
        "Seats that were released show as taken until they expire.\n"
        "Once they expire, each seat will function as normal.\n"
        "Posted Oct 9, 2023 - 08:20 UTC\n\n"
        "All seats are available again and nothing is left to expire.\n"
        "Posted Oct 9, 2023 - 09:05 UTC\n"
    )
    assert iso(value, "mitigated") == "2023-10-09T09:05:00+00:00"


def test_a_standard_zone_in_summer_on_a_page_stamped_daylight() -> None:
    # the page's stamps say PDT; "PST" in the text for the same June day means the same clock
    value = facts(
        "# Builds stalled\n\nDate of Incident: June 9, 2021\n"
        "Time of Incident: 9:10 am PST to 10:40 am PST\n\n"
        "Builds are running again.\nPosted Jun 9, 2021 - 10:45 PDT\n\n"
        "Builds are stalled; we are investigating.\nPosted Jun 9, 2021 - 09:30 PDT\n"
    )
    assert iso(value, "start") == "2021-06-09T09:10:00-07:00"


def test_a_standard_zone_alone_stays_as_written() -> None:
    value = facts(
        "# Builds stalled\n\n## Summary\n\n"
        "From 9:10 am PST to 10:40 am PST on June 9, 2021 builds stalled.\n"
    )
    assert iso(value, "start") == "2021-06-09T09:10:00-08:00"


def test_a_newest_first_log_of_two_updates_is_in_order(tmp_path: Path) -> None:
    # PM103: a status page lists its updates newest first; each is closed by its posting time
    path = tmp_path / "log.md"
    path.write_text(
        "# Invoices are not being generated\n\n"
        "**Resolved**\nInvoices are being generated again.\nPosted Sep 3, 2021 - 15:10 CDT\n\n"
        "**Investigating**\nWe are looking into missing invoices.\n"
        "Posted Sep 3, 2021 - 13:45 CDT\n\nThis incident affected: Billing.\n",
        encoding="utf-8",
    )
    _, report = check_json(str(path))
    rules = [f.get("rule") for file in report["files"] for f in file["diagnostics"]]
    assert "PM103" not in rules
