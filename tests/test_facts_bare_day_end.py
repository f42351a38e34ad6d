"""A resolution read as a day alone on the day of a mitigation told at a time of day (a field
cut short, "End: 2019/05/06 11", read as its date) tells nothing of when the incident closed
(issue 14, sanity of the milestones). Written for this repository."""

from __future__ import annotations

from tests.conftest import facts

NOTE = """\
# Library printers offline

## Timeline

Start: 2019/05/06 08:40 The print server stopped answering.
2019/05/06 09:10 Staff restarted the print spooler.
2019/05/06 10:45 The print queues were restored.
End: 2019/05/06 11
"""


def iso(text: str, kind: str) -> str | None:
    moment = facts(text).milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_a_bare_day_on_the_day_of_a_timed_mitigation_is_no_resolution() -> None:
    assert iso(NOTE, "mitigated") == "2019-05-06T10:45:00"
    assert iso(NOTE, "resolved") is None


def test_a_bare_day_after_the_mitigation_s_day_stays() -> None:
    later = NOTE.replace("End: 2019/05/06 11", "End: 2019/05/08 11")
    assert iso(later, "resolved") == "2019-05-08T00:00:00"
