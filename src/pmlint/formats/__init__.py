"""Output formats: each turns the reports of a run into text for stdout or --output."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmlint.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:  # the CLI imports this module for its format names: keep it light
    from pmlint.engine import FileReport
    from pmlint.packs import Rule


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What a formatter may say about the run besides the findings."""

    files: int
    color: bool = False
    quiet: bool = False
    nlp: dict[str, object] | None = None
    rules: tuple[Rule, ...] = ()  # the rules that ran, sorted by id (SARIF, JUnit tables)
    fail_on: Severity = Severity.WARNING  # findings below it do not fail (JUnit verdicts)


Formatter = Callable[[Sequence["FileReport"], RunInfo], str]


def formatter(name: str) -> Formatter:
    from pmlint.formats import github, gitlab, json_format, junit, sarif, text

    table: dict[str, Formatter] = {
        "text": text.render,
        "json": json_format.render,
        "sarif": sarif.render,
        "github": github.render,
        "junit": junit.render,
        "gitlab": gitlab.render,
    }
    if name not in table:
        raise KeyError(name)
    return table[name]


def resolve(name: str, environ: Mapping[str, str]) -> str:
    """`auto` is `github` inside GitHub Actions (GITHUB_ACTIONS=true), else `text`."""
    if name != AUTO:
        return name
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


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
    from pmlint.fingerprints import repository_root

    return repository_root(os.getcwd()) or os.getcwd()


def root_relative(path: str, root: str) -> str | None:
    """`path` from `root`, '/'-separated; None for a path outside it or a name like <stdin>."""
    if path.startswith("<"):
        return None
    relative = os.path.relpath(os.path.abspath(path), root)
    return None if relative.startswith("..") else relative.replace(os.sep, "/")


IMPLEMENTED = ("text", "json", "sarif", "github", "junit", "gitlab")
AUTO = "auto"
PLANNED: tuple[str, ...] = ()
