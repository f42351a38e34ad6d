"""pmlint diagnostics as LSP diagnostics, and hover text for them."""

from __future__ import annotations

from lsprotocol import types

from pmlint.config import Config
from pmlint.diagnostics import Diagnostic, Severity
from pmlint.docs import explain
from pmlint.lsp.positions import LineIndex
from pmlint.rule import rule_uri

__all__ = ["SOURCE", "hover_text", "problem_diagnostic", "to_lsp"]

SOURCE = "pmlint"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def to_lsp(
    diagnostic: Diagnostic, index: LineIndex, config: Config | None, uri: str
) -> types.Diagnostic:
    """The rule id as `code`, its docs as `codeDescription` (none for a team's own rule),
    the message followed by the suggestion, and a finding's second places (the entry an
    entry is out of order with, the start an end contradicts) as `relatedInformation`."""
    rule = config.rules.get(diagnostic.rule) if config is not None else None
    href = rule_uri(rule) if rule is not None else None
    message = diagnostic.message
    if diagnostic.suggestion:
        message = f"{message}\n{diagnostic.suggestion}"
    return types.Diagnostic(
        range=index.range(diagnostic.span),
        message=message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.rule,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        related_information=[
            types.DiagnosticRelatedInformation(
                location=types.Location(uri=uri, range=index.range(place.span)),
                message=place.message,
            )
            for place in diagnostic.related
        ]
        or None,
    )


def problem_diagnostic(problem: str, index: LineIndex) -> types.Diagnostic:
    """Why a document was not linted, on its first line."""
    first = index.lines[0] if index.lines else ""
    end = index.position(1, len(first) + 1)
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), end),
        message=problem,
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )


def hover_text(config: Config, rule_ids: list[str]) -> str | None:
    """`pmlint explain` of each rule, as Markdown."""
    parts = []
    for rule_id in dict.fromkeys(rule_ids):
        page = explain(config, rule_id)
        if page is None:
            continue
        rule = config.rules.get(rule_id)
        href = rule_uri(rule) if rule is not None else None
        title = f"**{rule.id}** {rule.name}" if rule is not None else f"**{rule_id}**"
        if href:
            title += f" ([docs]({href}))"
        parts.append(f"{title}\n\n```text\n{page.rstrip()}\n```")
    return "\n\n---\n\n".join(parts) or None
