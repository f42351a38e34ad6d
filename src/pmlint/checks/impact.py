"""Check kinds about the impact statement: figures, vague quantifiers, duration."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from typing import Any

from pmlint.checks.base import CheckContext, CheckKind, Option, finding, user_regex
from pmlint.diagnostics import Finding, Span
from pmlint.document import Document
from pmlint.extract.impact import find_figures, impact_figures, impact_scope, scope_blocks
from pmlint.extract.timeline import timeline

_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")

_NOUNS = Option("nouns", "str-list", [], "What counts measure (users, orders, …), plural.")


def _anchor(doc: Document) -> Span:
    for section in impact_scope(doc):
        if section.heading_span is not None:
            return section.heading_span
    return doc.anchor_span()


class ImpactFigures(CheckKind):
    kind = "impact-figures"
    description = "Reports an impact statement (or a summary, without one) that has no figure."
    options = (_NOUNS,)
    fields = ("section",)

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        sections = impact_scope(doc)
        if not sections:
            return
        figures = impact_figures(doc, self.opts["nouns"])
        if not any(f.unit != "minutes" for f in figures):
            yield finding(_anchor(doc), section=sections[0].title or "Summary")


class VagueQuantity(CheckKind):
    kind = "vague-quantity"
    description = "Reports 'some users', 'a few customers' … in a sentence that gives no figure."
    options = (
        _NOUNS,
        Option("lexicon", "lexicon", None, "Vague quantifiers (YAML `tokens`)."),
        Option("sections", "str-list", ["impact", "summary"], "Canonical sections to check."),
    )
    fields = ("match", "suggestion")

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        lexicon = self.opts["lexicon"] or {}
        tokens = [str(t) for t in lexicon.get("tokens", [])]
        for token in tokens:  # each alone, so that a bad one is named
            user_regex(token)
        words = lexicon.get("words") or {}
        nouns = "|".join(re.escape(n.rstrip("s")) for n in self.opts["nouns"]) or "(?!)"
        quantifier = "|".join(sorted(tokens, key=len, reverse=True)) or "(?!)"
        intensifier = "|".join(map(re.escape, words.get("intensifiers", []))) or "(?!)"
        impact_word = "|".join(map(re.escape, words.get("impact_words", []))) or "(?!)"
        self.pattern = user_regex(
            rf"\b(?:{quantifier})\s(?:[a-z-]+\s){{0,2}}?(?:{nouns})(?:e?s)?\b"
            rf"|\b(?:{intensifier})(?:ly)?\s(?:{impact_word})\b",
            re.IGNORECASE,
        )

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        sections = [s for key in self.opts["sections"] for s in doc.find_sections(key)]
        for block in scope_blocks(sections):
            figures = find_figures(block, self.opts["nouns"])
            # Sorted once per block: each match then costs bisections, not scans of the block.
            offsets = sorted(
                block.offset(f.span.line, f.span.column) for f in figures if f.unit != "minutes"
            )
            ends: list[tuple[int, int]] | None = None
            for match in self.pattern.finditer(block.prose):
                if ends is None:
                    ends = [m.span() for m in _SENTENCE_END.finditer(block.prose)]
                start, end = _sentence_bounds(block.prose, match.start(), ends)
                if bisect.bisect_left(offsets, start) < bisect.bisect_left(offsets, end):
                    continue
                yield finding(
                    block.span(match.start(), match.end()),
                    match=block.text[match.start() : match.end()],
                    suggestion="",
                )


def _sentence_bounds(text: str, position: int, ends: list[tuple[int, int]]) -> tuple[int, int]:
    """The sentence around `position` (a word's start); `ends` are the spans of
    `_SENTENCE_END`'s matches in `text`, found once for all the matches in it."""
    index = bisect.bisect_left(ends, (position, -1))  # the first end at or after `position`
    start = ends[index - 1][1] if index else 0
    if position and text[position - 1] in ".!?":  # "x.some users": it ends right there
        start = position
    return start, ends[index][1] if index < len(ends) else len(text)


class ImpactDuration(CheckKind):
    kind = "impact-duration"
    description = "Reports an impact statement that gives no length of time."
    fields = ("section",)

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        sections = impact_scope(doc)
        if not sections:
            return
        facts = timeline(doc, ctx.settings)
        if facts.durations or facts.minutes_between("start", "resolved") is not None:
            return
        figures = impact_figures(doc, ())
        if any(f.unit == "minutes" for f in figures):
            return
        blocks = list(scope_blocks(sections))
        in_scope = [m for m in facts.moments if m.block in blocks and m.has_time]
        if len(in_scope) >= 2:  # "between 13:02 and 14:10 UTC"
            return
        yield finding(_anchor(doc), section=sections[0].title or "Summary")
