"""`--format json`: the versioned contract in ARCHITECTURE.md (keys may be added, never changed)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from json.encoder import encode_basestring
from typing import Any

from pmlint.diagnostics import Diagnostic, Fix, Related, Severity, Span
from pmlint.formats.common import Prerendered, RunInfo, indented_json
from pmlint.report import CachedReport, FileReport


def render(reports: Sequence[FileReport], info: RunInfo) -> str:
    counts = {s.label: 0 for s in reversed(Severity)}
    files: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []
    by_severity: dict[Severity, int] = dict.fromkeys(Severity, 0)
    for report in reports:
        if report.error is not None:
            errors.append({"path": report.path, "message": report.error})
            continue
        if type(report) is CachedReport and report.pending:
            # As the file's first run wrote them (`diagnostics_json`), without building them.
            for severity, count in zip(Severity, report.counts, strict=True):
                by_severity[severity] += count
            files.append({"path": report.path, "diagnostics": _Written(report.json)})
            continue
        for diagnostic in report.diagnostics:
            by_severity[diagnostic.severity] += 1
        files.append({"path": report.path, "diagnostics": _Diagnostics(report.diagnostics)})
    for severity, count in by_severity.items():
        counts[severity.label] += count
    payload: dict[str, Any] = {
        "version": 1,
        "files": files,
        "summary": {"files": len(files), **counts},
        "errors": errors,
    }
    if info.nlp is not None:
        payload["nlp"] = info.nlp
    return indented_json(payload) + "\n"


class _Diagnostics(Prerendered):
    """A file's diagnostics as `[d.to_json() for d in diagnostics]` would be written, each
    by one template instead of a dict walked key by key: a warm run of 1,000 documents
    writes 12,000 of them, and spent a quarter of its time on that. A diagnostic's fix
    and related places (few) go through `indented_json`'s walk."""

    __slots__ = ("diagnostics",)

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = diagnostics

    def plain(self) -> list[dict[str, Any]]:
        return [d.to_json() for d in self.diagnostics]

    def render(self, newline: str) -> str:
        if not self.diagnostics:
            return "[]"
        inner = newline + "  "
        keys = _keys(inner + "  ")
        text = [_diagnostic(d, inner, keys) for d in self.diagnostics]
        return "[" + inner + ("," + inner).join(text) + newline + "]"


# Where `render` writes a file's diagnostics: in the payload's list of files, in each
# file's object (what `diagnostics_json` writes, so that a warm run writes it as it is).
_AT = "\n      "


def diagnostics_json(diagnostics: Sequence[Diagnostic]) -> str:
    """The JSON array this format writes of a file's diagnostics, where it writes them (the
    result cache keeps it: `pmlint.report.CachedReport`)."""
    return _Diagnostics(diagnostics).render(_AT)


class _Written(Prerendered):
    """A file's diagnostics as `diagnostics_json` wrote them, indented where they go: each
    newline of the text (a newline in a string is `\\n`) starts a line indented by `_AT`
    at least."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def plain(self) -> Any:
        return json.loads(self.text)

    def render(self, newline: str) -> str:
        return self.text if newline == _AT else self.text.replace(_AT, newline)


_FIELDS = (
    "rule",
    "name",
    "category",
    "severity",
    "message",
    "line",
    "column",
    "end_line",
    "end_column",
    "suggestion",
    "fix",
    "related",
)
_KEYS: dict[str, tuple[str, ...]] = {}


def _keys(field: str) -> tuple[str, ...]:
    """Each field's separator and key at an indentation: `,\\n      "name": `."""
    found = _KEYS.get(field)
    if found is None:
        found = _KEYS[field] = tuple(f'{field}"{name}": ' for name in _FIELDS)
    return found


# A severity's label as JSON: `Severity.label` is an enum property, slow for 12,000 calls.
_SEVERITY_JSON = {severity: encode_basestring(severity.label) for severity in Severity}


def _diagnostic(d: Diagnostic, newline: str, keys: tuple[str, ...]) -> str:
    span = d.span
    hint = d.suggestion
    # One join of the keys and values, without a tuple of values zipped with the keys:
    # the report of a warm run of 1,000 documents writes 12,000 of these.
    text = "".join(
        (
            "{", keys[0], encode_basestring(d.rule),
            ",", keys[1], encode_basestring(d.name),
            ",", keys[2], encode_basestring(d.category),
            ",", keys[3], _SEVERITY_JSON[d.severity],
            ",", keys[4], encode_basestring(d.message),
            ",", keys[5], int.__repr__(span.line),
            ",", keys[6], int.__repr__(span.column),
            ",", keys[7], int.__repr__(span.end_line),
            ",", keys[8], int.__repr__(span.end_column),
            ",", keys[9], "null" if hint is None else encode_basestring(hint),
        )
    )  # fmt: skip
    field = newline + "  "
    if d.fix is not None:
        text += "," + keys[10] + _fix(d.fix, field)
    if d.related:
        text += "," + keys[11] + _related(d.related, field)
    return text + newline + "}"


def _span_fields(span: Span, newline: str) -> str | None:
    """`"line": 1,<newline>"column": 2, ...` as json.dumps writes a span's four fields
    inside a dict at `newline`; None for numbers that are not plain ints (the walk
    writes those)."""
    line, column, end_line, end_column = span.line, span.column, span.end_line, span.end_column
    if not (
        type(line) is int and type(column) is int and type(end_line) is int
        and type(end_column) is int
    ):  # fmt: skip
        return None
    return (
        f'"line": {int.__repr__(line)},{newline}"column": {int.__repr__(column)},{newline}'
        f'"end_line": {int.__repr__(end_line)},{newline}"end_column": '
        f"{int.__repr__(end_column)},{newline}"
    )


def _related(related: Sequence[Related], newline: str) -> str:
    """`[r.to_json() for r in related]` as `_nested` writes it at `newline`, by template:
    a warm run's report of 1,000 documents has thousands (timeline entries out of order)."""
    inner = newline + "  "
    field = inner + "  "
    items = []
    for place in related:
        spans = _span_fields(place.span, field)
        if spans is None or not isinstance(place.message, str):
            return _nested([r.to_json() for r in related], newline)
        message = encode_basestring(place.message)
        items.append("{" + field + spans + '"message": ' + message + inner + "}")
    return "[" + inner + ("," + inner).join(items) + newline + "]"


def _fix(fix: Fix, newline: str) -> str:
    """`fix.to_json()` as `_nested` writes it at `newline`, by template (see `_related`)."""
    applicability = fix.applicability.value
    if not (isinstance(fix.description, str) and isinstance(applicability, str) and fix.edits):
        return _nested(fix.to_json(), newline)
    inner = newline + "  "
    field = inner + "    "
    edits = []
    for edit in fix.edits:
        spans = _span_fields(edit.span, field)
        if spans is None or not isinstance(edit.content, str):
            return _nested(fix.to_json(), newline)
        content = encode_basestring(edit.content)
        edits.append("{" + field + spans + '"content": ' + content + inner + "  }")
    return (
        "{" + inner + '"description": ' + encode_basestring(fix.description) + "," + inner
        + '"applicability": ' + encode_basestring(applicability) + "," + inner + '"edits": ['
        + inner + "  " + ("," + inner + "  ").join(edits) + inner + "]"
        + newline + "}"
    )  # fmt: skip


def _nested(value: Any, newline: str) -> str:
    """`value` written by `indented_json` at the indentation `newline` gives."""
    text = indented_json(value)
    return text.replace("\n", newline) if newline != "\n" else text
