"""`--format sarif`: SARIF 2.1.0 for code scanning (github/codeql-action/upload-sarif).

One run: the tool driver with the table of rules that ran (documentation from each rule's
YAML `docs:`), one result per finding with its rule index, level, message, region and the
fingerprint from `pmlint.fingerprints`, and one tool notification per file that could not
be linted. Columns are code points (`columnKind: unicodeCodePoints`), `endColumn` exclusive,
as in pmlint's own JSON. URIs are relative to %SRCROOT%, the repository root of the current
folder (else the folder itself), as code scanning expects; files outside it get file: URIs.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pmlint.diagnostics import Diagnostic, Fix, Severity, Span
from pmlint.fingerprints import VERSION, fingerprints
from pmlint.formats.common import RunInfo, describe, indented_json, root_relative, source_root
from pmlint.report import FileReport
from pmlint.rule import Rule, rule_uri
from pmlint.version import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SRCROOT = "%SRCROOT%"


def render(reports: Sequence[FileReport], info: RunInfo) -> str:
    root = source_root()
    rules = [_descriptor(rule) for rule in info.rules]
    index = {rule.id: i for i, rule in enumerate(info.rules)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for report in reports:
        if report.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{report.path}: {report.error}"},
                    "locations": [{"physicalLocation": _artifact(report.path, root)}],
                }
            )
            continue
        for diagnostic, fingerprint in zip(report.diagnostics, fingerprints(report), strict=True):
            if diagnostic.rule not in index:  # only when the caller gave no rule table
                index[diagnostic.rule] = len(rules)
                rules.append({"id": diagnostic.rule, "name": diagnostic.name})
            location = _artifact(diagnostic.path, root)
            results.append(_result(diagnostic, index[diagnostic.rule], location, fingerprint))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "pmlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }
        },
        "invocations": [
            {
                "executionSuccessful": not notifications
                and not any(r.internal_error for r in reports),
                "toolExecutionNotifications": notifications,
            }
        ],
        "originalUriBaseIds": {SRCROOT: {"uri": Path(root).as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    payload = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return indented_json(payload) + "\n"


def _descriptor(rule: Rule) -> dict[str, Any]:
    docs = rule.docs
    help_parts = [docs.summary]
    if docs.why:
        help_parts.append(docs.why)
    markdown = list(help_parts)
    if docs.bad:
        help_parts.append(f"Bad:\n{docs.bad}")
        markdown.append(f"Bad:\n\n```markdown\n{docs.bad}\n```")
    if docs.good:
        help_parts.append(f"Good:\n{docs.good}")
        markdown.append(f"Good:\n\n```markdown\n{docs.good}\n```")
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": docs.summary},
        "fullDescription": {"text": docs.why or docs.summary},
        "help": {"text": "\n\n".join(help_parts), "markdown": "\n\n".join(markdown)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }
    uri = rule_uri(rule)  # a bundled rule's YAML (its docs) in the repository
    if uri is not None:
        descriptor["helpUri"] = uri
    return descriptor


def _result(
    diagnostic: Diagnostic, rule_index: int, location: dict[str, Any], fingerprint: str
) -> dict[str, Any]:
    location["region"] = _region(diagnostic.span)
    result: dict[str, Any] = {
        "ruleId": diagnostic.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[diagnostic.severity],
        "message": {"text": describe(diagnostic)},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {VERSION: fingerprint},
    }
    if diagnostic.fix is not None:
        result["fixes"] = [_fix(diagnostic.fix, location["artifactLocation"])]
    if diagnostic.related:
        result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": {
                    "artifactLocation": dict(location["artifactLocation"]),
                    "region": _region(place.span),
                },
                "message": {"text": place.message},
            }
            for number, place in enumerate(diagnostic.related)
        ]
    return result


def _region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def _fix(fix: Fix, artifact: dict[str, Any]) -> dict[str, Any]:
    """SARIF §3.55: a fix as replacements in one artifact; the applicability (safe or
    unsafe, which SARIF has no field for) goes in the property bag."""
    return {
        "description": {"text": fix.description},
        "artifactChanges": [
            {
                "artifactLocation": dict(artifact),
                "replacements": [
                    {
                        "deletedRegion": _region(edit.span),
                        "insertedContent": {"text": edit.content},
                    }
                    for edit in fix.edits
                ],
            }
        ],
        "properties": {"applicability": fix.applicability.value},
    }


def _artifact(path: str, root: str) -> dict[str, Any]:
    relative = root_relative(path, root)
    if relative is not None:
        return {"artifactLocation": {"uri": urllib.parse.quote(relative), "uriBaseId": SRCROOT}}
    if path.startswith("<"):  # <stdin> without --stdin-filename
        return {"artifactLocation": {"uri": urllib.parse.quote(path)}}
    return {"artifactLocation": {"uri": Path(os.path.abspath(path)).as_uri()}}
