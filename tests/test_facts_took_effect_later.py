"""A change the prose tells at one time and, in the same paragraph, reaching what it broke at a
later one hurt nobody until it took effect: the later time is the start (issue 14). A symptom
told after a change that took effect at once leaves the change as the start. Written for
this repository."""

from __future__ import annotations

from tests.conftest import facts

TOOK_UP = """\
# Login failures in the north region

At 08:05 UTC on 12 May 2025, a change was made to the session store's settings. The login
gateways in the north region took up this change at 09:20 UTC, and every login there failed.

At 09:31 UTC, alerts for the login gateways fired. At 10:02 UTC the setting was restored and
logins worked again.
"""

AT_ONCE = """\
# Login failures in the north region

At 08:05 UTC on 12 May 2025, a change to the session store's settings was deployed. At
08:09 UTC logins in the north region started failing.

At 08:31 UTC, alerts for the login gateways fired. At 09:02 UTC the setting was restored and
logins worked again.
"""


def start(text: str) -> str | None:
    moment = facts(text, "2025-05-12-login-failures.md").milestones["start"]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_a_change_taken_up_later_starts_when_it_took_effect() -> None:
    assert start(TOOK_UP) == "2025-05-12T09:20:00+00:00"


def test_a_symptom_after_a_change_that_took_effect_at_once_keeps_the_change() -> None:
    assert start(AT_ONCE) == "2025-05-12T08:05:00+00:00"
