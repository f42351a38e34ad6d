"""Severities, source spans, findings (what a check yields) and diagnostics (what users see)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
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


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check reports: it knows neither its rule id nor its file."""

    span: Span
    fields: dict[str, Any]
    severity: Severity | None = None  # None: the rule's configured severity


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

    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.line, self.span.column, self.rule)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.label,
            "message": self.message,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "suggestion": self.suggestion,
        }
