"""A status page's log whose updates are each closed by a line holding only the time they
were posted, with no date, under a summary that states the impact window (issue 14): the
first update posted within the window is the detection. Not where the window crosses
midnight (an undated time's day is then unknown), nor where no update falls in it. Written
for this repository."""

from __future__ import annotations

from tests.conftest import facts

PAGE = """\
Monday March 4, 2024

Delays sending invoices

Issue summary:
From 9:10 AM PST to 10:40 AM PST on Monday, March 4, 2024, some customers could not send
invoices.

A worker pool stopped taking jobs after a config change; we rolled the change back.

1:15 PM PST

Invoices are sending again. We are watching the queue drain.

10:42 AM PST

We are investigating reports that invoices are not being sent.

9:31 AM PST

Features affected

Billing
"""


def iso(text: str, kind: str) -> str | None:
    moment = facts(text).milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_the_first_update_posted_in_the_window_is_the_detection() -> None:
    assert iso(PAGE, "detected") == "2024-03-04T09:31:00-08:00"
    assert iso(PAGE, "start") == "2024-03-04T09:10:00-08:00"


def test_no_update_posted_in_the_window_gives_no_detection() -> None:
    late = PAGE.replace("9:31 AM PST", "10:51 AM PST")
    assert iso(late, "detected") is None


def test_a_window_across_midnight_gives_no_detection() -> None:
    night = PAGE.replace(
        "From 9:10 AM PST to 10:40 AM PST on Monday, March 4, 2024",
        "From 9:10 AM PST on March 4, 2024 to 10:40 AM PST on March 5, 2024",
    )
    assert iso(night, "detected") is None
