"""Incident reports copied from status pages as plain text (issue 14): no Markdown headings,
lists written with the page's own bullet characters, update logs stamped "Resolved" /
"Monitoring". Each case is text written for this repository, standing for a family of shapes.
"""

from __future__ import annotations

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    if moment is None or moment.when is None or not moment.day_known:
        return None
    return moment.when.isoformat()


def test_a_timeline_in_bullet_characters_is_read() -> None:
    # "•" bullets, as a status page's HTML list is copied: each line still opens with a time
    text = (
        "Queue Backlog\n"
        "Incident Report for ExampleCloud\n\n"
        "At 07:12 UTC on 2021-05-04, new uploads were queued after a scheduler release.\n\n"
        "Timeline of Events\n\n"
        "  • 06:58 UTC - Scheduler release rolled out\n"
        "  • 07:12 UTC - On-call engineer paged about a growing upload queue\n"
        "  • 07:40 UTC - Scheduler release rolled back\n"
        "  • 07:55 UTC - Queue drained and uploads processed normally\n"
    )
    value = facts(text)
    assert iso(value, "start") == "2021-05-04T07:12:00+00:00"
    assert iso(value, "detected") == "2021-05-04T07:12:00+00:00"


def test_a_window_ending_on_a_dated_time_is_read() -> None:
    # "starting at A and ending on <date> B": the date belongs to the second time's stamp
    text = (
        "Resolved -\n"
        "On June 2, 2022 starting at 23:10 UTC and ending on June 3, 2022 01:25 UTC the "
        "example API returned errors for some requests. Errors eased at 23:30 UTC.\n"
    )
    value = facts(text)
    assert iso(value, "start") == "2022-06-02T23:10:00+00:00"
    assert iso(value, "resolved") == "2022-06-03T01:25:00+00:00"
    assert value.duration() == (135, "range")
