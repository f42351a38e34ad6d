"""Session 44 (issue 14, class 5), on text written for this repository: a time an end is
forecast for ("is expected to be restored by 11:45pm", "should clear in about an hour (at
19:10 UTC)", "ETA 14:00") is not yet an end: it gives no mitigation or resolution."""

from __future__ import annotations

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


FORECAST = """# Mailbox sync problems

## Timeline

- 2024-02-11 08:10 UTC: A storage node slows down and mailbox sync starts timing out.
- 2024-02-11 08:25 UTC: Our monitoring pages the on-call engineer.
- 2024-02-11 09:40 UTC: New mailboxes can be created again.

Full sync for every mailbox is expected to be restored by 23:45 UTC.
"""


def test_a_forecast_end_is_no_end() -> None:
    value = facts(FORECAST)
    assert iso(value, "mitigated") in (None, "2024-02-11T09:40:00+00:00")
    assert iso(value, "resolved") != "2024-02-11T23:45:00+00:00"
    for moment in value.moments:
        if moment.when is not None and moment.when.hour == 23:
            assert not moment.kinds


def test_an_end_told_as_done_is_still_one() -> None:
    done = facts(FORECAST.replace("is expected to be restored by", "was restored by"))
    assert iso(done, "resolved") == "2024-02-11T23:45:00+00:00"


def test_other_forecast_shapes() -> None:
    for words in (
        "This should clear up on its own in about an hour (at",
        "Our provider gives an ETA of",
        "The backlog is estimated to drain around",
    ):
        value = facts(
            FORECAST.replace("Full sync for every mailbox is expected to be restored by", words)
        )
        assert iso(value, "resolved") != "2024-02-11T23:45:00+00:00", words
