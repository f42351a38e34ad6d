"""A status page's write-up that states the impact window, over the updates posted while it
ran (issue 14): a closing update posted well after the window's end closes the incident, the
window's end being the mitigation; an update that goes on investigating, or asks readers to
open a ticket, tells no detection. Each case is text written for this repository, standing for
a family of shapes seen in cloud providers' status pages.
"""

from __future__ import annotations

from pmlint.extract.timeline import Timeline
from tests.conftest import facts


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    if moment is None or moment.when is None or not moment.day_known:
        return None
    return moment.when.isoformat()


# A postmortem above the updates it closes; the last update is posted two hours after the
# window it states.
_WRITE_UP_THEN_UPDATES = (
    "Build artifacts missing in two regions\n"
    "Incident Report for ExampleHost\n\n"
    "Postmortem\n\n"
    "Between approximately 08:10 UTC on May 5, 2025 and 13:25 UTC on May 6, 2025 customers "
    "could have seen missing build artifacts when downloading from two regions.\n\n"
    "A storage sweeper removed artifacts it wrongly took for orphans; we have paused it.\n\n"
    "Posted May 9, 2025 - 10:02 UTC\n\n"
    "Resolved\n\n"
    "We haven\u2019t seen further missing artifacts and will now consider this incident "
    "resolved. If you still have problems, please open a Support ticket.\n"
    "Posted May 6, 2025 - 15:40 UTC\n\n"
    "Update\n\n"
    "We are continuing to investigate this issue.\n"
    "Posted May 6, 2025 - 09:05 UTC\n"
)


def test_a_closing_update_well_after_the_window_is_the_resolution() -> None:
    value = facts(_WRITE_UP_THEN_UPDATES)
    assert iso(value, "start") == "2025-05-05T08:10:00+00:00"
    assert iso(value, "mitigated") == "2025-05-06T13:25:00+00:00"
    assert iso(value, "resolved") == "2025-05-06T15:40:00+00:00"


def test_a_closing_update_minutes_after_the_window_tells_its_end_again() -> None:
    text = _WRITE_UP_THEN_UPDATES.replace("May 6, 2025 - 15:40 UTC", "May 6, 2025 - 13:31 UTC")
    value = facts(text)
    assert iso(value, "mitigated") == "2025-05-06T13:25:00+00:00"
    assert iso(value, "resolved") == "2025-05-06T13:25:00+00:00"


def test_an_investigation_that_goes_on_is_no_detection() -> None:
    value = facts(_WRITE_UP_THEN_UPDATES)
    assert iso(value, "detected") is None


def test_an_investigation_begun_stays_a_detection() -> None:
    text = (
        "Logins failing\n"
        "Incident Report for ExampleHost\n\n"
        "Resolved\n"
        "Logins work again for every account.\n"
        "Posted Jun 2, 2024 - 12:40 UTC\n"
        "Investigating\n"
        "We are investigating reports of failed logins.\n"
        "Posted Jun 2, 2024 - 12:05 UTC\n"
    )
    value = facts(text)
    assert iso(value, "detected") == "2024-06-02T12:05:00+00:00"


def test_an_update_that_asks_readers_to_open_a_ticket_is_no_detection() -> None:
    # the typographic apostrophe of a copied page denies the seeing as the plain one does
    text = (
        "Slow dashboards\n"
        "Incident Report for ExampleHost\n\n"
        "Resolved\n"
        "We haven\u2019t observed slow dashboards since the cache was resized. If you continue "
        "to experience problems, please open a Support ticket for assistance.\n"
        "Posted Jun 2, 2024 - 12:40 UTC\n"
        "Update\n"
        "The cache is being resized.\n"
        "Posted Jun 2, 2024 - 12:05 UTC\n"
    )
    value = facts(text)
    assert iso(value, "detected") is None
