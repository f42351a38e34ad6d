"""A story told in days (issue 14, date-only milestones): a remedy the team tells it took at
once after it found the trouble ("we immediately switched the uploads off") stopped the impact
on the day it was found. Written for this repository."""

from __future__ import annotations

from tests.conftest import facts

STORY = """\
# Leaked deploy key

On March 3, 2020 a contributor discovered that our deploy key was printed in public build logs.
Looking back through the logs, it had been printed since late February.

## Response

1. We immediately disabled the deploy key and paused all releases.
2. We audited every release made with the key and found nothing unexpected.
3. We moved the key into the secret store of the build service.
"""


def iso(text: str, kind: str) -> str | None:
    moment = facts(text).milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


def test_a_remedy_taken_at_once_mitigates_on_the_day_it_was_found() -> None:
    assert iso(STORY, "detected") == "2020-03-03T00:00:00"
    assert iso(STORY, "mitigated") == "2020-03-03T00:00:00"
    assert facts(STORY).provenance["mitigated"] == "prose"
    assert iso(STORY, "resolved") is None


def test_a_remedy_within_hours_told_with_its_purpose_after_it() -> None:
    told = STORY.replace(
        "We immediately disabled the deploy key and paused all releases.",
        "Within a few hours the key had been revoked so that it would not work again.",
    )
    assert iso(told, "mitigated") == "2020-03-03T00:00:00"


def test_a_remedy_only_meant_or_not_taken_at_once_is_none() -> None:
    meant = STORY.replace("We immediately disabled", "We wanted to immediately disable")
    assert iso(meant, "mitigated") is None
    later = STORY.replace("We immediately disabled", "We disabled")
    assert iso(later, "mitigated") is None


def test_a_story_told_in_times_is_left_to_its_times() -> None:
    timed = STORY.replace(
        "On March 3, 2020 a contributor", "On March 3, 2020 at 14:10 UTC a contributor"
    )
    assert iso(timed, "mitigated") != "2020-03-03T00:00:00"
