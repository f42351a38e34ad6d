"""A recovery told in prose that the next sentences say left some out ("This will have
restored service to all wards except the two in the annex", "we are still trying to reach
them") stopped most of the impact, not the incident: no resolution is inferred from it (issue
14, a partial recovery). Written for this repository."""

from __future__ import annotations

from tests.conftest import facts

NOTE = """\
# 2014/03/11 - Telephone outage in the hospital wing

At about 7:40AM this morning a power surge took the telephone exchange of the hospital wing
offline, and no ward could place calls.

We switched the wing to a spare line by 8:35AM. {after}
"""


def iso(text: str, kind: str) -> str | None:
    moment = facts(text).milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_a_recovery_that_left_some_out_infers_no_resolution() -> None:
    text = NOTE.format(
        after="This will have restored service to all wards except the two in the annex. "
        "We are still trying to reach them."
    )
    assert iso(text, "mitigated") == "2014-03-11T08:35:00"
    assert iso(text, "resolved") is None


def test_a_whole_recovery_still_closes_the_incident() -> None:
    text = NOTE.format(after="This will have restored service to all wards.")
    assert iso(text, "mitigated") == "2014-03-11T08:35:00"
    assert iso(text, "resolved") == "2014-03-11T08:35:00"
