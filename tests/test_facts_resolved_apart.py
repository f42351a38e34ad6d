"""A time the author calls the mitigation ("the issue was considered mitigated at 21:07", "a
change at 13:13 which fully mitigated the problem"), in a report that tells the resolution
apart with no time of its own ("the incident was resolved after a period of monitoring", "was
only fully resolved when the disk was replaced"), states when the impact was mitigated, not
when the incident was resolved (issue 14, the resolution). Written for this repository."""

from __future__ import annotations

from tests.conftest import facts

NOTE = """\
# Search API errors

From 08:15 to 09:40 UTC on June 3, 2031, the search API returned 503 errors to 4% of requests.

{cause}

At 09:40 UTC engineers drained the slow index node, which fully mitigated the problem{tail}.
"""


def iso(text: str, kind: str) -> str | None:
    moment = facts(text).milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_the_window_s_end_closes_the_incident() -> None:
    text = NOTE.format(cause="A failing disk slowed the index nodes.", tail="")
    assert iso(text, "mitigated") == "2031-06-03T09:40:00+00:00"
    assert iso(text, "resolved") == "2031-06-03T09:40:00+00:00"


def test_a_resolution_told_apart_in_the_cause_leaves_none() -> None:
    cause = (
        "A failing disk slowed the index nodes. Although the errors were mitigated by"
        " draining the node, the problem was only fully resolved when the disk was replaced."
    )
    text = NOTE.format(cause=cause, tail="")
    assert iso(text, "mitigated") == "2031-06-03T09:40:00+00:00"
    assert iso(text, "resolved") is None


def test_a_resolution_told_after_it_without_a_time_leaves_none() -> None:
    text = NOTE.format(
        cause="", tail=", and the incident was resolved after a short period of monitoring"
    )
    assert iso(text, "resolved") is None


def test_a_resolution_with_its_own_time_is_kept() -> None:
    text = NOTE.format(cause="", tail=". The incident was resolved at 10:05 UTC")
    assert iso(text, "resolved") == "2031-06-03T10:05:00+00:00"


def test_a_mitigation_not_called_so_is_closed_by_the_window() -> None:
    cause = "The problem was only fully resolved when the disk was replaced."
    text = NOTE.format(cause=cause, tail="").replace("fully mitigated", "ended")
    assert iso(text, "resolved") == "2031-06-03T09:40:00+00:00"
