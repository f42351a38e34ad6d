"""`--format gitlab`: GitLab Code Quality JSON (a `codequality` report artifact).

A list with one object per finding: `description`, `check_name` ("PM003 placeholder-text"),
`fingerprint` (from `pmlint.fingerprints`, so it is stable under edits elsewhere in the file),
`severity` (info -> info, warning -> minor, error -> major) and `location.path` (relative
to the repository root) with `location.lines.begin`. Code Quality has no place for a file
that could not be linted: those are on stderr and in the exit code (2).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pmlint.diagnostics import Severity
from pmlint.fingerprints import fingerprints
from pmlint.formats.common import (
    RunInfo,
    describe,
    indented_json,
    root_relative,
    source_root,
    title,
)
from pmlint.report import FileReport

SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def render(reports: Sequence[FileReport], info: RunInfo) -> str:
    issues: list[dict[str, Any]] = []
    root = source_root()
    for report in reports:
        if report.error is not None:
            continue
        for diagnostic, fingerprint in zip(report.diagnostics, fingerprints(report), strict=True):
            issues.append(
                {
                    "description": describe(diagnostic),
                    "check_name": title(diagnostic),
                    "fingerprint": fingerprint,
                    "severity": SEVERITIES[diagnostic.severity],
                    "location": {
                        "path": root_relative(diagnostic.path, root) or diagnostic.path,
                        "lines": {"begin": diagnostic.span.line},
                    },
                }
            )
    return indented_json(issues) + "\n"
