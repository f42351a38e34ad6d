"""A status page's "Identified" update, posted when the cause was found ("The issue has been
identified and a fix is being implemented. Posted ... 10:55 UTC"), does not tell when anyone
learned of the incident (issue 14): the "Investigating" update before it does, and where that
one has no time the detection is left empty. Written for this repository."""

from __future__ import annotations

from tests.conftest import facts

PAGE = """\
# Sign-in failures

Incident Report for Exampleco

Postmortem

From 10:20 to 10:48 UTC on March 2, 2023, sign-ins failed for users of the EU region after
a certificate on the login proxy expired.

Resolved
This incident has been resolved.
Posted Mar 2, 2023 - 11:40 UTC

Identified
The issue has been identified and a fix is being implemented.
Posted Mar 2, 2023 - 10:55 UTC

Investigating
We are investigating failed sign-ins.
Posted Mar 2, 2023
"""


def iso(text: str, kind: str) -> str | None:
    moment = facts(text).milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_the_identified_update_is_not_the_detection() -> None:
    assert iso(PAGE, "detected") is None
    assert iso(PAGE, "start") == "2023-03-02T10:20:00+00:00"


def test_the_investigating_update_still_is() -> None:
    timed = PAGE.replace("Posted Mar 2, 2023\n", "Posted Mar 2, 2023 - 10:31 UTC\n")
    assert iso(timed, "detected") == "2023-03-02T10:31:00+00:00"
