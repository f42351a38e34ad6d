"""The end of the impact kept in order with the rest of the story (issue 14, class 7): when
prose or a range puts a mitigation or a resolution out of order with what the timeline
states, the vote goes to the timeline; and a mitigation that one place tells gives way to a
later one that prose and the timeline both tell. Each document is written for this
repository."""

from __future__ import annotations

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


MARKED_END_BEFORE_PROSE = """\
# Scheduler outage

## Summary

The scheduler crashed after a node drain. Once the cause was understood, a patched image was
built and shipped at 11:40 UTC, and the scheduler came back at once.

## Timeline

All times UTC, 2023-04-11.

- 08:02 The node hosting the scheduler is drained; the new pod crash-loops (**outage starts**)
- 09:50 The on-call engineer reads the crash in the logs
- 10:25 The patched scheduler image goes live (**outage ends**)
"""


def test_a_prose_mitigation_after_the_marked_end_gives_way_to_it() -> None:
    value = facts(MARKED_END_BEFORE_PROSE)
    assert iso(value, "resolved") == "2023-04-11T10:25:00+00:00"
    assert iso(value, "mitigated") == "2023-04-11T10:25:00+00:00"
    assert value.provenance["mitigated"] == "inferred"


DEPLOY_WINDOW_BEFORE_DETECTION = """\
# Dropped tables after a migration

**Date**: 2024-02-19
**Time**: 06:10-06:14 UTC

## Summary

A schema migration removed two tables in production.

## Timeline

- **06:10 UTC** - Migration deployed to production
- **06:14 UTC** - Deployment finished, rollback of the code succeeded
- **15:20 UTC** - A customer reports errors on every order page
- **16:05 UTC** - Tables restored from the nightly backup, order pages load again
"""


def test_a_range_that_ends_before_the_detection_gives_way_to_the_timelines_recovery() -> None:
    value = facts(DEPLOY_WINDOW_BEFORE_DETECTION)
    assert iso(value, "detected") == "2024-02-19T15:20:00+00:00"
    assert iso(value, "resolved") == "2024-02-19T16:05:00+00:00"
    assert iso(value, "mitigated") == "2024-02-19T16:05:00+00:00"


SELF_HEALED_BEFORE_DETECTION = """\
# Short API brown-out

## Summary

On 2024-03-02 the API returned errors from 02:10 to 02:25 UTC.

## Timeline

- **02:10 UTC** - The database fails over to its replica
- **09:30 UTC** - An engineer notices the error spike in the morning dashboards
- **10:00 UTC** - Investigation shows the replica took over cleanly
"""


def test_a_range_that_ended_before_anyone_noticed_stays_the_window() -> None:
    value = facts(SELF_HEALED_BEFORE_DETECTION)
    assert iso(value, "resolved") == "2024-03-02T02:25:00+00:00"


TOLD_TWICE_LATER = """\
# Image proxy outage

## Summary

A proxy change broke image loading on 2022-10-04. By 11:05 UTC, the corrected proxy
configuration was in place and users could load images again.

## Timeline

All times UTC.

- 09:40 - proxy change deployed
- 09:52 - users report that images do not load
- 10:30 - workaround in place to force images through the old path; cache purge begins
- 11:05 - proxy reconfigured to send the right headers
- 11:50 - the old path is removed and the incident is closed
"""


def test_a_recovery_that_prose_and_the_timeline_both_tell_wins_over_one_told_once() -> None:
    value = facts(TOLD_TWICE_LATER)
    assert iso(value, "mitigated") == "2022-10-04T11:05:00+00:00"
    assert value.provenance["mitigated"] == "prose"
    assert iso(value, "resolved") == "2022-10-04T11:50:00+00:00"


TOLD_TWICE_AT_THE_PICK = """\
# Image proxy outage

## Summary

A proxy change broke image loading on 2022-10-04. At 10:30 UTC a workaround was in place and
users could load images again; the proxy was reconfigured properly at 11:05 UTC.

## Timeline

All times UTC.

- 09:40 - proxy change deployed
- 09:52 - users report that images do not load
- 10:30 - workaround in place to force images through the old path; images load again
- 11:05 - proxy reconfigured to send the right headers
- 11:50 - the old path is removed and the incident is closed
"""


def test_a_pick_the_prose_confirms_stays() -> None:
    value = facts(TOLD_TWICE_AT_THE_PICK)
    assert iso(value, "mitigated") == "2022-10-04T10:30:00+00:00"
    assert value.provenance["mitigated"] == "timeline"
