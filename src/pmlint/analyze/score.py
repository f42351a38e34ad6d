"""The quality score: 100, less a share for the faults found in each part of the document.

Each finding costs points by severity (error 10, warning 4, info 1), charged to the part of
the document it sits in: the outermost section that has a known role (summary, impact,
timeline, action items …), else the top-level section, else the document itself. A part keeps
1 - points/100 of the score, at least 0.70 (30 points cap it, so one section full of faults
cannot sink a document on its own); a required section that is missing keeps 0.55, less than
any section that is there. The score is 100 times the product, rounded. It is multiplicative
so that it keeps telling documents apart where most miss sections: a sum floored at zero put
50 of the 65 real postmortems at 0. Engine findings (PM9xx) do not count.

A role can be written in more than one place: two sections the catalog maps to it (a
"Root Cause Analysis" and a "Contributors" list, which the catalog takes for contributing
factors), or a summary section and the prose before the first section, which PM001 takes for
the summary. Such a role is charged as its cleanest place. Otherwise removing the real
section would shed its faults while the stand-in keeps PM001 quiet, and the score would rise
(81 to 96 on a real postmortem); a role's charge can only be at most the charge of each of its
places for removal never to raise it.

So the score is monotone: a new finding never raises it (a part's points can only grow), and
removing a required section never raises it (the section's factor, at least 0.70, becomes
0.55, which leaves room for a finding elsewhere that disappears with it, such as a
contradiction between the summary and the removed timeline: 0.55/0.70 x 0.80/0.70 < 1; and
where another place still holds the role, its cleanest place was charged already).
`tests/test_score.py` checks both on every example, fixture and real document.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterable

from pmlint.diagnostics import Diagnostic, Severity
from pmlint.document import Document, Section

WEIGHTS = {Severity.ERROR: 10, Severity.WARNING: 4, Severity.INFO: 1}
PART_CAP = 30
MISSING_SECTION_RULE = "PM001"
# A missing required section multiplies the score by less than any section that is there can
# (0.55 < 1 - 30/100), with room for a finding elsewhere that disappears with it.
MISSING_SECTION_FACTOR = 0.55
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
    kept = MISSING_SECTION_FACTOR**missing
    instances = {key for keys in parts.roles.values() for key in keys}
    for key, value in penalty.items():
        if key not in instances:
            kept *= _kept(value)
    for keys in parts.roles.values():
        # A role written in several places is charged as its cleanest: removing one of them
        # can then never shed faults (see the module's docstring).
        kept *= _kept(min(penalty.get(key, 0) for key in keys))
    return round(100 * kept)


def _kept(points: int) -> float:
    return 1 - min(points, PART_CAP) / 100


class _Parts:
    """Which part of the document a line belongs to: an instance of a role ("root-cause#0",
    "root-cause#1" for a second section the catalog maps to it, "summary#…" for the prose
    before the first section, which PM001 takes for the summary), else a top-level section
    ("section: Contributors"), else the document."""

    def __init__(self, doc: Document | None) -> None:
        self.spans: list[tuple[int, int, str]] = []
        self.roles: dict[str, list[str]] = {}
        if doc is None:
            return
        for top in _top_sections(doc):
            for section in top.walk():
                if section.canonical:
                    self._add(section.first_line, section.last_line, section.canonical)
                    break
            else:
                self.spans.append((top.first_line, top.last_line, "section: " + top.title))
        lead = _lead_prose(doc)
        if lead is not None:
            self._add(lead[0], lead[1], "summary")

    def _add(self, first: int, last: int, role: str) -> None:
        keys = self.roles.setdefault(role, [])
        keys.append(f"{role}#{len(keys)}")
        self.spans.append((first, last, keys[-1]))

    def of(self, line: int) -> str:
        for first, last, key in self.spans:
            if first <= line <= last:
                return key
        return "document"


def _lead_prose(doc: Document) -> tuple[int, int] | None:
    """The lines of the prose before the first section (under the root or the one title),
    when PM001 would take it for the summary (a block of 8 words or more)."""
    holders = [doc.root]
    titled = [s for s in doc.root.children if s.style == "heading" and s.level == 1]
    if len(titled) == 1:
        holders.append(titled[0])
    blocks = [block for section in holders for block in section.blocks]
    if not any(len(block.prose.split()) >= 8 for block in blocks):
        return None
    return min(b.first_line for b in blocks), max(b.last_line for b in blocks)


def _top_sections(doc: Document) -> list[Section]:
    """The sections under the title: the title's children when the document has one heading
    above all others, else the root's."""
    children = doc.root.children
    if len(children) == 1 and children[0].level == 1:
        return children[0].children
    return children


def explanation(width: int = 88) -> str:
    """`pmlint explain score`: how the score is made, from the constants above. The README
    shows this page (scripts/refresh_readme_output.py writes it there; tests/test_readme.py
    checks it), so the text has one source."""
    error, warning, info = (WEIGHTS[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    floor = 1 - PART_CAP / 100
    paragraphs = [
        "Quality score (pmlint analyze: SCORE in text and Markdown, score in JSON and CSV, "
        "the table, the headline strip and each document's section in HTML)",
        f"Each finding costs points by severity (error {error}, warning {warning}, info "
        f"{info}), charged to the part of the document it is in: the outermost section with a "
        "known role (summary, impact, timeline, root cause, resolution, action items ...), "
        "else its top-level section, else the document. A part keeps 1 - points/100 of the "
        f"score, never less than {floor:.2f} (one section full of faults cannot sink a "
        f"document alone); a required section that is missing ({MISSING_SECTION_RULE} error) "
        f"keeps {MISSING_SECTION_FACTOR:.2f}, less than any section that is there. The score "
        "is 100 times the product, rounded: parts multiply, so the score keeps telling "
        "documents apart where most miss sections (a sum floored at zero had put 50 of the "
        "65 real postmortems at 0). Engine findings (PM9xx) do not count.",
        "A role written in more than one place (two sections the catalog maps to it, such "
        "as a Root Cause Analysis and a Contributors list, or a summary section and the prose "
        "before the first section, which PM001 takes for the summary) is charged as its "
        "cleanest place: removing the real section then cannot shed its faults while a "
        "stand-in keeps PM001 quiet.",
        "It is monotone: a new finding never raises it, and removing a required section "
        "never raises it (tests/test_score.py checks both, the second by removing each "
        "required section in turn from every example, fixture and real postmortem).",
    ]
    return "\n\n".join(textwrap.fill(p, width) for p in paragraphs) + "\n"
