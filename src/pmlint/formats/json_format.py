"""`--format json`: the versioned contract in ARCHITECTURE.md (keys may be added, never changed)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pmlint.diagnostics import Severity
from pmlint.formats.common import RunInfo, indented_json
from pmlint.report import FileReport


def render(reports: Sequence[FileReport], info: RunInfo) -> str:
    counts = {s.label: 0 for s in reversed(Severity)}
    files: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []
    for report in reports:
        if report.error is not None:
            errors.append({"path": report.path, "message": report.error})
            continue
        for diagnostic in report.diagnostics:
            counts[diagnostic.severity.label] += 1
        files.append(
            {"path": report.path, "diagnostics": [d.to_json() for d in report.diagnostics]}
        )
    payload: dict[str, Any] = {
        "version": 1,
        "files": files,
        "summary": {"files": len(files), **counts},
        "errors": errors,
    }
    if info.nlp is not None:
        payload["nlp"] = info.nlp
    return indented_json(payload) + "\n"
