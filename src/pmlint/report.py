"""One file's result, as every output (formats, baseline, cache, analyze) receives it.

It lives in the model layer so that writing a report never imports the checks that made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pmlint.diagnostics import Diagnostic
from pmlint.document import Document

# Ids of the findings the engine itself reports (rules/core/PM90x.yaml hold their docs).
INTERNAL_ERROR = "PM900"
INVALID_FRONT_MATTER = "PM901"
UNKNOWN_SUPPRESSION = "PM902"
UNUSED_SUPPRESSION = "PM903"
INVALID_ENCODING = "PM904"
NESTING_TOO_DEEP = "PM905"


@dataclass(slots=True)
class FileReport:
    """One file's result: diagnostics, or an error that kept it from being linted."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None  # one line; the file was not (fully) linted
    lines: list[str] = field(default_factory=list, repr=False)  # source, for excerpts
    document: Document | None = field(default=None, repr=False)  # for the analyzer
    # Local link and image targets the checks asked about, and whether they existed: the
    # only thing outside the file that its findings depend on (the cache checks them).
    references: dict[str, bool] = field(default_factory=dict, repr=False)

    @property
    def internal_error(self) -> bool:
        return any(d.rule == INTERNAL_ERROR for d in self.diagnostics)
