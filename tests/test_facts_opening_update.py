"""A status history's opening update (session 52, f52u, issue 14): where nothing else tells when
the team learned of the trouble, the oldest update of a history listed newest first, when it
tells someone looking into it ("We are investigating", "users have reported"), is the
detection. Each document is written for this repository."""

from __future__ import annotations

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    return moment.when.isoformat() if moment is not None and moment.when else None


POSTED_HISTORY = """\
Search queries failing

Summary: from 08:10 UTC on 4 March 2024 to 08:25 UTC on 4 March 2024, search queries
returned errors for most users; a rebuilt index followed.

Resolved. The index was rebuilt and queries succeed again.
Posted Mar 04, 2024 - 09:40 UTC

Identified. A faulty index shard was found and is being rebuilt.
Posted Mar 04, 2024 - 08:55 UTC

Investigating. We are looking into reports of failing search queries.
Posted Mar 04, 2024 - 08:31 UTC
"""


def test_the_oldest_posted_update_that_tells_an_investigation_is_the_detection() -> None:
    # posted after the impact's window had closed, the page's first word is still when the
    # team is known to have been on it
    value = facts(POSTED_HISTORY)
    assert iso(value, "start") == "2024-03-04T08:10:00+00:00"
    assert iso(value, "detected") == "2024-03-04T08:31:00+00:00"


def test_an_update_carrying_on_from_one_the_page_lost_is_no_detection() -> None:
    # the stored page starts at a later update ("still"): the team knew before it
    text = POSTED_HISTORY.replace(
        "Investigating. We are looking into reports of failing search queries.",
        "Update. Search queries still fail for some users.",
    )
    assert facts(text).milestones["detected"] is None
