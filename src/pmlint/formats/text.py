"""`--format text`: compiler-style lines, the source line with a caret, the suggestion."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import click

from pmlint.diagnostics import Diagnostic, Severity
from pmlint.formats.common import RunInfo
from pmlint.report import FileReport

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_MAX_EXCERPT = 160
Style = Callable[..., str]


def render(reports: Sequence[FileReport], info: RunInfo) -> str:
    out: list[str] = []
    style: Style = click.style if info.color else _plain
    for report in reports:
        if report.error is not None:
            continue
        lines = report.lines
        for diagnostic in report.diagnostics:
            out.append(_headline(diagnostic, style))
            if info.quiet:
                continue
            out.extend(_excerpt(diagnostic, lines, style))
            if diagnostic.suggestion:
                out.append(f"      {style('= help:', bold=True)} {diagnostic.suggestion}")
            out.append("")
    if not info.quiet:
        out.append(summary(reports, info.files, style))
    return "\n".join(out).rstrip("\n") + "\n" if out else ""


def summary(reports: Sequence[FileReport], files: int, style: Style | None = None) -> str:
    """The last line of the text output: counts by severity, files, unlinted paths."""
    style = style or _plain
    linted = [r for r in reports if r.error is None]
    counts = dict.fromkeys(Severity, 0)
    for diagnostic in (d for r in linted for d in r.diagnostics):
        counts[diagnostic.severity] += 1
    line = _summary(counts, sum(1 for r in linted if r.diagnostics), files, style)
    unlinted = len(reports) - len(linted)
    if unlinted:
        paths = "path" if unlinted == 1 else "paths"
        line += style(f" {unlinted} {paths} could not be linted (see stderr).", fg="red")
    return line


def _headline(d: Diagnostic, style: Style) -> str:
    where = style(f"{d.path}:{d.span.line}:{d.span.column}:", bold=True)
    severity = style(f"[{d.severity.label}]", fg=_COLORS[d.severity])
    return f"{where} {style(d.rule, bold=True)} {severity} {d.message}"


def _excerpt(d: Diagnostic, lines: list[str], style: Style) -> list[str]:
    if not 0 < d.span.line <= len(lines):
        return []
    text = lines[d.span.line - 1].replace("\t", " ")
    start = d.span.column - 1
    end = d.span.end_column - 1 if d.span.end_line == d.span.line else len(text.rstrip())
    end = max(end, start + 1)
    if len(text) > _MAX_EXCERPT:  # keep the marked part visible on very long lines
        offset = max(0, min(start - 20, len(text) - _MAX_EXCERPT))
        text = ("…" if offset else "") + text[offset : offset + _MAX_EXCERPT]
        shift = offset - (1 if offset else 0)
        start, end = start - shift, min(end - shift, len(text))
    number = str(d.span.line)
    gutter = " " * len(number)
    caret = " " * max(start, 0) + "^" * max(min(end, len(text) + 1) - start, 1)
    return [
        f"  {number} | {text}",
        f"  {gutter} | {style(caret, fg=_COLORS[d.severity])}",
    ]


def _summary(counts: dict[Severity, int], with_findings: int, files: int, style: Style) -> str:
    total = sum(counts.values())
    noun = "file" if files == 1 else "files"
    if total == 0:
        return style(f"No problems found in {files} {noun}.", fg="green")
    parts = [
        f"{counts[s]} {s.label}{'s' if counts[s] != 1 and s != Severity.INFO else ''}"
        for s in reversed(Severity)
        if counts[s]
    ]
    return style(
        f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) "
        f"in {with_findings} of {files} {noun}.",
        bold=True,
    )


def _plain(text: str, **_style: object) -> str:
    return text
