"""Where the impact starts and ends in repository and blog postmortems (issue 14, session 49):
windows stated in days alone (the days a title opens with, a summary's day window over a
day-only timeline's lead-up), and an untimed word that the incident is resolved. Each document
is written for this repository."""

from __future__ import annotations

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


TITLE_NAMES_ITS_DAYS = """\
# March 4-6, 2025 Nightly export stall

## What happened

The nightly export job hung on the lock table and no reports went out.

Restarting the worker did nothing; the lock was held by a forgotten migration.

## Follow-up

- Drop the stale lock on boot
"""


def test_the_days_a_title_opens_with_are_the_window() -> None:
    value = facts(TITLE_NAMES_ITS_DAYS)
    assert iso(value, "start") == "2025-03-04T00:00:00"
    assert iso(value, "resolved") == "2025-03-06T00:00:00"
    # the title ends the incident; it does not say when the impact stopped
    assert iso(value, "mitigated") is None


TITLE_DAYS_NOT_FIRST = """\
# Export stall, retrospective written March 4-6, 2025

## What happened

The nightly export job hung on the lock table and no reports went out.
"""


def test_days_later_in_a_title_are_no_window() -> None:
    assert iso(facts(TITLE_DAYS_NOT_FIRST), "resolved") is None


DAY_WINDOW_OVER_LEAD_UP = """\
# Docs site blank page

**Summary**: A stricter content policy blanked the docs site for readers on old browsers.

**Discovery**: A reader reported the blank page about 9am June 12, 2025 (PT).

**Impact**: Blank pages from June 8th, 2025 (PT) to June 12th, 2025 (PT) for readers on old
browsers.

**Status**: Closed June 12, 2025 at 11am PT.

## Timeline

- 2025-05-20: A supply-chain advisory about a script host was published
- 2025-06-02: The stricter content policy was merged
- 2025-06-12: Policy relaxed for the legacy bundle
"""


def test_a_stated_day_window_wins_over_a_day_only_lead_up() -> None:
    value = facts(DAY_WINDOW_OVER_LEAD_UP)
    assert iso(value, "start") == "2025-06-08T00:00:00"
    assert iso(value, "resolved") == "2025-06-12T11:00:00-07:00"


TOLD_RESOLVED_WITHOUT_A_TIME = """\
# Lookalike download domain

## Timeline (UTC), 2025-02-03

- 09:12: A user reports a lookalike download page serving a tampered installer
- 09:40: Maintainers confirm the page and file an abuse report with the registrar
- 13:05: The registrar suspends the lookalike domain
- 13:30: The mirror admin replies on the forum, confirming removal of the tampered installer

The incident is considered resolved; we keep watching for new lookalikes.
"""


def test_an_untimed_word_that_it_is_resolved_makes_the_story_end_the_resolution() -> None:
    value = facts(TOLD_RESOLVED_WITHOUT_A_TIME)
    assert iso(value, "resolved") == "2025-02-03T13:30:00+00:00"


def test_a_story_end_with_no_word_of_resolution_resolves_nothing() -> None:
    text = TOLD_RESOLVED_WITHOUT_A_TIME.replace("The incident is considered resolved; w", "W")
    assert iso(facts(text), "resolved") is None
