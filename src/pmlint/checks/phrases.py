"""The `phrases` kind: words, phrases or regexes that must not appear, with a suggestion each.

Users write their own rules with it in YAML (Vale's `existence`), scoped to canonical
sections, to headings or to link targets, matched by case or by lemma.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pmlint.checks.base import CheckContext, CheckKind, Option, finding, user_regex
from pmlint.diagnostics import Finding, Span
from pmlint.document import Document, TextBlock
from pmlint.prefilter import any_of, may_match
from pmlint.rule import OptionError

SCOPES = ("prose", "headings", "link_targets", "front_matter")
_META_KEY = re.compile(r"^\s*(?:-\s+)?[\w.\"'-]+\s*[:=]\s")  # `key: ` / `key = ` (TOML), linear


@dataclass(frozen=True, slots=True)
class _Entry:
    pattern: re.Pattern[str]
    source: str
    suggestion: str | None
    words: tuple[str, ...]  # for lemma matching: the phrase's words
    scopes: frozenset[str]  # where this entry applies (a subset of the rule's scope)


class Phrases(CheckKind):
    kind = "phrases"
    description = "Reports words, phrases or regular expressions found in the chosen scope."
    options = (
        Option(
            "tokens",
            "mapping-list",
            [],
            "Regular expressions or phrases; an entry may be {pattern, suggestion}.",
        ),
        Option(
            "lexicon", "lexicon", None, "A YAML file (relative to the rule) with more `tokens`."
        ),
        Option(
            "exceptions", "str-list", [], "Regexes; a match inside an exception is not reported."
        ),
        Option("ignorecase", "bool", True, "Match regardless of case."),
        Option("whole_words", "bool", True, "Require word boundaries at both ends of a match."),
        Option("lemma", "bool", False, "Match phrases by lemma (needs the spaCy model)."),
        Option(
            "scope",
            "str-list",
            ["prose"],
            "Where to look: prose, headings, link_targets, front_matter (its values).",
        ),
        Option("sections", "str-list", [], "Only these canonical sections (empty: everywhere)."),
        Option("exclude_sections", "str-list", [], "Never in these canonical sections."),
    )
    fields = ("match", "suggestion", "section")

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        flags = re.IGNORECASE if self.opts["ignorecase"] else 0
        raw = list(self.opts["tokens"]) + list((self.opts["lexicon"] or {}).get("tokens", []))
        self.entries = [self._entry(item, flags) for item in raw]
        self.exceptions = [user_regex(e, flags) for e in self.opts["exceptions"]]
        self._prefilters = {
            scope: any_of((e.source for e in self.entries if scope in e.scopes), flags)
            for scope in ("prose", "headings")
        }
        unknown = set(self.opts["scope"]) - set(SCOPES)
        if unknown:
            raise OptionError(
                "scope", f"unknown {sorted(unknown)}; expected some of {list(SCOPES)}"
            )

    def _entry(self, item: Any, flags: int) -> _Entry:
        scopes = frozenset(SCOPES)
        if isinstance(item, Mapping):
            unknown = set(item) - {"pattern", "suggestion", "scope"}
            if unknown:
                raise OptionError("tokens", f"unknown entry key {sorted(unknown)[0]!r}")
            source, suggestion = str(item.get("pattern", "")), item.get("suggestion")
            scopes = frozenset(item.get("scope", SCOPES))
        else:
            source, suggestion = str(item), None
        if not source:
            raise OptionError("tokens", "an entry has an empty pattern")
        user_regex(source, flags)
        body = source
        if self.opts["whole_words"]:
            # A boundary wherever the match itself starts or ends with a word character,
            # whatever the pattern's syntax ends with ("XXX+", "(?i:lorem ipsum)").
            body = rf"(?:(?<!\w)(?=\w)|(?!\w))(?:{source})(?:(?<=\w)(?!\w)|(?<!\w))"
        words = tuple(re.findall(r"[A-Za-z']+", source))
        return _Entry(user_regex(body, flags, shown=source), source, suggestion, words, scopes)

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        scope = set(self.opts["scope"])
        blocks = [b for b in self._blocks(doc, scope) if self._in_sections(b)]
        if self.opts["lemma"] and ctx.nlp is not None:
            # spaCy refuses text over its max_length: such a block is matched as written
            limit = getattr(ctx.nlp.nlp, "max_length", 1_000_000)
            yield from self._lemma_matches([b for b in blocks if len(b.prose) < limit], ctx)
            for block in blocks:
                if len(block.prose) >= limit:
                    yield from self._regex_matches(block)
        else:
            for block in blocks:
                yield from self._regex_matches(block)
        if "front_matter" in scope and not self.opts["sections"]:
            yield from self._front_matter(doc)
        if "link_targets" in scope:
            for block in doc.blocks:
                if not self._in_sections(block):
                    continue
                for link in block.links:
                    for entry in self.entries:
                        if "link_targets" not in entry.scopes:
                            continue
                        match = entry.pattern.search(link.target)
                        if match:
                            yield finding(link.span, match=link.target, **self._fill(entry, block))
                            break

    def _front_matter(self, doc: Document) -> Iterator[Finding]:
        """The values in the front matter, line by line (`severity: "[insert …]"`, which
        `pmlint new` writes, is a placeholder like any other)."""
        if doc.meta_lines is None:
            return
        first, last = doc.meta_lines
        for number in range(first, min(last, len(doc.lines)) + 1):
            line = doc.lines[number - 1]
            if line.strip() in ("---", "+++", "...") or line.lstrip().startswith("#"):
                continue
            key = _META_KEY.match(line)
            offset = key.end() if key else 0
            for entry in self.entries:
                if "front_matter" not in entry.scopes:
                    continue
                match = entry.pattern.search(line, offset)
                if match and match.end() > match.start():
                    start, end = match.span()
                    span = Span(number, start + 1, number, end + 1)
                    yield finding(span, match=match.group(), suggestion=entry.suggestion or "",
                                  section="front matter")  # fmt: skip
                    break

    def _blocks(self, doc: Document, scope: set[str]) -> Iterator[TextBlock]:
        if "prose" in scope:
            yield from doc.blocks
        if "headings" in scope:
            for section in doc.sections():
                if section.heading_block is not None:
                    yield section.heading_block

    def _in_sections(self, block: TextBlock) -> bool:
        canonicals = set()
        node = block.section
        while node is not None:
            if node.canonical:
                canonicals.add(node.canonical)
            node = node.parent
        include, exclude = self.opts["sections"], self.opts["exclude_sections"]
        if include and not canonicals & set(include):
            return False
        return not canonicals & set(exclude)

    def _fill(self, entry: _Entry, block: TextBlock) -> dict[str, Any]:
        section = block.section.title if block.section is not None else ""
        return {"suggestion": entry.suggestion or "", "section": section}

    def _excepted(self, text: str, start: int, end: int) -> bool:
        for pattern in self.exceptions:
            for match in pattern.finditer(text):
                if match.start() <= start and end <= match.end():
                    return True
        return False

    def _regex_matches(self, block: TextBlock) -> Iterator[Finding]:
        taken: list[tuple[int, int]] = []
        scope = "headings" if block.kind == "heading" else "prose"
        if not may_match(self._prefilters[scope], block.prose):
            return
        for entry in self.entries:
            if scope not in entry.scopes:
                continue
            for match in entry.pattern.finditer(block.prose):
                start, end = match.span()
                if start == end or any(s < end and start < e for s, e in taken):
                    continue
                if self._excepted(block.prose, start, end):
                    continue
                taken.append((start, end))
                text = block.text[start:end]
                yield finding(block.span(start, end), match=text, **self._fill(entry, block))

    def _lemma_matches(self, blocks: list[TextBlock], ctx: CheckContext) -> Iterator[Finding]:
        pipeline = ctx.nlp
        if pipeline is None:  # the engine gives a pipeline to every rule with `lemma: true`
            return
        phrase_lemmas = [
            tuple(t.lemma_.lower() or t.lower_ for t in doc)
            for doc in pipeline.nlp.pipe(" ".join(e.words) for e in self.entries)
        ]
        for block, parsed in zip(blocks, pipeline.nlp.pipe(b.prose for b in blocks), strict=True):
            lemmas = [t.lemma_.lower() or t.lower_ for t in parsed]
            for entry, wanted in zip(self.entries, phrase_lemmas, strict=True):
                size = len(wanted)
                for index in range(len(lemmas) - size + 1 if size else 0):
                    if tuple(lemmas[index : index + size]) != wanted:
                        continue
                    start = parsed[index].idx
                    last = parsed[index + size - 1]
                    end = last.idx + len(last.text)
                    if self._excepted(block.prose, start, end):
                        continue
                    yield finding(
                        block.span(start, end),
                        match=block.text[start:end],
                        **self._fill(entry, block),
                    )
