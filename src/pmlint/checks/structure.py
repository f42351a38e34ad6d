"""Check kinds about the shape of a postmortem: sections present, sections filled, metadata."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from pmlint.checks.base import CheckContext, CheckKind, Option, finding
from pmlint.diagnostics import Applicability, Edit, Finding, Fix, Severity, Span
from pmlint.document import Document, Section
from pmlint.masking import strip_markup
from pmlint.rule import OptionError
from pmlint.sections import normalise_title


class RequiredSections(CheckKind):
    kind = "required-sections"
    description = "Reports canonical sections that no heading or pseudo-heading maps to."
    options = (
        Option(
            "required",
            "str-list",
            [],
            "Canonical sections that must be present; 'a|b' accepts either.",
        ),
        Option("recommended", "str-list", [], "Canonical sections reported at info level."),
        Option(
            "lead_counts_as_summary",
            "bool",
            True,
            "Prose before the first section heading (under the title) counts as a summary.",
        ),
    )
    fields = ("section", "title", "synonyms", "level")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        present = {s.canonical for s in doc.sections() if s.canonical}
        if self.opts["lead_counts_as_summary"] and _has_lead_prose(doc):
            present.add("summary")
        anchor = doc.anchor_span()
        wanted: list[tuple[str, Severity | None]] = [(key, None) for key in self.opts["required"]]
        wanted += [(key, Severity.INFO) for key in self.opts["recommended"]]
        order = [[k.strip() for k in spec.split("|") if k.strip()] for spec, _ in wanted]
        for position, (_spec, severity) in enumerate(wanted):
            alternatives = order[position]
            if present.intersection(alternatives):
                continue
            titles = [ctx.catalog.title_of(k) for k in alternatives]
            others = [s for k in alternatives for s in _display_synonyms(ctx, k)]
            later = {k for keys in order[position + 1 :] for k in keys}
            yield finding(
                anchor,
                severity,
                fix=_insert_section(doc, titles[0], later),
                section="' or '".join(titles),
                title=titles[0],
                synonyms=", ".join(f"'{s}'" for s in (titles[1:] + others)[:4]) or "none",
                level="recommended" if severity else "required",
            )


def _insert_section(doc: Document, title: str, later: set[str]) -> Fix:
    """Add the section with a prompt where the template order puts it: before the first
    section that comes after it in that order, else at the end. Unsafe: it adds a heading
    and a "[insert …]" prompt (PM003) that a person must replace with the content."""
    holder = _sections_holder(doc)
    siblings = [s for s in holder.children if s.style == "heading" and s.heading_span]
    level = min((s.level for s in siblings), default=holder.level + 1 if holder.level else 2)
    block = f"{'#' * level} {title}\n\n[insert {title.lower()}]\n"
    following = next((s for s in siblings if s.canonical in later), None)
    if following is not None and following.heading_span is not None:
        line = following.heading_span.line
        edit = Edit(Span(line, 1, line, 1), block + "\n")
    else:
        end = len(doc.lines) + 1
        lead = "\n" if doc.source.endswith("\n") else "\n\n"
        edit = Edit(Span(end, 1, end, 1), lead + block)
    return Fix(f"Add a '{title}' section with a prompt", (edit,), Applicability.UNSAFE)


def _sections_holder(doc: Document) -> Section:
    """Where a postmortem's sections sit: under its one level-1 title, else at the top."""
    titled = [s for s in doc.root.children if s.style == "heading" and s.level == 1]
    return titled[0] if len(titled) == 1 else doc.root


def _display_synonyms(ctx: CheckContext, key: str) -> list[str]:
    entry = ctx.catalog.sections.get(key)
    if entry is None:
        return []
    title = entry.title.lower()
    return [s.capitalize() for s in entry.synonyms if s not in (title, key.replace("-", " "))][:3]


def _has_lead_prose(doc: Document) -> bool:
    """Text directly under the root or the document title, before any other section."""
    holders: list[Section] = [doc.root]
    titled = [s for s in doc.root.children if s.style == "heading" and s.level == 1]
    if len(titled) == 1:
        holders.append(titled[0])
    for section in holders:
        for block in section.blocks:
            if len(block.prose.split()) >= 8:
                return True
    return False


class EmptySection(CheckKind):
    kind = "empty-section"
    description = "Reports sections with no content, or with only placeholder words."
    options = (
        Option(
            "placeholders",
            "str-list",
            ["tbd", "todo", "tba", "n/a", "na", "none", "-", "...", "?", "???", "coming soon"],
            "Contents that count as empty (compared case-insensitively, punctuation ignored).",
        ),
        Option("ignore", "str-list", [], "Canonical sections or titles never reported."),
    )
    fields = ("section", "content")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        placeholders = {_squash(p) for p in self.opts["placeholders"]}
        ignored = {normalise_title(i) for i in self.opts["ignore"]} | set(self.opts["ignore"])
        stripped: dict[int, list[str] | None] = {}  # each section's own texts, read once
        for section in doc.sections():
            if section.level == 0 or section.heading_span is None:
                continue
            if section.canonical in ignored or normalise_title(section.title) in ignored:
                continue
            content = _content(section, stripped)
            if content is None:
                continue
            if not content or _squash(content) in placeholders:
                yield finding(
                    section.heading_span, section=section.title, content=content or "nothing"
                )


def _content(section: Section, stripped: dict[int, list[str] | None]) -> str | None:
    """All text in the section and its subsections; None if it holds tables, code or lists.

    `stripped` keeps each section's own texts (by its id) for the next call: a section's
    text is part of every section above it, and each block was stripped once per level."""
    texts: list[str] = []
    for node in section.walk():
        if id(node) not in stripped:
            stripped[id(node)] = _own_texts(node)
        own = stripped[id(node)]
        if own is None:
            return None
        texts.extend(own)
    return " ".join(texts)


def _own_texts(node: Section) -> list[str] | None:
    """The texts of the section's own blocks, markup stripped, the empty ones left out;
    None if it holds tables or code."""
    if node.tables or node.code_blocks:
        return None
    # Not `prose`: inline code or a URL alone is content; only comments and markup are not.
    return [t for t in (strip_markup(block.text) for block in node.blocks) if t]


def _squash(text: str) -> str:
    r"""Lower-cased, blanks made one space, the trailing run of blanks and stops dropped: what
    `re.sub(r"(?<![\s.:;!])[\s.:;!]+$", "", ...)` of the joined words gives (the joined
    words hold no blank but single spaces), without a regex tried at every character of a
    section's whole text."""
    return " ".join(text.lower().split()).rstrip(" .:;!")


class MetadataFields(CheckKind):
    kind = "metadata-fields"
    description = "Reports required metadata fields absent from front matter and header fields."
    options = (
        Option(
            "fields",
            "mapping-list",
            [],
            "Fields to require: a name, or {name, aliases} to accept other spellings.",
        ),
    )
    fields = ("field", "aliases")

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        for spec in self.opts["fields"]:  # a bad entry fails when the rule loads, not later
            if isinstance(spec, str):
                continue
            unknown = sorted(set(spec) - {"name", "aliases"})
            aliases = spec.get("aliases", [])
            if unknown or not isinstance(spec.get("name"), str):
                raise OptionError("fields", f"expected a name or {{name, aliases}}, got {spec!r}")
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise OptionError("fields", f"aliases must be a list of names, got {aliases!r}")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        available = {normalise_title(k) for k in doc.meta}
        available |= _header_fields(doc)
        for spec in self.opts["fields"]:
            name, aliases = (
                (spec, []) if isinstance(spec, str) else (spec["name"], spec.get("aliases", []))
            )
            names = {normalise_title(n) for n in [name, *aliases]}
            if names & available:
                continue
            yield finding(doc.anchor_span(), field=name, aliases=", ".join(aliases) or "none")


# The value must be more than bold markers: `**Severity:**` alone is an empty field.
# `(?:\*+\s*)?` where `\**\s*` was: no two `\s*` can share a run of blanks (quadratic).
_FIELD = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*+\s*)?([A-Za-z][A-Za-z /()_-]{0,40}?)\s*(?:\*+\s*)?:(?=[\s*]*[^\s*])"
)


def _header_fields(doc: Document) -> set[str]:
    """`Key: value` lines (plain, bold or in a list) before the first content section,
    or in a section titled like metadata."""
    found: set[str] = set()
    for block in doc.blocks:
        section = block.section
        canonical = section.canonical if section else None
        if section is not None and section.level > 1 and canonical not in (None, "metadata"):
            continue
        for line in block.text.split("\n"):
            match = _FIELD.match(line)
            if match:
                found.add(normalise_title(match.group(1)))
    for section in doc.sections():
        for table in section.tables:
            for row in table.rows:
                if len(row) >= 2:
                    found.add(normalise_title(row[0].prose))
    return found


class PseudoHeading(CheckKind):
    kind = "pseudo-heading"
    description = "Reports a bold line standing in for a heading (`**Timeline:**`), with the fix."
    options = (
        Option(
            "canonical_only",
            "bool",
            True,
            "Only bold lines that name a canonical section (Timeline, Impact...).",
        ),
    )
    fields = ("title", "heading")

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for section in doc.sections():
            if section.style != "pseudo-paragraph" or section.heading_span is None:
                continue
            if self.opts["canonical_only"] and not section.canonical:
                continue
            heading = f"{'#' * section.level} {section.title.rstrip(':').strip()}"
            yield finding(
                section.heading_span,
                fix=_heading_fix(doc, section.first_line, heading),
                title=section.title,
                heading=heading,
            )


def _heading_fix(doc: Document, line: int, heading: str) -> Fix:
    """The bold line becomes the heading; a comment after it (a pmlint directive) stays.
    Unsafe: the document's outline changes, which a person may not want everywhere."""
    text = doc.lines[line - 1]
    comment = text.find("<!--")
    kept = f" {text[comment:].strip()}" if comment >= 0 else ""
    span = Span(line, 1, line, len(text) + 1)
    return Fix(
        f"Make it the heading '{heading}'", (Edit(span, heading + kept),), Applicability.UNSAFE
    )
