"""An incident's severity as the document states it, and its level (1 most severe to 5).

Teams write it in front matter (`severity: SEV2`, a status page's `severity: disrupted`), as a
labelled field ("Severity: SEV-2", "**Priority:** P1"), in a table ("| Severity | High |"), or
in a sentence ("a Sev 1 incident", "we declared a P1"). The first of those, in that order,
wins. Action items, lessons and the like are skipped: their "Priority: P1" is a follow-up's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pmlint.document import Document, TextBlock
from pmlint.extract.categories import NOT_TOLD

# Words teams and status pages use for a level. cState status pages write `down`,
# `disrupted` or `notice`; Atlassian Statuspage `critical`, `major`, `minor`.
_WORDS = {"critical": 1, "blocker": 1, "down": 1, "outage": 1, "major outage": 1}
_WORDS |= {"high": 2, "major": 2, "partial outage": 2, "urgent": 2}
_WORDS |= {"medium": 3, "moderate": 3, "disrupted": 3, "degraded": 3, "normal": 3}
_WORDS |= {"degraded performance": 3, "minor": 4, "low": 4, "notice": 5, "trivial": 5}
_WORDS |= {"informational": 5, "info": 5}
# "SEV1", "sev-2", "Severity 3", "P1", "S2", "level 4", "2". Anchored: linear.
_CODE = re.compile(r"^(?:sev(?:erity)?|p|s|level|l)?[\s_-]*([0-9])$")
# The labels of a field or a table row that states the severity.
_LABEL = r"(?:incident[ _-]+)?(?:severity|sev|priority|impact[ _-]+level|severity[ _-]+level)"
_LABELS = re.compile(_LABEL + r"(?:[ _-]+level)?", re.I)
# "Severity: SEV-2 (major)", "**Sev**: 1", "- Priority = P1": a label, then its value.
_FIELD = re.compile(
    r"^[^\w\n]{0,8}(?P<label>" + _LABEL + r")(?:[ \t]+level)?(?:\*+|_+)?[ \t]*[:=]"
    r"[ \t]*(?:\*+|_+)?[ \t]*(?P<value>[^\n]{1,80})",
    re.I | re.M,
)
# In a sentence: "a SEV1 incident", "Sev 2", "severity-1"; "P1" and "P0" only beside an
# incident word or after a declaring verb (elsewhere P1 names many things).
_PROSE = (
    re.compile(r"\b(?:sev|severity)[ \t-]?[0-5]\b", re.I),
    re.compile(r"\bP[0-4](?=[ \t]+(?:incident|outage|issue|event|page|alert)s?\b)"),
    re.compile(
        r"\b(?:declared|classified|rated|raised|escalated|opened|filed|marked)\b[^.\n]{0,30}?"
        r"\b(?:a|an|as|to)[ \t]+(?P<code>P[0-4])\b"
    ),
)
_FRONT_KEYS = ("severity", "sev", "priority", "incident_severity", "severity_level")
# Front-matter keys that hold a level only sometimes (`impact: major` on a status page, a
# sentence elsewhere): counted when their value reads as a level.
_MAYBE_KEYS = ("impact", "level")


def severity_level(value: Any) -> int | None:
    """1 (most severe) to 5 from how teams write it: SEV1, P2, "Severity 3", critical, low,
    a status page's `disrupted` (SEV0 and P0 count as 1); None for anything else."""
    if value is None or isinstance(value, bool):
        return None
    text = re.sub(r"[*_`]", "", str(value)).strip().lower()
    if text in _WORDS:
        return _WORDS[text]
    match = _CODE.fullmatch(text)
    return min(max(int(match.group(1)), 1), 5) if match else None


@dataclass(frozen=True, slots=True)
class Severity:
    stated: str  # as the document writes it
    level: int | None  # 1 to 5; None for a front-matter value no level reads
    line: int
    how: str  # front-matter | field | table | prose


def _value_level(value: str) -> tuple[str, int] | None:
    """The level a field's value opens with ("SEV-2 (major)", "High - customers affected",
    "P1"), and its words as written."""
    value = re.sub(r"[*_`]", "", value).strip()
    words = re.split(r"[\s,;:()/|]+|\s[-–—]\s", value)
    for size in (2, 1):  # "major outage" before "major"; "Sev 1" before "Sev"
        head = " ".join(words[:size]).strip(" .-–—")
        if head and (level := severity_level(head)) is not None:
            return head, level
    return None


def _told(block: TextBlock) -> bool:
    return not NOT_TOLD.intersection(block.canonical_sections())


def document_severity(doc: Document) -> Severity | None:
    meta_line = doc.meta_lines[0] if doc.meta_lines else 1
    for key in _FRONT_KEYS:
        value = doc.meta.get(key)
        if value is not None and not isinstance(value, (dict, list)) and str(value).strip():
            return Severity(str(value).strip(), severity_level(value), meta_line, "front-matter")
    for key in _MAYBE_KEYS:
        value = doc.meta.get(key)
        if isinstance(value, (str, int)) and (level := severity_level(value)) is not None:
            return Severity(str(value).strip(), level, meta_line, "front-matter")
    return _from_tables(doc) or _from_fields(doc) or _from_prose(doc)


def _from_fields(doc: Document) -> Severity | None:
    for block in doc.blocks:
        if block.kind == "table_cell" or not _told(block):
            continue
        section = block.section
        if section is not None and _LABELS.fullmatch(section.title.strip(" *_:")):
            found = _value_level(block.text)  # "## Severity" then "SEV2: checkout down"
            if found is not None:
                return Severity(found[0], found[1], block.first_line, "field")
        for part in re.split(r"<br\s*/?>", block.text, flags=re.I):
            for match in _FIELD.finditer(part):
                found = _value_level(match["value"])
                if found is not None:
                    offset = block.text.find(match.group(0))
                    line = block.position(max(offset, 0))[0]
                    return Severity(found[0], found[1], line, "field")
    return None


def _cell(block: TextBlock) -> str:
    return re.sub(r"[*_`]", "", block.text).strip()


def _from_tables(doc: Document) -> Severity | None:
    """A key-value row ("| Severity | SEV-2 |", the header row too), or the one data row
    under a Severity column."""
    for section in doc.root.walk():
        for table in section.tables:
            cells = [c for row in [table.header, *table.rows] for c in row]
            if cells and not _told(cells[0]):
                continue
            for row in [table.header, *table.rows]:
                if len(row) >= 2 and _LABELS.fullmatch(_cell(row[0])):
                    found = _value_level(row[1].text)
                    if found is not None:
                        return Severity(found[0], found[1], row[1].first_line, "table")
            columns = [i for i, c in enumerate(table.header) if _LABELS.fullmatch(_cell(c))]
            if columns and len(table.rows) == 1 and len(table.rows[0]) > columns[0]:
                cell = table.rows[0][columns[0]]
                found = _value_level(cell.text)
                if found is not None:
                    return Severity(found[0], found[1], cell.first_line, "table")
    return None


def _from_prose(doc: Document) -> Severity | None:
    headings = [s.heading_block for s in doc.root.walk() if s.heading_block is not None]
    for block in sorted([*doc.blocks, *headings], key=lambda b: b.first_line):
        if block.kind == "table_cell" or not _told(block):
            continue
        for pattern in _PROSE:
            match = pattern.search(block.prose)
            if match is None:
                continue
            start = match.start("code") if "code" in pattern.groupindex else match.start()
            end = match.end("code") if "code" in pattern.groupindex else match.end()
            stated = block.text[start:end]
            level = severity_level(stated)
            if level is not None:
                return Severity(stated, level, block.position(start)[0], "prose")
    return None
