"""Inline suppression from HTML comments: next-line, line, ranges and whole file."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pmlint.diagnostics import Span
from pmlint.document import Document

_DIRECTIVE = re.compile(
    r"^\s*pmlint-(?P<verb>disable-next-line|disable-line|disable-file|disable|enable)\b"
    r"(?P<rest>.*)$",
    re.DOTALL,
)


@dataclass(slots=True, eq=False)
class Directive:
    verb: str
    selectors: tuple[str, ...]  # empty: every rule
    line: int
    end_line: int
    target_line: int  # for next-line / line directives
    used: bool = False
    span: Span = field(default_factory=lambda: Span(1, 1, 1, 1))


@dataclass(frozen=True, slots=True)
class UnknownSelector:
    selector: str
    span: Span


class Suppressions:
    """Answers "is rule R silenced at line L?" and remembers which directives were used."""

    def __init__(self, doc: Document, resolve: Callable[[str], frozenset[str]]) -> None:
        """`resolve` maps a selector (id, prefix, name or category, as --select takes) to
        the rule ids it names; an empty set means the selector is unknown."""
        self.resolve = resolve
        self.directives: list[Directive] = []
        self.unknown: list[UnknownSelector] = []
        for comment in doc.comments:
            match = _DIRECTIVE.match(comment.text)
            if not match:
                continue
            rest = match.group("rest").split(" -- ", 1)[0]
            selectors = tuple(s for s in re.split(r"[\s,]+", rest.strip()) if s)
            span = doc.line_span(comment.line)
            for selector in selectors:
                if not resolve(selector):
                    self.unknown.append(UnknownSelector(selector, span))
            verb = match.group("verb")
            target = comment.line
            if verb == "disable-next-line":
                target = _next_content_line(doc, comment.end_line)
            self.directives.append(
                Directive(verb, selectors, comment.line, comment.end_line, target, span=span)
            )

    def _covers(self, directive: Directive, rule_id: str) -> bool:
        if not directive.selectors:
            return True
        return any(rule_id in self.resolve(s) for s in directive.selectors)

    def suppressed(self, rule_id: str, line: int) -> bool:
        hit = False
        disabled = False
        opener: Directive | None = None
        for directive in self.directives:
            verb = directive.verb
            if verb == "disable-file" and self._covers(directive, rule_id):
                directive.used = hit = True
            elif verb in ("disable-next-line", "disable-line"):
                if directive.target_line == line and self._covers(directive, rule_id):
                    directive.used = hit = True
            elif directive.line < line and self._covers(directive, rule_id):
                if verb == "disable":
                    disabled, opener = True, directive
                else:
                    disabled, opener = False, None
        if disabled and opener is not None:
            opener.used = hit = True
        return hit

    def unused(self) -> list[Directive]:
        return [d for d in self.directives if not d.used and d.verb != "enable"]


_ONLY_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")


def _next_content_line(doc: Document, after: int) -> int:
    """The next line with content; stacked directive comments are skipped, so two
    `disable-next-line` comments in a row both apply to the line below them."""
    for line in range(after + 1, len(doc.lines) + 1):
        text = doc.lines[line - 1]
        if text.strip() and not _ONLY_COMMENT.match(text):
            return line
    return after + 1
