"""Start classes from session 43 (issue 14): which time is the impact's start when the text
tells it in a shape the rules misread. (Text written for this repository.)"""

from __future__ import annotations

import datetime as dt

from pmlint.extract.timeline import Timeline
from pmlint.extract.timestamps import find_stamps
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_one_letter_am_pm_against_the_time() -> None:
    late, early = find_stamps("2024-11-02 10:45p"), find_stamps("2024-11-03 1:05a")
    assert late[0].time == dt.time(22, 45)
    assert early[0].time == dt.time(1, 5)
    # a letter after a blank is the next word, not the clock's half
    assert find_stamps("at 10:00 a fix went out")[0].time == dt.time(10, 0)
    # nor is it the half of a 24-hour time
    assert find_stamps("2024-11-02 13:05p")[0].time == dt.time(13, 5)


_STATUS_LOG = """---
title: "Lab printers offline"
date: "2024-11-02"
---

## Investigating 2024-11-02 10:45p

The printers on the third floor stopped answering. A ticket is open with facilities.

## Resolved 2024-11-03 1:05a

Facilities replaced a switch and the printers answer again.
"""


def test_a_status_log_on_a_one_letter_clock_runs_past_midnight() -> None:
    told = facts(_STATUS_LOG)
    assert iso(told, "start") == "2024-11-02T22:45:00"
    assert iso(told, "resolved") == "2024-11-03T01:05:00"
    assert told.duration()[0] == 140  # type: ignore[index]


_DATE_AFTER_ZONE = """# Preliminary report for March 9, 2022

At 6:40 AM PST March 8 we found that outbound faxes to one carrier were failing. At 8:15 AM
PST the carrier restored its gateway and faxes went through again.
"""


def test_a_date_right_after_a_time_and_its_zone_is_its_day() -> None:
    told = facts(_DATE_AFTER_ZONE)
    assert iso(told, "start") == "2022-03-08T06:40:00-08:00"


_NEXT_UPDATE = """---
title: Region storage unavailable
date: 2024-05-03 18:20:00
resolved: no
---

19:30 UTC

The storage cluster is still down, failing over did not work. We shall update this page
again by 20:00 UTC, sooner if there is news.

---

2024-05-03 18:20:00 UTC

Storage nodes in the region rebooted after a power event and are coming back.
"""


def test_the_time_of_a_promised_update_tells_no_step() -> None:
    told = facts(_NEXT_UPDATE)
    assert iso(told, "start") != "2024-05-03T20:00:00+00:00"
    promised = [m for m in told.moments if m.when is not None and m.when.hour == 20]
    assert promised and all(not m.kinds for m in promised)


_DORMANT_CAUSE = """# Summary of the September 20 outage

## What happened

On August 30, we released a build of the router that carried a latent fault, which a
rare request shape could set off.

On September 20, a partner sent that request shape and most edge nodes began to fail.

Timeline of the day (all times UTC):

14:02 First failed requests at the edge
14:04 Alert fires, on-call paged
14:40 Faulty build rolled back, requests succeed again
15:10 Incident closed

After the rollback we wrote a proper fix and started deploying it at 19:30.
"""


def test_a_dormant_cause_weeks_before_does_not_open_a_timeline_that_starts_with_harm() -> None:
    told = facts(_DORMANT_CAUSE, "2021-09-20-router.md")
    assert iso(told, "start") == "2021-09-20T14:02:00+00:00"
    assert told.provenance["start"] == "timeline"


def test_a_step_that_updates_something_at_a_time_is_still_a_step() -> None:
    told = facts(
        "# Mail bounced\n\n## Summary\n\nAt 09:05 UTC on 2024-06-02 inbound mail began to "
        "bounce. We began to update the MX records at 09:40 UTC, and mail flowed again at "
        "09:52 UTC.\n"
    )
    step = [m for m in told.moments if m.when is not None and m.when.minute == 40]
    assert step and all(m.kinds for m in step)
