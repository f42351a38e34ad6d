"""The sentences that may tell what set an incident off, for the trained trigger model.

The rule-based reading (`categories.py`) decides when a class word is found; where none is,
the trigger is `unknown` even when the document states its cause in other words ("an
electrical failure due to inclement weather"). The model reads the same places the rules
read for a cause, and nothing else: a Trigger or Root cause section, the summary (or the
paragraphs before the first section), the title, and the first timeline entries. Never the
follow-ups, lessons or Impact; what is not told as a fact (a guess, a condition, a denial)
and history before the incident are blanked or left out as the rules do.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pmlint.document import Document, TextBlock
from pmlint.extract.categories import (
    NOT_TOLD,
    SENTENCE,
    history_lines,
    not_told_as_fact,
    told_sentences,
)
from pmlint.extract.timeline import Timeline

# Timeline entries read from the start: the first ones tell what set it off, the later
# ones the response.
FIRST_ENTRIES = 3
# A sentence this long is a paragraph with no stops; its start says what it is about.
MAX_CHARS = 600
_SECTIONS = ("trigger", "root-cause")


@dataclass(frozen=True, slots=True)
class Candidate:
    line: int
    text: str  # lowercased, what is not told as a fact blanked
    where: str  # trigger | root-cause | summary | title | timeline


def cause_candidates(doc: Document, facts: Timeline) -> list[Candidate]:
    """The candidate sentences in the order the rules read them, each once."""
    past = history_lines(doc)
    found: list[Candidate] = []
    seen: set[tuple[int, str]] = set()

    def add(line: int, text: str, where: str) -> None:
        if line in past:
            return
        kept = " ".join(not_told_as_fact(text.lower()).split())[:MAX_CHARS]
        if len(kept) < 12 or (line, kept) in seen:
            return
        seen.add((line, kept))
        found.append(Candidate(line, kept, where))

    for canonical in _SECTIONS:
        for section in doc.find_sections(canonical):
            for block in section.all_blocks():
                for line, sentence in _sentences(block):
                    add(line, sentence, canonical)
    for line, sentence, _before in told_sentences(doc, facts, summary=True):
        add(line, sentence, "summary")
    for section in doc.sections():  # the title: the first heading ("## CI failures in AWS")
        if section.heading_block is not None:
            add(section.heading_block.first_line, section.heading_block.text, "title")
            break
    for event in facts.events[:FIRST_ENTRIES]:
        add(event.line, event.text, "timeline")
    return found


def _sentences(block: TextBlock) -> Iterator[tuple[int, str]]:
    if block.kind == "heading" or NOT_TOLD.intersection(block.canonical_sections()):
        return
    for match in SENTENCE.finditer(block.text):
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        yield block.position(start)[0], match.group()
