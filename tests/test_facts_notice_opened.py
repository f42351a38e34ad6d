"""A status page's notice whose opening text carries no time, followed on the same day by
updates stamped with theirs (issue 14): the notice was opened at its front matter's `date:`,
so that is the start, and the detection too where the opening says someone is on it; an
opening that tells no trouble leaves the updates' start. Written for this repository."""

from __future__ import annotations

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def notice(opening: str) -> str:
    return f"""\
---
title: Builds may not start
date: 2022-06-03T06:30:00+00:00
resolved: true
---

{opening}<br /><br />**Update 11:00**: The runner pool ran out of disk space after a cache
change.<br /><br />**Update 12:30**: A cleanup job is in place and builds run again.
"""


def test_a_notice_opened_before_its_updates_starts_and_is_detected_at_its_date() -> None:
    value = facts(notice("Builds may be stuck in the queue. We are investigating the issue."))
    assert iso(value, "start") == "2022-06-03T06:30:00+00:00"
    assert iso(value, "detected") == "2022-06-03T06:30:00+00:00"


def test_an_opening_that_tells_no_trouble_leaves_the_updates_start() -> None:
    value = facts(notice("The shared build runners get new hardware this week."))
    assert iso(value, "start") != "2022-06-03T06:30:00+00:00"


def test_a_notice_that_announces_work_ahead_is_not_started_at_its_date() -> None:
    value = facts(notice("Planned work: the build runners will be offline for a disk upgrade."))
    assert iso(value, "start") != "2022-06-03T06:30:00+00:00"
