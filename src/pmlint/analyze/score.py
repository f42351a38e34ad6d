"""The quality score: 100 minus the faults found, counted per part of the document.

Each finding costs by severity (error 10, warning 4, info 1) and is charged to the part of the
document it sits in: the outermost section that has a known role (summary, impact, timeline,
action items …), else the top-level section, else the document itself. A part's charge is
capped (30), so one section full of faults cannot sink a document on its own; a required
section that is missing is charged as a part at its cap plus its error (40), since its absence
hides every fault it would have had. Engine findings (PM9xx) do not count.

So the score is monotone: a new finding never raises it (a part's capped sum can only grow),
and removing a required section never raises it (the section's part, at most 30, is replaced
by a charge of 40, which also covers a finding elsewhere that disappears with it, such as a
contradiction between the summary and the removed timeline). `tests/test_score.py` checks both
on every example, fixture and real document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pmlint.diagnostics import Diagnostic, Severity
from pmlint.document import Document, Section

WEIGHTS = {Severity.ERROR: 10, Severity.WARNING: 4, Severity.INFO: 1}
PART_CAP = 30
MISSING_SECTION_RULE = "PM001"
MISSING_SECTION_CHARGE = PART_CAP + WEIGHTS[Severity.ERROR]
NOT_COUNTED = "meta"


def quality_score(diagnostics: Iterable[Diagnostic], doc: Document | None = None) -> int:
    """The document's score; without `doc`, each finding's category stands for its part."""
    parts = _Parts(doc)
    penalty: Counter[str] = Counter()
    missing = 0
    for diagnostic in diagnostics:
        if diagnostic.category == NOT_COUNTED:
            continue
        if diagnostic.rule == MISSING_SECTION_RULE and diagnostic.severity is Severity.ERROR:
            missing += 1
            continue
        key = parts.of(diagnostic.span.line) if doc is not None else diagnostic.category
        penalty[key] += WEIGHTS[diagnostic.severity]
    total = sum(min(value, PART_CAP) for value in penalty.values())
    return max(0, 100 - total - missing * MISSING_SECTION_CHARGE)


class _Parts:
    """Which part of the document a line belongs to."""

    def __init__(self, doc: Document | None) -> None:
        self.spans: list[tuple[int, int, str]] = []
        if doc is None:
            return
        for top in _top_sections(doc):
            for section in top.walk():
                if section.canonical:
                    self.spans.append((section.first_line, section.last_line, section.canonical))
                    break
            else:
                self.spans.append((top.first_line, top.last_line, "section: " + top.title))

    def of(self, line: int) -> str:
        for first, last, key in self.spans:
            if first <= line <= last:
                return key
        return "document"


def _top_sections(doc: Document) -> list[Section]:
    """The sections under the title: the title's children when the document has one heading
    above all others, else the root's."""
    children = doc.root.children
    if len(children) == 1 and children[0].level == 1:
        return children[0].children
    return children
