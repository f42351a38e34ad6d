"""A time in prose whose step the next sentence says ended the impact ("... was taken offline
at 17:15 UTC. This quickly mitigated the impact") is the mitigation (issue 14). Each case is
text written for this repository, standing for a family of shapes seen in cloud providers'
reports.
"""

from __future__ import annotations

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    if moment is None or moment.when is None or not moment.day_known:
        return None
    return moment.when.isoformat()


def test_the_sentence_after_a_time_tells_it_ended_the_impact() -> None:
    text = (
        "On February 11, 2025, at about 08:05 UTC, our engineers were paged about failing "
        "backups in Lima.\n\n"
        "We found that a bad disk controller was causing the failures, and the controller was "
        "swapped out at 09:40 UTC. This immediately mitigated the impact on customers.\n\n"
        "A new firmware image was installed on February 12, 2025, at 23:30 UTC, and the "
        "work was completed at 23:55 UTC.\n"
    )
    value = facts(text)
    assert iso(value, "mitigated") == "2025-02-11T09:40:00+00:00"


def test_the_next_paragraph_tells_the_plan_it_completed_worked() -> None:
    text = (
        "At 14:02 UTC on June 3, 2024, a malformed routing file reached the edge proxies in "
        "Porto, which stopped serving traffic. Alerts fired at 14:06 UTC.\n\n"
        "A recovery plan was drawn up by 14:20 UTC. Rolling out this plan began at 14:25 UTC "
        "and finished by 14:31 UTC.\n\n"
        "This recovery plan resolved the immediate impact, but the routing file still had to "
        "be repaired. The file was fixed at 15:10 UTC, and the proxies were confirmed working "
        "at 15:18 UTC.\n"
    )
    value = facts(text)
    assert iso(value, "mitigated") == "2024-06-03T14:31:00+00:00"


def test_a_time_in_the_middle_of_its_sentence_is_not_what_the_next_one_tells() -> None:
    text = (
        "At 14:02 UTC on June 3, 2024, a malformed routing file reached the edge proxies in "
        "Porto, which stopped serving traffic. We began to roll the file back at 14:31 UTC, "
        "and by 14:40 UTC traffic was flowing again. This resolved the impact.\n"
    )
    value = facts(text)
    assert iso(value, "mitigated") != "2024-06-03T14:31:00+00:00"


def test_these_actions_resulted_in_a_recovery() -> None:
    text = (
        "At 07:10 UTC on September 2, 2024, a firewall rule change in our Perth site began to "
        "drop most inbound traffic, setting off a flood of alerts.\n\n"
        "At 07:22 UTC the change was found to be the cause, and a rollback was quickly "
        "initiated. These actions resulted in a rapid recovery of inbound traffic. At 08:05 "
        "UTC traffic was still seen improving, and the issue was placed in monitoring.\n"
    )
    value = facts(text)
    assert iso(value, "mitigated") == "2024-09-02T07:22:00+00:00"
