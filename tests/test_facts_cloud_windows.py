"""Impact windows a cloud report states in shapes the window grammar had not read (issue 14,
ranges): each end's day written after its time with a comma ("from 10:30 UTC, 3 March 2024
through 15:45 UTC, 4 March 2024"). Text written for this repository.
"""

from __future__ import annotations

from tests.conftest import facts


def test_a_day_after_each_time_with_a_comma_keeps_the_window() -> None:
    text = (
        "# Object storage errors\n\n"
        "Customers saw failed uploads from 22:15 UTC, 9 May 2025 through 01:05 UTC, "
        "10 May 2025.\n"
    )
    value = facts(text)
    assert [(a.when.isoformat(), b.when.isoformat()) for a, b in value.windows] == [  # type: ignore[union-attr]
        ("2025-05-09T22:15:00+00:00", "2025-05-10T01:05:00+00:00")
    ]
    assert value.duration() == (170, "range")


def test_a_dotted_window_shares_its_second_end_s_zone() -> None:
    text = (
        "# Mail delays\n\nFrom 09.10 to 11.25 CET on 6 February 2025, outgoing mail was queued.\n"
    )
    value = facts(text)
    assert value.duration() == (135, "range")
    start = value.milestones["start"]
    assert start is not None and start.when is not None
    assert start.when.isoformat() == "2025-02-06T09:10:00+01:00"
