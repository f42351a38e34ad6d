"""The sentences each trained category model reads (`nlp.categorymodel`): for the trigger,
those that may tell what set an incident off; for the detection source, those that may tell
how it was learned of.

The rule-based reading (`categories.py`) decides when a class word is found; where none is,
the trigger is `unknown` even when the document states its cause in other words ("an
electrical failure due to inclement weather"). The model reads the same places the rules
read for a cause, and nothing else: a Trigger or Root cause section, the summary (or the
paragraphs before the first section), the title, and the first timeline entries. Never the
follow-ups, lessons or Impact; what is not told as a fact (a guess, a condition, a denial)
and history before the incident are blanked or left out as the rules do. The detection model
reads where the rules read for a detection: a Detection section, the timeline's first
entries from the start (the detection entry among them), and the summary.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pmlint.document import Document, TextBlock
from pmlint.extract.categories import (
    NOT_TOLD,
    SENTENCE,
    healed_on_its_own,
    history_lines,
    not_told_as_fact,
    tells_no_detection,
    tells_no_remedy,
    told_sentences,
)
from pmlint.extract.timeline import Timeline

# Timeline entries read from the start: the first ones tell what set it off, the later
# ones the response.
FIRST_ENTRIES = 3
# For the detection, from the incident's start: the learning comes a few entries in; and the
# summary's first sentences (a document of one section would give all of its text).
DETECTION_ENTRIES = 5
SUMMARY_SENTENCES = 8
# A sentence this long is a paragraph with no stops; its start says what it is about.
MAX_CHARS = 600
_SECTIONS = ("trigger", "root-cause")


@dataclass(frozen=True, slots=True)
class Candidate:
    line: int
    text: str  # lowercased, what is not told as a fact blanked
    where: str  # trigger | root-cause | summary | title | timeline


class _Found:
    """The candidates gathered so far, each sentence once, history left out."""

    def __init__(self, doc: Document) -> None:
        self.past = history_lines(doc)
        self.found: list[Candidate] = []
        self.seen: set[tuple[int, str]] = set()

    def add(self, line: int, text: str, where: str) -> None:
        if line in self.past:
            return
        kept = " ".join(not_told_as_fact(text.lower()).split())[:MAX_CHARS]
        if len(kept) < 12 or (line, kept) in self.seen:
            return
        self.seen.add((line, kept))
        self.found.append(Candidate(line, kept, where))


def cause_candidates(doc: Document, facts: Timeline) -> list[Candidate]:
    """The candidate sentences for the trigger in the order the rules read them, each once."""
    found = _Found(doc)
    add = found.add

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
    return found.found


def detection_candidates(doc: Document, facts: Timeline) -> list[Candidate]:
    """The candidate sentences for the detection source in the order the rules read them."""
    found = _Found(doc)

    def add(line: int, text: str, where: str) -> None:
        if not tells_no_detection(text):  # to the reader, a question, a plan, a denial
            found.add(line, text, where)

    for section in doc.find_sections("detection"):
        for block in section.all_blocks():
            for line, sentence in _sentences(block):
                add(line, sentence, "detection")
    events = facts.events
    start = facts.milestones.get("start")
    if start is not None:
        events = events[next((i for i, e in enumerate(events) if e.moment is start), 0) :]
    detected = facts.milestones.get("detected")
    read = list(events[:DETECTION_ENTRIES])
    read += [e for e in facts.events if detected is not None and e.moment is detected]
    for event in read:
        for match in SENTENCE.finditer(event.text):
            add(event.line, match.group(), "timeline")
    summary = told_sentences(doc, facts, summary=True)
    for line, sentence, _before in itertools.islice(summary, SUMMARY_SENTENCES):
        add(line, sentence, "summary")
    return found.found


# For the mitigation: the entry that tells the impact stopped and the few before it.
REMEDY_ENTRIES = 3


def mitigation_candidates(doc: Document, facts: Timeline) -> list[Candidate]:
    """The candidate sentences for the mitigation kind in the order the rules read them: a
    Resolution section, the mitigation's entry and the entries before it, the summary's
    first sentences. None when the text says it healed on its own (the rules' `unknown`)."""
    found = _Found(doc)
    read: list[tuple[int, str, str]] = []
    for section in doc.find_sections("resolution"):
        for block in section.all_blocks():
            read += [(line, s, "resolution") for line, s in _sentences(block)]
    moment = facts.milestones.get("mitigated") or facts.milestones.get("resolved")
    index = next((i for i, e in enumerate(facts.events) if e.moment is moment), None)
    if index is not None:
        for event in facts.events[max(index + 1 - REMEDY_ENTRIES, 0) : index + 1]:
            read += [(event.line, m.group(), "timeline") for m in SENTENCE.finditer(event.text)]
    summary = told_sentences(doc, facts, summary=True)
    read += [(line, s, "summary") for line, s, _ in itertools.islice(summary, SUMMARY_SENTENCES)]
    if any(healed_on_its_own(text) for _, text, where in read if where != "summary"):
        return []
    for line, text, where in read:
        if not tells_no_remedy(text):
            found.add(line, text, where)
    return found.found


CANDIDATES: dict[str, Callable[[Document, Timeline], list[Candidate]]] = {
    "trigger": cause_candidates,
    "detection": detection_candidates,
    "mitigation": mitigation_candidates,
}


def _sentences(block: TextBlock) -> Iterator[tuple[int, str]]:
    if block.kind == "heading" or NOT_TOLD.intersection(block.canonical_sections()):
        return
    for match in SENTENCE.finditer(block.text):
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        yield block.position(start)[0], match.group()
