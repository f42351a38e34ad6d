"""Fingerprints: one id per finding that survives edits elsewhere in the file.

The baseline (`--baseline`), SARIF `partialFingerprints` and GitLab's `fingerprint` all use
the value computed here. It hashes what identifies a finding independently of where the file
has moved it:

- the rule id;
- the path relative to the repository root (the nearest folder above the file that holds
  `.git`; else the current folder), with `/` separators, so running from a subfolder or
  with `./` in front gives the same value;
- the flagged text (the span, or its whole line when the span is empty), whitespace
  collapsed: no line or column numbers;
- the message with digits masked, which tells apart findings of one rule on one span
  (PM001 names each missing section on the title) without depending on line numbers a
  message may quote;
- the occurrence index among the file's earlier findings with the same values, so two
  identical placeholders in one file stay two findings.

Inserting or deleting lines elsewhere changes none of these; editing the flagged text does.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from functools import lru_cache

from pmlint.diagnostics import Span
from pmlint.report import FileReport

VERSION = "pmlint/v1"  # the SARIF partialFingerprints key; bump if the recipe changes
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=256)
def repository_root(folder: str) -> str | None:
    """The nearest folder at or above `folder` (absolute) that holds `.git`, if any."""
    if os.path.exists(os.path.join(folder, ".git")):
        return folder
    parent = os.path.dirname(folder)
    return None if parent == folder else repository_root(parent)


def project_root(path: str) -> str:
    """The repository root above the file `path`, else the current folder."""
    return repository_root(os.path.dirname(os.path.abspath(path))) or os.getcwd()


def project_path(path: str) -> str:
    """`path` relative to its repository root (else the current folder), '/'-separated.

    Names that are not files on disk (`<stdin>`) are returned as they are.
    """
    if path.startswith("<"):
        return path
    return os.path.relpath(os.path.abspath(path), project_root(path)).replace(os.sep, "/")


def flagged_text(lines: list[str], span: Span) -> str:
    """The text a span covers (its whole first line when the span is empty), spaces collapsed."""
    if not 0 < span.line <= len(lines):
        return ""
    last = min(span.end_line, len(lines))
    if last == span.line:
        text = lines[span.line - 1][span.column - 1 : span.end_column - 1]
    else:
        chunk = lines[span.line - 1 : last]
        chunk[0] = chunk[0][span.column - 1 :]
        chunk[-1] = chunk[-1][: span.end_column - 1]
        text = "\n".join(chunk)
    if not text.strip():
        text = lines[span.line - 1]
    return _SPACE.sub(" ", text).strip()


def fingerprints(report: FileReport) -> list[str]:
    """One fingerprint per diagnostic of the report, in the report's order."""
    path = project_path(report.path)
    seen: Counter[tuple[str, str, str]] = Counter()
    result: list[str] = []
    for diagnostic in report.diagnostics:
        text = flagged_text(report.lines, diagnostic.span)
        key = (diagnostic.rule, text, _DIGITS.sub("0", diagnostic.message))
        index = seen[key]
        seen[key] += 1
        payload = "\0".join((VERSION, path, *key, str(index)))
        result.append(hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32])
    return result
