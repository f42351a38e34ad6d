"""`--format github`: workflow commands that GitHub Actions turns into annotations.

`::warning file=F,line=L,col=C,endLine=L,endColumn=E,title=PM003 placeholder-text::message`.
GitHub's `endColumn` is inclusive (it defaults to `col`), so pmlint's exclusive end is
shifted by one; the runner drops columns when `line` and `endLine` differ, so they are left
out then. Levels: error -> error, warning -> warning, info -> notice. A file that could not
be linted is an `::error` on the file. Paths start at the repository root (GitHub maps them
to the pull request's files from there). The last line is the text summary (a log line).
"""

from __future__ import annotations

from collections.abc import Sequence

from pmlint.diagnostics import Diagnostic, Severity
from pmlint.formats import text
from pmlint.formats.common import RunInfo, describe, root_relative, source_root, title
from pmlint.report import FileReport

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """The message part, escaped as the Actions toolkit does (`escapeData`)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A property value (`escapeProperty`): also ':' and ',', which delimit properties."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


def annotation(diagnostic: Diagnostic, root: str | None = None) -> str:
    span = diagnostic.span
    path = root_relative(diagnostic.path, root or source_root()) or diagnostic.path
    properties: dict[str, object] = {"file": path, "line": span.line}
    if span.end_line == span.line:
        properties["col"] = span.column
        properties["endLine"] = span.end_line
        properties["endColumn"] = max(span.end_column - 1, span.column)
    else:
        properties["endLine"] = span.end_line
    properties["title"] = title(diagnostic)
    return command(COMMANDS[diagnostic.severity], properties, describe(diagnostic))


def render(reports: Sequence[FileReport], info: RunInfo) -> str:
    out: list[str] = []
    root = source_root()
    for report in reports:
        if report.error is not None:
            path = root_relative(report.path, root) or report.path
            out.append(command("error", {"file": path, "title": "pmlint"}, report.error))
            continue
        out.extend(annotation(d, root) for d in report.diagnostics)
    out.append(text.summary(reports, info.files))
    return "\n".join(out) + "\n"
