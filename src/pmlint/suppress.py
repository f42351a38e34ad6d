"""Inline suppression from HTML comments: next-line, line, ranges and whole file."""

from __future__ import annotations

import bisect
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
        self._by_rule: dict[str, _RuleDirectives] = {}
        next_content: list[int] | None = None  # built once, when a next-line directive needs it
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
                if next_content is None:
                    next_content = _next_content_lines(doc)
                target = next_content[min(comment.end_line, len(next_content) - 1)]
            self.directives.append(
                Directive(verb, selectors, comment.line, comment.end_line, target, span=span)
            )
        self.directives.sort(key=lambda d: d.line)  # document order (a stable sort)

    def _covers(self, directive: Directive, rule_id: str) -> bool:
        if not directive.selectors:
            return True
        return any(rule_id in self.resolve(s) for s in directive.selectors)

    def _for_rule(self, rule_id: str) -> _RuleDirectives:
        """The directives that cover the rule, sorted for lookups (built once per rule: a
        scan of every directive for every finding was quadratic in long documents)."""
        found = self._by_rule.get(rule_id)
        if found is None:
            found = _RuleDirectives()
            for directive in self.directives:
                if not self._covers(directive, rule_id):
                    continue
                if directive.verb == "disable-file":
                    found.files.append(directive)
                elif directive.verb in ("disable-next-line", "disable-line"):
                    found.lines.setdefault(directive.target_line, []).append(directive)
                else:  # disable, enable
                    found.ranges.append(directive)
                    found.starts.append(directive.line)
            self._by_rule[rule_id] = found
        return found

    def suppressed(self, rule_id: str, line: int) -> bool:
        directives = self._for_rule(rule_id)
        hit = bool(directives.files)
        if hit and not directives.files_used:  # every file directive for the rule is used
            for directive in directives.files:
                directive.used = True
            directives.files_used = True
        for directive in directives.lines.get(line, ()):
            directive.used = hit = True
        before = bisect.bisect_left(directives.starts, line)  # ranges opened above the line
        if before and directives.ranges[before - 1].verb == "disable":
            directives.ranges[before - 1].used = hit = True
        return hit

    def unused(self) -> list[Directive]:
        return [d for d in self.directives if not d.used and d.verb != "enable"]


@dataclass(slots=True, eq=False)
class _RuleDirectives:
    files: list[Directive] = field(default_factory=list)
    lines: dict[int, list[Directive]] = field(default_factory=dict)  # by target line
    ranges: list[Directive] = field(default_factory=list)  # disable and enable, in order
    starts: list[int] = field(default_factory=list)  # their lines
    files_used: bool = False


_ONLY_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")


def _next_content_lines(doc: Document) -> list[int]:
    """For each line number L (index L), the next line after it with content; stacked
    directive comments are skipped, also those written over several lines, so two
    `disable-next-line` comments in a row both apply to the line below them. One pass
    from the end (a scan forward from each directive was quadratic)."""
    covered: set[int] = set()  # lines of comments that have lines to themselves
    for comment in doc.comments:
        if comment.end_line > comment.line and not comment.trailing:
            first, last = doc.lines[comment.line - 1], doc.lines[comment.end_line - 1]
            if first.lstrip().startswith("<!--") and last.rstrip().endswith("-->"):
                covered.update(range(comment.line, comment.end_line + 1))
    count = len(doc.lines)
    result = [0] * (count + 1)
    following = count + 1  # none: the line after the last
    for line in range(count, 0, -1):
        result[line] = following
        text = doc.lines[line - 1]
        if text.strip() and line not in covered and not _ONLY_COMMENT.match(text):
            following = line
    result[0] = following
    return [after + 1 if target > count else target for after, target in enumerate(result)]
