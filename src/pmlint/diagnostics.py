"""Severities, source spans, findings (what a check yields) and diagnostics (what users see)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, IntEnum
from typing import Any


class Severity(IntEnum):
    """Ordered so that `>=` means "at least as serious"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except (KeyError, AttributeError):
            raise ValueError(f"expected one of info, warning, error; got {value!r}") from None


@dataclass(frozen=True, slots=True)
class Span:
    """A 1-based region of the original file; `end_column` is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def line_start(cls, line: int) -> Span:
        return cls(line, 1, line, 1)

    def to_json(self) -> dict[str, int]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }

    @classmethod
    def from_json(cls, data: Any) -> Span:
        """Read back `to_json` (the cache); ValueError when it is not one."""
        # written out, not all() over a generator: a warm run reads thousands of spans
        line, column, end_line, end_column = (
            data["line"], data["column"], data["end_line"], data["end_column"]
        )  # fmt: skip
        if not (
            isinstance(line, int) and isinstance(column, int) and isinstance(end_line, int)
            and isinstance(end_column, int)
        ):  # fmt: skip
            raise ValueError("malformed span")
        return cls(line, column, end_line, end_column)


class Applicability(str, Enum):
    """Whether a fix may be applied without a person looking (ruff's terms): `safe` keeps
    the meaning (`--fix`); `unsafe` is a reasonable default that someone should review
    (`--fix --unsafe-fixes`, or one by one in an editor)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text of `span` (in the file as read; an empty span inserts) with
    `content`. Newlines in `content` are written with the file's own line ending."""

    span: Span
    content: str

    def to_json(self) -> dict[str, Any]:
        return {**self.span.to_json(), "content": self.content}

    @classmethod
    def from_json(cls, data: Any) -> Edit:
        """Read back `to_json` (the cache); ValueError when it is not one."""
        if not isinstance(data["content"], str):
            raise ValueError("malformed edit")
        return cls(Span.from_json(data), data["content"])


@dataclass(frozen=True, slots=True)
class Fix:
    """A repair for one finding: edits applied together, never partly."""

    description: str
    edits: tuple[Edit, ...]
    applicability: Applicability

    def to_json(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "applicability": self.applicability.value,
            "edits": [edit.to_json() for edit in self.edits],
        }

    @classmethod
    def from_json(cls, data: Any) -> Fix:
        """Read back `to_json` (the cache); ValueError when it is not one."""
        if not isinstance(data, dict) or not isinstance(data.get("description"), str):
            raise ValueError("malformed fix")
        edits = tuple(Edit.from_json(edit) for edit in data["edits"])
        return cls(data["description"], edits, Applicability(data["applicability"]))


@dataclass(frozen=True, slots=True)
class Related:
    """A second place a finding is about (the earlier timeline entry an entry is out of
    order with; the start a stated end contradicts), with what it is."""

    span: Span
    message: str

    def to_json(self) -> dict[str, Any]:
        return {**self.span.to_json(), "message": self.message}

    @classmethod
    def from_json(cls, data: Any) -> Related:
        """Read back `to_json` (the cache); ValueError when it is not one."""
        if not isinstance(data["message"], str):
            raise ValueError("malformed related place")
        return cls(Span.from_json(data), data["message"])


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check reports: it knows neither its rule id nor its file."""

    span: Span
    fields: dict[str, Any]
    severity: Severity | None = None  # None: the rule's configured severity
    fix: Fix | None = None
    related: tuple[Related, ...] = ()


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    span: Span
    suggestion: str | None = None
    fix: Fix | None = None
    related: tuple[Related, ...] = ()

    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.line, self.span.column, self.rule)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.label,
            "message": self.message,
            **self.span.to_json(),
            "suggestion": self.suggestion,
            **({"fix": self.fix.to_json()} if self.fix is not None else {}),
            **({"related": [r.to_json() for r in self.related]} if self.related else {}),
        }


# Findings of this category point at what must not be repeated (a key, an address, a name):
# every excerpt of the source that pmlint prints or stores shows their spans masked.
SENSITIVE = "sensitive"
MASK = "*"


def masked_lines(lines: list[str], diagnostics: list[Diagnostic]) -> list[str]:
    """The source lines with every sensitive finding's span blanked out (a new list; the
    same list when there is nothing to mask), so the text format's excerpts, the baseline's
    fingerprints and every later reader see no secret."""
    spans = [d.span for d in diagnostics if d.category == SENSITIVE]
    if not spans:
        return lines
    result = list(lines)
    for span in spans:
        for line in range(span.line, min(span.end_line, len(result)) + 1):
            text = result[line - 1]
            start = span.column - 1 if line == span.line else 0
            end = span.end_column - 1 if line == span.end_line else len(text)
            start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
            result[line - 1] = text[:start] + MASK * (end - start) + text[end:]
    return result
