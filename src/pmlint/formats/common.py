"""What every output format shares: the run's facts and how a finding reads on one line.

Formatters import this module and the model only, never the linter (see README, Layout).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pmlint.diagnostics import Diagnostic, Severity
from pmlint.fingerprints import repository_root
from pmlint.report import FileReport
from pmlint.rule import Rule


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What a formatter may say about the run besides the findings."""

    files: int
    color: bool = False
    quiet: bool = False
    nlp: dict[str, object] | None = None
    rules: tuple[Rule, ...] = ()  # the rules that ran, sorted by id (SARIF, JUnit tables)
    fail_on: Severity = Severity.WARNING  # findings below it do not fail (JUnit verdicts)


Formatter = Callable[[Sequence[FileReport], RunInfo], str]


def describe(diagnostic: Diagnostic) -> str:
    """The message with its suggestion, for formats that show one line of text per finding."""
    if diagnostic.suggestion:
        return f"{diagnostic.message} {diagnostic.suggestion}"
    return diagnostic.message


def title(diagnostic: Diagnostic) -> str:
    return f"{diagnostic.rule} {diagnostic.name}"


def source_root() -> str:
    """Where the CI formats' paths start: the repository root of the current folder, else it.

    GitHub annotations, code scanning and GitLab all expect paths from the repository root,
    also when pmlint runs in a subfolder.
    """
    return repository_root(os.getcwd()) or os.getcwd()


def root_relative(path: str, root: str) -> str | None:
    """`path` from `root`, '/'-separated; None for a path outside it or a name like <stdin>."""
    if path.startswith("<"):
        return None
    relative = os.path.relpath(os.path.abspath(path), root)
    return None if relative.startswith("..") else relative.replace(os.sep, "/")
