"""What kind of incident a document describes: how it was detected, what triggered it, how it
was mitigated. Each answer names the line it came from, or is `unknown`.

The classes of words are the pack's (`categories.yaml`). The text that tells is read in order
of how directly it speaks: a front-matter key or a labelled field (`trigger: deploy`), then
the timeline entry of the matching milestone (the detection entry for the detection source,
the start for the trigger, the mitigation for its kind), then the paragraphs of the sections
that discuss it (Detection; Trigger and Root cause; Resolution), then, for the trigger, any
sentence that tells of a cause (`_CAUSE`): the summary's first, then the timeline's, then
the rest, never the follow-ups or lessons. The first of
these with any hit decides: the class with the most hits there, ties going to the class the
text names first. A stated value the pack does not know is `other` ("unknown", "TBD", "?"
are unknown).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pmlint.document import Document
from pmlint.extract.milestones import phrase_pattern
from pmlint.extract.timeline import Moment, Timeline

UNKNOWN = "unknown"
_NOT_KNOWN = re.compile(r"(?:unknown|not known|n/?a|tbd|tbc|none)\b|\?")
OTHER = "other"
# Where each category looks: the milestone whose entry tells, the sections that discuss it,
# and the front-matter keys and field labels that state it.
_SOURCES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "detection": ("detected", ("detection",), ("detection", "detection_source", "detected_by")),
    "trigger": ("start", ("trigger", "root-cause"), ("trigger", "cause", "root_cause")),
    "mitigation": ("mitigated", ("resolution",), ("mitigation", "mitigation_kind")),
}
# "**Trigger**: a deploy": no two runs of blanks meet (`(?:\*+[ \t]*)?`, not `\**\s*`), so
# the pattern stays linear on a line of blanks.
_FIELD = re.compile(
    r"^\W{0,8}(?P<label>[A-Za-z][A-Za-z _-]{2,30}?)(?:\*+[ \t]*)?:[ \t]*(?:\*+[ \t]*)?"
    r"(?P<value>\S.*)$"
)


@dataclass(frozen=True, slots=True)
class Category:
    value: str
    line: int | None
    how: str  # front-matter | field | timeline | section | none

    def to_json(self) -> dict[str, object]:
        return {"value": self.value, "line": self.line, "how": self.how}


@lru_cache(maxsize=16)
def _compiled(
    classes: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (value, re.compile(r"(?<![a-z])(?:" + "|".join(phrase_pattern(w) for w in words) + ")"))
        for value, words in classes
        if words
    )


def _decide(text: str, patterns: Sequence[tuple[str, re.Pattern[str]]]) -> str | None:
    """The class with the most hits; between equals, the one the text names first."""
    lower = text.lower()
    best: tuple[int, int] | None = None
    chosen = None
    for value, pattern in patterns:
        hits = [m.start() for m in pattern.finditer(lower)]
        if hits and (best is None or (-len(hits), hits[0]) < best):
            best, chosen = (-len(hits), hits[0]), value
    return chosen


def incident_categories(
    doc: Document, facts: Timeline, vocabulary: Mapping[str, Mapping[str, Sequence[str]]]
) -> dict[str, Category]:
    result: dict[str, Category] = {}
    for kind, (milestone, sections, keys) in _SOURCES.items():
        classes = vocabulary.get(kind) or {}
        patterns = _compiled(tuple((v, tuple(w)) for v, w in classes.items()))
        result[kind] = _categorise(doc, facts, milestone, sections, keys, patterns, classes)
    return result


def _categorise(
    doc: Document,
    facts: Timeline,
    milestone: str,
    sections: tuple[str, ...],
    keys: tuple[str, ...],
    patterns: Sequence[tuple[str, re.Pattern[str]]],
    classes: Mapping[str, Sequence[str]],
) -> Category:
    for key in keys:  # stated outright wins; a value the pack does not list is kept as written
        value = doc.meta.get(key)
        if isinstance(value, str) and value.strip():
            line = doc.meta_lines[0] if doc.meta_lines else 1
            return Category(_named(value, classes, patterns), line, "front-matter")
    for block in doc.blocks:
        match = _FIELD.match(block.text.split("\n", 1)[0])
        if match and match["label"].strip().lower().replace(" ", "_") in keys:
            return Category(_named(match["value"], classes, patterns), block.first_line, "field")
    moment = facts.milestones.get(milestone)
    if moment is not None:
        text = _entry_text(facts, moment)
        value = _decide(text, patterns)
        if value is not None:
            return Category(value, moment.line, "timeline")
    for canonical in sections:
        for line, text in _section_texts(doc, canonical):
            value = _decide(text, patterns)
            if value is not None:
                return Category(value, line, "section")
    if milestone == "start":
        for line, sentence in _told(doc, facts):  # the summary, the timeline, then the rest
            lower = sentence.lower()
            if not _CAUSE.search(lower):
                continue
            value = _decide(_blank(lower, _CAUSE), patterns)
            if value is not None:
                return Category(value, line, "prose")
    return Category(UNKNOWN, None, "none")


def _named(
    value: str,
    classes: Mapping[str, Sequence[str]],
    patterns: Sequence[tuple[str, re.Pattern[str]]],
) -> str:
    """A stated value as one of the pack's classes: its own name, else the class its words
    show, else `other`, so that trend tables stay a fixed set of rows."""
    cleaned = value.strip().lower()
    if cleaned in classes:
        return cleaned
    if _NOT_KNOWN.match(cleaned):
        return UNKNOWN  # "Unknown. First outage happened three days after …"
    return _decide(cleaned, patterns) or OTHER


def _entry_text(facts: Timeline, moment: Moment) -> str:
    for event in facts.events:
        if event.moment is moment:
            return event.text
    return moment.block.text


# Words that tell of a cause without saying which kind it was ("the outage was caused by"):
# a sentence with one of them tells of the trigger, and the class words outside them decide
# its kind. (The same for the mitigation, with "fixed", "recovered", "restored", was right
# less often than before on the held-out documents, so the mitigation is read only from its
# timeline entry and the Resolution section; the detection source likewise.)
_CAUSE = re.compile(
    r"(?<![a-z])(?:caus\w*|trigger\w*|due to|because|result of|led to|introduc\w*|"
    r"root cause|started when|began when|broke\w*)"
)
# Sections about the future or about lessons: "we need alerts on X" says nothing of this
# incident's detection.
_NOT_TOLD = frozenset(("action-items", "lessons", "went-well", "went-wrong", "lucky", "recurrence"))


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """`text` with the matches of `pattern` blanked (offsets kept)."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")  # across the lines of a paragraph


def _told(doc: Document, facts: Timeline) -> Iterator[tuple[int, str]]:
    """Sentences with their lines: the summary's, the timeline entries in order, the rest."""
    seen: set[int] = set()
    summary = [b for s in doc.find_sections("summary") for b in s.all_blocks()]
    ordered = [*summary, *(e.moment.block for e in facts.events), *doc.blocks]
    for block in ordered:
        if id(block) in seen or block.kind == "heading":
            continue
        if _NOT_TOLD.intersection(block.canonical_sections()):
            continue
        seen.add(id(block))
        for match in _SENTENCE.finditer(block.text):
            yield block.position(match.start())[0], match.group()


def _section_texts(doc: Document, canonical: str) -> Iterator[tuple[int, str]]:
    """The blocks of the sections named so, except those that are also follow-ups or lessons
    ("Action items > Detection" lists alerts to add, not how this incident was found)."""
    for section in doc.find_sections(canonical):
        for block in section.all_blocks():
            if not _NOT_TOLD.intersection(block.canonical_sections()):
                yield block.first_line, block.text
