"""Baselines: record today's findings so that later runs report only new ones.

`--baseline FILE --write-baseline` records the fingerprint (see `pmlint.fingerprints`) of
every finding of the run; `--baseline FILE` then hides the findings whose fingerprint is
recorded, so a repository of old postmortems can adopt pmlint without fixing its history
first, and an edit elsewhere in a file does not bring its recorded findings back. The file
is JSON, sorted, one entry per finding, so that its diffs are readable in review:

    {"version": 1, "tool": "pmlint",
     "findings": [{"fingerprint": "…", "rule": "PM003", "path": "postmortems/x.md",
                   "line": 5, "message": "…"}]}

Only `fingerprint` is used for matching; the other keys are there for people. Writing after a
run over some of the files replaces the entries of the files that were linted and keeps the
entries of the other files that still exist.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pmlint.fingerprints import fingerprints, project_path, project_root
from pmlint.report import FileReport

VERSION = 1


class BaselineError(Exception):
    """A baseline file that is missing, unreadable or not a pmlint baseline."""


def load(path: str) -> list[dict[str, Any]]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: no such baseline (create it with --baseline {path} --write-baseline)"
        ) from None
    except (OSError, ValueError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or not isinstance(findings, list)
        or not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in findings)
    ):
        raise BaselineError(f"{path}: not a pmlint baseline (version {VERSION})")
    return findings


def entries(reports: Sequence[FileReport]) -> list[dict[str, Any]]:
    """Baseline entries for the findings of the linted files."""
    result = []
    for report in reports:
        if report.error is not None:
            continue
        path = project_path(report.path)
        for diagnostic, fingerprint in zip(report.diagnostics, fingerprints(report), strict=True):
            result.append(
                {
                    "fingerprint": fingerprint,
                    "rule": diagnostic.rule,
                    "path": path,
                    "line": diagnostic.span.line,
                    "message": diagnostic.message,
                }
            )
    return result


def write(path: str, reports: Sequence[FileReport]) -> list[dict[str, Any]]:
    """Record the run's findings in `path`, keeping other files' entries; returns all entries."""
    linted = {project_path(r.path) for r in reports if r.error is None}
    kept: list[dict[str, Any]] = []
    if os.path.exists(path):
        root = project_root(path)
        kept = [
            entry
            for entry in load(path)
            if entry.get("path") not in linted
            and os.path.exists(os.path.join(root, str(entry.get("path"))))
        ]
    found = sorted(
        [*kept, *entries(reports)],
        key=lambda e: (str(e.get("path")), e.get("line", 0), str(e.get("rule")), e["fingerprint"]),
    )
    payload = {"version": VERSION, "tool": "pmlint", "findings": found}
    try:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write baseline: {exc.strerror}") from None
    return found


def apply(
    path: str, reports: Sequence[FileReport], update: bool = False
) -> tuple[list[FileReport], str]:
    """The reports without the findings recorded in the baseline, and a note for stderr.

    With `update` (--write-baseline) the baseline is written from these reports first.
    """
    recorded = write(path, reports) if update else load(path)
    known = {entry["fingerprint"] for entry in recorded}
    linted = {project_path(r.path) for r in reports if r.error is None}
    seen: set[str] = set()
    result: list[FileReport] = []
    hidden = 0
    for report in reports:
        if report.error is not None:
            result.append(report)
            continue
        kept = []
        for diagnostic, fingerprint in zip(report.diagnostics, fingerprints(report), strict=True):
            if fingerprint in known:
                seen.add(fingerprint)
                hidden += 1
            else:
                kept.append(diagnostic)
        result.append(replace(report, diagnostics=kept))
    fixed = sum(1 for e in recorded if e.get("path") in linted and e["fingerprint"] not in seen)
    if update:
        note = f"baseline {path}: recorded {len(recorded)} findings"
    else:
        note = f"baseline {path}: {hidden} known findings not shown"
        if fixed:
            note += f"; {fixed} recorded findings are gone (--write-baseline drops them)"
    return result, note
