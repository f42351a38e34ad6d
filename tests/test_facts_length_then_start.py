"""A length told right before the start it runs from ("a 25 minute outage starting at 09:12
UTC", "down for twelve minutes this morning starting at 3:00AM ET") is the impact window: it
ends that long after the start (issue 14, a stated end). Written for this repository."""

from __future__ import annotations

from tests.conftest import facts

NOTE = """\
# Checkout outage on 2021-05-04

On May 4, 2021 we had a 25 minute outage starting at 09:12 UTC. A cache node ran out of
memory and every checkout request timed out.
"""


def iso(text: str, kind: str) -> str | None:
    moment = facts(text).milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_a_length_told_before_its_start_ends_the_window() -> None:
    assert iso(NOTE, "start") == "2021-05-04T09:12:00+00:00"
    assert iso(NOTE, "resolved") == "2021-05-04T09:37:00+00:00"
    assert facts(NOTE).duration()[0] == 25


def test_two_lengths_before_the_start_make_no_window() -> None:
    text = NOTE.replace(
        "we had a 25 minute outage starting at",
        "checkout was down for 40 minutes and slow for another 25 minutes starting at",
    )
    assert iso(text, "resolved") is None
