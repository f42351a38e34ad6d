"""Output formats: each turns the reports of a run into text for stdout or --output."""

from __future__ import annotations

import importlib
from collections.abc import Mapping

from pmlint.formats.common import (
    Formatter,
    RunInfo,
    describe,
    root_relative,
    source_root,
    title,
)

__all__ = [
    "AUTO",
    "IMPLEMENTED",
    "PLANNED",
    "SOURCE_LINE_FORMATS",
    "Formatter",
    "RunInfo",
    "describe",
    "formatter",
    "resolve",
    "root_relative",
    "source_root",
    "title",
]


def formatter(name: str) -> Formatter:
    """The `render` of format `name` (KeyError for another name); only its module is
    imported (junit's XML and SARIF's tables cost a run that writes JSON 15 ms)."""
    module = _MODULES[name]
    found: Formatter = importlib.import_module(f"pmlint.formats.{module}").render
    return found


_MODULES = {
    "text": "text",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
}


def resolve(name: str, environ: Mapping[str, str]) -> str:
    """`auto` is `github` inside GitHub Actions (GITHUB_ACTIONS=true), else `text`."""
    if name != AUTO:
        return name
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


IMPLEMENTED = ("text", "json", "sarif", "github", "junit", "gitlab")
# The formats that read a report's source lines (`FileReport.lines`): text prints excerpts,
# SARIF and GitLab fingerprint the flagged text (`pmlint.fingerprints`). A run in another
# format leaves the files the cache serves unread.
SOURCE_LINE_FORMATS = frozenset({"text", "sarif", "gitlab"})
AUTO = "auto"
PLANNED: tuple[str, ...] = ()
