"""`--summary FILE`: a Markdown job summary of the run, appended to FILE.

In GitHub Actions FILE is `$GITHUB_STEP_SUMMARY`: the summary shows on the run's page with
every finding counted, where annotations stop at about ten of each kind per step. One table
row per file and rule (with the rule's severity and its count), the files that could not
be linted, and where to see each finding (SARIF, the log).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pmlint.diagnostics import Severity
from pmlint.formats import text
from pmlint.formats.common import RunInfo, root_relative, source_root
from pmlint.report import FileReport

MAX_ROWS = 200  # a step summary holds 1 MiB; a few hundred rows stay readable
ANNOTATIONS_SHOWN = 10  # GitHub shows about this many annotations of each kind per step
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def cell(value: str) -> str:
    """Text safe inside a Markdown table cell (pipes escaped, one line)."""
    return " ".join(value.split()).replace("|", "\\|")


def render(reports: Sequence[FileReport], info: RunInfo) -> str:
    root = source_root()
    counts: Counter[tuple[str, str, str, Severity]] = Counter()
    by_severity: Counter[Severity] = Counter()
    for report in reports:
        path = root_relative(report.path, root) or report.path
        for diagnostic in report.diagnostics:
            counts[(path, diagnostic.rule, diagnostic.name, diagnostic.severity)] += 1
            by_severity[diagnostic.severity] += 1
    out = ["## pmlint", "", text.summary(reports, info.files), ""]
    if counts:
        out += ["| File | Rule | Severity | Findings |", "| --- | --- | --- | ---: |"]
        rows = sorted(counts.items(), key=lambda item: (item[0][0], -item[0][3], item[0][1]))
        for (path, rule, name, severity), count in rows[:MAX_ROWS]:
            out.append(f"| {cell(path)} | {rule} {cell(name)} | {_LEVEL[severity]} | {count} |")
        if len(rows) > MAX_ROWS:
            out.append(f"\n… and {len(rows) - MAX_ROWS} more rows.")
        out.append("")
    errors = [r for r in reports if r.error is not None]
    if errors:
        out += ["**Not linted:**", ""]
        for report in errors:
            path = root_relative(report.path, root) or report.path
            out.append(f"- `{cell(path)}`: {cell(report.error or '')}")
        out.append("")
    if any(count > ANNOTATIONS_SHOWN for count in by_severity.values()):
        out += [
            f"GitHub shows about {ANNOTATIONS_SHOWN} annotations of each kind per step: upload "
            "the SARIF file (`sarif-file:` and `github/codeql-action/upload-sarif`) to see "
            "every finding on the pull request, or read the step's log.",
            "",
        ]
    return "\n".join(out) + "\n"
