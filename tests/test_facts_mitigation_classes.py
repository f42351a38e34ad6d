"""The mitigation as a class across sets (issue 14, session 51): shapes where pmlint took a
step of the recovery for the moment the users' trouble stopped. Each document is written for
this repository.
"""

from __future__ import annotations

import datetime as dt

from tests.conftest import facts


def _when(text: str, kind: str) -> dt.time | None:
    moment = facts(text).milestones[kind]
    return moment.when.time() if moment is not None and moment.when is not None else None


def test_a_timeline_step_inside_the_stated_window_is_not_the_mitigation() -> None:
    # the summary says the outage ran to 16:05; the timeline's rollback at 15:10 was a step
    # the outage outlasted (the nodes still had to load the old config): the window's end is
    # when the impact stopped
    text = (
        "# Queue outage\n\n"
        "## Summary\n\n"
        "On 4 June 2024, customers of Example Queues experienced an outage between 14:20 UTC "
        "and 16:05 UTC.\n\n"
        "## Timeline\n\n"
        "- 14:20 UTC - Broker config pushed to all regions\n"
        "- 14:31 UTC - On-call paged by the publish error alert\n"
        "- 15:10 UTC - Broker config change rolled back\n"
        "- 15:25 UTC - Broker nodes restarted one by one to load the old config\n"
    )
    assert _when(text, "mitigated") == dt.time(16, 5)
    assert _when(text, "start") == dt.time(14, 20)


def test_a_timeline_step_outside_an_aggregators_window_lines_is_kept() -> None:
    # a window with no impact told in its sentence (an aggregator's "Started / Resolved"
    # lines) does not move the timeline's mitigation
    text = (
        "# Queue outage\n\n"
        "Started\nJun 4, 2024, 02:20 PM UTC\nResolved\nJun 4, 2024, 04:05 PM UTC\n\n"
        "## Timeline\n\n"
        "- 14:20 UTC - Broker config pushed to all regions\n"
        "- 14:31 UTC - On-call paged by the publish error alert\n"
        "- 15:10 UTC - Broker config change rolled back, publishing works again\n"
        "- 16:05 UTC - Incident resolved\n"
    )
    assert _when(text, "mitigated") == dt.time(15, 10)
