"""The line a category cites is the line that decided it: under a heading-style timeline
("### 09:20", a blank, then what happened) the paragraph's line, not the heading's or the
blank's; in a paragraph of many lines, the line with the word of the class. Every document
here was written for this test."""

from __future__ import annotations

import pytest

from pmlint.config import load_config
from pmlint.engine import parse_document
from pmlint.extract.categories import incident_categories
from pmlint.extract.timeline import timeline
from pmlint.settings import Settings


def _categories(text: str) -> dict[str, tuple[str, int | None]]:
    config = load_config(None)
    doc = parse_document("doc.md", text, config.catalog)
    facts = timeline(doc, Settings(timezone=None, milestones=config.milestones))
    found = incident_categories(doc, facts, config.categories)
    return {kind: (c.value, c.line) for kind, c in found.items()}


HEADINGS = """# Queue outage

## Timeline

All times UTC.

### 2031-07-08 09:00

The nightly batch deploy of v4.2.0 started and queue consumers began to fail.

### 09:12

Users reported on the forum that their jobs were stuck.

### 09:40

Deleted the stuck consumer pods, and the backlog cleared and jobs recovered.
"""


def test_heading_timeline_cites_the_paragraph_not_the_heading_or_blank() -> None:
    found = _categories(HEADINGS)
    lines = HEADINGS.split("\n")
    for kind, value in (
        ("trigger", "deploy"),
        ("detection", "customer"),
        ("mitigation", "restart"),
    ):
        got, line = found[kind]
        assert got == value
        assert line is not None
        cited = lines[line - 1]
        assert cited.strip() and not cited.startswith("#"), (kind, line, cited)


def test_heading_timeline_exact_lines() -> None:
    found = _categories(HEADINGS)
    assert found["trigger"] == ("deploy", 9)
    assert found["detection"] == ("customer", 13)
    assert found["mitigation"] == ("restart", 17)


# A Resolution paragraph of several lines: the line that names the remedy, not the first.
RESOLUTION = """# Mail relay outage

## Summary

Outbound mail queued for two hours.

## Resolution

The on-call looked at the relay queue and
the disk usage, which were both normal,
and then rolled back the relay to the previous version,
after which mail flowed again.
"""


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        (RESOLUTION, "mitigation", ("rollback", 11)),
        # the first line holds the word: it is cited
        (
            RESOLUTION.replace("The on-call looked at", "We rolled back the relay; we checked"),
            "mitigation",
            ("rollback", 9),
        ),
    ],
)
def test_section_paragraph_cites_the_line_with_the_class_word(
    text: str, kind: str, expected: tuple[str, int]
) -> None:
    assert _categories(text)[kind] == expected


def test_a_sentence_that_opens_a_line_cites_that_line() -> None:
    """A sentence read for a cause cites the line its first word is on, not the line above
    that ends the sentence before it (nor a line of markup between them)."""
    text = (
        "# Queue outage\n\n"  # 1-2
        "Queue consumers failed for an hour and nobody knew why.\n"  # 3
        "Strange.\n"  # 4
        "\\\\\n"  # 5
        "The consumers died due to the hosts running out of memory.\n"  # 6
    )
    assert _categories(text)["trigger"] == ("capacity", 6)
