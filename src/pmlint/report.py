"""One file's result, as every output (formats, baseline, cache, analyze) receives it.

It lives in the model layer so that writing a report never imports the checks that made it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pmlint.diagnostics import Diagnostic, Severity
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

    def reaches(self, severity: Severity) -> bool:
        """A finding at `severity` or above (what decides the exit code)."""
        return any(d.severity >= severity for d in self.diagnostics)


_DIAGNOSTICS = FileReport.__dict__["diagnostics"]  # the slot, under CachedReport's property


class CachedReport(FileReport):
    """A result the cache served as `--format json` writes it: the text of its diagnostics
    (`json`, a JSON array written at the top level, one newline per line, as
    `pmlint.formats.json_format` wrote it when the file was linted) and how many there are
    of each severity (`counts`, from INFO to ERROR). `diagnostics` is built from the
    cached entry (`load`) only where something reads it: a warm JSON run of 1,000
    documents writes 12,000 findings, and building them and writing them again was a third
    of its time. A run that prints excerpts or fingerprints builds every report as usual.
    """

    __slots__ = ("_load", "counts", "json")
    _load: Callable[[], list[Diagnostic]] | None
    json: str
    counts: tuple[int, int, int]

    @classmethod
    def served(
        cls,
        path: str,
        load: Callable[[], list[Diagnostic]],
        json: str,
        counts: tuple[int, int, int],
    ) -> CachedReport:
        """The report of the file at `path`: `load()` builds its diagnostics. (The class
        keeps `FileReport`'s constructor, so that `dataclasses.replace` makes a report
        whose diagnostics are given.)"""
        report = cls(path)
        report._load = load
        report.json = json
        report.counts = counts
        return report

    @property
    def diagnostics(self) -> list[Diagnostic]:
        load = self._load
        if load is not None:
            self._load = None
            _DIAGNOSTICS.__set__(self, load())
        found: list[Diagnostic] = _DIAGNOSTICS.__get__(self, FileReport)
        return found

    @diagnostics.setter
    def diagnostics(self, value: list[Diagnostic]) -> None:
        self._load = None
        _DIAGNOSTICS.__set__(self, value)

    @property
    def pending(self) -> bool:
        """`diagnostics` not built yet: `json` and `counts` are all there is."""
        return self._load is not None

    @property
    def internal_error(self) -> bool:
        if self._load is None:
            return any(d.rule == INTERNAL_ERROR for d in self.diagnostics)
        return False  # the cache keeps no result with an internal error (nor serves one)

    def reaches(self, severity: Severity) -> bool:
        if self._load is None:
            return FileReport.reaches(self, severity)
        return any(self.counts[level - 1] for level in Severity if level >= severity)
