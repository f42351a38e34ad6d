"""Session 39 (issue 14), on text written for this repository:

- a four-digit time right after a month and day, with a zone ("Mar 3 2210 UTC"), is that
  day's time, not its year (the year comes from elsewhere in the document), and a date may
  write its year first with the month's name ("2024-Mar-02");
- a report that something went well ("the team reports the dry run passes") is no detection,
  and a failing test that now passes is no symptom;
- a change or a remedy asked of others ("tells the operators to apply the upgrade",
  "instructs them to revert") is not yet made: no trigger, no mitigation;
- the symptom told past a remedy ("errors even after the rollback") is no mitigation;
- the first report of a problem ("the first operator reports a stalled node") is the start
  when nothing earlier shows the harm;
- a doing told with "again" in the progressive ("nodes are voting again") is a recovery.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pmlint.extract import milestones
from pmlint.extract.durations import stated_durations
from pmlint.extract.timeline import Timeline
from pmlint.extract.timestamps import find_stamps
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


@pytest.mark.parametrize(
    ("text", "date", "time"),
    [
        ("Mar 3 2210 UTC: the upgrade height is reached", dt.date(2000, 3, 3), dt.time(22, 10)),
        ("- 4 Mar 0045 UTC: a second node stalls", dt.date(2000, 3, 4), dt.time(0, 45)),
        ("Mar 3 2210Z: the upgrade height is reached", dt.date(2000, 3, 3), dt.time(22, 10)),
    ],
)
def test_four_digits_with_a_zone_after_a_day_are_its_time(
    text: str, date: dt.date, time: dt.time
) -> None:
    stamps = find_stamps(text)
    assert [(s.date, s.time) for s in stamps if s.date] == [(date, time)]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("On Mar 3, 2210 UTC", dt.date(2210, 3, 3)),  # a comma: the year, however odd
        ("Released on March 3 2024.", dt.date(2024, 3, 3)),
        ("- Date: 2024-Mar-02", dt.date(2024, 3, 2)),
        ("2024-Mar-2 was quiet", dt.date(2024, 3, 2)),
    ],
)
def test_years_stay_years(text: str, date: dt.date) -> None:
    assert [s.date for s in find_stamps(text) if s.date] == [date]


_RELAY = """# Relay chain halt after the 4.1.2 patch

- Date: 2024-Mar-02
- Status: resolved

## Timeline

- Mar 2 1410 UTC: the core team and the audit firm agree to ship a patch the same day.
- 1822 UTC: v4.1.2 is released with two dependency bumps.
- 1840 UTC: the core team reports the state sync dry run passes.
- 1955 UTC: the core team reports previously failing replay tests pass.
- 2230 UTC: the core team tells operators to apply the v4.1.2 upgrade soon, asking them to
  confirm in chat.
- Mar 3 0210 UTC: the first operator reports a stalled node at the upgrade height.
- 0225 UTC: the core team instructs stalled operators to revert to 4.1.1 and wait.
- 0250 UTC: a second operator reports the stall even after rolling back.
- 0405 UTC: most nodes are voting again and blocks are produced.
- 1530 UTC: the core team confirms that all operators are voting again.
"""


def test_a_timeline_of_four_digit_times_under_dated_entries() -> None:
    told = facts(_RELAY)
    assert iso(told, "start") == "2024-03-03T02:10:00+00:00"
    assert iso(told, "detected") == "2024-03-03T02:10:00+00:00"
    assert iso(told, "mitigated") == "2024-03-03T04:05:00+00:00"
    assert iso(told, "resolved") == "2024-03-03T15:30:00+00:00"


@pytest.mark.parametrize(
    "text",
    [
        "the core team reports the state sync dry run passes",
        "QA reported that the migration rehearsal succeeded",
        "ops reports the restore drill was successful",
    ],
)
def test_a_report_of_success_is_no_detection(text: str) -> None:
    assert milestones._ALL_FINE.search(text) is not None


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("the core team tells operators to apply the v4.1.2 upgrade soon", True),
        ("we asked the tenants to roll out the new config.", True),
        ("pull request to review changes triggers the deploy pipeline", False),
        ("the team deployed the v4.1.2 upgrade", False),
    ],
)
def test_a_change_asked_of_others_is_not_made(text: str, asked: bool) -> None:
    assert (milestones._FAILED_CHANGE.search(text) is not None) is asked


@pytest.mark.parametrize(
    ("text", "recovered"),
    [
        ("most nodes are voting again", True),
        ("the consumers were draining again", True),
        ("the workers are failing again", False),
        ("pods were restarting again", False),
        ("we are investigating again", False),
    ],
)
def test_a_doing_again_is_a_recovery(text: str, recovered: bool) -> None:
    assert milestones.recovered_again(text) is recovered


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("The pool kept 40m USDC of the bridge's total 52m USDC locked.", []),
        ("A total of 2.5m OSMO was drained.", []),
        ("Total downtime: 1h 20m.", [80.0]),
        ("The outage lasted 35m in total.", [35.0]),
        ("Total downtime: 45m UTC", [45.0]),
    ],
)
def test_millions_of_a_currency_are_no_minutes(text: str, minutes: list[float]) -> None:
    assert [d.minutes for d in stated_durations(text)] == minutes
