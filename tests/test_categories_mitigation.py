"""The mitigation kind: the remedy the mitigation entry names, else the remedy done just before
an entry that only says the impact stopped; none for an incident that healed by itself.
Every document here was written for this test."""

from __future__ import annotations

import pytest

from pmlint.config import load_config
from pmlint.engine import parse_document
from pmlint.extract.categories import UNKNOWN, incident_categories
from pmlint.extract.timeline import timeline
from pmlint.settings import Settings


def _mitigation(text: str) -> tuple[str, int | None]:
    config = load_config(None)
    doc = parse_document("doc.md", text, config.catalog)
    facts = timeline(doc, Settings(timezone=None, milestones=config.milestones))
    found = incident_categories(doc, facts, config.categories)["mitigation"]
    return found.value, found.line


def _timeline(*entries: str) -> str:
    lines = "\n".join(f"- 2031-05-06 {entry}" for entry in entries)
    return f"# Ledger outage\n\n## Timeline\n\nAll times UTC.\n\n{lines}\n"


CASES = {
    "the remedy before 'operational'": (
        _timeline(
            "09:00 the ledger API returned errors",
            "09:05 the error-rate alert fired",
            "09:20 deleted the stuck ledger worker pods",
            "09:31 all systems verified operational",
        ),
        ("restart", 9),
    ),
    "a rollback that a pipeline completes": (
        _timeline(
            "09:00 the ledger API returned errors",
            "09:05 the error-rate alert fired",
            "09:12 pipeline queued for the rollback of the schema change",
            "09:30 pipeline run completed; the ledger API is working again",
        ),
        ("rollback", 9),
    ),
    "an attempt that failed is not the remedy": (
        _timeline(
            "09:00 the ledger API returned errors",
            "09:05 the error-rate alert fired",
            "09:10 tried a restart of the API, which did not help",
            "09:40 all systems verified operational",
        ),
        (UNKNOWN, None),
    ),
    "the change that broke it is not the remedy": (
        _timeline(
            "09:00 a config change to the ledger proxy broke writes; errors began",
            "09:40 service restored",
        ),
        (UNKNOWN, None),
    ),
    "healed by itself": (
        _timeline(
            "09:00 the ledger API returned errors",
            "09:05 the error-rate alert fired",
            "09:10 restarted the ledger workers",
            "09:40 the cluster self-heals and the API is back to normal",
        ),
        (UNKNOWN, None),
    ),
    "scaling down": (
        _timeline(
            "09:00 the ledger API returned errors",
            "09:05 the error-rate alert fired",
            "09:30 scaling down the pool to free addresses; the API is back online",
        ),
        ("scale", 9),
    ),
    "pinned to a known good version": (
        _timeline(
            "09:00 the ledger API returned errors",
            "09:05 the error-rate alert fired",
            "09:30 pinned the client library to the last good version; builds are back to normal",
        ),
        ("rollback", 9),
    ),
    "a new version released": (
        _timeline(
            "09:00 the ledger API returned errors",
            "09:05 the error-rate alert fired",
            "11:00 version 4.1.2 released and the ledger API is working again",
        ),
        ("fix-forward", 9),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_mitigation_kind_is_the_remedy_that_stopped_it(name: str) -> None:
    text, expected = CASES[name]
    assert _mitigation(text) == expected
