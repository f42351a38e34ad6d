"""A day told in prose, with no time, after the impact had eased, on which the author says all
was well again ("As of May 14, the queue has been drained", "we have not seen any errors since
May 14") closes an incident nothing else closed: a day-precision resolution, from which no
duration is counted (issue 14, the resolution). Written for this repository."""

from __future__ import annotations

from tests.conftest import facts

NOTE = """\
# Invoice mailer delays

On May 9, 2031 at 14:20 UTC the invoice mailer began to time out against the rendering service.
At 16:05 UTC on May 10, 2031 we moved rendering to a second pool, and the impact was mitigated.
{closing}
"""


def iso(text: str, kind: str) -> str | None:
    moment = facts(text).milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_a_queue_drained_on_a_later_day_closes_the_incident() -> None:
    text = NOTE.format(
        closing="A queue of 40,000 invoices then had to be sent. As of May 14, 2031, the"
        " backlog has been cleared and invoices are being delivered as expected."
    )
    assert iso(text, "mitigated") == "2031-05-10T16:05:00+00:00"
    assert iso(text, "resolved") == "2031-05-14T00:00:00"
    assert facts(text).duration() is None


def test_no_errors_since_a_later_day_closes_the_incident() -> None:
    text = NOTE.format(closing="We have not seen any mailer errors since May 14, 2031.")
    assert iso(text, "resolved") == "2031-05-14T00:00:00"


def test_a_day_the_backlog_is_expected_to_clear_does_not() -> None:
    text = NOTE.format(closing="We expect the backlog to be cleared by May 14, 2031.")
    assert iso(text, "resolved") != "2031-05-14T00:00:00"


def test_a_later_day_that_tells_no_recovery_does_not() -> None:
    text = NOTE.format(closing="On May 14, 2031 we published this report.")
    assert iso(text, "resolved") != "2031-05-14T00:00:00"
