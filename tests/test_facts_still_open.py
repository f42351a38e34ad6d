"""A report that says, after its recovery, that the trouble had not ended when it was written
("some services remain unavailable as of 09:00", "we continue working on a fix to resolve
it") states no resolution: the recovery it tells is the mitigation, and neither a prose time
nor one inferred from the mitigation closes the incident (issue 14, the resolution). A
timeline's closing entry still does. Written for this repository."""

from __future__ import annotations

from tests.conftest import facts

NOTE = """\
# Lab cooling failure

On Tuesday, March 4, 2031 at 6:10 p.m. EST the chillers of the east lab stopped and the lab's
servers were shut down. Most servers were restored by approximately 11:40 p.m. that night.
{after}
"""


def iso(text: str, kind: str) -> str | None:
    moment = facts(text).milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_recovery_without_a_word_on_what_remains_closes_the_incident() -> None:
    text = NOTE.format(after="")
    assert iso(text, "mitigated") is not None
    assert iso(text, "resolved") == iso(text, "mitigated")


def test_services_that_remain_unavailable_leave_it_open() -> None:
    text = NOTE.format(after="The render farm remains unavailable as of this morning.")
    assert iso(text, "mitigated") is not None
    assert iso(text, "resolved") is None
    assert facts(text).duration() is None


def test_work_that_continues_on_a_fix_leaves_it_open() -> None:
    text = NOTE.format(after="We continue working on a fix to resolve the chiller fault.")
    assert iso(text, "resolved") is None


def test_a_plan_to_keep_working_does_not() -> None:
    text = NOTE.format(after="We will continue working on a fix for the chillers.")
    assert iso(text, "resolved") == iso(text, "mitigated")


def test_a_timeline_s_closing_entry_is_kept() -> None:
    text = """\
# Queue outage

## Timeline

- 2031-03-04 10:00 UTC: the queue stopped accepting jobs.
- 2031-03-04 10:40 UTC: the queue was restored.
- 2031-03-04 11:30 UTC: incident resolved.

Some older jobs remain pending in the archive, which is expected.
"""
    assert iso(text, "resolved") == "2031-03-04T11:30:00+00:00"
